'use strict';
// Tiny fixture extension: a command that counts ATX headings in the active
// Markdown editor, and a diagnostic on every line containing "TODO".
const vscode = require('vscode');

function activate(context) {
  const diagnostics = vscode.languages.createDiagnosticCollection('harness-fixture');
  context.subscriptions.push(diagnostics);

  const lint = (doc) => {
    if (doc.languageId !== 'markdown') return;
    const found = [];
    for (let i = 0; i < doc.lineCount; i++) {
      const text = doc.lineAt(i).text;
      const col = text.indexOf('TODO');
      if (col >= 0) {
        found.push(new vscode.Diagnostic(new vscode.Range(i, col, i, col + 4), 'TODO left in document', vscode.DiagnosticSeverity.Warning));
      }
    }
    diagnostics.set(doc.uri, found);
  };
  vscode.workspace.textDocuments.forEach(lint);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(lint),
    vscode.workspace.onDidChangeTextDocument((e) => lint(e.document)),
    vscode.commands.registerCommand('harnessFixture.countHeadings', () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return 0;
      return editor.document.getText().split(/\r?\n/).filter((l) => /^#{1,6}\s/.test(l)).length;
    }),
  );
  return { fixtureApiVersion: 1 };
}

function deactivate() {}

module.exports = { activate, deactivate };
