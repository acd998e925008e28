/**
 * Issue 18, item 4 at the protocol layer: `.MD` / `.Markdown` files are found by the server's
 * discovery, by its own file watcher, and by the globs it asks the client to watch.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { EMPTY_AUDIT, fullReport } from '../fixtures/verdicts';
import { fileUri, LspClient } from './lspClient';

describe('protocol: file extensions in any case (issue 18, item 4)', function () {
  let dir: string;
  let client: LspClient | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gbt27922-ext-case-'));
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', '审核报告.MD'), EMPTY_AUDIT);
    writeFileSync(join(dir, 'docs', '手册.Markdown'), '---\ntype: manual\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n');
  });

  afterEach(async () => {
    await client?.stop();
    client = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexing finds 审核报告.MD and 手册.Markdown and publishes their diagnostics', async function () {
    client = await LspClient.start({ folders: [dir], initializationOptions: { cacheDir: null } });
    await client.waitForIndexed();
    const report = await client.waitForDiagnostics(fileUri(join(dir, 'docs', '审核报告.MD')), (d) => d.length > 0);
    assert.equal(report.filter((d) => d.code === 'unscored-item' && d.severity === DiagnosticSeverity.Error).length, 50);
    const manual = await client.waitForDiagnostics(fileUri(join(dir, 'docs', '手册.Markdown')), (d) => d.length > 0);
    assert.equal(manual.filter((d) => d.code === 'uncovered-item').length, 49);
  });

  it('the globs the client is asked to watch match .MD and .Markdown', async function () {
    client = await LspClient.start({ folders: [dir], initializationOptions: { cacheDir: null } });
    await client.waitForIndexed();
    const watchers = [...client.registrations.values()].filter((r) => r.method === 'workspace/didChangeWatchedFiles');
    const globs = (watchers[0].registerOptions as { watchers: { globPattern: string; kind?: number }[] }).watchers.filter((w) => w.kind === undefined).map((w) => w.globPattern);
    const watched = (p: string) => globs.some((g) => picomatch(g)(p));
    for (const p of ['docs/审核报告.MD', 'a/b/手册.Markdown', 'x.md', 'x.markdown', 'X.mD']) assert.ok(watched(p), `${p} is watched by ${globs.join(' ')}`);
    assert.ok(!watched('x.mdx') && !watched('x.txt'));
  });

  it('without client watching, the server\'s own watcher picks up a new .MD report', async function () {
    client = await LspClient.start({ folders: [dir], watchFiles: false, initializationOptions: { cacheDir: null } });
    await client.waitForIndexed();
    const added = join(dir, 'docs', '新报告.MD');
    writeFileSync(added, fullReport({ '5.1.1.1': null }));
    const ds = await client.waitForDiagnostics(fileUri(added), (d) => d.length > 0, 15000);
    assert.deepEqual(ds.filter((d) => d.code === 'unscored-item').map((d) => d.message.split(':')[0]), ['5.1.1.1 (worth 1) is applicable but not scored']);
  });
});
