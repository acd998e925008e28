/**
 * Long sessions and odd surroundings (issue 20, items 11–14): what a server left running for a
 * day meets. Each test drives the bundled server over LSP the way an editor would.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HoverRequest, WorkspaceSymbolRequest } from 'vscode-languageserver-protocol';
import { auditWorkspace, cleanupTemp, delay, fileUri, HEAP_PROBE, LspClient, normalizeDiagnostics, SAMPLE_AUDIT, serverHeapMB, tempDir, writeTree } from './helpers';

/** Run the server as user `nobody` (we are root), or rely on pid 1 not being ours to signal (we are not). */
function foreignParent(): { wrapper?: string[]; processId: number } {
  if (process.getuid?.() === 0) {
    const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `try{process.kill(${process.pid},0);process.stdout.write('ok')}catch(e){process.stdout.write(e.code)}`], { encoding: 'utf8' });
    assert.equal(probe.stdout, 'EPERM', `setpriv must run node as nobody, who may not signal this process (${probe.stderr})`);
    return { wrapper: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'], processId: process.pid };
  }
  return { processId: 1 };
}

describe('robustness: the parent watchdog (item 14)', function () {
  this.timeout(60000);
  after(() => cleanupTemp());

  it('an editor process the server may not signal (EPERM) is alive: the server keeps answering past the 3 s watchdog', async () => {
    const { wrapper, processId } = foreignParent();
    const client = await LspClient.start({ folders: [], wrapper, processId, watchFiles: false, initializationOptions: { cacheDir: null, watch: 'none' } });
    try {
      await delay(7500);
      assert.equal(client.exitStatus, undefined, `the server exited (code ${client.exitStatus}) although its editor is alive:\n${client.stderr}`);
      const answer = await client.request(HoverRequest.type, { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } });
      assert.equal(answer, null);
    } finally {
      assert.equal(await client.stop(), 0, 'shutdown + exit ends the server with code 0');
    }
  });

  it('an editor process that is gone (ESRCH) ends the server within the watchdog period', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(dead.stdout);
    const client = await LspClient.start({ folders: [], processId: pid, watchFiles: false, initializationOptions: { cacheDir: null, watch: 'none' } });
    const started = Date.now();
    await client.waitFor(() => !client.isRunning, 10000, 'the server to notice its editor is gone').catch(() => undefined);
    assert.notEqual(client.exitStatus, undefined, 'the server is still running with its editor gone');
    assert.ok(Date.now() - started < 8000);
    await client.stop();
  });
});

