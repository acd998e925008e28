/**
 * Export report to Word / Excel / PDF (commands and the score panel's buttons). The extension
 * runs the bundled command line (`dist/cli.js export`) on the saved file, so the editor and CI
 * produce the same files; the user picks where the file goes. PDF is offered only when
 * LibreOffice is found (context key `gbt27922.libreOfficeFound`).
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findSoffice, LIBREOFFICE_INSTALL_HINT } from '../../server/src/export/libreoffice';
import type { CommandHost } from './commands';
import { documentNameOf } from './panel/viewModel';

export type OfficeFormat = 'docx' | 'xlsx' | 'pdf';

/** The commands (also in COMMANDS of commands.ts, which the manifest test reads). */
export const EXPORT_COMMANDS: Record<OfficeFormat, string> = {
  docx: 'gbt27922.exportWord',
  xlsx: 'gbt27922.exportExcel',
  pdf: 'gbt27922.exportPdf',
};

export const LIBREOFFICE_CONTEXT_KEY = 'gbt27922.libreOfficeFound';

/** Whether LibreOffice is installed (looked up once per session, again after a failed look-up when asked). */
let sofficeCache: string | undefined | null = null;
export function libreOffice(refresh = false): string | undefined {
  if (sofficeCache === null || (refresh && sofficeCache === undefined)) sofficeCache = findSoffice(process.env);
  return sofficeCache;
}

export interface ExportArgs {
  /** Where to write (skips the save dialog). */
  target?: vscode.Uri | string;
  /** Save a modified document without asking. */
  save?: boolean;
}

const FILTERS: Record<OfficeFormat, Record<string, string[]>> = {
  docx: { Word: ['docx'] },
  xlsx: { Excel: ['xlsx'] },
  pdf: { PDF: ['pdf'] },
};

function toUri(t: vscode.Uri | string): vscode.Uri {
  if (typeof t !== 'string') return t;
  return /^[a-z][\w+.-]*:/i.test(t) && !/^[a-z]:[\\/]/i.test(t) ? vscode.Uri.parse(t) : vscode.Uri.file(t);
}

/** Export the active audit report (or manual) to `format`; resolves to the file written. */
export async function exportOffice(host: CommandHost, format: OfficeFormat, args: ExportArgs = {}): Promise<vscode.Uri | undefined> {
  const payload = await host.activePayload();
  if (!payload || payload.kind === 'none') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open an audit report or a service manual to export it.'));
    return undefined;
  }
  if (format === 'xlsx' && payload.kind !== 'audit') {
    void vscode.window.showWarningMessage(vscode.l10n.t('The Excel score sheet is made from an audit report.'));
    return undefined;
  }
  if (format === 'pdf' && !libreOffice(true)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('PDF export needs LibreOffice, which was not found: {0}.', LIBREOFFICE_INSTALL_HINT));
    return undefined;
  }
  const docUri = vscode.Uri.parse(payload.uri);
  if (docUri.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Only files on disk can be exported.'));
    return undefined;
  }
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === docUri.toString());
  if (doc?.isDirty) {
    const saveAndExport = vscode.l10n.t('Save and Export');
    const ok = args.save || (await vscode.window.showWarningMessage(vscode.l10n.t('{0} has unsaved changes: the export is made from the saved file.', documentNameOf(payload.uri)), { modal: true }, saveAndExport)) === saveAndExport;
    if (!ok || !(await doc.save())) return undefined;
  }
  let target = args.target !== undefined ? toUri(args.target) : undefined;
  if (!target) {
    const base = documentNameOf(payload.uri).replace(/\.(md|markdown)$/i, '') || 'report';
    target = await vscode.window.showSaveDialog({
      title: format === 'docx' ? vscode.l10n.t('Export to Word') : format === 'xlsx' ? vscode.l10n.t('Export to Excel') : vscode.l10n.t('Export to PDF'),
      defaultUri: vscode.Uri.joinPath(docUri, '..', `${base}.${format}`),
      filters: FILTERS[format],
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return undefined;
  }
  if (target.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Exports are written to files on disk.'));
    return undefined;
  }
  const cli = vscode.Uri.joinPath(host.extensionUri, 'dist', 'cli.js').fsPath;
  const cwd = vscode.workspace.getWorkspaceFolder(docUri)?.uri.fsPath ?? path.dirname(docUri.fsPath);
  const locale = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  const argv = [cli, 'export', docUri.fsPath, '--format', format, '--output', target.fsPath, '--locale', locale];
  host.log.appendLine(`[client] export: ${path.basename(process.execPath)} ${argv.map((a) => JSON.stringify(a)).join(' ')}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting {0}…', path.basename(target.fsPath)) },
    () => runNode(argv, cwd),
  );
  if (result.code !== 0) {
    const reason = result.stderr.split('\n').map((l) => l.replace(/^gbt27922:\s*/, '').trim()).find(Boolean) ?? `exit code ${result.code}`;
    host.log.appendLine(`[client] export failed: ${result.stderr.trim()}`);
    throw new Error(reason);
  }
  const open = vscode.l10n.t('Open');
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0}.', vscode.workspace.asRelativePath(target)), open).then((c) => {
    if (c === open) void vscode.env.openExternal(target!);
  });
  return target;
}

/** Run a script with this process's Node (Electron as Node in desktop VS Code). */
function runNode(argv: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 300_000, maxBuffer: 4 * 1024 * 1024, windowsHide: true },
      (err, _stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 2) : 0;
        resolve({ code, stderr: String(stderr || (err && !stderr ? err.message : '')) });
      },
    );
  });
}
