/**
 * Fix all on save, in the real editor: with `"editor.codeActionsOnSave": {
 * "source.fixAll.gbt27922": "explicit" }`, saving a report (File > Save, the
 * workbench.action.files.save command) applies every safe fix before the file is written: the
 * earned/max with the wrong max rescaled, the ID with one candidate corrected; full-width IDs
 * are left as they are until the user opts in with gbt27922.fixAll.asciiClauseIds.
 * Works on a file of its own, deleted afterwards, and puts the settings back.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, codeOf, open, show, waitFor, wsUri } from './util';

const REL = 'audit/fix-all-on-save.md';
const TEXT = '---\ntype: audit\n---\n# 保存时修复\n\n- [5.1.1.2] 4/5 证据：网点清单\n- [5.1.2.22] 80% 证据：证书\n- 【５．１．５．１】 100% 证据：记录\n';
const FIXED = TEXT.replace('4/5', '2.4/3').replace('[5.1.2.22]', '[5.1.2.2]');
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gbt27922');
const onDisk = async (uri: vscode.Uri) => Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');

async function fixAllActions(uri: vscode.Uri): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.gbt27922');
  return (all ?? []).filter((a): a is vscode.CodeAction => 'kind' in a && a.kind?.value === 'source.fixAll.gbt27922');
}

/** Type a blank line at the end and save the way a user does. */
async function editAndSave(doc: vscode.TextDocument): Promise<void> {
  const editor = await vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
  assert.ok(await editor.edit((b) => b.insert(doc.lineAt(doc.lineCount - 1).range.end, '\n')));
  assert.ok(doc.isDirty);
  await vscode.commands.executeCommand('workbench.action.files.save');
  await waitFor('the document saved', () => doc.isDirty, (dirty) => !dirty, 20_000);
}

describe('fix all on save (editor.codeActionsOnSave)', () => {
  const uri = wsUri(REL);
  const editor = () => vscode.workspace.getConfiguration('editor');
  const ours_ = () => vscode.workspace.getConfiguration('gbt27922');

  before(async () => {
    await activated();
    await vscode.workspace.fs.writeFile(uri, Buffer.from(TEXT, 'utf8'));
    await editor().update('codeActionsOnSave', { 'source.fixAll.gbt27922': 'explicit' }, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await editor().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await ours_().update('fixAll.asciiClauseIds', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });

  it('saving applies every safe fix; full-width IDs stay without the opt-in', async () => {
    const doc = await open(REL);
    await waitFor(
      'the max-mismatch and unknown-clause errors',
      () => ours(uri).map(codeOf).sort(),
      (c) => c.includes('max-mismatch') && c.includes('unknown-clause'),
      20_000,
    );
    const [offered] = await waitFor('the fix-all action', () => fixAllActions(uri), (a) => a.length === 1, 15_000);
    assert.match(offered.title, /2/, offered.title);

    await editAndSave(doc);
    assert.equal(doc.getText(), FIXED + '\n', 'the editor shows the fixed text');
    assert.equal(await onDisk(uri), FIXED + '\n', 'the fixed text is what was written');
    await waitFor(
      'no max-mismatch or unknown-clause left',
      () => ours(uri).map(codeOf),
      (c) => !c.includes('max-mismatch') && !c.includes('unknown-clause'),
      15_000,
    ).catch((e: Error) => {
      throw new Error(`${e.message}; diagnostics: ${show(ours(uri).map((d) => `${d.range.start.line + 1} ${codeOf(d)}`))}`);
    });
    assert.ok(doc.getText().includes('【５．１．５．１】'), 'the full-width ID is left as written');
  });

  it('with gbt27922.fixAll.asciiClauseIds on, saving also writes full-width IDs in ASCII', async () => {
    await ours_().update('fixAll.asciiClauseIds', true, vscode.ConfigurationTarget.Workspace);
    const doc = await open(REL);
    // The server reads the setting when it changes: the fix-all action now has the ASCII rewrite.
    await waitFor('the fix-all action for the full-width ID', () => fixAllActions(uri), (a) => a.length === 1, 15_000);
    await editAndSave(doc);
    assert.equal(await onDisk(uri), FIXED.replace('【５．１．５．１】', '【5.1.5.1】') + '\n\n');
  });
});
