/**
 * The consultant's first five minutes in a real VS Code: a Word manual (made by pandoc here, its
 * headings bold paragraphs) imported with "Import Word Document…", opened beside, hints on the
 * untagged headings with quick fixes (screenshot for the README), "Suggest Clause Tags for This
 * File" as one undoable edit, and the root's uncovered item naming the imported section.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activated, codeOf, MANUAL_ROOT, screenshot, show, sleep, waitFor, workspaceRoot, wsUri } from './util';

const SECTIONS = [
  ['第一章 总则', '为规范本公司售后服务工作，提高服务水平，编制本手册。'],
  ['一、备用机服务', '空调返厂维修超过七天，或因我方缺件导致维修拖延的，服务中心免费为顾客提供同类备用机，修复后上门换回。'],
  ['二、服务热线', '全国统一服务热线400-800-0000，每天8:00-20:00人工受理，可办理预约、报修、咨询和投诉。'],
  ['三、参与标准制定', '公司是全国家用电器标准化技术委员会的成员单位，近三年参与起草了两项行业标准和一项团体标准。'],
];

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gbt27922');

describe('Word import and clause-tag suggestions', function () {
  this.timeout(120_000);
  let docx: string;
  let md: vscode.Uri;

  before(async () => {
    await activated();
    const dir = path.join(workspaceRoot().fsPath, 'import');
    fs.mkdirSync(dir, { recursive: true });
    const src = path.join(dir, 'manual.src.md');
    fs.writeFileSync(src, ['**华东电器售后服务手册**', '', ...SECTIONS.flatMap(([h, b]) => [`**${h}**`, '', b, ''])].join('\n'));
    docx = path.join(dir, '华东手册.docx');
    const r = spawnSync('pandoc', ['-f', 'markdown', '-t', 'docx', '-o', docx, src], { encoding: 'utf8' });
    assert.equal(r.status, 0, `pandoc (installed by scripts/vscode-env.sh): ${r.error?.message ?? r.stderr}`);
    fs.rmSync(src);
  });

  it('imports the .docx and opens the Markdown beside it', async () => {
    const target = await vscode.commands.executeCommand<string | undefined>('gbt27922.importWord', wsUri('import/华东手册.docx'));
    assert.ok(target, 'the command returns the imported file');
    md = vscode.Uri.parse(target);
    assert.ok(md.path.endsWith('/import/华东手册.md'), md.toString());
    const editor = await waitFor('the imported file in an editor beside', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.path === md.path), (e) => e !== undefined, 20_000);
    assert.equal(editor!.viewColumn, vscode.ViewColumn.Two);
    const text = editor!.document.getText();
    assert.match(text, /^---\ntype: manual\n---/);
    assert.match(text, /^## 一、备用机服务$/m);
    assert.doesNotMatch(text, /\[5\./, 'nothing is tagged without the user');
  });

  it('never replaces an existing .md unless the user says so', async () => {
    const before = fs.readFileSync(md.fsPath, 'utf8');
    const again = await vscode.commands.executeCommand<string | undefined>('gbt27922.importWord', wsUri('import/华东手册.docx'), { ifExists: 'cancel' });
    assert.equal(again, undefined);
    assert.equal(fs.readFileSync(md.fsPath, 'utf8'), before);
  });

  it('hints on untagged headings, with the top three as quick fixes (screenshot)', async () => {
    const hints = await waitFor('suggested-clause hints', () => ours(md).filter((d) => codeOf(d) === 'suggested-clause'), (l) => l.length === 3, 20_000);
    const doc = await vscode.workspace.openTextDocument(md);
    const line = (h: string) => doc.getText().split('\n').findIndex((l) => l.includes(h));
    const backup = hints.find((d) => d.range.start.line === line('备用机服务'))!;
    assert.ok(backup, show(hints.map((d) => d.message)));
    assert.equal(backup.severity, vscode.DiagnosticSeverity.Information);
    assert.match(backup.message, /5\.2\.4\.6/);
    assert.ok(!hints.some((d) => d.range.start.line === line('总则')), '总则 gets no hint');

    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', md, backup.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const tags = actions.filter((a) => /^Tag as |^标记为 /.test(a.title));
    assert.ok(tags.length >= 2 && tags.length <= 3, show(actions.map((a) => a.title)));
    assert.match(tags[0].title, /5\.2\.4\.6/);

    // A clean window for the picture (docs/media/quick-fix-suggestion.png in the README).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    editor.selection = new vscode.Selection(backup.range.start.translate(0, 4), backup.range.start.translate(0, 4));
    await vscode.commands.executeCommand('editor.action.quickFix');
    await sleep(1500);
    await screenshot('quick-fix-suggestion');
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });

  it('the uncovered item on the root names the imported section', async () => {
    const root = wsUri(MANUAL_ROOT);
    await vscode.workspace.openTextDocument(root);
    const d = await waitFor(
      'uncovered 5.1.6.4 naming 三、参与标准制定',
      () => ours(root).filter((x) => codeOf(x) === 'uncovered-item'),
      (l) => l.some((x) => /5\.1\.6\.4/.test(x.message) && /三、参与标准制定/.test(x.message)),
      30_000,
    );
    assert.match(d[0].message, /华东手册\.md/);
  });

  it('"Suggest Clause Tags for This File" tags every confident heading in one undoable edit', async () => {
    const doc = await vscode.workspace.openTextDocument(md);
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.Two);
    const original = doc.getText();
    const count = await vscode.commands.executeCommand<number>('gbt27922.suggestTags', md);
    assert.equal(count, 3);
    const tagged = doc.getText();
    assert.match(tagged, /^## 一、备用机服务 \[5\.2\.4\.6\]$/m);
    assert.match(tagged, /^## 二、服务热线 \[5\.3\.1\.1\]$/m);
    assert.match(tagged, /^## 三、参与标准制定 \[5\.1\.6\.4\]$/m);
    assert.match(tagged, /^# 第一章 总则$/m);
    await waitFor('no hints left', () => ours(md).filter((x) => codeOf(x) === 'suggested-clause'), (l) => l.length === 0, 20_000);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original, 'one undo takes every tag back');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
