/**
 * What the desktop and the web language client share: the documents the server gets, what it is
 * told in `initialize`, how it is brought back when it crashes, and the file requests it may send
 * (nodeClient.ts starts the server as a Node process, browserClient.ts as a web worker).
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  type BaseLanguageClient,
  type CloseHandlerResult,
  type DocumentSelector,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
} from 'vscode-languageclient';
import { READ_DIRECTORIES_REQUEST, READ_FILES_REQUEST, STAT_FILES_REQUEST, type ReadDirectoriesParams, type ReadFilesParams, type StatFilesParams } from '../../server/src/protocol';
import { WorkspaceFiles } from './workspaceFiles';

export const CLIENT_ID = 'gbt27922';
export const CONFIG_SECTION = 'gbt27922';

/**
 * Markdown on disk, in untitled editors and in the file systems of the workspace folders
 * (`vscode-vfs` on github.dev, `vscode-remote`, …): not Markdown anywhere else, such as a diff
 * view's `git:` side or a notebook cell. The project's JSON settings files wherever they are.
 */
export function documentSelector(folderSchemes: readonly string[] = []): DocumentSelector {
  const schemes = [...new Set(['file', 'untitled', ...folderSchemes])];
  return [
    ...schemes.map((scheme) => ({ scheme, language: 'markdown' })),
    { language: 'json', pattern: '**/gbt27922.config.json' },
    { language: 'json', pattern: '**/*.scheme.json' },
  ];
}

/** The URI schemes of the workspace folders open now. */
function folderSchemes(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme);
}

/** The selector for the folders open now. */
export function workspaceDocumentSelector(): DocumentSelector {
  return documentSelector(folderSchemes());
}

/** Is this a Markdown document the server analyses (documentSelector)? */
export function isAnalysedMarkdown(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled' || folderSchemes().includes(doc.uri.scheme));
}

/**
 * What the server gets in `initialize` (see server/src/server.ts). The scheme and the manual's
 * root come from gbt27922.config.json, which the server reads and watches itself, so the
 * command line and the editor always agree.
 */
export interface InitializationOptions {
  locale: string;
  severity: Record<string, string>;
  debounceMs: number;
  /** Workspace storage: the server keeps its parse cache there (desktop). */
  storagePath?: string;
  /** The client answers the server's file requests (registerWorkspaceFiles). */
  workspaceFiles: true;
  /** The extension's folder: the web build's server names the built-in scheme files there. */
  extensionUri: string;
  /**
   * False in Restricted Mode: the server reads no scheme file the workspace names (only built-in
   * schemes). The `gbt27922.scheme` and `manualRoot` settings are restrictedConfigurations
   * (package.json), so VS Code gives no workspace value for them then either.
   */
  trusted: boolean;
}

export function initializationOptions(context: vscode.ExtensionContext): InitializationOptions {
  const cfg = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return {
    locale: vscode.env.language,
    severity: { ...(cfg.get<Record<string, string>>('severity') ?? {}) },
    debounceMs: cfg.get<number>('debounceMs') ?? 250,
    storagePath: context.storageUri?.scheme === 'file' ? context.storageUri.fsPath : undefined,
    workspaceFiles: true,
    extensionUri: context.extensionUri.toString(),
    trusted: vscode.workspace.isTrusted,
  };
}

/** File watchers for what the server reads (its own watcher registrations come on top). */
export function createWatchers(context: vscode.ExtensionContext): vscode.FileSystemWatcher[] {
  const watchers = ['**/*.{md,markdown}', '**/gbt27922.config.json', '**/*.scheme.json', '**/schemes/*.json'].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);
  return watchers;
}

/** The client options both builds use. */
export function clientOptions(context: vscode.ExtensionContext, output: vscode.OutputChannel, errorHandler: ErrorHandler): LanguageClientOptions {
  return {
    documentSelector: workspaceDocumentSelector(),
    synchronize: { configurationSection: CONFIG_SECTION, fileEvents: createWatchers(context) },
    // A function: read again when the server restarts (after the user trusts the folder).
    initializationOptions: () => initializationOptions(context),
    outputChannel: output,
    errorHandler,
    diagnosticCollectionName: CLIENT_ID,
    markdown: { isTrusted: false, supportHtml: false },
  };
}

/** Answer the server's file requests with `vscode.workspace.fs`, inside the workspace folders only (workspaceFiles.ts). */
export function registerWorkspaceFiles(client: BaseLanguageClient): vscode.Disposable[] {
  const files = new WorkspaceFiles({ fs: vscode.workspace.fs, parse: (u) => vscode.Uri.parse(u, true), folders: () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri) });
  return [
    client.onRequest(READ_DIRECTORIES_REQUEST, (p: ReadDirectoriesParams) => files.readDirectories(p)),
    client.onRequest(READ_FILES_REQUEST, (p: ReadFilesParams) => files.readFiles(p)),
    client.onRequest(STAT_FILES_REQUEST, (p: StatFilesParams) => files.stat(p)),
  ];
}

/**
 * Restarts the server after a crash, up to `maxRestarts` times within `windowMs`; beyond that it
 * stops trying and offers a button (a server that crashes in a loop would otherwise eat the CPU).
 */
export class RestartingErrorHandler implements ErrorHandler {
  private restarts: number[] = [];

  constructor(
    private readonly log: vscode.OutputChannel,
    private readonly onGiveUp: () => void,
    private readonly maxRestarts = 5,
    private readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  error(error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    this.log.appendLine(`[client] connection error ${count ?? ''}: ${error?.message ?? error}`);
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const t = this.now();
    this.restarts = this.restarts.filter((r) => t - r < this.windowMs);
    if (this.restarts.length >= this.maxRestarts) {
      this.log.appendLine(`[client] the server stopped ${this.restarts.length + 1} times within ${this.windowMs / 60_000} minutes; not restarting it again`);
      this.restarts = [];
      this.onGiveUp();
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.restarts.push(t);
    this.log.appendLine(`[client] the server stopped unexpectedly; restarting it (${this.restarts.length} of ${this.maxRestarts})`);
    return { action: CloseAction.Restart, handled: true };
  }

  /** After a deliberate restart the count starts again. */
  reset(): void {
    this.restarts = [];
  }
}
