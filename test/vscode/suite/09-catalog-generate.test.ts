import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, AUDIT_REPORT, open, show, uiState, waitFor, wsUri } from './util';

// The catalog tree (activity bar → GB/T 27922) follows the report in the editor; the generate
// commands open an untitled document with every item of the scheme (50 in gbt27922-2011).
describe('catalog tree and generated documents', () => {
  const generated: vscode.TextDocument[] = [];
  before(async () => {
    await activated();
    await open(AUDIT_REPORT);
  });
  after(async () => {
    // Untitled documents are closed unsaved (reverted), so that no later test meets them.
    for (const doc of generated) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('the catalog tree shows the three groups of the scheme for the report in the editor', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.gbt27922');
    await vscode.commands.executeCommand('gbt27922.refreshCatalog');
    const uri = wsUri(AUDIT_REPORT).toString();
    const s = await waitFor('the catalog to follow the report', uiState, (st) => st.catalog.subject === uri && st.catalog.roots.length > 0, 20_000);
    assert.deepEqual(s.catalog.roots, ['5.1', '5.2', '5.3'], show(s.catalog));
  });

  for (const [command, kind] of [
    ['gbt27922.generateAuditChecklist', 'audit'],
    ['gbt27922.generateManualSkeleton', 'manual'],
  ] as const) {
    it(`${command} opens a ${kind} document with all 50 items`, async () => {
      const uri = await vscode.commands.executeCommand<string | undefined>(command, { organisation: '测试电器有限公司' });
      assert.ok(uri, `${command} returned the new document's URI`);
      // The editor it opened (an untitled name comes back once its first holder is closed).
      const doc = vscode.window.activeTextEditor?.document;
      assert.ok(doc && doc.uri.toString() === uri, `the generated document is in the editor: ${uri}`);
      assert.equal(doc.uri.scheme, 'untitled', 'nothing is written without the user choosing where');
      assert.equal(doc.languageId, 'markdown');
      const text = doc.getText();
      assert.match(text, new RegExp(`^---[\\s\\S]*type: ${kind}[\\s\\S]*---`), text.slice(0, 300));
      assert.ok(text.includes('测试电器有限公司'), 'the organisation is in the front matter');
      const ids = new Set([...text.matchAll(/[[【](5\.[1-3]\.\d+\.\d+)[\]】]/g)].map((m) => m[1]));
      assert.equal(ids.size, 50, `items in the generated ${kind}: ${ids.size}`);
      generated.push(doc);
    });
  }
});
