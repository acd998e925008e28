/**
 * A small LSP test client: spawns the bundled language server (`node dist/server.js --stdio`)
 * and speaks LSP to it over stdio with vscode-languageserver-protocol. Used by every protocol
 * test (server and feature engineers alike). Build first: the tests run against dist/.
 *
 *   const client = await LspClient.start({ folders: [fixtureDir] });
 *   await client.waitForIndexed();
 *   client.open(uri, text);
 *   const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
 *   const hover = await client.request(HoverRequest.type, { textDocument: { uri }, position });
 *   await client.stop();
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  IPCMessageReader,
  IPCMessageWriter,
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidChangeConfigurationNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  UnregistrationRequest,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  ApplyWorkspaceEditRequest,
  CodeLensRefreshRequest,
  ProgressType,
  type ClientCapabilities,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type MessageConnection,
  type Registration,
  type TextDocumentContentChangeEvent,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
  type WorkspaceEdit,
  type NotificationType,
  type RequestType,
} from 'vscode-languageserver-protocol/node';

/** Repository root (this file is test/protocol/lspClient.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..');
/** The bundled server the tests run against. */
export const SERVER_BUNDLE = resolve(REPO_ROOT, 'dist', 'server.js');

export function fileUri(path: string): string {
  return pathToFileURL(resolve(path)).href;
}

export function uriPath(uri: string): string {
  return fileURLToPath(uri);
}

export interface LspClientOptions {
  /** Workspace folders (absolute or relative paths). Empty: no workspace. */
  folders?: string[];
  /** initialize's `locale` (default 'en'). */
  locale?: string;
  /** Passed as initializationOptions. */
  initializationOptions?: Record<string, unknown>;
  /** Answer to workspace/configuration, by section (e.g. { gbt27922: { severity: {...} } }). */
  configuration?: Record<string, unknown>;
  /** Advertise dynamic registration for workspace/didChangeWatchedFiles (default true). */
  watchFiles?: boolean;
  /** Advertise workspace/configuration support (default true). */
  configurationSupport?: boolean;
  /** Advertise window/workDoneProgress support (default true). */
  workDoneProgress?: boolean;
  /** Extra client capabilities, merged shallowly over the defaults. */
  capabilities?: ClientCapabilities;
  /** How to talk to the server: stdio (default) or Node IPC (`--node-ipc`, a forked child). */
  transport?: 'stdio' | 'ipc';
  /** Server script (default dist/server.js) and extra arguments. */
  serverPath?: string;
  serverArgs?: string[];
  /** Arguments for node itself, before the server script (stdio only), e.g. V8 flags. */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  /** A command the server is started under (stdio only), e.g. `['setpriv', '--reuid=65534', …]`. */
  wrapper?: string[];
  /** initialize's `processId` (default: this process's pid). */
  processId?: number | null;
  /** Apply workspace/applyEdit requests from the server? (default: accept and record them). */
  onApplyEdit?: (edit: WorkspaceEdit) => boolean;
}

export interface ProgressRecord {
  token: string | number;
  begin?: WorkDoneProgressBegin;
  reports: WorkDoneProgressReport[];
  end?: WorkDoneProgressEnd;
}

export interface PublishedDiagnostics {
  version?: number;
  diagnostics: Diagnostic[];
  /** How many times diagnostics were published for this URI. */
  count: number;
}

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

