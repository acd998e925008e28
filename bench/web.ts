/**
 * The web build's indexing, in a real browser (issue 16: "a workspace of 200 files must index in
 * ≤ 3 s in the browser, without the disk cache and worker threads"):
 *
 * - Chromium (the one the real-VS-Code tests use, driven by playwright-core) runs
 *   dist/browser/server.js as a web worker; bench/webPage.ts plays the client with the
 *   extension's own file-request handlers over the corpus in memory, so every file is read
 *   through the same requests as on github.dev. The time is the server's own ("indexed N files
 *   in X ms": from the start of indexing to the last model and its diagnostics sent), and the wall
 *   time from creating the worker.
 * - Baseline, in the same rounds: the Node server (dist/server.js over stdio) on the same corpus
 *   on disk, also with no disk cache and no worker threads. The ratio says what the browser costs
 *   against the same work in Node.
 *
 * Corpus: c200 (bench/corpus.ts, 200 files, ~2 MB, the same generator and seed as the others).
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { SERVER_NODE_ARGS } from '../server/src/launch';
import { LspClient } from '../test/protocol/lspClient';
import { generateCorpus, writeCorpus } from './corpus';
import { parseIndexedLog } from './lsp';
import { median, round } from './stats';
import type { WorkerIndexRun } from './webPage';

export const WEB_CORPUS = { name: 'c200', files: 200, bytes: 2_000_000 };

export interface WebBenchResults {
  corpus: string;
  files: number;
  bytes: number;
  chromium: string;
  rounds: { browserMs: number; browserWallMs: number; nodeMs: number; requests: number; diagnosedFiles: number }[];
  /** Medians over the rounds. */
  browserMs: number;
  browserWallMs: number;
  nodeMs: number;
  /** browser ÷ Node (one thread each, no disk cache), paired per round, median. */
  overNode: number;
  errors: string[];
}

const ORIGIN = 'http://gbt27922.bench';

async function pageScript(): Promise<string> {
  const r = await build({
    entryPoints: [path.join(__dirname, 'webPage.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    logLevel: 'warning',
  });
  return r.outputFiles[0].text;
}

export async function runWebBench(o: { distDir: string; seed: number; rounds: number; log: (m: string) => void }): Promise<WebBenchResults | undefined> {
  const serverFile = path.join(o.distDir, 'browser', 'server.js');
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(serverFile) || !existsSync(chromiumPath)) {
    o.log(`web worker index not measured: ${!existsSync(serverFile) ? `${serverFile} not built` : `no Chromium at ${chromiumPath} (bash scripts/vscode-env.sh)`}`);
    return undefined;
  }
  const files = generateCorpus({ ...WEB_CORPUS, seed: o.seed });
  const onDisk = writeCorpus(WEB_CORPUS.name, files);
  const memory = Object.fromEntries(files.map((f) => [f.path, f.text]));
  const folder = `vscode-vfs://github/gbt27922-bench/${WEB_CORPUS.name}`;
  const serverSource = readFileSync(serverFile, 'utf8');
  const script = await pageScript();
  const res: WebBenchResults = { corpus: WEB_CORPUS.name, files: files.length, bytes: onDisk.bytes, chromium: '', rounds: [], browserMs: NaN, browserWallMs: NaN, nodeMs: NaN, overNode: NaN, errors: [] };

  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update'] });
  try {
    res.chromium = browser.version();
    const page = await browser.newPage();
    await page.route(`${ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>gbt27922 bench</title>' }));
    await page.goto(`${ORIGIN}/`);
    await page.addScriptTag({ content: script });
    const inBrowser = async (): Promise<WorkerIndexRun> =>
      (await page.evaluate(
        ([src, f, m]) => (globalThis as unknown as { gbtIndexInWorker(s: string, f: string, m: Record<string, string>): Promise<unknown> }).gbtIndexInWorker(src, f, m),
        [serverSource, folder, memory] as const,
      )) as WorkerIndexRun;
    const inNode = async (): Promise<number | undefined> => {
      const client = await LspClient.start({ folders: [onDisk.dir], initializationOptions: { debounceMs: 0, workers: 0, cacheDir: null }, serverPath: path.join(o.distDir, 'server.js'), nodeArgs: [...SERVER_NODE_ARGS] });
      try {
        await client.waitForIndexed(120_000);
        await client.waitFor(() => client.notifications.some((n) => n.method === 'window/logMessage' && parseIndexedLog((n.params as { message: string }).message)), 5000, 'the indexing log').catch(() => undefined);
        const log = client.notifications.map((n) => (n.method === 'window/logMessage' ? parseIndexedLog((n.params as { message: string }).message) : undefined)).find(Boolean);
        if (log && log.files !== files.length) res.errors.push(`Node server: indexed ${log.files} files, the corpus has ${files.length}`);
        return log?.ms;
      } finally {
        await client.stop();
      }
    };
    // A warm-up of each (JIT, page and file caches), then the rounds, alternating.
    await inBrowser();
    await inNode();
    for (let i = 0; i < o.rounds; i++) {
      const w = await inBrowser();
      const n = await inNode();
      if (w.stats.files !== files.length) res.errors.push(`web worker: indexed ${w.stats.files} files, the corpus has ${files.length}`);
      if (w.stats.workers !== 0 || w.stats.fromDiskCache !== 0) res.errors.push(`web worker: ${w.stats.workers} worker threads, ${w.stats.fromDiskCache} files from a disk cache (expected none)`);
      res.rounds.push({ browserMs: w.stats.ms, browserWallMs: round(w.wallMs), nodeMs: n ?? NaN, requests: w.requests, diagnosedFiles: w.diagnosedFiles });
      o.log(`web worker round ${i + 1}: ${w.stats.ms} ms in the server (${round(w.wallMs)} ms from the worker's start, ${w.requests} file requests), Node one thread ${n ?? '?'} ms`);
    }
  } finally {
    await browser.close();
  }
  res.browserMs = median(res.rounds.map((r) => r.browserMs));
  res.browserWallMs = median(res.rounds.map((r) => r.browserWallMs));
  res.nodeMs = median(res.rounds.map((r) => r.nodeMs).filter(Number.isFinite));
  res.overNode = median(res.rounds.filter((r) => Number.isFinite(r.nodeMs)).map((r) => r.browserMs / r.nodeMs));
  return res;
}
