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
  private chars = 0;
  hits = 0;
  misses = 0;

  /** @param budget total characters of chunk text kept (default 16 M). */
  constructor(private readonly budget = 16 * 1024 * 1024) {}

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
    if (this.chars > this.budget) {
      for (const k of this.map.keys()) {
        if (this.chars <= this.budget * 0.75) break;
        this.map.delete(k);
        this.chars -= k.length;
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
