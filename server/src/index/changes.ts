/**
 * Which URIs' diagnostics and panel payloads may have changed, and when to say so (the server
 * publishes them: IndexOptions.onChange). An open document's new model is reported at once;
 * everything else is gathered and reported on the next turn of the event loop, and during a
 * whole-workspace indexing only open documents are reported (the rest when it ends). Before
 * reporting, each folder's manual aggregate is recomputed where it changed, so that the root file
 * whose uncovered items moved, and files that start or stop counting as the manual, are reported
 * too.
 */
import type { IndexCore } from './core';
import { soon } from './yield';

export class ChangeEmitter {
  private readonly changed = new Set<string>();
  private scheduled = false;
  /** Whole-folder indexing under way (coldIndex.ts). */
  indexing = 0;

  constructor(private readonly core: IndexCore) {}

  add(uri: string): void {
    this.changed.add(uri);
  }

  /** Report soon, or now (`urgent`: an open document's new model). */
  schedule(urgent = false): void {
    if (urgent) {
      this.emitNow();
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    soon(() => this.emitNow());
  }

  /** Recompute changed manual aggregates and report every URI whose output may have changed. */
  emitNow(): void {
    this.scheduled = false;
    if (this.changed.size === 0) return;
    const docs = this.core.documents.docs;
    if (this.indexing > 0) {
      // During indexing only open documents are reported; the rest at the end.
      const open = [...this.changed].filter((u) => docs.get(u)?.open);
      if (open.length === 0) return;
      for (const u of open) this.changed.delete(u);
      this.core.options.onChange(open);
      return;
    }
    for (const folder of this.core.folderRegistry.folders.values()) {
      if (folder.manualCache !== undefined) continue;
      const m = this.core.analyses.manualOf(folder);
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
        const d = docs.get(u);
        if (d?.open && d.model?.kind === 'manual') this.changed.add(u);
      }
    }
    const uris = [...this.changed];
    this.changed.clear();
    this.core.options.onChange(uris);
  }
}
