/**
 * A small pool of worker threads (dist/parseWorker.js) that parse chunks (`parseChunk`, so cold
 * indexing uses every core) and read files for the index (read, decode, hash: so a warm reopen
 * does not do all of that on the main thread). Without the worker file (unit tests under tsx)
 * or with size 0, jobs run on this thread, one per macrotask so requests are still served.
 *
 * Parsing has a budget (docs/limits.md, "Parse budget"): a job may take `baseMs` per chunk plus
 * `msPerMB` per MB of its text, and a worker's heap is capped at `memoryMB`. A worker that runs
 * over either is ended; the chunks of its job are tried again one at a time, and a chunk that
 * runs over on its own gets a "too complex to analyse" model (ChunkModel.tooComplex) instead of
 * a parse. Such a chunk is never parsed on this thread. A worker that dies otherwise is
 * replaced and its job redone here (a read, or a parse that did not run over the budget).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { parseChunk, type ChunkModel } from '../model';
import type { ChunkJob } from './analyzer';
import type { ParsePool } from './parsePool';
import { readFileForIndex, type FileRead, type ReadJob } from './fileRead';

/** What a worker is sent (see analysis/parseWorker.ts). */
export type WorkerRequest = { id: number; chunks: ChunkJob[] } | { id: number; reads: ReadJob[] };
/** What it answers. */
export type WorkerReply = { id: number; models: ChunkModel[] } | { id: number; files: FileRead[] } | { id: number; error: string } | { id: number; started: true };

type Job =
  | { id: number; chunks: ChunkJob[]; resolve: (models: ChunkModel[]) => void; reject: (e: Error) => void; budgetMs?: number }
  | { id: number; reads: ReadJob[]; resolve: (files: FileRead[]) => void; reject: (e: Error) => void };

/** The parse budget (see the module comment). */
export interface ParseBudget {
  /** Milliseconds per chunk. */
  baseMs: number;
  /** Milliseconds per MB of chunk text on top. */
  msPerMB: number;
  /** Heap of a worker (old generation), MB. */
  memoryMB: number;
}

/**
 * 3 s a chunk plus 20 s per MB: real chunks (sections of a few KB) parse in milliseconds, and
 * the largest legitimate ones measured here (a 470 KB table of 10,000 rows) took 4–9 s on a
 * busy two-core machine against a budget of 12 s. 256 MB of heap: that table needed ~200 MB;
 * 1 MB of `[` would take 1.8 GB. Both can be set (initializationOptions, GBT27922_PARSE_BUDGET).
 *
 * The heap cap also keeps the workers small while indexing: without one, V8 sizes a worker's
 * heap as for a whole process and lets the promoted garbage of parsing pile up before collecting
 * it. One worker parsing 700 files of the 2,000-file corpus peaked at 167–171 MB of heap without a
 * cap, 91–93 MB with 256 or 512 MB, in the same time (8.5 s against 8.4–8.6 s).
 */
export const DEFAULT_PARSE_BUDGET: Readonly<ParseBudget> = { baseMs: 3000, msPerMB: 20000, memoryMB: 256 };

/** The budget of a job: every chunk's share. */
export function jobBudgetMs(chunks: readonly ChunkJob[], budget: ParseBudget): number {
  let ms = 0;
  for (const c of chunks) ms += budget.baseMs + (c.text.length / (1024 * 1024)) * budget.msPerMB;
  return Math.ceil(ms);
}

/** The model of a chunk that ran over the budget on its own. */
export function tooComplexModel(chunk: ChunkJob, reason: 'time' | 'memory', limit: number): ChunkModel {
  return { headings: [], tags: [], entries: [], specials: [], links: [], leadingContent: chunk.text.trim().length > 0, tooComplex: { reason, limit, offset: 0 } };
}

/** Do a job's work on the calling thread. */
export function runJob(request: WorkerRequest): WorkerReply {
  if ('chunks' in request) return { id: request.id, models: request.chunks.map((c) => parseChunk(c.text, c.first)) };
  return { id: request.id, files: request.reads.map(readFileForIndex) };
}

function requestOf(job: Job): WorkerRequest {
  return 'chunks' in job ? { id: job.id, chunks: job.chunks } : { id: job.id, reads: job.reads };
}

function settle(job: Job, reply: WorkerReply): boolean {
  if ('chunks' in job && 'models' in reply) job.resolve(reply.models);
  else if ('reads' in job && 'files' in reply) job.resolve(reply.files);
  else return false;
  return true;
}

interface Slot {
  worker: Worker;
  job?: Job;
  /** Ended on purpose (idle): not replaced. */
  retired?: boolean;
  /** The running parse job's budget timer. */
  timer?: NodeJS.Timeout;
  /** The worker ran over the parse budget: ended by the pool (time) or by V8 (memory). */
  overBudget?: 'time' | 'memory';
}

