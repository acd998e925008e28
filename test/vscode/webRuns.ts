/**
 * `npm run test:vscode-web` (test/vscode/runTests.ts --web): the packaged extension's web build
 * in a real browser, as VS Code for the Web runs it (github.dev, vscode.dev).
 *
 * - The .vsix under test is the same one the desktop layer tests, unchanged: code-server is told
 *   (user setting `remote.extensionKind`) to run it as a web extension, so Chromium's web worker
 *   extension host loads its `browser` entry (dist/browser/extension.js), which starts the
 *   language server as a web worker (dist/browser/server.js). No Node anywhere in it.
 * - The workspace is virtual: the harness's mirror file system (`gbt27922-mirror://`,
 *   test/vscode-harness/mirror-fs), so VS Code treats it as it treats github.dev's repository
 *   (extensions without `virtualWorkspaces` support are disabled) and every file the server
 *   reads comes through the client's `vscode.workspace.fs`.
 * - The suite is one browser bundle (test/vscode/web/index.ts: mocha's browser build, the desktop
 *   suite's feature tests unchanged, the web-only tests), inlined by the harness.
 *
 * Two runs: the samples (every feature), then the bench's 200-file corpus (c200) to report
 * how long the web worker takes to index it (test/vscode/web/20-index-200.test.ts; the bench
 * judges the time). Counts of both make the `vscode-web` row.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { generateCorpus } from '../../bench/corpus';
import { runTests as runInCodeServer } from '../vscode-harness/runInCodeServer';

const REPO = path.resolve(__dirname, '..', '..');
export const WEB_ARTIFACTS = path.join(REPO, 'test-results', 'vscode-web');
const SUITE_OUT = path.join(REPO, 'out', 'test', 'vscode-web');

/** The 200-file workspace: the bench's corpus of that size (bench/run.ts, "web worker"). */
export const C200 = { name: 'c200', files: 200, bytes: 2_000_000, seed: 27922 };

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  skippedTitles?: string[];
  failures?: Array<{ title: string; message: string }>;
}

/** The web suite as one CommonJS bundle for the web worker (only `vscode` external; Node's assert → web/assert.ts). */
export async function buildWebSuite(): Promise<string> {
  fs.rmSync(SUITE_OUT, { recursive: true, force: true });
  const out = path.join(SUITE_OUT, 'index.js');
  await build({
    entryPoints: [path.join(REPO, 'test', 'vscode', 'web', 'index.ts')],
    outfile: out,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    alias: { 'node:assert/strict': path.join(REPO, 'test', 'vscode', 'web', 'assert.ts') },
    logLevel: 'warning',
  });
  return out;
}

export interface WebRunOptions {
  extensionPath: string;
  testsPath: string;
  tmp: string;
  timeoutMs: number;
  locale: string;
  settings: Record<string, unknown>;
  verbose: boolean;
  grep?: string;
  vsix?: string;
  log(message: string): void;
}

function readCounts(file: string): Counts | undefined {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Counts) : undefined;
}

/** Both runs; the exit code of the first that failed, the counts of both. */
export async function runWebSuites(o: WebRunOptions): Promise<{ code: number; counts?: Counts }> {
  const t0 = Date.now();
  const base: Record<string, string> = {
    GBT_VSCODE_REPO_ROOT: REPO,
    GBT_VSCODE_EXTENSION_PATH: o.extensionPath,
    ...(o.vsix ? { GBT_VSCODE_VSIX: path.basename(o.vsix) } : {}),
    ...(o.grep ? { GBT_VSCODE_GREP: o.grep } : {}),
  };
  const run = async (suite: string, workspace: string, artifactsDir: string, extraEnv: Record<string, string> = {}) => {
    const countsFile = path.join(o.tmp, `counts-${suite}.json`);
    const left = Math.max(10_000, o.timeoutMs - (Date.now() - t0));
    o.log(`running the ${suite} suite in code-server's web worker extension host, virtual workspace ${path.basename(workspace)} (limit ${(left / 1000).toFixed(0)} s)`);
    const code = await runInCodeServer({
      extensionDevelopmentPath: o.extensionPath,
      extensionTestsPath: o.testsPath,
      workspacePath: workspace,
      artifactsDir,
      timeoutMs: left,
      locale: o.locale,
      settings: o.settings,
      verbose: o.verbose,
      env: { ...base, ...extraEnv, GBT_VSCODE_SUITE: suite, GBT_VSCODE_COUNTS_FILE: countsFile },
      extensionHost: 'webworker',
      virtualWorkspace: true,
    });
    const counts = readCounts(countsFile);
    if (!counts) o.log(`the ${suite} suite reported no counts (exit code ${code}): recorded as 1 failure`);
    return { code, counts: counts ?? { passed: 0, failed: 1, skipped: 0, failures: [{ title: `${suite} suite`, message: `no counts (exit ${code})` }] } };
  };

  // 1. the samples: every feature
  const samples = path.join(o.tmp, 'workspace', 'samples');
  fs.cpSync(path.join(REPO, 'samples'), samples, { recursive: true });
  const first = await run('web', samples, WEB_ARTIFACTS);

  // 2. the 200-file corpus (only when the run is not narrowed to some tests)
  let second: { code: number; counts: Counts } | undefined;
  if (!o.grep) {
    const corpus = path.join(o.tmp, 'workspace-index', C200.name);
    for (const f of generateCorpus(C200)) {
      const p = path.join(corpus, f.path);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, f.text);
    }
    const artifacts = path.join(WEB_ARTIFACTS, 'index-200');
    second = await run('web-index', corpus, artifacts, { GBT_VSCODE_INDEX_REPORT: path.join(artifacts, 'index-stats.json') });
  }

  const all = [first.counts, ...(second ? [second.counts] : [])];
  const counts: Counts = {
    passed: all.reduce((n, c) => n + c.passed, 0),
    failed: all.reduce((n, c) => n + c.failed, 0),
    skipped: all.reduce((n, c) => n + c.skipped, 0),
    skippedTitles: all.flatMap((c) => c.skippedTitles ?? []),
    failures: all.flatMap((c) => c.failures ?? []),
  };
  const code = first.code !== 0 ? first.code : (second?.code ?? 0);
  return { code, counts };
}
