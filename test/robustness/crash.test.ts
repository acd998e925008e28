/**
 * Crash recovery at the protocol level: the server process is killed (SIGKILL, mid-work) and a
 * fresh one rebuilds every file's diagnostics from disk, reusing the disk cache; a cache file
 * that is half-written or garbage is ignored (the server starts, re-parses and answers). The
 * client's own restart is the VS Code extension's part (tested in the real VS Code layer).
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HoverRequest, type Diagnostic } from 'vscode-languageserver-protocol';
import {
  auditWorkspace,
  cleanupTemp,
  DOCUMENT_SCORE,
  fileUri,
  normalizeDiagnostics,
  startServer,
  tempDir,
  type LspClient,
} from './helpers';

function indexedLog(client: LspClient): string {
  const logs = client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
  return logs.find((m) => m.startsWith('indexed ')) ?? '';
}

function cacheFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.chunks.json'))
    .map((f) => join(dir, f));
}

describe('robustness: crash recovery', function () {
  this.timeout(90000);
  const clients: LspClient[] = [];
  let ws: ReturnType<typeof auditWorkspace>;
  let cacheDir: string;
  let reportUri: string;
  let expected: string[];

  const start = async () => {
    const c = await startServer([ws.root], { cacheDir });
    clients.push(c);
    await c.waitForIndexed(60000);
    return c;
  };
  const reportDiagnostics = (c: LspClient): Promise<Diagnostic[]> => c.waitForDiagnostics(reportUri, (d) => d.length > 0, 20000);

  before(async () => {
    ws = auditWorkspace();
    cacheDir = tempDir('gbt27922-robust-cache-');
    reportUri = fileUri(ws.report);
    const first = await start();
    expected = normalizeDiagnostics(await reportDiagnostics(first));
    assert.ok(expected.length > 0, 'the sample report has diagnostics to compare');
    await first.stop();
    assert.equal(cacheFiles(cacheDir).length, 1, 'a clean shutdown leaves the disk cache');
  });

  after(async () => {
    for (const c of clients) if (c.isRunning) c.process.kill('SIGKILL');
    for (const c of clients) await c.stop(1000).catch(() => undefined);
    cleanupTemp();
  });

  it('SIGKILL mid-work, then a fresh server: diagnostics rebuilt from disk, unchanged files from the cache', async () => {
    const victim = await start();
    await victim.open(reportUri, ws.text);
    // An unsaved edit that changes the total: 5.1.1.1 (1 point) from 100% to 10% → 91.08.
    const edited = ws.text.replace('- [5.1.1.1] 100% ', '- [5.1.1.1] 10% ');
    assert.notEqual(edited, ws.text, 'the edit applies');
    await victim.change(reportUri, edited);
    const live = await victim.poll(
      () => victim.requestRaw<{ version?: number; audit?: { total: string } }>(DOCUMENT_SCORE, { uri: reportUri }),
      (p) => p.version === 2 && p.audit?.total !== undefined,
      20000,
      'the edited total',
    );
    assert.equal(live.audit!.total, '91.08', 'the killed session saw its edit');
    const exited = new Promise((r) => victim.process.once('exit', r));
    victim.process.kill('SIGKILL');
    await exited;
    assert.equal(victim.isRunning, false);

    const fresh = await start();
    const ds = await reportDiagnostics(fresh);
    assert.deepEqual(normalizeDiagnostics(ds), expected, 'the disk text, not the killed session\'s unsaved edit');
    assert.match(indexedLog(fresh), /[1-9]\d* from the disk cache/, indexedLog(fresh));
    const payload = await fresh.requestRaw<{ kind: string; audit?: { total: string } }>(DOCUMENT_SCORE, { uri: reportUri });
    assert.equal(payload.kind, 'audit');
    assert.equal(payload.audit?.total, '92.00', "the disk's total (samples/EXPECTED.md), not the killed session's 91.08");
    await fresh.stop();
  });

  for (const [name, corrupt] of [
    ['half-written', (f: string) => writeFileSync(f, readFileSync(f).subarray(0, Math.floor(statSync(f).size / 2)))],
    ['garbage', (f: string) => writeFileSync(f, Buffer.from('not JSON, not a cache \u0000\u00ff'.repeat(100)))],
    ['empty', (f: string) => writeFileSync(f, '')],
  ] as const) {
    it(`a ${name} disk cache file: the server starts, re-parses and answers`, async () => {
      const files = cacheFiles(cacheDir);
      assert.ok(files.length >= 1, 'a cache file to corrupt');
      for (const f of files) corrupt(f);
      const c = await start();
      const ds = await reportDiagnostics(c);
      assert.deepEqual(normalizeDiagnostics(ds), expected);
      assert.match(indexedLog(c), / 0 from the disk cache/, indexedLog(c));
      // On the tag of `- [5.1.1.2] 100% …` (line 32 of samples/audit/2026-审核报告.md).
      const hover = await c.request(HoverRequest.type, { textDocument: { uri: reportUri }, position: { line: 31, character: 5 } });
      assert.ok(hover, 'hover answers');
      assert.ok(!/uncaught exception|unhandled rejection/i.test(c.stderr));
      await c.stop();
      // The next clean shutdown wrote a good cache again.
      const again = await start();
      assert.match(indexedLog(again), /[1-9]\d* from the disk cache/, indexedLog(again));
      await again.stop();
    });
  }
});
