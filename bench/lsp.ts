/**
 * Measurements against the bundled language server (`node dist/server.js --stdio`) as a child
 * process, through the protocol test client (test/protocol/lspClient.ts):
 *   - didChange → publishDiagnostics of that version on the 5,000-line report, debounce off,
 *     over many realistic edits (typing bursts in prose, backspace, a changed score, a new
 *     list line), beside the time a whole parse of that file takes in this process;
 *   - hover on clause tags and completion of clause IDs (p50/p95);
 *   - cold indexing of the large corpus with 1 and with 2 parse workers (disk cache empty),
 *     reopening it with the disk cache warm, and the server's RSS (VmRSS, VmHWM) once indexed.
 *
 * Knobs the server offers for this (see server/src/server.ts, initializationOptions):
 * `debounceMs` (0 here: the debounce is excluded from every latency), `workers` (parse worker
 * threads for indexing) and `cacheDir` (the disk cache; a fresh directory per cold run).
 * The indexing times are the server's own (its "indexed N files in X ms" log, from the start of
 * indexing to the last model), beside the wall time from spawning the process.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { CompletionRequest, HoverRequest, type TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { delay, fileUri, LspClient } from '../test/protocol/lspClient';
import { BENCH_ROOT, Rng, type WrittenCorpus } from './corpus';
import type { LatencyStats, LspResults } from './report';
import type { Ours } from './ours';
import { collectGarbage, median, round, summarize } from './stats';
import { remarkParseFile } from './floor';
import { SERVER_NODE_ARGS } from '../server/src/launch';

export interface LspOptions {
  repoRoot: string;
  /** The snapshot of dist/ to run the server from (see run.ts). */
  distDir: string;
  report: WrittenCorpus;
  indexCorpus: WrittenCorpus;
  edits: number;
  requests: number;
  ours: Ours | undefined;
  log: (msg: string) => void;
  /** Worker counts for cold indexing (default 1 and 2). */
  indexWorkers?: number[];
  /** NODE_OPTIONS for the server process. */
  serverNodeOptions?: string;
  /** Node/V8 arguments of the server (default: SERVER_NODE_ARGS, as the VS Code client starts it; '' for none). */
  serverV8Flags?: string;
  /** Rounds of cold indexing (every worker count once per round; default 1). */
  coldRounds?: number;
  /** Idle time before the settled memory reading (default 10 s). */
  settleMs?: number;
  /** Write the server's CPU profiles under this directory. */
  profileDir?: string;
  /** A workspace of foreign Markdown (bench/foreign.ts): cold index and RSS, `foreignRounds` times. */
  foreignCorpus?: WrittenCorpus;
  foreignRounds?: number;
  /** The parse workers' heap (initializationOptions.parseMemoryMB; default the server's, 256 MB). */
  serverParseMemoryMB?: number;
  /** Only the foreign corpus's cold index (no editing, no indexing of the generated corpus). */
  onlyForeign?: boolean;
}

const INDEX_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Settings for a measured server: no debounce; worker count and cache directory when given;
 * with `profileDir`, the server (and its worker threads) write V8 CPU profiles there on exit.
 */
function serverSetup(o: { workers?: number; cacheDir: string; profileDir?: string; profileTag?: string; nodeOptions?: string; v8Flags?: string; distDir?: string; parseMemoryMB?: number }): { initializationOptions: Record<string, unknown>; env: NodeJS.ProcessEnv; serverPath?: string; nodeArgs?: string[] } {
  const initializationOptions: Record<string, unknown> = { debounceMs: 0, cacheDir: o.cacheDir };
  if (o.parseMemoryMB !== undefined) initializationOptions.parseMemoryMB = o.parseMemoryMB;
  const env: NodeJS.ProcessEnv = {};
  const bundle = o.distDir ? path.join(o.distDir, 'server.js') : undefined;
  if (bundle) env.BENCH_SERVER_BUNDLE = bundle;
  if (o.nodeOptions) env.NODE_OPTIONS = o.nodeOptions;
  if (o.workers !== undefined) initializationOptions.workers = o.workers;
  const nodeArgs = serverNodeArgs(o.v8Flags);
  if (!o.profileDir) return { initializationOptions, env, serverPath: bundle, nodeArgs };
  env.BENCH_CPU_PROF_DIR = path.join(o.profileDir, o.profileTag ?? 'server');
  return { initializationOptions, env, serverPath: PROFILED_SERVER, nodeArgs };
}

