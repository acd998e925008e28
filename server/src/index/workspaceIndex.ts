/**
 * The workspace index: every Markdown file of the workspace folders (multi-root) and every
 * open document, each with its parsed chunks and document model, kept current from editor
 * changes and file-watcher events without re-reading unchanged files.
 *
 * - Open documents are re-analysed incrementally (scheduler.ts, analyzer.ts): after a light
 *   debounce, only the chunks an edit touched are parsed; one analysis per document at a time,
 *   and an analysis whose version is overtaken is dropped, never published.
 * - Cold indexing (coldIndex.ts) reads files in batches, takes unchanged files from the saved
 *   models by content hash, and parses the rest (on worker threads when the platform has them).
 * - Manual coverage is the union over a folder's manual files, recomputed on demand (cheap: it
 *   reads the models' coverage claims); each audit report is scored on its own, lazily
 *   (analyses.ts).
 * - Closed files keep their chunk models and document model, not their text or syntax trees
 *   (unless the text cannot be read again synchronously: files read through the client).
 * - Every file is read through the file access the platform gives (workspaceFiles.ts): the disk
 *   in the Node server, the client's `vscode.workspace.fs` in the web build and for virtual
 *   folders. Parsing is the platform's too (a worker pool, or this thread).
 *
 * This class builds the parts (core.ts lists them) and is the index's one public face: the
 * server and the features use nothing else. The index knows nothing of LSP: it reports which
 * URIs changed through `onChange`, and the server publishes diagnostics and panel payloads.
 */
import type { SuppressedProblem } from '../analysis/suppressions';
import type { AuditAnalysis, FileModel, ManualAnalysis } from '../analysis/workspace';
import type { ProjectConfig, SeverityOverride } from '../config/config';
import type { FeatureContext } from '../features/context';
import type { Locale } from '../model/problems';
import type { Problem } from '../model/types';
import { WorkspaceAnalyses } from './analyses';
import { ChangeEmitter } from './changes';
import { ChunkCache } from './chunkCache';
import { CertificationCycles } from './cycles';
import { ColdIndexer, type IndexProgress, type IndexStats } from './coldIndex';
import { MB, type IndexCore, type IndexOptions } from './core';
import { DocumentStore, type DocState } from './documents';
import { FileEvents } from './fileEvents';
import { FolderState, type SchemeIo } from './folder';
import { FolderContext } from './folderContext';
import { FolderRegistry } from './folders';
import { LinkTargets } from './linkTargets';
import type { ParsePool } from './parsePool';
import { SavedModels } from './savedModels';
import { AnalysisScheduler } from './scheduler';
import { SettingsFiles } from './settingsFiles';
import { canonicalUri, uriToPath } from './uri';
import type { WorkspaceFileAccess } from './workspaceFiles';

export type { IndexOptions } from './core';
export type { IndexProgress, IndexStats } from './coldIndex';
export type { DocState } from './documents';

export class WorkspaceIndex implements IndexCore {
  readonly files: WorkspaceFileAccess;
  readonly pool: ParsePool;
  readonly cache = new ChunkCache();
  readonly documents: DocumentStore;
  readonly folderRegistry: FolderRegistry;
  readonly settings: SettingsFiles;
  readonly scheduler: AnalysisScheduler;
  readonly indexer: ColdIndexer;
  readonly links: LinkTargets;
  readonly analyses: WorkspaceAnalyses;
  readonly cycles: CertificationCycles;
  readonly changes: ChangeEmitter;
  readonly savedModels: SavedModels;
  private readonly fileEvents: FileEvents;
  severity: Partial<Record<string, SeverityOverride>>;

  constructor(readonly options: IndexOptions) {
    this.files = options.files;
    this.pool = options.pool;
    this.severity = options.severity ?? {};
    this.documents = new DocumentStore(this);
    this.folderRegistry = new FolderRegistry(this);
    this.settings = new SettingsFiles(this);
    this.scheduler = new AnalysisScheduler(this);
    this.indexer = new ColdIndexer(this);
    this.links = new LinkTargets(this);
    this.analyses = new WorkspaceAnalyses(this, (f) => this.effectiveConfig(f));
    this.cycles = new CertificationCycles(this, options.asOf);
    this.changes = new ChangeEmitter(this);
    this.savedModels = new SavedModels(this, options.modelStore);
    this.fileEvents = new FileEvents(this);
  }

  get locale(): Locale {
    return this.options.locale;
  }

  /** Every document, by canonical URI. */
  get docs(): Map<string, DocState> {
    return this.documents.docs;
  }

  /** Every folder (workspace folders and loose documents' own), by key. */
  get folders(): Map<string, FolderState> {
    return this.folderRegistry.folders;
  }

  /** A fixed as-of date for NC statuses (setting `gbt27922.asOfDate`); undefined: today. */
  get asOfDate(): string | undefined {
    return this.cycles.asOfDate;
  }

  set asOfDate(date: string | undefined) {
    this.cycles.asOfDate = date;
  }

  /** The date NC statuses are computed against: the setting, else today. */
  asOf(): string {
    return this.cycles.asOf();
  }

