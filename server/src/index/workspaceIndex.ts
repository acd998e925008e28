/**
 * The workspace index: every Markdown file of the workspace folders (multi-root) and every
 * open document, each with its parsed chunks and document model, kept current from editor
 * changes and file-watcher events without re-reading unchanged files.
 *
 * - Open documents are re-analysed incrementally (see analyzer.ts): after a light debounce,
 *   only the chunks an edit touched are parsed; one analysis per document at a time, and an
 *   analysis whose version is overtaken is dropped, never published.
 * - Cold indexing reads files in the background, takes unchanged files from the disk cache by
 *   content hash, and parses the rest on worker threads.
 * - Manual coverage is the union over a folder's manual files, recomputed on demand (cheap: it
 *   reads the models' coverage claims); each audit report is scored on its own, lazily.
 * - Closed files keep their chunk models and document model, not their text or syntax trees.
 *
 * The index knows nothing of LSP: it reports which URIs changed through `onChange`, and the
 * server publishes diagnostics and panel payloads for them.
 */
import * as path from 'node:path';
import { notOursModel, splitIntoChunks } from '../model';
import { mayBeOurs } from '../model/prefilter';
import type { DocumentModel, Problem } from '../model/types';
import { NOT_ANALYSED_CODES, problemMessage, type Locale } from '../model/problems';
import type { Scheme } from '../scheme/types';
import { CONFIG_FILE_NAME, effectiveSeverity, resolveSchemeRef, type ProjectConfig, type SeverityOverride } from '../config/config';
import { applySuppressions, type SuppressedProblem, type SuppressionResult } from '../analysis/suppressions';
import { formatSchemeProblems, type SchemeResult } from '../scheme/loader';
import { analyzeAudit, analyzeManuals, compareProblems, linkProblems, type AuditAnalysis, type FileModel, type LinkChecker, type ManualAnalysis } from '../analysis/workspace';
import { decodeBytes } from '../io/decode';
import { classifyPath, discoverFiles } from '../io/discover';
import { createLinkChecker, resolveLinkTarget } from '../io/fsLinks';
import type { FeatureContext } from '../features/context';
import { analyzeText, analyzeTextAsync, assemble, missingChars, type ChunkEntry, type TextAnalysis } from './analyzer';
import { ChunkCache } from './chunkCache';
import { contentHash, DiskCache } from './diskCache';
import { FolderState } from './folder';
import { ExistenceCache } from './links';
import { canonicalUri, isInside, isMarkdownPath, pathToUri, uriToPath } from './uri';
import { WorkerPool, type ParseBudget } from './workerPool';
import { readFileForIndex, readFileForIndexAsync, type FileRead } from './fileRead';
import { settingsIo, workspaceRoots, type SettingsIo } from '../io/settingsFile';
import { readRegularFile } from '../io/safeRead';
import { cacheEntryFits } from './cacheEntry';
import { IndexCycleSource, resolvePreviousPath } from './cycleSource';
import type { PreviousLookup, ReportRef } from '../analysis/cycle';
import { todayIso } from '../model/dates';

const MB = 1024 * 1024;
/** Files up to this size are read synchronously when a whole workspace is indexed. */
const SYNC_READ_MAX_BYTES = 256 * 1024;
/** Files per read job sent to a worker when a workspace is indexed. */
const READ_BATCH = 16;

export interface IndexOptions {
  locale: Locale;
  /** Debounce of re-analysis after an edit (ms). 0 analyses on the next tick. */
  debounceMs: number;
  /** Worker threads for parsing (0: parse on the main thread). */
  workers: number;
  /** The bundled worker script (dist/parseWorker.js). */
  workerFile?: string;
  /** Directory of the disk cache; undefined disables it. */
  cacheDir?: string;
  /** Version tag of cached models (changes with the parser). */
  modelVersion: string;
  /** Characters of not-yet-parsed chunk text at which an edit's parse goes to the workers. */
  asyncThreshold: number;
  /** Severity overrides from the editor's settings (over the project config file's). */
  severity?: Partial<Record<string, SeverityOverride>>;
  /** The date NC statuses are computed against (ISO); undefined: today. */
  asOf?: string;
  log: (message: string) => void;
  /** Diagnostics / payloads of these URIs may have changed (canonical URIs). */
  onChange: (uris: string[]) => void;
  /** The parse workers ended after a spell of idling. */
  onWorkersRetired?: () => void;
  /** The parse budget (index/workerPool.ts); defaults when absent. */
  parseBudget?: Partial<ParseBudget>;
  /** False in an untrusted workspace (VS Code's Restricted Mode): only built-in schemes are used. */
  trusted?: boolean;
  /** More problems of a manual file (the suggestion hints), given its canonical URI and whether it is open. */
  extraProblems?: (uri: string, open: boolean) => Problem[];
}

export interface IndexStats {
  files: number;
  parsedFiles: number;
  fromDiskCache: number;
  unchanged: number;
  /** Files the prefilter found cannot be ours (model/prefilter.ts): scanned, not parsed. */
  notOurs: number;
  parsedChunks: number;
  ms: number;
  workers: number;
  /** Worker threads started since the index was created (0 while no file needed them). */
  workersStarted: number;
  /** Where the time went (ms): reading the disk cache, finding the files, reading and analysing them, computing and sending diagnostics. */
  phases: { diskCache: number; discover: number; files: number; publish: number };
}

type IndexFileResult = 'parsed' | 'disk' | 'unchanged' | 'not-ours' | 'skipped';

interface IndexFileOptions {
  /** Re-assemble even when the content is unchanged (e.g. a new scheme). */
  force?: boolean;
  stats?: IndexStats;
  /** Read on this thread without yielding (small files). */
  syncRead?: boolean;
}

export interface IndexProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  end(stats: IndexStats): void;
}

/** Longest a document being edited without pause waits for its analysis. */
const MAX_WAIT_MS = 500;

export interface DocState {
  uri: string;
  path?: string;
  folder: FolderState;
  open: boolean;
  /** Editor version (open documents). */
  version?: number;
  /** Current text of an open document (closed documents drop their text). */
  text?: string;
  /** Content hash of the analysed text when it is the disk text (for the disk cache). */
  hash?: string;
  /** The parsed chunks; [] when the prefilter found the text cannot be ours (nothing parsed). */
  chunks?: ChunkEntry[];
  model?: DocumentModel;
  scheme: Scheme;
  /** Version the model is for (open documents). */
  analysedVersion?: number;
  /** When the first edit not yet analysed arrived (Date.now()). */
  dirtySince?: number;
  /** Why the file is not analysed (too large, not text). */
  readProblem?: Problem;
  /** The front matter names a scheme file not loaded because the workspace is not trusted. */
  restrictedScheme?: string;
  /** The front matter names a scheme that cannot be loaded. */
  schemeProblem?: Problem;
  audit?: AuditAnalysis;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  /** Increments on each disk read, so a slow read never overwrites a newer one. */
  readGen: number;
}

