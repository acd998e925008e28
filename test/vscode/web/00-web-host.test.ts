import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXPECTED_EXTENSION_PATH, api, extension, sleep, uiState, workspaceRoot } from '../suite/util';

/** Markdown files under `dir` (through the workspace's file system), in folders `enter` lets in at the top. */
async function markdownFiles(dir: vscode.Uri, enter: (name: string) => boolean = () => true): Promise<number> {
  let n = 0;
  for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
    if (type & vscode.FileType.Directory) {
      if (enter(name)) n += await markdownFiles(vscode.Uri.joinPath(dir, name));
    } else if (/\.(md|markdown)$/i.test(name)) n++;
  }
  return n;
}

/** The harness's virtual file system (test/vscode-harness/mirror-fs), standing in for github.dev's vscode-vfs. */
const VIRTUAL_SCHEME = 'gbt27922-mirror';

describe('the web build in VS Code for the Web (web worker extension host, virtual workspace)', () => {
  it('runs in a web worker, in a virtual workspace', () => {
    console.log(`    VS Code ${vscode.version}, uiKind=${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}, appHost=${vscode.env.appHost}, folder=${workspaceRoot().toString()}`);
    assert.equal(typeof process, 'undefined', 'no Node in this extension host');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    assert.equal(workspaceRoot().scheme, VIRTUAL_SCHEME, 'the workspace folder is on a virtual file system');
  });

  it("is the unpacked .vsix's browser entry (dist/browser/extension.js), allowed in a virtual workspace", () => {
    const ext = extension();
    const manifest = ext.packageJSON as { browser?: string; main?: string; capabilities?: { virtualWorkspaces?: boolean | { supported?: boolean } } };
    console.log(`    ${ext.id} from ${ext.extensionUri.toString()}, kind ${ext.extensionKind === vscode.ExtensionKind.UI ? 'UI (web worker)' : 'workspace'}`);
    if (EXPECTED_EXTENSION_PATH) assert.equal(ext.extensionUri.path, EXPECTED_EXTENSION_PATH);
    assert.equal(manifest.browser, './dist/browser/extension.js');
    // A web extension runs beside the UI, not on a remote machine.
    assert.equal(ext.extensionKind, vscode.ExtensionKind.UI);
    const vw = manifest.capabilities?.virtualWorkspaces;
    assert.ok(vw === true || (typeof vw === 'object' && vw.supported === true), `virtualWorkspaces: ${JSON.stringify(vw)}`);
  });

  it('activates and its language server, a web worker, reaches the running state', async () => {
    const ext = extension();
    await ext.activate();
    const gbt = await api();
    await Promise.race([gbt.whenServerRunning(), sleep(20_000).then(() => assert.fail('the language server did not reach the running state in 20 s'))]);
    const s = await uiState();
    assert.equal(s.serverState, 'running');
    assert.equal(s.serverPid, undefined, 'no server process: a worker');
  });

  it('the server read the workspace through the client: the whole samples folder is indexed', async () => {
    const gbt = await api();
    const stats = await (async () => {
      for (let i = 0; i < 100; i++) {
        const st = await gbt.indexStats();
        if (st) return st;
        await sleep(200);
      }
      return undefined;
    })();
    assert.ok(stats, 'the server reports its indexing');
    console.log(`    indexed ${stats.files} files in ${stats.ms} ms (${stats.parsedFiles} parsed, ${stats.fromDiskCache} from a disk cache, ${stats.workers} worker threads)`);
    // samples/: every Markdown file but those of custom-scheme/ (gbt27922.config.json excludes it)
    assert.equal(stats.files, await markdownFiles(workspaceRoot(), (name) => name !== 'custom-scheme'));
    assert.equal(stats.fromDiskCache, 0, 'no disk cache in the browser');
    assert.equal(stats.workers, 0, 'no worker threads in the browser');
  });
});
