/**
 * Benchmark results: their shape (saved as JSON so runs can be compared), the machine they were
 * measured on, the targets of issue #8 evaluated against them, and the printed tables.
 */
import type { ExportRow } from './export';
import type { WordBenchResults } from './word';
import type { WebBenchResults } from './web';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Summary } from './stats';
import type { HostileResults } from './hostile';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGB: number;
  node: string;
  os: string;
  /** 1-minute load average at the start and the end of the run (other work on the machine skews numbers). */
  loadStart: number;
  loadEnd?: number;
}

export interface CorpusInfo {
  name: string;
  files: number;
  bytes: number;
  lines: number;
  dir: string;
}

/** In-process, same text, interleaved file by file: the floor, ours, markdownlint. */
export interface AnalysisRow {
  corpus: string;
  files: number;
  bytes: number;
  reps: number;
  floorMs: Summary;
  markdownlintMs: Summary;
  oursMs?: Summary;
  /** Of ours: the per-file model (parseDocument) and the workspace step (coverage + scores). */
  oursModelMs?: Summary;
  oursWorkspaceMs?: Summary;
  /** Median over repetitions of the paired ratio (same repetition, same files). */
  oursOverFloor?: number;
  oursOverMarkdownlint?: number;
  markdownlintOverFloor: number;
  /** The same ratios on process CPU time (user + system) instead of wall time. */
  cpuOursOverFloor?: number;
  cpuOursOverMarkdownlint?: number;
  /** The prefilter alone on the same files (every file scanned once), and its paired share of ours. */
  prefilterMs?: Summary;
  prefilterOverOurs?: number;
}

export interface CliRow {
  corpus: string;
  files: number;
  bytes: number;
  wallMs: Summary;
  /** Peak RSS of the CLI process (MB): its own getrusage maxRSS, printed by a preloaded exit hook. */
  peakRssMB?: number;
  exitCode: number | null;
  /** Problems the CLI reported (from --format json), when it could be read. */
  problems?: number;
}

export interface LatencyStats extends Summary {
  /** Requests that failed or timed out. */
  failures: number;
}

