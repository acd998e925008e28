import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, AUDIT_REPORT, CYCLE_DIAGNOSTICS, MANUAL_ROOT, TEN_STAR_REPORT, builtinItem, codeOf, describeDiagnostics, lineCodes, open, ourDiagnostics, uiState, waitFor, wsUri } from './util';

// samples/EXPECTED.md (as of 2027-06-30): 5.1.6.4 not covered by the manual, reported on
// manual/README.md; the certification cycle's NC and comparison diagnostics on the initial and
// the surveillance audit; the ten-star report and every plain file: none.
describe('diagnostics on the samples (samples/EXPECTED.md)', () => {
  before(async () => {
    await activated();
    // plain Markdown and the evidence files too: they must stay silent
    for (const rel of ['plain/notes.md', 'EXPECTED.md', 'audit/evidence/staff-roster.md', TEN_STAR_REPORT, MANUAL_ROOT]) await open(rel, false);
    await open(AUDIT_REPORT);
  });

  it('the audit report is analysed (its score arrives) and has one diagnostic: its NC-03, overdue', async () => {
    const uri = wsUri(AUDIT_REPORT).toString();
    // The score arrives at once; NC-03's overdue warning once the folder is indexed (a later
    // report there could have followed it up): wait for the panel to count it, nothing else.
    const s = await waitFor('the score of the audit report, with its one warning', uiState, (st) => st.payload?.uri === uri && st.payload.kind === 'audit' && st.payload.problems.warnings > 0, 30_000);
    assert.equal(s.payload?.problems.errors, 0);
    assert.equal(s.payload?.problems.warnings, 1);
    const list = await waitFor('the audit report’s diagnostics', () => vscode.languages.getDiagnostics(wsUri(AUDIT_REPORT)).filter((d) => d.source === 'gbt27922'), (l) => l.length > 0, 30_000);
    assert.deepEqual(lineCodes(list), CYCLE_DIAGNOSTICS[AUDIT_REPORT]);
    assert.equal(list[0].message, '不符合项 NC-03 已逾期：整改期限 2026-09-30，至 2027-06-30 已超过 273 天，仍未关闭。');
  });

  it('the workspace’s diagnostics: 5.1.6.4 uncovered on manual/README.md, and the certification cycle’s', async () => {
    const req = builtinItem('5.1.6.4');
    await waitFor(
      'the uncovered-item diagnostic on manual/README.md',
      ourDiagnostics,
      (m) => (m.get(MANUAL_ROOT) ?? []).some((d) => codeOf(d) === 'uncovered-item'),
      30_000,
    );
    // let any late publication arrive, then demand the exact set
    await new Promise((r) => setTimeout(r, 1500));
    await waitFor('the cycle’s diagnostics', ourDiagnostics, (m) => Object.entries(CYCLE_DIAGNOSTICS).every(([f, want]) => lineCodes(m.get(f) ?? []).join() === want.join()), 30_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${describeDiagnostics(ourDiagnostics())}`);
    });
    const settled = ourDiagnostics();
    assert.deepEqual([...settled.keys()].sort(), [MANUAL_ROOT, ...Object.keys(CYCLE_DIAGNOSTICS)].sort(), `diagnostics seen:\n${describeDiagnostics(settled)}`);
    for (const [f, want] of Object.entries(CYCLE_DIAGNOSTICS)) assert.deepEqual(lineCodes(settled.get(f)!), want, f);
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
