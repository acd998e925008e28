/**
 * The extension's own surface in the real editor: the test API activate() returns, the catalog
 * tree, the generate / export / insert-stubs / choose-scheme commands, and crash recovery (the
 * server process killed: the client starts a new one and the diagnostics and status bar return).
 * Runs last: choosing a scheme rewrites the workspace's config.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, AUDIT_REPORT, MANUAL_ROOT, extension, open, show, sleep, uiState, waitFor, wsUri } from './util';

interface Api {
  getState(): { serverState: string; serverPid?: number; catalog: { roots: string[] } };
  panelData(uri?: string): { payload?: { uri: string; audit?: { total: string } }; body: string };
  statusText(): string;
  whenServerRunning(): Promise<void>;
}
const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gbt27922');

describe('client: API, commands, crash restart', () => {
  let api: Api;
  before(async () => {
    await activated();
    api = extension().exports as Api;
    // The quick-fix suite left its edits in the editors (unsaved): back to the files on disk,
    // where 5.1.6.4 is uncovered again.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file')) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('activate() returns the test API', async () => {
    assert.equal(typeof api.getState, 'function');
    await api.whenServerRunning();
    await open(AUDIT_REPORT);
    const uri = wsUri(AUDIT_REPORT).toString();
    const d = await waitFor('panel data', () => api.panelData(uri), (p) => !!p.payload?.audit, 20_000);
    assert.ok(d.body.includes('四星级'));
    assert.match(api.statusText(), /★/);
  });

  it('the catalog tree loads when its view is shown', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.gbt27922');
    const s = await waitFor('catalog roots', () => api.getState(), (st) => st.catalog.roots.length > 0, 20_000);
    assert.deepEqual(s.catalog.roots, ['5.1', '5.2', '5.3']);
  });

  it('generate audit checklist (with args) opens an untitled document with every item', async () => {
    const uri = await vscode.commands.executeCommand<string>('gbt27922.generateAuditChecklist', { organisation: '测试公司' });
    assert.ok(uri, 'returns the new document');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri && !d.isClosed)!;
    const text = doc.getText();
    await vscode.window.showTextDocument(doc);
    // Named for what it is (the tab, and the name Save proposes), unsaved, Markdown.
    assert.ok(doc.isUntitled && doc.languageId === 'markdown', `${doc.uri.toString()} ${doc.languageId}`);
    assert.match(doc.uri.path.split('/').pop()!, /^(审核清单|audit-checklist)(-\d+)?\.md$/);
    assert.ok(text.includes('测试公司'));
    assert.equal((text.match(/\[5\.\d\.\d\.\d\]/g) ?? []).length >= 50, true, text.slice(0, 500));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // Closed for good before the next untitled document is made (VS Code reuses the name, and
    // until the close reaches the extension host it hands back this document for it).
    await waitFor('the checklist closed', () => doc.isClosed, (closed) => closed, 15_000);
  });

  it('generate manual skeleton', async () => {
    const uri = await vscode.commands.executeCommand<string>('gbt27922.generateManualSkeleton', { organisation: '测试公司' });
    assert.ok(uri, 'returns the new document');
    // The document the command returned: an untitled name can be reused, and the checklist of the
    // previous test may still be closing under it, so wait for the skeleton's text.
    const doc = (await waitFor(
      'the skeleton under the returned URI',
      () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri && !d.isClosed && /type: manual/.test(d.getText())),
      (d) => d !== undefined,
      15_000,
    ))!;
    await vscode.window.showTextDocument(doc);
    assert.match(doc.uri.path.split('/').pop()!, /^(售后服务手册|service-manual)(-\d+)?\.md$/);
    assert.match(doc.getText(), /type: manual/);
    assert.ok(doc.getText().includes('[5.3.1.1]'), doc.getText().slice(0, 300));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('export HTML summary to a chosen file', async () => {
    await open(AUDIT_REPORT);
    await waitFor('payload', () => uiState(), (s) => !!s.payload?.audit, 20_000);
    const target = wsUri('audit/summary.html');
    const out = await vscode.commands.executeCommand<string>('gbt27922.exportHtml', target);
    assert.equal(out, target.toString());
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.ok(html.includes('四星级') && !html.includes('<script'));
  });

  it('insert stubs for all uncovered items (goes where clause order puts it)', async () => {
    const root = wsUri(MANUAL_ROOT);
    await open(MANUAL_ROOT);
    const r = await vscode.commands.executeCommand<{ applied: boolean; edited: string[] }>('gbt27922.insertUncoveredStubs', root);
    console.log(`      ${show(r)}`);
    assert.ok(r?.applied && r.edited.length > 0);
    for (const u of r.edited) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(u));
      assert.ok(doc.isDirty);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    const any = r.edited.map((u) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === u)?.isDirty);
    assert.ok(any.every((d) => !d), 'reverted');
  });

  it('after the server is killed it comes back, with diagnostics and the status bar', async function () {
    this.timeout(120_000);
    const manual = wsUri(MANUAL_ROOT);
    await open(MANUAL_ROOT);
    await waitFor('uncovered diagnostic', () => ours(manual), (l) => l.length > 0, 20_000);
    await open(AUDIT_REPORT);
    await waitFor('status', () => api.statusText(), (t) => /★/.test(t), 20_000);
    const before = api.getState().serverPid;
    const killed = await vscode.commands.executeCommand<number>('gbt27922.test.killServer');
    assert.equal(killed, before);
    const s = await waitFor('a new server', () => api.getState(), (st) => st.serverState === 'running' && !!st.serverPid && st.serverPid !== before, 30_000);
    console.log(`      server ${before} → ${s.serverPid}`);
    const diags = await waitFor('the uncovered diagnostic back', () => ours(manual), (l) => l.length > 0, 30_000);
    assert.ok(diags.some((d) => d.message.includes('5.1.6.4')));
    await waitFor('the status bar back', () => api.statusText(), (t) => /★/.test(t), 20_000);
    await sleep(200);
  });

  it('choose scheme with an argument writes gbt27922.config.json', async () => {
    const shown = await vscode.commands.executeCommand<string>('gbt27922.chooseScheme', 'ten-star');
    assert.equal(shown, 'ten-star');
    await sleep(500);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(wsUri('gbt27922.config.json')));
    assert.match(text, /"scheme": "ten-star"/);
    assert.match(text, /"manualRoot": "manual\/README.md"/);
  });
});
