/**
 * Issue 18, items 1–3 in a real VS Code: the status bar and the score panel (read from its
 * webview frame) for a report whose exact total is 89.999, a report with a deleted row, and a
 * meeting note that tags a clause next to the declared sample manual. The files are written into
 * the workspace copy here and removed afterwards.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EMPTY_AUDIT, fullReport, MEETING_NOTE, NEAR_90, ONE_ROW_DELETED } from '../../fixtures/verdicts';
import { activated, canReadWebviews, open, panelTextSeen, show, uiState, waitFor, wsUri } from './util';

const FILES: Record<string, string> = {
  'audit/near90.md': NEAR_90,
  'audit/deleted-row.md': ONE_ROW_DELETED,
  'plain/周例会纪要.md': MEETING_NOTE,
  'audit/外部报告.MD': EMPTY_AUDIT,
};

describe('verdicts in the status bar and the score panel (issue 18)', () => {
  before(async () => {
    await activated();
    for (const [rel, text] of Object.entries(FILES)) await vscode.workspace.fs.writeFile(wsUri(rel), Buffer.from(text, 'utf8'));
  });

  after(async () => {
    // The documents stay open in VS Code for a while after their editors close, and an open
    // document keeps its diagnostics even when its file is deleted: first turn each file into
    // plain Markdown (VS Code reloads the clean documents from disk), then delete it.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const rel of Object.keys(FILES)) await vscode.workspace.fs.writeFile(wsUri(rel), Buffer.from('# 已删除\n', 'utf8'));
    const ours = (rel: string) => vscode.languages.getDiagnostics(wsUri(rel)).filter((d) => d.source === 'gbt27922');
    await waitFor('the test files to carry no diagnostics', () => Object.keys(FILES).flatMap(ours), (d) => d.length === 0, 20_000);
    for (const rel of Object.keys(FILES)) await vscode.workspace.fs.delete(wsUri(rel), { useTrash: false });
  });

  const following = (rel: string) =>
    waitFor(`the UI to follow ${rel}`, uiState, (st) => st.statusBar.visible && st.payload?.uri === wsUri(rel).toString() && st.payload.version !== undefined, 20_000);

  it('89.999 shows as ★★★★☆ 90.00 (四星级), and five stars needs 5.00, never "0.00"', async () => {
    await open('audit/near90.md');
    const s = await following('audit/near90.md');
    assert.equal(s.statusBar.text, '★★★★☆ 90.00', show(s.statusBar));
    assert.ok(s.statusBar.tooltip.includes('四星级'), s.statusBar.tooltip);
    assert.ok(s.statusBar.tooltip.includes('距五星级还差 5.00 分'), s.statusBar.tooltip);
    assert.equal(s.payload?.audit?.exactTotal, '89.999');
  });

  it('the panel shows 90.00, 四星级 and, for whoever checks the arithmetic, the unrounded 89.999', async function () {
    await vscode.commands.executeCommand('gbt27922.openPanel');
    if (!canReadWebviews()) this.skip();
    const text = await panelTextSeen('near90.md', (t) => t.includes('near90.md') && t.includes('90.00'));
    assert.ok(text.includes('★★★★☆'), text);
    assert.ok(text.includes('四星级'), text);
    assert.ok(text.includes('未修约总分 89.999'), text);
    assert.ok(text.includes('距五星级还差 5.00 分'), text);
    assert.doesNotMatch(text, /三星级|0\.00 分/);
  });

  it('a report with a deleted row: the status bar and the panel say incomplete, with the provisional total, and give no star', async function () {
    await open('audit/deleted-row.md');
    const s = await following('audit/deleted-row.md');
    assert.equal(s.statusBar.text, '$(warning) 未完成：1 项未评分（暂计总分 99.00）', show(s.statusBar));
    assert.ok(!s.statusBar.text.includes('★'));
    const errors = vscode.languages.getDiagnostics(wsUri('audit/deleted-row.md')).filter((d) => d.source === 'gbt27922' && d.code === 'unscored-item');
    assert.deepEqual(errors.map((d) => d.severity), [vscode.DiagnosticSeverity.Error]);
    if (!canReadWebviews()) this.skip();
    await vscode.commands.executeCommand('gbt27922.openPanel');
    const text = await panelTextSeen('deleted-row.md', (t) => t.includes('deleted-row.md') && t.includes('99.00'));
    assert.ok(text.includes('未完成：1 项未评分（暂计总分 99.00）'), text);
    assert.ok(text.includes('☆☆☆☆☆') && !text.includes('★'), text);
  });

  it('the meeting note is not counted: its status bar says so, an information diagnostic sits on its tag, the manual stays at 99 %', async function () {
    await open('plain/周例会纪要.md');
    const s = await following('plain/周例会纪要.md');
    assert.equal(s.statusBar.text, '$(circle-slash) 未计入手册', show(s.statusBar));
    assert.ok(s.statusBar.tooltip.includes('99.00%'), s.statusBar.tooltip);
    const ds = await waitFor('the note diagnostic', () => vscode.languages.getDiagnostics(wsUri('plain/周例会纪要.md')).filter((d) => d.source === 'gbt27922'), (d) => d.length > 0);
    assert.deepEqual(ds.map((d) => [d.code, d.severity, d.range.start.line]), [['not-counted-as-manual', vscode.DiagnosticSeverity.Information, 2]]);
    assert.match(ds[0].message, /^未计入服务手册/);
    if (!canReadWebviews()) this.skip();
    await vscode.commands.executeCommand('gbt27922.openPanel');
    const text = await panelTextSeen('the note', (t) => t.includes('周例会纪要.md') && t.includes('99.00%'));
    assert.ok(text.includes('本文件未计入服务手册'), text);
  });

  it('a .MD report is analysed, and a change to it on disk (not in an editor) reaches the server (item 4)', async () => {
    const uri = wsUri('audit/外部报告.MD');
    const unscored = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gbt27922' && d.code === 'unscored-item');
    await waitFor('50 unscored items on the .MD report', unscored, (d) => d.length === 50, 30_000);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(fullReport({ '5.1.1.1': null }), 'utf8'));
    const after = await waitFor('the changed .MD file to be re-analysed', unscored, (d) => d.length === 1, 30_000);
    assert.match(after[0].message, /^5\.1\.1\.1/);
  });
});
