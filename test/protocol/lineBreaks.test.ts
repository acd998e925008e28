/**
 * Line breaks written in two edits: a `\r` inserted right before an existing `\n` makes one
 * `\r\n`. vscode-languageserver-textdocument's incremental line table counts it as two breaks;
 * the server must still place later edits and diagnostics where a fresh document would.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient } from './lspClient';

describe('protocol: line breaks split over edits', function () {
  let dir: string;
  let client: LspClient;

  afterEach(async function () {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a \\r sent before an existing \\n, then an edit below it, gives the diagnostics of the same text opened fresh', async function () {
    dir = mkdtempSync(join(tmpdir(), 'gbt-crlf-'));
    client = await LspClient.start({ folders: [dir], initializationOptions: { cacheDir: null } });
    await client.waitForIndexed();
    const uri = pathToFileURL(join(dir, 'report.md')).href;
    const text = '---\ntype: audit\n---\n\n- [5.1.1.1] 100% 证据：组织架构图\n';
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (_d, v) => v === 1);
    // Turn the first line break into \r\n, in an edit of its own.
    await client.change(uri, [{ range: { start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, text: '\r' }]);
    // Then mistype the ID on line 4 (0-based): 5.1.1.1 → 5.1.1.9.
    const v = await client.change(uri, [{ range: { start: { line: 4, character: 9 }, end: { line: 4, character: 10 } }, text: '9' }]);
    const unknown = (d: Diagnostic[]) => d.filter((x) => x.code === 'unknown-clause');
    const edited = unknown(await client.waitForDiagnostics(uri, (d, version) => version === v));
    const fresh = '---\r\ntype: audit\n---\n\n- [5.1.1.9] 100% 证据：组织架构图\n';
    const freshUri = pathToFileURL(join(dir, 'fresh.md')).href;
    await client.open(freshUri, fresh);
    const expected = unknown(await client.waitForDiagnostics(freshUri, (_d, version) => version === 1));
    assert.equal(expected.length, 1, 'the fresh document has the unknown ID');
    assert.deepEqual(edited.map((d) => [d.range, d.message]), expected.map((d) => [d.range, d.message]));
  });
});