export class LspClient {
  readonly diagnostics = new Map<string, PublishedDiagnostics>();
  /** Every publishDiagnostics in arrival order (to check versions never go back). */
  readonly publishes: { uri: string; version?: number; diagnostics: Diagnostic[] }[] = [];
  /** Every notification from the server except publishDiagnostics and $/progress, in order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly registrations = new Map<string, Registration>();
  readonly progress = new Map<string | number, ProgressRecord>();
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly configurationRequests: unknown[] = [];
  /** How many times the server asked the client to re-query code lenses. */
  codeLensRefreshes = 0;
  initializeResult!: InitializeResult;
  stderr = '';
  private readonly versions = new Map<string, number>();
  private waiters: Waiter[] = [];
  private exited = false;
  private exitCode: number | null = null;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    private readonly options: LspClientOptions,
  ) {}

  /** Spawn the server, initialize, send initialized. */
  static async start(options: LspClientOptions = {}): Promise<LspClient> {
    const serverPath = options.serverPath ?? SERVER_BUNDLE;
    if (!existsSync(serverPath)) throw new Error(`${serverPath} does not exist: run \`npm run build\` first`);
    const env = { ...process.env, ...options.env };
    let child: ChildProcess;
    let connection: MessageConnection;
    if (options.transport === 'ipc') {
      child = fork(serverPath, ['--node-ipc', ...(options.serverArgs ?? [])], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env, execArgv: [] });
      connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      const argv = [process.execPath, ...(options.nodeArgs ?? []), serverPath, '--stdio', ...(options.serverArgs ?? [])];
      const [command, ...args] = [...(options.wrapper ?? []), ...argv];
      child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
      connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    const client = new LspClient(child, connection, options);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      client.stderr += chunk;
    });
    child.on('exit', (code) => {
      client.exited = true;
      client.exitCode = code;
      client.poke();
    });
    client.listen();
    connection.listen();

    const folders = (options.folders ?? []).map((f) => ({ uri: fileUri(f), name: basename(f) }));
    const capabilities: ClientCapabilities = {
      workspace: {
        workspaceFolders: true,
        configuration: options.configurationSupport ?? true,
        didChangeWatchedFiles: { dynamicRegistration: options.watchFiles ?? true, relativePatternSupport: true },
        applyEdit: true,
        workspaceEdit: { documentChanges: true },
        symbol: { dynamicRegistration: false },
        codeLens: { refreshSupport: true },
      },
      window: { workDoneProgress: options.workDoneProgress ?? true },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        definition: { linkSupport: false },
        references: {},
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'source'] } }, dataSupport: true, resolveSupport: { properties: ['edit'] } },
        codeLens: {},
        inlayHint: {},
      },
      general: { positionEncodings: ['utf-16'] },
      ...options.capabilities,
    };
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: options.processId === undefined ? process.pid : options.processId,
      clientInfo: { name: 'gbt27922-protocol-tests' },
      locale: options.locale ?? 'en',
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  private listen(): void {
    const c = this.connection;
    c.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.publishes.push({ uri: p.uri, version: p.version, diagnostics: p.diagnostics });
      const prev = this.diagnostics.get(p.uri);
      this.diagnostics.set(p.uri, { version: p.version, diagnostics: p.diagnostics, count: (prev?.count ?? 0) + 1 });
      this.poke();
    });
    c.onNotification((method: string, params: unknown) => {
      this.notifications.push({ method, params });
      this.poke();
    });
    c.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.progress.set(p.token, { token: p.token, reports: [] });
      const type = new ProgressType<WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd>();
      c.onProgress(type, p.token, (value) => {
        const rec = this.progress.get(p.token)!;
        if (value.kind === 'begin') rec.begin = value;
        else if (value.kind === 'report') rec.reports.push(value);
        else rec.end = value;
        this.poke();
      });
      return null;
    });
    c.onRequest(RegistrationRequest.type, (p) => {
      for (const r of p.registrations) this.registrations.set(r.id, r);
      this.poke();
    });
    c.onRequest(UnregistrationRequest.type, (p) => {
      for (const r of p.unregisterations) this.registrations.delete(r.id);
    });
    c.onRequest(ConfigurationRequest.type, (p) => {
      this.configurationRequests.push(p);
      return p.items.map((item) => (item.section ? (this.options.configuration?.[item.section] ?? null) : (this.options.configuration ?? null)));
    });
    c.onRequest(CodeLensRefreshRequest.type, () => {
      this.codeLensRefreshes++;
      this.poke();
      return null;
    });
    c.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
      const applied = this.options.onApplyEdit ? this.options.onApplyEdit(p.edit) : true;
      if (applied) this.appliedEdits.push(p.edit);
      return { applied };
    });
  }

  private poke(): void {
    const pending = this.waiters;
    this.waiters = [];
    for (const w of pending) {
      if (w.check()) w.resolve();
      else this.waiters.push(w);
    }
  }

  /** Resolve when `check()` holds (checked now and after every message from the server). */
  waitFor(check: () => boolean, timeoutMs = 10000, what = 'condition'): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${this.stderr ? `\nserver stderr:\n${this.stderr.slice(-4000)}` : ''}`));
      }, timeoutMs);
      const waiter: Waiter = {
        check: () => {
          if (this.exited) return true;
          return check();
        },
        resolve: () => {
          clearTimeout(timer);
          if (this.exited && !check()) reject(new Error(`server exited (code ${this.exitCode}) while waiting for ${what}\n${this.stderr.slice(-4000)}`));
          else resolvePromise();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /**
   * Wait until the latest diagnostics published for `uri` satisfy `predicate` (checked against
   * what was already published, then after each publish). Returns those diagnostics.
   */
  async waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[], version?: number) => boolean = () => true, timeoutMs = 10000): Promise<Diagnostic[]> {
    await this.waitFor(
      () => {
        const d = this.diagnostics.get(uri);
        return d !== undefined && predicate(d.diagnostics, d.version);
      },
      timeoutMs,
      `diagnostics of ${uri}`,
    );
    return this.diagnostics.get(uri)!.diagnostics;
  }

  /** Wait for the next publish for `uri` after this call that satisfies `predicate`. */
  async waitForNextDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[], version?: number) => boolean = () => true, timeoutMs = 10000): Promise<Diagnostic[]> {
    const before = this.diagnostics.get(uri)?.count ?? 0;
    return this.waitForDiagnostics(uri, (d, v) => (this.diagnostics.get(uri)?.count ?? 0) > before && predicate(d, v), timeoutMs);
  }

  /** Wait for a notification `method` whose params satisfy `predicate`; returns its params (the latest match). */
  async waitForNotification<P>(method: string, predicate: (params: P) => boolean = () => true, timeoutMs = 10000, since = 0): Promise<P> {
    const find = () => {
      for (let i = this.notifications.length - 1; i >= since; i--) {
        const n = this.notifications[i];
        if (n.method === method && predicate(n.params as P)) return n;
      }
      return undefined;
    };
    await this.waitFor(() => find() !== undefined, timeoutMs, `notification ${method}`);
    return find()!.params as P;
  }

  /** Wait until every work-done progress the server started has ended (and at least `min` were started). */
  async waitForIndexed(timeoutMs = 30000, min = 1): Promise<void> {
    await this.waitFor(
      () => this.progress.size >= min && [...this.progress.values()].every((p) => p.end !== undefined),
      timeoutMs,
      'workspace indexing (work-done progress end)',
    );
  }

  /** Ask again (every 50 ms) until the answer satisfies `ok`; returns that answer. */
  async poll<T>(ask: () => Promise<T>, ok: (answer: T) => boolean, timeoutMs = 10000, what = 'an answer'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const answer = await ask();
      if (ok(answer)) return answer;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(answer)?.slice(0, 2000)}`);
      if (this.exited) throw new Error(`server exited (code ${this.exitCode}) while waiting for ${what}\n${this.stderr.slice(-4000)}`);
      await delay(50);
    }
  }

  request<P, R, E>(type: RequestType<P, R, E>, params: P): Promise<R> {
    return this.connection.sendRequest(type, params);
  }

  notify<P>(type: NotificationType<P>, params: P): Promise<void> {
    return this.connection.sendNotification(type, params);
  }

  /** A custom request by method name. */
  requestRaw<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  open(uri: string, text?: string, languageId = 'markdown', version = 1): Promise<void> {
    this.versions.set(uri, version);
    const content = text ?? readFileSync(uriPath(uri), 'utf8');
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text: content } });
  }

  /** Change a document: a full new text, or incremental content changes. Returns the new version. */
  async change(uri: string, change: string | TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    const contentChanges = typeof change === 'string' ? [{ text: change }] : change;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
    return version;
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  close(uri: string): Promise<void> {
    this.versions.delete(uri);
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Tell the server files changed on disk (type: 1 created, 2 changed, 3 deleted). */
  filesChanged(changes: FileEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  configurationChanged(settings: Record<string, unknown>): Promise<void> {
    this.options.configuration = settings;
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** The server's exit code once it has exited (undefined while it runs). */
  get exitStatus(): number | null | undefined {
    return this.exited ? this.exitCode : undefined;
  }

  get isRunning(): boolean {
    return !this.exited;
  }

  /** shutdown + exit, then wait for the process to end (killed after a timeout). */
  async stop(timeoutMs = 5000): Promise<number | null> {
    if (!this.exited) {
      try {
        await Promise.race([this.connection.sendRequest(ShutdownRequest.type), delay(timeoutMs)]);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // the server may already be gone
      }
      await Promise.race([new Promise<void>((r) => (this.exited ? r() : this.process.once('exit', () => r()))), delay(timeoutMs)]);
      if (!this.exited) this.process.kill();
    }
    this.connection.dispose();
    return this.exitCode;
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Apply LSP TextEdits to a text (edits must not overlap). */
export function applyTextEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) =>
    p.line >= lineStarts.length ? text.length : Math.min(lineStarts[p.line] + p.character, p.line + 1 < lineStarts.length ? lineStarts[p.line + 1] : text.length);
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
