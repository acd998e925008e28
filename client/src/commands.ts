/**
 * The extension's commands. Every one of them acts only on the user's explicit request; none
 * overwrites a file without the user choosing it (generated documents open as untitled).
 */
import * as path from 'node:path';
import * as jsonc from 'jsonc-parser';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  GENERATE_REQUEST,
  type DocumentScorePayload,
  type GenerateParams,
  type GenerateResult,
  type Location,
} from '../../server/src/protocol';
import { renderStandaloneHtml } from './panel/html';
import { documentNameOf } from './panel/viewModel';
import { openLocation } from './panel/scorePanel';
import { writeOutputFile } from '../../server/src/io/outputFile';
import { exportOffice, type ExportArgs } from './export';

export const COMMANDS = {
  openPanel: 'gbt27922.openPanel',
  generateAuditChecklist: 'gbt27922.generateAuditChecklist',
  generateManualSkeleton: 'gbt27922.generateManualSkeleton',
  insertUncoveredStubs: 'gbt27922.insertUncoveredStubs',
  chooseScheme: 'gbt27922.chooseScheme',
  exportHtml: 'gbt27922.exportHtml',
  exportWord: 'gbt27922.exportWord',
  exportExcel: 'gbt27922.exportExcel',
  exportPdf: 'gbt27922.exportPdf',
  restartServer: 'gbt27922.restartServer',
  refreshCatalog: 'gbt27922.refreshCatalog',
  openLocation: 'gbt27922.openLocation',
  showOutput: 'gbt27922.showOutput',
} as const;

export const CONFIG_FILE_NAME = 'gbt27922.config.json';

export const BUILTIN_SCHEMES = ['gbt27922-2011', 'gbt27922-2011-dual-score', 'ten-star'] as const;

export interface CommandHost {
  readonly client: LanguageClient;
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.OutputChannel;
  /** The active document's payload (fresh from the server if possible). */
  activePayload(): Promise<DocumentScorePayload | undefined>;
  activeUri(): string | undefined;
  openPanel(): Promise<void>;
  restartServer(): Promise<void>;
  refreshCatalog(): Promise<void>;
}

