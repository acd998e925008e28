/**
 * `npm run bench [-- --quick] [-- --check]`: generate the corpora (fixed seed) and measure, in
 * one run, side by side:
 *   1. on the same texts, interleaved file by file, each tool bundled and in its own worker
 *      thread (bench/isolated.ts): the bare remark parse (the floor), our full analysis
 *      (parse → model → coverage → score) and markdownlint;
 *   2. the CLI end to end on a corpus;
 *   3. the bundled language server over stdio (bench/lsp.ts): didChange → publishDiagnostics
 *      on the 5,000-line report, hover and completion latency, cold indexing with 1 and 2
 *      workers, reopening with the disk cache warm, peak memory;
 *   4. `gbt27922 export` of the 5,000-line report to .docx and .xlsx (bench/export.ts);
 *   5. a hostile repository against its budget (bench/hostile.ts): each case of expensive
 *      Markdown through `check` (≤ 5 s, ≤ 300 MB) and the server (hover ≤ 100 ms meanwhile),
 *      and the heap kept per open/close of a document outside the workspace;
 *   6. a corpus of foreign Markdown (bench/foreign.ts: the README/docs files of node_modules):
 *      the floor in-process, `check` as a whole process, the server's cold index and its RSS;
 *      and the prefilter's share of our analysis on the generated corpora (every file passes).
 * Prints a table with ratios and PASS/MISS per target, saves bench-results/<timestamp>.json and
 * bench-results/latest.json. Exits 0 unless something crashed (`--check`: misses exit 1).
 *
 *   5. the web build's server in a web worker in Chromium indexing 200 files (bench/web.ts).
 * Options: --quick (small corpora, a smoke run under a minute), --check, --skip-lsp, --skip-cli,
 * --skip-analysis, --skip-export, --skip-word (the import and suggestion rows of bench/word.ts), --only-word, --skip-hostile, --only-hostile (the hostile repository alone), --only-foreign (the rows of
 * issue 17 alone: the foreign corpus's floor, `check` and the server's cold index and RSS, and the prefilter's cost on c100 and c2000), --skip-web, --only-web (the web build alone), --reps=N (multiplies repetitions), --seed=N, --index-workers=0,1,2 (worker
 * counts for cold indexing; the speed-up target is 0 ÷ 2, one thread against two workers),
 * --cold-rounds=N (rounds of cold indexing, every worker count once per round; 3, --quick 1), --profile (V8 CPU profiles of our analysis
 * and of the server under bench-results/prof/, summarised with `tsx bench/profile.ts <files>`),
 * --server-node-options='<flags>' (NODE_OPTIONS of the server, for experiments), --server-v8-flags='<flags>' (V8 flags on the server's
 * node command line: NODE_OPTIONS refuses most V8 flags), --server-parse-memory-mb=N (the parse workers' heap, default 256).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BENCH_ROOT, generateCorpus, generateLargeReport, writeCorpus, type CorpusSpec, type WrittenCorpus } from './corpus';
import { evaluateTargets, fmtBytes, fmtMs, gitInfo, machineInfo, renderMarkdown, saveResults, type AnalysisRow, type BenchResults, type CliRow, type CorpusInfo } from './report';
import { median, round, summarize } from './stats';
import { IsolatedTool, type ToolName } from './isolated';
import { createOurs } from './ours';
import { runLsp } from './lsp';
import { runHostile } from './hostile';
import { measureExport } from './export';
import { writeForeignCorpus } from './foreign';
import { mayBeOurs } from '../server/src/model/prefilter';
import { defaultScheme } from '../server/src/scheme/loader';
import { runWordBench } from './word';
import { runWebBench } from './web';
import { profileOurs, renderProfile, summarizeProfiles } from './profile';

export const REPO_ROOT = path.resolve(__dirname, '..');

interface Options {
  quick: boolean;
  check: boolean;
  skipLsp: boolean;
  skipCli: boolean;
  skipAnalysis: boolean;
  skipHostile: boolean;
  skipExport: boolean;
  skipWord: boolean;
  /** Not the web build's indexing in Chromium (bench/web.ts). */
  skipWeb: boolean;
  /** Only the foreign corpus and the prefilter's cost (issue 17). */
  onlyForeign: boolean;
  repsFactor: number;
  seed: number;
  /** Write CPU profiles (bench-results/prof/): our analysis in-process, and the server. */
  profile: boolean;
  /** Worker counts for cold indexing. */
  indexWorkers: number[];
  coldRounds?: number;
  /** NODE_OPTIONS for the server process (experiments, e.g. V8 heap flags). */
  serverNodeOptions?: string;
  serverV8Flags?: string;
  /** The parse workers' heap, MB (experiments: the cap's effect on peak memory). */
  serverParseMemoryMB?: number;
}

