/**
 * A hostile repository against its budget (issue 20): each case of Markdown that is expensive to
 * parse (test/fixtures/hostile EXPENSIVE_MARKDOWN, and one file that runs over the parse budget)
 *   - costs `check` at most 5 s and 300 MB (a fresh `node dist/cli.js check` on a folder holding
 *     the case and an ordinary manual; the same folder without the case is the baseline, measured
 *     in the same run);
 *   - leaves the language server answering: hovers on another document, asked every 20 ms while
 *     the case is being indexed, take at most 100 ms;
 * and a document outside every workspace folder, opened and closed over and over, keeps no heap
 * (KB per open/close cycle, read through test/robustness/heapProbe.cjs, against a workspace
 * document's cycles as the baseline).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { fileUri, LspClient } from '../test/protocol/lspClient';
import { EXPENSIVE_MARKDOWN, ORDINARY_MANUAL, writeExpensiveMarkdown, writeFile } from '../test/fixtures/hostile/hostile';
import { BENCH_ROOT } from './corpus';
import { summarize, type Summary } from './stats';

export interface HostileCaseRow {
  name: string;
  what: string;
  before: string;
  bytes: number;
  checkMs: number;
  checkPeakMB: number;
  /** Problem codes `check` reported on the case file. */
  codes: string[];
  /** Hovers on another document while the case was indexed. */
  /** Hovers on another document while the case was indexed (after the first, below). */
  hover?: Summary & { failures: number; firstMs: number; duringIndexing: number };
  /** One of the cases (held to ≤ 5 s and ≤ 300 MB), not the file made to run over the parse budget. */
  budgeted: boolean;
}

export interface HostileResults {
  baselineCheckMs: number;
  baselineCheckPeakMB: number;
  cases: HostileCaseRow[];
  /** Heap kept per open/close of a document outside the workspace folders (KB), and of a workspace document. */
  looseHeapPerCycleKB?: number;
  workspaceHeapPerCycleKB?: number;
  cycles?: number;
}

type RunChild = (node: string, args: string[], cwd: string) => Promise<{ code: number | null; stdout: string; stderr: string; maxRssMB: number }>;

/** 20,000 list items in one chunk: seconds of remark, so it runs over the parse budget on a worker. */
const OVER_BUDGET = { name: 'overBudget', what: 'a 20,000-item list (380 KB) over the parse budget', before: '21 s of parsing', text: () => `---\ntype: manual\n---\n# 慢\n\n${'- [5.1.2.1] 说明\n'.repeat(20000)}` };

const REPORT = '---\ntype: audit\n---\n# 报告\n\n- [5.1.1.1] 80% 证据：组织架构图\n';

export async function runHostile(o: { distDir: string; runChild: RunChild; log: (m: string) => void; cycles: number }): Promise<HostileResults> {
  const root = path.join(BENCH_ROOT, 'hostile');
  rmSync(root, { recursive: true, force: true });
  const cli = path.join(o.distDir, 'cli.js');
  const check = async (dir: string) => {
    const t = performance.now();
    const r = await o.runChild(process.execPath, [cli, 'check', '.', '-f', 'json'], dir);
    const ms = performance.now() - t;
    let problems: { file: string; code: string }[] = [];
    try {
      problems = (JSON.parse(r.stdout) as { problems: { file: string; code: string }[] }).problems;
    } catch {
      o.log(`  check in ${dir} did not print JSON (exit ${r.code}): ${r.stderr.slice(0, 200)}`);
    }
    return { ms, peak: r.maxRssMB, problems };
  };

  const baseDir = path.join(root, 'baseline');
  mkdirSync(baseDir, { recursive: true });
  writeFile(baseDir, 'ordinary.md', ORDINARY_MANUAL);
  const base = await check(baseDir);
  o.log(`  hostile baseline: check ${base.ms.toFixed(0)} ms, ${base.peak.toFixed(0)} MB`);

  const cases = [...Object.entries(EXPENSIVE_MARKDOWN).map(([name, c]) => ({ name, ...c })), OVER_BUDGET];
  const rows: HostileCaseRow[] = [];
  for (const c of cases) {
    const dir = path.join(root, c.name);
    mkdirSync(dir, { recursive: true });
    if (c.name in EXPENSIVE_MARKDOWN) writeExpensiveMarkdown(dir, [c.name]);
    else {
      writeFile(dir, `${c.name}.md`, c.text());
      writeFile(dir, 'ordinary.md', ORDINARY_MANUAL);
    }
    const bytes = Buffer.byteLength(readFileSync(path.join(dir, `${c.name}.md`)));
    const r = await check(dir);
    const codes = r.problems.filter((p) => p.file === `${c.name}.md` && p.code !== 'uncovered-item').map((p) => p.code);
    const hover = await hoverWhileIndexing(dir, o.distDir);
    o.log(`  hostile ${c.name}: check ${r.ms.toFixed(0)} ms, ${r.peak.toFixed(0)} MB, ${codes.join(' ') || 'no problem'}; hover p95 ${hover.p95} ms (${hover.n}, ${hover.duringIndexing} while indexing; first ${hover.firstMs} ms)`);
    rows.push({ name: c.name, what: c.what, before: c.before, bytes, checkMs: Math.round(r.ms), checkPeakMB: Math.round(r.peak), codes, hover, budgeted: c.name in EXPENSIVE_MARKDOWN });
  }

  const heap = await heapPerCycle(o.distDir, o.cycles, o.log);
  rmSync(root, { recursive: true, force: true });
  return { baselineCheckMs: Math.round(base.ms), baselineCheckPeakMB: Math.round(base.peak), cases: rows, ...heap, cycles: o.cycles };
}