/**
 * Workers idle this long are ended: each holds a V8 heap of its own (about 85 MB after indexing
 * a large corpus), which the server should not keep once indexing is over. The next job starts
 * them again (about 50 ms).
 */
export const WORKER_IDLE_MS = 5000;

/** Chunks longer than this are parsed in a job of their own (see WorkerPool.run). */
const SOLO_CHARS = 16 * 1024;

/**
 * A parse makes a great deal of short-lived garbage (remark's events and tree). With the young
 * generation V8 gives a worker by default, much of it lived long enough to be promoted, and the
 * old generation's collections on V8's helper threads took as much CPU as a third parser on a
 * two-core machine: cold indexing of the 2,000-file corpus took 21.5 s on two workers; with
 * 32 MB, 16–17.5 s (24 MB: 16.9 s; 16 MB: 20.6 s; 64 MB: no faster, 100 MB more memory).
 * Started with --single-threaded-gc (SERVER_NODE_ARGS, on a faster machine) it still pays:
 * 32 MB 8.2–8.8 s against 8 MB 8.9–9.1 s, for ~90 MB more peak RSS (~405 against ~315 MB).
 * The cost is memory while indexing only: the workers end when it is done.
 */
export const WORKER_YOUNG_GENERATION_MB = 32;

export function defaultPoolSize(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

export class WorkerPool implements ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;
  private respawns = 0;
  private readonly wanted: number;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Jobs run on the main thread (no worker, or a worker failed). */
  inProcessJobs = 0;
  /** Worker threads started so far (they start with jobs, one at a time, and again after retiring). */
  started = 0;
  /** Chunks given a too-complex model for running over the budget. */
  overBudgetChunks = 0;
  readonly budget: ParseBudget;

  /**
   * @param workerFile path of the bundled worker script (dist/parseWorker.js)
   * @param size number of workers; 0 parses on this thread
   */
  constructor(
    private readonly workerFile: string | undefined,
    size = defaultPoolSize(),
    private readonly log: (message: string) => void = () => {},
    /** Called after idle workers were ended (their memory is garbage for the main heap now). */
    private readonly onRetired: () => void = () => {},
    budget: Partial<ParseBudget> = {},
  ) {
    this.budget = { ...DEFAULT_PARSE_BUDGET, ...budget };
    // Workers start with jobs, one for each job no running worker is free for (submit): a
    // workspace with nothing to parse starts none, one large file opened starts one.
    this.wanted = workerFile && existsSync(workerFile) ? size : 0;
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
    this.idleTimer = setTimeout(() => this.retireIdle(), WORKER_IDLE_MS);
    this.idleTimer.unref();
  }

  /** End the workers now unless they have work (the next job starts them again). */
  retireIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.pending > 0 || this.slots.length === 0) return;
    const ended = this.slots.splice(0).map((slot) => {
      slot.retired = true;
      return slot.worker.terminate().catch(() => 0);
    });
    void Promise.all(ended).then(() => this.onRetired());
  }

  private spawn(): Slot | undefined {
    try {
      const worker = new Worker(this.workerFile!, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB, maxOldGenerationSizeMb: this.budget.memoryMB } });
      this.started++;
      worker.unref();
      const slot: Slot = { worker };
      worker.on('message', (msg: WorkerReply) => {
        if ('started' in msg) {
          if (slot.job?.id === msg.id && 'chunks' in slot.job) this.startBudget(slot, slot.job);
          return;
        }
        const job = slot.job;
        slot.job = undefined;
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = undefined;
        if (job && job.id === msg.id && !settle(job, msg)) this.runHere(job, 'error' in msg ? msg.error : 'unexpected reply');
        this.pump();
      });
      worker.on('error', (e) => {
        if ((e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') slot.overBudget ??= 'memory';
        else this.log(`parse worker error: ${e.stack ?? e.message}`);
      });
      worker.on('exit', (code) => {
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots.splice(i, 1);
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = undefined;
        if (slot.retired) return;
        const job = slot.job;
        slot.job = undefined;
        if (job && slot.overBudget && 'chunks' in job) this.overBudget(job, slot.overBudget);
        else if (job) this.runHere(job, `worker exited with code ${code}`);
        // A worker ended for its budget is the pool working as meant: always replaced.
        if (!this.disposed && (slot.overBudget || this.respawns < 5)) {
          if (!slot.overBudget) this.respawns++;
          this.spawn();
        }
        this.pump();
      });
      this.slots.push(slot);
      return slot;
    } catch (e) {
      this.log(`cannot start parse worker ${this.workerFile}: ${(e as Error).message}`);
      return undefined;
    }
  }

  /**
   * A parse job ran over the budget: a job of several chunks is split and each chunk tried alone
   * (first in the queue); a chunk that ran over alone is too complex.
   */
  private overBudget(job: Extract<Job, { chunks: ChunkJob[] }>, reason: 'time' | 'memory'): void {
    if (job.chunks.length === 1) {
      this.overBudgetChunks++;
      const limit = reason === 'time' ? Math.round((job.budgetMs ?? jobBudgetMs(job.chunks, this.budget)) / 100) / 10 : this.budget.memoryMB;
      this.log(`a chunk of ${job.chunks[0].text.length} characters is too complex to analyse: it ran over the parse budget (${reason}, ${limit}${reason === 'time' ? ' s' : ' MB'})`);
      job.resolve([tooComplexModel(job.chunks[0], reason, limit)]);
      return;
    }
    const parts = job.chunks.map(
      (chunk) =>
        new Promise<ChunkModel[]>((resolve, reject) => {
          this.queue.unshift({ id: this.nextId++, chunks: [chunk], resolve, reject });
        }),
    );
    Promise.all(parts).then((models) => job.resolve(models.flat()), job.reject);
  }

  private runHere(job: Job, why?: string): void {
    if (why) this.log(`${'chunks' in job ? 'parsing' : 'reading'} on the main thread: ${why}`);
    this.inProcessJobs++;
    try {
      settle(job, runJob(requestOf(job)));
    } catch (e) {
      job.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Start the workers now (work for them is known to be coming), unless they run already. */
  prestart(): void {
    while (this.slots.length < this.wanted && !this.disposed && this.spawn());
    this.scheduleIdle();
  }

  /**
   * Parse chunks; resolves with their models in the same order. A chunk over SOLO_CHARS goes in a
   * job of its own, so that when one runs over the budget its job is that chunk alone (a batch
   * that runs over is tried again chunk by chunk: the time is spent twice).
   */
  run(chunks: ChunkJob[]): Promise<ChunkModel[]> {
    if (chunks.length === 0) return Promise.resolve([]);
    const groups: ChunkJob[][] = [];
    let small: ChunkJob[] | undefined;
    for (const c of chunks) {
      if (c.text.length > SOLO_CHARS) {
        groups.push([c]);
        small = undefined;
      } else {
        if (!small) groups.push((small = []));
        small.push(c);
      }
    }
    const jobs = groups.map((g) => new Promise<ChunkModel[]>((resolve, reject) => this.submit({ id: this.nextId++, chunks: g, resolve, reject })));
    return jobs.length === 1 ? jobs[0] : Promise.all(jobs).then((parts) => parts.flat());
  }

  /** Read, decode and hash files for the index; resolves with the results in the same order. */
  read(reads: ReadJob[]): Promise<FileRead[]> {
    if (reads.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => this.submit({ id: this.nextId++, reads, resolve, reject }));
  }

  private submit(job: Job): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    // A worker more only for a job no running one is free for: one file opened in a workspace
    // of foreign Markdown starts one worker (its heap), a cold index soon both.
    const free = () => this.slots.filter((s) => !s.job && !s.overBudget).length;
    while (this.slots.length < this.wanted && !this.disposed && free() <= this.queue.length && this.spawn());
    if (this.slots.length === 0) {
      // No workers: one job per macrotask, so the connection keeps answering requests.
      setImmediate(() => this.runHere(job));
      return;
    }
    this.queue.push(job);
    this.pump();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job || slot.overBudget) continue;
      const job = this.queue.shift();
      if (!job) break;
      slot.job = job;
      slot.worker.postMessage(requestOf(job));
    }
    this.scheduleIdle();
  }

  /** The worker has begun a parse job: its time budget runs from now. */
  private startBudget(slot: Slot, job: Extract<Job, { chunks: ChunkJob[] }>): void {
    job.budgetMs ??= jobBudgetMs(job.chunks, this.budget);
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      if (slot.job !== job) return;
      slot.overBudget = 'time';
      void slot.worker.terminate();
    }, job.budgetMs);
  }

  /** Jobs waiting plus running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job).length;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const slots = this.slots.splice(0);
    // Reads are safe here; a parse never is (it may be the one that runs over every budget).
    for (const job of this.queue.splice(0)) {
      if ('chunks' in job) job.reject(new Error('the parse workers were stopped'));
      else this.runHere(job);
    }
    for (const slot of slots) {
      slot.retired = true;
      if (slot.timer) clearTimeout(slot.timer);
      const job = slot.job;
      slot.job = undefined;
      if (job && 'chunks' in job) job.reject(new Error('the parse workers were stopped'));
      else if (job) this.runHere(job);
    }
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => 0)));
  }
}