export interface LspResults {
  serverBundle: string;
  initializationOptions: Record<string, unknown>;
  /** didChange → publishDiagnostics of that version, on the big report, debounce off. */
  didChange?: LatencyStats & { lines: number; bytes: number; edits: number; kinds: Record<string, number> };
  /** Per edit, the server's main thread: time on a CPU, and time runnable but waiting for a CPU (machine load). */
  didChangeServerCpuMs?: Summary;
  didChangeRunqueueMs?: Summary;
  /** The same file's whole parse measured in this process (parseDocument and bare remark), for the ratio. */
  wholeReparseMs?: Summary;
  wholeRemarkMs?: Summary;
  /** wholeReparse median ÷ didChange p95. */
  incrementalSpeedup?: number;
  /** Time from didOpen of the big report to its first diagnostics (a full parse in the server). */
  openMs?: number;
  hover?: LatencyStats;
  completion?: LatencyStats;
  /**
   * Cold workspace indexing (fresh disk cache). `workers1Ms`/`workers2Ms` are the server's own
   * indexing time (start of indexing → last model, its log), else the wall time from spawning.
   */
  coldIndex?: {
    corpus: string;
    files: number;
    bytes: number;
    /** 0 workers: every chunk parsed on the server's main thread (one thread). */
    workers0Ms?: number;
    workers1Ms?: number;
    workers2Ms?: number;
    /** Rounds of cold indexing: every configuration once per round, in rotated order. */
    rounds?: number;
    /** One thread ÷ 2 workers in each round (the speed-up is their median). */
    speedupRounds?: number[];
    /** One thread (0 workers) ÷ 2 workers, paired per round, median: the target's "faster than one thread". */
    speedup?: number;
    /** 1 worker (beside the main thread) ÷ 2 workers. */
    speedup1to2?: number;
    /** Node/V8 arguments the server ran with ('' = none): SERVER_NODE_ARGS unless overridden. */
    serverNodeArgs?: string;
    /** 0 workers with none of those arguments (V8's default, parallel garbage collector). */
    workers0DefaultGcMs?: number;
    /** That ÷ 2 workers (informational). */
    speedupVsDefaultGc?: number;
    /** Knob used to set the worker count. */
    knob: string;
    runs: { workers: number; /** Run without the server's node arguments (V8's default GC). */ defaultGc?: boolean; round?: number; wallMs: number; serverMs?: number; /** CPU time of the server process (all threads) from spawn to indexed. */ cpuMs?: number; /** The same by thread: main, the parse workers (the busiest other threads), the rest (V8 GC/compiler, libuv). */ threadCpu?: { mainMs: number; workersMs: number[]; helpersMs: number; /** Summed over threads: runnable but waiting for a CPU (other load on the machine). */ runqueueMs: number }; chunks?: number; memory?: { rssMB: number; peakMB: number } }[];
  };
  /** Reopening the same corpus with the disk cache warm: from spawning the server to indexed. */
  warmReopenMs?: number;
  /** The same, as the server logs it (start of indexing → last model). */
  warmReopenServerMs?: number;
  /** The server's phases of that reopen (ms). */
  warmReopenPhases?: { diskCache: number; discover: number; files: number; publish: number };
  /** Every reopen measured (the number above is their median). */
  warmReopenRunsMs?: number[];
  warmReopenMemory?: { rssMB: number; peakMB: number };
  /** Server RSS after indexing the corpus (MB): current and peak (VmHWM). */
  /**
   * Server memory with the corpus indexed (the cold run with the most workers): RSS when
   * indexing ended, the peak (VmHWM), and RSS after `settleMs` idle.
   */
  memory?: { rssMB: number; peakMB: number; settledRssMB?: number; settleMs?: number; workers?: number };
  /** Cold index of the foreign workspace (bench/foreign.ts), the server as VS Code starts it. */
  foreignIndex?: {
    corpus: string;
    files: number;
    bytes: number;
    runs: { wallMs: number; serverMs?: number; parsed?: number; notOurs?: number; workersStarted?: number; memory?: { rssMB: number; peakMB: number }; cacheFiles: number }[];
    /** Medians over the runs: the server's own time, from spawn, RSS when indexing ended, peak. */
    serverMs?: number;
    wallMs?: number;
    rssMB?: number;
    peakMB?: number;
  };
  errors: string[];
}

export type Status = 'PASS' | 'MISS' | 'SKIP';

export interface TargetResult {
  id: string;
  description: string;
  target: string;
  actual: string;
  status: Status;
}

export interface BenchResults {
  schema: 'gbt27922-bench/1';
  timestamp: string;
  mode: 'full' | 'quick';
  durationMs: number;
  machine: Machine;
  git: { commit: string; dirty: boolean };
  seed: number;
  corpora: CorpusInfo[];
  /** The foreign corpus: every file by path, size and SHA-1, one hash over the list, and the files the prefilter passes. */
  foreign?: { hash: string; files: { source: string; path: string; bytes: number; sha1: string }[]; bytes: number; passPrefilter: string[] };
  analysis: AnalysisRow[];
  cli: CliRow[];
  lsp?: LspResults;
  hostile?: HostileResults;
  /** Export of the 5,000-line report (bench/export.ts). */
  export?: ExportRow[];
  /** Word import and clause-tag suggestions (bench/word.ts). */
  word?: WordBenchResults;
  /** The web build indexing 200 files in a web worker in Chromium (bench/web.ts). */
  web?: WebBenchResults;
  targets: TargetResult[];
  notes: string[];
}

export function machineInfo(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadStart: Math.round(os.loadavg()[0] * 100) / 100,
  };
}

export function gitInfo(cwd: string): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

// ---------------------------------------------------------------------------------------------
// Targets (issue #8). Evaluated on this run's numbers; ratios come from the same run.

