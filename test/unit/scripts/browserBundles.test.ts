/**
 * The web build's bundles (scripts/build.mjs → dist/browser/) hold no Node: what went into them
 * (dist/browser/inputs.json, esbuild's own list) has every module's web variant where there is one
 * and none of the Node-only modules; and the language server bundle runs where nothing of Node
 * exists — a `vm` context with only what a web worker has — and does its job there: initialize,
 * read a workspace through the client's file requests (answered by the extension's own handlers,
 * client/src/workspaceFiles.ts, over files in memory), index it and publish its problems.
 * The real browser runs them in the vscode-web layer (test/vscode/web/).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { MemoryFileSystem, parseUri } from '../../../bench/memoryFiles';
import { WorkspaceFiles } from '../../../client/src/workspaceFiles';

const REPO = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(REPO, 'dist', 'browser');

/** Modules that use Node (or are Node's variant of a module with a `.browser.ts`): never in a web bundle. */
const NODE_ONLY = [
  'server/src/index/nodeFiles.ts',
  'server/src/index/nodeServices.ts',
  'server/src/index/workerPool.ts',
  'server/src/index/diskCache.ts',
  'server/src/index/fsWatcher.ts',
  'server/src/index/fileRead.ts',
  'server/src/io/discover.ts',
  'server/src/io/safeRead.ts',
  'server/src/io/settingsFile.ts',
  'server/src/io/fsLinks.ts',
  'server/src/io/outputFile.ts',
  'server/src/server.ts',
  'client/src/nodeClient.ts',
  'client/src/export.ts',
  'client/src/wordImport.ts',
];

function inputs(): Record<string, string[]> {
  const file = path.join(DIST, 'inputs.json');
  assert.ok(fs.existsSync(file), 'dist/browser/inputs.json is missing: run `npm run build` first');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string[]>;
}

