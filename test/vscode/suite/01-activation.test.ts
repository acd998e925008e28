import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXPECTED_EXTENSION_PATH, REPO_ROOT, VSIX, api, extension, sleep, uiState, workspaceRoot } from './util';

describe('the packaged extension in a real VS Code', () => {
  it('runs in VS Code with the samples workspace open', () => {
    console.log(`    VS Code ${vscode.version}, appHost=${vscode.env.appHost}, remote=${vscode.env.remoteName ?? '-'}, language=${vscode.env.language}`);
    assert.equal(path.posix.basename(workspaceRoot().path), 'samples');
  });

  it('is loaded from the unpacked .vsix (the folder the runner named), not from the working tree', function () {
    const ext = extension();
    console.log(`    ${ext.id} ${String((ext.packageJSON as { version?: string }).version)} from ${ext.extensionPath}${VSIX ? ` (${VSIX})` : ''}`);
    if (!EXPECTED_EXTENSION_PATH) this.skip();
    assert.equal(path.resolve(ext.extensionPath), path.resolve(EXPECTED_EXTENSION_PATH));
    if (VSIX) assert.notEqual(path.resolve(ext.extensionPath), path.resolve(REPO_ROOT), 'a packaged run must not load the working tree');
    // what the package must carry for the extension to work at all
    for (const f of ['package.json', 'dist/extension.js', 'dist/server.js']) {
      assert.ok(fs.existsSync(path.join(ext.extensionPath, f)), `${f} is missing from the package`);
    }
  });

  it('activates and its language server reaches the running state', async () => {
    const ext = extension();
    await ext.activate();
    assert.ok(ext.isActive);
    const gbt = await api();
    await Promise.race([gbt.whenServerRunning(), sleep(20_000).then(() => assert.fail('the language server did not reach the running state in 20 s'))]);
    const s = await uiState();
    assert.equal(s.serverState, 'running');
    assert.ok(s.serverPid && s.serverPid > 0, 'the server runs as its own process');
    // Started with the collector setting the cold-index numbers were measured with.
    const cmdline = `/proc/${s.serverPid}/cmdline`;
    if (fs.existsSync(cmdline)) {
      const args = fs.readFileSync(cmdline, 'utf8').split('\0');
      assert.ok(args.includes('--single-threaded-gc'), `server command line: ${args.join(' ')}`);
      assert.ok(args.some((a) => a.endsWith(path.join('dist', 'server.js'))), `server command line: ${args.join(' ')}`);
    }
  });
});
