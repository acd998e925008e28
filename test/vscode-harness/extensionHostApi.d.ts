/** True when running inside test/vscode-harness/runInCodeServer.ts (code-server + Chromium). */
export function inHarness(): boolean;
/**
 * Asks the harness for a screenshot of the whole workbench, saved as <artifacts>/<name>.png;
 * resolves to the file once written (undefined outside the harness or after timeoutMs).
 * name: letters, digits, '.', '_' and '-' only.
 */
export function screenshot(name: string, timeoutMs?: number): Promise<string | undefined>;
/**
 * Asks the harness for the text a person sees in the workbench's webviews (innerText of each
 * webview document's #root), saved as <artifacts>/<name>.webview.json; resolves
 * to those texts (undefined outside the harness or after timeoutMs).
 */
export function webviewText(name: string, timeoutMs?: number): Promise<string[] | undefined>;
/**
 * Asks the harness to click the first element matching `selector` in the workbench's webviews
 * (a real mouse click); resolves to whether one was clicked (undefined outside the harness).
 */
export function webviewClick(name: string, selector: string, timeoutMs?: number): Promise<boolean | undefined>;
