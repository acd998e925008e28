import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, open, show, waitFor, wsUri } from '../suite/util';

const REPORT = 'audit/web-evidence-links.md';
const MISSING = 'audit/evidence/web-added-later.md';

const TEXT = `---
type: audit
---
# 证据链接

- [5.1.1.1] 100% 证据：[组织架构图](evidence/org-chart.md)
- [5.1.1.2] 100% 证据：[网点考核记录](evidence/web-added-later.md)
`;

const linkProblems = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'gbt27922' && codeOf(d) === 'broken-evidence-link');

// In a virtual workspace the server has no disk: an evidence link's target is looked up through
// the client (vscode.workspace.fs.stat), and a file created later is seen through the watcher.
describe('evidence links in a virtual workspace (workspace.fs.stat)', () => {
  const uri = wsUri(REPORT);
  const added = wsUri(MISSING);
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const u of [uri, added]) await vscode.workspace.fs.delete(u, { useTrash: false }).then(undefined, () => undefined);
  });

  it('a link to an existing file is fine, a link to a missing one is reported', async () => {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(TEXT));
    await open(REPORT);
    const problems = await waitFor('the broken evidence link', () => linkProblems(uri), (ds) => ds.length > 0, 30_000);
    assert.equal(problems.length, 1, show(problems.map((d) => d.message)));
    assert.equal(problems[0].range.start.line, 6, 'on the line of the missing target');
    assert.match(problems[0].message, /web-added-later\.md/);
  });

  it('creating the missing file clears the problem', async () => {
    await vscode.workspace.fs.writeFile(added, new TextEncoder().encode('# 网点考核记录\n'));
    await waitFor('the evidence link problem to go', () => linkProblems(uri), (ds) => ds.length === 0, 30_000);
  });
});
