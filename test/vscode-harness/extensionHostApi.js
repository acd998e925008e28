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
 * Asks the harness for the text a person sees in the open webviews: for every webview frame
 * of the workbench that has a #root element, its rendered text (innerText). Saved as
 * <artifacts>/<name>.webview.json; resolves to the texts (undefined outside the harness or
 * after timeoutMs).
 */
async function webviewText(name, timeoutMs = 15000) {
  if (!inHarness()) return undefined;
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) throw new Error(`bad webview text name: ${name}`);
  const file = path.join(process.env.GBT_VSCODE_HARNESS_ARTIFACTS || '', `${name}.webview.json`);
  try { fs.rmSync(file, { force: true }); } catch { /* ignore */ }
  const t0 = Date.now();
  console.log(`<<gbt27922-vscode-harness:webview-text ${name}>>`);
  while (Date.now() - t0 < timeoutMs) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')).texts;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

/**
 * Asks the harness to click, with the mouse, the first element matching a CSS selector in the
 * workbench's webviews (as a person clicks a row of a panel). Resolves to true when an element
 * was found and clicked (undefined outside the harness or after timeoutMs).
 */
async function webviewClick(name, selector, timeoutMs = 15000) {
  if (!inHarness()) return undefined;
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) throw new Error(`bad webview click name: ${name}`);
  const file = path.join(process.env.GBT_VSCODE_HARNESS_ARTIFACTS || '', `${name}.click.json`);
  try { fs.rmSync(file, { force: true }); } catch { /* ignore */ }
  const t0 = Date.now();
  console.log(`<<gbt27922-vscode-harness:webview-click ${name} ${Buffer.from(selector, 'utf8').toString('base64url')}>>`);
  while (Date.now() - t0 < timeoutMs) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')).clicked;
    await new Promise((r) => setTimeout(r, 100));
  }
  return undefined;
}

module.exports = { inHarness, screenshot, webviewText, webviewClick };
