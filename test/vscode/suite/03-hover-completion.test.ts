import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, AUDIT_REPORT, builtinItem, hoverText, open, positionIn, screenshot, show, sleep, waitFor } from './util';

describe('hover and completion in the audit report', () => {
  let doc: vscode.TextDocument;
  before(async () => {
    await activated();
    doc = await open(AUDIT_REPORT);
  });

  it('hover on [5.1.2.2] shows the requirement, the points and the score in this report', async () => {
    const item = builtinItem('5.1.2.2');
    const pos = positionIn(doc, '- [5.1.2.2]', 5); // inside "5.1.2.2"
    const text = await waitFor(
      'a hover on 5.1.2.2',
      async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos)),
      (t) => t.includes('5.1.2.2'),
      30_000,
    );
    assert.ok(text.includes(item.requirement), `requirement text of 5.1.2.2 in the hover:\n${text}`);
    assert.ok(text.includes(`**${item.points} 分**`), `points (${item.points} 分) in the hover:\n${text}`);
    // 4/5 in the report → 80% → 4.00 of 5.00 points
    assert.match(text, /80(\.00)?% → 4(\.00)? \/ 5(\.00)? 分/, `score in this report in the hover:\n${text}`);
    assert.ok(text.includes('01-组织与资源.md'), `where the manual covers it:\n${text}`);

    // the same hover as the user sees it, for the artifacts
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(800);
    await screenshot('hover-5.1.2.2');
  });

  it('completion after "[5.1.2." offers the clause IDs with their points', async () => {
    const pos = positionIn(doc, '- [5.1.2.2]', '- [5.1.2.'.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
    const items = list?.items ?? [];
    const byId = new Map(items.map((i) => [typeof i.label === 'string' ? i.label : i.label.label, i]));
    for (const id of ['5.1.2.1', '5.1.2.2']) {
      const ci = byId.get(id);
      assert.ok(ci, `completion offers ${id}; got ${show([...byId.keys()].slice(0, 30))}`);
      const points = builtinItem(id).points;
      assert.ok(String(ci.detail ?? '').includes(`${points} 分`), `${id} shows ${points} 分: ${show(ci.detail)}`);
    }
    const doc22 = byId.get('5.1.2.2')!.documentation;
    const docText = typeof doc22 === 'string' ? doc22 : (doc22?.value ?? '');
    assert.ok(docText.replace(/\\/g, '').includes(builtinItem('5.1.2.2').requirement), `requirement as documentation: ${docText}`);
  });
});
