/**
 * The index's documents: every Markdown file of the folders and every open document, by
 * canonical URI, each with its chunks and document model. Changing a document's model goes
 * through here (create, commit, a read problem, remove), so the folder's manual aggregate, the
 * memo of each folder's files and the list of changed URIs follow.
 */
import type { FileModel, AuditAnalysis } from '../analysis/workspace';
import type { DocumentModel, Problem } from '../model/types';
import type { Scheme } from '../scheme/types';
import type { ChunkEntry, TextAnalysis } from './analyzer';
import type { IndexCore } from './core';
import type { FolderState } from './folder';
import { canonicalUri } from './uri';

export interface DocState {
  uri: string;
  path?: string;
  folder: FolderState;
  open: boolean;
  /** Editor version (open documents). */
  version?: number;
  /** Current text of an open document (closed documents drop their text). */
  text?: string;
  /**
   * Text of a closed file read through the client (VS Code for the Web): it cannot be read again
   * synchronously when a request needs it, so it is kept (workspaceFiles.ts, readsSync).
   */
  closedText?: string;
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
  /** The front matter names a scheme being read (settingsFiles.ts): assembled with the folder's meanwhile. */
  schemePending?: string;
  audit?: AuditAnalysis;
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<void>;
  /** Increments on each disk read, so a slow read never overwrites a newer one. */
  readGen: number;
}

/** A kind-'none' model is not ours: no problems, no payload. */
export function isOurs(model: DocumentModel | undefined): model is DocumentModel {
  return model !== undefined && model.kind !== 'none';
}

export class DocumentStore {
  readonly docs = new Map<string, DocState>();
  /** Increments whenever a document or model comes, goes or changes. */
  generation = 0;
  /**
   * The sorted file models of a folder, per generation. Weakly keyed: a document outside every
   * workspace folder gets a folder of its own, dropped when it closes, and its memo (with its
   * model) must go with it (a strong map kept ~90 KB per open/close).
   */
  private filesMemo = new WeakMap<FolderState, { gen: number; files: FileModel[] }>();

  constructor(private readonly core: IndexCore) {}

  /** The document of a URI in any spelling. */
  get(uri: string): DocState | undefined {
    return this.docs.get(canonicalUri(uri));
  }

  create(uri: string, filePath: string | undefined, folder: FolderState): DocState {
    const doc: DocState = { uri, path: filePath, folder, open: false, scheme: folder.scheme, readGen: 0 };
    this.docs.set(uri, doc);
    folder.docs.add(uri);
    this.generation++;
    return doc;
  }

  /** Drop a document (deleted, excluded, closed outside the workspace): its diagnostics are cleared. */
  remove(doc: DocState): void {
    if (doc.timer) clearTimeout(doc.timer);
    this.core.cycles.changed(doc, doc.model, undefined);
    this.docs.delete(doc.uri);
    doc.folder.docs.delete(doc.uri);
    if (doc.model?.kind === 'manual' || doc.folder.lastRoot === doc.uri) doc.folder.manualCache = undefined;
    if (doc.folder.loose && doc.folder.docs.size === 0) this.core.folderRegistry.folders.delete(doc.folder.key);
    this.generation++;
    this.core.changes.add(doc.uri);
    this.linksChanged(doc.folder);
    this.core.changes.schedule();
  }

  /** A new model for a document (`hash` when it is the file's text on disk, `version` for an open document). */
  commit(doc: DocState, a: TextAnalysis, hash: string | undefined, version?: number): void {
    const before = doc.model?.kind;
    this.core.cycles.changed(doc, doc.model, a.model);
    doc.chunks = a.chunks;
    doc.model = a.model;
    doc.scheme = a.scheme;
    doc.hash = hash;
    doc.readProblem = undefined;
    doc.audit = undefined;
    doc.analysedVersion = version;
    if (before === 'manual' || a.model.kind === 'manual') doc.folder.manualCache = undefined;
    this.generation++;
    this.core.changes.add(doc.uri);
    this.core.changes.schedule(doc.open);
  }

  /** The file cannot be analysed (too large, not text): that problem alone is shown. */
  setReadProblem(folder: FolderState, uri: string, filePath: string, problem: Problem): void {
    const doc = this.docs.get(uri) ?? this.create(uri, filePath, folder);
    const wasManual = doc.model?.kind === 'manual';
    this.core.cycles.changed(doc, doc.model, undefined);
    doc.readProblem = problem;
    doc.model = undefined;
    doc.chunks = undefined;
    doc.hash = undefined;
    doc.closedText = undefined;
    doc.audit = undefined;
    if (wasManual) folder.manualCache = undefined;
    this.generation++;
    this.core.changes.add(uri);
    this.core.changes.schedule();
  }

  /** Files of `folder` were created or deleted: its documents with links are scored again. */
  linksChanged(folder: FolderState): void {
    for (const u of folder.docs) {
      const d = this.docs.get(u);
      if (d?.model && d.model.links.length > 0) {
        d.audit = undefined;
        this.core.changes.add(u);
      }
    }
  }

  /** A folder's analysed files, in URI order (memoised per generation). */
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

  /** Is the model of an open document for its latest version? */
  isCurrent(uri: string): boolean {
    const doc = this.get(uri);
    return !doc || !doc.open || doc.analysedVersion === doc.version;
  }
}
