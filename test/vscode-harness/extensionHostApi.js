'use strict';
// Helpers for extension-host tests run by test/vscode-harness/runInCodeServer.ts, in either of
// its extension hosts: the remote (Node) one and the web worker one (VS Code for the Web), so
// only `vscode` is used (a web worker has no `fs`): files through `vscode.workspace.fs`.
// Plain CommonJS, typed by extensionHostApi.d.ts. Outside the harness (e.g. under
// @vscode/test-electron) every helper is a harmless no-op.
const vscode = require('vscode');

/**
 * What the harness told this extension host: in the web worker, a global the generated tests
 * wrapper sets; in the Node host, the environment code-server was started with.
 */
function harness() {
  const g = globalThis.__gbt27922Harness;
  if (g && typeof g.artifacts === 'string') {
    return { artifacts: g.artifacts, env: g.env || {}, uri: (p) => vscode.Uri.from({ scheme: 'vscode-remote', authority: g.remoteAuthority, path: p }) };
  }
  if (typeof process !== 'undefined' && process.env && process.env.GBT_VSCODE_HARNESS === '1') {
    return { artifacts: process.env.GBT_VSCODE_HARNESS_ARTIFACTS || '', env: process.env, uri: (p) => vscode.Uri.file(p) };
  }
  return undefined;
}

/** True when running inside runInCodeServer (code-server + Chromium). */
function inHarness() {
  return harness() !== undefined;
}

/** A variable of the environment the tests were started with (the harness's `env`), in either host. */
function env(name) {
  const h = harness();
  if (h) return h.env[name];
  return typeof process !== 'undefined' && process.env ? process.env[name] : undefined;
}

/** A file of the machine code-server runs on (artifacts, counts), as this extension host reaches it. */
function hostFileUri(absolutePath) {
  const h = harness();
  return h ? h.uri(absolutePath) : vscode.Uri.file(absolutePath);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function exists(uri) {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Asks the harness for a screenshot of the whole workbench, saved as
 * <artifacts>/<name>.png, and resolves once the file is there (or after timeoutMs).
 * name: letters, digits, '.', '_' and '-' only. Resolves to the file path or undefined.
 */
async function screenshot(name, timeoutMs = 15000) {
  const h = harness();
  if (!h) return undefined;
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) throw new Error(`bad screenshot name: ${name}`);
  const file = `${h.artifacts}/${name}.png`;
  const uri = h.uri(file);
  try { await vscode.workspace.fs.delete(uri, { useTrash: false }); } catch { /* not there */ }
  const t0 = Date.now();
  console.log(`<<gbt27922-vscode-harness:screenshot ${name}>>`);
  while (Date.now() - t0 < timeoutMs) {
    if (await exists(uri)) return file;
    await sleep(100);
  }
  return undefined;
}

function base64(text) {
  const bytes = new TextEncoder().encode(text);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/**
 * Asks the harness for the text a person sees in the workbench's webviews: the innerText of
 * `selector` in every webview content frame that has it (read by Chromium from the page, not
 * from the extension's own rendering). Resolves to those texts (an empty list when no webview
 * shows `selector`), or undefined outside the harness or after timeoutMs.
 * selector: a CSS selector of letters, digits, spaces and `#.-_>:[]="'` only.
 */
async function webviewTexts(selector = 'body', timeoutMs = 15000) {
  const h = harness();
  if (!h) return undefined;
  if (!/^[A-Za-z0-9 #.\-_>:[\]="']{1,200}$/.test(selector)) throw new Error(`bad selector: ${selector}`);
  return askAboutWebviews(h, 'webview-text', selector, timeoutMs);
}

/**
 * Asks the harness to click, with the mouse, the first element matching a CSS selector in the
 * workbench's webviews (as a person clicks a row of a panel). Resolves to whether an element was
 * found and clicked (undefined outside the harness or after timeoutMs).
 */
async function webviewClick(selector, timeoutMs = 15000) {
  const h = harness();
  if (!h) return undefined;
  return askAboutWebviews(h, 'webview-click', selector, timeoutMs);
}

/**
 * Log a `kind` request for `selector` and wait for the harness's JSON answer file (then removed),
 * read through vscode.workspace.fs so it works in the web worker extension host too.
 */
async function askAboutWebviews(h, kind, selector, timeoutMs) {
  const name = `${kind}-${Date.now()}-${Math.floor(Math.random() * 1e9)}`;
  const uri = h.uri(`${h.artifacts}/${name}.json`);
  console.log(`<<gbt27922-vscode-harness:${kind} ${name} ${base64(selector)}>>`);
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    if (await exists(uri)) {
      const answer = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
      try { await vscode.workspace.fs.delete(uri, { useTrash: false }); } catch { /* ignore */ }
      return answer;
    }
    await sleep(100);
  }
  return undefined;
}

module.exports = { inHarness, env, hostFileUri, screenshot, webviewTexts, webviewClick };
