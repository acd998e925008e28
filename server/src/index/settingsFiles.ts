/**
 * Settings files: each folder's `gbt27922.config.json`, the scheme files it, a report's
 * front-matter `scheme:` or an `extends` names, and the editor's buffers of them.
 *
 * The config and scheme loaders are synchronous (they follow `extends` as they go), while files
 * come through the file access, which may be a round trip to the client. So a load runs against
 * what has been read so far, noting what it lacked; those files are read, and the load runs again
 * until it lacks nothing (`readAhead`). The reading rules are those of io/settingsFile.ts: with a
 * root (the reference comes from the repository) only files inside the workspace are read, each at
 * most 1 MB; in an untrusted workspace no scheme file at all; an editor buffer wins over the disk.
 */
import * as path from 'node:path';
import { CONFIG_FILE_NAME, resolveSchemeRef } from '../config/config';
import { UNTRUSTED_REASON, type SettingsIo } from '../io/settingsIo';
import type { DocumentModel } from '../model/types';
import { formatSchemeProblems, type SchemeResult } from '../scheme/loader';
import type { Scheme } from '../scheme/types';
import type { ChunkEntry } from './analyzer';
import { describeError, ZERO, type IndexCore } from './core';
import type { DocState } from './documents';
import type { FolderState, SchemeIo } from './folder';
import { canonicalUri, currentDirectory, uriToPath } from './uri';
import { OUTSIDE_WORKSPACE, type SettingsRead } from './workspaceFiles';

/** Rounds of reading ahead: deeper `extends` chains than this are not followed. */
const MAX_ROUNDS = 16;

interface SchemeRef {
  result: SchemeResult;
  /** Files the resolution read (a change to one of them resolves it again). */
  files: string[];
  untrusted?: boolean;
}

export class SettingsFiles {
  /** Text of JSON files open in the editor (config / scheme), by path. */
  readonly buffers = new Map<string, string>();
  /** Front-matter scheme references resolved, by `dir|ref`. */
  readonly schemeRefs = new Map<string, SchemeRef>();
  /** The last text read of each settings file (go to definition in a scheme file reads it here when there is no disk). */
  readonly texts = new Map<string, string>();
  /** Front-matter references being resolved, by key. */
  private readonly resolving = new Map<string, Promise<void>>();

  constructor(private readonly core: IndexCore) {}

  /** Where the repository's settings files may be: every workspace folder, `root`, and (on disk) their git checkouts. */
  roots(root: string): string[] {
    return this.core.files.settingsRoots([root, ...this.core.folderRegistry.workspaceFolders().map((f) => f.root!)]);
  }

  /**
   * Run `run` with settings readers (io/settingsFile.ts's interface) over the files read so far;
   * read what it asked for and did not get, and run it again, until it asks for nothing new.
   * `run` must be a function of what it reads (a folder's load, a scheme resolution).
   */
  async readAhead<T>(run: (ioFor: SchemeIo) => T): Promise<T> {
    const reads = new Map<string, SettingsRead>();
    for (let round = 1; ; round++) {
      const misses = new Map<string, { path: string; roots?: string[] }>();
      const result = run((root, what = 'scheme') => this.reader(reads, misses, root === undefined ? undefined : this.roots(root), what));
      if (misses.size === 0 || round >= MAX_ROUNDS) return result;
      await Promise.all(
        [...misses].map(async ([key, m]) => {
          try {
            reads.set(key, await this.core.files.readSettings(m.path, m.roots));
          } catch (e) {
            reads.set(key, { reason: describeError(e) });
          }
        }),
      );
    }
  }

  /** A synchronous reader over `reads` that records in `misses` what it had not got. */
  private reader(reads: Map<string, SettingsRead>, misses: Map<string, { path: string; roots?: string[] }>, roots: string[] | undefined, what: 'config' | 'scheme'): SettingsIo {
    const reasons = new Map<string, string>();
    const missing = new Set<string>();
    let refusedUntrusted = false;
    const untrusted = what === 'scheme' && this.core.options.trusted === false;
    const rootsKey = roots === undefined ? '*' : roots.join('\n');
    const lookup = (p: string): SettingsRead | undefined => {
      const key = `${rootsKey}\0${p}`;
      const r = reads.get(key);
      if (!r) misses.set(key, { path: p, roots });
      return r;
    };
    return {
      readFile: (p) => {
        if (untrusted) {
          reasons.set(p, UNTRUSTED_REASON);
          refusedUntrusted = true;
          return undefined;
        }
        // The roots come first: an editor buffer of a file outside the workspace is not read either.
        const r = lookup(p);
        if (!r) return undefined;
        if ('reason' in r && r.reason === OUTSIDE_WORKSPACE) {
          reasons.set(p, r.reason);
          return undefined;
        }
        const buffered = this.buffers.get(p);
        if (buffered !== undefined) return buffered;
        if ('reason' in r) {
          reasons.set(p, r.reason);
          if (r.missing) missing.add(p);
          return undefined;
        }
        this.texts.set(p, r.text);
        return r.text;
      },
      resolvePath: (from, relative) => path.resolve(path.dirname(from), relative),
      why: (p) => reasons.get(p),
      inWorkspace: (p) => {
        if (roots === undefined) return true;
        const r = lookup(p);
        return r !== undefined && !('reason' in r && r.reason === OUTSIDE_WORKSPACE);
      },
      get refusedUntrusted() {
        return refusedUntrusted;
      },
      missing: (p) => missing.has(p),
    };
  }