/** The server's node arguments: as the VS Code client starts it unless the bench was told otherwise. */
function serverNodeArgs(v8Flags: string | undefined): string[] {
  return v8Flags === undefined ? [...SERVER_NODE_ARGS] : v8Flags.split(/\s+/).filter(Boolean);
}

/** Wrapper that runs dist/server.js under the CPU profiler (main thread). */
const PROFILED_SERVER = path.join(__dirname, 'profiledServer.cjs');

function freshDir(name: string): string {
  const dir = path.join(BENCH_ROOT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** VmRSS and VmHWM of a process in MB (Linux). */
export function processMemory(pid: number | undefined): { rssMB: number; peakMB: number } | undefined {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMB: round(kb('VmRSS') / 1024), peakMB: round(kb('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

/** CPU time (user + system, ms) a process has used so far, all its threads (Linux). */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) in clock ticks; after the command they are at 11, 12.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on Linux x86_64 and arm64. */
const CLOCK_TICKS = 100;

/**
 * Scheduler statistics of a process's main thread (Linux /proc/<pid>/task/<pid>/schedstat):
 * nanoseconds on a CPU, and nanoseconds runnable but waiting for one (other load on the machine).
 */
export function threadSchedstat(pid: number | undefined): { cpuNs: number; waitNs: number } | undefined {
  return pid ? threadSchedstat2(pid, pid) : undefined;
}

/**
 * CPU time (ms) of every thread of a process, from /proc/<pid>/task/<tid>/schedstat: the main
 * thread, and the others by decreasing time (with n parse workers, the first n of those are
 * the workers; the rest are V8's compiler and GC helpers and libuv's pool).
 */
export interface ThreadsCpu {
  mainMs: number;
  othersMs: number[];
  waitMs: number;
}

/**
 * Per-thread CPU of a process, read every `intervalMs` while it runs. A thread that ends keeps
 * its last reading (at most one interval old): the server ends its parse workers as soon as
 * indexing is done, before the bench can read them once at the end.
 */
export class ThreadCpuSampler {
  private readonly seen = new Map<number, { cpuNs: number; waitNs: number }>();
  private readonly timer?: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.sample();
    if (intervalMs > 0) {
      this.timer = setInterval(() => this.sample(), intervalMs);
      this.timer.unref();
    }
  }

  private sample(): void {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${this.pid}/task`);
    } catch {
      return;
    }
    for (const tid of tids) {
      const s = threadSchedstat2(this.pid, Number(tid));
      if (s) this.seen.set(Number(tid), s);
    }
  }

  /** Read once more, stop, and sum up (undefined when the process could not be read at all). */
  stop(): ThreadsCpu | undefined {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    if (this.seen.size === 0) return undefined;
    let mainMs = 0;
    let waitMs = 0;
    const othersMs: number[] = [];
    for (const [tid, s] of this.seen) {
      waitMs += s.waitNs / 1e6;
      if (tid === this.pid) mainMs = s.cpuNs / 1e6;
      else othersMs.push(s.cpuNs / 1e6);
    }
    othersMs.sort((a, b) => b - a);
    return { mainMs: round(mainMs), othersMs: othersMs.map(round), waitMs: round(waitMs) };
  }
}

function threadSchedstat2(pid: number, tid: number): { cpuNs: number; waitNs: number } | undefined {
  try {
    const [cpuNs, waitNs] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return Number.isFinite(cpuNs) && Number.isFinite(waitNs) ? { cpuNs, waitNs } : undefined;
  } catch {
    return undefined;
  }
}

/** Pause before each measured edit (a fast typist's gap is larger). */
const EDIT_GAP_MS = 15;

export async function runLsp(o: LspOptions): Promise<LspResults> {
  const serverBundle = path.join(o.distDir, 'server.js');
  const res: LspResults = { serverBundle: `dist/server.js (snapshot ${o.distDir})`, initializationOptions: serverSetup({ workers: undefined, cacheDir: '<bench tmp>' }).initializationOptions, errors: [] };
  if (!existsSync(serverBundle)) {
    res.errors.push('dist/server.js not built: LSP not measured.');
    return res;
  }
  const attempt = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (e) {
      const msg = `${what}: ${e instanceof Error ? e.message.split('\n').slice(0, 6).join(' | ') : String(e)}`;
      o.log(`  LSP ${msg}`);
      res.errors.push(msg);
    }
  };
  if (!o.onlyForeign) {
    await attempt('editing the big report', () => measureEditing(o, res));
    await attempt('indexing the corpus', () => measureIndexing(o, res));
  }
  if (o.foreignCorpus) await attempt('indexing the foreign corpus', () => measureForeignIndexing(o, o.foreignCorpus!, res));
  return res;
}

// ---------------------------------------------------------------------------------------------
// Editing the 5,000-line report.

export interface EditPlan {
  kind: 'type' | 'backspace' | 'score' | 'newline';
  change: TextDocumentContentChangeEvent;
}

/** A local mirror of the document that produces realistic edits and keeps itself in sync. */
export class Doc {
  lines: string[];
  constructor(text: string) {
    this.lines = text.split('\n');
  }

  text(): string {
    return this.lines.join('\n');
  }

  replace(line: number, start: number, end: number, newText: string): TextDocumentContentChangeEvent {
    const l = this.lines[line];
    const change = { range: { start: { line, character: start }, end: { line, character: end } }, text: newText };
    const parts = (l.slice(0, start) + newText + l.slice(end)).split('\n');
    this.lines.splice(line, 1, ...parts);
    return change;
  }
}

const TYPED = '本公司已按要求配置售后服务人员并留存培训记录顾客满意度调查结果良好'.split('');

export function* editStream(doc: Doc, rng: Rng): Generator<EditPlan> {
  const isProse = (l: string) => l.length > 8 && !l.startsWith('|') && !l.startsWith('#') && !l.startsWith('---') && !/^[-*] [[【]/.test(l) && !l.startsWith('```');
  const isEntry = (l: string) => /^- [[【][^\]】]+[\]】] \d+(\.\d+)?% /.test(l);
  const from = Math.floor(doc.lines.length * 0.05);
  const pickLine = (ok: (l: string) => boolean): number => {
    for (let tries = 0; tries < 1000; tries++) {
      const i = rng.int(from, doc.lines.length - 2);
      if (ok(doc.lines[i])) return i;
    }
    return -1;
  };
  while (true) {
    const x = rng.next();
    if (x < 0.7) {
      // A typing burst at one place in prose, sometimes corrected with backspace.
      const line = pickLine(isProse);
      if (line < 0) continue;
      let col = rng.int(1, doc.lines[line].length);
      const n = rng.int(2, 8);
      for (let i = 0; i < n; i++) {
        yield { kind: 'type', change: doc.replace(line, col, col, rng.pick(TYPED)) };
        col++;
      }
      const back = rng.chance(0.4) ? rng.int(1, 2) : 0;
      for (let i = 0; i < back; i++) {
        yield { kind: 'backspace', change: doc.replace(line, col - 1, col, '') };
        col--;
      }
    } else if (x < 0.85) {
      // Change a score: `80%` → `60%`.
      const line = pickLine(isEntry);
      if (line < 0) continue;
      const m = /^(- [[【][^\]】]+[\]】] )(\d+(?:\.\d+)?)%/.exec(doc.lines[line])!;
      const next = String(rng.pick([40, 55, 60, 70, 75, 80, 85, 90, 95, 100]));
      yield { kind: 'score', change: doc.replace(line, m[1].length, m[1].length + m[2].length, next) };
    } else {
      // Enter at the end of a list item, then a new item typed.
      const line = pickLine((l) => /^[-*] /.test(l) && !/^[-*] [[【]/.test(l));
      if (line < 0) continue;
      const end = doc.lines[line].length;
      yield { kind: 'newline', change: doc.replace(line, end, end, '\n- ') };
      let col = 2;
      for (let i = 0; i < 3; i++) {
        yield { kind: 'type', change: doc.replace(line + 1, col, col, rng.pick(TYPED)) };
        col++;
      }
    }
  }
}

async function measureEditing(o: LspOptions, res: LspResults): Promise<void> {
  const file = o.report.files[0];
  const abs = path.join(o.report.dir, file.path);
  const uri = fileUri(abs);
  const text = readFileSync(abs, 'utf8');
  const bytes = Buffer.byteLength(text);
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

  // The reference: a whole parse of that file in this process (and the bare remark parse).
  if (o.ours) {
    const whole: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 6; i++) {
      collectGarbage();
      let t = performance.now();
      o.ours.parseDocument(text);
      if (i > 0) whole.push(performance.now() - t);
      t = performance.now();
      remarkParseFile(text);
      if (i > 0) floor.push(performance.now() - t);
    }
    res.wholeReparseMs = summarize(whole);
    res.wholeRemarkMs = summarize(floor);
    o.log(`  whole parse of the ${lines}-line report: parseDocument ${res.wholeReparseMs.median} ms, remark ${res.wholeRemarkMs.median} ms`);
  }

  const setup = serverSetup({ cacheDir: freshDir('server-cache-edit'), profileDir: o.profileDir, profileTag: 'edit', nodeOptions: o.serverNodeOptions, v8Flags: o.serverV8Flags, distDir: o.distDir, parseMemoryMB: o.serverParseMemoryMB });
  res.initializationOptions = { ...setup.initializationOptions, cacheDir: '<bench tmp>' };
  const client = await LspClient.start({ folders: [o.report.dir], initializationOptions: setup.initializationOptions, env: setup.env, serverPath: setup.serverPath, nodeArgs: setup.nodeArgs, locale: 'zh-cn' });
  try {
    await client.waitForIndexed(INDEX_TIMEOUT_MS).catch(() => undefined);
    let t = performance.now();
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (_d, v) => v === 1, 60_000);
    res.openMs = round(performance.now() - t);
    o.log(`  didOpen → diagnostics: ${res.openMs} ms`);

    // Warm-up edits (not recorded), then the measured ones.
    const doc = new Doc(text);
    const stream = editStream(doc, new Rng(8));
    const samples: number[] = [];
    const kinds: Record<string, number> = {};
    let failures = 0;
    const cpu: number[] = [];
    const wait: number[] = [];
    const warm = 10;
    for (let i = 0; i < warm + o.edits; i++) {
      const e = stream.next().value as EditPlan;
      const before = client.diagnostics.get(uri)?.count ?? 0;
      // Let the server finish the previous edit's follow-up work (panel payload) first, as
      // between keystrokes.
      await delay(EDIT_GAP_MS);
      const s0 = threadSchedstat(client.process.pid);
      t = performance.now();
      const version = await client.change(uri, [e.change]);
      try {
        await client.waitForDiagnostics(uri, (_d, v) => (v === undefined ? (client.diagnostics.get(uri)?.count ?? 0) > before : v === version), 10_000);
      } catch {
        failures++;
        continue;
      }
      const dt = performance.now() - t;
      const s1 = threadSchedstat(client.process.pid);
      if (i >= warm) {
        samples.push(dt);
        if (s0 && s1) {
          cpu.push((s1.cpuNs - s0.cpuNs) / 1e6);
          wait.push((s1.waitNs - s0.waitNs) / 1e6);
        }
        kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
      }
    }
    res.didChange = { ...summarize(samples), failures, lines, bytes, edits: samples.length, kinds };
    if (cpu.length) {
      res.didChangeServerCpuMs = summarize(cpu);
      res.didChangeRunqueueMs = summarize(wait);
      o.log(`  server main thread per edit: on CPU p50 ${res.didChangeServerCpuMs.median} ms, p95 ${res.didChangeServerCpuMs.p95} ms; waiting for a CPU p50 ${res.didChangeRunqueueMs.median} ms, p95 ${res.didChangeRunqueueMs.p95} ms`);
    }
    if (res.wholeReparseMs && res.didChange.p95 > 0) res.incrementalSpeedup = round(res.wholeReparseMs.median / res.didChange.p95);
    o.log(`  didChange → diagnostics: p50 ${res.didChange.median} ms, p95 ${res.didChange.p95} ms over ${samples.length} edits (${failures} failed)`);

    // Check the server's model matches a fresh parse of the same text (the edits were applied right).
    if (o.ours) {
      const expected = o.ours.parseDocument(doc.text()).problems.length;
      const got = client.diagnostics.get(uri)?.diagnostics.length;
      if (got !== undefined && Math.abs(got - expected) > 60) res.errors.push(`after the edits the server shows ${got} diagnostics, a fresh parse has ${expected} model problems`);
    }

    // Hover on clause tags.
    const current = doc.lines;
    const tagPositions: { line: number; character: number }[] = [];
    current.forEach((l, line) => {
      const m = /^- \[(5\.\d\.\d\.\d)\]/.exec(l);
      if (m) tagPositions.push({ line, character: 5 });
    });
    const rng = new Rng(9);
    res.hover = await latency(o.requests, async () => {
      const position = rng.pick(tagPositions);
      const h = await client.request(HoverRequest.type, { textDocument: { uri }, position });
      if (!h) throw new Error('empty hover');
    });
    o.log(`  hover: p50 ${res.hover.median} ms, p95 ${res.hover.p95} ms (${res.hover.failures} failed)`);

    // Completion: a new line `- [5.2.` being typed; ask after `[` and after `5.2.`.
    const line = current.findIndex((l, i) => i > current.length / 2 && l === '');
    const version = await client.change(uri, [doc.replace(line, 0, 0, '- [5.2.')]);
    await client.waitForDiagnostics(uri, (_d, v) => v === undefined || v === version, 10_000).catch(() => undefined);
    let k = 0;
    res.completion = await latency(o.requests, async () => {
      const character = k++ % 2 === 0 ? 3 : 7;
      const c = await client.request(CompletionRequest.type, { textDocument: { uri }, position: { line, character } });
      const items = Array.isArray(c) ? c : (c?.items ?? []);
      if (items.length === 0) throw new Error('no completion items');
    });
    o.log(`  completion: p50 ${res.completion.median} ms, p95 ${res.completion.p95} ms (${res.completion.failures} failed)`);
  } finally {
    await client.stop();
  }
}

async function latency(n: number, fn: () => Promise<void>): Promise<LatencyStats> {
  const samples: number[] = [];
  let failures = 0;
  for (let i = 0; i < n + 10; i++) {
    const t = performance.now();
    try {
      await fn();
    } catch {
      failures++;
      continue;
    }
    if (i >= 10) samples.push(performance.now() - t);
  }
  return { ...summarize(samples), failures };
}

// ---------------------------------------------------------------------------------------------
// Cold and warm indexing of the large corpus; memory.

/** What the server logs when indexing ends (server.ts `runIndexing`). */
export interface ServerIndexStats {
  files: number;
  ms: number;
  parsed: number;
  fromDiskCache: number;
  unchanged: number;
  /** Files the prefilter found cannot be ours (scanned, not parsed). */
  notOurs: number;
  chunks: number;
  workers: number;
  /** Worker threads the server started while indexing. */
  workersStarted: number;
  /** Where the server's time went (ms), when its log says. */
  phases?: { diskCache: number; discover: number; files: number; publish: number };
}

const PHASES_LOG = /ms: disk cache (\d+), discovery (\d+), files (\d+), diagnostics (\d+)/;

const INDEXED_LOG = /indexed (\d+) files in (\d+) ms \((\d+) parsed, (\d+) from the disk cache, (\d+) unchanged, (\d+) not ours; (\d+) chunks parsed on (\d+) worker\(s\), (\d+) started/;

export function parseIndexedLog(message: string): ServerIndexStats | undefined {
  const m = INDEXED_LOG.exec(message);
  if (!m) return undefined;
  const [files, ms, parsed, fromDiskCache, unchanged, notOurs, chunks, workers, workersStarted] = m.slice(1).map(Number);
  const p = PHASES_LOG.exec(message);
  const phases = p ? { diskCache: Number(p[1]), discover: Number(p[2]), files: Number(p[3]), publish: Number(p[4]) } : undefined;
  return { files, ms, parsed, fromDiskCache, unchanged, notOurs, chunks, workers, workersStarted, ...(phases ? { phases } : {}) };
}

function serverIndexStats(client: LspClient): ServerIndexStats | undefined {
  for (let i = client.notifications.length - 1; i >= 0; i--) {
    const n = client.notifications[i];
    if (n.method !== 'window/logMessage') continue;
    const s = parseIndexedLog((n.params as { message?: string }).message ?? '');
    if (s) return s;
  }
  return undefined;
}

async function indexOnce(o: Pick<LspOptions, 'indexCorpus' | 'distDir' | 'profileDir' | 'serverNodeOptions' | 'serverV8Flags' | 'serverParseMemoryMB'>, workers: number | undefined, cacheDir: string, profileTag: string, v8Flags = o.serverV8Flags): Promise<{ ms: number; client: LspClient; stats?: ServerIndexStats; threads?: ThreadsCpu }> {
  const setup = serverSetup({ workers, cacheDir, profileDir: o.profileDir, profileTag, nodeOptions: o.serverNodeOptions, v8Flags, distDir: o.distDir, parseMemoryMB: o.serverParseMemoryMB });
  const t = performance.now();
  const client = await LspClient.start({ folders: [o.indexCorpus.dir], initializationOptions: setup.initializationOptions, env: setup.env, serverPath: setup.serverPath, nodeArgs: setup.nodeArgs });
  const sampler = client.process.pid ? new ThreadCpuSampler(client.process.pid) : undefined;
  await client.waitForIndexed(INDEX_TIMEOUT_MS);
  const ms = round(performance.now() - t);
  // The log message is sent just before the progress ends; give it a moment if it is late.
  await client.waitFor(() => serverIndexStats(client) !== undefined, 2000, 'the indexing log').catch(() => undefined);
  return { ms, client, stats: serverIndexStats(client), threads: sampler?.stop() };
}

async function measureIndexing(o: LspOptions, res: LspResults): Promise<void> {
  const c = o.indexCorpus;
  const counts = o.indexWorkers ?? [0, 1, 2];
  const ci: NonNullable<LspResults['coldIndex']> = { corpus: c.name, files: c.files.length, bytes: c.bytes, knob: 'initializationOptions.workers', runs: [] };
  res.coldIndex = ci;
  const check = (what: string, s: ServerIndexStats | undefined, expect: { workers?: number; cold: boolean }) => {
    if (!s) {
      res.errors.push(`${what}: the server did not log its indexing statistics`);
      return;
    }
    if (s.files !== c.files.length) res.errors.push(`${what}: the server indexed ${s.files} files, the corpus has ${c.files.length}`);
    if (expect.workers !== undefined && s.workers !== expect.workers) res.errors.push(`${what}: asked for ${expect.workers} worker(s), the server used ${s.workers}`);
    if (expect.cold && s.fromDiskCache > 0) res.errors.push(`${what}: ${s.fromDiskCache} files came from the disk cache on a cold start`);
    if (!expect.cold && s.parsed > 0) res.errors.push(`${what}: ${s.parsed} files were parsed again although the disk cache was warm`);
  };
  // Rounds: every configuration once per round, the order rotated from round to round, so that a
  // slow spell of the machine (a shared VM: the same run varies by ±15 % here) falls on all of
  // them alike. The speed-ups are paired: one thread ÷ 2 workers within a round, median over rounds.
  const serverArgs = serverNodeArgs(o.serverV8Flags).join(' ');
  ci.serverNodeArgs = serverArgs;
  type Config = { workers: number; defaultGc: boolean };
  const configs: Config[] = counts.map((workers) => ({ workers, defaultGc: false }));
  // With --single-threaded-gc one thread really is one thread; V8's parallel collector would give
  // the 0-worker run part of the second core. One thread under V8's defaults is measured too.
  if (serverArgs && counts.includes(0) && counts.includes(2)) configs.push({ workers: 0, defaultGc: true });
  const rounds = Math.max(1, o.coldRounds ?? 1);
  const key = (cfg: Config) => `${cfg.workers}${cfg.defaultGc ? '-default-gc' : ''}`;
  const memoryWorkers = counts[counts.length - 1];
  const roundTimes: Record<string, number>[] = [];
  for (let r = 0; r < rounds; r++) {
    const order = configs.map((_, i) => configs[(i + r) % configs.length]);
    const thisRound: Record<string, number> = {};
    for (const cfg of order) {
      const { workers, defaultGc } = cfg;
      const what = `cold index with ${workers} worker(s)${defaultGc ? " under V8's defaults" : ''}`;
      const cacheDir = freshDir(`server-cache-${key(cfg)}`);
      const { ms, client, stats, threads } = await indexOnce(o, workers, cacheDir, `index-${key(cfg)}-r${r + 1}`, defaultGc ? '' : o.serverV8Flags);
      const mem = processMemory(client.process.pid);
      const cpuMs = processCpuMs(client.process.pid);
      // Memory once the server has been idle a while with the corpus indexed (V8 shrinks its
      // heaps after idle garbage collections); VmHWM keeps the peak of the indexing itself.
      let settled: { rssMB: number; peakMB: number } | undefined;
      const measureMemory = !defaultGc && workers === memoryWorkers && r === rounds - 1;
      if (measureMemory) {
        await delay(o.settleMs ?? 10_000);
        settled = processMemory(client.process.pid);
      }
      await client.stop(30_000);
      check(what, stats, { workers, cold: true });
      const serverMs = stats?.ms ?? ms;
      thisRound[key(cfg)] = serverMs;
      const threadCpu = threads && { mainMs: threads.mainMs, workersMs: threads.othersMs.slice(0, workers), helpersMs: round(threads.othersMs.slice(workers).reduce((x, y) => x + y, 0)), runqueueMs: threads.waitMs };
      ci.runs.push({ workers, defaultGc: defaultGc || undefined, round: r + 1, wallMs: ms, serverMs: stats?.ms, cpuMs: cpuMs === undefined ? undefined : round(cpuMs), threadCpu, chunks: stats?.chunks, memory: mem });
      if (threadCpu) o.log(`    CPU by thread: main ${threadCpu.mainMs} ms, workers ${threadCpu.workersMs.join(' + ') || '—'} ms, other threads ${threadCpu.helpersMs} ms; runnable but waiting for a CPU ${threadCpu.runqueueMs} ms (all threads)`);
      if (settled && mem) {
        res.memory = { ...mem, settledRssMB: settled.rssMB, settleMs: o.settleMs ?? 10_000, workers };
        o.log(`    RSS after ${(o.settleMs ?? 10_000) / 1000} s idle: ${settled.rssMB} MB (peak ${settled.peakMB} MB)`);
      }
      o.log(`  round ${r + 1}/${rounds}: ${what} of ${c.name}: ${stats ? `${stats.ms} ms in the server, ` : ''}${ms} ms from spawn${cpuMs !== undefined ? `, server CPU ${round(cpuMs)} ms (${(cpuMs / ms).toFixed(2)} cores)` : ''}${mem ? `, RSS ${mem.rssMB} MB, peak ${mem.peakMB} MB` : ''}`);
    }
    roundTimes.push(thisRound);
  }
  const medianOf = (k: string) => {
    const xs = roundTimes.filter((t) => t[k]).map((t) => t[k]);
    return xs.length ? median(xs) : undefined;
  };
  const ratios = (num: string, den: string) => roundTimes.filter((t) => t[num] && t[den]).map((t) => t[num] / t[den]);
  const pairedRatio = (num: string, den: string) => {
    const rs = ratios(num, den);
    return rs.length ? round(median(rs)) : undefined;
  };
  ci.rounds = rounds;
  ci.workers0Ms = medianOf('0');
  ci.workers1Ms = medianOf('1');
  ci.workers2Ms = medianOf('2');
  ci.workers0DefaultGcMs = medianOf('0-default-gc');
  ci.speedup = pairedRatio('0', '2');
  ci.speedup1to2 = pairedRatio('1', '2');
  ci.speedupVsDefaultGc = pairedRatio('0-default-gc', '2');
  ci.speedupRounds = ratios('0', '2').map(round);
  o.log(`  cold index ${c.name}, server times (median of ${rounds}): 0 workers ${ci.workers0Ms ?? '—'} ms, 1 worker ${ci.workers1Ms ?? '—'} ms, 2 workers ${ci.workers2Ms ?? '—'} ms${ci.workers0DefaultGcMs ? `, 0 workers under V8's defaults ${ci.workers0DefaultGcMs} ms` : ''}; one thread ÷ 2 workers per round: ${ci.speedupRounds.join(', ') || '—'}`);

  // Reopen with the cache the last cold run left (the default worker count), three times: the
  // median is the number; one reopen is ~2 s, where a few hundred ms of other load shows.
  const last = counts[counts.length - 1];
  const reopens: { ms: number; stats?: ServerIndexStats; mem?: { rssMB: number; peakMB: number } }[] = [];
  for (let i = 0; i < WARM_REOPENS; i++) {
    const { ms, client, stats } = await indexOnce(o, undefined, path.join(BENCH_ROOT, `server-cache-${last}`), `reopen-${i + 1}`);
    const mem = processMemory(client.process.pid);
    await client.stop(30_000);
    check('reopen with the disk cache warm', stats, { cold: false });
    reopens.push({ ms, stats, mem });
    const ph = stats?.phases;
    o.log(
      `  reopen ${i + 1}/${WARM_REOPENS} ${c.name} with the disk cache warm: ${ms} ms from spawn${stats ? ` (${stats.ms} ms in the server${ph ? `: disk cache ${ph.diskCache}, discovery ${ph.discover}, files ${ph.files}, diagnostics ${ph.publish}` : ''}; ${stats.fromDiskCache} files from the disk cache, ${stats.parsed} parsed)` : ''}${mem ? `, RSS ${mem.rssMB} MB, peak ${mem.peakMB} MB` : ''}`,
    );
  }
  const middleRun = [...reopens].sort((a, b) => a.ms - b.ms)[Math.floor(reopens.length / 2)];
  res.warmReopenMs = middleRun.ms;
  res.warmReopenServerMs = middleRun.stats?.ms;
  res.warmReopenPhases = middleRun.stats?.phases;
  res.warmReopenRunsMs = reopens.map((r) => r.ms);
  res.warmReopenMemory = middleRun.mem;
}

const WARM_REOPENS = 3;

/**
 * Cold index of the foreign workspace as the VS Code client starts the server (default worker
 * count, its node arguments, an empty disk cache), `foreignRounds` times: the server's own time
 * and from spawn, its RSS when indexing ends and its peak, what the log says was parsed, and
 * whether a disk cache file was written.
 */
async function measureForeignIndexing(o: LspOptions, c: WrittenCorpus, res: LspResults): Promise<void> {
  const rounds = Math.max(1, o.foreignRounds ?? 1);
  const fi: NonNullable<LspResults['foreignIndex']> = { corpus: c.name, files: c.files.length, bytes: c.bytes, runs: [] };
  res.foreignIndex = fi;
  for (let r = 0; r < rounds; r++) {
    const cacheDir = freshDir('server-cache-foreign');
    const { ms, client, stats } = await indexOnce({ ...o, indexCorpus: c }, undefined, cacheDir, `foreign-r${r + 1}`);
    const mem = processMemory(client.process.pid);
    await client.stop(30_000);
    const cacheFiles = readdirSync(cacheDir).filter((f) => f.endsWith('.chunks.json')).length;
    if (!stats) res.errors.push('foreign corpus: the server did not log its indexing statistics');
    else if (stats.files !== c.files.length) res.errors.push(`foreign corpus: the server indexed ${stats.files} files, the corpus has ${c.files.length}`);
    fi.runs.push({ wallMs: ms, serverMs: stats?.ms, parsed: stats?.parsed, notOurs: stats?.notOurs, workersStarted: stats?.workersStarted, memory: mem, cacheFiles });
    o.log(
      `  foreign corpus, cold index ${r + 1}/${rounds}: ${stats ? `${stats.ms} ms in the server, ` : ''}${ms} ms from spawn; ${stats ? `${stats.parsed} parsed, ${stats.notOurs} not ours, ${stats.workersStarted} worker(s) started; ` : ''}${mem ? `RSS ${mem.rssMB} MB, peak ${mem.peakMB} MB; ` : ''}${cacheFiles} disk cache file(s)`,
    );
  }
  const serverTimes = fi.runs.map((x) => x.serverMs ?? x.wallMs);
  fi.serverMs = median(serverTimes);
  fi.wallMs = median(fi.runs.map((x) => x.wallMs));
  const rss = fi.runs.map((x) => x.memory?.rssMB).filter((x): x is number => x !== undefined);
  const peak = fi.runs.map((x) => x.memory?.peakMB).filter((x): x is number => x !== undefined);
  if (rss.length) fi.rssMB = median(rss);
  if (peak.length) fi.peakMB = median(peak);
}
