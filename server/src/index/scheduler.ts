/**
 * Open documents: analysed incrementally (analyzer.ts) after a light debounce — only the chunks an
 * edit touched are parsed; one analysis per document at a time, and an analysis whose version is
 * overtaken is dropped, never published. A request can also have the latest text analysed at
 * once (`ensureFresh`). Also: assembling a model with its scheme, for any document.
 */
import { splitIntoChunks } from '../model';
import type { DocumentModel } from '../model/types';
import type { Scheme } from '../scheme/types';
import { analyzeText, analyzeTextAsync, assemble, missingChars, type ChunkEntry, type TextAnalysis } from './analyzer';
import { contentHash } from './contentHash';
import { describeError, MB, ZERO, type IndexCore } from './core';
import type { DocState } from './documents';
import { canonicalUri, isMarkdownPath, uriToPath } from './uri';

/** Longest a document being edited without pause waits for its analysis. */
const MAX_WAIT_MS = 500;

/** Bytes of `text` in UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export class AnalysisScheduler {
  constructor(private readonly core: IndexCore) {}

  /** Is this URI a Markdown document we analyse when it is open? */
  accepts(uri: string, languageId?: string): boolean {
    const key = canonicalUri(uri);
    const p = uriToPath(key);
    if (p && !isMarkdownPath(p) && languageId !== 'markdown') return false;
    if (!p && languageId !== 'markdown') return false;
    if (p) {
      const folder = this.core.folderRegistry.forPath(p);
      if (folder && !folder.includes(p) && isMarkdownPath(p)) return false;
    }
    return true;
  }

  open(uri: string, text: string, version: number, languageId?: string): void {
    if (!this.accepts(uri, languageId)) return;
    const key = canonicalUri(uri);
    const p = uriToPath(key);
    const documents = this.core.documents;
    const folders = this.core.folderRegistry;
    let doc = documents.docs.get(key);
    if (!doc) doc = documents.create(key, p, (p && folders.forPath(p)) || folders.loose(key));
    doc.open = true;
    doc.text = text;
    doc.version = version;
    doc.readGen++;
    // Same text as the indexed file: its chunks seed the cache, its model is current.
    if (doc.chunks && doc.model && doc.hash !== undefined && doc.hash === contentHash(text)) {
      const parts = splitIntoChunks(text);
      if (parts.length === doc.chunks.length && parts.every((c, i) => c.start === doc!.chunks![i].start)) {
        parts.forEach((c, i) => this.core.cache.set(c.text, c.first, doc!.chunks![i].model));
        doc.analysedVersion = version;
        this.core.changes.add(key);
        this.core.changes.schedule(true);
        return;
      }
    }
    doc.analysedVersion = undefined;
    void this.run(doc);
  }

  change(uri: string, text: string, version: number): void {
    const doc = this.core.documents.get(uri);
    if (!doc || !doc.open) return;
    if (doc.version === version && doc.text === text) return;
    doc.text = text;
    doc.version = version;
    doc.hash = undefined;
    this.schedule(doc, this.core.options.debounceMs);
  }

  close(uri: string): void {
    const doc = this.core.documents.get(uri);
    if (!doc || !doc.open) return;
    if (doc.timer) clearTimeout(doc.timer);
    doc.timer = undefined;
    doc.open = false;
    doc.text = undefined;
    doc.version = undefined;
    doc.analysedVersion = undefined;
    const p = doc.path;
    if (!p || doc.folder.loose || !this.core.folderRegistry.includedIn(doc.folder, p) || this.core.files.existsSync(p) === false) {
      this.core.documents.remove(doc);
      return;
    }
    // Back to the file's text (unsaved edits were discarded, or saved: same hash, no re-parse);
    // a file that is gone (where that is not known at once: the client's) is dropped when the read finds nothing.
    void this.core.indexer.indexFile(doc.folder, p);
  }

  /** Wait until an open document's pending edits are analysed. */
  async flush(uri: string): Promise<void> {
    const doc = this.core.documents.get(uri);
    for (let i = 0; doc && doc.open && doc.analysedVersion !== doc.version && i < 5; i++) await this.run(doc);
  }

  /**
   * Analyse pending edits now, on this thread, so a request sees the latest text. Skipped while
   * an analysis is running on the workers (`flush` waits for it).
   */
  ensureFresh(uri: string): void {
    const doc = this.core.documents.get(uri);
    if (!doc || !doc.open || doc.text === undefined || doc.analysedVersion === doc.version || doc.running) return;
    // Much new text (a paste) is parsed on the workers, under the parse budget, never here.
    if (this.core.pool.size > 0 && missingChars(doc.text, this.core.cache) >= this.core.options.asyncThreshold) return;
    if (doc.timer) clearTimeout(doc.timer);
    doc.timer = undefined;
    try {
      const a = analyzeText(doc.text, doc.scheme ?? doc.folder.scheme, this.core.cache, (m) => this.chooseScheme(doc, m));
      this.core.documents.commit(doc, a, undefined, doc.version);
      // A scheme its front matter names that was not read yet: assembled again once it is.
      if (doc.schemePending) void this.core.settings.prepare(doc, a.chunks).then(() => this.reassemble(doc));
    } catch (e) {
      this.core.options.log(`analysis of ${doc.uri} failed: ${describeError(e)}`);
    }
  }

  chooseScheme(doc: DocState, model: DocumentModel): Scheme {
    return this.core.settings.choose(doc, model);
  }

  /** Assemble chunks into a model with the document's scheme (front matter, else folder's). */
  assembleFor(doc: DocState, text: string, chunks: ChunkEntry[]): TextAnalysis {
    const { model, scheme } = assemble(text, chunks, doc.scheme ?? doc.folder.scheme, (m) => this.chooseScheme(doc, m));
    return { model, scheme, chunks, parsed: 0, parsedChars: 0 };
  }

  /**
   * What comes before a model is committed: the scheme its front matter names, read (then the
   * model is assembled again with it), and its evidence links' targets looked up.
   */
  async complete(doc: DocState, text: string, a: TextAnalysis): Promise<TextAnalysis> {
    let out = a;
    if (doc.schemePending) {
      await this.core.settings.prepare(doc, a.chunks);
      out = this.assembleFor(doc, text, a.chunks);
    }
    await this.core.links.prepare(doc.folder, doc.uri, out.model);
    return out;
  }

  /** Re-assemble a document's model (new scheme) from its chunks. */
  async reassemble(doc: DocState): Promise<void> {
    if (doc.open && doc.text !== undefined) {
      doc.analysedVersion = undefined;
      doc.scheme = doc.folder.scheme;
      await this.run(doc);
    } else if (doc.path) {
      await this.core.indexer.indexFile(doc.folder, doc.path, { force: true });
    }
  }

  /** Analyse an open document's latest text; loops until the model matches the latest version. */
  run(doc: DocState): Promise<void> {
    if (doc.timer) {
      clearTimeout(doc.timer);
      doc.timer = undefined;
    }
    if (doc.running) return doc.running;
    const documents = this.core.documents;
    const run = (async () => {
      // The folder's config and scheme first.
      await this.core.folderRegistry.settingsRead(doc.folder);
      while (doc.open && doc.text !== undefined && doc.analysedVersion !== doc.version && documents.docs.get(doc.uri) === doc) {
        const version = doc.version;
        const text = doc.text;
        const limit = doc.folder.config.maxFileSizeMB * MB;
        if (text.length * 2 > limit && text.length > limit / 3) {
          // A rough size check first: most texts are far from the limit.
          const bytes = utf8Length(text);
          if (bytes > limit) {
            documents.setReadProblem(doc.folder, doc.uri, doc.path ?? doc.uri, { code: 'file-too-large', args: { size: (bytes / MB).toFixed(1), limit: doc.folder.config.maxFileSizeMB }, range: ZERO });
            doc.analysedVersion = version;
            break;
          }
        }
        const stale = () => doc.version !== version || !doc.open || documents.docs.get(doc.uri) !== doc;
        const pool = this.core.pool;
        let a = await analyzeTextAsync(text, doc.scheme ?? doc.folder.scheme, this.core.cache, pool.size > 0 ? (c) => pool.run(c) : undefined, {
          asyncThreshold: this.core.options.asyncThreshold,
          isStale: stale,
          chooseScheme: (m) => this.chooseScheme(doc, m),
        });
        if (!a || stale()) continue;
        a = await this.complete(doc, text, a);
        if (stale()) continue;
        const previous = doc.chunks;
        documents.commit(doc, a, undefined, version);
        if (previous) this.core.cache.release(previous.map((c) => c.model), new Set(a.chunks.map((c) => c.model)));
      }
    })()
      .catch((e) => this.core.options.log(`analysis of ${doc.uri} failed: ${describeError(e)}`))
      .finally(() => {
        doc.running = undefined;
      });
    doc.running = run;
    return run;
  }

  schedule(doc: DocState, delay: number): void {
    if (doc.timer) clearTimeout(doc.timer);
    // The debounce restarts on every edit, but someone who never pauses typing still gets
    // results: a document waits at most MAX_WAIT_MS since its first unanalysed edit.
    const now = Date.now();
    doc.dirtySince ??= now;
    const wait = Math.max(0, Math.min(delay, doc.dirtySince + MAX_WAIT_MS - now));
    doc.timer = setTimeout(() => {
      doc.timer = undefined;
      doc.dirtySince = undefined;
      void this.run(doc);
    }, wait);
  }
}