/** A kind-'none' model is not ours: no problems, no payload. */
function isOurs(model: DocumentModel | undefined): model is DocumentModel {
  return model !== undefined && model.kind !== 'none';
}

export class WorkspaceIndex {
  readonly folders = new Map<string, FolderState>();
  readonly docs = new Map<string, DocState>();
  readonly cache = new ChunkCache();
  readonly pool: WorkerPool;
  readonly diskCache: DiskCache;
  readonly existence = new ExistenceCache();
  /** Text of JSON files open in the editor (config / scheme), by path. */
  private readonly jsonBuffers = new Map<string, string>();
  /** Front-matter scheme references resolved, by `dir|ref`. */
  private readonly schemeRefs = new Map<string, { result: SchemeResult; files: string[]; untrusted?: boolean }>();
  private readonly changed = new Set<string>();
  private emitScheduled = false;
  private indexing = 0;
  private saveTimer?: NodeJS.Timeout;
  private generation = 0;
  /**
   * The sorted file models of a folder, per index generation. Weakly keyed: a document outside
   * every workspace folder gets a folder of its own, dropped when it closes, and its memo (with
   * its model) must go with it (a strong map kept ~90 KB per open/close).
   */
  private filesMemo = new WeakMap<FolderState, { gen: number; files: FileModel[] }>();
  severity: Partial<Record<string, SeverityOverride>>;
  lastStats?: IndexStats;
  /** A fixed as-of date for NC statuses (setting `gbt27922.asOfDate`); undefined: today. */
  asOfDate?: string;
  /** Reports whose audit analysis read a document (chain of previous reports), by that document's URI. */
  private readonly dependents = new Map<string, Set<string>>();
  /** Previous reports read from disk because the index does not hold them (see cycleSource.ts). */
  private readonly cycleDisk = new Map<string, { size: number; mtimeMs: number; result: PreviousLookup }>();
  /** Weakly keyed like filesMemo: a closed loose document's folder (and what it held) must be collectable. */
  private successorsMemo = new WeakMap<FolderState, { gen: number; map: Map<string, string[]> }>();

  constructor(readonly options: IndexOptions) {
    this.pool = new WorkerPool(options.workerFile, options.workers, options.log, options.onWorkersRetired, options.parseBudget);
    this.diskCache = new DiskCache(options.cacheDir, options.modelVersion, options.log);
    this.severity = options.severity ?? {};
    this.asOfDate = options.asOf;
  }

  /** The date NC statuses are computed against: the setting, else today. */
  asOf(): string {
    return this.asOfDate ?? todayIso();
  }

  /**
   * The as-of date may have moved (a new day, or the setting changed): re-analyse the reports
   * with NCs whose statuses were computed for another date. Returns whether any was.
   */
  refreshAsOf(): boolean {
    const asOf = this.asOf();
    let any = false;
    for (const d of this.docs.values()) {
      if (d.audit && d.audit.asOf !== asOf && (d.audit.ncs.length > 0 || d.audit.cycle?.chain.some((e) => e.ncs.length > 0))) {
        d.audit = undefined;
        this.changed.add(d.uri);
        any = true;
      }
    }
    if (any) this.scheduleEmit();
    return any;
  }

  get locale(): Locale {
    return this.options.locale;
  }

  // -------------------------------------------------------------------------------------------
  // Folders

  /** Add workspace folders (not yet indexed: call `indexAll` or `indexFolder`). */
  addFolder(uri: string, name?: string): FolderState | undefined {
    const key = canonicalUri(uri);
    const root = uriToPath(key);
    if (this.folders.has(key)) return this.folders.get(key);
    if (!root) return undefined;
    const folder = new FolderState(key, root, name ?? path.basename(root), false);
    folder.load(this.settingsReader);
    this.folders.set(key, folder);
    // Open loose documents inside the new folder move into it.
    for (const doc of this.docs.values()) {
      if (doc.folder.loose && doc.path && isInside(root, doc.path) && this.folderForPath(doc.path) === folder) this.moveDoc(doc, folder);
    }
    return folder;
  }

  removeFolder(uri: string): void {
    const key = canonicalUri(uri);
    const folder = this.folders.get(key);
    if (!folder) return;
    this.folders.delete(key);
    for (const u of [...folder.docs]) {
      const doc = this.docs.get(u)!;
      const target = doc.open ? this.folderFor(doc.uri) : undefined;
      if (target && doc.path && this.includedIn(target, doc.path)) this.moveDoc(doc, target);
      else this.removeDoc(doc);
    }
    for (const u of folder.jsonProblems.keys()) this.changed.add(u);
    folder.jsonProblems.clear();
    this.scheduleEmit();
  }

  private moveDoc(doc: DocState, to: FolderState): void {
    const from = doc.folder;
    from.docs.delete(doc.uri);
    from.manualCache = undefined;
    if (from.loose && from.docs.size === 0) this.folders.delete(from.key);
    doc.folder = to;
    to.docs.add(doc.uri);
    to.manualCache = undefined;
    this.generation++;
    if (doc.open) {
      doc.analysedVersion = undefined;
      this.schedule(doc, 0);
    }
  }

  /** The folder a path belongs to: the innermost workspace folder containing it. */
  private folderForPath(filePath: string): FolderState | undefined {
    let best: FolderState | undefined;
    for (const f of this.folders.values()) {
      if (f.loose || !f.root || !isInside(f.root, filePath)) continue;
      if (!best || f.root.length > best.root!.length) best = f;
    }
    return best;
  }

  /** The folder of a document (existing or not); undefined when it is outside every folder. */
  folderFor(uri: string): FolderState | undefined {
    const key = canonicalUri(uri);
    const doc = this.docs.get(key);
    if (doc) return doc.folder;
    const p = uriToPath(key);
    return p ? this.folderForPath(p) : undefined;
  }

  private looseFolder(uri: string): FolderState {
    const key = `loose:${uri}`;
    let f = this.folders.get(key);
    if (!f) {
      const p = uriToPath(uri);
      f = new FolderState(key, p ? path.dirname(p) : undefined, p ? path.basename(p) : uri, true);
      f.ready = true;
      this.folders.set(key, f);
    }
    return f;
  }

  private includedIn(folder: FolderState, filePath: string): boolean {
    return folder.loose || folder.includes(filePath);
  }

  /** Settings a feature sees: the project config with the editor's severity overrides on top. */
  effectiveConfig(folder: FolderState): ProjectConfig {
    if (Object.keys(this.severity).length === 0) return folder.config;
    return { ...folder.config, severity: { ...folder.config.severity, ...(this.severity as ProjectConfig['severity']) } };
  }

  // -------------------------------------------------------------------------------------------
  // JSON files (config, schemes)

  /**
   * Reading settings files (config, schemes): the editor buffer, else the disk under the rules of
   * io/settingsFile.ts. With a `root` (the reference comes from the repository: a config file,
   * its `scheme`, a front matter's `scheme:`, an `extends`) only files inside it are read.
   */
  readonly settingsReader = (root: string | undefined, what: 'config' | 'scheme' = 'scheme'): SettingsIo =>
    settingsIo({
      roots: root === undefined ? undefined : this.workspaceRoots(root),
      buffer: (p) => this.jsonBuffers.get(p),
      untrusted: what === 'scheme' && this.options.trusted === false,
    });

