'use strict';
// Deliberately failing suite: proves the harness propagates a non-zero exit code.
const assert = require('assert');
const vscode = require('vscode');
const { runSuite } = require('./harness');

exports.run = () => runSuite('harness fixture (deliberately failing)', [
  ['a passing test', async () => {
    assert.ok(vscode.workspace.workspaceFolders.length > 0);
  }],
  ['a failing test', async () => {
    const n = await vscode.commands.executeCommand('harnessFixture.countHeadings');
    assert.strictEqual(n, 999, 'deliberate failure: heading count is not 999');
  }],
]);
