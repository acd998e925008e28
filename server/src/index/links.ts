/**
 * Does a file exist? Asked for every relative evidence link on every analysis, so answers are
 * cached and dropped when the file watcher reports a create or delete under the path (or,
 * without a watcher, after a few seconds).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export class ExistenceCache {
  private readonly map = new Map<string, boolean>();
  private stamp = Date.now();

  /** @param ttlMs how long answers live when no watcher keeps them current (Infinity: until invalidated). */
  constructor(public ttlMs = Infinity) {}

  exists(filePath: string): boolean {
    if (this.ttlMs !== Infinity && Date.now() - this.stamp > this.ttlMs) {
      this.map.clear();
      this.stamp = Date.now();
    }
    let hit = this.map.get(filePath);
    if (hit === undefined) {
      hit = fs.existsSync(filePath);
      this.map.set(filePath, hit);
    }
    return hit;
  }

  /** Forget answers for `filePath`, everything under it, and its ancestors. */
  invalidate(filePath: string): void {
    const prefix = filePath.endsWith(path.sep) ? filePath : filePath + path.sep;
    for (const key of this.map.keys()) {
      if (key === filePath || key.startsWith(prefix) || filePath.startsWith(key + path.sep)) this.map.delete(key);
    }
  }

  clear(): void {
    this.map.clear();
  }
}
