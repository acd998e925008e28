/**
 * Evidence-link targets. Scoring asks, for every relative link of every analysed file, whether
 * its target exists, synchronously; the answer comes from the file access, which may be a round
 * trip to the client (`vscode.workspace.fs.stat`). So the targets of a model's links are looked up
 * ahead, in one batch, before the model is committed (`prepare`), and the answers are kept until
 * the file watcher reports a create or delete under a path (or, without a watcher, for a few
 * seconds). A target asked for without an answer yet (a model committed without `prepare`) counts
 * as not checked for now; it is looked up, and the files linking to it are scored again.
 */
import * as path from 'node:path';
import type { LinkChecker } from '../analysis/workspace';
import { createLinkChecker, resolveLinkTarget } from '../io/linkTargets';
import type { DocumentModel } from '../model/types';
import { describeError, type IndexCore } from './core';
import type { FolderState } from './folder';
import { canonicalUri, pathToUri, uriToPath } from './uri';

export class LinkTargets {
  private readonly known = new Map<string, boolean | undefined>();
  private stamp = Date.now();
  /** Targets asked for while checking, not known: looked up together, soon. */
  private wanted = new Set<string>();
  /** Known targets to look up again (their answers expired). */
  private refresh = new Set<string>();
  private lookup?: Promise<void>;

  /** @param ttlMs how long answers live when no watcher keeps them current (Infinity: until invalidated) */
  constructor(
    private readonly core: IndexCore,
    public ttlMs = Infinity,
  ) {}

  /** Does `filePath` exist: true, false, or undefined when it is not known (yet, or the client will not say). */
  exists(filePath: string): boolean | undefined {
    if (this.ttlMs !== Infinity && Date.now() - this.stamp > this.ttlMs) {
      // Too old to trust: looked up again, the old answers standing until the new ones come.
      this.stamp = Date.now();
      this.refresh = new Set(this.known.keys());
      for (const p of this.refresh) this.want(p);
    }
    return this.known.get(filePath);
  }

  /** Forget answers for `filePath`, everything under it, and its ancestors; returns the paths forgotten. */
  invalidate(filePath: string): string[] {
    const prefix = filePath.endsWith(path.sep) ? filePath : filePath + path.sep;
    const forgotten: string[] = [];
    for (const key of this.known.keys()) {
      if (key === filePath || key.startsWith(prefix) || filePath.startsWith(key + path.sep)) {
        this.known.delete(key);
        forgotten.push(key);
      }
    }
    return forgotten;
  }

  clear(): void {
    this.known.clear();
  }

  /** Look up the paths not known, in one batch. */
  async fetch(paths: Iterable<string>): Promise<void> {
    const todo = [...new Set(paths)].filter((p) => !this.known.has(p) || this.refresh.delete(p));
    if (todo.length === 0) return;
    const kinds = await this.core.files.stat(todo);
    todo.forEach((p, i) => this.known.set(p, kinds[i] === 'unknown' ? undefined : kinds[i] !== 'missing'));
  }

  /** The link root of a folder: its root, or for a loose document the root of its file system. */
  private rootOf(folder: FolderState): string | undefined {
    if (!folder.root) return undefined;
    // A document outside every workspace folder has no workspace to be outside of: its links
    // are checked from its own directory, wherever they lead (a root-relative `/x` is skipped).
    return folder.loose ? path.parse(folder.root).root : folder.root;
  }

  private relOf(root: string, uri: string): string {
    const p = uriToPath(uri);
    return p ? path.relative(root, p).split(path.sep).join('/') : uri;
  }

  /** Where the relative links of a model point (paths), as the checker will ask. */
  targets(folder: FolderState, uri: string, model: DocumentModel): string[] {
    const root = this.rootOf(folder);
    if (!root || !folder.config.checkEvidenceLinks || model.links.length === 0) return [];
    const from = this.relOf(root, uri);
    const out: string[] = [];
    for (const link of model.links) {
      if (folder.loose && link.target.trim().startsWith('/')) continue;
      const r = resolveLinkTarget(from, link.target);
      if (r.status === 'inside') out.push(path.resolve(root, r.rel));
    }
    return out;
  }

  /** Look up the targets of a model's links before it is committed. */
  prepare(folder: FolderState, uri: string, model: DocumentModel): Promise<void> {
    const targets = this.targets(folder, uri, model);
    return targets.length === 0 ? Promise.resolve() : this.fetch(targets).catch((e) => this.core.options.log(`evidence links of ${uri}: ${describeError(e)}`));
  }

  /** A LinkChecker for the documents of `folder` (answers from what is known; see the module comment). */
  checker(folder: FolderState): LinkChecker {
    const root = this.rootOf(folder);
    if (!root) return () => 'skip';
    const check = createLinkChecker(
      (rel) => {
        const abs = path.resolve(root, rel);
        const known = this.exists(abs);
        if (known === undefined && !this.known.has(abs)) this.want(abs);
        // not known: not reported until it is
        return known ?? true;
      },
      (uri) => this.relOf(root, uri),
    );
    if (!folder.loose) return check;
    return (fromUri, target) => (target.trim().startsWith('/') ? 'skip' : check(fromUri, target));
  }

  /** A target asked for and not known: look it up soon, then score the files with links again. */
  private want(abs: string): void {
    this.wanted.add(abs);
    if (this.lookup) return;
    this.lookup = Promise.resolve()
      .then(async () => {
        const batch = [...this.wanted];
        this.wanted.clear();
        await this.fetch(batch);
        const documents = this.core.documents;
        for (const folder of this.core.folderRegistry.folders.values()) documents.linksChanged(folder);
        this.core.changes.schedule();
      })
      .catch((e) => this.core.options.log(`evidence links: ${describeError(e)}`))
      .finally(() => {
        this.lookup = undefined;
        if (this.wanted.size > 0) this.want([...this.wanted][0]);
      });
  }

  /** Resolve a relative link written in `fromUri` to a document URI. */
  resolveLink(fromUri: string, target: string): string | undefined {
    const doc = this.core.documents.get(fromUri);
    const p = uriToPath(canonicalUri(fromUri));
    const root = doc?.folder.root ?? (p ? path.dirname(p) : undefined);
    if (!p || !root) return undefined;
    const r = resolveLinkTarget(path.relative(root, p).split(path.sep).join('/'), target);
    if (r.status !== 'inside') return undefined;
    return pathToUri(path.resolve(root, r.rel));
  }
}
