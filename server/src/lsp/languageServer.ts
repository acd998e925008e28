/**
 * The GB/T 27922 language server, whatever runs it: a Node process (server/src/server.ts: any
 * LSP client, `node dist/server.js --stdio`) or a web worker (server/src/browserServer.ts: VS
 * Code for the Web). The platform gives what differs (ServerPlatform): the file access, the
 * parse workers and the disk cache, a file watcher of its own, memory housekeeping.
 *
 * Wiring only: the workspace index (server/src/index/) keeps the models, the feature modules
 * (server/src/features/) answer requests, diagnostics.ts publishes, panel.ts / catalog.ts build
 * the custom payloads. Every handler is wrapped: a failure answers with an error, the server
 * stays up.
 *
 * initializationOptions (all optional):
 *   locale           'en' | 'zh' — overrides initialize's `locale`
 *   severity         { [problemCode]: 'error'|'warning'|'information'|'hint'|'off' } (like the
 *                    `gbt27922.severity` setting, which is also read via workspace/configuration)
 *   debounceMs       delay before re-analysing after an edit (default 75; 0 for benchmarks)
 *   workers          (Node) parse worker threads for indexing (default min(2, cores); 0 = main thread)
 *   cacheDir         (Node) disk cache directory (default: <storagePath>/gbt27922-cache, else
 *                    $XDG_CACHE_HOME/gbt27922, ~/.cache/gbt27922 or a private <tmpdir>/gbt27922-cache-<uid>:
 *                    see index/diskCache.ts); null disables the disk cache
 *   storagePath      (Node) the client's workspace storage directory (VS Code: context.storageUri)
 *   asyncThreshold   characters of changed text at which an edit is parsed on the workers (default 20000)
 *   watch            'auto' (client watcher if it can, else fs.watch) | 'client' | 'fs' | 'none'
 *   parseBudgetMs    (Node) a fixed parse budget per chunk on the workers (default 3000 ms plus 20 s per MB)
 *   parseMemoryMB    (Node) heap of a parse worker (default 256); a chunk over either is "too complex"
 *   trusted          false in an untrusted workspace (VS Code's Restricted Mode): scheme files are
 *                    not read, only built-in schemes are used (default true)
 *   asOf             'YYYY-MM-DD': the date NC statuses (overdue) are computed against, like the
 *                    `gbt27922.asOfDate` setting (default: today, following the clock)
 *   suggestions      false turns the clause-tag suggestion hints off (the bench's baseline)
 *   workspaceFiles   true: the client answers file requests (gbt27922/files/*, protocol.ts), so
 *                    folders on a virtual file system (github.dev's vscode-vfs://) are read through
 *                    it; a web worker reads every file that way
 *   extensionUri     the extension's folder (the web build names the built-in scheme files there)
 */
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type ClientCapabilities,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { normalizeLocale, PROBLEMS, type Locale } from '../model/problems';
import { parseDate } from '../model/dates';
import type { SeverityOverride } from '../config/config';
import {
  CATALOG_REQUEST,
  DOCUMENT_SCORE_NOTIFICATION,
  DOCUMENT_SCORE_REQUEST,
  EXPORT_HTML_REQUEST,
  GENERATE_REQUEST,
  INDEX_STATS_REQUEST,
  type IndexStatsPayload,
  SUGGEST_FILE_REQUEST,
  type SuggestFileParams,
  type CatalogParams,
  type DocumentScoreParams,
  type DocumentScorePayload,
  type GenerateParams,
} from '../protocol';
import { WorkspaceIndex } from '../index/workspaceIndex';
import type { FolderSettings, FolderState } from '../index/folder';
import { canonicalUri, isInside, uriToPath } from '../index/uri';
import { ClientFiles } from '../index/clientFiles';
import { routedFiles, type WorkspaceFileAccess } from '../index/workspaceFiles';
import type { ParsePool } from '../index/parsePool';
import type { ModelStore } from '../index/savedModels';
import { soon } from '../index/yield';
import { countDiagnostics, DiagnosticsPublisher } from '../features/diagnostics';
import { buildDocumentScorePayload } from '../features/panel';
import { buildCatalog } from '../features/catalog';
import { generateDocument } from '../index/generate';
import { refreshCodeLenses, registerLanguageFeatures } from '../features/register';
import { setExtensionLocation } from '../features/schemeFiles';
import { SuggestionHints, suggestFileEdit } from '../features/suggestions';

