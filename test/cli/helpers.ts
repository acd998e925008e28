/**
 * Run the BUILT command line (dist/cli.js, made by `npm run build`) as a child process, the way
 * CI runs it, and make throw-away workspaces under the system temp folder.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CheckReport } from '../../server/src/cli/report';

export type { CheckReport };

export const REPO = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO, 'dist', 'cli.js');
export const SAMPLES = path.join(REPO, 'samples');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): RunResult {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm run test:cli does)`);
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '', FORCE_COLOR: '', GBT27922_DEBUG: '', ...options.env };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? REPO, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: options.timeoutMs, killSignal: 'SIGKILL' });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') throw new Error(`gbt27922 ${args.join(' ').slice(0, 200)}: no answer after ${options.timeoutMs} ms (killed)`);
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Parse stdout as JSON, with the run's stderr in the error when it is not JSON. */
/** Output types with every optional property made present (a test asserts what it reads). */
export type Sure<T> = T extends (infer U)[] ? Sure<U>[] : T extends object ? { [K in keyof T]-?: Sure<NonNullable<T[K]>> } : T;

export function json<T = CheckReport>(r: RunResult): Sure<T> {
  try {
    return JSON.parse(r.stdout) as Sure<T>;
  } catch {
    throw new Error(`stdout is not JSON (exit ${r.code}):\n${r.stdout.slice(0, 2000)}\nstderr:\n${r.stderr}`);
  }
}

/** A fresh folder under the temp directory with these files (path → text or bytes). */
export function makeTree(files: Record<string, string | Uint8Array>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt27922-cli-'));
  writeFiles(root, files);
  return root;
}

export function writeFiles(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/** Copy the samples workspace (or a part of it) into a fresh temp folder. */
export function copySamples(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt27922-samples-'));
  fs.cpSync(SAMPLES, root, { recursive: true });
  return root;
}

export function removeTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** Assert a run ended with a clear one-line reason and no stack trace. */
export function noStackTrace(r: RunResult): boolean {
  return !/^\s+at .+\(.+:\d+:\d+\)$/m.test(r.stderr + r.stdout) && !/\n\s+at [\w.<>]+ /.test(r.stderr);
}