export function evaluateTargets(r: BenchResults): TargetResult[] {
  const out: TargetResult[] = [];
  const big = largest(r.analysis);
  const add = (id: string, description: string, target: string, actual: number | undefined, pass: (x: number) => boolean, fmt: (x: number) => string) =>
    out.push({ id, description, target, actual: actual === undefined || !Number.isFinite(actual) ? 'not measured' : fmt(actual), status: actual === undefined || !Number.isFinite(actual) ? 'SKIP' : pass(actual) ? 'PASS' : 'MISS' });
  const x = (v: number) => `${v.toFixed(2)}×`;
  const ms = (v: number) => `${fmtMs(v)}`;

  add('analysis-vs-floor', `Cold full analysis ÷ bare remark parse (${big?.corpus ?? '—'})`, '≤ 1.30×', big?.oursOverFloor, (v) => v <= 1.3, x);
  add('analysis-vs-markdownlint', `Cold full analysis ÷ markdownlint (${big?.corpus ?? '—'})`, '≤ 1.00×', big?.oursOverMarkdownlint, (v) => v <= 1.0, x);
  const l = r.lsp;
  add('didchange-p95', `didChange → publishDiagnostics p95 (${l?.didChange ? `${l.didChange.lines}-line report` : 'big report'}, debounce off)`, '≤ 30 ms', l?.didChange?.p95, (v) => v <= 30, ms);
  add('incremental-speedup', 'Whole re-parse median ÷ didChange p95', '≥ 15×', l?.incrementalSpeedup, (v) => v >= 15, x);
  add('hover-p95', 'Hover p95', '≤ 5 ms', l?.hover?.p95, (v) => v <= 5, ms);
  add('completion-p95', 'Completion p95', '≤ 5 ms', l?.completion?.p95, (v) => v <= 5, ms);
  add('cold-index-speedup', `Cold index time, one thread (0 workers) ÷ 2 workers (${l?.coldIndex?.corpus ?? '—'})`, '≥ 1.60×', l?.coldIndex?.speedup, (v) => v >= 1.6, x);
  add('warm-reopen', `Reopen with warm disk cache, spawn → indexed, median of ${l?.warmReopenRunsMs?.length ?? 1} (${l?.coldIndex?.corpus ?? '—'})`, '≤ 2 s', l?.warmReopenMs, (v) => v <= 2000, ms);
  add('server-memory', `Server RSS with the corpus indexed, settled (${l?.coldIndex?.corpus ?? '—'})`, '≤ 300 MB', l?.memory?.settledRssMB ?? l?.memory?.rssMB, (v) => v <= 300, (v) => `${v.toFixed(0)} MB`);
  for (const e of r.export ?? []) {
    add(`export-${e.format}`, `Export the ${e.lines}-line report to .${e.format}, CLI end to end (median of ${e.reps}; ${e.overScore.toFixed(2)}× \`score\` of the same report)`, '≤ 2 s', e.wallMs.median, (v) => v <= 2000, ms);
  }
  const w = r.word;
  const pct = (v: number) => `${v.toFixed(1)} %`;
  for (const c of w?.corpus ?? []) {
    add(`suggest-top1-${c.name}`, `Suggestion top-1 on the ${c.name} corpus (${c.indicatorSections} sections about an indicator)`, '≥ 85 %', (c.top1 / c.indicatorSections) * 100, (v) => v >= 85, pct);
    add(`suggest-top3-${c.name}`, `Suggestion top-3 on the ${c.name} corpus`, '≥ 95 %', (c.top3 / c.indicatorSections) * 100, (v) => v >= 95, pct);
    add(`suggest-quiet-${c.name}`, `Sections about no indicator below the threshold (${c.name}, ${c.noneSections})`, '100 %', (c.quietNone / c.noneSections) * 100, (v) => v >= 100, pct);
  }
  add('suggest-300', `suggest on a ${w?.suggest300?.sections ?? 300}-section manual: engine + ranking (median)`, '≤ 200 ms', w?.suggest300?.ms.median, (v) => v <= 200, ms);
  add('import-100-pages', `Import of a ${w?.import100?.pages ?? '~100'}-page .docx (median, in-process)`, '≤ 3 s', w?.import100?.ms.median, (v) => v <= 3000, ms);
  add('didchange-manual-hints-p95', `didChange → diagnostics p95 in a ${w?.manualEdit?.sections ?? 300}-section untagged manual, suggestion hints on`, '≤ 30 ms', w?.manualEdit?.hintsOn.p95, (v) => v <= 30, ms);
  const web = r.web;
  add('web-index-200', `${web?.files ?? 200}-file workspace indexed by the web build's server in Chromium (web worker, no disk cache or worker threads), from the worker's start, median of ${web?.rounds.length ?? '—'}`, '≤ 3 s', web?.browserWallMs, (v) => v <= 3000, ms);
  add('server-memory-peak', `Server peak RSS while indexing (${l?.coldIndex?.corpus ?? '—'})`, '≤ 300 MB', l?.memory?.peakMB, (v) => v <= 300, (v) => `${v.toFixed(0)} MB`);
  const h = r.hostile;
  for (const c of h?.cases ?? []) {
    // The file made to run over the parse budget takes that budget by design: only its hover is held to a target.
    if (c.budgeted) {
      add(`hostile-${c.name}-time`, `check of ${c.what} (before: ${c.before})`, '≤ 5 s', c.checkMs, (v) => v <= 5000, ms);
      add(`hostile-${c.name}-memory`, `check of ${c.what}, peak RSS`, '≤ 300 MB', c.checkPeakMB, (v) => v <= 300, (v) => `${v.toFixed(0)} MB`);
    }
    add(`hostile-${c.name}-hover`, `Hover on another file while the server indexes ${c.what}, p95 (max ${fmtMs(c.hover?.max)}; first hover, waiting for the opened report's own first analysis, ${fmtMs(c.hover?.firstMs)})`, '≤ 100 ms', c.hover?.p95, (v) => v <= 100, ms);
  }
  if (h) add('loose-document-heap', `Heap kept per open/close of a document outside the workspace (${h.cycles} cycles; a workspace document: ${h.workspaceHeapPerCycleKB ?? '—'} KB)`, '≤ 2 KB', h.looseHeapPerCycleKB, (v) => v <= 2, (v) => `${v.toFixed(2)} KB`);
  // Issue 17: where there is nothing to do, next to nothing is done.
  const share = (v: number) => `${(v * 100).toFixed(2)} %`;
  add('prefilter-cost', `Prefilter ÷ our analysis, every file scanned (${big?.corpus ?? '—'}, paired per repetition)`, '≤ 2 %', big?.prefilterOverOurs, (v) => v <= 0.02, share);
  const foreign = r.analysis.find((a) => a.corpus === 'foreign');
  const floor = foreign?.floorMs.median;
  const cli = r.cli?.find((c) => c.corpus === 'foreign');
  const fi = l?.foreignIndex;
  const over = (v: number | undefined) => (v !== undefined && floor ? v / floor : undefined);
  add('foreign-check', `Foreign Markdown (${foreign?.files ?? '—'} files): whole-process \`check\` ÷ bare remark parse of the same files`, '≤ 0.10×', over(cli?.wallMs.median), (v) => v <= 0.1, (v) => `${v.toFixed(3)}× (${fmtMs(cli?.wallMs.median)} ÷ ${fmtMs(floor)})`);
  add('foreign-index', `Foreign Markdown: the server's cold index ÷ bare remark parse`, '≤ 0.10×', over(fi?.serverMs), (v) => v <= 0.1, (v) => `${v.toFixed(3)}× (${fmtMs(fi?.serverMs)} ÷ ${fmtMs(floor)}; ${fmtMs(fi?.wallMs)} from spawn)`);
  add('foreign-rss', 'Foreign Markdown: server RSS when that index ends', '≤ 100 MB', fi?.rssMB, (v) => v <= 100, (v) => `${v.toFixed(0)} MB`);
  return out;
}

