/** Helpers for the extension-host tests: the extension under test, the workspace, waiting. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionState, GbtExtensionApi } from '../../../client/src/extension';

/** Repository root (for test data such as the built-in scheme), set by the outer runner. */
export const REPO_ROOT = process.env.GBT_VSCODE_REPO_ROOT ?? path.resolve(__dirname, '..', '..', '..');
/** Folder the extension under test was loaded from (the unpacked .vsix), set by the outer runner. */
export const EXPECTED_EXTENSION_PATH = process.env.GBT_VSCODE_EXTENSION_PATH;
/** Name of the .vsix under test, if the run tests a package. */
export const VSIX = process.env.GBT_VSCODE_VSIX;

export const DIAGNOSTIC_SOURCE = 'gbt27922';
export const AUDIT_REPORT = 'audit/2026-审核报告.md';
export const TEN_STAR_REPORT = 'audit/2026-十星审核报告.md';
export const SURVEILLANCE_REPORT = 'audit/2027-监督审核报告.md';

/**
 * The diagnostics of the certification cycle (samples/EXPECTED.md §3, §5, as of 2027-06-30, the
 * `gbt27922.asOfDate` the runner sets): `line code` per report.
 */
export const CYCLE_DIAGNOSTICS: Record<string, string[]> = {
  [AUDIT_REPORT]: ['131 nc-overdue'],
  [SURVEILLANCE_REPORT]: ['8 nc-not-followed-up', '31 item-score-dropped', '59 item-score-dropped', '91 nc-overdue'],
};
export const MANUAL_ROOT = 'manual/README.md';

