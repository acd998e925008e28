/**
 * File watching for clients that cannot watch files for us (no dynamic registration of
 * workspace/didChangeWatchedFiles): a non-recursive fs.watch on each directory of a workspace
 * folder (excluded directories pruned, at most `maxDirs`), turning events into the same
 * created / changed / deleted events the client would send. Events are batched briefly.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALWAYS_SKIPPED_DIRS, toRel, type PathFilter } from '../io/discover';
import { pathToUri } from './uri';

export interface FileEvent {
  uri: string;
  /** 1 created, 2 changed, 3 deleted */
  type: 1 | 2 | 3;
}

export class FsWatcher {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private readonly known = new Set<string>();
  private pending = new Map<string, FileEvent['type']>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly onEvents: (events: FileEvent[]) => void,
    private readonly log: (message: string) => void = () => {},
    private readonly delayMs = 100,
    private readonly maxDirs = 4000,
  ) {}

  /** Watch `root` and its directories (those not pruned by `filter`). */
  watchTree(root: string, filter?: PathFilter): void {
    const walk = (dir: string) => {
      if (this.watchers.size >= this.maxDirs) return;
      this.watchDir(dir, root, filter);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (ALWAYS_SKIPPED_DIRS.has(e.name) || filter?.prunesDir(toRel(root, p))) continue;
          walk(p);
        } else this.known.add(p);
      }
    };
    walk(root);
  }

  private watchDir(dir: string, root: string, filter?: PathFilter): void {
    if (this.watchers.has(dir)) return;
    try {
      const w = fs.watch(dir, { persistent: false }, (_event, name) => {
        if (!name) return;
        const p = path.join(dir, name.toString());
        let type: FileEvent['type'];
        let isDir = false;
        try {
          // lstat: a symlinked folder (`ln -s . loop`) is not watched or walked.
          const st = fs.lstatSync(p);
          isDir = st.isDirectory();
          type = this.known.has(p) || this.watchers.has(p) ? 2 : 1;
          this.known.add(p);
        } catch {
          type = 3;
          this.known.delete(p);
          this.unwatchUnder(p);
        }
        if (isDir && type === 1) this.watchTree(p, filter && { ...filter, prunesDir: (rel) => filter.prunesDir(toRel(root, path.join(p, rel))) });
        if (isDir && type === 2) return;
        this.queue(p, type);
      });
      w.on('error', () => this.unwatchUnder(dir));
      this.watchers.set(dir, w);
    } catch (e) {
      this.log(`cannot watch ${dir}: ${(e as Error).message}`);
    }
  }

  private unwatchUnder(p: string): void {
    for (const [dir, w] of this.watchers) {
      if (dir === p || dir.startsWith(p + path.sep)) {
        w.close();
        this.watchers.delete(dir);
      }
    }
  }

  private queue(p: string, type: FileEvent['type']): void {
    const prev = this.pending.get(p);
    // created + changed = created; created + deleted = deleted (the file is gone either way).
    this.pending.set(p, prev === 1 && type === 2 ? 1 : type);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const events = [...this.pending].map(([file, t]) => ({ uri: pathToUri(file), type: t }));
      this.pending = new Map();
      this.onEvents(events);
    }, this.delayMs);
  }

  get watchedDirs(): number {
    return this.watchers.size;
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
    if (this.timer) clearTimeout(this.timer);
  }
}
