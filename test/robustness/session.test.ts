/**
 * Long sessions and odd surroundings (issue 20, items 11–14): what a server left running for a
 * day meets. Each test drives the bundled server over LSP the way an editor would.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { HoverRequest } from 'vscode-languageserver-protocol';
import { cleanupTemp, delay, LspClient } from './helpers';

/** Run the server as user `nobody` (we are root), or rely on pid 1 not being ours to signal (we are not). */
function foreignParent(): { wrapper?: string[]; processId: number } {
  if (process.getuid?.() === 0) {
    const probe = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `try{process.kill(${process.pid},0);process.stdout.write('ok')}catch(e){process.stdout.write(e.code)}`], { encoding: 'utf8' });
    assert.equal(probe.stdout, 'EPERM', `setpriv must run node as nobody, who may not signal this process (${probe.stderr})`);
    return { wrapper: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'], processId: process.pid };
  }
  return { processId: 1 };
}

describe('robustness: the parent watchdog (item 14)', function () {
  this.timeout(60000);
  after(() => cleanupTemp());

  it('an editor process the server may not signal (EPERM) is alive: the server keeps answering past the 3 s watchdog', async () => {
    const { wrapper, processId } = foreignParent();
    const client = await LspClient.start({ folders: [], wrapper, processId, watchFiles: false, initializationOptions: { cacheDir: null, watch: 'none' } });
    try {
      await delay(7500);
      assert.equal(client.exitStatus, undefined, `the server exited (code ${client.exitStatus}) although its editor is alive:\n${client.stderr}`);
      const answer = await client.request(HoverRequest.type, { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } });
      assert.equal(answer, null);
    } finally {
      assert.equal(await client.stop(), 0, 'shutdown + exit ends the server with code 0');
    }
  });

  it('an editor process that is gone (ESRCH) ends the server within the watchdog period', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(dead.stdout);
    const client = await LspClient.start({ folders: [], processId: pid, watchFiles: false, initializationOptions: { cacheDir: null, watch: 'none' } });
    const started = Date.now();
    await client.waitFor(() => !client.isRunning, 10000, 'the server to notice its editor is gone').catch(() => undefined);
    assert.notEqual(client.exitStatus, undefined, 'the server is still running with its editor gone');
    assert.ok(Date.now() - started < 8000);
    await client.stop();
  });
});
