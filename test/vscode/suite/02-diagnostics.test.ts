import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, AUDIT_REPORT, MANUAL_ROOT, TEN_STAR_REPORT, builtinItem, codeOf, describeDiagnostics, open, ourDiagnostics, uiState, waitFor, wsUri } from './util';

// samples/EXPECTED.md: the only diagnostic of the whole samples workspace is 5.1.6.4 not
// covered by the manual, reported on manual/README.md; both reports and every plain file: none.
describe('diagnostics on the samples (samples/EXPECTED.md)', () => {
  before(async () => {
    await activated();
    // plain Markdown and the evidence files too: they must stay silent
    for (const rel of ['plain/notes.md', 'EXPECTED.md', 'audit/evidence/staff-roster.md', TEN_STAR_REPORT, MANUAL_ROOT]) await open(rel, false);
    await open(AUDIT_REPORT);
  });

  it('the audit report is analysed (its score arrives) and has no diagnostics', async () => {
    const uri = wsUri(AUDIT_REPORT).toString();
    const s = await waitFor('the score of the audit report', uiState, (st) => st.payload?.uri === uri && st.payload.kind === 'audit', 30_000);
    assert.equal(s.payload?.problems.errors, 0);
    assert.equal(s.payload?.problems.warnings, 0);
    assert.deepEqual(vscode.languages.getDiagnostics(wsUri(AUDIT_REPORT)).filter((d) => d.source === 'gbt27922'), []);
  });

  it('exactly one diagnostic in the workspace: 5.1.6.4 uncovered, on manual/README.md', async () => {
    const req = builtinItem('5.1.6.4');
    await waitFor(
      'the uncovered-item diagnostic on manual/README.md',
      ourDiagnostics,
      (m) => (m.get(MANUAL_ROOT) ?? []).some((d) => codeOf(d) === 'uncovered-item'),
      30_000,
    );
    // let any late publication arrive, then demand the exact set
    await new Promise((r) => setTimeout(r, 1500));
    const settled = ourDiagnostics();
    assert.deepEqual([...settled.keys()], [MANUAL_ROOT], `diagnostics seen:\n${describeDiagnostics(settled)}`);
    const list = settled.get(MANUAL_ROOT)!;
    assert.equal(list.length, 1, describeDiagnostics(settled));
    const d = list[0];
    assert.equal(codeOf(d), 'uncovered-item');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(d.message, /5\.1\.6\.4/);
    assert.ok(d.message.includes('1 分'), d.message);
    assert.ok(d.message.includes(req.requirement), `the message carries the requirement: ${d.message}`);
  });
});