describe('robustness: the disk cache is private to the user (item 10)', function () {
  this.timeout(90000);
  after(() => cleanupTemp());

  /** Start the server with no storage path and no cacheDir (Neovim, Helix, Emacs), in `env`. */
  async function run(root: string, env: NodeJS.ProcessEnv): Promise<{ diagnostics: string[]; log: string }> {
    const client = await LspClient.start({ folders: [root], env, watchFiles: false, initializationOptions: { watch: 'none', debounceMs: 10 } });
    try {
      await client.waitForIndexed(60000);
      const report = join(root, 'audit', '2026-审核报告.md');
      const d = await client.waitForDiagnostics(fileUri(report), (x) => x.length > 0, 20000);
      const log = client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message).join('\n');
      return { diagnostics: normalizeDiagnostics(d), log };
    } finally {
      await client.stop();
    }
  }

  const chunkFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.chunks.json')) : []);

  it('without a storage path the cache goes to $XDG_CACHE_HOME/gbt27922 (mode 0700), never to a shared folder in the temp directory', async () => {
    const ws = auditWorkspace();
    const tmp = tempDir('gbt27922-robust-tmp-');
    const xdg = tempDir('gbt27922-robust-xdg-');
    await run(ws.root, { TMPDIR: tmp, XDG_CACHE_HOME: xdg });
    assert.deepEqual(readdirSync(tmp), [], 'nothing is written to the shared temp directory');
    const dir = join(xdg, 'gbt27922');
    assert.equal(chunkFiles(dir).length, 1, `a cache file in ${dir}`);
    assert.equal(lstatSync(dir).mode & 0o777, 0o700);
  });

  it('a cache folder another user prepared (a symlink, writable by others, or owned by someone else) is not used', async () => {
    const ws = auditWorkspace();
    const env = (tmp: string) => ({ TMPDIR: tmp, HOME: '/nonexistent', XDG_CACHE_HOME: '' });
    const uid = process.getuid!();
    // 1. A symlink to a folder the attacker reads.
    const tmp1 = tempDir('gbt27922-robust-tmp-');
    const loot = tempDir('gbt27922-robust-loot-');
    symlinkSync(loot, join(tmp1, `gbt27922-cache-${uid}`));
    const first = await run(ws.root, env(tmp1));
    assert.deepEqual(readdirSync(loot), [], 'nothing is written through the symlink');
    assert.match(first.log, /not used: it is a symbolic link/);
    // 2. A folder anyone may write to.
    const tmp2 = tempDir('gbt27922-robust-tmp-');
    const open = join(tmp2, `gbt27922-cache-${uid}`);
    mkdirSync(open);
    chmodSync(open, 0o777);
    const second = await run(ws.root, env(tmp2));
    assert.deepEqual(chunkFiles(open), []);
    assert.match(second.log, /not used: others may write to it/);
    // 3. Owned by another user (only root can arrange that here).
    if (uid === 0) {
      const tmp3 = tempDir('gbt27922-robust-tmp-');
      const theirs = join(tmp3, `gbt27922-cache-${uid}`);
      mkdirSync(theirs, { mode: 0o700 });
      chownSync(theirs, 65534, 65534);
      const third = await run(ws.root, env(tmp3));
      assert.deepEqual(chunkFiles(theirs), []);
      assert.match(third.log, /not used: it belongs to another user/);
    }
    // 4. Without any of that: a private folder of our own in the temp directory.
    const tmp4 = tempDir('gbt27922-robust-tmp-');
    await run(ws.root, env(tmp4));
    const own = join(tmp4, `gbt27922-cache-${uid}`);
    assert.equal(chunkFiles(own).length, 1);
    assert.equal(lstatSync(own).mode & 0o777, 0o700);
  });

  it('poisoned cache entries (wrong shape, chunks that do not match the text, offsets outside it) are treated as absent', async () => {
    const ws = auditWorkspace();
    const xdg = tempDir('gbt27922-robust-xdg-');
    const env = { XDG_CACHE_HOME: xdg };
    const fresh = await run(ws.root, env);
    const [name] = chunkFiles(join(xdg, 'gbt27922'));
    const file = join(xdg, 'gbt27922', name);
    const original = JSON.parse(readFileSync(file, 'utf8'));
    type Entry = { start: number; first: boolean; model: Record<string, unknown> };
    const poisons: [string, (e: Entry[]) => unknown][] = [
      ['tags is not a list', (e) => e.map((c) => ({ ...c, model: { ...c.model, tags: 'x' } }))],
      ['an invented 100 % entry far outside its chunk', (e) => e.map((c, i) => (i === 0 ? { ...c, model: { ...c.model, entries: [{ form: 'list', tag: 0, score: { kind: 'ok', form: { kind: 'percent', percent: '100' }, start: 1e6, end: 1e6 + 4, text: '100%' }, evidence: '', start: 1e6, end: 1e6 + 9 }] } } : c))],
      ['chunks that are not the text\'s chunks', (e) => [{ ...e[0], model: { ...e[0].model } }]],
      ['an entry pointing at a tag that does not exist', (e) => e.map((c) => ({ ...c, model: { ...c.model, entries: [{ form: 'list', tag: 99999, score: { kind: 'missing' }, evidence: '', start: 0, end: 1 }] } }))],
    ];
    for (const [what, poison] of poisons) {
      const entries = Object.fromEntries(Object.entries(original.entries as Record<string, Entry[]>).map(([h, e]) => [h, poison(e)]));
      writeFileSync(file, JSON.stringify({ ...original, entries }));
      const again = await run(ws.root, env);
      assert.deepEqual(again.diagnostics, fresh.diagnostics, `${what}: the diagnostics are those of a fresh parse`);
    }
  });
});

