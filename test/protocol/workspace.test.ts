/**
 * Workspace set-ups beyond the default: several roots (each with its own config and scheme), the
 * Node IPC transport, indexing on worker threads and the disk cache that spares a re-parse when
 * the workspace is opened again, and a workspace of someone else's Markdown (the prefilter).
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiagnosticSeverity, DidChangeWorkspaceFoldersNotification, DocumentSymbolRequest, FileChangeType, type DocumentSymbol, type LogMessageParams } from 'vscode-languageserver-protocol';
import { DOCUMENT_SCORE_REQUEST, type DocumentScorePayload } from '../../server/src/protocol';
import { fileUri, LspClient } from './lspClient';
import { FILES, SampleWorkspace } from './sampleWorkspace';
import { SERVER_NODE_ARGS } from '../../server/src/launch';

/** Groups: files, parsed, from the disk cache, unchanged, not ours, chunks parsed, workers, workers started. */
const INDEXED = /^indexed (\d+) files in \d+ ms \((\d+) parsed, (\d+) from the disk cache, (\d+) unchanged, (\d+) not ours; (\d+) chunks parsed on (\d+) worker\(s\), (\d+) started; ms: disk cache \d+, discovery \d+, files \d+, diagnostics \d+\)$/;

function logLines(client: LspClient): string[] {
  return client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as LogMessageParams).message);
}

function indexedLine(client: LspClient): RegExpMatchArray | undefined {
  for (const line of logLines(client)) {
    const m = line.match(INDEXED);
    if (m) return m;
  }
  return undefined;
}