/** initializationOptions (see the module comment). */
export interface InitOptions {
  locale?: string;
  severity?: Record<string, SeverityOverride>;
  debounceMs?: number;
  workers?: number;
  cacheDir?: string | null;
  storagePath?: string;
  asyncThreshold?: number;
  watch?: 'auto' | 'client' | 'fs' | 'none';
  parseBudgetMs?: number;
  parseMemoryMB?: number;
  trusted?: boolean;
  asOf?: string;
  suggestions?: boolean;
  /** The client answers the server's file requests (protocol.ts, "Workspace files through the client"). */
  workspaceFiles?: boolean;
  /** The extension's folder (the web build names the built-in scheme files there). */
  extensionUri?: string;
}

/** What the Node server (server.ts) and the web worker (browserServer.ts) each give the server. */
export interface ServerPlatform {
  /** A line for the log when the server starts: where it runs, and anything worth knowing about it. */
  startMessages(): string[];
  /**
   * Where chunks are parsed, models kept between sessions, and files on a disk of its own read
   * (Node; none in a web worker, where every file is the client's).
   */
  indexServices(init: InitOptions, folders: { uri: string }[], log: (message: string) => void, onWorkersRetired: () => void): { pool: ParsePool; modelStore?: ModelStore; diskFiles?: WorkspaceFileAccess };
  /** Watch the folders on disk when the client cannot (Node's fs.watch); undefined: no watcher of its own. */
  watchFolders?(folders: FolderState[], onEvents: (events: { uri: string; type: number }[]) => void, log: (message: string) => void): { dispose(): void };
  /** Give memory back once work is done (Node: one full GC when idle). */
  collectWhenIdle(): void;
}

/**
 * Start the language server on `connection`: documents, settings, file watching, the feature
 * handlers and the custom requests. Returns once it listens.
 */