describe('the web build (dist/browser)', () => {
  let endServer: (() => void) | undefined;
  after(() => endServer?.());

  it('both bundles are built, from their web variants, with no Node-only module and no Node built-in', () => {
    const all = inputs();
    assert.deepEqual(Object.keys(all).sort(), ['browser/extension', 'browser/server']);
    for (const [bundle, files] of Object.entries(all)) {
      for (const f of files) {
        assert.ok(!NODE_ONLY.includes(f), `${bundle} includes ${f}`);
        assert.ok(!/^(node:|fs$|path$|child_process|worker_threads)/.test(f), `${bundle} includes ${f}`);
        assert.ok(!/node_modules\/(iconv-lite|safer-buffer|mammoth|docx|exceljs)\//.test(f), `${bundle} includes ${f}`);
        if (f.endsWith('.ts') && !f.endsWith('.browser.ts')) assert.ok(!fs.existsSync(path.join(REPO, f.replace(/\.ts$/, '.browser.ts'))), `${bundle} has ${f}, not its web variant`);
      }
    }
    // the web variants did go in
    for (const f of ['server/src/index/fileUri.browser.ts', 'server/src/index/contentHash.browser.ts', 'server/src/io/gb18030.browser.ts', 'server/src/index/yield.browser.ts', 'server/src/features/schemeFiles.browser.ts']) {
      assert.ok(all['browser/server'].includes(f), `browser/server lacks ${f}`);
    }
    // the only module the extension bundle asks its host for is vscode
    const ext = fs.readFileSync(path.join(DIST, 'extension.js'), 'utf8');
    assert.deepEqual([...new Set([...ext.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))], ['vscode']);
  });

  it('the extension bundle loads with nothing but `vscode` to require, and exports activate', () => {
    const source = fs.readFileSync(path.join(DIST, 'extension.js'), 'utf8');
    // any property of a stand-in vscode module is callable and constructible (loading only reads a few)
    const stub: unknown = new Proxy(function () {}, { get: (_t, p) => (p === Symbol.toPrimitive ? () => '' : stub), apply: () => stub, construct: () => stub as object });
    const module = { exports: {} as Record<string, unknown> };
    const context = vm.createContext({ module, exports: module.exports, require: (id: string) => (id === 'vscode' ? stub : assert.fail(`require('${id}')`)), console, setTimeout, clearTimeout, TextEncoder, TextDecoder, URL });
    vm.runInContext(source, context, { filename: 'dist/browser/extension.js' });
    assert.equal(typeof module.exports.activate, 'function');
    assert.equal(typeof module.exports.deactivate, 'function');
  });

  it('the language server runs with only a web worker\'s globals and indexes a workspace read through the client', async function () {
    this.timeout(30_000);
    const source = fs.readFileSync(path.join(DIST, 'server.js'), 'utf8');
    const folder = 'vscode-vfs://github/o/samples';
    const samples = path.join(REPO, 'samples');
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else files[path.relative(samples, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
      }
    };
    walk(samples);
    const client = new WorkspaceFiles({ fs: new MemoryFileSystem(folder, files), parse: parseUri, folders: () => [parseUri(folder)] });

    // The worker's global scope: postMessage out, onmessage in (as vscode-jsonrpc's browser reader and writer use it).
    const toClient: { id?: number; method?: string; params?: unknown; result?: unknown }[] = [];
    /** Everything the server sent so far. */
    const seen: (typeof toClient)[number][] = [];
    let waiting: (() => void) | undefined;
    const scope = {
      onmessage: undefined as ((e: { data: unknown }) => void) | undefined,
      postMessage: (m: (typeof toClient)[number]) => {
        toClient.push(m);
        waiting?.();
      },
      addEventListener: () => {},
      removeEventListener: () => {},
    };
    // The server's timers and message ports, ended with the test (a web worker ends with its page; here they would keep mocha's process alive).
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const ports: InstanceType<typeof MessageChannel>['port1'][] = [];
    const track = <A extends unknown[]>(start: (...a: A) => ReturnType<typeof setTimeout>) => (...a: A) => {
      const t = start(...a);
      timers.add(t);
      return t;
    };
    class TrackedChannel extends MessageChannel {
      constructor() {
        super();
        ports.push(this.port1, this.port2);
      }
    }
    endServer = () => {
      for (const t of timers) clearTimeout(t);
      for (const p of ports) p.close();
    };
    const context = vm.createContext({
      self: scope,
      console,
      setTimeout: track(setTimeout as (...a: unknown[]) => ReturnType<typeof setTimeout>),
      clearTimeout,
      setInterval: track(setInterval as (...a: unknown[]) => ReturnType<typeof setTimeout>),
      clearInterval,
      queueMicrotask,
      MessageChannel: TrackedChannel,
      TextEncoder,
      TextDecoder,
      URL,
      performance,
      crypto: globalThis.crypto,
    });
    assert.equal(vm.runInContext('typeof process + typeof require + typeof Buffer + typeof setImmediate', context), 'undefinedundefinedundefinedundefined');
    vm.runInContext(source, context, { filename: 'dist/browser/server.js' });
    assert.equal(typeof scope.onmessage, 'function', 'the server listens');
    const send = (m: object) => scope.onmessage!({ data: { jsonrpc: '2.0', ...m } });
    /** The next message from the server matching `ok`, answering its file requests meanwhile. */
    const next = async (ok: (m: (typeof toClient)[number]) => boolean, what: string): Promise<(typeof toClient)[number]> => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        while (toClient.length > 0) {
          const m = toClient.shift()!;
          seen.push(m);
          if (m.method?.startsWith('gbt27922/files/') && m.id !== undefined) {
            const handlers: Record<string, (p: never) => Promise<unknown>> = {
              'gbt27922/files/readDirectories': (p) => client.readDirectories(p),
              'gbt27922/files/read': (p) => client.readFiles(p),
              'gbt27922/files/stat': (p) => client.stat(p),
            };
            send({ id: m.id, result: await handlers[m.method](m.params as never) });
            continue;
          }
          if (m.method && m.id !== undefined) send({ id: m.id, result: null });
          if (ok(m)) return m;
        }
        if (Date.now() > deadline) assert.fail(`no ${what} from the server`);
        await new Promise<void>((r) => {
          waiting = r;
          setTimeout(r, 50);
        });
      }
    };
    send({ id: 1, method: 'initialize', params: { processId: null, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'samples' }], capabilities: {}, initializationOptions: { workspaceFiles: true, locale: 'en', debounceMs: 0, asOf: '2027-06-30' } } });
    const init = await next((m) => m.id === 1 && 'result' in m, 'initialize result');
    assert.ok((init.result as { capabilities: { hoverProvider?: boolean } }).capabilities.hoverProvider);
    send({ method: 'initialized', params: {} });
    const log = await next((m) => m.method === 'window/logMessage' && /^indexed \d+ files/.test((m.params as { message: string }).message), 'indexing log');
    assert.match((log.params as { message: string }).message, /^indexed 16 files in \d+ ms \(9 parsed, 0 from the disk cache, 0 unchanged, 7 not ours; \d+ chunks parsed on 0 worker\(s\), 0 started;/);
    // the 7 evidence files are not ours (the prefilter): scanned, not parsed.
    // samples/EXPECTED.md as of 2027-06-30 (what `gbt27922 check samples --as-of 2027-06-30` reports):
    // the manual root's uncovered item, and the certification cycle read through the client — the
    // initial audit's overdue NC, the surveillance audit's comparison with it and its follow-ups.
    const expected: Record<string, string[]> = {
      [`${folder}/audit/2026-审核报告.md`]: ['nc-overdue'],
      [`${folder}/audit/2027-监督审核报告.md`]: ['nc-not-followed-up', 'item-score-dropped', 'item-score-dropped', 'nc-overdue'],
      [`${folder}/manual/README.md`]: ['uncovered-item'],
    };
    const latest = new Map<string, string[]>();
    const settled = async () => {
      // the last diagnostics published per document (a report is published again once its cycle is read)
      for (const m of seen) if (m.method === 'textDocument/publishDiagnostics') {
        const p = m.params as { uri: string; diagnostics: { code: string; message: string }[] };
        latest.set(decodeURIComponent(p.uri), [...p.diagnostics.map((d) => d.code)]); // an array of this realm (the server's are the vm context's)
      }
      return [...latest].filter(([, codes]) => codes.length > 0).sort(([a], [b]) => (a < b ? -1 : 1));
    };
    const deadline = Date.now() + 10_000;
    while (JSON.stringify(Object.fromEntries(await settled())) !== JSON.stringify(expected) && Date.now() < deadline) {
      await next((m) => m.method === 'textDocument/publishDiagnostics', 'diagnostics').catch(() => undefined);
    }
    assert.deepEqual(Object.fromEntries(await settled()), expected);
  });
});