/** Start the server on `dir` (with a report beside the case), hover on the report every 20 ms until indexing ends. */
async function hoverWhileIndexing(dir: string, distDir: string): Promise<Summary & { failures: number; firstMs: number; duringIndexing: number }> {
  writeFile(dir, 'report.md', REPORT);
  const client = await LspClient.start({ folders: [dir], serverPath: path.join(distDir, 'server.js'), watchFiles: false, initializationOptions: { cacheDir: null, watch: 'none', debounceMs: 0 } });
  const uri = fileUri(path.join(dir, 'report.md'));
  const times: number[] = [];
  let failures = 0;
  let firstMs = 0;
  let duringIndexing = 0;
  try {
    await client.open(uri, REPORT);
    // The first hover waits for the report's own first analysis (a cold parse on the main thread,
    // ~0.3 s while V8 compiles the parser): that is the report opening, not the case blocking it.
    // It is reported apart; the target is on the hovers after it, while the case is indexed.
    const t0 = performance.now();
    await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 5, character: 4 } });
    firstMs = performance.now() - t0;
    const indexed = () => client.progress.size > 0 && [...client.progress.values()].every((p) => p.end !== undefined);
    const until = Date.now() + 60_000;
    // At least a second of hovers, and as long as indexing lasts.
    const minUntil = Date.now() + 1000;
    while (Date.now() < until && (!indexed() || Date.now() < minUntil)) {
      if (!indexed()) duringIndexing++;
      const t = performance.now();
      try {
        const h = await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 5, character: 4 } });
        if (!h) failures++;
      } catch {
        failures++;
      }
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await client.stop();
  }
  return { ...summarize(times), failures, firstMs: Math.round(firstMs), duringIndexing };
}

/** Heap kept per open/close cycle of a document outside the workspace folders, and of one inside. */
async function heapPerCycle(distDir: string, cycles: number, log: (m: string) => void): Promise<{ looseHeapPerCycleKB?: number; workspaceHeapPerCycleKB?: number }> {
  const dir = path.join(BENCH_ROOT, 'hostile', 'heap');
  const outside = path.join(BENCH_ROOT, 'hostile', 'downloads');
  mkdirSync(dir, { recursive: true });
  const report = readFileSync(path.join(__dirname, '..', 'samples', 'audit', '2026-审核报告.md'), 'utf8');
  writeFile(dir, 'report.md', report);
  writeFile(outside, 'report.md', report);
  const probe = path.join(BENCH_ROOT, 'hostile', 'heap.txt');
  const client = await LspClient.start({
    folders: [dir],
    serverPath: path.join(__dirname, '..', 'test', 'robustness', 'heapProbe.cjs'),
    env: { HEAP_PROBE_FILE: probe, HEAP_PROBE_SERVER: path.join(distDir, 'server.js') },
    watchFiles: false,
    initializationOptions: { cacheDir: null, watch: 'none', debounceMs: 0 },
  });
  const heapMB = async () => {
    rmSync(probe, { force: true });
    client.process.kill('SIGUSR2');
    for (let i = 0; i < 200; i++) {
      try {
        return Number(readFileSync(probe, 'utf8')) / 2 ** 20;
      } catch {
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    return NaN;
  };
  const perCycle = async (uri: string) => {
    let version = 0;
    const cycle = async () => {
      // A new version each time: the same version with the same diagnostics is (rightly) not published again.
      await client.open(uri, report, 'markdown', ++version);
      await client.waitForNextDiagnostics(uri, (_d, v) => v !== undefined, 20_000);
      await client.close(uri);
    };
    for (let i = 0; i < 50; i++) await cycle();
    const before = await heapMB();
    for (let i = 0; i < cycles; i++) await cycle();
    const after = await heapMB();
    return Math.round(((after - before) * 1024 * 100) / cycles) / 100;
  };
  try {
    await client.waitForIndexed(60_000);
    const loose = await perCycle(fileUri(path.join(outside, 'report.md')));
    const inside = await perCycle(fileUri(path.join(dir, 'report.md')));
    log(`  heap per open/close cycle over ${cycles}: outside the workspace ${loose} KB, inside ${inside} KB`);
    return { looseHeapPerCycleKB: loose, workspaceHeapPerCycleKB: inside };
  } finally {
    await client.stop();
  }
}