  /** The as-of date may have moved (a new day, or the setting changed): reports with NCs are analysed again. */
  refreshAsOf(): boolean {
    return this.cycles.refreshAsOf();
  }

  get lastStats(): IndexStats | undefined {
    return this.indexer.lastStats;
  }

  // ---- folders and settings

  /** Add a workspace folder (its settings are read at once; indexed by `indexAll`). */
  addFolder(uri: string, name?: string): FolderState | undefined {
    return this.folderRegistry.add(uri, name);
  }

  removeFolder(uri: string): void {
    this.folderRegistry.remove(uri);
  }

  /** The folder of a document (existing or not); undefined when it is outside every folder. */
  folderFor(uri: string): FolderState | undefined {
    return this.folderRegistry.folderFor(uri);
  }

  /** Settings a feature sees: the project config with the editor's severity overrides on top. */
  effectiveConfig(folder: FolderState): ProjectConfig {
    return this.folderRegistry.effectiveConfig(folder, this.severity as ProjectConfig['severity']);
  }

  /** Read a folder's settings again (the editor's settings for it changed). */
  loadFolderSettings(folder: FolderState): Promise<void> {
    return this.folderRegistry.loadSettings(folder);
  }

  /** Config or scheme of a folder changed: reload, re-filter files, re-assemble every model. */
  reloadFolder(folder: FolderState): Promise<void> {
    return this.indexer.reindexFolder(folder);
  }

  /** A JSON settings file was edited in the editor (text) or closed (undefined). */
  setJsonBuffer(uri: string, text: string | undefined): void {
    this.settings.setBuffer(uri, text);
  }

  /** Run something that reads settings files (a scheme named in a request) with them read ahead. */
  withSettings<T>(run: (ioFor: SchemeIo) => T): Promise<T> {
    return this.settings.readAhead(run);
  }

  /** Evidence-link answers expire after this long (no file watcher keeps them current). */
  set linkAnswersTtlMs(ms: number) {
    this.links.ttlMs = ms;
  }

  // ---- indexing and editing

  indexAll(progress?: IndexProgress): Promise<IndexStats> {
    return this.indexer.indexAll(progress);
  }

  open(uri: string, text: string, version: number, languageId?: string): void {
    this.scheduler.open(uri, text, version, languageId);
  }

  change(uri: string, text: string, version: number): void {
    this.scheduler.change(uri, text, version);
  }

  close(uri: string): void {
    this.scheduler.close(uri);
  }

  /** Wait until an open document's pending edits are analysed. */
  flush(uri: string): Promise<void> {
    return this.scheduler.flush(uri);
  }

  /** Analyse pending edits now, so a request sees the latest text. */
  ensureFresh(uri: string): void {
    this.scheduler.ensureFresh(uri);
  }

  /** Files changed outside the editor: type 1 created, 2 changed, 3 deleted (LSP FileChangeType). */
  filesChanged(changes: { uri: string; type: number }[]): Promise<void> {
    return this.fileEvents.filesChanged(changes);
  }

  // ---- queries

  doc(uri: string): DocState | undefined {
    return this.documents.get(uri);
  }

  manualOf(folder: FolderState): ManualAnalysis | undefined {
    return this.analyses.manualOf(folder);
  }

  auditOf(uri: string): AuditAnalysis | undefined {
    return this.analyses.auditOf(uri);
  }

  problemsOf(uri: string): Problem[] {
    return this.analyses.problemsOf(uri);
  }

  suppressedOf(uri: string): SuppressedProblem[] {
    return this.analyses.suppressedOf(uri);
  }

  isCurrent(uri: string): boolean {
    return this.documents.isCurrent(uri);
  }

  folderFiles(folder: FolderState): FileModel[] {
    return this.documents.folderFiles(folder);
  }

  resolveLink(fromUri: string, target: string): string | undefined {
    return this.links.resolveLink(fromUri, target);
  }

  /**
   * Text of a document or settings file: the editor buffer, else the text read (kept for files
   * the file access cannot read synchronously), else the file now.
   */
  textOf(uri: string): string | undefined {
    const key = canonicalUri(uri);
    const doc = this.documents.docs.get(key);
    if (doc?.open && doc.text !== undefined) return doc.text;
    if (doc?.closedText !== undefined) return doc.closedText;
    const p = uriToPath(key);
    if (!p) return undefined;
    const buffered = this.settings.buffers.get(p);
    if (buffered !== undefined) return buffered;
    if (!this.files.readsSync(p)) return this.settings.texts.get(p);
    return this.files.readTextSync(p, ((doc?.folder ?? this.folderFor(key))?.config.maxFileSizeMB ?? 10) * MB);
  }

  /** The FeatureContext of a document's folder (a loose document gets its own). */
  contextFor(uri: string): FeatureContext | undefined {
    const key = canonicalUri(uri);
    const doc = this.documents.docs.get(key);
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

  // ---- the end

  /** Write the saved models now (the server is ending, or a test wants them). */
  saveDiskCache(): Promise<void> {
    return this.savedModels.save();
  }

  async dispose(): Promise<void> {
    for (const d of this.documents.docs.values()) if (d.timer) clearTimeout(d.timer);
    await this.savedModels.save();
    this.savedModels.dispose();
    await this.pool.dispose();
  }
}
