/**
 * Where the index has chunks parsed: the Node server's WorkerPool (worker threads, under a time
 * and memory budget: workerPool.ts) or, with no worker threads (the web build's web worker, unit
 * tests), InlineParser on the server's own thread, one job per turn of the event loop so the
 * connection keeps answering between them.
 */
import { parseChunk, type ChunkModel } from '../model';
import type { ChunkJob } from './analyzer';
import { soon } from './yield';

export interface ParsePool {
  /** Worker threads (0: chunks are parsed on the server's own thread). */
  readonly size: number;
  /** Worker threads running now (0 until a job or `prestart` starts them). */
  readonly live: number;
  /** Worker threads started since the pool was created. */
  readonly started: number;
  /** Start the workers now (work for them is known to be coming). */
  prestart(): void;
  /** Parse chunks; resolves with their models in the same order. */
  run(chunks: ChunkJob[]): Promise<ChunkModel[]>;
  /** End idle workers now (a whole workspace was indexed). */
  retireIdle(): void;
  dispose(): Promise<void>;
}

export class InlineParser implements ParsePool {
  readonly size = 0;
  readonly live = 0;
  readonly started = 0;

  prestart(): void {}

  run(chunks: ChunkJob[]): Promise<ChunkModel[]> {
    if (chunks.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) =>
      soon(() => {
        try {
          resolve(chunks.map((c) => parseChunk(c.text, c.first)));
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      }),
    );
  }

  retireIdle(): void {}

  async dispose(): Promise<void> {}
}
