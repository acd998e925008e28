/**
 * Runs an extension-host test suite inside a real VS Code (code-server, served to a
 * headless Debian Chromium driven by playwright-core), with the same `run()` contract as
 * @vscode/test-electron: the tests module exports `run(): Promise<void>`, and the run's
 * exit code is 0 if it resolves, non-zero if it rejects.
 *
 * How: code-server is started on a free 127.0.0.1 port with a fresh user-data and
 * extensions dir; the browser opens
 *   /?folder=WS&payload=[["extensionDevelopmentPath","vscode-remote://HOST/ext"],
 *                        ["extensionTestsPath","vscode-remote://HOST/tests.js"]]
 * The workbench starts the (remote, Node) extension host with the extension under
 * development and the tests; when run() settles, the workbench calls the page's
 * `codeAutomationExit(code, logs)`, which we expose (as microsoft/vscode's
 * test/integration/browser does).
 *
 * CLI:  npx tsx test/vscode-harness/runInCodeServer.ts \
 *         --extension <folder | file.vsix> --tests <tests.js> --workspace <folder> \
 *         [--artifacts test-results/vscode] [--timeout 180] [--settings settings.json] \
 *         [--copy-workspace] [--locale zh-cn] [--code-server DIR] [--verbose] [--quiet] [--headed]
 * API:  import { runTests } from './runInCodeServer'; const code = await runTests({...});
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type ConsoleMessage, type Page } from 'playwright-core';

export interface RunOptions {
  /** Extension folder (with package.json), or a packaged .vsix (unzipped to a temp dir). */
  extensionDevelopmentPath: string;
  /** JS module exporting `run(): Promise<void>`, loaded in the extension host. */
  extensionTestsPath: string;
  /** Folder opened as the workspace (or a .code-workspace file). */
  workspacePath: string;
  /** Where screenshots, logs and code-server output go. Default test-results/vscode. */
  artifactsDir?: string;
  /** Whole-run timeout in ms. Default 180000 (env VSCODE_TEST_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Extra user settings (merged over the harness defaults). */
  settings?: Record<string, unknown>;
  /** code-server package folder. Default: env CODE_SERVER_DIR, else the vscode-env.sh cache. */
  codeServerDir?: string;
  /** Chromium binary. Default env CHROMIUM_PATH or /usr/bin/chromium. */
  chromiumPath?: string;
  /** Copy the workspace to a temp dir first, so tests may edit and save files freely. */
  copyWorkspace?: boolean;
  /** Forward workbench (renderer) console noise too, not only extension-host output. */
  verbose?: boolean;
  /** Do not print extension-host output (still saved to artifacts). */
  quiet?: boolean;
  /** Show the browser window (needs a display). */
  headed?: boolean;
  /** Extra environment for code-server and so for the extension host. */
  env?: Record<string, string>;
  /**
   * VS Code display language (`--locale`, e.g. zh-cn): what `vscode.env.language` reports.
   * code-server honours it only when a language pack for it is installed; for zh-cn the
   * harness installs its own translation-free one (zh-cn-display-language/), so VS Code's
   * own UI stays English while extensions see zh-cn.
   */
  locale?: string;
  /** Extensions installed (`--install-extension`) before start: folders (zipped here) or .vsix files. */
  installExtensions?: string[];
  /**
   * Workspace Trust on (default off: `--disable-workspace-trust`): the folder opens untrusted, in
   * Restricted Mode, without the startup prompt.
   */
  workspaceTrust?: boolean;
}

/** Exit codes other than the tests' own. */
export const EXIT_HARNESS_ERROR = 2;
export const EXIT_TIMEOUT = 124;

const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';

export function defaultCodeServerDir(): string {
  if (process.env.CODE_SERVER_DIR) return process.env.CODE_SERVER_DIR;
  const cache = process.env.VSCODE_TEST_CACHE ?? path.join(os.homedir(), '.cache', 'gbt27922-vscode');
  return path.join(cache, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server');
}

const DEFAULT_SETTINGS: Record<string, unknown> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'typescript.tsserver.enabled': false,
  'window.dialogStyle': 'custom',
  'files.autoSave': 'off',
};

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--metrics-recording-only',
  '--password-store=basic',
  '--use-mock-keychain',
  '--lang=zh-CN',
];

