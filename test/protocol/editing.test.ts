/**
 * The workspace index kept current: editor changes (incremental), quick fixes applied and
 * re-checked, files deleted / renamed / created on disk (workspace/didChangeWatchedFiles and the
 * server's own fs.watch fallback), config changes, severity settings. Each test works on its
 * own copy of samples/ with its own server.
 */
import { strict as assert } from 'node:assert';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import {
  CodeActionKind,
  CodeActionRequest,
  CodeActionResolveRequest,
  CodeLensRequest,
  DiagnosticSeverity,
  FileChangeType,
  ReferencesRequest,
  type CodeAction,
  type Diagnostic,
  type Location,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { DOCUMENT_SCORE_NOTIFICATION, DOCUMENT_SCORE_REQUEST, type DocumentScorePayload } from '../../server/src/protocol';
import { applyTextEdits, LspClient, type LspClientOptions } from './lspClient';
import { FILES, lineStartingWith, positionOf, SampleWorkspace } from './sampleWorkspace';

const ids = (diags: Diagnostic[]) => diags.filter((d) => d.code === 'uncovered-item').map((d) => (d.data as { itemId: string }).itemId);

describe('protocol: keeping the index current', function () {
  let ws: SampleWorkspace;
  let client: LspClient;

  async function start(options: LspClientOptions = {}): Promise<void> {
    ws = new SampleWorkspace();
    // As of 2026-04-01 no NC of the initial audit is due yet: its diagnostics are those of its scores alone.
    client = await LspClient.start({ folders: [ws.dir], ...options, initializationOptions: { cacheDir: null, asOf: '2026-04-01', ...options.initializationOptions } });
    await client.waitForIndexed();
  }

  afterEach(async function () {
    await client?.stop();
    ws?.dispose();
  });

  const score = (rel: string) => client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri: ws.uri(rel) });
  const rootDiagnostics = (predicate: (d: Diagnostic[]) => boolean) => client.waitForDiagnostics(ws.uri(FILES.root), predicate);

  it('an edit that covers 5.1.6.4 clears its diagnostic on the root file; undoing it brings it back', async function () {
    await start();
    await rootDiagnostics((d) => ids(d).join() === '5.1.6.4');
    const uri = ws.uri(FILES.manual1);
    await client.open(uri);
    const at = lineStartingWith(ws.text(FILES.manual1), '## 5.1.7 服务文化');
    const insert = '### 服务标准化 [5.1.6.4]\n\n公司参与起草 T/CAS 家电售后服务规范团体标准，并在本手册中规定服务标准化工作。\n\n';
    await client.change(uri, [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, text: insert }]);
    assert.deepEqual(await rootDiagnostics((d) => d.length === 0), []);
    const m = (await score(FILES.manual1)).manual!;
    assert.deepEqual([m.coveredPoints, m.coveredCount, m.uncovered.length], ['100', 50, 0]);
    // The edited file itself gets nothing new.
    assert.deepEqual(await client.waitForDiagnostics(uri, (_d, v) => v === 2), []);

    const lines = insert.split('\n').length - 1;
    await client.change(uri, [{ range: { start: { line: at, character: 0 }, end: { line: at + lines, character: 0 } }, text: '' }]);
    await rootDiagnostics((d) => ids(d).join() === '5.1.6.4');
    assert.equal((await score(FILES.manual1)).manual!.coveredPoints, '99');
  });

  it('an edit in an audit report rescores it live (panel notification) and flags a bad score', async function () {
    await start();
    const uri = ws.uri(FILES.audit);
    await client.open(uri);
    const pos = ws.find(FILES.audit, '- [5.1.2.2] 4/5', 12);
    // 4/5 → 5/5: earned 91.16 of 98 → 93.02 after −1 +1.
    await client.change(uri, [{ range: { start: pos, end: { line: pos.line, character: pos.character + 3 } }, text: '5/5' }]);
    const n = await client.waitForNotification<DocumentScorePayload>(DOCUMENT_SCORE_NOTIFICATION, (p) => p.uri === uri && p.version === 2);
    assert.equal(n.audit?.total, '93.02');
    assert.equal(n.audit?.tier?.id, 'four-star');
    // 5/5 → 5/6: the maximum must be the item's points.
    await client.change(uri, [{ range: { start: { line: pos.line, character: pos.character + 2 }, end: { line: pos.line, character: pos.character + 3 } }, text: '6' }]);
    const d = await client.waitForDiagnostics(uri, (_d, v) => v === 3);
    assert.deepEqual(
      d.map((x) => [x.code, x.severity, x.range.start.line]),
      [['max-mismatch', DiagnosticSeverity.Error, pos.line]],
    );
    assert.match(d[0].message, /5\/6 for 5\.1\.2\.2: the maximum must be the item's points \(5\), not 6/);
  });

  it('rapid edits: the last version is analysed and nothing older is published after it', async function () {
    await start();
    const uri = ws.uri(FILES.audit);
    await client.open(uri);
    const original = ws.text(FILES.audit);
    let version = 1;
    for (let i = 0; i < 12; i++) version = await client.change(uri, original.replace('- [5.1.2.2] 4/5', `- [5.1.2.2] 4/${6 + i}`));
    version = await client.change(uri, original.replace('- [5.1.2.2] 4/5', '- [5.1.2.2] 3/5'));
    assert.deepEqual(await client.waitForDiagnostics(uri, (_d, v) => v === version), []);
    const n = await client.waitForNotification<DocumentScorePayload>(DOCUMENT_SCORE_NOTIFICATION, (p) => p.uri === uri && p.version === version);
    assert.equal(n.audit?.total, '90.98'); // (90.16 − 1) / 98 × 100 − 1 + 1
    const versions = client.publishes.filter((p) => p.uri === uri).map((p) => p.version ?? 0);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), `published versions go back: ${versions.join(',')}`);
    const notified = client.notifications.filter((x) => x.method === DOCUMENT_SCORE_NOTIFICATION && (x.params as DocumentScorePayload).uri === uri).map((x) => (x.params as DocumentScorePayload).version ?? 0);
    assert.deepEqual(notified, [...notified].sort((a, b) => a - b), `panel versions go back: ${notified.join(',')}`);
  });

  it('a manual file deleted from disk drops its coverage; created again, it is back', async function () {
    await start();
    await rootDiagnostics((d) => ids(d).join() === '5.1.6.4');
    const chapter3 = ws.text(FILES.manual3);
    const refreshes = client.codeLensRefreshes;
    rmSync(ws.path(FILES.manual3));
    await client.filesChanged([{ uri: ws.uri(FILES.manual3), type: FileChangeType.Deleted }]);
    const d = await rootDiagnostics((x) => x.length > 1);
    assert.deepEqual(ids(d).sort(), ['5.1.6.4', '5.3.1.1', '5.3.1.2', '5.3.1.3', '5.3.1.4', '5.3.1.5', '5.3.2.1', '5.3.2.2', '5.3.2.3']);
    // The table of contents links to the deleted chapter.
    const broken = d.filter((x) => x.code === 'broken-evidence-link');
    assert.deepEqual(
      broken.map((x) => [x.range.start.line, x.message.includes('03-顾客服务.md')]),
      [[ws.find(FILES.root, '(03-顾客服务.md)').line, true]],
    );
    const m = (await score(FILES.root)).manual!;
    assert.deepEqual([m.coveredPoints, m.coveredCount, m.files.length], ['74', 41, 3]);
    // Code lenses of the root changed without an edit there: the client is asked to re-query them.
    await client.waitFor(() => client.codeLensRefreshes > refreshes, 10000, 'workspace/codeLens/refresh');
    const lenses = await client.request(CodeLensRequest.type, { textDocument: { uri: ws.uri(FILES.root) } });
    assert.ok(
      lenses?.some((l) => /74 \/ 100 points/.test(l.command?.title ?? '')),
      JSON.stringify(lenses?.map((l) => l.command?.title)),
    );

    writeFileSync(ws.path(FILES.manual3), chapter3);
    await client.filesChanged([{ uri: ws.uri(FILES.manual3), type: FileChangeType.Created }]);
    await rootDiagnostics((x) => ids(x).join() === '5.1.6.4');
    assert.equal((await score(FILES.root)).manual!.coveredPoints, '99');
  });

  it('a renamed file (delete + create events) keeps its coverage under the new name', async function () {
    await start();
    const renamed = 'manual/02-商品服务-v2.md';
    renameSync(ws.path(FILES.manual2), ws.path(renamed));
    await client.filesChanged([
      { uri: ws.uri(FILES.manual2), type: FileChangeType.Deleted },
      { uri: ws.uri(renamed), type: FileChangeType.Created },
    ]);
    const { manual: m } = await client.poll(() => score(FILES.root), (p) => p.manual!.files.includes(renamed), 10000, 'the renamed file in the manual');
    assert.equal(m!.coveredPoints, '99');
    assert.ok(m!.files.includes(renamed) && !m!.files.includes(FILES.manual2), m!.files.join(' '));
    const refs = (await client.request(ReferencesRequest.type, {
      textDocument: { uri: ws.uri(FILES.audit) },
      position: ws.find(FILES.audit, '5.2.4.1'),
      context: { includeDeclaration: true },
    })) as Location[];
    assert.ok(refs.some((r) => r.uri === ws.uri(renamed)));
    assert.ok(!refs.some((r) => r.uri === ws.uri(FILES.manual2)));
  });

  it('a changed config file (manualRoot) moves the uncovered report to the new root', async function () {
    await start();
    await rootDiagnostics((d) => ids(d).join() === '5.1.6.4');
    const config = JSON.parse(ws.text(FILES.config));
    config.manualRoot = FILES.manual1;
    writeFileSync(ws.path(FILES.config), JSON.stringify(config, null, 2));
    await client.filesChanged([{ uri: ws.uri(FILES.config), type: FileChangeType.Changed }]);
    const d = await client.waitForDiagnostics(ws.uri(FILES.manual1), (x) => x.length > 0);
    assert.deepEqual(ids(d), ['5.1.6.4']);
    assert.deepEqual(await rootDiagnostics((x) => x.length === 0), []);
  });

  it('quick fix: insert a stub section for the uncovered item in clause order; applied, the diagnostic clears', async function () {
    await start();
    const rootUri = ws.uri(FILES.root);
    const [diag] = await rootDiagnostics((d) => ids(d).join() === '5.1.6.4');
    const actions = (await client.request(CodeActionRequest.type, { textDocument: { uri: rootUri }, range: diag.range, context: { diagnostics: [diag], only: [CodeActionKind.QuickFix] } })) as CodeAction[];
    let fix = actions.find((a) => a.kind === CodeActionKind.QuickFix && a.title.includes('5.1.6.4'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    if (!fix.edit) fix = await client.request(CodeActionResolveRequest.type, fix);
    const changed = applyWorkspaceEdit(fix.edit!);
    assert.deepEqual(Object.keys(changed), [ws.uri(FILES.manual1)], 'the stub goes into the chapter of 5.1.6');
    const after = changed[ws.uri(FILES.manual1)];
    // After the section holding 5.1.6.3 ("认证情况") and before 5.1.7.
    const stub = after.indexOf('[5.1.6.4]');
    assert.ok(stub > after.indexOf('【５．１．６．３】') && stub < after.indexOf('## 5.1.7 服务文化'), after.slice(after.indexOf('### 认证情况'), after.indexOf('## 5.1.7') + 20));
    assert.ok(after.includes('重视服务标准化工作'));
    // Applied as an editor would: the document opens with the edited text.
    await client.open(ws.uri(FILES.manual1), after);
    assert.deepEqual(await rootDiagnostics((d) => d.length === 0), []);
    assert.deepEqual(await client.waitForDiagnostics(ws.uri(FILES.manual1), (_d, v) => v === 1), []);
    assert.equal((await score(FILES.root)).manual!.coveredPoints, '100');

    function applyWorkspaceEdit(edit: WorkspaceEdit): Record<string, string> {
      const out: Record<string, string> = {};
      const apply = (uri: string, edits: TextEdit[]) => (out[uri] = applyTextEdits(out[uri] ?? ws.text(decodeURIComponent(uri.slice(`file://${ws.dir}/`.length))), edits));
      for (const [uri, edits] of Object.entries(edit.changes ?? {})) apply(uri, edits);
      for (const c of (edit.documentChanges ?? []) as TextDocumentEdit[]) apply(c.textDocument.uri, c.edits as TextEdit[]);
      return out;
    }
  });

  it('quick fix: a mistyped ID is replaced by the suggested one', async function () {
    await start();
    const uri = ws.uri(FILES.manual1);
    const text = ws.text(FILES.manual1).replace('售后服务管理师配置 [5.1.2.2]', '售后服务管理师配置 [5.1.2.3]');
    await client.open(uri, text);
    const d = await client.waitForDiagnostics(uri, (x, v) => v === 1 && x.length > 0);
    const unknown = d.find((x) => x.code === 'unknown-clause')!;
    assert.ok(unknown, JSON.stringify(d));
    assert.equal(unknown.severity, DiagnosticSeverity.Error);
    assert.deepEqual(unknown.range.start, positionOf(text, '[5.1.2.3]', 1));
    assert.match(unknown.message, /5\.1\.2\.3/);
    await rootDiagnostics((x) => ids(x).sort().join() === '5.1.2.2,5.1.6.4');
    const actions = (await client.request(CodeActionRequest.type, { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } })) as CodeAction[];
    const fix = actions.find((a) => a.title.includes('5.1.2.2'));
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => a.title)));
    const edits = fix.edit.changes?.[uri] ?? (fix.edit.documentChanges as TextDocumentEdit[])[0].edits;
    const fixed = applyTextEdits(text, edits as TextEdit[]);
    assert.equal(fixed, ws.text(FILES.manual1));
    await client.change(uri, fixed);
    assert.deepEqual(await client.waitForDiagnostics(uri, (_x, v) => v === 2), []);
    await rootDiagnostics((x) => ids(x).join() === '5.1.6.4');
  });

  it('severity from the editor settings: error, then off (workspace/didChangeConfiguration)', async function () {
    await start({ configuration: { gbt27922: { severity: { 'uncovered-item': 'error' } } } });
    const [d] = await rootDiagnostics((x) => x.length === 1 && x[0].severity === DiagnosticSeverity.Error);
    assert.equal(d.code, 'uncovered-item');
    await client.configurationChanged({ gbt27922: { severity: { 'uncovered-item': 'off' } } });
    assert.deepEqual(await rootDiagnostics((x) => x.length === 0), []);
  });

  it('scheme and manualRoot from the editor settings stand in for what the config file leaves unset', async function () {
    ws = new SampleWorkspace();
    const config = JSON.parse(ws.text(FILES.config));
    delete config.manualRoot;
    delete config.scheme;
    writeFileSync(ws.path(FILES.config), JSON.stringify(config));
    client = await LspClient.start({
      folders: [ws.dir],
      initializationOptions: { cacheDir: null },
      configuration: { gbt27922: { manualRoot: FILES.manual2, scheme: 'ten-star' } },
    });
    await client.waitForIndexed();
    assert.deepEqual(ids(await client.waitForDiagnostics(ws.uri(FILES.manual2), (d) => d.length > 0)), ['5.1.6.4']);
    assert.ok(client.configurationRequests.length > 0);
    // A report naming its scheme in the front matter keeps it; the manual follows the folder's.
    assert.equal((await score(FILES.manual1)).scheme.id, 'ten-star');
    assert.equal((await score(FILES.audit)).scheme.id, 'gbt27922-2011');
    // Settings changed: without manualRoot the file marked `root: true` is the root again.
    await client.configurationChanged({ gbt27922: {} });
    await rootDiagnostics((d) => ids(d).join() === '5.1.6.4');
    assert.deepEqual(await client.waitForDiagnostics(ws.uri(FILES.manual2), (d) => d.length === 0), []);
    assert.equal((await score(FILES.manual1)).scheme.id, 'gbt27922-2011');
    // The config file wins over a setting.
    await client.configurationChanged({ gbt27922: { manualRoot: FILES.manual3 } });
    await client.waitForDiagnostics(ws.uri(FILES.manual3), (d) => d.length > 0);
    writeFileSync(ws.path(FILES.config), JSON.stringify({ ...config, manualRoot: FILES.manual1 }));
    await client.filesChanged([{ uri: ws.uri(FILES.config), type: FileChangeType.Changed }]);
    assert.deepEqual(ids(await client.waitForDiagnostics(ws.uri(FILES.manual1), (d) => d.length > 0)), ['5.1.6.4']);
    assert.deepEqual(await client.waitForDiagnostics(ws.uri(FILES.manual3), (d) => d.length === 0), []);
  });

  it('without client file watching the server watches the disk itself (fs.watch)', async function () {
    await start({ watchFiles: false });
    assert.equal([...client.registrations.values()].filter((r) => r.method === 'workspace/didChangeWatchedFiles').length, 0);
    await rootDiagnostics((d) => ids(d).join() === '5.1.6.4');
    rmSync(ws.path(FILES.manual3));
    const d = await rootDiagnostics((x) => ids(x).length === 9);
    assert.ok(ids(d).includes('5.3.2.2'));
  });
});
