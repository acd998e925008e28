/**
 * Whole folders: at start-up (and when folders are added) every Markdown file the folders take is
 * read in batches through the file access, taken from the saved models by content hash when
 * unchanged, parsed otherwise (on the workers when there are any), and assembled; a folder whose
 * config or scheme changed is filtered and assembled again. Closed files are read again one by
 * one when they change (`indexFile`). The editor's text wins over a read: a read whose
 * generation is no longer the document's (it was opened, or read again, meanwhile) is dropped.
 */
import type { IndexStatsPayload } from '../protocol';
import { notOursModel, splitIntoChunks } from '../model';
import { mayBeOurs } from '../model/prefilter';
import type { Problem } from '../model/types';
import type { ChunkEntry } from './analyzer';
import { cacheEntryFits } from './cacheEntry';
import { MB, runLimited, ZERO, type IndexCore } from './core';
import type { DocState } from './documents';
import type { FileRead, ReadJob } from './fileRead';
import type { FolderState } from './folder';
import { pathToUri } from './uri';
import { yieldToEvents } from './yield';

/** Files per read request (one message to the workers, or one request to the client). */
const READ_BATCH = 16;

/** How a whole-workspace indexing went: what the server logs and answers `gbt27922/indexStats` with. */
export type IndexStats = IndexStatsPayload;

export interface IndexProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  end(stats: IndexStats): void;
}

export type IndexFileResult = 'parsed' | 'disk' | 'unchanged' | 'not-ours' | 'skipped';

export interface IndexFileOptions {
  /** Re-assemble even when the content is unchanged (e.g. a new scheme). */
  force?: boolean;
  stats?: IndexStats;
  /** During a whole-workspace indexing: evidence links are looked up for all files at the end. */
  batchLinks?: boolean;
}

export class ColdIndexer {
  lastStats?: IndexStats;

  constructor(private readonly core: IndexCore) {}

  private job(folder: FolderState, filePath: string, size?: number): ReadJob {
    return { path: filePath, maxBytes: folder.config.maxFileSizeMB * MB, ...(size !== undefined ? { size } : {}) };
  }