/** The largest generated corpus (the foreign one has targets of its own). */
function largest(rows: AnalysisRow[]): AnalysisRow | undefined {
  return [...rows].filter((r) => r.oursMs && r.corpus !== 'foreign').sort((a, b) => b.bytes - a.bytes)[0];
}

// ---------------------------------------------------------------------------------------------
// Printing.

export function fmtMs(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (v >= 10000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 100) return `${v.toFixed(0)} ms`;
  if (v >= 10) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)} ms`;
}

export function fmtBytes(b: number): string {
  if (b >= 1e6) return `${(b / 1e6).toFixed(1)} MB`;
  return `${(b / 1e3).toFixed(1)} KB`;
}

function ratio(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '—' : `${v.toFixed(2)}×`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join(' | ') + ' |';
  return [line(header), '| ' + widths.map((w) => '-'.repeat(w)).join(' | ') + ' |', ...rows.map(line)].join('\n');
}

/** Display width: CJK and other wide characters count two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

export function renderMarkdown(r: BenchResults): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}, ${m.os}; load ${m.loadStart}→${m.loadEnd ?? '?'}`);
  out.push(`Run: ${r.timestamp} (${r.mode}), git ${r.git.commit}${r.git.dirty ? '+dirty' : ''}, seed ${r.seed}, ${(r.durationMs / 1000).toFixed(0)} s`);
  out.push('');
  out.push('Analysis in one process, same texts, interleaved file by file (medians over repetitions; ratios are paired per repetition):');
  out.push('');
  out.push(
    table(
      ['corpus', 'files', 'size', 'reps', 'remark (floor)', 'ours', 'markdownlint', 'ours/floor', 'ours/markdownlint', 'same on CPU time', 'ours: model + workspace', 'prefilter alone (÷ ours)'],
      r.analysis.map((a) => [
        a.corpus,
        String(a.files),
        fmtBytes(a.bytes),
        String(a.reps),
        fmtMs(a.floorMs.median),
        fmtMs(a.oursMs?.median),
        fmtMs(a.markdownlintMs.median),
        ratio(a.oursOverFloor),
        ratio(a.oursOverMarkdownlint),
        a.cpuOursOverFloor === undefined ? '—' : `${ratio(a.cpuOursOverFloor)} / ${ratio(a.cpuOursOverMarkdownlint)}`,
        a.oursModelMs ? `${fmtMs(a.oursModelMs.median)} + ${fmtMs(a.oursWorkspaceMs?.median)}` : '—',
        a.prefilterMs ? `${fmtMs(a.prefilterMs.median)} (${a.prefilterOverOurs !== undefined ? `${(a.prefilterOverOurs * 100).toFixed(2)} %` : '—'})` : '—',
      ]),
    ),
  );
  if (r.foreign) {
    out.push('', `Foreign corpus: ${r.foreign.files.length} README/docs files of node_modules, ${fmtBytes(r.foreign.bytes)}, sha256 ${r.foreign.hash} (every file's path and SHA-1 in the JSON); passing the prefilter: ${r.foreign.passPrefilter.join(', ') || 'none'}.`);
  }
  if (r.cli.length) {
    out.push('', 'CLI end to end (`node dist/cli.js check <dir> --format json`, a fresh process):', '');
    out.push(table(['corpus', 'files', 'size', 'wall (median)', 'peak RSS', 'exit', 'problems'], r.cli.map((c) => [c.corpus, String(c.files), fmtBytes(c.bytes), fmtMs(c.wallMs.median), c.peakRssMB ? `${c.peakRssMB.toFixed(0)} MB` : '—', String(c.exitCode), c.problems === undefined ? '—' : String(c.problems)])));
  }
  const h = r.hostile;
  if (h) {
    out.push('', `A hostile repository (test/fixtures/hostile): \`check\` of each case beside an ordinary manual (the manual alone: ${fmtMs(h.baselineCheckMs)}, ${h.baselineCheckPeakMB} MB), and hovers on another file while the server indexes it:`, '');
    out.push(
      table(
        ['case', 'size', 'before', 'check', '× baseline', 'peak RSS', 'reported', 'hover p95 / max'],
        h.cases.map((c) => [c.what, fmtBytes(c.bytes), c.before, fmtMs(c.checkMs), `${(c.checkMs / h.baselineCheckMs).toFixed(2)}×`, `${c.checkPeakMB} MB`, c.codes.join(', ') || '—', c.hover ? `${fmtMs(c.hover.p95)} / ${fmtMs(c.hover.max)} (${c.hover.n})` : '—']),
      ),
    );
    if (h.looseHeapPerCycleKB !== undefined) out.push('', `Heap kept per open/close cycle over ${h.cycles} cycles: a document outside the workspace folders ${h.looseHeapPerCycleKB} KB, a workspace document ${h.workspaceHeapPerCycleKB} KB.`);
  }
  if (r.export?.length) {
    out.push('', 'Export of the big report (`node dist/cli.js export <report> --format …`, a fresh process; baseline `score` of the same report, interleaved):', '');
    out.push(table(['format', 'report', 'wall (median)', 'p95', 'CPU (median)', 'score: wall / CPU', 'export ÷ score', 'file', 'exit'], r.export.map((e) => [e.format, `${e.lines} lines`, fmtMs(e.wallMs.median), fmtMs(e.wallMs.p95), fmtMs(e.cpuMs?.median), `${fmtMs(e.scoreMs.median)} / ${fmtMs(e.scoreCpuMs?.median)}`, ratio(e.overScore), fmtBytes(e.outputBytes), String(e.exitCode)])));
  }
  const l = r.lsp;
  if (l) {
    out.push('', `Language server over stdio (${l.serverBundle}, initializationOptions ${JSON.stringify(l.initializationOptions)}):`, '');
    const rows: string[][] = [];
    if (l.didChange) rows.push([`didChange → diagnostics (${l.didChange.lines} lines, ${fmtBytes(l.didChange.bytes)}, ${l.didChange.edits} edits)`, fmtMs(l.didChange.median), fmtMs(l.didChange.p95), fmtMs(l.didChange.max), String(l.didChange.failures)]);
    if (l.didChangeServerCpuMs) rows.push(['  of which the server main thread on a CPU', fmtMs(l.didChangeServerCpuMs.median), fmtMs(l.didChangeServerCpuMs.p95), fmtMs(l.didChangeServerCpuMs.max), '']);
    if (l.didChangeRunqueueMs) rows.push(['  and waiting for a CPU (other load)', fmtMs(l.didChangeRunqueueMs.median), fmtMs(l.didChangeRunqueueMs.p95), fmtMs(l.didChangeRunqueueMs.max), '']);
    if (l.wholeReparseMs) rows.push(['whole re-parse of that file (parseDocument, in-process)', fmtMs(l.wholeReparseMs.median), fmtMs(l.wholeReparseMs.p95), fmtMs(l.wholeReparseMs.max), '']);
    if (l.wholeRemarkMs) rows.push(['bare remark parse of that file (in-process)', fmtMs(l.wholeRemarkMs.median), fmtMs(l.wholeRemarkMs.p95), fmtMs(l.wholeRemarkMs.max), '']);
    if (l.openMs !== undefined) rows.push(['didOpen → first diagnostics (full parse in the server)', fmtMs(l.openMs), '', '', '']);
    if (l.hover) rows.push([`hover (${l.hover.n})`, fmtMs(l.hover.median), fmtMs(l.hover.p95), fmtMs(l.hover.max), String(l.hover.failures)]);
    if (l.completion) rows.push([`completion (${l.completion.n})`, fmtMs(l.completion.median), fmtMs(l.completion.p95), fmtMs(l.completion.max), String(l.completion.failures)]);
    out.push(table(['measure', 'p50', 'p95', 'max', 'failures'], rows));
    if (l.coldIndex || l.memory || l.foreignIndex) {
      out.push('');
      const c = l.coldIndex;
      const rows2: string[][] = [];
      if (c) {
        // One row per configuration: the server time of every round, and the CPU and memory of
        // the run whose time is the median.
        const configOf = (r: (typeof c.runs)[number]) => `${r.workers}|${r.defaultGc ? 1 : 0}`;
        for (const cfg of new Set(c.runs.map(configOf))) {
          const runs = c.runs.filter((r) => configOf(r) === cfg);
          const sorted = [...runs].sort((x, y) => (x.serverMs ?? x.wallMs) - (y.serverMs ?? y.wallMs));
          const run = sorted[Math.floor(sorted.length / 2)];
          const label = `cold index, ${run.workers} worker${run.workers === 1 ? '' : 's'}${run.defaultGc ? ", V8's default GC" : ''} (${c.corpus}: ${c.files} files, ${fmtBytes(c.bytes)})`;
          const each = runs.length > 1 ? ` (median of ${runs.map((r) => fmtMs(r.serverMs ?? r.wallMs)).join(', ')})` : '';
          rows2.push([
            label,
            `${fmtMs(run.serverMs)} in the server${each}, ${fmtMs(run.wallMs)} from spawn${run.cpuMs !== undefined ? `, CPU ${fmtMs(run.cpuMs)} (${(run.cpuMs / run.wallMs).toFixed(2)} cores busy${run.threadCpu ? `: main ${fmtMs(run.threadCpu.mainMs)}, workers ${run.threadCpu.workersMs.map(fmtMs).join(' + ') || '—'}, other ${fmtMs(run.threadCpu.helpersMs)}; waited for a CPU ${fmtMs(run.threadCpu.runqueueMs)}` : ''})` : ''}${run.chunks !== undefined ? `, ${run.chunks} chunks` : ''}${run.memory ? `, RSS ${run.memory.rssMB.toFixed(0)} MB (peak ${run.memory.peakMB.toFixed(0)} MB)` : ''}`,
          ]);
        }
        if (c.serverNodeArgs !== undefined) rows2.push(['server started with', c.serverNodeArgs ? `node ${c.serverNodeArgs}` : 'node (no arguments)']);
        rows2.push([`speed-up one thread (0 workers) → 2 workers (server times${c.speedupRounds && c.speedupRounds.length > 1 ? ', paired per round, median' : ''})`, `${ratio(c.speedup)}${c.speedupRounds && c.speedupRounds.length > 1 ? ` (rounds: ${c.speedupRounds.map(ratio).join(', ')})` : ''}`]);
        rows2.push(['speed-up 1 → 2 workers (server times)', ratio(c.speedup1to2)]);
        if (c.workers0DefaultGcMs !== undefined) {
          rows2.push([`speed-up one thread under V8's defaults (no ${c.serverNodeArgs}) → 2 workers`, `${fmtMs(c.workers0DefaultGcMs)} → ${fmtMs(c.workers2Ms)}: ${ratio(c.speedupVsDefaultGc)}`]);
        }
      }
      if (l.warmReopenMs !== undefined) {
        const ph = l.warmReopenPhases;
        rows2.push([
          `reopen, disk cache warm (median of ${l.warmReopenRunsMs?.map(fmtMs).join(', ') ?? '1'})`,
          `${fmtMs(l.warmReopenMs)} from spawn (${fmtMs(l.warmReopenServerMs)} in the server${ph ? `: disk cache ${fmtMs(ph.diskCache)}, discovery ${fmtMs(ph.discover)}, files ${fmtMs(ph.files)}, diagnostics ${fmtMs(ph.publish)}` : ''})${l.warmReopenMemory ? `, RSS ${l.warmReopenMemory.rssMB.toFixed(0)} MB` : ''}`,
        ]);
      }
      const f = l.foreignIndex;
      if (f?.runs.length) {
        const each = f.runs.map((x) => fmtMs(x.serverMs ?? x.wallMs)).join(', ');
        const last = f.runs[f.runs.length - 1];
        rows2.push([
          `cold index of the foreign corpus (${f.files} files, ${fmtBytes(f.bytes)}), as VS Code starts the server`,
          `${fmtMs(f.serverMs)} in the server (median of ${each}), ${fmtMs(f.wallMs)} from spawn; ${last.parsed ?? '?'} parsed, ${last.notOurs ?? '?'} not ours, ${last.workersStarted ?? '?'} worker(s) started, ${last.cacheFiles} disk cache file(s); RSS ${f.rssMB?.toFixed(0) ?? '—'} MB (peak ${f.peakMB?.toFixed(0) ?? '—'} MB)`,
        ]);
      }
      if (l.memory) rows2.push([`server RSS with the corpus indexed (${l.memory.workers ?? '?'} workers): at the end of indexing / after ${((l.memory.settleMs ?? 0) / 1000).toFixed(0)} s idle / peak (VmHWM)`, `${l.memory.rssMB.toFixed(0)} MB / ${l.memory.settledRssMB?.toFixed(0) ?? '—'} MB / ${l.memory.peakMB.toFixed(0)} MB`]);
      out.push(table(['workspace', 'value'], rows2));
    }
    if (l.errors.length) out.push('', 'LSP errors:', ...l.errors.map((e) => `- ${e}`));
  }
  if (r.word) out.push('', ...renderWord(r.word));
  if (r.web) out.push('', ...renderWeb(r.web));
  out.push('', 'Targets (issue #8, issue 13):', '');
  out.push(table(['', 'target', 'goal', 'this run'], r.targets.map((t) => [t.status, t.description, t.target, t.actual])));
  if (r.notes.length) out.push('', 'Notes:', ...r.notes.map((n) => `- ${n}`));
  return out.join('\n');
}

