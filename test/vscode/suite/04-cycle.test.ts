/**
 * The certification cycle in the real editor (samples/EXPECTED.md §5, as of 2027-06-30, the
 * `gbt27922.asOfDate` the runner sets): the surveillance audit's status bar, its score panel's
 * NC section and trend as a person reads them in the webview (text taken from Chromium, in the
 * Chinese UI), a click on an NC row and on a trend row that jump to the entry and the previous
 * report, and the hover of an NC.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, AUDIT_REPORT, canReadWebviews, hoverText, open, panelTextSeen, screenshot, show, sleep, SURVEILLANCE_REPORT, uiState, waitFor, webviewClick, wsUri } from './util';

/**
 * Text as read, compared without white space: where the rendered text breaks lines (cells,
 * block spans) depends on whether the stylesheet has been applied yet, not on what it says.
 */
const flat = (s: string) => s.replace(/\s+/g, '');

describe('the certification cycle in the editor (samples/EXPECTED.md §5)', () => {
  let panelText = '';

  before(async () => {
    await activated();
    await open(SURVEILLANCE_REPORT);
  });

  it('the status bar shows the surveillance audit’s 93.57 and four stars', async () => {
    const uri = wsUri(SURVEILLANCE_REPORT).toString();
    const s = await waitFor('the status bar to show the surveillance audit', uiState, (st) => st.statusBar.visible && st.payload?.uri === uri && !!st.payload.audit?.ncs, 30_000);
    assert.match(s.statusBar.text, /★★★★☆ 93\.57$/, s.statusBar.text);
    assert.equal(s.payload!.audit!.ncs!.asOf, '2027-06-30', 'the as-of date of the settings');
  });

  it('the panel shows the NC section and the trend, as a person reads them in the webview', async () => {
    const uri = wsUri(SURVEILLANCE_REPORT).toString();
    await vscode.commands.executeCommand('gbt27922.openPanel');
    await waitFor('the panel to show the surveillance audit', uiState, (st) => st.panel.open && st.panel.payload?.uri === uri && !!st.panel.payload.audit?.cycle, 30_000);
    if (canReadWebviews()) {
      panelText = flat(await panelTextSeen('the surveillance audit', (x) => x.includes('93.57') && x.includes('NC-2027-02'), 30_000));
    } else {
      // Not in runInCodeServer (no Chromium to read from): the body the extension hands the webview.
      console.log('      (outside the code-server harness: checking the rendered body instead of the webview text)');
      panelText = flat((await uiState()).panel.body!.replace(/<[^>]+>/g, ' ').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&'));
    }
    await screenshot('cycle-panel');
    for (const part of [
      // the cycle
      '认证周期 监督审核 · 2027-03-12',
      '上次审核：audit/2026-审核报告.md（2026-03-18）：92.00，四星级 → 93.57（+1.57）',
      '5.1 售后服务体系 91.00% 91.25% +0.25',
      '5.2 商品服务 93.03% 91.82% -1.21',
      '2026-03-18 初次认证 92.00 ★★★★ 四星级 1 audit/2026-审核报告.md',
      '2027-03-12 监督审核 93.57 ★★★★ 四星级 2 audit/2027-监督审核报告.md',
      // the non-conformities
      '不符合项 (4) 截至 2027-06-30',
      '按性质 严重 1 · 一般 2 · 观察项 1',
      '按状态 已逾期 1 · 未整改 1 · 整改中 1 · 已关闭 1',
      '未关闭 2 项（不含观察项）',
      'NC-2027-01 一般 已关闭 5.2.3.2 整改期限 2027-04-15',
      'NC-2027-02 一般 已逾期 5.2.4.6 整改期限 2027-04-30 (逾期 61 天) 网点层面仍未储备代用机',
      'NC-2027-03 严重 整改中 5.1.2.2 整改期限 2027-09-30 (还有 92 天)',
      'NC-2027-04 观察项 未整改 5.3.1.5',
      '上次不符合项跟踪 NC-02 已关闭',
      '未跟踪 NC-03 一般 上次报告中未关闭，本报告未跟踪',
    ]) {
      assert.ok(panelText.includes(flat(part)), `the panel shows “${part}”; it shows:\n${panelText}`);
    }
  });

  it('a click on an NC row opens the report at that NC; a click on the trend’s previous report opens it', async () => {
    const uri = wsUri(SURVEILLANCE_REPORT).toString();
    // Somewhere else first, so the jump is visible.
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(wsUri(SURVEILLANCE_REPORT)), vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const clicked = await webviewClick('button[data-key^="nc:NC-2027-02:"]');
    if (clicked === undefined) {
      console.log('      (outside the code-server harness: no click into the webview)');
      return;
    }
    assert.equal(clicked, true, 'the NC-2027-02 row is there to click');
    const at = await waitFor(
      'the editor at NC-2027-02',
      () => vscode.window.activeTextEditor,
      (e) => e?.document.uri.toString() === uri && e.selection.start.line === 90,
      15_000,
    );
    assert.ok(at!.document.lineAt(90).text.startsWith('- [NC-2027-02] [5.2.4.6] 一般'), at!.document.lineAt(90).text);
    await vscode.commands.executeCommand('gbt27922.openPanel');
    await sleep(1000);
    assert.equal(await webviewClick('button[data-key="trend:audit/2026-审核报告.md"]'), true, 'the previous report in the trend is there to click');
    await waitFor('the previous report open', () => vscode.window.activeTextEditor, (e) => e?.document.uri.toString() === wsUri(AUDIT_REPORT).toString(), 15_000);
    await screenshot('cycle-jump');
  });

  it('hover on an NC: its status and the days past its due date', async () => {
    const doc = await open(SURVEILLANCE_REPORT);
    const line = doc.lineAt(90).text;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(90, line.indexOf('NC-2027-02') + 2));
    const text = hoverText(hovers);
    assert.ok(text.includes('NC-2027-02** 一般不符合 · **已逾期'), show(text));
    assert.ok(text.includes('整改期限: 2027-04-30（逾期 61 天，截至 2027-06-30）'), show(text));
  });
});
