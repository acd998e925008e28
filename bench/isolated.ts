/**
 * The in-process tools (the floor, ours, markdownlint, and the prefilter alone), each bundled with esbuild as `npm run build` bundles the server
 * (no tsx `keepNames`) and run in its own worker thread, so no tool's JIT feedback or garbage
 * lands on another's (they share micromark otherwise). The bench drives them file by file in
 * turn from the main thread; each step is timed inside its worker (wall and that thread's CPU).
 */
import { build, type BuildOptions } from 'esbuild';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { productPlugins } from '../scripts/esbuildPlugins.mjs';
import { BENCH_ROOT } from './corpus';

export type ToolName = 'floor' | 'ours' | 'markdownlint' | 'prefilter';

export interface Step {
  ms: number;
  cpuMs: number;
  result: number;
}

const REPO = path.resolve(__dirname, '..');

/** How the bench bundles code it measures: as scripts/build.mjs bundles dist/ (a bundle, not tsx). */
export const BENCH_BUNDLE: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // As scripts/build.mjs: jsonc-parser's "main" is a UMD build esbuild cannot follow.
  mainFields: ['module', 'main'],
  sourcemap: true,
  logLevel: 'silent',
  // As scripts/build.mjs: the same plugins, so the bench measures the code as it ships.
  plugins: productPlugins,
};

/** Bundle bench/tools/<name>.ts to BENCH_ROOT/tools/<name>.cjs (with a source map). */
export async function bundleTool(name: ToolName): Promise<string> {
  const dir = path.join(BENCH_ROOT, 'tools');
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, `${name}.cjs`);
  await build({ ...BENCH_BUNDLE, entryPoints: [path.join(REPO, 'bench', 'tools', `${name}.ts`)], outfile });
  return outfile;
}

export class IsolatedTool {
  private readonly worker: Worker;
  private pending?: { resolve: (v: unknown) => void; reject: (e: Error) => void };

  private constructor(readonly name: ToolName, bundle: string) {
    this.worker = new Worker(path.join(__dirname, 'toolWorker.cjs'), { workerData: { bundle }, execArgv: [] });
    this.worker.on('message', (m: { error?: string }) => {
      const p = this.pending;
      this.pending = undefined;
      if (!p) return;
      if (m.error) p.reject(new Error(`${this.name}: ${m.error}`));
      else p.resolve(m);
    });
    this.worker.on('error', (e) => {
      const p = this.pending;
      this.pending = undefined;
      p?.reject(e);
    });
  }

  static async start(name: ToolName): Promise<IsolatedTool> {
    return new IsolatedTool(name, await bundleTool(name));
  }

  private send<T>(msg: Record<string, unknown>): Promise<T> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve: resolve as (v: unknown) => void, reject };
      this.worker.postMessage(msg);
    });
  }

  load(files: { path: string; text: string }[]): Promise<unknown> {
    return this.send({ op: 'load', files });
  }

  begin(dir: string): Promise<unknown> {
    return this.send({ op: 'begin', dir });
  }

  add(index: number): Promise<Step> {
    return this.send({ op: 'add', index });
  }

  finish(): Promise<Step> {
    return this.send({ op: 'finish' });
  }

  gc(): Promise<unknown> {
    return this.send({ op: 'gc' });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