type Section = 'analysis' | 'cli' | 'lsp' | 'hostile' | 'export' | 'word' | 'web';

/** The sections each `--only-…` keeps (the foreign rows live in the analysis, CLI and server sections). */
const ONLY: Record<string, Section[]> = {
  'only-hostile': ['hostile'],
  'only-word': ['word'],
  'only-web': ['web'],
  'only-foreign': ['analysis', 'cli', 'lsp'],
};

function parseArgs(argv: string[]): Options {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const only = Object.entries(ONLY).filter(([name]) => flag(name)).flatMap(([, kept]) => kept);
  const skip = (section: Section) => flag(`skip-${section}`) || (only.length > 0 && !only.includes(section));
  return {
    quick: flag('quick'),
    check: flag('check'),
    skipLsp: skip('lsp'),
    skipCli: skip('cli'),
    skipAnalysis: skip('analysis'),
    skipHostile: skip('hostile'),
    skipExport: skip('export'),
    skipWord: skip('word'),
    skipWeb: skip('web'),
    onlyForeign: flag('only-foreign'),
    repsFactor: Number(value('reps') ?? 1),
    seed: Number(value('seed') ?? 27922),
    profile: flag('profile'),
    serverNodeOptions: argv.find((a) => a.startsWith('--server-node-options='))?.slice('--server-node-options='.length),
    serverV8Flags: argv.find((a) => a.startsWith('--server-v8-flags='))?.slice('--server-v8-flags='.length),
    serverParseMemoryMB: value('server-parse-memory-mb') === undefined ? undefined : Number(value('server-parse-memory-mb')),
    indexWorkers: (value('index-workers') ?? '0,1,2').split(',').map(Number).filter((n) => Number.isInteger(n) && n >= 0),
    coldRounds: value('cold-rounds') === undefined ? undefined : Math.max(1, Math.floor(Number(value('cold-rounds'))) || 1),
  };
}

export function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

interface Plan {
  corpora: (CorpusSpec & { reps: number })[];
  /** Repetitions of the in-process analysis of the 5,000-line report. */
  reportReps: number;
  /** Corpus for cold indexing and memory. */
  indexCorpus: string;
  /** Corpora for the CLI end to end. */
  cliCorpora: string[];
  /** Repetitions of the in-process analysis and of the CLI on the foreign corpus. */
  foreignReps: number;
  /** CLI runs per corpus (the 2,000-file corpus runs once). */
  cliReps: number;
  edits: number;
  requests: number;
}

function plan(o: Options): Plan {
  const seed = o.seed;
  const r = (n: number) => Math.max(1, Math.round(n * o.repsFactor));
  if (o.quick) {
    // A smoke run for CI (< 1 min with the build): every measure once or twice, small corpora.
    return {
      corpora: [
        { name: 'c1', files: 1, bytes: 15_000, seed, reps: r(5) },
        { name: 'c10', files: 10, bytes: 100_000, seed, reps: r(3) },
        { name: 'c100', files: 100, bytes: 1_000_000, seed, reps: r(1) },
      ],
      reportReps: r(1),
      indexCorpus: 'c100',
      cliCorpora: ['c100'],
      cliReps: 1,
      foreignReps: r(1),
      edits: 40,
      requests: 100,
    };
  }
  return {
    corpora: [
      { name: 'c1', files: 1, bytes: 15_000, seed, reps: r(20) },
      { name: 'c10', files: 10, bytes: 100_000, seed, reps: r(10) },
      { name: 'c100', files: 100, bytes: 1_000_000, seed, reps: r(5) },
      { name: 'c2000', files: 2000, bytes: 20_000_000, seed, reps: r(1) },
    ],
    reportReps: r(5),
    indexCorpus: 'c2000',
    cliCorpora: ['c100', 'c2000'],
    cliReps: 3,
    foreignReps: r(3),
    edits: 200,
    requests: 300,
  };
}

