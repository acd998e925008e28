/**
 * The certification cycle, live, over stdio (samples/EXPECTED.md §5): an edit in one report
 * changes what the reports of its cycle show — adding the missing follow-up clears
 * nc-not-followed-up in the surveillance audit and the overdue NC in the initial one; editing
 * the initial audit changes the surveillance audit's comparison; the `gbt27922.asOfDate`
 * setting moves every status — and previous: chains that loop, name themselves or run 50
 * reports deep are answered at once.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { DOCUMENT_SCORE_REQUEST, type DocumentScorePayload } from '../../server/src/protocol';
import { fileUri, LspClient } from './lspClient';
import { FILES, SampleWorkspace } from './sampleWorkspace';

const codes = (d: { code?: string | number; range: { start: { line: number } } }[]) => d.map((x) => `${x.range.start.line + 1} ${x.code}`);

describe('protocol: the certification cycle, live', function () {
  let ws: SampleWorkspace;
  let client: LspClient;
  const score = (uri: string) => client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri });

  before(async function () {
    ws = new SampleWorkspace();
    client = await LspClient.start({ folders: [ws.dir], initializationOptions: { cacheDir: null, debounceMs: 0 }, configuration: { gbt27922: { asOfDate: '2027-06-30' } } });
    await client.waitForIndexed();
    await client.waitForDiagnostics(ws.uri(FILES.surveillance), (d) => d.length > 0);
  });

  after(async function () {
    await client?.stop();
    ws?.dispose();
  });

  it('a follow-up typed into the surveillance audit clears its nc-not-followed-up, and the initial audit stops calling that NC overdue', async function () {
    const surv = ws.uri(FILES.surveillance);
    const initial = ws.uri(FILES.audit);
    assert.deepEqual(codes(client.diagnostics.get(initial)!.diagnostics), ['131 nc-overdue']);
    await client.open(surv);
    await client.waitForDiagnostics(surv, (_d, v) => v === 1);
    const text = ws.text(FILES.surveillance).replace('## 特别项', '- [跟踪 NC-03] 整改中：已提交标准化委员会入会申请。\n\n## 特别项');
    await client.change(surv, text);
    const d = await client.waitForDiagnostics(surv, (_d, v) => v === 2);
    assert.deepEqual(codes(d), ['31 item-score-dropped', '59 item-score-dropped', '91 nc-overdue']);
    // The initial audit, closed, is published again: NC-03 is the surveillance audit's to track now.
    await client.waitForDiagnostics(initial, (x) => x.length === 0);
    const first = (await score(initial)).audit!.ncs!;
    assert.deepEqual(first.rows.filter((r) => r.followedUp).map((r) => `${r.id} ${r.followedUp!.status}`), ['NC-02 closed', 'NC-03 action-planned']);
    const after = (await score(surv)).audit!;
    assert.equal(after.ncs!.open, 3, 'NC-2027-02, NC-2027-03 and the followed-up NC-03');
    assert.deepEqual(after.ncs!.notFollowedUp, []);
    // Undo: both come back.
    await client.change(surv, ws.text(FILES.surveillance));
    await client.waitForDiagnostics(surv, (x, v) => v === 3 && x.some((y) => y.code === 'nc-not-followed-up'));
    await client.waitForDiagnostics(initial, (x) => x.length === 1);
    await client.close(surv);
  });

  it('the initial audit’s NCs rewritten as a table in the editor: the same NC rows and overdue warning, now on the row; hover on a row’s ID', async function () {
    const initial = ws.uri(FILES.audit);
    await client.open(initial);
    await client.waitForDiagnostics(initial, (_d, v) => v === 1);
    const before = (await score(initial)).audit!.ncs!.rows.map((r) => `${r.id} ${r.status}${r.followedUp ? ` → ${r.followedUp.status}` : ''}`);
    const saved = ws.text(FILES.audit);
    const from = saved.indexOf('## 不符合项');
    const to = saved.indexOf('\n## ', from + 1);
    const table = readFileSync(join(__dirname, '..', 'fixtures', 'nc-tables', 'initial-nc-section.md'), 'utf8');
    const text = `${saved.slice(0, from)}${table}${saved.slice(to)}`;
    await client.change(initial, text);
    const d = await client.waitForDiagnostics(initial, (_d, v) => v === 2);
    const row = text.split('\n').findIndex((l) => l.startsWith('| NC-03 |'));
    assert.deepEqual(codes(d), [`${row + 1} nc-overdue`]);
    const rows = (await score(initial)).audit!.ncs!.rows;
    assert.deepEqual(rows.map((r) => `${r.id} ${r.status}${r.followedUp ? ` → ${r.followedUp.status}` : ''}`), before);
    const hover = await client.request(HoverRequest.type, { textDocument: { uri: initial }, position: { line: row, character: 4 } });
    const value = (hover!.contents as MarkupContent).value;
    assert.ok(value.includes('NC-03') && value.includes('273'), value);
    await client.change(initial, saved);
    await client.waitForDiagnostics(initial, (_d, v) => v === 3);
    await client.close(initial);
  });

  it('an unsaved edit of the initial audit changes the surveillance audit’s comparison and trend', async function () {
    const initial = ws.uri(FILES.audit);
    const surv = ws.uri(FILES.surveillance);
    await client.open(initial);
    await client.waitForDiagnostics(initial, (_d, v) => v === 1);
    await client.change(initial, ws.text(FILES.audit).replace('- [5.1.5.2] 85% ', '- [5.1.5.2] 0% '));
    const p = await client.poll(() => score(surv), (x) => x.audit?.cycle?.previous?.total === '86.80', 10000, 'the new previous total');
    assert.deepEqual([p.audit!.cycle!.previous!.change, p.audit!.cycle!.previous!.verdictText, p.audit!.cycle!.trend[0].total], ['+6.77', 'Three stars', '86.80']);
    // 5.1.5.2 went from 0 % to 95 %: no drop; the two other drops stay.
    const d = await client.waitForDiagnostics(surv, (x) => x.filter((y) => y.code === 'item-score-dropped').length === 2);
    assert.ok(d.some((x) => x.code === 'nc-not-followed-up'));
    await client.close(initial);
    await client.poll(() => score(surv), (x) => x.audit?.cycle?.previous?.total === '92.00', 10000, 'the saved previous total again');
  });

  it('the gbt27922.asOfDate setting moves every status; hover counts the days from it', async function () {
    const surv = ws.uri(FILES.surveillance);
    await client.configurationChanged({ gbt27922: { asOfDate: '2027-04-20' } });
    const p = await client.poll(() => score(surv), (x) => x.audit?.ncs?.asOf === '2027-04-20', 10000, 'the new as-of date');
    assert.deepEqual(p.audit!.ncs!.rows.map((r) => r.status), ['closed', 'action-planned', 'action-planned', 'open']);
    await client.waitForDiagnostics(surv, (x) => !x.some((y) => y.code === 'nc-overdue'));
    const hover = await client.request(HoverRequest.type, { textDocument: { uri: surv }, position: ws.find(FILES.surveillance, '[NC-2027-02]', 2) });
    assert.ok((hover!.contents as MarkupContent).value.includes('- Due: 2027-04-30 (10 days left, as of 2027-04-20)'));
    await client.configurationChanged({ gbt27922: { asOfDate: '2027-06-30' } });
    await client.waitForDiagnostics(surv, (x) => x.some((y) => y.code === 'nc-overdue'));
  });
});

describe('protocol: previous: chains that go wrong', function () {
  let dir: string;
  let client: LspClient;

  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'gbt27922-cycle-'));
    const report = (date: string, previous?: string) => `---\ntype: audit\nauditDate: ${date}\n${previous ? `previous: ${previous}\n` : ''}---\n# R ${date}\n\n- [5.1.1.1] 80% 证据：组织架构图\n`;
    writeFileSync(join(dir, 'loop-a.md'), report('2027-01-10', 'loop-b.md'));
    writeFileSync(join(dir, 'loop-b.md'), report('2026-01-10', 'loop-a.md'));
    writeFileSync(join(dir, 'self.md'), report('2027-01-10', 'self.md'));
    writeFileSync(join(dir, 'gone.md'), report('2027-01-10', 'nowhere/x.md'));
    writeFileSync(join(dir, 'outside.md'), report('2027-01-10', '../../etc/passwd'));
    for (let i = 0; i < 50; i++) writeFileSync(join(dir, `c${String(i).padStart(2, '0')}.md`), report(`${2030 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`, i ? `c${String(i - 1).padStart(2, '0')}.md` : undefined));
    client = await LspClient.start({ folders: [dir], initializationOptions: { cacheDir: null, asOf: '2035-01-01' } });
    await client.waitForIndexed(60000);
  });

  after(async function () {
    await client?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const cycleCodes = async (name: string) => {
    const d = await client.waitForDiagnostics(fileUri(join(dir, name)), (x) => x.length > 0);
    return d.filter((x) => x.code !== 'unscored-item').map((x) => `${x.range.start.line + 1} ${x.code}: ${x.message}`);
  };

  it('loops and a self-reference: an error naming the chain, the server answers at once', async function () {
    assert.deepEqual(await cycleCodes('loop-a.md'), ['4 previous-loop: The chain of previous reports loops: loop-a.md → loop-b.md → loop-a.md.']);
    assert.deepEqual(await cycleCodes('self.md'), ['4 previous-loop: The chain of previous reports loops: self.md → self.md.']);
    assert.deepEqual(await cycleCodes('gone.md'), ['4 previous-not-found: The previous report "nowhere/x.md" cannot be read: no such file.']);
    assert.deepEqual(await cycleCodes('outside.md'), ['4 previous-not-found: The previous report "../../etc/passwd" cannot be read: it is outside the workspace, and is not read.']);
    const started = Date.now();
    const p = await client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri: fileUri(join(dir, 'loop-a.md')) });
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(p.audit!.cycle!.trend.map((e) => e.file), ['loop-b.md', 'loop-a.md']);
    assert.equal(p.audit!.cycle!.broken, 'The chain of previous reports loops: loop-a.md → loop-b.md → loop-a.md.');
  });

  it('a chain of 50 reports: the trend of the last has all 50, oldest first', async function () {
    const started = Date.now();
    const p = await client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri: fileUri(join(dir, 'c49.md')) });
    assert.ok(Date.now() - started < 10000, `${Date.now() - started} ms`);
    const trend = p.audit!.cycle!.trend;
    assert.equal(trend.length, 50);
    assert.deepEqual([trend[0].file, trend[0].auditDate, trend[49].file, trend[49].current], ['c00.md', '2030-01-01', 'c49.md', true]);
    assert.equal(p.audit!.cycle!.broken, undefined);
  });
});
