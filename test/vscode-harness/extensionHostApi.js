'use strict';
// Helpers for extension-host tests run by test/vscode-harness/runInCodeServer.ts.
// Plain CommonJS so it loads in the extension host without a build; typed by
// extensionHostApi.d.ts. Outside the harness (e.g. under @vscode/test-electron)
// every helper is a harmless no-op.
const fs = require('fs');
const path = require('path');

/** True when running inside runInCodeServer (code-server + Chromium). */
function inHarness() {
  return process.env.GBT_VSCODE_HARNESS === '1';
}

/**
 * Asks the harness for a screenshot of the whole workbench, saved as
 * <artifacts>/<name>.png, and resolves once the file is there (or after timeoutMs).
 * name: letters, digits, '.', '_' and '-' only. Resolves to the file path or undefined.
 */
async function screenshot(name, timeoutMs = 15000) {
  if (!inHarness()) return undefined;
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) throw new Error(`bad screenshot name: ${name}`);
  const file = path.join(process.env.GBT_VSCODE_HARNESS_ARTIFACTS || '', `${name}.png`);
  try { fs.rmSync(file, { force: true }); } catch { /* ignore */ }
  const t0 = Date.now();
  console.log(`<<gbt27922-vscode-harness:screenshot ${name}>>`);
  while (Date.now() - t0 < timeoutMs) {
    if (fs.existsSync(file)) return file;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/**
 * Asks the harness for the text a person sees in the workbench's webviews: the innerText of
 * `selector` in every webview content frame that has it (read by Chromium from the page, not
 * from the extension's own rendering). Resolves to those texts (an empty list when no webview
 * shows `selector`), or undefined outside the harness or after timeoutMs.
 * selector: a CSS selector of letters, digits, spaces and `#.-_>:[]="'` only.
 */
async function webviewTexts(selector = 'body', timeoutMs = 15000) {
  if (!inHarness()) return undefined;
  if (!/^[A-Za-z0-9 #.\-_>:[\]="']{1,200}$/.test(selector)) throw new Error(`bad selector: ${selector}`);
  return askAboutWebviews('webview-text', selector, timeoutMs);
}

/**
 * Asks the harness to click, with the mouse, the first element matching a CSS selector in the
 * workbench's webviews (as a person clicks a row of a panel). Resolves to whether an element was
 * found and clicked (undefined outside the harness or after timeoutMs).
 */
async function webviewClick(selector, timeoutMs = 15000) {
  if (!inHarness()) return undefined;
  return askAboutWebviews('webview-click', selector, timeoutMs);
}

/** Log a `kind` request for `selector` and wait for the harness's JSON answer file (then removed). */
async function askAboutWebviews(kind, selector, timeoutMs) {
  const name = `${kind}-${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
  const file = path.join(process.env.GBT_VSCODE_HARNESS_ARTIFACTS || '', `${name}.json`);
  console.log(`<<gbt27922-vscode-harness:${kind} ${name} ${Buffer.from(selector, 'utf8').toString('base64')}>>`);
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (fs.existsSync(file)) {
      const answer = JSON.parse(fs.readFileSync(file, 'utf8'));
      try { fs.rmSync(file, { force: true }); } catch { /* ignore */ }
      return answer;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

module.exports = { inHarness, screenshot, webviewTexts, webviewClick };