describe('robustness: a long day of documents outside the workspace (item 11)', function () {
  this.timeout(240000);
  after(() => cleanupTemp());

  it('opening and closing a report from outside the workspace folders (and untitled buffers) keeps no memory: heap growth per cycle ≈ 0', async () => {
    const ws = auditWorkspace();
    const downloads = tempDir('gbt27922-robust-downloads-');
    const REPORT = readFileSync(SAMPLE_AUDIT, 'utf8');
    const MANUAL = '---\ntype: manual\n---\n# 手册\n\n## 售后服务组织\n\n设立售后服务部，配置服务网点，负责维修与投诉处理。\n\n## 培训\n\n定期开展技术培训。\n';
    writeTree(downloads, { 'report.md': REPORT, 'manual.md': MANUAL });
    const manualOutside = fileUri(join(downloads, 'manual.md'));
    const probe = join(tempDir('gbt27922-robust-heap-'), 'heap');
    const client = await LspClient.start({
      folders: [ws.root],
      serverPath: HEAP_PROBE,
      env: { HEAP_PROBE_FILE: probe },
      watchFiles: false,
      initializationOptions: { cacheDir: null, watch: 'none', debounceMs: 0 },
    });
    try {
      await client.waitForIndexed(60000);
      const outside = fileUri(join(downloads, 'report.md'));
      let n = 0;
      const cycle = async () => {
        n++;
        // In turn: the Downloads report, an untitled buffer of its own (VS Code numbers them), and a
        // manual from outside (it gets clause-tag suggestion hints).
        const uri = n % 3 === 1 ? outside : n % 3 === 2 ? `untitled:Untitled-${n}` : manualOutside;
        await client.open(uri, n % 3 === 0 ? MANUAL : REPORT);
        await client.waitForNextDiagnostics(uri, (_d, v) => v !== undefined, 20000);
        await client.close(uri);
      };
      for (let i = 0; i < 100; i++) await cycle();
      const before = await serverHeapMB(client, probe);
      const CYCLES = 1500;
      for (let i = 0; i < CYCLES; i++) await cycle();
      const after = await serverHeapMB(client, probe);
      const perCycleKB = ((after - before) * 1024) / CYCLES;
      console.log(`      heap ${before.toFixed(1)} → ${after.toFixed(1)} MB over ${CYCLES} open/close cycles: ${perCycleKB.toFixed(2)} KB per cycle`);
      // Before the fix about 90 KB a cycle; workspace files 0.5 KB.
      assert.ok(perCycleKB < 2, `${perCycleKB.toFixed(1)} KB kept per open/close cycle`);
    } finally {
      await client.stop();
    }
  });
});

