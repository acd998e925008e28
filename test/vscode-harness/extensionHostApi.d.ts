/** True when running inside test/vscode-harness/runInCodeServer.ts (code-server + Chromium). */
export function inHarness(): boolean;
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
