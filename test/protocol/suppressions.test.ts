/**
 * Suppression comments and `rules` over LSP, as an editor sees them: hidden problems are not
 * published, comments that hide nothing are (Information), the panel payload counts what is
 * suppressed, the quick fix writes a comment that takes effect at once, and `rules` in the
 * config file turns codes off or up while the server runs.
 */
import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { CodeActionKind, CodeActionRequest, DiagnosticSeverity, FileChangeType, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { DOCUMENT_SCORE_REQUEST, type DocumentScorePayload } from '../../server/src/protocol';
import { applyTextEdits, LspClient } from './lspClient';
import { FILES, SampleWorkspace } from './sampleWorkspace';

const REPORT = [
  '---',
  'type: audit',
  '---',
  '<!-- gbt27922-disable-file unscored-item -- 分阶段审核 -->',
  '# 审核报告',
  '',
  '<!-- gbt27922-disable-next-line missing-evidence -- 现场观察 -->',
  '- [5.1.1.1] 80%',
  '- [5.1.1.2] 3/3',
  '',
  '<!-- gbt27922-disable-next-line duplicate-score -->',
  '- [5.1.2.1] 100% 证据：名册',
  '',
].join('\n');

const codes = (d: Diagnostic[]) => d.map((x) => `${x.range.start.line + 1}:${x.code}`);

describe('protocol: suppression comments and rules', function () {
  this.timeout(60000);
  let ws: SampleWorkspace;
  let client: LspClient;
  /** A copy of the samples with the report above, a server on it, the report open. */
  async function openReport(): Promise<string> {
    ws = new SampleWorkspace();
    writeFileSync(ws.path('audit/suppress.md'), REPORT);
    client = await LspClient.start({ folders: [ws.dir], initializationOptions: { cacheDir: null, locale: 'en' } });
    await client.waitForIndexed();
    const uri = ws.uri('audit/suppress.md');
    await client.open(uri, REPORT);
    return uri;
  }

  afterEach(async () => {
    await client?.stop();
    ws?.dispose();
  });

  it('hides what the comments name, reports the unused one, counts the suppressed in the panel; the quick fix takes effect at once', async () => {
    const uri = await openReport();
    let diags = await client.waitForDiagnostics(uri, (d, v) => v === 1 && d.length > 0);
    assert.deepEqual(codes(diags), ['9:missing-evidence', '11:unused-suppression']);
    const unused = diags.find((d) => d.code === 'unused-suppression')!;
    assert.equal(unused.severity, DiagnosticSeverity.Information);
    assert.equal(unused.message, 'This gbt27922-disable-next-line comment suppresses no duplicate-score problem: remove it.');
    let panel = await client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri });
    assert.deepEqual(panel.problems, { errors: 0, warnings: 1, suppressed: 48 });
    const totalBefore = panel.audit!.total;

    // The quick fix on the remaining missing evidence.
    const evidence = diags.find((d) => d.code === 'missing-evidence')!;
    const actions = (await client.request(CodeActionRequest.type, { textDocument: { uri }, range: evidence.range, context: { diagnostics: [evidence], only: [CodeActionKind.QuickFix] } })) as CodeAction[];
    const fix = actions.find((a) => a.title === 'Suppress missing-evidence on this line');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    const edited = applyTextEdits(REPORT, fix.edit!.changes![uri]);
    assert.ok(edited.includes('- [5.1.1.1] 80%\n  <!-- gbt27922-disable-next-line missing-evidence -->\n- [5.1.1.2] 3/3'), edited);
    await client.change(uri, edited);
    diags = await client.waitForDiagnostics(uri, (_d, v) => v === 2);
    assert.deepEqual(codes(diags), ['12:unused-suppression']);
    panel = await client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE_REQUEST, { uri });
    assert.deepEqual(panel.problems, { errors: 0, warnings: 0, suppressed: 49 });
    assert.equal(panel.audit!.total, totalBefore, 'no comment changes the score');
  });

  it('rules in gbt27922.config.json: unused-suppression off and missing-evidence raised to error, applied when the file changes', async () => {
    const uri = await openReport();
    await client.waitForDiagnostics(uri, (d) => d.length === 2);
    const config = JSON.parse(ws.text(FILES.config));
    writeFileSync(ws.path(FILES.config), JSON.stringify({ ...config, rules: { 'unused-suppression': 'off', 'missing-evidence': 'error' } }, null, 2));
    await client.filesChanged([{ uri: ws.uri(FILES.config), type: FileChangeType.Changed }]);
    const diags = await client.waitForDiagnostics(uri, (d) => d.length === 1 && d[0].severity === DiagnosticSeverity.Error);
    assert.deepEqual(codes(diags), ['9:missing-evidence']);
    // An unknown code in `rules` is reported on the config file.
    writeFileSync(ws.path(FILES.config), JSON.stringify({ ...config, rules: { 'missing-evidense': 'off' } }, null, 2));
    await client.filesChanged([{ uri: ws.uri(FILES.config), type: FileChangeType.Changed }]);
    const onConfig = await client.waitForDiagnostics(ws.uri(FILES.config), (d) => d.length > 0);
    assert.match(onConfig[0].message, /unknown problem code "missing-evidense"/);
  });
});
