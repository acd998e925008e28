/**
 * Files created, changed and deleted outside the editor (the client's file watcher, or the
 * server's own: fsWatcher.ts): settings files reload their folders, Markdown files are read
 * again or dropped, a folder that appears is walked, and evidence-link answers under a created or
 * deleted path are forgotten. The walker's rules hold for what appears (workspaceFiles.ts
 * `classify`): regular files only, a linked file under its real path inside the folder, never a
 * linked folder.
 */
import { runLimited, type IndexCore } from './core';
import { canonicalUri, isInside, isMarkdownPath, pathToUri, uriToPath } from './uri';

export class FileEvents {
  constructor(private readonly core: IndexCore) {}

  /** Files changed: type 1 created, 2 changed, 3 deleted (LSP FileChangeType). */
  async filesChanged(changes: { uri: string; type: number }[]): Promise<void> {
    const core = this.core;
    const documents = core.documents;
    const settings = new Set<string>();
    const reads: (() => Promise<unknown>)[] = [];
    /** Link targets whose answers a create or delete made stale: looked up again before anything is reported. */
    const stale: string[] = [];
    for (const c of changes) {
      const p = uriToPath(canonicalUri(c.uri));
      if (!p) continue;
      core.cycles.fileChanged(p);
      if (c.type !== 2) {
        stale.push(...core.links.invalidate(p));
        const f = core.folderRegistry.forPath(p);
        if (f) documents.linksChanged(f);
      }
      if (core.settings.isSettingsFile(p)) {
        settings.add(p);
        continue;
      }
      if (c.type === 3) {
        for (const doc of [...documents.docs.values()]) {
          if (!doc.open && doc.path && (doc.path === p || isInside(p, doc.path))) documents.remove(doc);
        }
        continue;
      }
      const folder = core.folderRegistry.forPath(p);
      if (!folder || !folder.root) continue;
      const root = folder.root;
      if (isMarkdownPath(p)) {
        reads.push(async () => {
          const what = await core.files.classify(root, p);
          if (what.kind !== 'file' || what.path !== p) {
            const stale = documents.docs.get(pathToUri(p));
            if (stale && !stale.open) documents.remove(stale);
          }
          if (what.kind === 'file' && folder.includes(what.path)) await core.indexer.indexFile(folder, what.path);
        });
      } else if (c.type === 1) {
        reads.push(async () => {
          if ((await core.files.classify(root, p)).kind !== 'dir') return;
          // A directory moved in: index the Markdown files inside.
          const found = await core.files.discover([p], { root, include: folder.config.include, exclude: folder.config.exclude, maxFileSizeMB: folder.config.maxFileSizeMB, followExplicitLinks: false });
          await runLimited(
            [...found.files, ...found.tooLarge].map((f) => () => core.indexer.indexFile(folder, f.path)),
            8,
          );
        });
      }
    }
    await core.links.fetch(stale);
    for (const p of settings) await core.settings.changed(p);
    await runLimited(reads, 8);
    core.changes.schedule();
    core.savedModels.scheduleSave();
  }
}