export function startLanguageServer(connection: Connection, platform: ServerPlatform): void {
  /**
   * Incremental updates of vscode-languageserver-textdocument keep a line table that goes wrong
   * when one edit puts a `\r` right before an existing `\n` (or splits a `\r\n`): the text is
   * right but later positions land on the wrong line. A client may send that (VS Code does not).
   * Only an edit that writes a line break or deletes text can join or split a `\r\n` (an insertion
   * of other text never lands between `\r` and `\n`), so only then, and only in a document that has
   * a `\r`, is the line table rebuilt from the text: typing letters stays incremental.
   */
  const mayTouchLineBreaks = (c: TextDocumentContentChangeEvent): boolean =>
    !('range' in c) || /[\r\n]/.test(c.text) || c.range.start.line !== c.range.end.line || c.range.start.character !== c.range.end.character;
  const documents = new TextDocuments({
    create: TextDocument.create,
    update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
      const updated = TextDocument.update(document, changes, version);
      if (!changes.some(mayTouchLineBreaks)) return updated;
      const text = updated.getText();
      return text.includes('\r') ? TextDocument.create(updated.uri, updated.languageId, version, text) : updated;
    },
  });
  const log = (message: string) => connection.console.log(message);
  const logError = (message: string) => connection.console.error(message);

  let index: WorkspaceIndex | undefined;
  let publisher: DiagnosticsPublisher | undefined;
  let capabilities: ClientCapabilities = {};
  let initOptions: InitOptions = {};
  let locale: Locale = 'en';
  let fsWatcher: { dispose(): void } | undefined;
  /** Clause-tag suggestions: hint diagnostics, quick fixes, hover (features/suggestions.ts). */
  const hints = new SuggestionHints();
  let backfillTimer: ReturnType<typeof setTimeout> | undefined;
  let backfillGeneration = 0;

  /**
   * Problems of a file with the suggestion hints (ranked only for changed sections). Kept until the
   * end of the tick: publishing and the panel payload's counts ask for the same file in one go.
   */
  const problemsThisTick = new Map<string, { model: unknown; problems: ReturnType<WorkspaceIndex['problemsOf']> }>();
  function problemsWithHints(idx: WorkspaceIndex, uri: string): ReturnType<WorkspaceIndex['problemsOf']> {
    const model = idx.doc(uri)?.model;
    const known = problemsThisTick.get(uri);
    if (known && known.model === model) return known.problems;
    if (problemsThisTick.size === 0) soon(() => problemsThisTick.clear());
    const problems = withHints(idx, uri);
    problemsThisTick.set(uri, { model, problems });
    return problems;
  }

  /** The uncovered items of a manual root name the best untagged section (the hints themselves come from the index's extraProblems). */
  function withHints(idx: WorkspaceIndex, uri: string): ReturnType<WorkspaceIndex['problemsOf']> {
    const problems = idx.problemsOf(uri);
    if (initOptions.suggestions === false) return problems;
    const ctx = idx.contextFor(uri);
    return ctx ? hints.withCandidates(ctx, problems) : problems;
  }

  /** The suggestion hints of a manual file, for the index to add before suppressions. */
  function hintProblems(uri: string, open: boolean): ReturnType<WorkspaceIndex['problemsOf']> {
    if (initOptions.suggestions === false || !index) return [];
    const ctx = index.contextFor(uri);
    return ctx ? hints.problemsFor(ctx, uri, { compute: open }) : [];
  }

  /**
   * Rank the manual files not ranked yet (closed ones too), in slices, once the workspace is quiet;
   * then re-publish them and each manual root, whose uncovered items may now name a section (the
   * publisher skips lists that did not change). Debounced: typing never waits for it.
   */
  function scheduleSuggestionBackfill(): void {
    if (initOptions.suggestions === false) return;
    const generation = ++backfillGeneration;
    if (backfillTimer) clearTimeout(backfillTimer);
    backfillTimer = setTimeout(() => {
      backfillTimer = undefined;
      const idx = index;
      if (!idx || !publisher) return;
      void hints
        .backfill(idx.allContexts(), () => generation !== backfillGeneration)
        .then((ranked) => {
          // Even with nothing newly ranked, an edited section may have changed an item's best candidate.
          if (generation !== backfillGeneration || !publisher) return;
          const roots = idx.allContexts().map((c) => c.manual()?.root).filter((r): r is string => typeof r === 'string');
          publisher.publish([...new Set([...ranked, ...roots])]);
        })
        .catch((e) => logError(`suggestions failed: ${describe(e)}`));
    }, 1000);
  }

  /** How the client spells each URI (canonical → client). */
  const clientUris = new Map<string, string>();

  function describe(e: unknown): string {
    return e instanceof Error ? (e.stack ?? e.message) : String(e);
  }

  /** Wrap a request handler: a thrown error answers with a ResponseError and is logged. */
  function safe<P, R>(name: string, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R | ResponseError<void>> {
    return async (params: P) => {
      try {
        return await handler(params);
      } catch (e) {
        if (e instanceof ResponseError) return e;
        logError(`${name} failed: ${describe(e)}`);
        return new ResponseError(ErrorCodes.InternalError, `${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
  }

  function requireIndex(): WorkspaceIndex {
    if (!index) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'the server is not initialized');
    return index;
  }

  function isSeverityMap(v: unknown): v is Record<string, SeverityOverride> {
    if (!v || typeof v !== 'object') return false;
    return Object.entries(v).every(([k, s]) => k in PROBLEMS && ['error', 'warning', 'information', 'hint', 'off'].includes(s as string));
  }

  // ---------------------------------------------------------------------------------------------
  // Panel payload

  function scorePayload(uri: string): DocumentScorePayload {
    const idx = requireIndex();
    const key = canonicalUri(uri);
    const doc = idx.doc(key);
    const folder = doc?.folder ?? idx.folderFor(key);
    const ctx = idx.contextFor(key) ?? idx.defaultContext();
    const model = ctx.model(key);
    const scheme = doc?.scheme ?? folder?.scheme ?? ctx.scheme;
    const relativeName = (u: string) => {
      const p = uriToPath(u);
      return p && folder?.root && isInside(folder.root, p) ? path.relative(folder.root, p).split(path.sep).join('/') : u;
    };
    // In Restricted Mode: the scheme this document would use had the workspace been trusted.
    const restrictedScheme = model?.frontMatter.scheme ? doc?.restrictedScheme : folder?.restrictedScheme;
    return buildDocumentScorePayload({
      restrictedScheme,
      uri: clientUris.get(key) ?? uri,
      key,
      version: doc?.open ? doc.analysedVersion : undefined,
      model,
      scheme,
      locale,
      audit: model?.kind === 'audit' ? idx.auditOf(key) : undefined,
      manual: model?.kind === 'manual' ? ctx.manual() : undefined,
      manualModel: (u) => idx.doc(u)?.model,
      problems: { ...countDiagnostics(publisher!.compute(key)), suppressed: idx.suppressedOf(key).length },
      relativeName,
    });
  }

  let lensRefresh: ReturnType<typeof setTimeout> | undefined;

  /** Code lenses of other files (coverage on the root, group totals) may have changed: ask the client to re-query, at most every 300 ms. */
  function scheduleLensRefresh(): void {
    if (lensRefresh) return;
    lensRefresh = setTimeout(() => {
      lensRefresh = undefined;
      refreshCodeLenses(connection, capabilities);
    }, 300);
  }

  function onIndexChange(uris: string[]): void {
    if (!index || !publisher) return;
    try {
      publisher.publish(uris);
      // A document gone from the index: its suggestion hints go, and once nothing is published for
      // it, the client's spelling of its URI (a closed document keeps nothing: issue 20, item 11).
      for (const uri of uris) {
        if (index.doc(uri)) continue;
        hints.forget(uri);
        const spelled = clientUris.get(uri);
        if (spelled !== undefined && !publisher.has(uri) && !documents.get(spelled)) clientUris.delete(uri);
      }
      scheduleSuggestionBackfill();
      // One open document re-analysed alone: its own lenses are re-queried by the client anyway.
      if (uris.length > 1 || uris.some((u) => !index!.doc(u)?.open)) scheduleLensRefresh();
      for (const uri of uris) {
        const doc = index.doc(uri);
        if (!doc?.open || !index.isCurrent(uri)) continue;
        void connection.sendNotification(DOCUMENT_SCORE_NOTIFICATION, scorePayload(uri));
      }
    } catch (e) {
      logError(`publishing failed: ${describe(e)}`);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle

  const featureCapabilities: ServerCapabilities = registerLanguageFeatures(
    connection,
    {
      contextFor: (uri) => index?.contextFor(uri),
      allContexts: () => index?.allContexts() ?? [],
      whenAnalysed: (uri) => index?.flush(uri) ?? Promise.resolve(),
      clientCapabilities: () => capabilities,
      asciiClauseIds: () => asciiClauseIds,
    },
    { log: logError, hints },
  );

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities;
    initOptions = (params.initializationOptions ?? {}) as InitOptions;
    locale = normalizeLocale(initOptions.locale ?? params.locale);
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(uriToPath(params.rootUri) ?? 'root') }] : []);
    setExtensionLocation(initOptions.extensionUri);
    const services = platform.indexServices(initOptions, folders, log, () => platform.collectWhenIdle());
    // Files on a disk of its own the server reads itself; a virtual folder's (and in a web worker
    // every file) through the client, when it answers file requests.
    const disk = services.diskFiles;
    const client = initOptions.workspaceFiles === true || !disk ? new ClientFiles((method, p) => connection.sendRequest(method, p), logError) : undefined;
    index = new WorkspaceIndex({
      locale,
      debounceMs: initOptions.debounceMs ?? 75,
      asyncThreshold: initOptions.asyncThreshold ?? 20000,
      trusted: initOptions.trusted !== false,
      files: routedFiles(disk, client),
      pool: services.pool,
      modelStore: services.modelStore,
      severity: isSeverityMap(initOptions.severity) ? initOptions.severity : {},
      asOf: asOfOf(initOptions.asOf),
      log,
      onChange: onIndexChange,
      extraProblems: hintProblems,
    });
    const idx = index;
    publisher = new DiagnosticsPublisher(connection, {
      problems: (uri) => problemsWithHints(idx, uri),
      config: (uri) => {
        const f = idx.folderFor(uri) ?? [...idx.folders.values()].find((x) => x.jsonProblems.has(uri));
        return f ? idx.effectiveConfig(f) : { severity: idx.severity as Record<string, SeverityOverride> };
      },
      version: (uri) => {
        const d = idx.doc(uri);
        return d?.open ? d.analysedVersion : undefined;
      },
      isCurrent: (uri) => idx.isCurrent(uri),
      clientUri: (uri) => clientUris.get(uri) ?? uri,
      locale: () => locale,
    });
    for (const f of folders) index.addFolder(f.uri, f.name);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...featureCapabilities,
      },
      serverInfo: { name: 'gbt27922-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    const idx = index!;
    for (const line of platform.startMessages()) log(line);
    try {
      // Before indexing: settings may name the scheme and the manual root.
      for (const f of await pullSettings()) await idx.loadFolderSettings(f);
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'gbt27922' });
      }
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders((e) => {
          for (const f of e.removed) idx.removeFolder(f.uri);
          for (const f of e.added) idx.addFolder(f.uri, f.name);
          void idx.indexAll().catch((err) => logError(`indexing failed: ${describe(err)}`));
        });
      }
      const watch = initOptions.watch ?? 'auto';
      const clientWatches = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
      if ((watch === 'auto' || watch === 'client') && clientWatches) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, {
          watchers: [
            // Extensions in any case (审核报告.MD): LSP globs know character classes, not a case flag.
            { globPattern: '**/*.{[mM][dD],[mM][aA][rR][kK][dD][oO][wW][nN]}' },
            { globPattern: '**/*.json' },
            // Evidence files of any type: only their creation and deletion matter.
            { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
          ],
        });
      } else if ((watch === 'fs' || (watch === 'auto' && !clientWatches)) && platform.watchFolders) {
        const onEvents = (events: { uri: string; type: number }[]) => void idx.filesChanged(events).catch((e) => logError(`file change failed: ${describe(e)}`));
        fsWatcher = platform.watchFolders([...idx.folders.values()].filter((f) => !f.loose && f.root), onEvents, log);
      } else {
        // Nothing tells the server of created or deleted evidence files: their answers expire.
        idx.linkAnswersTtlMs = 5000;
      }
    } catch (e) {
      logError(`initialization step failed: ${describe(e)}`);
    }
    await runIndexing();
  });

  async function runIndexing(): Promise<void> {
    const idx = index!;
    const progress = await connection.window.createWorkDoneProgress().catch(() => undefined);
    try {
      const stats = await idx.indexAll({
        begin: (total) => progress?.begin(locale === 'zh' ? 'GB/T 27922：索引文档' : 'GB/T 27922: indexing documents', 0, `0/${total}`, false),
        report: (done, total) => progress?.report(total ? Math.floor((done / total) * 100) : 100, `${done}/${total}`),
        end: () => {},
      });
      log(
        `indexed ${stats.files} files in ${stats.ms} ms (${stats.parsedFiles} parsed, ${stats.fromDiskCache} from the disk cache, ${stats.unchanged} unchanged, ${stats.notOurs} not ours; ${stats.parsedChunks} chunks parsed on ${stats.workers} worker(s), ${stats.workersStarted} started; ms: disk cache ${stats.phases.diskCache}, discovery ${stats.phases.discover}, files ${stats.phases.files}, diagnostics ${stats.phases.publish})`,
      );
    } catch (e) {
      logError(`indexing failed: ${describe(e)}`);
    } finally {
      progress?.done();
      // Indexing leaves the garbage of every parse and of the cache write behind.
      platform.collectWhenIdle();
    }
  }

  interface Settings {
    severity?: unknown;
    scheme?: unknown;
    manualRoot?: unknown;
    asOfDate?: unknown;
    fixAll?: unknown;
  }

  /** A valid `YYYY-MM-DD` (any written form parseDate accepts) as ISO, else undefined (today). */
  function asOfOf(v: unknown): string | undefined {
    return typeof v === 'string' && v.trim() ? parseDate(v) : undefined;
  }

  // A report's NC statuses follow the calendar: look for a new day every minute (a web worker's timer has no unref).
  const dayTimer = setInterval(() => index?.refreshAsOf(), 60_000) as { unref?: () => void };
  dayTimer.unref?.();

  /** Setting gbt27922.fixAll.asciiClauseIds: fix all also rewrites full-width clause IDs in ASCII. */
  let asciiClauseIds = false;

  function folderSettings(s: Settings | null | undefined): FolderSettings {
    const out: FolderSettings = {};
    if (s && typeof s.scheme === 'string' && s.scheme.trim()) out.scheme = s.scheme.trim();
    if (s && typeof s.manualRoot === 'string' && s.manualRoot.trim()) out.manualRoot = s.manualRoot.trim();
    return out;
  }

  function applySeverity(s: Settings | null | undefined): void {
    if (!index) return;
    const severity = s && isSeverityMap(s.severity) ? s.severity : undefined;
    index.severity = { ...(isSeverityMap(initOptions.severity) ? initOptions.severity : {}), ...(severity ?? {}) };
    index.asOfDate = asOfOf(s?.asOfDate) ?? asOfOf(initOptions.asOf);
    index.refreshAsOf();
  }

  /**
   * Read the `gbt27922` settings (window-wide severity; scheme and manualRoot per folder) and
   * return the folders whose settings changed (they need reloading).
   */
  async function pullSettings(pushed?: Settings): Promise<FolderState[]> {
    const idx = index;
    if (!idx) return [];
    const folders = [...idx.folders.values()].filter((f) => !f.loose);
    let global: Settings | null | undefined = pushed;
    let perFolder: (Settings | null | undefined)[] = folders.map(() => pushed);
    if (capabilities.workspace?.configuration) {
      try {
        const answers = (await connection.workspace.getConfiguration([{ section: 'gbt27922' }, ...folders.map((f) => ({ section: 'gbt27922', scopeUri: clientUris.get(f.key) ?? f.key }))])) as (Settings | null)[];
        global = answers[0];
        perFolder = folders.map((_, i) => answers[i + 1] ?? answers[0]);
      } catch (e) {
        logError(`cannot read settings: ${describe(e)}`);
        return [];
      }
    }
    applySeverity(global);
    const fixAll = global?.fixAll;
    asciiClauseIds = typeof fixAll === 'object' && fixAll !== null && (fixAll as { asciiClauseIds?: unknown }).asciiClauseIds === true;
    const changed: FolderState[] = [];
    folders.forEach((f, i) => {
      const next = folderSettings(perFolder[i]);
      if (JSON.stringify(next) !== JSON.stringify(f.settings)) {
        f.settings = next;
        changed.push(f);
      }
    });
    return changed;
  }

  connection.onDidChangeConfiguration(async (change) => {
    const idx = index;
    if (!idx || !publisher) return;
    try {
      const pushed = capabilities.workspace?.configuration ? undefined : (change.settings as { gbt27922?: Settings } | undefined)?.gbt27922;
      const changed = await pullSettings(pushed);
      for (const f of changed) await idx.reloadFolder(f);
      publisher.invalidate();
      onIndexChange([...idx.docs.keys(), ...publisher.published()]);
    } catch (e) {
      logError(`settings change failed: ${describe(e)}`);
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    void index?.filesChanged(params.changes).catch((e) => logError(`file change failed: ${describe(e)}`));
  });

  // ---------------------------------------------------------------------------------------------
  // Documents

  function isJson(uri: string, languageId: string): boolean {
    return languageId === 'json' || languageId === 'jsonc' || /\.json$/i.test(uri);
  }

  documents.onDidOpen((e) => {
    try {
      const d = e.document;
      clientUris.set(canonicalUri(d.uri), d.uri);
      if (isJson(d.uri, d.languageId)) index?.setJsonBuffer(d.uri, d.getText());
      else index?.open(d.uri, d.getText(), d.version, d.languageId);
    } catch (err) {
      logError(`didOpen failed: ${describe(err)}`);
    }
  });

  documents.onDidChangeContent((e) => {
    // When typing stops, one full garbage collection gives back the memory of the analyses of all the intermediate versions.
    platform.collectWhenIdle();
    try {
      const d = e.document;
      if (isJson(d.uri, d.languageId)) index?.setJsonBuffer(d.uri, d.getText());
      else index?.change(d.uri, d.getText(), d.version);
    } catch (err) {
      logError(`didChange failed: ${describe(err)}`);
    }
  });

  documents.onDidClose((e) => {
    try {
      const d = e.document;
      if (isJson(d.uri, d.languageId)) index?.setJsonBuffer(d.uri, undefined);
      else index?.close(d.uri);
    } catch (err) {
      logError(`didClose failed: ${describe(err)}`);
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Custom requests

  connection.onRequest(
    DOCUMENT_SCORE_REQUEST,
    safe('documentScore', async (params: DocumentScoreParams) => {
      if (!params || typeof params.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'documentScore needs { uri }');
      await index?.flush(params.uri);
      return scorePayload(params.uri);
    }),
  );

  connection.onRequest(
    CATALOG_REQUEST,
    safe('catalog', async (params: CatalogParams | undefined) => {
      const idx = requireIndex();
      const uri = params?.uri;
      if (uri) await idx.flush(uri);
      const ctx = (uri && idx.contextFor(uri)) || idx.defaultContext();
      const model = uri ? ctx.model(uri) : undefined;
      const audit = uri && model?.kind === 'audit' ? ctx.audit(uri) : undefined;
      return buildCatalog({ scheme: uri ? ctx.schemeFor(uri) : ctx.scheme, locale, audit, auditModel: audit ? model : undefined, manual: audit ? undefined : ctx.manual() });
    }),
  );

  connection.onRequest(
    GENERATE_REQUEST,
    safe('generate', (params: GenerateParams) => {
      const idx = requireIndex();
      if (!params || (params.kind !== 'audit-checklist' && params.kind !== 'manual-skeleton')) {
        throw new ResponseError(ErrorCodes.InvalidParams, "generate needs { kind: 'audit-checklist' | 'manual-skeleton' }");
      }
      return generateDocument(idx, params, locale);
    }),
  );

  connection.onRequest(
    SUGGEST_FILE_REQUEST,
    safe('suggestFile', async (params: SuggestFileParams) => {
      const idx = requireIndex();
      if (!params || typeof params.uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'suggestFile needs { uri }');
      await idx.flush(params.uri);
      const ctx = idx.contextFor(params.uri);
      if (!ctx) return { edit: { changes: {} }, count: 0 };
      const r = suggestFileEdit(ctx, hints, canonicalUri(params.uri));
      // The client applies the edit to its own spelling of the URI.
      const changes = r.edit.changes ?? {};
      return { edit: { changes: Object.fromEntries(Object.entries(changes).map(([u, e]) => [clientUris.get(u) ?? params.uri, e])) }, count: r.count };
    }),
  );

  connection.onRequest(
    INDEX_STATS_REQUEST,
    safe('indexStats', (): IndexStatsPayload | null => requireIndex().lastStats ?? null),
  );

  connection.onRequest(
    EXPORT_HTML_REQUEST,
    safe('exportHtml', () => {
      throw new ResponseError(ErrorCodes.MethodNotFound, 'gbt27922/exportHtml is rendered by the client from gbt27922/documentScore');
    }),
  );

  connection.onShutdown(async () => {
    fsWatcher?.dispose();
    await index?.dispose().catch((e) => logError(`shutdown: ${describe(e)}`));
  });

  documents.listen(connection);
  connection.listen();
}
