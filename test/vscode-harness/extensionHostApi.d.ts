import type * as vscode from 'vscode';
/** True when running inside test/vscode-harness/runInCodeServer.ts (code-server + Chromium), in either extension host. */
export function inHarness(): boolean;
/** A variable of the environment the tests were started with (process.env in the Node host; the harness's `env` in the web worker). */
export function env(name: string): string | undefined;
/** A file of the machine code-server runs on, as a URI this extension host can read and write with `vscode.workspace.fs`. */
export function hostFileUri(absolutePath: string): vscode.Uri;
/**
 * Asks the harness for a screenshot of the whole workbench, saved as <artifacts>/<name>.png;
 * resolves to the file once written (undefined outside the harness or after timeoutMs).
 * name: letters, digits, '.', '_' and '-' only.
 */
export function screenshot(name: string, timeoutMs?: number): Promise<string | undefined>;
/**
 * The text a person sees in the workbench's webviews: the innerText of `selector` in every
 * webview content frame that has it, as Chromium renders it. Undefined outside the harness or
 * after timeoutMs; an empty list when no webview shows `selector`.
 */
export function webviewTexts(selector?: string, timeoutMs?: number): Promise<string[] | undefined>;
/**
 * Asks the harness to click the first element matching `selector` in the workbench's webviews
 * with the mouse; resolves to whether one was found and clicked (undefined outside the harness).
 */
export function webviewClick(selector: string, timeoutMs?: number): Promise<boolean | undefined>;
