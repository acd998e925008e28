/**
 * Parsed chunks by their text: the expensive remark parse of a top-level section is done once
 * per distinct (text, first) and reused whenever the same section text shows up again — in the
 * next version of the document (an edit elsewhere), after an undo, or in another file.
 * Least-recently-used entries are dropped past a budget of cached characters.
 */
import type { ChunkModel } from '../model';

export function chunkKey(text: string, first: boolean): string {
  return (first ? '\u0001' : '\u0000') + text;
}

export class ChunkCache {
  private readonly map = new Map<string, ChunkModel>();
  private readonly keyOf = new WeakMap<ChunkModel, string>();
  private chars = 0;
  hits = 0;
  misses = 0;

  /**
   * @param budget total characters of chunk text kept (default 2 M). The index keeps every
   * file's own chunk models anyway; this cache only has to bridge an edit (the chunks around it),
   * an undo and identical sections across files. A larger one mostly keeps the chunks of stale
   * versions of a document being typed in, and the server's memory would not come back.
   */
  constructor(private readonly budget = 2 * 1024 * 1024) {}

  get(text: string, first: boolean): ChunkModel | undefined {
    const key = chunkKey(text, first);
    const model = this.map.get(key);
    if (model === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Refresh recency.
    this.map.delete(key);
    this.map.set(key, model);
    return model;
  }

  set(text: string, first: boolean, model: ChunkModel): void {
    const key = chunkKey(text, first);
    if (this.map.has(key)) this.map.delete(key);
    else this.chars += key.length;
    this.map.set(key, model);
    this.keyOf.set(model, key);
    if (this.chars > this.budget) {
      for (const k of this.map.keys()) {
        if (this.chars <= this.budget * 0.75) break;
        this.map.delete(k);
        this.chars -= k.length;
      }
    }
  }

  /**
   * Drop the entries of `previous` models that `current` no longer uses: the chunks of the
   * version a document had before an edit. Typing would otherwise fill the cache with chunks
   * of versions nobody will see again (an undo re-parses one chunk, a few milliseconds).
   */
  release(previous: readonly ChunkModel[], current: ReadonlySet<ChunkModel>): void {
    for (const model of previous) {
      if (current.has(model)) continue;
      const key = this.keyOf.get(model);
      if (key !== undefined && this.map.get(key) === model) {
        this.map.delete(key);
        this.chars -= key.length;
      }
    }
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
    this.chars = 0;
  }
}
