/**
 * A hostile repository opened in the language server (issue 20, items 1, 2, 5): settings that
 * name /dev/zero or a FIFO, globs that backtrack or overflow, a Markdown symlink out of the
 * workspace. Before, the server grew past 8 GB or never answered `initialize`, or echoed a
 * private file's tags. Now it answers at once, says what it refused where, and reads nothing
 * outside the workspace.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { WorkspaceSymbolRequest, type Diagnostic } from 'vscode-languageserver-protocol';
import { HOSTILE_GLOBS, link, makeFifo, secretNotes, SMALL_AUDIT } from '../fixtures/hostile/hostile';
import { cleanupTemp, fileUri, startServer, tempDir, writeTree, type LspClient } from './helpers';

describe('robustness: a hostile repository in the server (items 1, 2, 5)', function () {
  this.timeout(120000);
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });
  after(() => cleanupTemp());

  const codes = (ds: Diagnostic[]) => ds.map((d) => String(d.code));

  it('a config naming /dev/zero and a report naming a FIFO as their schemes: initialize answers, both refusals reported with the reason', async () => {
    const root = tempDir();
    writeTree(root, { 'gbt27922.config.json': JSON.stringify({ scheme: '/dev/zero' }), 'report.md': SMALL_AUDIT.replace('type: audit', 'type: audit\nscheme: ./fifo.scheme.json') });
    makeFifo(join(root, 'fifo.scheme.json'));
    client = await startServer([root]);
    await client.waitForIndexed(30000);
    const config = await client.waitForDiagnostics(fileUri(join(root, 'gbt27922.config.json')), (d) => d.length > 0);
    assert.deepEqual(codes(config), ['unknown-scheme']);
    assert.match(config[0].message, /\/dev\/zero: it is outside the workspace/);
    const report = await client.waitForDiagnostics(fileUri(join(root, 'report.md')), (d) => codes(d).includes('unknown-scheme'));
    assert.match(report.find((d) => d.code === 'unknown-scheme')!.message, /named pipe \(FIFO\), not a regular file/);
  });

  it('globs that backtrack, use extglobs or run to 70,000 characters: initialize answers, each reported at its position, the other globs still used', async () => {
    const root = tempDir();
    const text = `{\n  "include": [\n    "docs/**/*.md",\n    ${Object.values(HOSTILE_GLOBS).map((g) => JSON.stringify(g)).join(',\n    ')}\n  ]\n}\n`;
    writeTree(root, { 'gbt27922.config.json': text, 'docs/report.md': SMALL_AUDIT, 'other/report.md': SMALL_AUDIT });
    client = await startServer([root]);
    await client.waitForIndexed(30000);
    const ds = await client.waitForDiagnostics(fileUri(join(root, 'gbt27922.config.json')), (d) => d.length === 3);
    assert.deepEqual(ds.map((d) => [d.code, d.range.start.line]), [['invalid-config', 3], ['invalid-config', 4], ['invalid-config', 5]]);
    assert.ok(ds.every((d) => /glob not used/.test(d.message) && d.message.length < 500), ds.map((d) => d.message.slice(0, 120)).join('\n'));
    // docs/**/*.md still selects: that report is analysed, the one in other/ is not.
    await client.waitForDiagnostics(fileUri(join(root, 'docs', 'report.md')), (d) => d.length > 0);
    assert.equal(client.diagnostics.get(fileUri(join(root, 'other', 'report.md'))), undefined);
  });

  it('a Markdown symlink out of the workspace is not read: none of its tags or headings reach diagnostics or symbol search', async () => {
    const root = tempDir();
    const outside = tempDir();
    writeTree(outside, { 'private-notes.md': secretNotes('9.8.7.6') });
    writeTree(root, { 'manual.md': '---\ntype: manual\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n' });
    link(root, 'leak.md', join(outside, 'private-notes.md'));
    client = await startServer([root]);
    await client.waitForIndexed(30000);
    await client.waitForDiagnostics(fileUri(join(root, 'manual.md')), (d) => d.length > 0);
    const symbols = (await client.request(WorkspaceSymbolRequest.type, { query: '私人' })) as unknown[];
    assert.deepEqual(symbols, []);
    assert.equal(client.diagnostics.get(fileUri(join(root, 'leak.md'))), undefined);
    assert.ok(![...client.diagnostics.values()].some((p) => p.diagnostics.some((d) => d.message.includes('9.8.7.6'))));
  });
});