function log(msg: string): void {
  process.stderr.write(`[vscode-harness] ${msg}\n`);
}

function elapsed(t0: number): string {
  return `${((Date.now() - t0) / 1000).toFixed(1)} s`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(2000, () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

async function waitForServer(url: string, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    if ((await httpStatus(url)) === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url} in time`);
}

/** Zips an extension folder into a minimal .vsix (extension/… entries; VS Code reads extension/package.json). */
export function packFolderAsVsix(folder: string, vsix: string): void {
  const script = [
    'import os, sys, zipfile',
    'src, out = sys.argv[1], sys.argv[2]',
    "with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as z:",
    '    for root, _dirs, files in os.walk(src):',
    '        for f in sorted(files):',
    '            full = os.path.join(root, f)',
    "            z.write(full, 'extension/' + os.path.relpath(full, src).replace(os.sep, '/'))",
  ].join('\n');
  const r = spawnSync('python3', ['-c', script, folder, vsix], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error || r.status !== 0) throw new Error(`could not zip ${folder} into ${vsix}`);
}

/** Folder of the harness's translation-free language pack for a locale, if it has one. */
function displayLanguagePack(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  const dir = path.join(__dirname, `${locale.toLowerCase()}-display-language`);
  return fs.existsSync(path.join(dir, 'package.json')) ? dir : undefined;
}

/**
 * code-server resolves `--locale` through <user-data>/languagepacks.json, which VS Code writes
 * only when its language-pack service runs (it does not on a fresh, CLI-installed profile).
 * Write the entry for the installed pack the way that service would.
 */
function registerLanguagePack(userDataDir: string, extensionsDir: string, locale: string): void {
  const lang = locale.toLowerCase();
  for (const dir of fs.readdirSync(extensionsDir)) {
    const manifestFile = path.join(extensionsDir, dir, 'package.json');
    if (!fs.existsSync(manifestFile)) continue;
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as {
      publisher: string;
      name: string;
      version: string;
      contributes?: { localizations?: Array<{ languageId: string; localizedLanguageName?: string; translations: Array<{ id: string; path: string }> }> };
    };
    const loc = m.contributes?.localizations?.find((l) => l.languageId.toLowerCase() === lang);
    if (!loc) continue;
    const id = `${m.publisher}.${m.name}`.toLowerCase();
    const entry = {
      hash: createHash('md5').update(`${id}@${m.version}`).digest('hex'),
      extensions: [{ extensionIdentifier: { id }, version: m.version }],
      translations: Object.fromEntries(loc.translations.map((t) => [t.id, path.join(extensionsDir, dir, t.path)])),
      label: loc.localizedLanguageName ?? lang,
    };
    fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [lang]: entry }));
    return;
  }
  throw new Error(`no installed language pack for ${locale}`);
}

/** Unzips a .vsix into dir and returns the extension folder inside it. */
export function unpackVsix(vsix: string, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  let r = spawnSync('unzip', ['-q', '-o', vsix, '-d', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error || r.status !== 0) {
    // No unzip on this machine: Python's zipfile does the same.
    r = spawnSync('python3', ['-m', 'zipfile', '-e', vsix, dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  if (r.error || r.status !== 0) throw new Error(`could not unzip ${vsix}`);
  const ext = path.join(dir, 'extension');
  if (!fs.existsSync(path.join(ext, 'package.json'))) {
    throw new Error(`${vsix} has no extension/package.json: not a VS Code extension package`);
  }
  return ext;
}

function killTree(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  const signalGroup = (sig: NodeJS.Signals): void => {
    try {
      process.kill(-pid, sig); // detached => its own process group (ext host, pty host, ...)
    } catch {
      /* already gone */
    }
  };
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup('SIGKILL'); // leader gone; make sure no grandchild survives
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const hard = setTimeout(() => {
      signalGroup('SIGKILL');
      resolve();
    }, 3000);
    child.once('exit', () => {
      clearTimeout(hard);
      signalGroup('SIGKILL');
      resolve();
    });
    signalGroup('SIGTERM');
  });
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/**
 * In "tests from CLI" mode the workbench sends the extension host's console (and its
 * process.stdout/stderr, line by line) through its own log service to codeAutomationLog,
 * mixed with the workbench's own log lines and with no label. The extension host's
 * console cannot be patched (VS Code defines it non-configurable), so the harness's
 * wrapper logs marks: lines before BEGIN are workbench start-up noise, and END tells
 * how run() settled. (A remote extension host that dies, e.g. by process.exit(), is
 * reported by the workbench with code 0: without END_PASS that is a failure.)
 */
const MARK_PREFIX = '<<gbt27922-vscode-harness:';
const BEGIN_MARK = `${MARK_PREFIX}tests-begin>>`;
const END_PASS_MARK = `${MARK_PREFIX}tests-end pass>>`;
const END_FAIL_MARK = `${MARK_PREFIX}tests-end fail>>`;
/** A test asks for a screenshot by logging this line (see extensionHostApi.js). */
const SCREENSHOT_REQUEST = /^<<gbt27922-vscode-harness:screenshot ([A-Za-z0-9._-]{1,100})>>$/;
/** A test asks for the text of the webviews (a CSS selector, base64) by logging this line. */
const WEBVIEW_TEXT_REQUEST = /^<<gbt27922-vscode-harness:webview-text ([A-Za-z0-9._-]{1,100}) ([A-Za-z0-9+/=]{1,400})>>$/;
/** …and a mouse click on an element of a webview. */
const WEBVIEW_CLICK_REQUEST = /^<<gbt27922-vscode-harness:webview-click ([A-Za-z0-9._-]{1,100}) ([A-Za-z0-9+/=]{1,400})>>$/;

/**
 * The tests module actually handed to VS Code: it logs BEGIN, loads the real tests module,
 * calls its run() (the promise form and the old run(testsRoot, callback) form both pass
 * through) and logs END with the outcome.
 */
function writeTestsWrapper(file: string, realTests: string): void {
  fs.writeFileSync(
    file,
    `'use strict';
// Generated by test/vscode-harness/runInCodeServer.ts
const REAL = ${JSON.stringify(realTests)};
const end = (ok) => console.log(ok ? ${JSON.stringify(END_PASS_MARK)} : ${JSON.stringify(END_FAIL_MARK)});
exports.run = function (_testsRoot, callback) {
  console.log(${JSON.stringify(BEGIN_MARK)});
  let result;
  try {
    const tests = require(REAL);
    if (!tests || typeof tests.run !== 'function') {
      throw new Error(REAL + ' does not export a run() function');
    }
    result = tests.run(REAL, function (error, failures) {
      end(!error && !failures);
      if (typeof callback === 'function') callback(error, failures);
    });
  } catch (e) {
    end(false);
    throw e;
  }
  if (result && typeof result.then === 'function') {
    return result.then((v) => { end(true); return v; }, (e) => { end(false); throw e; });
  }
  return result;
};
`,
  );
}

export async function runTests(opts: RunOptions): Promise<number> {
  const t0 = Date.now();
  const timeoutMs = opts.timeoutMs ?? Number(process.env.VSCODE_TEST_TIMEOUT_MS ?? 180_000);
  const artifacts = path.resolve(opts.artifactsDir ?? path.join('test-results', 'vscode'));
  const codeServerDir = path.resolve(opts.codeServerDir ?? defaultCodeServerDir());
  const entry = path.join(codeServerDir, 'out', 'node', 'entry.js');
  const chromiumPath = opts.chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const deadline = t0 + timeoutMs;

  for (const [what, p] of [
    ['code-server', entry],
    ['chromium', chromiumPath],
    ['extension', opts.extensionDevelopmentPath],
    ['tests', opts.extensionTestsPath],
    ['workspace', opts.workspacePath],
  ] as const) {
    if (!fs.existsSync(p)) {
      log(`${what} not found: ${p}` + (what === 'code-server' || what === 'chromium' ? ' (run scripts/vscode-env.sh)' : ''));
      return EXIT_HARNESS_ERROR;
    }
  }

  // a fresh artifacts dir per run: stale screenshots/logs would mislead
  for (const stale of ['logs', 'server-logs']) fs.rmSync(path.join(artifacts, stale), { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  for (const f of fs.readdirSync(artifacts)) if (f.endsWith('.png')) fs.rmSync(path.join(artifacts, f), { force: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt-vscode-'));
  const userDataDir = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const trustSettings = opts.workspaceTrust
    ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never', 'security.workspace.trust.emptyWindow': false }
    : {};
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...(opts.settings ?? {}), ...trustSettings }, null, 2),
  );

  let extensionPath = path.resolve(opts.extensionDevelopmentPath);
  if (extensionPath.endsWith('.vsix') && fs.statSync(extensionPath).isFile()) {
    extensionPath = unpackVsix(extensionPath, path.join(tmp, 'vsix'));
    log(`unpacked ${path.basename(opts.extensionDevelopmentPath)} to ${extensionPath}`);
  }
  const testsPath = path.resolve(opts.extensionTestsPath);
  const wrapperPath = path.join(tmp, 'harness-tests-entry.js');
  writeTestsWrapper(wrapperPath, testsPath);
  let workspacePath = path.resolve(opts.workspacePath);
  if (opts.copyWorkspace) {
    // keep the base name: tests may look at the folder's name
    const copy = path.join(tmp, 'workspace', path.basename(workspacePath));
    fs.cpSync(workspacePath, copy, { recursive: true });
    workspacePath = copy;
  }

  const serverLog = fs.createWriteStream(path.join(artifacts, 'code-server.log'));
  const toInstall = [...(opts.installExtensions ?? [])];
  const pack = displayLanguagePack(opts.locale);
  if (pack) toInstall.push(pack);
  const testLog = fs.createWriteStream(path.join(artifacts, 'extension-host.log'));
  const workbenchLog = fs.createWriteStream(path.join(artifacts, 'workbench.log'));
  const consoleLog = fs.createWriteStream(path.join(artifacts, 'workbench-console.log'));
  const logStreams = [serverLog, testLog, workbenchLog, consoleLog];
  for (const s of logStreams) s.on('error', () => undefined); // a late write must not crash the run

  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  let finished = false;

  const cleanup = async (): Promise<void> => {
    try {
      await browser?.close();
    } catch {
      /* ignore */
    }
    await killTree(server);
    // server-side logs (remote extension host, ...): kept, they say why an extension failed to activate
    try {
      const logsDir = path.join(userDataDir, 'logs');
      if (fs.existsSync(logsDir)) fs.cpSync(logsDir, path.join(artifacts, 'server-logs'), { recursive: true });
    } catch {
      /* best effort */
    }
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    server?.stdout?.unpipe(serverLog);
    server?.stderr?.unpipe(serverLog);
    // flushed before the caller's process.exit()
    await Promise.all(logStreams.map((s) => new Promise<void>((r) => (s.writableEnded ? r() : s.end(() => r())))));
  };
  const onSignal = (sig: NodeJS.Signals): void => {
    log(`got ${sig}, cleaning up`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let screenshots = Promise.resolve();
  const screenshot = (name: string): Promise<void> => {
    // serialised; written to a temp name and renamed, so a test polling for the file never sees half of it
    screenshots = screenshots.then(async () => {
      if (!page || page.isClosed()) return;
      try {
        const file = path.join(artifacts, `${safeName(name)}.png`);
        await page.screenshot({ path: `${file}.partial`, type: 'png', timeout: 10_000 });
        fs.renameSync(`${file}.partial`, file);
        log(`screenshot ${path.relative(process.cwd(), file)}`);
      } catch (e) {
        log(`screenshot ${name} failed: ${(e as Error).message}`);
      }
    });
    return screenshots;
  };

  /**
   * The innerText of `selector` in every frame of the page that has it: webviews are frames
   * (an outer host frame and the content frame inside), so this is what a person sees there.
   * Written as JSON to <artifacts>/<name>.json (temp name + rename), which the test polls for.
   */
  const webviewText = async (name: string, selectorB64: string): Promise<void> => {
    const file = path.join(artifacts, `${safeName(name)}.json`);
    const texts: string[] = [];
    try {
      const selector = Buffer.from(selectorB64, 'base64').toString('utf8');
      if (page && !page.isClosed()) {
        for (const frame of page.frames()) {
          if (frame === page.mainFrame()) continue;
          try {
            // Evaluated in the page (no DOM types here): the element's rendered text, or null.
            const text = await frame.evaluate(`(() => { const el = document.querySelector(${JSON.stringify(selector)}); return el ? el.innerText : null; })()`);
            if (typeof text === 'string') texts.push(text);
          } catch {
            /* a frame that went away or is not ready */
          }
        }
      }
    } catch (e) {
      log(`webview text ${name} failed: ${(e as Error).message}`);
    }
    fs.writeFileSync(`${file}.partial`, JSON.stringify(texts));
    fs.renameSync(`${file}.partial`, file);
  };

  /** Click the first element matching the selector in any webview frame, with the mouse; writes whether one was clicked. */
  const webviewClick = async (name: string, selectorB64: string): Promise<void> => {
    const file = path.join(artifacts, `${safeName(name)}.json`);
    let clicked = false;
    const selector = Buffer.from(selectorB64, 'base64').toString('utf8');
    if (page && !page.isClosed()) {
      for (const frame of page.frames()) {
        if (frame === page.mainFrame() || clicked) continue;
        try {
          const el = await frame.$(selector);
          if (!el) continue;
          await el.click({ timeout: 5_000 });
          clicked = true;
        } catch {
          /* not in this frame */
        }
      }
    }
    fs.writeFileSync(`${file}.partial`, JSON.stringify(clicked));
    fs.renameSync(`${file}.partial`, file);
    log(`webview click ${selector}: ${clicked ? 'clicked' : 'not found'}`);
  };

  try {
    for (const [i, ext] of toInstall.entries()) {
      let vsix = path.resolve(ext);
      if (fs.statSync(vsix).isDirectory()) {
        vsix = path.join(tmp, `install-${i}.vsix`);
        packFolderAsVsix(path.resolve(ext), vsix);
      }
      const r = spawnSync(
        process.execPath,
        [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
        { encoding: 'utf8', timeout: Math.max(1000, deadline - Date.now()), env: { ...process.env, EXTENSIONS_GALLERY: '{}' } },
      );
      serverLog.write(`[install ${ext}]\n${r.stdout ?? ''}${r.stderr ?? ''}\n`);
      if (r.error || r.status !== 0) throw new Error(`installing ${ext} failed (exit ${r.status}): ${(r.stderr || r.stdout || String(r.error)).trim()}`);
      log(`installed ${path.relative(process.cwd(), path.resolve(ext)) || ext} after ${elapsed(t0)}`);
    }
    if (pack && opts.locale) registerLanguagePack(userDataDir, extensionsDir, opts.locale);
    let host = '';
    for (let attempt = 1; ; attempt++) {
      // a free port can be taken between the probe and code-server's bind: then try another
      host = `127.0.0.1:${await freePort()}`;
      const args = [
        entry,
        '--auth', 'none',
        '--bind-addr', host,
        '--disable-telemetry',
        '--disable-update-check',
        ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
        '--disable-proxy',
        '--ignore-last-opened',
        '--config', path.join(tmp, 'config.yaml'),
        '--user-data-dir', userDataDir,
        '--extensions-dir', extensionsDir,
        ...(opts.locale ? ['--locale', opts.locale] : []),
      ];
      log(`starting code-server (${path.basename(path.dirname(path.dirname(codeServerDir)))}) on ${host}`);
      server = spawn(process.execPath, args, {
        cwd: workspacePath,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          ...(opts.env ?? {}),
          // keep code-server's own state out of $HOME
          XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
          XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
          VSCODE_CLI_DATA_DIR: path.join(tmp, 'cli-data'),
          PASSWORD: '',
          HASHED_PASSWORD: '',
          // for tests: where artifacts go (extensionHostApi.screenshot waits for its file there)
          GBT_VSCODE_HARNESS: '1',
          GBT_VSCODE_HARNESS_ARTIFACTS: artifacts,
          // no extension gallery: nothing to fetch, and no network here anyway
          EXTENSIONS_GALLERY: '{}',
        },
      });
      server.stdout?.pipe(serverLog, { end: false });
      server.stderr?.pipe(serverLog, { end: false });
      try {
        await waitForServer(`http://${host}/healthz`, server, deadline);
        break;
      } catch (e) {
        await killTree(server);
        if (attempt >= 3 || Date.now() >= deadline) throw e;
        log(`${(e as Error).message}; retrying`);
      }
    }
    log(`code-server ready in ${elapsed(t0)}`);

    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: !opts.headed,
      args: CHROMIUM_ARGS,
      timeout: Math.max(1000, deadline - Date.now()),
    });
    log(`chromium ${browser.version()} up after ${elapsed(t0)}`);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();

    let resolveExit: (code: number) => void = () => undefined;
    const exitPromise = new Promise<number>((r) => (resolveExit = r));

    let testsBegan = false;
    let testsEnded: 'pass' | 'fail' | undefined;
    await context.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown) => {
      const parts = Array.isArray(logArgs) ? logArgs : [logArgs];
      const line = parts.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
      workbenchLog.write(`[${type}] ${line}\n`);
      const shot = SCREENSHOT_REQUEST.exec(line);
      if (shot) {
        void screenshot(shot[1]);
        return;
      }
      const textRequest = WEBVIEW_TEXT_REQUEST.exec(line);
      if (textRequest) {
        void webviewText(textRequest[1], textRequest[2]);
        return;
      }
      const clickRequest = WEBVIEW_CLICK_REQUEST.exec(line);
      if (clickRequest) {
        void webviewClick(clickRequest[1], clickRequest[2]);
        return;
      }
      if (line === BEGIN_MARK) {
        testsBegan = true;
        log(`extension host started the tests after ${elapsed(t0)}`);
        return;
      }
      if (line === END_PASS_MARK || line === END_FAIL_MARK) {
        testsEnded = line === END_PASS_MARK ? 'pass' : 'fail';
        return;
      }
      if (testsBegan) {
        testLog.write(`${line}\n`);
        if (!opts.quiet) (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
      } else if (opts.verbose) {
        process.stderr.write(`[workbench ${type} +${elapsed(t0)}] ${line}\n`);
      }
    });
    await context.exposeFunction('codeAutomationExit', async (code: number, logs?: Array<{ relativePath: string; contents: string }>) => {
      if (finished) return;
      finished = true;
      if (Array.isArray(logs)) {
        for (const l of logs) {
          const file = path.join(artifacts, 'logs', path.normalize(l.relativePath).replace(/^(\.\.[/\\])+/, ''));
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, l.contents);
        }
      }
      let exitCode = typeof code === 'number' ? code : 1;
      if (!testsBegan) {
        log('the extension host ended and no output of the tests arrived: it never ran them, or died at once (process.exit()?); see server-logs/ and workbench.log');
        if (exitCode === 0) exitCode = 1;
      } else if (testsEnded === undefined) {
        log("the extension host ended before the tests' run() settled (process.exit()? a crash?)");
        if (exitCode === 0) exitCode = 1;
      } else if (testsEnded === 'fail' && exitCode === 0) {
        exitCode = 1;
      }
      resolveExit(exitCode);
    });

    page.on('console', (msg: ConsoleMessage) => {
      const text = msg.text();
      consoleLog.write(`[${msg.type()}] ${text}\n`);
      // '%c'-styled lines repeat the log service's, which codeAutomationLog already has
      if (opts.verbose && !text.startsWith('%c')) process.stderr.write(`[console ${msg.type()}] ${text}\n`);
    });
    page.on('pageerror', (err) => consoleLog.write(`[pageerror] ${err.stack ?? err.message}\n`));
    page.on('crash', () => {
      log('page crashed');
      resolveExit(EXIT_HARNESS_ERROR);
    });

    const remote = (p: string): string => `vscode-remote://${host}${encodeURI(p)}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(extensionPath)],
      ['extensionTestsPath', remote(wrapperPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ]);
    const target = workspacePath.endsWith('.code-workspace') ? 'workspace' : 'folder';
    const url = `http://${host}/?${target}=${encodeURIComponent(workspacePath)}&payload=${encodeURIComponent(payload)}`;
    log(`opening workbench: ext=${extensionPath} tests=${testsPath} ${target}=${workspacePath}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.max(1000, deadline - Date.now()) });
    log(`workbench page loaded after ${elapsed(t0)}`);

    const timer = new Promise<number>((r) => {
      const t = setTimeout(() => r(EXIT_TIMEOUT), Math.max(0, deadline - Date.now()));
      t.unref();
    });
    const code = await Promise.race([exitPromise, timer]);
    if (code === EXIT_TIMEOUT && !finished) {
      log(`TIMEOUT after ${elapsed(t0)} (limit ${timeoutMs / 1000} s): the tests never reported an exit code`);
      await screenshot('timeout');
    } else {
      // The extension host is already gone; the workbench still shows the last state.
      await screenshot(code === 0 ? 'final' : 'failed');
    }
    if (code !== 0) {
      log(`artifacts (screenshots, extension-host.log, server-logs/, workbench.log): ${path.relative(process.cwd(), artifacts) || '.'}`);
    }
    log(`tests exited with code ${code} after ${elapsed(t0)}`);
    return code;
  } catch (e) {
    log(`harness error: ${(e as Error).stack ?? String(e)}`);
    await screenshot('harness-error');
    return EXIT_HARNESS_ERROR;
  } finally {
    finished = true;
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await cleanup();
  }
}

// ----------------------------------------------------------------------------- CLI
function parseArgs(argv: string[]): RunOptions {
  const o: Partial<RunOptions> & Record<string, unknown> = {};
  const need = (i: number): string => {
    const v = argv[i + 1];
    if (v === undefined) throw new Error(`${argv[i]} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--extension':
      case '--extensionDevelopmentPath':
      case '--vsix':
        o.extensionDevelopmentPath = need(i++);
        break;
      case '--tests':
      case '--extensionTestsPath':
        o.extensionTestsPath = need(i++);
        break;
      case '--workspace':
      case '--workspacePath':
        o.workspacePath = need(i++);
        break;
      case '--artifacts':
        o.artifactsDir = need(i++);
        break;
      case '--timeout':
        o.timeoutMs = Number(need(i++)) * 1000;
        break;
      case '--settings':
        o.settings = JSON.parse(fs.readFileSync(need(i++), 'utf8')) as Record<string, unknown>;
        break;
      case '--code-server':
        o.codeServerDir = need(i++);
        break;
      case '--chromium':
        o.chromiumPath = need(i++);
        break;
      case '--locale':
        o.locale = need(i++);
        break;
      case '--copy-workspace':
        o.copyWorkspace = true;
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '--quiet':
        o.quiet = true;
        break;
      case '--headed':
        o.headed = true;
        break;
      case '-h':
      case '--help':
        process.stdout.write(
          'usage: runInCodeServer --extension <dir|file.vsix> --tests <tests.js> --workspace <dir>\n' +
            '         [--artifacts test-results/vscode] [--timeout SECONDS] [--settings file.json]\n' +
            '         [--copy-workspace] [--locale zh-cn] [--code-server DIR] [--chromium PATH] [--verbose] [--quiet] [--headed]\n' +
            'exit code: the tests\' own (0 = run() resolved), 2 = harness error, 124 = timeout\n',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument ${a}`);
    }
  }
  if (!o.extensionDevelopmentPath || !o.extensionTestsPath || !o.workspacePath) {
    throw new Error('--extension, --tests and --workspace are required (see --help)');
  }
  return o as RunOptions;
}

const isMain = process.argv[1] !== undefined && /runInCodeServer\.(ts|js|mjs|cjs)$/.test(process.argv[1]);
if (isMain) {
  let options: RunOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    log((e as Error).message);
    process.exit(EXIT_HARNESS_ERROR);
  }
  runTests(options).then(
    (code) => process.exit(code),
    (e: unknown) => {
      log(String(e));
      process.exit(EXIT_HARNESS_ERROR);
    },
  );
}