function renderWord(w: WordBenchResults): string[] {
  const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)} % (${n}/${d})` : '—');
  const out = ['Clause-tag suggestions on the corpus (test/fixtures/suggest; dev tuned on, holdout never, fresh written after the keywords were frozen):', ''];
  out.push(
    table(
      ['corpus', 'sections', 'top-1', 'top-3', 'about nothing, below threshold', 'confident and right', '--apply exact', '--apply wrong tags'],
      w.corpus.map((c) => [c.name, String(c.sections), pct(c.top1, c.indicatorSections), pct(c.top3, c.indicatorSections), `${c.quietNone}/${c.noneSections}`, pct(c.confidentRight, c.indicatorSections), `${c.appliedExact}/${c.sections}`, String(c.appliedWrong)]),
    ),
  );
  const rows: string[][] = [];
  if (w.suggest300) rows.push([`suggest, ${w.suggest300.sections} sections (${fmtBytes(w.suggest300.bytes)}): engine built + every section ranked`, fmtMs(w.suggest300.ms.median), `the parse before it ${fmtMs(w.suggest300.parseMs.median)}: ${ratio(w.suggest300.ratio)} of it`]);
  if (w.import100) rows.push([`import, ${w.import100.pages ?? '?'} pages (${fmtBytes(w.import100.bytes)}, ${w.import100.sections} headings), in-process`, fmtMs(w.import100.ms.median), `mammoth alone ${fmtMs(w.import100.mammothMs.median)}: ${ratio(w.import100.ratio)}; CLI end to end ${fmtMs(w.import100.cliMs)}`]);
  if (w.manualEdit) rows.push([`typing in that manual (${w.manualEdit.edits} edits, ${w.manualEdit.hints} hints shown): didChange p95`, fmtMs(w.manualEdit.hintsOn.p95), `hints off ${fmtMs(w.manualEdit.hintsOff.p95)}: ${ratio(w.manualEdit.ratio)} (p50 ${fmtMs(w.manualEdit.hintsOn.median)} vs ${fmtMs(w.manualEdit.hintsOff.median)})`]);
  if (rows.length) out.push('', table(['Word import and suggestions', 'median / p95', 'baseline in the same run'], rows));
  if (w.errors.length) out.push('', ...w.errors.map((e) => `- ${e}`));
  return out;
}

/** Write bench-results/<timestamp>.json and bench-results/latest.json; returns the timestamped path. */
export function saveResults(r: BenchResults, repoRoot: string): string {
  const dir = path.join(repoRoot, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const name = `${r.timestamp.replace(/[:.]/g, '-')}${r.mode === 'quick' ? '-quick' : ''}.json`;
  const json = JSON.stringify(r, null, 2) + '\n';
  writeFileSync(path.join(dir, name), json);
  writeFileSync(path.join(dir, 'latest.json'), json);
  writeFileSync(path.join(dir, 'latest.md'), renderMarkdown(r) + '\n');
  return path.join(dir, name);
}

function renderWeb(w: WebBenchResults): string[] {
  const rows = w.rounds.map((r, i) => [String(i + 1), fmtMs(r.browserMs), fmtMs(r.browserWallMs), fmtMs(r.nodeMs), ratio(r.browserMs / r.nodeMs), String(r.requests), String(r.diagnosedFiles)]);
  rows.push(['median', fmtMs(w.browserMs), fmtMs(w.browserWallMs), fmtMs(w.nodeMs), ratio(w.overNode), '', '']);
  const out = [
    `The web build (dist/browser/server.js) in a web worker in Chromium ${w.chromium}, ${w.corpus}: ${w.files} files, ${fmtBytes(w.bytes)}, read through the client's file requests; no disk cache, no worker threads. Baseline: the Node server on the same files, also one thread, no disk cache.`,
    '',
    table(['round', 'web worker (server)', 'web worker (from its start)', 'Node, one thread', 'web ÷ Node', 'file requests', 'files with problems'], rows),
  ];
  if (w.errors.length) out.push('', 'Web errors:', ...w.errors.map((e) => `- ${e}`));
  return out;
}