// ---------------------------------------------------------------------------------------------
// In-process analysis: floor vs ours vs markdownlint.

interface Texts {
  /** Relative paths and texts. */
  files: { path: string; text: string }[];
  dir: string;
}

/**
 * One corpus, `reps` times: the three tools in their own worker threads (bench/isolated.ts),
 * driven file by file in turn — the order rotates per file and repetition — so load on the
 * machine falls on all three alike while none shares JIT state or heap with another.
 */
async function measureAnalysis(name: string, corpus: Texts, reps: number, tools: Map<ToolName, IsolatedTool>): Promise<AnalysisRow> {
  const names = [...tools.keys()];
  const hasOurs = tools.has('ours');
  const per: Record<ToolName, number[]> = { floor: [], ours: [], markdownlint: [], prefilter: [] };
  const oursModel: number[] = [];
  const oursWorkspace: number[] = [];
  const ratioFloor: number[] = [];
  const ratioMdl: number[] = [];
  const ratioMdlFloor: number[] = [];
  const cpuRatioFloor: number[] = [];
  const cpuRatioMdl: number[] = [];
  const ratioPrefilter: number[] = [];
  for (const t of tools.values()) await t.load(corpus.files);
  for (let rep = 0; rep < reps; rep++) {
    const sum: Record<ToolName, number> = { floor: 0, ours: 0, markdownlint: 0, prefilter: 0 };
    const cpu: Record<ToolName, number> = { floor: 0, ours: 0, markdownlint: 0, prefilter: 0 };
    for (const t of tools.values()) {
      await t.gc();
      await t.begin(corpus.dir);
    }
    for (let i = 0; i < corpus.files.length; i++) {
      for (let k = 0; k < names.length; k++) {
        const tool = names[(i + rep + k) % names.length];
        const step = await tools.get(tool)!.add(i);
        sum[tool] += step.ms;
        cpu[tool] += step.cpuMs;
      }
    }
    if (hasOurs) {
      oursModel.push(sum.ours);
      const step = await tools.get('ours')!.finish();
      oursWorkspace.push(step.ms);
      sum.ours += step.ms;
      cpu.ours += step.cpuMs;
    }
    for (const tool of names) per[tool].push(sum[tool]);
    if (hasOurs) {
      ratioFloor.push(sum.ours / sum.floor);
      ratioMdl.push(sum.ours / sum.markdownlint);
      cpuRatioFloor.push(cpu.ours / cpu.floor);
      cpuRatioMdl.push(cpu.ours / cpu.markdownlint);
      if (tools.has('prefilter')) ratioPrefilter.push(sum.prefilter / sum.ours);
    }
    ratioMdlFloor.push(sum.markdownlint / sum.floor);
    log(`  ${name} rep ${rep + 1}/${reps}: floor ${fmtMs(sum.floor)}, ${hasOurs ? `ours ${fmtMs(sum.ours)}, ` : ''}markdownlint ${fmtMs(sum.markdownlint)}${tools.has('prefilter') ? `, prefilter ${fmtMs(sum.prefilter)}` : ''}`);
  }
  const bytes = corpus.files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const finite = (xs: number[]) => xs.filter(Number.isFinite);
  return {
    corpus: name,
    files: corpus.files.length,
    bytes,
    reps,
    floorMs: summarize(per.floor),
    markdownlintMs: summarize(per.markdownlint),
    oursMs: hasOurs ? summarize(per.ours) : undefined,
    oursModelMs: hasOurs ? summarize(oursModel) : undefined,
    oursWorkspaceMs: hasOurs ? summarize(oursWorkspace) : undefined,
    oursOverFloor: hasOurs ? round(median(ratioFloor)) : undefined,
    oursOverMarkdownlint: hasOurs ? round(median(ratioMdl)) : undefined,
    markdownlintOverFloor: round(median(ratioMdlFloor)),
    cpuOursOverFloor: hasOurs && finite(cpuRatioFloor).length ? round(median(finite(cpuRatioFloor))) : undefined,
    cpuOursOverMarkdownlint: hasOurs && finite(cpuRatioMdl).length ? round(median(finite(cpuRatioMdl))) : undefined,
    prefilterMs: tools.has('prefilter') ? summarize(per.prefilter) : undefined,
    prefilterOverOurs: finite(ratioPrefilter).length ? Math.round(median(finite(ratioPrefilter)) * 10000) / 10000 : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// CLI end to end.

async function measureCli(c: WrittenCorpus, reps: number, distDir: string): Promise<CliRow | undefined> {
  const cli = path.join(distDir, 'cli.js');
  if (!existsSync(cli)) return undefined;
  const walls: number[] = [];
  let exitCode: number | null = null;
  let problems: number | undefined;
  let peak = 0;
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    const res = await runChild(process.execPath, [cli, 'check', c.dir, '--format', 'json'], c.dir);
    walls.push(performance.now() - t);
    exitCode = res.code;
    peak = Math.max(peak, res.maxRssMB);
    problems = countCliProblems(res.stdout);
    log(`  cli ${c.name} run ${i + 1}/${reps}: ${fmtMs(walls[walls.length - 1])}, exit ${res.code}${res.stderr ? `, stderr: ${res.stderr.slice(0, 200)}` : ''}`);
  }
  return { corpus: c.name, files: c.files.length, bytes: c.bytes, wallMs: summarize(walls), peakRssMB: peak || undefined, exitCode, problems };
}

function countCliProblems(stdout: string): number | undefined {
  try {
    const data = JSON.parse(stdout) as unknown;
    let n = 0;
    const walk = (x: unknown, key?: string) => {
      if (Array.isArray(x)) {
        if (key === 'problems' || key === 'diagnostics') n += x.length;
        else for (const y of x) walk(y);
      } else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, k);
    };
    walk(data);
    return n;
  } catch {
    return undefined;
  }
}