export function serverLocale(): 'en' | 'zh' {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

// ---------------------------------------------------------------- generate

export interface GenerateArgs {
  organisation?: string;
  scheme?: string;
}

/** Ask the server for a checklist or skeleton and open it as an untitled Markdown document. */
export async function generateDocument(host: CommandHost, kind: GenerateParams['kind'], args?: GenerateArgs): Promise<vscode.TextDocument | undefined> {
  let organisation = args?.organisation;
  if (args === undefined) {
    organisation = await vscode.window.showInputBox({
      title: kind === 'audit-checklist' ? vscode.l10n.t('Generate audit checklist') : vscode.l10n.t('Generate manual skeleton'),
      prompt: vscode.l10n.t('Organisation name (optional, goes into the front matter)'),
      placeHolder: vscode.l10n.t('e.g. 某某电器有限公司'),
      ignoreFocusOut: true,
    });
    if (organisation === undefined) return undefined; // cancelled
  }
  const params: GenerateParams = {
    kind,
    locale: serverLocale(),
    organisation: organisation?.trim() || undefined,
    scheme: args?.scheme,
  };
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Generating…') },
    () => host.client.sendRequest<GenerateResult>(GENERATE_REQUEST, params),
  );
  if (!result || typeof result.text !== 'string') throw new Error(vscode.l10n.t('The language server returned no document.'));
  const doc = await openNamedUntitled(kind === 'audit-checklist' ? vscode.l10n.t('audit-checklist') : vscode.l10n.t('service-manual'), result.text);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/**
 * A new unsaved Markdown document named for what it is (审核清单.md, then 审核清单-2.md …), so its
 * tab says what it holds and Save proposes that name. A fresh name each time: VS Code reuses
 * "Untitled-N", and a document just closed under that name could still be closing when the next
 * one opens under it.
 */
async function openNamedUntitled(base: string, text: string): Promise<vscode.TextDocument> {
  const taken = new Set(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'untitled').map((d) => d.uri.path.split('/').pop()));
  let name = `${base}.md`;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}.md`;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: name }));
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('The language server returned no document.'));
  if (doc.languageId !== 'markdown') return vscode.languages.setTextDocumentLanguage(doc, 'markdown');
  return doc;
}

// ---------------------------------------------------------------- stubs

/** Workspace-relative path → URI, trying every workspace folder. */
async function resolveWorkspacePath(rel: string): Promise<vscode.Uri | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const uri = path.isAbsolute(rel) ? vscode.Uri.file(rel) : vscode.Uri.joinPath(folder.uri, rel);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** The manual's root file: from the active manual's payload, else `manualRoot` of gbt27922.config.json or the setting, else the active document. */
export async function manualRootUri(host: CommandHost): Promise<vscode.Uri | undefined> {
  const payload = await host.activePayload();
  if (payload?.kind === 'manual' && payload.manual?.root) {
    const uri = await resolveWorkspacePath(payload.manual.root);
    if (uri) return uri;
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    // The config file wins over the setting, as in the server.
    const config = await readConfig(folder);
    const fromFile = typeof config?.manualRoot === 'string' ? config.manualRoot.trim() : '';
    const root = fromFile || (vscode.workspace.getConfiguration('gbt27922', folder.uri).get<string>('manualRoot') ?? '').trim();
    if (!root) continue;
    const uri = vscode.Uri.joinPath(folder.uri, root);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // named but missing: try the next folder
    }
  }
  const active = host.activeUri();
  return active ? vscode.Uri.parse(active) : undefined;
}

/** A folder's gbt27922.config.json, parsed leniently (undefined if absent or not an object). */
async function readConfig(folder: vscode.WorkspaceFolder): Promise<Record<string, unknown> | undefined> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME));
    const value: unknown = jsonc.parse(new TextDecoder().decode(bytes));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The server's source action that inserts stubs for every uncovered (manual) or unscored (audit) item. */
export const INSERT_STUBS_KIND = 'source.gbt27922.insertStubs';
const RESOLVE_COUNT = 5;

/** Whether a code action is the server's "insert stubs for all uncovered items" source action. */
export function isStubsAction(a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction {
  if (!('kind' in a) && !('edit' in a)) return false;
  const action = a as vscode.CodeAction;
  const kind = action.kind?.value ?? '';
  if (!kind.startsWith('source')) return false;
  return /stub|uncovered/i.test(kind) || /stub|uncovered|未覆盖|桩/i.test(action.title);
}

export interface StubsResult {
  applied: boolean;
  /** The manual root the action was asked on. */
  uri?: string;
  /** The documents the stubs went into. */
  edited?: string[];
  title?: string;
}

/** Run the server's source action that inserts stubs for every uncovered item into the manual root. */
export async function insertUncoveredStubs(host: CommandHost, target?: vscode.Uri): Promise<StubsResult> {
  const uri = target ?? (await manualRootUri(host));
  if (!uri) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open the service manual first.'));
    return { applied: false };
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  // The server computes the (large) edit lazily in codeAction/resolve: ask VS Code to resolve it.
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      whole,
      INSERT_STUBS_KIND,
      RESOLVE_COUNT,
    )) ?? [];
  const action = actions.find(isStubsAction);
  if (!action) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No uncovered items to insert stubs for in {0}.', documentNameOf(uri.toString())));
    return { applied: false, uri: uri.toString() };
  }
  let applied = false;
  // Stubs go where clause order puts them, which may be another file of the manual.
  const edited = action.edit ? action.edit.entries().map(([u]) => u) : [];
  if (action.edit) applied = edited.length > 0 && (await vscode.workspace.applyEdit(action.edit));
  if (action.command) {
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    applied = true;
  }
  const first = edited[0] ?? uri;
  if (applied) await vscode.window.showTextDocument(first.toString() === uri.toString() ? doc : await vscode.workspace.openTextDocument(first), { preview: false });
  return { applied, uri: uri.toString(), edited: edited.map((u) => u.toString()), title: action.title };
}

// ---------------------------------------------------------------- scheme

interface SchemePick extends vscode.QuickPickItem {
  value?: string;
}

function builtinSchemeLabel(id: string): string {
  switch (id) {
    case 'gbt27922-2011':
      return vscode.l10n.t('GB/T 27922-2011 (default)');
    case 'gbt27922-2011-dual-score':
      return vscode.l10n.t('GB/T 27922-2011 dual score (management audit + service characteristics)');
    case 'ten-star':
      return vscode.l10n.t('Ten-star after-sales service certification');
    default:
      return id;
  }
}

function folderFor(uri: string | undefined): vscode.WorkspaceFolder | undefined {
  const byDoc = uri ? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri)) : undefined;
  return byDoc ?? vscode.workspace.workspaceFolders?.[0];
}

/**
 * Write the choice into the folder's gbt27922.config.json (what the server and the command line
 * read, so editor and CI stay in step): edit its `scheme` in place, keeping comments and
 * formatting, or create the file with just that. Returns the config file.
 */
export async function writeSchemeChoice(folder: vscode.WorkspaceFolder, schemeFile: vscode.Uri | undefined, value: string): Promise<vscode.Uri> {
  const configUri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
  const ref = schemeFile ? path.posix.relative(path.posix.dirname(configUri.path), schemeFile.path) : value;
  let exists = true;
  try {
    await vscode.workspace.fs.stat(configUri);
  } catch {
    exists = false;
  }
  const we = new vscode.WorkspaceEdit();
  if (exists) {
    const doc = await vscode.workspace.openTextDocument(configUri);
    const eol = doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const edits = jsonc.modify(doc.getText(), ['scheme'], ref, { formattingOptions: { insertSpaces: true, tabSize: 2, eol } });
    for (const e of edits) we.replace(configUri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.content);
  } else {
    we.createFile(configUri, { ignoreIfExists: true });
    we.insert(configUri, new vscode.Position(0, 0), `${JSON.stringify({ scheme: ref }, null, 2)}\n`);
  }
  if (!(await vscode.workspace.applyEdit(we))) throw new Error(vscode.l10n.t('Could not edit {0}.', CONFIG_FILE_NAME));
  const doc = await vscode.workspace.openTextDocument(configUri);
  if (doc.isDirty) await doc.save();
  return configUri;
}

/** Quick pick of built-in schemes and the workspace's scheme files; `schemeArg` skips the pick. */
export async function chooseScheme(host: CommandHost, schemeArg?: string): Promise<string | undefined> {
  const folder = folderFor(host.activeUri());
  let value = schemeArg;
  let file: vscode.Uri | undefined;
  if (value === undefined) {
    const current = (await host.activePayload())?.scheme.id;
    const found = await vscode.workspace.findFiles('{**/*.scheme.json,**/schemes/*.json}', '{**/node_modules/**,**/dist/**,**/out/**}', 200);
    const items: SchemePick[] = [
      { label: vscode.l10n.t('Built-in'), kind: vscode.QuickPickItemKind.Separator },
      ...BUILTIN_SCHEMES.map((id) => ({ label: builtinSchemeLabel(id), description: id, value: id, picked: id === current })),
    ];
    if (found.length > 0) {
      items.push({ label: vscode.l10n.t('Workspace'), kind: vscode.QuickPickItemKind.Separator });
      for (const uri of found.sort((a, b) => a.path.localeCompare(b.path))) {
        items.push({ label: path.posix.basename(uri.path), description: vscode.workspace.asRelativePath(uri), value: uri.toString() });
      }
    }
    const pick = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Choose the certification scheme'),
      placeHolder: current ? vscode.l10n.t('Current: {0}', current) : undefined,
      matchOnDescription: true,
    });
    if (!pick?.value) return undefined;
    value = pick.value;
  }
  if (!(BUILTIN_SCHEMES as readonly string[]).includes(value)) {
    file = /^[a-z][\w+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value) ? vscode.Uri.parse(value) : folder ? vscode.Uri.joinPath(folder.uri, value) : vscode.Uri.file(value);
  }
  if (!folder) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: the scheme is set in its {0}.', CONFIG_FILE_NAME));
    return undefined;
  }
  const configUri = await writeSchemeChoice(folder, file, value);
  const shown = file ? vscode.workspace.asRelativePath(file) : value;
  void vscode.window.showInformationMessage(vscode.l10n.t('Scheme set to {0} in {1}.', shown, vscode.workspace.asRelativePath(configUri)));
  return shown;
}

// ---------------------------------------------------------------- export

export async function exportHtml(host: CommandHost, targetArg?: vscode.Uri | string): Promise<vscode.Uri | undefined> {
  const payload = await host.activePayload();
  if (!payload || payload.kind === 'none') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open an audit report or a service manual to export its summary.'));
    return undefined;
  }
  const cssBytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(host.extensionUri, 'media', 'panel.css'));
  const html = renderStandaloneHtml(payload, { css: new TextDecoder().decode(cssBytes), generatedAt: new Date().toISOString() });
  let target = typeof targetArg === 'string' ? vscode.Uri.parse(targetArg) : targetArg;
  if (!target) {
    const docUri = vscode.Uri.parse(payload.uri);
    const base = documentNameOf(payload.uri).replace(/\.(md|markdown)$/i, '') || 'report';
    const folder = docUri.scheme === 'file' ? vscode.Uri.joinPath(docUri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export summary as HTML'),
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${base}.summary.html`) : undefined,
      filters: { HTML: ['html', 'htm'] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return undefined;
  }
  if (target.scheme === 'file') {
    // The same writer as the CLI's output files: never through a symlink (a planted
    // `report.summary.html -> ~/.bashrc` in a repository), never half-written.
    writeOutputFile(target.fsPath, html);
  } else {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0}.', vscode.workspace.asRelativePath(target)));
  return target;
}