  /** Where the repository's settings files may be: every workspace folder, `root`, and their git checkouts. */
  private workspaceRoots(root: string): string[] {
    return workspaceRoots([root, ...[...this.folders.values()].filter((f) => !f.loose).map((f) => f.root)]);
  }

  /** Is this path a config file of a folder or a scheme file some folder or document uses? */
  isSettingsFile(filePath: string): boolean {
    if (path.basename(filePath) === CONFIG_FILE_NAME) return true;
    for (const f of this.folders.values()) if (f.schemeFiles.has(filePath)) return true;
    for (const r of this.schemeRefs.values()) if (r.files.includes(filePath)) return true;
    return false;
  }

  /** A JSON settings file was edited in the editor (text) or closed (undefined). */
  setJsonBuffer(uri: string, text: string | undefined): void {
    const p = uriToPath(canonicalUri(uri));
    if (!p) return;
    if (text === undefined) this.jsonBuffers.delete(p);
    else this.jsonBuffers.set(p, text);
    if (this.isSettingsFile(p)) void this.settingsFileChanged(p);
  }

  /** Reload folders whose config or scheme is `filePath`; re-assemble documents using a changed scheme. */
  async settingsFileChanged(filePath: string): Promise<void> {
    const refsUsing = [...this.schemeRefs.entries()].filter(([, r]) => r.files.includes(filePath));
    for (const [key] of refsUsing) this.schemeRefs.delete(key);
    const folders = [...this.folders.values()].filter((f) => f.configPath === filePath || f.schemeFiles.has(filePath));
    for (const f of folders) await this.reloadFolder(f);
    if (refsUsing.length > 0) {
      for (const doc of this.docs.values()) {
        if (doc.model?.frontMatter.scheme && !folders.includes(doc.folder)) await this.reassemble(doc);
      }
    }
    this.scheduleEmit();
  }

  /** Config or scheme of a folder changed: reload, re-filter files, re-assemble every model. */
  async reloadFolder(folder: FolderState): Promise<void> {
    const oldJson = [...folder.jsonProblems.keys()];
    folder.load(this.settingsReader);
    for (const u of oldJson) this.changed.add(u);
    for (const u of folder.jsonProblems.keys()) this.changed.add(u);
    this.schemeRefs.clear();
    if (!folder.root || folder.loose) return;
    const found = discoverFiles([folder.root], { root: folder.root, include: folder.config.include, exclude: folder.config.exclude, maxFileSizeMB: folder.config.maxFileSizeMB });
    const wanted = new Set([...found.files, ...found.tooLarge].map((f) => pathToUri(f.path)));
    for (const u of [...folder.docs]) {
      const doc = this.docs.get(u)!;
      if (!wanted.has(u) && !doc.open) this.removeDoc(doc);
    }
    const tasks = [...found.files, ...found.tooLarge].map((f) => async () => {
      const uri = pathToUri(f.path);
      const doc = this.docs.get(uri);
      if (doc?.open) await this.reassemble(doc);
      else await this.indexFile(folder, f.path, { force: true });
    });
    this.indexing++;
    try {
      await runLimited(tasks, 8);
    } finally {
      this.indexing--;
    }
    folder.manualCache = undefined;
    for (const u of folder.docs) this.changed.add(u);
    this.scheduleEmit();
  }

  // -------------------------------------------------------------------------------------------
  // Cold indexing