  /** Index every folder: config, saved models, discovery, reading and parsing in the background. */
  async indexAll(progress?: IndexProgress): Promise<IndexStats> {
    const core = this.core;
    const started = Date.now();
    const stats: IndexStats = { files: 0, parsedFiles: 0, fromDiskCache: 0, unchanged: 0, notOurs: 0, parsedChunks: 0, ms: 0, workers: core.pool.size, workersStarted: 0, phases: { diskCache: 0, discover: 0, files: 0, publish: 0 } };
    const phase = (name: keyof IndexStats['phases'], since: number) => {
      const now = Date.now();
      stats.phases[name] += now - since;
      return now;
    };
    const folders = core.folderRegistry.workspaceFolders();
    core.changes.indexing++;
    let failed: { error: unknown } | undefined;
    try {
      const jobs: { folder: FolderState; path: string; size: number }[] = [];
      let t = started;
      for (const folder of folders) {
        folder.ready = false;
        await core.folderRegistry.settingsRead(folder);
        core.savedModels.load(folder);
        t = phase('diskCache', t);
        const found = await core.files.discover([folder.root!], { root: folder.root!, include: folder.config.include, exclude: folder.config.exclude, maxFileSizeMB: folder.config.maxFileSizeMB });
        for (const f of [...found.files, ...found.tooLarge]) jobs.push({ folder, path: f.path, size: f.size });
        t = phase('discover', t);
      }
      // A disk cache with entries means files here were ours: the workers will be wanted.
      if (folders.some((f) => f.diskEntries.size > 0)) core.pool.prestart();
      stats.files = jobs.length;
      progress?.begin(jobs.length);
      let done = 0;
      let lastReport = 0;
      let lastYield = Date.now();
      const finished = (r: IndexFileResult) => {
        if (r === 'parsed') stats.parsedFiles++;
        else if (r === 'disk') stats.fromDiskCache++;
        else if (r === 'unchanged') stats.unchanged++;
        else if (r === 'not-ours') stats.notOurs++;
        done++;
        if (Date.now() - lastReport > 100 || done === jobs.length) {
          lastReport = Date.now();
          progress?.report(done, jobs.length);
        }
      };
      // Every 10 ms of work on this thread, a yield, so requests are still answered.
      const breathe = async () => {
        if (Date.now() - lastYield > 10) {
          await yieldToEvents();
          lastYield = Date.now();
        }
      };
      // Batches of files read at once (on the workers, synchronously here, or in one request to
      // the client, as the file access does it), each file then analysed while the next batch reads.
      const tasks: (() => Promise<unknown>)[] = [];
      for (let i = 0; i < jobs.length; i += READ_BATCH) {
        const batch = jobs.slice(i, i + READ_BATCH);
        tasks.push(async () => {
          const claims = batch.map((j) => this.claimRead(j.folder, j.path));
          const wanted = batch.filter((_, k) => claims[k]);
          const reads = await core.files.readFiles(wanted.map((j) => this.job(j.folder, j.path, j.size)));
          let next = 0;
          await Promise.all(
            batch.map(async (j, k) => {
              const claim = claims[k];
              const read = claim ? reads[next++] : undefined;
              await breathe();
              finished(claim && read ? await this.indexRead(j.folder, j.path, claim, read, { stats, batchLinks: true }) : 'skipped');
            }),
          );
        });
      }
      await runLimited(tasks, core.pool.size > 0 ? core.pool.size * 2 : 4);
      // Every evidence link's target of the folders, looked up together.
      const targets: string[] = [];
      for (const folder of folders) {
        for (const u of folder.docs) {
          const d = core.documents.docs.get(u);
          if (d?.model) targets.push(...core.links.targets(folder, u, d.model));
        }
      }
      await core.links.fetch(targets);
      phase('files', t);
    } catch (e) {
      failed = { error: e };
    } finally {
      core.changes.indexing--;
    }
    // Even after a failure the folders are ready: what was indexed is shown (the manual's
    // coverage, overdue NCs) rather than held back for an index that will not finish.
    for (const folder of folders) {
      folder.ready = true;
      folder.manualCache = undefined;
      for (const u of folder.docs) {
        core.changes.add(u);
        const d = core.documents.docs.get(u);
        if (d) d.audit = undefined;
      }
      for (const u of folder.jsonProblems.keys()) core.changes.add(u);
    }
    const publishing = Date.now();
    core.changes.emitNow();
    if (failed) throw failed.error;
    phase('publish', publishing);
    stats.ms = Date.now() - started;
    stats.workers = core.pool.size;
    stats.workersStarted = core.pool.started;
    this.lastStats = stats;
    progress?.end(stats);
    // A whole workspace is indexed: the workers' heaps are not needed until the next big job.
    core.pool.retireIdle();
    await core.savedModels.save();
    return stats;
  }

  /**
   * Read a closed file and (re)analyse it. Unchanged content (same hash) is skipped unless
   * `force` (then its chunks are re-assembled, e.g. for a new scheme).
   */
  async indexFile(folder: FolderState, filePath: string, opts: IndexFileOptions = {}): Promise<IndexFileResult> {
    const claim = this.claimRead(folder, filePath);
    if (!claim) return 'skipped';
    await this.core.folderRegistry.settingsRead(folder);
    const [read] = await this.core.files.readFiles([this.job(folder, filePath)]);
    return this.indexRead(folder, filePath, claim, read, opts);
  }

  /**
   * Before reading a closed file: its URI and a read generation, or undefined when the file is
   * open (the editor's text wins). A read whose generation is no longer the document's (the file
   * was opened, or read again, meanwhile) is dropped.
   */
  private claimRead(folder: FolderState, filePath: string): { uri: string; gen: number } | undefined {
    const documents = this.core.documents;
    const uri = pathToUri(filePath);
    let doc = documents.docs.get(uri);
    if (doc?.open) return undefined;
    if (doc && doc.folder !== folder) documents.remove(doc);
    doc = documents.docs.get(uri);
    return { uri, gen: doc ? ++doc.readGen : 0 };
  }

