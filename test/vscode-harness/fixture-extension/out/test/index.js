'use strict';
// Extension-host test entry (same contract as @vscode/test-electron):
// export run(): Promise<void>; reject to fail the run.
const assert = require('assert');
const path = require('path');
const vscode = require('vscode');
const { runSuite, waitFor } = require('./harness');
// the harness's extension-host helpers (a no-op outside the harness)
const harnessApi = require('../../../extensionHostApi');

const EXT_ID = 'gbt27922-tools.harness-fixture';

async function openReport() {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'a workspace folder is open');
  const uri = vscode.Uri.joinPath(folder.uri, 'report.md');
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  return { folder, doc, editor };
}

exports.run = () => runSuite('harness fixture', [
  ['runs inside a real VS Code', async () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    console.log(`    vscode ${vscode.version}, appHost=${vscode.env.appHost}, remote=${vscode.env.remoteName}`);
  }],
  ['workspace folder is the one passed to the harness', async () => {
    const { folder } = await openReport();
    assert.strictEqual(path.basename(folder.uri.path), 'fixture-workspace');
  }],
  ['opens a Markdown file with Chinese text', async () => {
    const { doc } = await openReport();
    assert.strictEqual(doc.languageId, 'markdown');
    assert.ok(doc.getText().includes('售后服务认证报告'));
  }],
  ['extension activates and exports its API', async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `${EXT_ID} is loaded from extensionDevelopmentPath`);
    console.log(`    extensionPath=${ext.extensionPath}`);
    const api = await ext.activate();
    assert.deepStrictEqual(api, { fixtureApiVersion: 1 });
  }],
  ['command contributed by the extension runs', async () => {
    await openReport();
    const n = await vscode.commands.executeCommand('harnessFixture.countHeadings');
    assert.strictEqual(n, 4);
  }],
  ['diagnostics are published and update on edit', async () => {
    const { doc, editor } = await openReport();
    const diags = await waitFor(() => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length === 1 && d;
    }, 'one TODO diagnostic');
    assert.strictEqual(diags[0].range.start.line, 4);
    await editor.edit((b) => b.insert(new vscode.Position(doc.lineCount, 0), '\nTODO again\n'));
    await waitFor(() => vscode.languages.getDiagnostics(doc.uri).length === 2, 'two TODO diagnostics');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const shot = await harnessApi.screenshot('fixture-diagnostics');
    if (harnessApi.inHarness()) assert.ok(shot, 'the harness wrote the screenshot');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }],
  ['hover provider API works', async () => {
    const { doc } = await openReport();
    const reg = vscode.languages.registerHoverProvider('markdown', {
      provideHover: () => new vscode.Hover('fixture hover'),
    });
    try {
      const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 3));
      assert.ok(hovers.some((h) => h.contents.some((c) => String(c.value || c).includes('fixture hover'))));
    } finally {
      reg.dispose();
    }
  }],
]);