// ---------------------------------------------------------------- registration

/** Command arguments from other callers (menus pass a URI; tests and the panel pass options). */
function exportArgs(a: unknown): ExportArgs {
  if (!a || typeof a !== 'object' || a instanceof vscode.Uri) return {};
  const o = a as Record<string, unknown>;
  return {
    ...(typeof o.target === 'string' || o.target instanceof vscode.Uri ? { target: o.target } : {}),
    ...(o.save === true ? { save: true } : {}),
  };
}

export function guarded<A extends unknown[], R>(log: vscode.OutputChannel, name: string, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      log.appendLine(`[client] ${name} failed: ${e instanceof Error && e.stack ? e.stack : msg}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('GB/T 27922: {0} failed: {1}', name, msg));
      return undefined;
    }
  };
}

export function registerCommands(host: CommandHost): vscode.Disposable[] {
  const reg = <A extends unknown[], R>(id: string, fn: (...args: A) => Promise<R>) =>
    vscode.commands.registerCommand(id, guarded(host.log, id, fn));
  return [
    reg(COMMANDS.openPanel, () => host.openPanel()),
    reg(COMMANDS.generateAuditChecklist, (args?: GenerateArgs) => generateDocument(host, 'audit-checklist', args).then((d) => d?.uri.toString())),
    reg(COMMANDS.generateManualSkeleton, (args?: GenerateArgs) => generateDocument(host, 'manual-skeleton', args).then((d) => d?.uri.toString())),
    reg(COMMANDS.insertUncoveredStubs, (target?: vscode.Uri) => insertUncoveredStubs(host, target instanceof vscode.Uri ? target : undefined)),
    reg(COMMANDS.chooseScheme, (scheme?: string) => chooseScheme(host, typeof scheme === 'string' ? scheme : undefined)),
    reg(COMMANDS.exportHtml, (target?: vscode.Uri | string) => exportHtml(host, target).then((u) => u?.toString())),
    reg(COMMANDS.exportWord, (args?: ExportArgs) => exportOffice(host, 'docx', exportArgs(args)).then((u) => u?.toString())),
    reg(COMMANDS.exportExcel, (args?: ExportArgs) => exportOffice(host, 'xlsx', exportArgs(args)).then((u) => u?.toString())),
    reg(COMMANDS.exportPdf, (args?: ExportArgs) => exportOffice(host, 'pdf', exportArgs(args)).then((u) => u?.toString())),
    reg(COMMANDS.restartServer, () => host.restartServer()),
    reg(COMMANDS.refreshCatalog, () => host.refreshCatalog()),
    reg(COMMANDS.openLocation, async (loc?: Location) => {
      if (!loc || typeof loc.uri !== 'string' || !loc.range) return;
      await openLocation(loc.uri, loc.range);
    }),
    reg(COMMANDS.showOutput, async () => host.log.show(true)),
  ];
}