  /** Analyse what reading a file gave (see claimRead). */
  private async indexRead(folder: FolderState, filePath: string, claim: { uri: string; gen: number }, read: FileRead, opts: IndexFileOptions): Promise<IndexFileResult> {
    const core = this.core;
    const documents = core.documents;
    const { uri, gen } = claim;
    const current = () => {
      const d = documents.docs.get(uri);
      return !d || (!d.open && d.readGen === gen);
    };
    if (read.kind === 'unreadable') {
      const d = documents.docs.get(uri);
      if (d && !d.open && d.readGen === gen) documents.remove(d);
      return 'skipped';
    }
    if (!current()) return 'skipped';
    if (read.kind === 'too-large') {
      documents.setReadProblem(folder, uri, filePath, { code: 'file-too-large', args: { size: (read.bytes / MB).toFixed(1), limit: folder.config.maxFileSizeMB }, range: ZERO } satisfies Problem);
      return 'skipped';
    }
    if (read.kind === 'not-text') {
      documents.setReadProblem(folder, uri, filePath, { code: 'not-text', args: { detail: read.reason }, range: ZERO });
      return 'skipped';
    }
    const { text, hash } = read;
    let doc: DocState | undefined = documents.docs.get(uri);
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
      doc = documents.docs.get(uri) ?? documents.create(uri, filePath, folder);
      doc.closedText = undefined;
      documents.commit(doc, { model: notOursModel(text, folder.scheme), scheme: folder.scheme, chunks: [], parsed: 0, parsedChars: 0 }, hash);
      return 'not-ours';
    }
    if (!chunks) {
      // Not in the saved models: chunks another file shares come from memory, the rest are parsed.
      const parts = splitIntoChunks(text);
      const models = parts.map((p) => core.cache.get(p.text, p.first));
      const missing = parts.map((_, i) => i).filter((i) => !models[i]);
      if (missing.length > 0) {
        const parsed = await core.pool.run(missing.map((i) => ({ text: parts[i].text, first: parts[i].first })));
        missing.forEach((i, k) => (models[i] = parsed[k]));
        if (opts.stats) opts.stats.parsedChunks += missing.length;
      } else result = 'unchanged';
      chunks = parts.map((p, i) => ({ start: p.start, first: p.first, model: models[i]! }));
      if (!current()) return 'skipped';
    }
    doc = documents.docs.get(uri) ?? documents.create(uri, filePath, folder);
    let analysis = core.scheduler.assembleFor(doc, text, chunks);
    if (doc.schemePending) {
      await core.settings.prepare(doc, chunks);
      if (!current()) return 'skipped';
      analysis = core.scheduler.assembleFor(doc, text, chunks);
    }
    if (!opts.batchLinks) {
      await core.links.prepare(folder, uri, analysis.model);
      if (!current()) return 'skipped';
    }
    // A text read through the client cannot be read again when a request needs it: kept.
    doc.closedText = core.files.readsSync(filePath) ? undefined : text;
    documents.commit(doc, analysis, hash);
    return result;
  }

  /** Config or scheme of a folder changed: reload, re-filter files, re-assemble every model. */
  async reindexFolder(folder: FolderState): Promise<void> {
    const core = this.core;
    const oldJson = [...folder.jsonProblems.keys()];
    await core.folderRegistry.loadSettings(folder);
    for (const u of oldJson) core.changes.add(u);
    for (const u of folder.jsonProblems.keys()) core.changes.add(u);
    core.settings.schemeRefs.clear();
    if (!folder.root || folder.loose) return;
    const found = await core.files.discover([folder.root], { root: folder.root, include: folder.config.include, exclude: folder.config.exclude, maxFileSizeMB: folder.config.maxFileSizeMB });
    const wanted = new Set([...found.files, ...found.tooLarge].map((f) => pathToUri(f.path)));
    for (const u of [...folder.docs]) {
      const doc = core.documents.docs.get(u)!;
      if (!wanted.has(u) && !doc.open) core.documents.remove(doc);
    }
    const tasks = [...found.files, ...found.tooLarge].map((f) => async () => {
      const uri = pathToUri(f.path);
      const doc = core.documents.docs.get(uri);
      if (doc?.open) await core.scheduler.reassemble(doc);
      else await this.indexFile(folder, f.path, { force: true });
    });
    core.changes.indexing++;
    try {
      await runLimited(tasks, 8);
    } finally {
      core.changes.indexing--;
    }
    folder.manualCache = undefined;
    for (const u of folder.docs) core.changes.add(u);
    core.changes.schedule();
  }
}
