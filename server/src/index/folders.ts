/**
 * The workspace folders (multi-root) and the folder each document belongs to: the innermost
 * workspace folder containing it, or a "loose" folder of its own for a document outside every
 * folder (its links are checked from its own directory). A folder's settings (folder.ts) are
 * read as soon as it is added (settingsFiles.ts); analyses of its documents wait for them.
 */
import * as path from 'node:path';
import type { ProjectConfig } from '../config/config';
import type { IndexCore } from './core';
import type { DocState } from './documents';
import { FolderState } from './folder';
import { canonicalUri, isInside, uriToPath } from './uri';

export class FolderRegistry {
  readonly folders = new Map<string, FolderState>();
  /** A folder's settings being read, until they are. */
  private readonly loading = new WeakMap<FolderState, Promise<void>>();
  /** Folders whose settings were read (at least once). */
  private readonly loaded = new WeakSet<FolderState>();

  constructor(private readonly core: IndexCore) {}

  /** Add a workspace folder (its settings are read when first needed; not yet indexed: indexAll). */
  add(uri: string, name?: string): FolderState | undefined {
    const key = canonicalUri(uri);
    const root = uriToPath(key);
    if (this.folders.has(key)) return this.folders.get(key);
    if (!root) return undefined;
    const folder = new FolderState(key, root, name ?? path.basename(root), false);
    this.folders.set(key, folder);
    // Open loose documents inside the new folder move into it.
    for (const doc of this.core.documents.docs.values()) {
      if (doc.folder.loose && doc.path && isInside(root, doc.path) && this.forPath(doc.path) === folder) this.moveDoc(doc, folder);
    }
    return folder;
  }

  /** (Re)read a folder's config and scheme; analyses of its documents wait for this. */
  loadSettings(folder: FolderState): Promise<void> {
    this.loaded.add(folder);
    const loading = this.core.settings.loadFolder(folder).finally(() => {
      if (this.loading.get(folder) === loading) this.loading.delete(folder);
    });
    this.loading.set(folder, loading);
    return loading;
  }

  /** Resolves once the folder's settings are read (at once when they are; read now when they never were). */
  settingsRead(folder: FolderState): Promise<void> {
    if (folder.loose) return Promise.resolve();
    if (!this.loaded.has(folder)) return this.loadSettings(folder);
    return this.loading.get(folder) ?? Promise.resolve();
  }

  remove(uri: string): void {
    const key = canonicalUri(uri);
    const folder = this.folders.get(key);
    if (!folder) return;
    this.folders.delete(key);
    const documents = this.core.documents;
    for (const u of [...folder.docs]) {
      const doc = documents.docs.get(u)!;
      const target = doc.open ? this.folderFor(doc.uri) : undefined;
      if (target && doc.path && this.includedIn(target, doc.path)) this.moveDoc(doc, target);
      else documents.remove(doc);
    }
    for (const u of folder.jsonProblems.keys()) this.core.changes.add(u);
    folder.jsonProblems.clear();
    this.core.changes.schedule();
  }

  moveDoc(doc: DocState, to: FolderState): void {
    const from = doc.folder;
    from.docs.delete(doc.uri);
    from.manualCache = undefined;
    if (from.loose && from.docs.size === 0) this.folders.delete(from.key);
    doc.folder = to;
    to.docs.add(doc.uri);
    to.manualCache = undefined;
    this.core.documents.generation++;
    if (doc.open) {
      doc.analysedVersion = undefined;
      this.core.scheduler.schedule(doc, 0);
    }
  }

  /** The folder a path belongs to: the innermost workspace folder containing it. */
  forPath(filePath: string): FolderState | undefined {
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
    const doc = this.core.documents.docs.get(key);
    if (doc) return doc.folder;
    const p = uriToPath(key);
    return p ? this.forPath(p) : undefined;
  }

  /** The folder of its own of a document outside every workspace folder. */
  loose(uri: string): FolderState {
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

  includedIn(folder: FolderState, filePath: string): boolean {
    return folder.loose || folder.includes(filePath);
  }

  /** The workspace folders (not the loose ones). */
  workspaceFolders(): FolderState[] {
    return [...this.folders.values()].filter((f) => !f.loose && f.root);
  }

  /** Settings a feature sees: the project config with the editor's severity overrides on top. */
  effectiveConfig(folder: FolderState, severity: ProjectConfig['severity']): ProjectConfig {
    if (Object.keys(severity).length === 0) return folder.config;
    return { ...folder.config, severity: { ...folder.config.severity, ...severity } };
  }
}
