/**
 * "Import Word Document…" (on .docx files in the explorer, and in the palette) and "Suggest Clause
 * Tags for This File".
 *
 * Import runs the bundled command line (dist/cli.js `import`) as a child process: the extension
 * host never blocks on a large document, the checks and messages are the CLI's (tested there),
 * and the child reports its stage over IPC for the progress notification (cancellable: the child
 * is ended). The result opens beside the original; an existing .md is never overwritten without
 * the user choosing Replace (or another name).
 *
 * Suggest asks the server for every confident suggestion of the file as one WorkspaceEdit and
 * applies it: one undo step takes it all back.
 */
import { fork } from 'node:child_process';
import * as vscode from 'vscode';
import { SUGGEST_FILE_REQUEST, type SuggestFileResult } from '../../server/src/protocol';
import type { CommandHost } from './commands';

export const WORD_COMMANDS = {
  importWord: 'gbt27922.importWord',
  suggestTags: 'gbt27922.suggestTags',
} as const;

/** Options for tests and other extensions; a user gets the dialogs instead. */
export interface ImportArgs {
  /** Where to write (default: beside the input, same name with .md). */
  target?: string;
  /** What to do when the target exists (default: ask). */
  ifExists?: 'replace' | 'cancel';
}

const STAGES: Record<string, () => string> = {
  checking: () => vscode.l10n.t('Checking the file…'),
  converting: () => vscode.l10n.t('Converting Word to HTML…'),
  markdown: () => vscode.l10n.t('Writing Markdown…'),
  suggesting: () => vscode.l10n.t('Suggesting clause tags…'),
  done: () => vscode.l10n.t('Done'),
};

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The .md to write: beside the input, or another name the user picks; undefined when cancelled. */
async function chooseTarget(source: vscode.Uri, args: ImportArgs): Promise<{ target: vscode.Uri; force: boolean } | undefined> {
  let target = args.target ? source.with({ path: vscode.Uri.file(args.target).path }) : source.with({ path: source.path.replace(/\.[^./]*$/, '') + '.md' });
  if (!(await exists(target))) return { target, force: false };
  if (args.ifExists === 'replace') return { target, force: true };
  if (args.ifExists === 'cancel') return undefined;
  const replace = vscode.l10n.t('Replace');
  const saveAs = vscode.l10n.t('Save As…');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} already exists. Replace it with the imported document?', vscode.workspace.asRelativePath(target)),
    { modal: true },
    replace,
    saveAs,
  );
  if (choice === replace) return { target, force: true };
  if (choice !== saveAs) return undefined;
  const picked = await vscode.window.showSaveDialog({ defaultUri: target, filters: { Markdown: ['md'] }, saveLabel: vscode.l10n.t('Import') });
  if (!picked) return undefined;
  target = picked;
  // The save dialog has asked about replacing already.
  return { target, force: await exists(target) };
}

/** Run `gbt27922 import` in a child process; resolves with its exit code and stderr. */
function runImport(host: CommandHost, cli: string, args: string[], progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(cli, args, {
      env: { ...process.env, GBT27922_PROGRESS: 'ipc', LANG: vscode.env.language.toLowerCase().startsWith('zh') ? 'zh_CN.UTF-8' : 'en_US.UTF-8', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      execArgv: [],
    });
    let stderr = '';
    let stdout = '';
    child.stderr?.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.stdout?.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.on('message', (m: { progress?: string }) => {
      if (m && typeof m.progress === 'string' && STAGES[m.progress]) progress.report({ message: STAGES[m.progress](), increment: 20 });
    });
    const cancel = token.onCancellationRequested(() => child.kill());
    child.on('error', (e) => {
      cancel.dispose();
      reject(e);
    });
    child.on('exit', (code) => {
      cancel.dispose();
      host.log.appendLine(`[client] import ${args[1]}: exit ${code}${stdout ? `\n${stdout.trimEnd()}` : ''}${stderr ? `\n${stderr.trimEnd()}` : ''}`);
      resolve({ code, stderr });
    });
  });
}

export async function importWordDocument(host: CommandHost, sourceArg?: vscode.Uri | string, args: ImportArgs = {}): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  // A path: on the machine the extension host runs on (a remote host's paths under its URI scheme).
  let source = typeof sourceArg === 'string' ? (folder ?? vscode.Uri.file('/')).with({ path: vscode.Uri.file(sourceArg).path }) : sourceArg;
  if (!source) {
    const picked = await vscode.window.showOpenDialog({
      title: vscode.l10n.t('Import Word document'),
      canSelectMany: false,
      filters: { [vscode.l10n.t('Word documents')]: ['docx'], HTML: ['html', 'htm'] },
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    source = picked?.[0];
    if (!source) return undefined;
  }
  // The command line runs beside the extension host: local files, or a remote host's own files.
  if (source.scheme !== 'file' && source.scheme !== 'vscode-remote') throw new Error(vscode.l10n.t('Only files on disk can be imported.'));
  const chosen = await chooseTarget(source, args);
  if (!chosen) return undefined;
  const cli = vscode.Uri.joinPath(host.extensionUri, 'dist', 'cli.js').fsPath;
  const cliArgs = ['import', source.fsPath, '-o', chosen.target.fsPath, ...(chosen.force ? ['--force'] : [])];
  const name = source.path.split('/').pop() ?? source.fsPath;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing {0}', name), cancellable: true },
    (progress, token) => runImport(host, cli, cliArgs, progress, token),
  );
  if (result.code !== 0) {
    if (result.code === null) return undefined; // cancelled
    const reason = result.stderr.split('\n').find((l) => l.trim())?.replace(/^gbt27922: /, '') ?? `exit ${result.code}`;
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot import {0}: {1}', name, reason));
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(chosen.target);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  return chosen.target;
}

/** Apply every confident suggestion of the file as one edit; resolves with the number of headings tagged. */
export async function suggestTagsForFile(host: CommandHost, target?: vscode.Uri): Promise<number> {
  const uri = target ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a manual file first.'));
    return 0;
  }
  const r = await host.client.sendRequest<SuggestFileResult>(SUGGEST_FILE_REQUEST, { uri: uri.toString() });
  if (!r || r.count === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No section of this file has a confident clause suggestion.'));
    return 0;
  }
  const edit = await host.client.protocol2CodeConverter.asWorkspaceEdit(r.edit);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('The edit could not be applied.'));
  void vscode.window.showInformationMessage(vscode.l10n.t('Tagged {0} sections with suggested clauses (undo takes them all back).', r.count));
  return r.count;
}

export function registerWordCommands(host: CommandHost, guard: <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) => (...args: A) => Promise<R | undefined>): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(
      WORD_COMMANDS.importWord,
      guard(WORD_COMMANDS.importWord, (source?: vscode.Uri | string, args?: ImportArgs) => importWordDocument(host, source, args ?? {}).then((u) => u?.toString())),
    ),
    vscode.commands.registerCommand(
      WORD_COMMANDS.suggestTags,
      guard(WORD_COMMANDS.suggestTags, (target?: vscode.Uri) => suggestTagsForFile(host, target instanceof vscode.Uri ? target : undefined)),
    ),
  ];
}