  /** (Re)read a folder's config and scheme (folder.ts `load`, with the files read ahead). */
  async loadFolder(folder: FolderState): Promise<void> {
    await this.readAhead((ioFor) => folder.load(ioFor));
  }

  /** Is this path a config file of a folder or a scheme file some folder or document uses? */
  isSettingsFile(filePath: string): boolean {
    if (path.basename(filePath) === CONFIG_FILE_NAME) return true;
    for (const f of this.core.folderRegistry.folders.values()) if (f.schemeFiles.has(filePath)) return true;
    for (const r of this.schemeRefs.values()) if (r.files.includes(filePath)) return true;
    return false;
  }

  /** A JSON settings file was edited in the editor (text) or closed (undefined). */
  setBuffer(uri: string, text: string | undefined): void {
    const p = uriToPath(canonicalUri(uri));
    if (!p) return;
    if (text === undefined) this.buffers.delete(p);
    else this.buffers.set(p, text);
    if (this.isSettingsFile(p)) void this.changed(p).catch((e) => this.core.options.log(`settings change failed: ${describeError(e)}`));
  }

  /** Reload folders whose config or scheme is `filePath`; re-assemble documents using a changed scheme. */
  async changed(filePath: string): Promise<void> {
    const refsUsing = [...this.schemeRefs.entries()].filter(([, r]) => r.files.includes(filePath));
    for (const [key] of refsUsing) this.schemeRefs.delete(key);
    const folders = [...this.core.folderRegistry.folders.values()].filter((f) => f.configPath === filePath || f.schemeFiles.has(filePath));
    for (const f of folders) await this.core.indexer.reindexFolder(f);
    if (refsUsing.length > 0) {
      for (const doc of this.core.documents.docs.values()) {
        if (doc.model?.frontMatter.scheme && !folders.includes(doc.folder)) await this.core.scheduler.reassemble(doc);
      }
    }
    this.core.changes.schedule();
  }

  // -------------------------------------------------------------------------------------------
  // A report's own scheme (front matter `scheme:`)

  /** The key a document's front-matter reference is resolved under (`dir|ref`). */
  private refKey(doc: DocState, ref: string): { key: string; base: string } {
    const base = doc.path ?? path.join(doc.folder.root ?? currentDirectory(), 'untitled.md');
    return { key: `${path.dirname(base)}|${ref}`, base };
  }

  /**
   * Read the scheme a document's first chunk names (when the folder's is not it), before its
   * model is assembled, so that `choose` finds it resolved.
   */
  prepare(doc: DocState, chunks: readonly ChunkEntry[]): Promise<void> {
    const ref = chunks[0]?.model.frontMatter?.scheme;
    if (typeof ref !== 'string' || !ref || ref === doc.folder.scheme.id) return Promise.resolve();
    return this.resolve(doc, ref);
  }

  /** Resolve a front-matter reference (once per `dir|ref` until a file it read changes). */
  private resolve(doc: DocState, ref: string): Promise<void> {
    const { key, base } = this.refKey(doc, ref);
    if (this.schemeRefs.has(key)) return Promise.resolve();
    let running = this.resolving.get(key);
    if (!running) {
      // The front matter is the repository's: its scheme file must be inside the folder (a loose
      // document's own directory).
      const root = doc.folder.loose ? path.dirname(base) : (doc.folder.root ?? path.dirname(base));
      running = this.readAhead((ioFor) => {
        const files: string[] = [];
        const io = ioFor(root, 'scheme');
        const result = resolveSchemeRef(ref, base, {
          ...io,
          readFile: (p) => {
            files.push(p);
            return io.readFile(p);
          },
        });
        return { result, files, untrusted: io.refusedUntrusted };
      })
        .then((entry) => {
          this.schemeRefs.set(key, entry);
        })
        .finally(() => this.resolving.delete(key));
      this.resolving.set(key, running);
    }
    return running;
  }

  /**
   * The scheme a model should be assembled with; records an unloadable front-matter scheme. A
   * reference not resolved yet gives the folder's scheme and marks the document `schemePending`:
   * whoever assembled it reads the scheme (`prepare`) and assembles it again.
   */
  choose(doc: DocState, model: DocumentModel): Scheme {
    const ref = model.frontMatter.scheme;
    doc.schemeProblem = undefined;
    doc.restrictedScheme = undefined;
    doc.schemePending = undefined;
    if (!ref || ref === doc.folder.scheme.id) return doc.folder.scheme;
    const { key } = this.refKey(doc, ref);
    const entry = this.schemeRefs.get(key);
    if (!entry) {
      // Not read yet: the caller reads it (prepare) and assembles again (scheduler.ts complete).
      doc.schemePending = key;
      return doc.folder.scheme;
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
}
