/**
 * A small pool of worker threads that run `parseChunk` (dist/parseWorker.js), so cold indexing
 * uses every core. Without the worker file (unit tests under tsx) or with size 0, chunks are
 * parsed on this thread, yielding to the event loop between jobs so requests are still served.
 * A worker that dies is replaced; its job is redone on this thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseChunk, type ChunkModel } from '../model';
import type { ChunkJob } from './analyzer';

interface Job {
  id: number;
  chunks: ChunkJob[];
  resolve: (models: ChunkModel[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  /** Ended on purpose (idle): not replaced. */
  retired?: boolean;
}

/**
 * Workers idle this long are ended: each holds a V8 heap of its own (about 85 MB after indexing
 * a large corpus), which the server should not keep once indexing is over. The next job starts
 * them again (about 50 ms).
 */
export const WORKER_IDLE_MS = 5000;

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;
  private respawns = 0;
  private readonly wanted: number;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Jobs run on the main thread (no worker, or a worker failed). */
  inProcessJobs = 0;

  /**
   * @param workerFile path of the bundled worker script (dist/parseWorker.js)
   * @param size number of workers; 0 parses on this thread
   */
  constructor(
    private readonly workerFile: string | undefined,
    size = defaultPoolSize(),
    private readonly log: (message: string) => void = () => {},
  ) {
    this.wanted = workerFile && existsSync(workerFile) ? size : 0;
    for (let i = 0; i < this.wanted; i++) this.spawn();
    this.scheduleIdle();
  }

  /** Number of worker threads used for jobs (0: parsing on the main thread). */
  get size(): number {
    return this.wanted;
  }

  /** Worker threads running now (they end when idle). */
  get live(): number {
    return this.slots.length;
  }

  private scheduleIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.disposed || this.slots.length === 0 || this.pending > 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.pending > 0) return;
      for (const slot of this.slots.splice(0)) {
        slot.retired = true;
        void slot.worker.terminate().catch(() => 0);
      }
    }, WORKER_IDLE_MS);
    this.idleTimer.unref();
  }

  private spawn(): Slot | undefined {
    try {
      const worker = new Worker(this.workerFile!);
      worker.unref();
      const slot: Slot = { worker };
      worker.on('message', (msg: { id: number; models?: ChunkModel[]; error?: string }) => {
        const job = slot.job;
        slot.job = undefined;
        if (job && job.id === msg.id) {
          if (msg.models) job.resolve(msg.models);
          else this.runHere(job, msg.error);
        }
        this.pump();
      });
      worker.on('error', (e) => this.log(`parse worker error: ${e.stack ?? e.message}`));
      worker.on('exit', (code) => {
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots.splice(i, 1);
        if (slot.retired) return;
        if (slot.job) {
          const job = slot.job;
          slot.job = undefined;
          this.runHere(job, `worker exited with code ${code}`);
        }
        if (!this.disposed && this.respawns < 5) {
          this.respawns++;
          this.spawn();
          this.pump();
        }
      });
      this.slots.push(slot);
      return slot;
    } catch (e) {
      this.log(`cannot start parse worker ${this.workerFile}: ${(e as Error).message}`);
      return undefined;
    }
  }

  private runHere(job: Job, why?: string): void {
    if (why) this.log(`parsing on the main thread: ${why}`);
    this.inProcessJobs++;
    try {
      job.resolve(job.chunks.map((c) => parseChunk(c.text, c.first)));
    } catch (e) {
      job.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Parse chunks; resolves with their models in the same order. */
  run(chunks: ChunkJob[]): Promise<ChunkModel[]> {
    if (chunks.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, chunks, resolve, reject };
      if (this.idleTimer) clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
      while (this.slots.length < this.wanted && !this.disposed && this.spawn());
      if (this.slots.length === 0) {
        // No workers: one job per macrotask, so the connection keeps answering requests.
        setImmediate(() => this.runHere(job));
        return;
      }
      this.queue.push(job);
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.queue.shift();
      if (!job) break;
      slot.job = job;
      slot.worker.postMessage({ id: job.id, chunks: job.chunks });
    }
    this.scheduleIdle();
  }

  /** Jobs waiting plus running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const slots = this.slots.splice(0);
    for (const job of this.queue.splice(0)) this.runHere(job);
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
  }
}
