/**
 * Parsed models kept between sessions, so that reopening a workspace does not parse unchanged
 * files again: each folder's chunk entries by content hash, in a store the platform gives (the
 * Node server's disk cache, diskCache.ts; the web build has none). Loaded when a folder is
 * indexed, written a few seconds after files changed and when indexing or the server ends.
 */
import type { ChunkEntry } from './analyzer';
import type { IndexCore } from './core';
import type { FolderState } from './folder';

export interface ModelStore {
  /** The entries saved for a folder, by content hash (empty when there are none or they are unusable). */
  load(folderKey: string): Map<string, ChunkEntry[]>;
  save(folderKey: string, entries: Map<string, ChunkEntry[]>): Promise<void>;
}

/** Written this long after the last change (files changed outside the editor). */
const SAVE_DELAY_MS = 5000;

export class SavedModels {
  private saveTimer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly core: IndexCore,
    private readonly store: ModelStore | undefined,
  ) {}

  /** Take a folder's saved entries (before it is indexed). */
  load(folder: FolderState): void {
    folder.diskEntries = this.store ? this.store.load(folder.key) : new Map();
  }

  scheduleSave(): void {
    if (!this.store) return;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), SAVE_DELAY_MS);
    (this.saveTimer as { unref?: () => void }).unref?.();
  }

  /** Write each folder's chunk models by content hash (closed files and unchanged open ones). */
  async save(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.store) return;
    for (const folder of this.core.folderRegistry.folders.values()) {
      if (folder.loose) continue;
      const entries = new Map<string, ChunkEntry[]>();
      for (const u of folder.docs) {
        const d = this.core.documents.docs.get(u);
        // A parse budget verdict (time, memory) depends on the machine and its load: decided again next time.
        // Files that are not ours (no chunks) are not cached: the prefilter decides again.
        if (d?.hash && d.chunks && d.chunks.length > 0 && !d.chunks.some((c) => c.model.tooComplex?.reason === 'time' || c.model.tooComplex?.reason === 'memory')) entries.set(d.hash, d.chunks);
      }
      // Nothing new since the cache was read or last written (a warm reopen): no rewrite.
      const before = folder.diskEntries;
      if (before && before.size === entries.size && [...entries.keys()].every((h) => before.has(h))) continue;
      folder.diskEntries = entries;
      await this.store.save(folder.key, entries);
    }
  }

  dispose(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
  }
}