export function extensionId(): string {
  const manifest = path.join(EXPECTED_EXTENSION_PATH ?? REPO_ROOT, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { publisher: string; name: string };
  return `${pkg.publisher}.${pkg.name}`;
}

export function extension(): vscode.Extension<unknown> {
  const id = extensionId();
  const ext = vscode.extensions.getExtension(id);
  if (!ext) throw new Error(`extension ${id} is not loaded`);
  return ext;
}

/** The extension, activated (fails at once, with VS Code's reason, if activation failed). */
export async function activated(): Promise<vscode.Extension<unknown>> {
  const ext = extension();
  await ext.activate();
  return ext;
}

/** The API activate() returns (client/src/extension.ts GbtExtensionApi). */
export async function api(): Promise<GbtExtensionApi> {
  const a = (await activated()).exports as Partial<GbtExtensionApi> | undefined;
  if (!a || typeof a.getState !== 'function' || typeof a.statusText !== 'function' || typeof a.whenServerRunning !== 'function') {
    throw new Error(`activate() did not return the extension's API (getState, statusText, panelData, whenServerRunning); got ${show(Object.keys(a ?? {}))}`);
  }
  return a as GbtExtensionApi;
}

/** The extension's UI state (server, status bar, panel and its payload), from the API activate() returns. */
export async function uiState(): Promise<ExtensionState> {
  return (await api()).getState();
}

export function workspaceRoot(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('no workspace folder is open');
  return f.uri;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

export async function open(rel: string, show = true): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  if (show) await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  return doc;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `probe` until `ok(value)` holds; throws (with what was last seen) after timeoutMs.
 * Errors thrown by probe count as "not yet" until the deadline.
 */
export async function waitFor<T>(what: string, probe: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (ok(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const seen = lastError !== undefined ? `error ${String(lastError)}` : show(last);
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${seen}`);
    }
    await sleep(everyMs);
  }
}

export function show(v: unknown): string {
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 1500 ? `${s.slice(0, 1500)}…` : s;
  } catch {
    return String(v);
  }
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  return typeof c === 'object' ? String(c.value) : String(c);
}

/** Our diagnostics over the whole workspace, as `relative path → diagnostics`. */
export function ourDiagnostics(): Map<string, vscode.Diagnostic[]> {
  const root = workspaceRoot();
  const out = new Map<string, vscode.Diagnostic[]>();
  for (const [uri, list] of vscode.languages.getDiagnostics()) {
    const ours = list.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (ours.length === 0) continue;
    const rel = uri.path.startsWith(`${root.path}/`) ? uri.path.slice(root.path.length + 1) : uri.toString();
    out.set(rel, ours);
  }
  return out;
}

export function describeDiagnostics(m: Map<string, vscode.Diagnostic[]>): string {
  const lines: string[] = [];
  for (const [rel, list] of m) for (const d of list) lines.push(`${rel}:${d.range.start.line + 1} [${codeOf(d)}] ${d.message}`);
  return lines.length ? lines.join('\n') : '(none)';
}

/** Plain text of hovers (Markdown with the backslash escapes removed). */
export function hoverText(hovers: vscode.Hover[] | undefined): string {
  const parts: string[] = [];
  for (const h of hovers ?? []) {
    for (const c of h.contents) parts.push(typeof c === 'string' ? c : 'value' in c ? c.value : String(c));
  }
  return parts.join('\n').replace(/\\([\\`*_[\]<>|~&])/g, '$1');
}

/** Position just inside the clause ID of the first line starting with `linePrefix`. */
export function positionIn(doc: vscode.TextDocument, linePrefix: string, offsetInPrefix: number): vscode.Position {
  for (let i = 0; i < doc.lineCount; i++) {
    if (doc.lineAt(i).text.startsWith(linePrefix)) return new vscode.Position(i, offsetInPrefix);
  }
  throw new Error(`no line starting with ${JSON.stringify(linePrefix)} in ${doc.uri.path}`);
}

/** The scheme data the product ships (test expectations come from the same data the standard gives). */
export function builtinItem(id: string): { id: string; points: number; requirement: string } {
  const file = path.join(REPO_ROOT, 'server', 'src', 'scheme', 'builtin', 'gbt27922-2011.json');
  const scheme = JSON.parse(fs.readFileSync(file, 'utf8')) as { items: Array<{ id: string; points: number; requirement: string }> };
  const item = scheme.items.find((i) => i.id === id);
  if (!item) throw new Error(`${id} is not in ${file}`);
  return item;
}

/** `line code` of each diagnostic, in document order. */
export function lineCodes(list: vscode.Diagnostic[]): string[] {
  return [...list].sort((a, b) => a.range.start.line - b.range.start.line).map((d) => `${d.range.start.line + 1} ${codeOf(d)}`);
}

/** A mouse click on the first element matching `selector` in a webview (runInCodeServer only; else undefined). */
export async function webviewClick(selector: string): Promise<boolean | undefined> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require('../../vscode-harness/extensionHostApi.js') as { webviewClick(selector: string, timeoutMs?: number): Promise<boolean | undefined> };
  return api.webviewClick(selector);
}

/** Asks the harness for a screenshot (no-op outside runInCodeServer). */
export async function screenshot(name: string): Promise<string | undefined> {
  // Plain JS, bundled in; under test-electron it does nothing.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const api = require('../../vscode-harness/extensionHostApi.js') as { screenshot(name: string, timeoutMs?: number): Promise<string | undefined> };
  return api.screenshot(name);
}

/** The harness's view of the page (plain JS, bundled in; outside runInCodeServer every call answers undefined). */
function harness(): { inHarness(): boolean; webviewTexts(selector?: string, timeoutMs?: number): Promise<string[] | undefined> } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../vscode-harness/extensionHostApi.js');
}

/** Whether the suite runs in the code-server harness, where the page (and webview frames) can be read. */
export function canReadWebviews(): boolean {
  return harness().inHarness();
}

/**
 * The text a person sees in the score panel's webview (innerText of `#root` in its content
 * frame, read by Chromium), polled until `ok` holds. Only in the code-server harness.
 */
export async function panelTextSeen(what: string, ok: (text: string) => boolean, timeoutMs = 20_000): Promise<string> {
  const texts = await waitFor(`the panel's webview to show ${what}`, async () => (await harness().webviewTexts('#root main.panel')) ?? [], (ts) => ts.some(ok), timeoutMs, 300);
  return texts.find(ok)!;
}
