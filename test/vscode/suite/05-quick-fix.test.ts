import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, AUDIT_REPORT, CYCLE_DIAGNOSTICS, MANUAL_ROOT, codeOf, describeDiagnostics, lineCodes, open, ourDiagnostics, positionIn, show, uiState, waitFor } from './util';

/** Our diagnostics of one file. */
const diagnosticsOf = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gbt27922');

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && 'kind' in a && a.kind !== undefined);
}

// Edits the opened documents in memory (never saved); runs last.
describe('quick fixes applied to the document', () => {
  before(async () => {
    await activated();
  });

  it('a mistyped clause ID is flagged and the did-you-mean fix corrects it', async () => {
    const doc = await open(AUDIT_REPORT);
    const original = doc.getText();
    const pos = positionIn(doc, '- [5.1.2.2]', 3);
    const idRange = new vscode.Range(pos, pos.translate(0, '5.1.2.2'.length));
    const typo = new vscode.WorkspaceEdit();
    typo.replace(doc.uri, idRange, '5.1.2.9');
    assert.ok(await vscode.workspace.applyEdit(typo));

    const [diag] = await waitFor(
      'an unknown-clause diagnostic for 5.1.2.9',
      () => diagnosticsOf(doc.uri).filter((d) => codeOf(d) === 'unknown-clause'),
      (l) => l.length > 0,
      15_000,
    );
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diag.range.start.line, pos.line);
    assert.match(diag.message, /5\.1\.2\.9/);

    const fixes = await quickFixes(doc.uri, diag.range);
    const fix = fixes.find((a) => a.title.includes('5.1.2.2'));
    assert.ok(fix?.edit, `a quick fix to 5.1.2.2 is offered; got ${show(fixes.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));

    assert.equal(doc.getText(), original, 'the fix restores the original text exactly');
    await waitFor(`only the overdue NC on ${AUDIT_REPORT}`, () => lineCodes(diagnosticsOf(doc.uri)), (l) => l.join() === CYCLE_DIAGNOSTICS[AUDIT_REPORT].join(), 15_000);
    const s = await waitFor('the total back at 92.00', uiState, (st) => st.payload?.uri === doc.uri.toString() && st.payload.audit?.total === '92.00', 15_000);
    assert.equal(s.payload?.audit?.verdictText, '四星级');
  });

  it('the uncovered item gets a stub section from its quick fix and its warning goes away', async () => {
    const readme = await open(MANUAL_ROOT);
    const [diag] = await waitFor(
      'the uncovered-item warning',
      () => diagnosticsOf(readme.uri).filter((d) => codeOf(d) === 'uncovered-item'),
      (l) => l.length === 1,
      15_000,
    );
    const fixes = await quickFixes(readme.uri, diag.range);
    const fix = fixes.find((a) => a.title.includes('5.1.6.4') && a.edit);
    assert.ok(fix?.edit, `a stub-section fix for 5.1.6.4 is offered; got ${show(fixes.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    // the stub lands in clause order, in the manual file that holds 5.1.6.x
    const changed = fix.edit.entries().map(([u]) => u.toString());
    await waitFor(
      'no diagnostics left in the workspace but the certification cycle’s',
      ourDiagnostics,
      (m) => [...m.keys()].sort().join() === Object.keys(CYCLE_DIAGNOSTICS).sort().join(),
      15_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\nnow:\n${describeDiagnostics(ourDiagnostics())}\nedited: ${changed.join(', ')}`);
    });
    const editedDoc = await vscode.workspace.openTextDocument(vscode.Uri.parse(changed[0]));
    assert.ok(editedDoc.getText().includes('5.1.6.4'), 'the stub names 5.1.6.4');
    assert.ok(editedDoc.isDirty, 'the edit is in the editor, not saved behind the user');
  });
});