/** Preloaded into the child: prints its own peak RSS (getrusage maxRSS, KB) on exit. */
const MAXRSS_HOOK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n@@maxrss '+process.resourceUsage().maxRSS+'\\n'))`;

/** Run `node <args>` to completion with the peak-RSS hook; stdout/stderr collected. */
function runChild(node: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string; maxRssMB: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, ['--import', MAXRSS_HOOK, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const m = /@@maxrss (\d+)/.exec(stderr);
      stderr = stderr.replace(/\n?@@maxrss \d+\n?/, '').trim();
      resolve({ code, stdout, stderr, maxRssMB: m ? Number(m[1]) / 1024 : 0 });
    });
  });
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const p = plan(o);
  const machine = machineInfo();
  log(`${o.quick ? 'quick' : 'full'} run on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGB} GB, Node ${machine.node}; load ${machine.loadStart}`);
  if (!(globalThis as { gc?: unknown }).gc) log('note: run with --expose-gc for steadier numbers (npm run bench does)');

  // Corpora.
  const written: WrittenCorpus[] = [];
  for (const spec of p.corpora) {
    const t = Date.now();
    const w = writeCorpus(spec.name, generateCorpus(spec));
    written.push(w);
    log(`corpus ${spec.name}: ${w.files.length} files, ${fmtBytes(w.bytes)} (${Date.now() - t} ms) → ${w.dir}`);
  }
  const reportText = generateLargeReport(o.seed, 5000);
  const report = writeCorpus('report5000', [{ path: '审核报告-5000行.md', text: reportText }]);
  written.push(report);
  log(`corpus report5000: 5000 lines, ${fmtBytes(report.bytes)} → ${report.dir}`);
  const foreign = writeForeignCorpus(REPO_ROOT);
  written.push(foreign.corpus);
  const foreignPass = foreign.corpus.files.filter((f) => mayBeOurs(f.text, defaultScheme())).map((f) => f.path);
  log(`corpus foreign: ${foreign.files.length} README/docs files of node_modules, ${fmtBytes(foreign.corpus.bytes)}, ${foreignPass.length} pass the prefilter (sha256 ${foreign.hash.slice(0, 16)}) → ${foreign.corpus.dir}`);
  const corpora: CorpusInfo[] = written.map((w) => ({ name: w.name, files: w.files.length, bytes: w.bytes, lines: w.files.reduce((n, f) => n + f.text.split('\n').length - (f.text.endsWith('\n') ? 1 : 0), 0), dir: w.dir }));

  const results: BenchResults = {
    schema: 'gbt27922-bench/1',
    timestamp: new Date().toISOString(),
    mode: o.quick ? 'quick' : 'full',
    durationMs: 0,
    machine,
    git: gitInfo(REPO_ROOT),
    seed: o.seed,
    corpora,
    foreign: { hash: foreign.hash, files: foreign.files, bytes: foreign.corpus.bytes, passPrefilter: foreignPass },
    analysis: [],
    cli: [],
    targets: [],
    notes: [],
  };

  // Run the server and the CLI from a copy of dist/ taken now: others may rebuild dist/ during
  // a long run, and the disk cache is keyed by the bundle's hash.
  const distDir = snapshotDist();
  results.notes.push(`Server and CLI run from a snapshot of dist/ taken at the start (server.js sha1 ${bundleHash(path.join(distDir, 'server.js'))}).`);
  const ours = await createOurs();
  if (!ours) results.notes.push('Our analysis (server/src/model) is not available yet: only the floor and markdownlint were measured in-process.');

  if (o.onlyForeign) results.notes.push('--only-foreign: only the rows of issue 17 were measured (the foreign corpus, and the prefilter on the generated corpora of 100 files and more).');

  // 1. In-process analysis, each tool in its own worker thread.
  if (!o.skipAnalysis) {
    const byName = new Map(written.map((w) => [w.name, w]));
    const tools = new Map<ToolName, IsolatedTool>();
    tools.set('floor', await IsolatedTool.start('floor'));
    if (ours) {
      try {
        tools.set('ours', await IsolatedTool.start('ours'));
      } catch (e) {
        results.notes.push(`Our analysis could not be bundled: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
    }
    tools.set('markdownlint', await IsolatedTool.start('markdownlint'));
    if (ours) tools.set('prefilter', await IsolatedTool.start('prefilter'));
    try {
      // Warm-up (JIT) on the 10-file corpus, not recorded.
      log('warm-up');
      await measureAnalysis('warm-up', byName.get('c10')!, 2, tools);
      // --only-foreign: the generated corpora of 100 files and more (the prefilter's cost), then the foreign one.
      const generated = p.corpora.filter((c) => !o.onlyForeign || c.files >= 100).map((c) => ({ name: c.name, reps: c.reps }));
      const order = [...generated, ...(o.onlyForeign ? [] : [{ name: 'report5000', reps: p.reportReps }]), { name: 'foreign', reps: p.foreignReps }];
      for (const { name, reps } of order) {
        log(`analysis ${name} × ${reps}`);
        results.analysis.push(await measureAnalysis(name, byName.get(name)!, reps, tools));
      }
    } finally {
      for (const t of tools.values()) await t.stop();
    }
  }

  // 2. CLI.
  if (!o.skipCli) {
    for (const name of o.onlyForeign ? [] : p.cliCorpora) {
      const c = written.find((w) => w.name === name)!;
      const row = await measureCli(c, name === 'c2000' ? 1 : p.cliReps, distDir);
      if (row) results.cli.push(row);
      else {
        results.notes.push('dist/cli.js not built: CLI not measured.');
        break;
      }
    }
    const row = await measureCli(foreign.corpus, p.foreignReps, distDir);
    if (row) results.cli.push(row);
  }

  // 2b. Export of the 5,000-line report (docx, xlsx), against `score` of the same report.
  if (!o.skipExport) {
    results.export = measureExport(report, distDir, o.quick ? 1 : 3, log);
    if (results.export.length === 0) results.notes.push('dist/cli.js or dist/export.js not built: export not measured.');
  }

  // 3. Language server.
  if (o.serverNodeOptions) results.notes.push(`Server run with NODE_OPTIONS=${o.serverNodeOptions}`);
  if (o.serverV8Flags) results.notes.push(`Server run with V8 flags ${o.serverV8Flags} (node command line)`);
  if (o.serverParseMemoryMB !== undefined) results.notes.push(`Server run with parseMemoryMB ${o.serverParseMemoryMB} (the parse workers' heap)`);
  if (!o.skipLsp) {
    results.lsp = await runLsp({
      repoRoot: REPO_ROOT,
      distDir,
      report,
      indexCorpus: written.find((w) => w.name === p.indexCorpus)!,
      foreignCorpus: foreign.corpus,
      foreignRounds: o.quick ? 1 : 3,
      onlyForeign: o.onlyForeign,
      edits: p.edits,
      requests: p.requests,
      ours,
      log,
      indexWorkers: o.indexWorkers,
      coldRounds: o.coldRounds ?? (o.quick ? 1 : 3),
      settleMs: o.quick ? 2000 : 10_000,
      serverNodeOptions: o.serverNodeOptions,
      serverV8Flags: o.serverV8Flags,
      serverParseMemoryMB: o.serverParseMemoryMB,
      profileDir: o.profile ? path.join(REPO_ROOT, 'bench-results', 'prof') : undefined,
    });
  }

  // 3b. Word import and clause-tag suggestions.
  if (!o.skipWord) results.word = await runWordBench({ distDir, log, quick: o.quick });

  // 3c. A hostile repository against its budget.
  if (!o.skipHostile) {
    log('hostile repository');
    results.hostile = await runHostile({ distDir, runChild, log, cycles: o.quick ? 300 : 1000 });
  }

  // 3d. The web build: 200 files indexed by the server in a web worker, in Chromium.
  if (!o.skipWeb) {
    results.web = await runWebBench({ distDir, seed: o.seed, rounds: o.quick ? 1 : 3, log });
    if (!results.web) results.notes.push('The web worker index was not measured (no dist/browser/server.js or no Chromium).');
  }

  // 4. Profiles: our analysis alone on the largest corpus, and the server's (written on exit).
  if (o.profile && ours) {
    const big = written.filter((w) => p.corpora.some((c) => c.name === w.name)).sort((a, b) => b.bytes - a.bytes)[0];
    const dir = path.join(REPO_ROOT, 'bench-results', 'prof');
    const file = await profileOurs(ours, big, dir);
    results.notes.push(`CPU profile of our in-process analysis of ${big.name}: ${path.relative(REPO_ROOT, file)}`);
    log(`profile of our analysis of ${big.name} → ${path.relative(REPO_ROOT, file)}`);
    process.stderr.write(renderProfile(summarizeProfiles([file], { repoRoot: REPO_ROOT }), 25) + '\n');
  }

  results.machine.loadEnd = Math.round(os.loadavg()[0] * 100) / 100;
  results.durationMs = Date.now() - started;
  results.targets = evaluateTargets(results);
  const file = saveResults(results, REPO_ROOT);
  process.stdout.write('\n' + renderMarkdown(results) + '\n\n');
  log(`saved ${path.relative(REPO_ROOT, file)} and bench-results/latest.json in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const misses = results.targets.filter((t) => t.status === 'MISS').length;
  return o.check && misses > 0 ? 1 : 0;
}

function snapshotDist(): string {
  const src = path.join(REPO_ROOT, 'dist');
  const dir = path.join(BENCH_ROOT, 'dist-snapshot');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (existsSync(src)) for (const f of readdirSync(src)) if (/\.(js|map)$/.test(f)) copyFileSync(path.join(src, f), path.join(dir, f));
  // the web build's server (bench/web.ts)
  const browser = path.join(src, 'browser', 'server.js');
  if (existsSync(browser)) {
    mkdirSync(path.join(dir, 'browser'), { recursive: true });
    copyFileSync(browser, path.join(dir, 'browser', 'server.js'));
  }
  return dir;
}

function bundleHash(file: string): string {
  try {
    return createHash('sha1').update(readFileSync(file)).digest('hex').slice(0, 12);
  } catch {
    return 'missing';
  }
}

/** Read a corpus file list back (for tools that need the texts of a written corpus). */
export function readCorpusTexts(c: WrittenCorpus): { path: string; text: string }[] {
  return c.files.map((f) => ({ path: f.path, text: readFileSync(path.join(c.dir, f.path), 'utf8') }));
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  },
);