describe('protocol: workspaces, transports, workers and the disk cache', function () {
  let ws: SampleWorkspace;
  let client: LspClient | undefined;
  let cacheDir: string | undefined;

  afterEach(async function () {
    await client?.stop();
    client = undefined;
    ws?.dispose();
    if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
    cacheDir = undefined;
  });

  it('multi-root: a nested folder with its own config and extended scheme is scored on its own (zh)', async function () {
    ws = new SampleWorkspace();
    client = await LspClient.start({ folders: [ws.dir, ws.path('custom-scheme')], locale: 'zh-cn', initializationOptions: { cacheDir: null } });
    await client.waitForIndexed();
    const [root] = await client.waitForDiagnostics(ws.uri(FILES.root), (d) => d.length > 0);
    assert.equal(root.message, '手册未覆盖 5.1.6.4（1 分）：重视服务标准化工作，鼓励参与国家、行业有关标准的制定工作');

    const custom = await client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri: ws.uri(FILES.custom) });
    assert.equal(custom.kind, 'audit');
    assert.equal(custom.scheme.id.includes('acme'), true, custom.scheme.id);
    assert.equal(custom.audit?.total, '96.00');
    assert.equal(custom.audit?.tier?.id, 'five-star');
    assert.equal(custom.audit?.verdictText, '五星级');
    assert.equal(custom.audit?.applicableCount, 50);
    const g54 = custom.audit!.groups.find((g) => g.id === '5.4')!;
    assert.deepEqual([g54.value, g54.max], ['1.86', '2.00']);
    await client.open(ws.uri(FILES.custom));
    assert.deepEqual(await client.waitForDiagnostics(ws.uri(FILES.custom), (_d, v) => v === 1), []);

    const main = await client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri: ws.uri(FILES.audit) });
    assert.equal(main.audit?.total, '92.00');
    assert.equal(main.audit?.verdictText, '四星级');
    assert.equal(main.locale, 'zh');
  });

  it('multi-root: a folder removed from the workspace takes its diagnostics with it', async function () {
    ws = new SampleWorkspace();
    client = await LspClient.start({ folders: [ws.path('manual'), ws.path('audit')], initializationOptions: { cacheDir: null } });
    await client.waitForIndexed();
    await client.waitForDiagnostics(ws.uri(FILES.root), (d) => d.length === 1);
    await client.notify(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [{ uri: fileUri(ws.path('manual')), name: 'manual' }] } });
    assert.deepEqual(await client.waitForDiagnostics(ws.uri(FILES.root), (d) => d.length === 0), []);
  });

  it('no workspace folder: an opened report is still analysed on its own', async function () {
    ws = new SampleWorkspace();
    // As of 2026-04-01 none of the report's NCs is due yet (a report alone cannot see the later one that follows them up).
    client = await LspClient.start({ folders: [], initializationOptions: { cacheDir: null, asOf: '2026-04-01' } });
    const uri = ws.uri(FILES.audit);
    await client.open(uri);
    assert.deepEqual(await client.waitForDiagnostics(uri, (_d, v) => v === 1), []);
    const p = await client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri });
    assert.equal(p.audit?.total, '92.00');
    // Evidence links are checked from the report's own directory.
    await client.change(uri, ws.text(FILES.audit).replace('evidence/staff-roster.md', 'evidence/missing.md'));
    const d = await client.waitForDiagnostics(uri, (_d, v) => v === 2);
    assert.deepEqual(
      d.map((x) => [x.code, x.range.start.line]),
      [['broken-evidence-link', ws.find(FILES.audit, 'evidence/staff-roster.md').line]],
    );
  });

  it('a config naming an unknown scheme is reported on the config file; the default scheme is used meanwhile', async function () {
    ws = new SampleWorkspace();
    writeFileSync(ws.path(FILES.config), ws.text(FILES.config).replace('"scheme": "gbt27922-2011"', '"scheme": "gbt27922-2099"'));
    client = await LspClient.start({ folders: [ws.dir], initializationOptions: { cacheDir: null } });
    await client.waitForIndexed();
    const [d] = await client.waitForDiagnostics(ws.uri(FILES.config), (x) => x.length > 0);
    assert.equal(d.code, 'unknown-scheme');
    assert.match(d.message, /gbt27922-2099/);
    assert.equal(d.range.start.line, ws.find(FILES.config, '"scheme"').line);
    assert.equal((await client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri: ws.uri(FILES.audit) })).audit?.total, '92.00');
    // Fixed in the editor (not saved): the problem goes away.
    await client.open(ws.uri(FILES.config), ws.text(FILES.config).replace('gbt27922-2099', 'gbt27922-2011'), 'json');
    assert.deepEqual(await client.waitForDiagnostics(ws.uri(FILES.config), (x) => x.length === 0), []);
  });

  it('Node IPC transport: same diagnostics as over stdio', async function () {
    ws = new SampleWorkspace();
    client = await LspClient.start({ folders: [ws.dir], transport: 'ipc', initializationOptions: { cacheDir: null } });
    await client.waitForIndexed();
    const [d] = await client.waitForDiagnostics(ws.uri(FILES.root), (x) => x.length > 0);
    assert.equal(d.code, 'uncovered-item');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    const p = await client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri: ws.uri(FILES.audit) });
    assert.equal(p.audit?.total, '92.00');
  });

  it('indexes on two worker threads, and a second start takes every file from the disk cache (with and without the recommended node arguments)', async function () {
    ws = new SampleWorkspace();
    cacheDir = mkdtempSync(join(tmpdir(), 'gbt27922-cache-'));
    // Started as the VS Code client starts it.
    client = await LspClient.start({ folders: [ws.dir], initializationOptions: { cacheDir, workers: 2 }, nodeArgs: [...SERVER_NODE_ARGS] });
    await client.waitForIndexed();
    await client.waitFor(() => indexedLine(client!) !== undefined, 10000, 'the indexing log line');
    assert.ok(logLines(client).some((l) => l.includes(`node arguments: ${SERVER_NODE_ARGS.join(' ')}`)), logLines(client).join('\n'));
    assert.ok(!logLines(client).some((l) => l.startsWith('started without')), logLines(client).join('\n'));
    const first = indexedLine(client)!;
    // The 7 evidence files are not ours (the prefilter): scanned, not parsed.
    assert.deepEqual([first[1], first[2], first[3], first[5], first[7], first[8]], ['16', '9', '0', '7', '2', '2']);
    assert.ok(Number(first[6]) >= 9, `chunks parsed: ${first[6]}`);
    const before = (await client.waitForDiagnostics(ws.uri(FILES.root), (d) => d.length > 0)).map((d) => d.message);
    await client.stop();

    // Started as a plain `node dist/server.js --stdio`: it works the same and says what it lacks.
    client = await LspClient.start({ folders: [ws.dir], initializationOptions: { cacheDir, workers: 2 } });
    await client.waitForIndexed();
    await client.waitFor(() => indexedLine(client!) !== undefined, 10000, 'the indexing log line');
    assert.ok(logLines(client).some((l) => l.startsWith(`started without ${SERVER_NODE_ARGS.join(' ')}:`)), logLines(client).join('\n'));
    const second = indexedLine(client)!;
    assert.deepEqual([second[1], second[2], second[3], second[5], second[6]], ['16', '0', '9', '7', '0']);
    const after = (await client.waitForDiagnostics(ws.uri(FILES.root), (d) => d.length > 0)).map((d) => d.message);
    assert.deepEqual(after, before);
    assert.equal((await client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri: ws.uri(FILES.audit) })).audit?.total, '92.00');
  });

  it('a workspace of foreign Markdown: every file scanned, none parsed, no worker started, no disk cache; an opened file is analysed, a tag added on disk brings its file in', async function () {
    const dir = mkdtempSync(join(tmpdir(), 'gbt27922-foreign-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'gbt27922-cache-'));
    const foreign: Record<string, string> = {
      'README.md': '# Tool\n\nSee [3.9.0](https://e.com/v3.9.0) and section [7.6.1.1](http://es5.github.io/#x7.6.1.1).\n\n## Install\n\n```sh\nnpm i tool\n```\n',
      'CHANGELOG.md': '# Changelog\n\n## 1.2.3 - 2020-01-01\n\n- Fixed [#12](https://e.com/12)\n',
      'docs/guide.md': '---\ntitle: Guide\ntype: docs\n---\n\n# Guide\n\n| Version | Node |\n| --- | --- |\n| 1.2.3 | 14.17 |\n',
      'docs/api.md': '# API\n\n## parse(text)\n\nReturns `{ version: 1.2 }`, an object.\n',
    };
    for (const [rel, text] of Object.entries(foreign)) {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), text);
    }
    try {
      client = await LspClient.start({ folders: [dir], initializationOptions: { cacheDir, workers: 2 }, nodeArgs: [...SERVER_NODE_ARGS] });
      await client.waitForIndexed();
      await client.waitFor(() => indexedLine(client!) !== undefined, 10000, 'the indexing log line');
      const line = indexedLine(client)!;
      // files, parsed, from the disk cache, unchanged, not ours, chunks parsed, workers, started
      assert.deepEqual(line.slice(1, 9), ['4', '0', '0', '0', '4', '0', '2', '0'], line[0]);
      assert.deepEqual(readdirSync(cacheDir).filter((f) => f.endsWith('.chunks.json')), []);
      assert.deepEqual(client.publishes.filter((p) => p.diagnostics.length > 0), []);

      // Opened in the editor, a foreign file is analysed in full: its outline has its headings.
      const readme = fileUri(join(dir, 'README.md'));
      await client.open(readme);
      const symbols = await client.poll(
        () => client!.request(DocumentSymbolRequest.type, { textDocument: { uri: readme } }) as Promise<DocumentSymbol[] | null>,
        (s) => (s?.length ?? 0) > 0,
        10000,
        'the outline of the opened README',
      );
      assert.deepEqual(
        symbols!.flatMap((s) => [s.name, ...(s.children ?? []).map((c) => c.name)]),
        ['Tool', 'Install'],
      );
      await client.close(readme);

      // A tag written into a watched file on disk: the file is ours at once (a manual, inferred).
      const api = join(dir, 'docs', 'api.md');
      writeFileSync(api, `${foreign['docs/api.md']}\n## [5.1.1.1] 售后服务管理\n\n设专职售后服务管理部门。\n`);
      await client.filesChanged([{ uri: fileUri(api), type: FileChangeType.Changed }]);
      const d = await client.waitForDiagnostics(fileUri(api), (x) => x.some((y) => y.code === 'uncovered-item'));
      assert.equal(d.filter((x) => x.code === 'uncovered-item').length, 49);
      await client.stop();
      client = undefined;
      // Now there is something to cache.
      assert.equal(readdirSync(cacheDir).filter((f) => f.endsWith('.chunks.json')).length, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the disk cache goes under initializationOptions.storagePath, never into the workspace', async function () {
    ws = new SampleWorkspace();
    cacheDir = mkdtempSync(join(tmpdir(), 'gbt27922-storage-'));
    client = await LspClient.start({ folders: [ws.dir], initializationOptions: { storagePath: cacheDir } });
    await client.waitForIndexed();
    await client.stop();
    client = undefined;
    const files = readdirSync(join(cacheDir, 'gbt27922-cache'));
    assert.equal(files.filter((f) => f.endsWith('.chunks.json')).length, 1, files.join(' '));
    const inWorkspace = readdirSync(ws.dir, { recursive: true }).map(String).filter((f) => f.endsWith('.chunks.json'));
    assert.deepEqual(inWorkspace, []);
  });
});