describe('robustness: links and special files appearing while the server runs (items 12, 13)', function () {
  this.timeout(120000);
  after(() => cleanupTemp());

  /** A workspace with a manual and a report; the server watches it (`fs`) or hears of changes from the client. */
  async function serve(watch: 'fs' | 'client', env: NodeJS.ProcessEnv = {}) {
    const ws = auditWorkspace();
    writeTree(ws.root, { 'manual/README.md': '---\ntype: manual\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n' });
    const probe = join(tempDir('gbt27922-robust-heap-'), 'heap');
    // Address space capped at 4 GB: a server that reads /dev/zero dies here instead of taking the machine's memory.
    const client = await LspClient.start({ folders: [ws.root], serverPath: HEAP_PROBE, wrapper: ['prlimit', '--as=4000000000', '--'], env: { HEAP_PROBE_FILE: probe, ...env }, watchFiles: false, initializationOptions: { cacheDir: null, watch: watch === 'fs' ? 'fs' : 'none', debounceMs: 10 } });
    await client.waitForIndexed(60000);
    return { ws, client, probe };
  }

  const symbols = (client: LspClient, query: string) => client.request(WorkspaceSymbolRequest.type, { query }) as Promise<{ location: { uri: string } }[]>;

  for (const watch of ['fs', 'client'] as const) {
    it(`ln -s . loop while the server runs (${watch === 'fs' ? 'its own watcher' : 'the client reports the new paths'}): nothing is indexed twice, no warning moves under loop/`, async () => {
      const { ws, client } = await serve(watch);
      try {
        const before = await symbols(client, '组织');
        assert.ok(before.length >= 1, 'the manual section is found');
        symlinkSync('.', join(ws.root, 'loop'));
        if (watch === 'client') {
          // What a client watcher that follows links would report: the link, and files seen through it.
          await client.filesChanged([
            { uri: fileUri(join(ws.root, 'loop')), type: 1 },
            { uri: fileUri(join(ws.root, 'loop', 'manual', 'README.md')), type: 1 },
            { uri: fileUri(join(ws.root, 'loop', 'audit', '2026-审核报告.md')), type: 1 },
          ]);
        }
        // A new real file is picked up (the watcher works), then the index is compared.
        writeTree(ws.root, { 'manual/extra.md': '---\ntype: manual\n---\n# 补充 [5.1.1.2]\n\n服务网点覆盖销售区域。\n' });
        if (watch === 'client') await client.filesChanged([{ uri: fileUri(join(ws.root, 'manual', 'extra.md')), type: 1 }]);
        await client.poll(() => symbols(client, '补充'), (s) => s.length === 1, 15000, 'the new file to be indexed');
        await delay(500);
        const after = await symbols(client, '组织');
        assert.deepEqual(after.map((s) => s.location.uri).sort(), before.map((s) => s.location.uri).sort(), 'symbol search returns each section once');
        assert.ok(![...client.diagnostics.keys()].some((u) => u.includes('/loop/')), `diagnostics under loop/: ${[...client.diagnostics.keys()].filter((u) => u.includes('/loop/')).join(' ')}`);
      } finally {
        await client.stop();
      }
    });
  }

  it('four FIFOs and a link to /dev/zero named *.md appear: nothing blocks, memory stays put, new files are still indexed, exit ends the server', async () => {
    // Without io_uring (older kernels, containers, Node's default since 20.x) a blocking open runs on
    // one of libuv's four threads: four FIFOs took them all.
    const { ws, client, probe } = await serve('client', { UV_USE_IO_URING: '0', UV_THREADPOOL_SIZE: '4' });
    try {
      const heapBefore = await serverHeapMB(client, probe);
      const created: string[] = [];
      for (let i = 0; i < 4; i++) {
        const p = join(ws.root, `fifo-${i}.md`);
        spawnSync('mkfifo', [p]);
        created.push(p);
      }
      symlinkSync('/dev/zero', join(ws.root, 'zero.md'));
      created.push(join(ws.root, 'zero.md'));
      await client.filesChanged(created.map((p) => ({ uri: fileUri(p), type: 1 as const })));
      await delay(1000);
      writeTree(ws.root, { 'late.md': '---\ntype: manual\n---\n# 后来 [5.1.2.1]\n\n配置技术人员。\n' });
      await client.filesChanged([{ uri: fileUri(join(ws.root, 'late.md')), type: 1 }]);
      await client.poll(() => symbols(client, '后来'), (s) => s.length === 1, 15000, 'a file created after the FIFOs to be indexed');
      assert.ok((await serverHeapMB(client, probe)) - heapBefore < 50, 'no /dev/zero in memory');
      assert.ok(![...client.diagnostics.keys()].some((u) => /fifo-|zero\.md/.test(u)), 'no diagnostics for the FIFOs or the device');
    } finally {
      const started = Date.now();
      const code = await client.stop(10000);
      assert.equal(code, 0, `shutdown + exit ends the server (${Date.now() - started} ms)`);
    }
  });
});
