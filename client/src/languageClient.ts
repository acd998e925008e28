/**
 * The language client: starts the bundled server (dist/server.js, over IPC) for Markdown and for
 * the project's config and scheme files, and brings it back when it crashes.
 */
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { SERVER_NODE_ARGS } from '../../server/src/launch';

export const CLIENT_ID = 'gbt27922';
export const CONFIG_SECTION = 'gbt27922';

export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
  { language: 'json', pattern: '**/gbt27922.config.json' },
  { language: 'json', pattern: '**/*.scheme.json' },
];

/**
 * What the server gets in `initialize` (see server/src/server.ts). The scheme and the manual's
 * root come from gbt27922.config.json, which the server reads and watches itself, so the
 * command line and the editor always agree.
 */
export interface InitializationOptions {
  locale: string;
  severity: Record<string, string>;
  debounceMs: number;
  /** Workspace storage: the server keeps its parse cache there. */
  storagePath?: string;
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
    storagePath: context.storageUri?.fsPath,
    trusted: vscode.workspace.isTrusted,
  };
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

export function createLanguageClient(
  context: vscode.ExtensionContext,
  output: vscode.OutputChannel,
  onGiveUp: () => void,
): { client: LanguageClient; errorHandler: RestartingErrorHandler } {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const inspect = process.env.GBT27922_INSPECT_SERVER;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_ARGS, ...(inspect ? ['--nolazy', `--inspect=${inspect}`] : [])] },
    },
  };
  const watchers = [
    '**/*.{md,markdown}',
    '**/gbt27922.config.json',
    '**/*.scheme.json',
    '**/schemes/*.json',
  ].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);
  const errorHandler = new RestartingErrorHandler(output, onGiveUp);
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { configurationSection: CONFIG_SECTION, fileEvents: watchers },
    // A function: read again when the server restarts (after the user trusts the folder).
    initializationOptions: () => initializationOptions(context),
    outputChannel: output,
    errorHandler,
    diagnosticCollectionName: CLIENT_ID,
    markdown: { isTrusted: false, supportHtml: false },
  };
  const client = new LanguageClient(CLIENT_ID, vscode.l10n.t('GB/T 27922 Language Server'), serverOptions, clientOptions);
  return { client, errorHandler };
}

/** The server's child process, when the transport exposes it (used by the test-only crash command). */
export function serverPid(client: LanguageClient): number | undefined {
  const proc = (client as unknown as { _serverProcess?: { pid?: number } })._serverProcess;
  return typeof proc?.pid === 'number' ? proc.pid : undefined;
}
