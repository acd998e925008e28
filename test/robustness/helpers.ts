/**
 * Shared helpers of the robustness layer: throw-away workspaces, a language server started on
 * them (wrapping test/protocol/lspClient.ts, which other layers own), text ↔ position
 * arithmetic in UTF-16 code units, range checks, and the server's resident memory.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-protocol';
import { LspClient, REPO_ROOT, type LspClientOptions } from '../protocol/lspClient';

export { LspClient, REPO_ROOT, applyTextEdits, delay, fileUri, uriPath } from '../protocol/lspClient';

export const SAMPLES = resolve(REPO_ROOT, 'samples');
export const SAMPLE_AUDIT = join(SAMPLES, 'audit', '2026-审核报告.md');
export const CLI_BUNDLE = resolve(REPO_ROOT, 'dist', 'cli.js');
export const DOCUMENT_SCORE = 'gbt27922/documentScore';

/** Temporary directories made by this layer, removed by `cleanupTemp()`. */
const temps: string[] = [];

export function tempDir(prefix = 'gbt27922-robust-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}

export function cleanupTemp(): void {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Write files (relative path → text or bytes) under `root`, creating directories. */
export function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(root, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

/** A workspace holding a copy of the sample audit folder (report + evidence files). */
export function auditWorkspace(): { root: string; report: string; text: string } {
  const root = tempDir();
  cpSync(join(SAMPLES, 'audit'), join(root, 'audit'), { recursive: true });
  const report = join(root, 'audit', '2026-审核报告.md');
  return { root, report, text: readFileSync(report, 'utf8') };
}

export interface ServerOptions extends LspClientOptions {
  /** Disk cache directory; default: a fresh temporary one (never the shared default). */
  cacheDir?: string | null;
  debounceMs?: number;
  workers?: number;
}

/** Start the bundled server on `folders` with a private disk cache and a short debounce. */
export async function startServer(folders: string[], options: ServerOptions = {}): Promise<LspClient> {
  const { cacheDir, debounceMs, workers, initializationOptions, ...rest } = options;
  return LspClient.start({
    folders,
    watchFiles: false,
    ...rest,
    initializationOptions: {
      cacheDir: cacheDir === undefined ? tempDir('gbt27922-robust-cache-') : cacheDir,
      debounceMs: debounceMs ?? 10,
      ...(workers === undefined ? {} : { workers }),
      watch: 'none',
      ...initializationOptions,
    },
  });
}

/** Wait for the diagnostics published for exactly `version` of an open document. */
export function diagnosticsForVersion(client: LspClient, uri: string, version: number, timeoutMs = 15000): Promise<Diagnostic[]> {
  return client.waitForDiagnostics(uri, (_d, v) => v === version, timeoutMs);
}

// ---------------------------------------------------------------------------------------------
// Text arithmetic (UTF-16 code units, lines split at \n, \r\n or \r like LSP)

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** Length of each line without its line break. */
export function lineLengths(text: string): number[] {
  const starts = lineStarts(text);
  return starts.map((s, i) => {
    let end = i + 1 < starts.length ? starts[i + 1] : text.length;
    if (end > s && text.charCodeAt(end - 1) === 10) end--;
    if (end > s && text.charCodeAt(end - 1) === 13) end--;
    return end - s;
  });
}

export function positionAt(text: string, offset: number, starts = lineStarts(text)): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

/** Move an offset off the middle of a \r\n pair or a surrogate pair (an editor never splits those). */
export function snapOffset(text: string, offset: number): number {
  let o = Math.max(0, Math.min(offset, text.length));
  if (o > 0 && o < text.length) {
    const prev = text.charCodeAt(o - 1);
    const next = text.charCodeAt(o);
    if (prev === 13 && next === 10) o--;
    else if (prev >= 0xd800 && prev <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) o--;
  }
  return o;
}

/** Problems with ranges: any range that is not inside the text, or is reversed. */
export function rangeProblems(text: string, ranges: { range: Range; what?: string }[]): string[] {
  const lengths = lineLengths(text);
  const bad: string[] = [];
  const inside = (p: Position) => Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && p.line < lengths.length && p.character <= lengths[p.line];
  for (const { range, what } of ranges) {
    const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
    if (!inside(range.start) || !inside(range.end) || !ordered) bad.push(`${what ?? 'range'} ${JSON.stringify(range)} (document has ${lengths.length} lines)`);
  }
  return bad;
}

// ---------------------------------------------------------------------------------------------
// Processes

/** Resident memory of a process in MB (VmRSS from /proc). */
export function rssMB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
  if (!m) throw new Error(`no VmRSS for ${pid}`);
  return Number(m[1]) / 1024;
}

export function cliAvailable(): boolean {
  return existsSync(CLI_BUNDLE);
}

/** Run the bundled CLI synchronously. */
export function runCli(args: string[], cwd: string, timeoutMs = 60000): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI_BUNDLE, ...args], { cwd, encoding: 'utf8', timeout: timeoutMs, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
}

/** A Node stack frame line ("    at fn (file:1:2)"): must never reach a user. */
export const STACK_FRAME = /^\s{4}at /m;

/** Diagnostics as comparable plain data (sorted by position, then code). */
export function normalizeDiagnostics(ds: Diagnostic[], ownUri?: string): string[] {
  const own = ownUri ? JSON.stringify(ownUri).slice(1, -1) : undefined;
  // Messages may name the document itself by its file name (an uncovered item's candidate section).
  const ownName = ownUri ? JSON.stringify(decodeURIComponent(ownUri.slice(ownUri.lastIndexOf('/') + 1))).slice(1, -1) : undefined;
  return ds
    .map((d) => JSON.stringify({ r: d.range, s: d.severity, c: d.code, m: d.message, d: d.data }))
    .map((s) => (own ? s.split(own).join('<doc>') : s))
    .map((s) => (ownName ? s.split(ownName).join('<doc-name>') : s))
    .sort();
}

/** test/robustness/heapProbe.cjs: the server under a wrapper that reports its V8 heap on SIGUSR2. */
export const HEAP_PROBE = resolve(REPO_ROOT, 'test', 'robustness', 'heapProbe.cjs');

/** The server's V8 heap in use (MB) after two full GCs, read through heapProbe.cjs (`file` is its HEAP_PROBE_FILE). */
export async function serverHeapMB(client: LspClient, file: string): Promise<number> {
  rmSync(file, { force: true });
  client.process.kill('SIGUSR2');
  for (let i = 0; i < 200 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 25));
  return Number(readFileSync(file, 'utf8')) / 2 ** 20;
}
