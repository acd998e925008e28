/**
 * Issue 18, items 1–3 at the protocol layer: what an editor's panel and status bar get from the
 * server (DOCUMENT_SCORE_REQUEST), its diagnostics and its hover, for a report whose exact total
 * is 89.999, incomplete reports, and a meeting note that tags a clause next to a declared manual.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { DiagnosticSeverity, HoverRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { DOCUMENT_SCORE_REQUEST, type DocumentScorePayload } from '../../server/src/protocol';
import { EMPTY_AUDIT, MEETING_NOTE, NEAR_90, ONE_ROW_DELETED } from '../fixtures/verdicts';
import { LspClient } from './lspClient';
import { FILES, SampleWorkspace } from './sampleWorkspace';

describe('protocol: verdicts the panel and status bar can trust (issue 18, items 1–3)', function () {
  let ws: SampleWorkspace;
  let client: LspClient;
  const NOTE = 'plain/周例会纪要.md';

  before(async function () {
    ws = new SampleWorkspace();
    writeFileSync(ws.path('audit/near90.md'), NEAR_90);
    writeFileSync(ws.path('audit/deleted-row.md'), ONE_ROW_DELETED);
    writeFileSync(ws.path('audit/empty.md'), EMPTY_AUDIT);
    writeFileSync(ws.path(NOTE), MEETING_NOTE);
    client = await LspClient.start({ folders: [ws.dir], initializationOptions: { cacheDir: null } });
    await client.waitForIndexed();
  });

  after(async function () {
    await client?.stop();
    ws?.dispose();
  });

  const score = (rel: string) => client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri: ws.uri(rel) });

  it('89.999 is reported 90.00 and is 四星级/Four stars; five stars needs 5.00; the unrounded value travels along', async function () {
    const a = (await score('audit/near90.md')).audit!;
    assert.equal(a.total, '90.00');
    assert.equal(a.exactTotal, '89.999');
    assert.deepEqual(a.rounding, { decimals: 2, mode: 'half-up' });
    assert.equal(a.verdict, 'tier');
    assert.equal(a.tier?.id, 'four-star');
    assert.equal(a.verdictText, 'Four stars');
    assert.equal(a.next?.tier.id, 'five-star');
    assert.equal(a.next?.pointsNeeded, '5.00');
  });

  it('hovering the report title shows the total as reported and the unrounded total with the rounding rule', async function () {
    const hover = await client.request(HoverRequest.type, { textDocument: { uri: ws.uri('audit/near90.md') }, position: { line: 3, character: 3 } });
    const text = (hover?.contents as MarkupContent).value;
    assert.match(text, /\*\*Total 90\.00\*\* · Four stars/, text);
    assert.match(text, /Unrounded total 89\.999 .*reported with 2 decimals \(half-up/, text);
  });

  it('a report with a deleted row is incomplete: error diagnostic, no tier, the verdict names the count and the provisional total', async function () {
    const ds = await client.waitForDiagnostics(ws.uri('audit/deleted-row.md'), (d) => d.length > 0);
    const unscored = ds.filter((d) => d.code === 'unscored-item');
    assert.deepEqual(unscored.map((d) => [d.severity, d.message.split(':')[0]]), [[DiagnosticSeverity.Error, '5.1.1.1 (worth 1) is applicable but not scored']]);
    const a = (await score('audit/deleted-row.md')).audit!;
    assert.equal(a.verdict, 'incomplete');
    assert.equal(a.tier, undefined);
    assert.equal(a.next, undefined);
    assert.equal(a.verdictText, 'Incomplete: 1 item unscored (provisional total 99.00)');
    assert.equal(a.total, '99.00');
  });

  it('a type: audit file with no entries is incomplete with 50 items unscored, not a total of 0.00 that passes', async function () {
    const a = (await score('audit/empty.md')).audit!;
    assert.equal(a.verdict, 'incomplete');
    assert.equal(a.verdictText, 'Incomplete: 50 items unscored (provisional total 0.00)');
    const ds = await client.waitForDiagnostics(ws.uri('audit/empty.md'), (d) => d.length > 0);
    assert.equal(ds.filter((d) => d.code === 'unscored-item' && d.severity === DiagnosticSeverity.Error).length, 50);
  });

  it('the meeting note does not complete the declared manual: 99 %, an information note on its tag, and it knows it is not counted', async function () {
    const m = (await score(FILES.root)).manual!;
    assert.equal(m.percentByPoints, '99.00');
    assert.deepEqual(m.uncovered.map((i) => i.id), ['5.1.6.4']);
    assert.equal(m.basis, 'declared');
    assert.deepEqual(m.notCounted, [NOTE]);
    assert.equal(m.counted, true);
    const ds = await client.waitForDiagnostics(ws.uri(NOTE), (d) => d.length > 0);
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]),
      [['not-counted-as-manual', DiagnosticSeverity.Information, 2, 9]],
    );
    assert.match(ds[0].message, /^Not counted as part of the manual: this file tags 5\.1\.6\.4/);
    const own = (await score(NOTE)).manual!;
    assert.equal(own.counted, false);
  });

  it('declaring type: manual in the note (an unsaved edit) makes it count: 100 %, and its note disappears', async function () {
    const uri = ws.uri(NOTE);
    await client.open(uri, MEETING_NOTE);
    await client.change(uri, `---\ntype: manual\n---\n${MEETING_NOTE}`);
    await client.waitForDiagnostics(uri, (d, v) => v === 2 && d.length === 0);
    const m = await client.poll(() => score(FILES.root), (p) => p.manual?.percentByPoints === '100.00', 10000, 'coverage 100 %');
    assert.deepEqual(m.manual!.notCounted, []);
    await client.waitForDiagnostics(ws.uri(FILES.root), (d) => d.length === 0);
  });
});