  /** Index every folder: config, disk cache, discovery, parse in the background. */
  async indexAll(progress?: IndexProgress): Promise<IndexStats> {
    const started = Date.now();
    const stats: IndexStats = { files: 0, parsedFiles: 0, fromDiskCache: 0, unchanged: 0, notOurs: 0, parsedChunks: 0, ms: 0, workers: this.pool.size, workersStarted: 0, phases: { diskCache: 0, discover: 0, files: 0, publish: 0 } };
    const phase = (name: keyof IndexStats['phases'], since: number) => {
      const now = Date.now();
      stats.phases[name] += now - since;
      return now;
    };
    const folders = [...this.folders.values()].filter((f) => !f.loose && f.root);
    this.indexing++;
    try {
      const jobs: { folder: FolderState; path: string; size: number }[] = [];
      let t = started;
      for (const folder of folders) {
        folder.ready = false;
        folder.diskEntries = this.diskCache.load(folder.key);
        t = phase('diskCache', t);
        const found = discoverFiles([folder.root!], { root: folder.root!, include: folder.config.include, exclude: folder.config.exclude, maxFileSizeMB: folder.config.maxFileSizeMB });
        for (const f of [...found.files, ...found.tooLarge]) jobs.push({ folder, path: f.path, size: f.size });
        t = phase('discover', t);
      }
      // A disk cache with entries means files here were ours: the workers will be wanted.
      if (folders.some((f) => f.diskEntries.size > 0)) this.pool.prestart();
      stats.files = jobs.length;
      progress?.begin(jobs.length);
      let done = 0;
      let lastReport = 0;
      let lastYield = Date.now();
      /** A file turned out to be ours (parsed, cached or unchanged): reading may go to the workers. */
      let ours = this.pool.live > 0;
      const finished = (r: IndexFileResult) => {
        if (r === 'parsed') stats.parsedFiles++;
        else if (r === 'disk') stats.fromDiskCache++;
        else if (r === 'unchanged') stats.unchanged++;
        else if (r === 'not-ours') stats.notOurs++;
        if (r === 'parsed' || r === 'disk' || r === 'unchanged') ours = true;
        done++;
        if (Date.now() - lastReport > 100 || done === jobs.length) {
          lastReport = Date.now();
          progress?.report(done, jobs.length);
        }
      };
      // Every 10 ms of work on this thread, a yield, so requests are still answered.
      const breathe = async () => {
        if (Date.now() - lastYield > 10) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = Date.now();
        }
      };
      const small = jobs.filter((j) => j.size <= SYNC_READ_MAX_BYTES);
      const large = jobs.filter((j) => j.size > SYNC_READ_MAX_BYTES);
      const tasks: (() => Promise<unknown>)[] = [];
      if (this.pool.size > 0) {
        // Small files are read, decoded and hashed on the workers, a batch per message, while
        // this thread assembles the batches already read.
        for (let i = 0; i < small.length; i += READ_BATCH) {
          const whole = small.slice(i, i + READ_BATCH);
          tasks.push(async () => {
            // Until a file turns out to be ours, files are read here: a workspace of someone
            // else's Markdown starts no worker thread.
            let k = 0;
            for (; k < whole.length && !ours; k++) {
              await breathe();
              finished(await this.indexFile(whole[k].folder, whole[k].path, { stats, syncRead: true }));
            }
            const batch = whole.slice(k);
            if (batch.length === 0) return;
            const claims = batch.map((j) => this.claimRead(j.folder, j.path));
            const wanted = batch.filter((_, k) => claims[k]);
            const reads = await this.pool.read(wanted.map((j) => ({ path: j.path, maxBytes: j.folder.config.maxFileSizeMB * MB })));
            let next = 0;
            await Promise.all(
              batch.map(async (j, k) => {
                const claim = claims[k];
                const read = claim ? reads[next++] : undefined;
                await breathe();
                finished(claim && read ? await this.indexRead(j.folder, j.path, claim, read, { stats }) : 'skipped');
              }),
            );
          });
        }
      } else {
        // No workers: small files are read synchronously here (~20 µs from the page cache,
        // where an fs.promises read is four thread-pool round trips).
        for (const j of small) {
          tasks.push(async () => {
            await breathe();
            finished(await this.indexFile(j.folder, j.path, { stats, syncRead: true }));
          });
        }
      }
      for (const j of large) {
        tasks.push(async () => {
          await breathe();
          finished(await this.indexFile(j.folder, j.path, { stats }));
        });
      }
      await runLimited(tasks, this.pool.size > 0 ? this.pool.size * 2 : 4);
      phase('files', t);
    } finally {
      this.indexing--;
    }
    for (const folder of folders) {
      folder.ready = true;
      folder.manualCache = undefined;
      for (const u of folder.docs) this.changed.add(u);
      for (const u of folder.jsonProblems.keys()) this.changed.add(u);
    }
    const publishing = Date.now();
    this.emitNow();
    phase('publish', publishing);
    stats.ms = Date.now() - started;
    stats.workers = this.pool.size;
    stats.workersStarted = this.pool.started;
    this.lastStats = stats;
    progress?.end(stats);
    // A whole workspace is indexed: the workers' heaps are not needed until the next big job.
    this.pool.retireIdle();
    await this.saveDiskCache();
    return stats;
  }

  /**
   * Read a closed file from disk and (re)analyse it. Unchanged content (same hash) is skipped
   * unless `force` (then its chunks are re-assembled, e.g. for a new scheme).
   */
  async indexFile(folder: FolderState, filePath: string, opts: IndexFileOptions = {}): Promise<IndexFileResult> {
    const claim = this.claimRead(folder, filePath);
    if (!claim) return 'skipped';
    const job = { path: filePath, maxBytes: folder.config.maxFileSizeMB * MB };
    const read = opts.syncRead ? readFileForIndex(job) : await readFileForIndexAsync(job);
    return this.indexRead(folder, filePath, claim, read, opts);
  }

  /**
   * Before reading a closed file: its URI and a read generation, or undefined when the file is
   * open (the editor's text wins). A read whose generation is no longer the document's (the file
   * was opened, or read again, meanwhile) is dropped.
   */
  private claimRead(folder: FolderState, filePath: string): { uri: string; gen: number } | undefined {
    const uri = pathToUri(filePath);
    let doc = this.docs.get(uri);
    if (doc?.open) return undefined;
    if (doc && doc.folder !== folder) this.removeDoc(doc);
    doc = this.docs.get(uri);
    return { uri, gen: doc ? ++doc.readGen : 0 };
  }

  /** Analyse what reading a file gave (see claimRead). */
  private async indexRead(folder: FolderState, filePath: string, claim: { uri: string; gen: number }, read: FileRead, opts: IndexFileOptions): Promise<IndexFileResult> {
    const { uri, gen } = claim;
    const current = () => {
      const d = this.docs.get(uri);
      return !d || (!d.open && d.readGen === gen);
    };
    if (read.kind === 'unreadable') {
      const d = this.docs.get(uri);
      if (d && !d.open && d.readGen === gen) this.removeDoc(d);
      return 'skipped';
    }
    if (!current()) return 'skipped';
    if (read.kind === 'too-large') {
      this.setReadProblem(folder, uri, filePath, { code: 'file-too-large', args: { size: (read.bytes / MB).toFixed(1), limit: folder.config.maxFileSizeMB }, range: ZERO });
      return 'skipped';
    }
    if (read.kind === 'not-text') {
      this.setReadProblem(folder, uri, filePath, { code: 'not-text', args: { detail: read.reason }, range: ZERO });
      return 'skipped';
    }
    const { text, hash } = read;
    let doc: DocState | undefined;
    doc = this.docs.get(uri);
    if (doc && doc.hash === hash && doc.chunks && !opts.force) return doc.chunks.length === 0 ? 'not-ours' : 'unchanged';
    let chunks: ChunkEntry[] | undefined = doc && doc.hash === hash && doc.chunks?.length ? doc.chunks : folder.diskEntries.get(hash);
    if (chunks && chunks !== doc?.chunks && !cacheEntryFits(chunks, text)) {
      folder.diskEntries.delete(hash);
      chunks = undefined;
    }
    let result: 'parsed' | 'disk' | 'unchanged' = chunks ? (doc?.hash === hash ? 'unchanged' : 'disk') : 'parsed';
    if (!chunks && !mayBeOurs(text, folder.scheme)) {
      // The prefilter (model/prefilter.ts): this text cannot be ours. One scan, no parse; the file
      // stays indexed (and watched) as not ours, and is analysed in full once it is opened.
      doc = this.docs.get(uri) ?? this.createDoc(uri, filePath, folder);
      this.commit(doc, { model: notOursModel(text, folder.scheme), scheme: folder.scheme, chunks: [], parsed: 0, parsedChars: 0 }, hash);
      return 'not-ours';
    }
    if (!chunks) {
      // Not in the disk cache: chunks another file shares come from memory, the rest are parsed.
      const parts = splitIntoChunks(text);
      const models = parts.map((p) => this.cache.get(p.text, p.first));
      const missing = parts.map((_, i) => i).filter((i) => !models[i]);
      if (missing.length > 0) {
        const parsed = await this.pool.run(missing.map((i) => ({ text: parts[i].text, first: parts[i].first })));
        missing.forEach((i, k) => (models[i] = parsed[k]));
        if (opts.stats) opts.stats.parsedChunks += missing.length;
      } else result = 'unchanged';
      chunks = parts.map((p, i) => ({ start: p.start, first: p.first, model: models[i]! }));
      if (!current()) return 'skipped';
    }
    doc = this.docs.get(uri) ?? this.createDoc(uri, filePath, folder);
    const analysis = this.assembleFor(doc, text, chunks);
    this.commit(doc, analysis, hash);
    return result;
  }

  private setReadProblem(folder: FolderState, uri: string, filePath: string, problem: Problem): void {
    const doc = this.docs.get(uri) ?? this.createDoc(uri, filePath, folder);
    const wasManual = doc.model?.kind === 'manual';
    this.cycleChanged(doc, doc.model, undefined);
    doc.readProblem = problem;
    doc.model = undefined;
    doc.chunks = undefined;
    doc.hash = undefined;
    doc.audit = undefined;
    if (wasManual) folder.manualCache = undefined;
    this.generation++;
    this.changed.add(uri);
    this.scheduleEmit();
  }

  private createDoc(uri: string, filePath: string | undefined, folder: FolderState): DocState {
    const doc: DocState = { uri, path: filePath, folder, open: false, scheme: folder.scheme, readGen: 0 };
    this.docs.set(uri, doc);
    folder.docs.add(uri);
    this.generation++;
    return doc;
  }

  /** Drop a document (deleted, excluded, closed outside the workspace): its diagnostics are cleared. */
  removeDoc(doc: DocState): void {
    if (doc.timer) clearTimeout(doc.timer);
    this.cycleChanged(doc, doc.model, undefined);
    this.docs.delete(doc.uri);
    doc.folder.docs.delete(doc.uri);
    if (doc.model?.kind === 'manual' || doc.folder.lastRoot === doc.uri) doc.folder.manualCache = undefined;
    if (doc.folder.loose && doc.folder.docs.size === 0) this.folders.delete(doc.folder.key);
    this.generation++;
    this.changed.add(doc.uri);
    this.markLinksChanged(doc.folder);
    this.scheduleEmit();
  }

  // -------------------------------------------------------------------------------------------
  // Analysis

  /** Assemble chunks into a model with the document's scheme (front matter, else folder's). */
  private assembleFor(doc: DocState, text: string, chunks: ChunkEntry[]): TextAnalysis {
    const { model, scheme } = assemble(text, chunks, doc.scheme ?? doc.folder.scheme, (m) => this.chooseScheme(doc, m));
    return { model, scheme, chunks, parsed: 0, parsedChars: 0 };
  }

  /** The scheme a model should be assembled with; records an unloadable front-matter scheme. */
  private chooseScheme(doc: DocState, model: DocumentModel): Scheme {
    const ref = model.frontMatter.scheme;
    doc.schemeProblem = undefined;
    doc.restrictedScheme = undefined;
    if (!ref || ref === doc.folder.scheme.id) return doc.folder.scheme;
    const base = doc.path ?? path.join(doc.folder.root ?? process.cwd(), 'untitled.md');
    const key = `${path.dirname(base)}|${ref}`;
    let entry = this.schemeRefs.get(key);
    if (!entry) {
      const files: string[] = [];
      // The front matter is the repository's: its scheme file must be inside the folder (a loose
      // document's own directory).
      const io = this.settingsReader(doc.folder.loose ? path.dirname(base) : (doc.folder.root ?? path.dirname(base)));
      const result = resolveSchemeRef(ref, base, {
        ...io,
        readFile: (p) => {
          files.push(p);
          return io.readFile(p);
        },
      });
      entry = { result, files, untrusted: io.refusedUntrusted };
      this.schemeRefs.set(key, entry);
    }
    if (entry.result.ok) return entry.result.scheme;
    if (entry.untrusted) doc.restrictedScheme = ref;
    doc.schemeProblem = {
      code: 'unknown-scheme',
      args: { scheme: ref, detail: formatSchemeProblems(entry.result.problems).replace(/\n/g, '; ') },
      range: model.frontMatter.range ?? ZERO,
    };
    return doc.folder.scheme;
  }

  /** Re-assemble a document's model (new scheme) from its chunks. */
  private async reassemble(doc: DocState): Promise<void> {
    if (doc.open && doc.text !== undefined) {
      doc.analysedVersion = undefined;
      doc.scheme = doc.folder.scheme;
      await this.runAnalysis(doc);
    } else if (doc.path) {
      await this.indexFile(doc.folder, doc.path, { force: true });
    }
  }

  private commit(doc: DocState, a: TextAnalysis, hash: string | undefined, version?: number): void {
    const before = doc.model?.kind;
    this.cycleChanged(doc, doc.model, a.model);
    doc.chunks = a.chunks;
    doc.model = a.model;
    doc.scheme = a.scheme;
    doc.hash = hash;
    doc.readProblem = undefined;
    doc.audit = undefined;
    doc.analysedVersion = version;
    if (before === 'manual' || a.model.kind === 'manual') doc.folder.manualCache = undefined;
    this.generation++;
    this.changed.add(doc.uri);
    this.scheduleEmit(doc.open);
  }

  /** Analyse an open document's latest text; loops until the model matches the latest version. */
  private runAnalysis(doc: DocState): Promise<void> {
    if (doc.timer) {
      clearTimeout(doc.timer);
      doc.timer = undefined;
    }
    if (doc.running) return doc.running;
    const run = (async () => {
      while (doc.open && doc.text !== undefined && doc.analysedVersion !== doc.version && this.docs.get(doc.uri) === doc) {
        const version = doc.version;
        const text = doc.text;
        const limit = doc.folder.config.maxFileSizeMB * MB;
        if (text.length * 2 > limit && text.length > limit / 3) {
          // Rough byte size check without encoding the text.
          const bytes = Buffer.byteLength(text, 'utf8');
          if (bytes > limit) {
            this.setReadProblem(doc.folder, doc.uri, doc.path ?? doc.uri, { code: 'file-too-large', args: { size: (bytes / MB).toFixed(1), limit: doc.folder.config.maxFileSizeMB }, range: ZERO });
            doc.analysedVersion = version;
            break;
          }
        }
        const stale = () => doc.version !== version || !doc.open || this.docs.get(doc.uri) !== doc;
        const a = await analyzeTextAsync(text, doc.scheme ?? doc.folder.scheme, this.cache, this.pool.size > 0 ? (c) => this.pool.run(c) : undefined, {
          asyncThreshold: this.options.asyncThreshold,
          isStale: stale,
          chooseScheme: (m) => this.chooseScheme(doc, m),
        });
        if (!a || stale()) continue;
        const previous = doc.chunks;
        this.commit(doc, a, undefined, version);
        if (previous) this.cache.release(previous.map((c) => c.model), new Set(a.chunks.map((c) => c.model)));
      }
    })()
      .catch((e) => this.options.log(`analysis of ${doc.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`))
      .finally(() => {
        doc.running = undefined;
      });
    doc.running = run;
    return run;
  }

  private schedule(doc: DocState, delay: number): void {
    if (doc.timer) clearTimeout(doc.timer);
    // The debounce restarts on every edit, but someone who never pauses typing still gets
    // results: a document waits at most MAX_WAIT_MS since its first unanalysed edit.
    const now = Date.now();
    doc.dirtySince ??= now;
    const wait = Math.max(0, Math.min(delay, doc.dirtySince + MAX_WAIT_MS - now));
    doc.timer = setTimeout(() => {
      doc.timer = undefined;
      doc.dirtySince = undefined;
      void this.runAnalysis(doc);
    }, wait);
  }

  // -------------------------------------------------------------------------------------------
  // Editor documents

  /** Is this URI a Markdown document we analyse when it is open? */
  accepts(uri: string, languageId?: string): boolean {
    const key = canonicalUri(uri);
    const p = uriToPath(key);
    if (p && !isMarkdownPath(p) && languageId !== 'markdown') return false;
    if (!p && languageId !== 'markdown') return false;
    if (p) {
      const folder = this.folderForPath(p);
      if (folder && !folder.includes(p) && isMarkdownPath(p)) return false;
    }
    return true;
  }

  open(uri: string, text: string, version: number, languageId?: string): void {
    if (!this.accepts(uri, languageId)) return;
    const key = canonicalUri(uri);
    const p = uriToPath(key);
    let doc = this.docs.get(key);
    if (!doc) doc = this.createDoc(key, p, (p && this.folderForPath(p)) || this.looseFolder(key));
    doc.open = true;
    doc.text = text;
    doc.version = version;
    doc.readGen++;
    // Same text as the indexed file: its chunks seed the cache, its model is current.
    if (doc.chunks && doc.model && doc.hash !== undefined && doc.hash === contentHash(text)) {
      const parts = splitIntoChunks(text);
      if (parts.length === doc.chunks.length && parts.every((c, i) => c.start === doc!.chunks![i].start)) {
        parts.forEach((c, i) => this.cache.set(c.text, c.first, doc!.chunks![i].model));
        doc.analysedVersion = version;
        this.changed.add(key);
        this.scheduleEmit(true);
        return;
      }
    }
    doc.analysedVersion = undefined;
    void this.runAnalysis(doc);
  }

  change(uri: string, text: string, version: number): void {
    const doc = this.docs.get(canonicalUri(uri));
    if (!doc || !doc.open) return;
    if (doc.version === version && doc.text === text) return;
    doc.text = text;
    doc.version = version;
    doc.hash = undefined;
    this.schedule(doc, this.options.debounceMs);
  }

  close(uri: string): void {
    const doc = this.docs.get(canonicalUri(uri));
    if (!doc || !doc.open) return;
    if (doc.timer) clearTimeout(doc.timer);
    doc.timer = undefined;
    doc.open = false;
    doc.text = undefined;
    doc.version = undefined;
    doc.analysedVersion = undefined;
    const p = doc.path;
    if (!p || doc.folder.loose || !this.includedIn(doc.folder, p) || !this.existence.exists(p)) {
      this.removeDoc(doc);
      return;
    }
    // Back to the disk text (unsaved edits were discarded, or saved: same hash, no re-parse).
    void this.indexFile(doc.folder, p);
  }

  /** Wait until an open document's pending edits are analysed. */
  async flush(uri: string): Promise<void> {
    const doc = this.docs.get(canonicalUri(uri));
    for (let i = 0; doc && doc.open && doc.analysedVersion !== doc.version && i < 5; i++) await this.runAnalysis(doc);
  }

  /**
   * Analyse pending edits now, on this thread, so a request sees the latest text. Skipped while
   * an analysis is running on the workers (`flush` waits for it).
   */
  ensureFresh(uri: string): void {
    const doc = this.docs.get(canonicalUri(uri));
    if (!doc || !doc.open || doc.text === undefined || doc.analysedVersion === doc.version || doc.running) return;
    // Much new text (a paste) is parsed on the workers, under the parse budget, never here.
    if (this.pool.size > 0 && missingChars(doc.text, this.cache) >= this.options.asyncThreshold) return;
    if (doc.timer) clearTimeout(doc.timer);
    doc.timer = undefined;
    try {
      const a = analyzeText(doc.text, doc.scheme ?? doc.folder.scheme, this.cache, (m) => this.chooseScheme(doc, m));
      this.commit(doc, a, undefined, doc.version);
    } catch (e) {
      this.options.log(`analysis of ${doc.uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  // -------------------------------------------------------------------------------------------
  // File watcher

  /** Files changed on disk: type 1 created, 2 changed, 3 deleted (LSP FileChangeType). */
  async filesChanged(changes: { uri: string; type: number }[]): Promise<void> {
    const settings = new Set<string>();
    const reads: (() => Promise<unknown>)[] = [];
    for (const c of changes) {
      const p = uriToPath(canonicalUri(c.uri));
      if (!p) continue;
      if (c.type !== 2) {
        this.existence.invalidate(p);
        const f = this.folderForPath(p);
        if (f) this.markLinksChanged(f);
      }
      if (this.isSettingsFile(p)) {
        settings.add(p);
        continue;
      }
      if (c.type === 3) {
        for (const doc of [...this.docs.values()]) {
          if (!doc.open && doc.path && (doc.path === p || isInside(p, doc.path))) this.removeDoc(doc);
        }
        continue;
      }
      const folder = this.folderForPath(p);
      if (!folder || !folder.root) continue;
      // The walker's rules (io/discover.ts): regular files only, a linked file under its real path
      // inside the folder, never a linked folder, never a FIFO or device.
      const what = classifyPath(folder.root, p);
      if (isMarkdownPath(p)) {
        if (what.kind !== 'file' || what.path !== p) {
          const stale = this.docs.get(pathToUri(p));
          if (stale && !stale.open) this.removeDoc(stale);
        }
        if (what.kind === 'file' && folder.includes(what.path)) reads.push(() => this.indexFile(folder, what.path));
      } else if (c.type === 1 && what.kind === 'dir') {
        // A directory moved in: index the Markdown files inside.
        const found = discoverFiles([p], { root: folder.root, include: folder.config.include, exclude: folder.config.exclude, maxFileSizeMB: folder.config.maxFileSizeMB, followExplicitLinks: false });
        for (const f of [...found.files, ...found.tooLarge]) reads.push(() => this.indexFile(folder, f.path));
      }
    }
    for (const p of settings) await this.settingsFileChanged(p);
    await runLimited(reads, 8);
    this.scheduleEmit();
    this.scheduleSave();
  }

  private markLinksChanged(folder: FolderState): void {
    for (const u of folder.docs) {
      const d = this.docs.get(u);
      if (d?.model && d.model.links.length > 0) {
        d.audit = undefined;
        this.changed.add(u);
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  // Change notification

  private scheduleEmit(urgent = false): void {
    if (urgent) {
      this.emitNow();
      return;
    }
    if (this.emitScheduled) return;
    this.emitScheduled = true;
    setImmediate(() => this.emitNow());
  }

  /** Recompute changed manual aggregates and report every URI whose output may have changed. */
  private emitNow(): void {
    this.emitScheduled = false;
    if (this.changed.size === 0) return;
    if (this.indexing > 0) {
      // During indexing only open documents are reported; the rest at the end.
      const open = [...this.changed].filter((u) => this.docs.get(u)?.open);
      if (open.length === 0) return;
      for (const u of open) this.changed.delete(u);
      this.options.onChange(open);
      return;
    }
    for (const folder of this.folders.values()) {
      if (folder.manualCache !== undefined) continue;
      const m = this.manualOf(folder);
      const root = m?.root;
      const signature = root ? JSON.stringify(m!.problems.get(root)) : '';
      if (root !== folder.lastRoot || signature !== folder.lastRootSignature) {
        if (folder.lastRoot) this.changed.add(folder.lastRoot);
        if (root) this.changed.add(root);
        folder.lastRoot = root;
        folder.lastRootSignature = signature;
      }
      // A file that starts or stops counting as the manual gains or loses its note.
      const notCounted = new Set(m?.notCounted ?? []);
      for (const u of notCounted) if (!folder.lastNotCounted.has(u)) this.changed.add(u);
      for (const u of folder.lastNotCounted) if (!notCounted.has(u)) this.changed.add(u);
      folder.lastNotCounted = notCounted;
      // Open manual files show the aggregate in their panel.
      for (const u of folder.docs) {
        const d = this.docs.get(u);
        if (d?.open && d.model?.kind === 'manual') this.changed.add(u);
      }
    }
    const uris = [...this.changed];
    this.changed.clear();
    this.options.onChange(uris);
  }

  // -------------------------------------------------------------------------------------------
  // Queries

  doc(uri: string): DocState | undefined {
    return this.docs.get(canonicalUri(uri));
  }

  /** Manual coverage of a folder (undefined when it has no manual file). */
  manualOf(folder: FolderState): ManualAnalysis | undefined {
    if (!folder.manualCache) {
      const files = this.folderFiles(folder).filter((f) => f.model.kind === 'manual');
      let manualRoot: string | undefined;
      if (folder.config.manualRoot && folder.root) manualRoot = pathToUri(path.resolve(folder.root, folder.config.manualRoot));
      folder.manualCache = { analysis: files.length ? analyzeManuals(files, folder.scheme, { manualRoot }) : undefined };
    }
    return folder.manualCache.analysis;
  }

  /** Score of an audit report (cached until its model or a linked file changes). */
  auditOf(uri: string): AuditAnalysis | undefined {
    const doc = this.doc(uri);
    if (!doc?.model || doc.model.kind !== 'audit') return undefined;
    const asOf = this.asOf();
    if (!doc.audit || doc.audit.asOf !== asOf) {
      const checkLink = doc.folder.config.checkEvidenceLinks ? this.linkChecker(doc.folder) : undefined;
      const cycle = new IndexCycleSource(this.cycleHost, doc.folder, this.cycleDisk, doc.folder.config.maxFileSizeMB * MB);
      doc.audit = analyzeAudit({ uri: doc.uri, model: doc.model }, doc.scheme, { checkLink, asOf, cycle });
      for (const dep of doc.audit.cycle?.deps ?? []) {
        let set = this.dependents.get(dep);
        if (!set) this.dependents.set(dep, (set = new Set()));
        set.add(doc.uri);
      }
    }
    return doc.audit;
  }

  // -------------------------------------------------------------------------------------------
  // The certification cycle (previous: chains)

  private readonly cycleHost = {
    indexed: (uri: string) => {
      const d = this.docs.get(uri);
      if (!d) return undefined;
      if (d.readProblem) return { scheme: d.scheme, readProblem: problemMessage(d.readProblem.code, d.readProblem.args, 'en') };
      if (d.open) this.ensureFresh(uri);
      return d.model ? { model: d.model, scheme: d.scheme } : undefined;
    },
    parse: (text: string, filePath: string, folder: FolderState) => {
      const probe: DocState = { uri: pathToUri(filePath), path: filePath, folder, open: false, scheme: folder.scheme, readGen: 0 };
      const a = analyzeText(text, folder.scheme, this.cache, (m) => this.chooseScheme(probe, m));
      return { model: a.model, scheme: a.scheme };
    },
    successors: (folder: FolderState, uri: string): ReportRef[] => {
      let memo = this.successorsMemo.get(folder);
      if (!memo || memo.gen !== this.generation) {
        const map = new Map<string, string[]>();
        for (const f of this.folderFiles(folder)) {
          const target = this.previousUri(f.uri, f.model);
          if (!target) continue;
          const list = map.get(target) ?? [];
          list.push(f.uri);
          map.set(target, list);
        }
        memo = { gen: this.generation, map };
        this.successorsMemo.set(folder, memo);
      }
      const out: ReportRef[] = [];
      for (const u of memo.map.get(uri) ?? []) {
        const d = this.docs.get(u);
        if (d?.model?.kind === 'audit' && u !== uri) out.push({ uri: u, model: d.model, scheme: d.scheme });
      }
      return out;
    },
  };

  /** The URI the `previous:` of an audit model names (inside its folder), if any. */
  private previousUri(uri: string, model: DocumentModel | undefined): string | undefined {
    const target = model?.kind === 'audit' ? model.frontMatter.cycle.previous : undefined;
    const from = uriToPath(uri);
    const folder = this.docs.get(uri)?.folder;
    if (!target || !from || !folder?.root) return undefined;
    const r = resolvePreviousPath(from, target, folder.root);
    return r.abs && r.inside ? pathToUri(r.abs) : undefined;
  }

  /**
   * A document's model changed (or it went away): reports whose chain read it are analysed again,
   * and so is the report it names as previous when what it says about that report changed (the
   * target or its follow-ups): that report shows which of its NCs are followed up.
   */
  private cycleChanged(doc: DocState, before: DocumentModel | undefined, after: DocumentModel | undefined): void {
    const touch = (uri: string) => {
      const d = this.docs.get(uri);
      if (!d || uri === doc.uri) return;
      d.audit = undefined;
      this.changed.add(uri);
    };
    const dependents = this.dependents.get(doc.uri);
    if (dependents) {
      this.dependents.delete(doc.uri);
      for (const u of dependents) touch(u);
    }
    const said = (m: DocumentModel | undefined) => (m?.kind === 'audit' ? `${m.frontMatter.cycle.previous ?? ''}|${m.followUps.map((f) => `${f.id}:${f.status ?? ''}`).join(',')}` : '');
    if (said(before) === said(after)) return;
    for (const m of [before, after]) {
      const t = this.previousUri(doc.uri, m);
      if (t) touch(t);
    }
  }

  /**
   * Every problem of a file shown to the user (model, workspace-level, links, reading), in
   * document order, after its suppression comments (analysis/suppressions.ts).
   */
  problemsOf(uri: string): Problem[] {
    return this.fileProblems(uri).problems;
  }

  /** The problems of a file its suppression comments hide (for the panel's count). */
  suppressedOf(uri: string): SuppressedProblem[] {
    return this.fileProblems(uri).suppressed;
  }

  private fileProblems(uri: string): SuppressionResult {
    const key = canonicalUri(uri);
    const json: Problem[] = [];
    for (const f of this.folders.values()) json.push(...(f.jsonProblems.get(key) ?? []));
    const doc = this.docs.get(key);
    if (!doc) return { problems: json, suppressed: [] };
    if (doc.readProblem) return { problems: [doc.readProblem], suppressed: [] };
    const model = doc.model;
    if (!isOurs(model)) return { problems: [...json, ...(doc.model?.problems.filter((p) => NOT_ANALYSED_CODES.has(p.code)) ?? [])], suppressed: [] };
    const out = [...model.problems];
    if (doc.schemeProblem) out.push(doc.schemeProblem);
    if (model.kind === 'manual') {
      if (doc.folder.ready) out.push(...(this.manualOf(doc.folder)?.problems.get(key) ?? []));
      if (doc.folder.config.checkEvidenceLinks) out.push(...linkProblems({ uri: key, model }, this.linkChecker(doc.folder)));
      // Clause-tag suggestion hints (the server's), before suppressions so a comment can hide one.
      if (this.options.extraProblems) out.push(...this.options.extraProblems(key, doc.open));
    } else if (model.kind === 'audit') {
      out.push(...(this.auditOf(key)?.problems ?? []));
    }
    const config = this.effectiveConfig(doc.folder);
    return applySuppressions(model, out.sort(compareProblems), (p) => effectiveSeverity(p.code, config) !== 'off');
  }

  /** Is the model of an open document for its latest version? */
  isCurrent(uri: string): boolean {
    const doc = this.doc(uri);
    return !doc || !doc.open || doc.analysedVersion === doc.version;
  }

  linkChecker(folder: FolderState): LinkChecker {
    if (!folder.root) return () => 'skip';
    // A document outside every workspace folder has no workspace to be outside of: its links
    // are checked from its own directory, wherever they lead (a root-relative `/x` is skipped).
    const root = folder.loose ? path.parse(folder.root).root : folder.root;
    const checker = createLinkChecker(
      (rel) => this.existence.exists(path.resolve(root, rel)),
      (uri) => {
        const p = uriToPath(uri);
        return p ? path.relative(root, p).split(path.sep).join('/') : uri;
      },
    );
    if (!folder.loose) return checker;
    return (fromUri, target) => (target.trim().startsWith('/') ? 'skip' : checker(fromUri, target));
  }

  /** Resolve a relative link written in `fromUri` to a document URI. */
  resolveLink(fromUri: string, target: string): string | undefined {
    const doc = this.doc(fromUri);
    const p = uriToPath(canonicalUri(fromUri));
    const root = doc?.folder.root ?? (p ? path.dirname(p) : undefined);
    if (!p || !root) return undefined;
    const r = resolveLinkTarget(path.relative(root, p).split(path.sep).join('/'), target);
    if (r.status !== 'inside') return undefined;
    return pathToUri(path.resolve(root, r.rel));
  }

  /** Text of a document: the editor buffer, else the file on disk. */
  textOf(uri: string): string | undefined {
    const key = canonicalUri(uri);
    const doc = this.docs.get(key);
    if (doc?.open && doc.text !== undefined) return doc.text;
    const p = uriToPath(key);
    if (!p) return undefined;
    // A regular file within the size limit, never a FIFO or device (io/safeRead.ts).
    const r = readRegularFile(p, ((doc?.folder ?? this.folderFor(key))?.config.maxFileSizeMB ?? 10) * MB);
    if (!r.ok) return undefined;
    const d = decodeBytes(r.bytes);
    return d.ok ? d.text : undefined;
  }

  folderFiles(folder: FolderState): FileModel[] {
    const memo = this.filesMemo.get(folder);
    if (memo && memo.gen === this.generation) return memo.files;
    const files: FileModel[] = [];
    for (const u of folder.docs) {
      const d = this.docs.get(u);
      if (d?.model) files.push({ uri: u, model: d.model });
    }
    files.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    this.filesMemo.set(folder, { gen: this.generation, files });
    return files;
  }

  /** The FeatureContext of a document's folder (a loose document gets its own). */
  contextFor(uri: string): FeatureContext | undefined {
    const key = canonicalUri(uri);
    const doc = this.docs.get(key);
    const folder = doc?.folder ?? this.folderFor(key);
    if (!folder) return undefined;
    return new FolderContext(this, folder);
  }

  /** One FeatureContext per workspace folder (and per loose open document). */
  allContexts(): FeatureContext[] {
    return [...this.folders.values()].map((f) => new FolderContext(this, f));
  }

  /** The context of the first workspace folder (for requests without a document). */
  defaultContext(): FeatureContext {
    const first = [...this.folders.values()].find((f) => !f.loose) ?? [...this.folders.values()][0] ?? new FolderState('default:', undefined, 'default', true);
    return new FolderContext(this, first);
  }

  // -------------------------------------------------------------------------------------------
  // Disk cache

  private scheduleSave(): void {
    if (!this.diskCache.dir) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.saveDiskCache(), 5000);
    this.saveTimer.unref();
  }

  /** Write each folder's chunk models by content hash (closed files and unchanged open ones). */
  async saveDiskCache(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.diskCache.dir) return;
    for (const folder of this.folders.values()) {
      if (folder.loose) continue;
      const entries = new Map<string, ChunkEntry[]>();
      for (const u of folder.docs) {
        const d = this.docs.get(u);
        // A parse budget verdict (time, memory) depends on the machine and its load: decided again next time.
        // Files that are not ours (no chunks) are not cached: the prefilter decides again.
        if (d?.hash && d.chunks && d.chunks.length > 0 && !d.chunks.some((c) => c.model.tooComplex?.reason === 'time' || c.model.tooComplex?.reason === 'memory')) entries.set(d.hash, d.chunks);
      }
      // Nothing new since the cache was read or last written (a warm reopen): no rewrite.
      const before = folder.diskEntries;
      if (before && before.size === entries.size && [...entries.keys()].every((h) => before.has(h))) continue;
      folder.diskEntries = entries;
      await this.diskCache.save(folder.key, entries);
    }
  }

  async dispose(): Promise<void> {
    for (const d of this.docs.values()) if (d.timer) clearTimeout(d.timer);
    await this.saveDiskCache();
    await this.pool.dispose();
  }
}

const ZERO = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Run async tasks with at most `limit` in flight. */
async function runLimited(tasks: (() => Promise<unknown>)[], limit: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const t = tasks[next++];
      await t();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
}

/** A folder's view of the index, as the feature modules read it. */
class FolderContext implements FeatureContext {
  constructor(
    private readonly index: WorkspaceIndex,
    private readonly folder: FolderState,
  ) {}
  get locale(): Locale {
    return this.index.locale;
  }
  get config(): ProjectConfig {
    return this.index.effectiveConfig(this.folder);
  }
  get scheme(): Scheme {
    return this.folder.scheme;
  }
  schemeFor(uri: string): Scheme {
    return this.index.doc(uri)?.scheme ?? this.folder.scheme;
  }
  text(uri: string): string | undefined {
    return this.index.textOf(uri);
  }
  model(uri: string): DocumentModel | undefined {
    this.index.ensureFresh(uri);
    return this.index.doc(uri)?.model;
  }
  files(): FileModel[] {
    return this.index.folderFiles(this.folder);
  }
  manual(): ManualAnalysis | undefined {
    return this.index.manualOf(this.folder);
  }
  audit(uri: string): AuditAnalysis | undefined {
    return this.index.auditOf(uri);
  }
  resolveLink(fromUri: string, target: string): string | undefined {
    return this.index.resolveLink(fromUri, target);
  }
}
