import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, harness, screenshot, show, sleep, waitFor, workspaceRoot } from '../suite/util';

// The web run's second workspace: the bench's 200-file corpus (bench/corpus.ts, c200), opened as
// a virtual workspace. The server indexes it in the web worker with no disk cache and no worker
// threads; the time is reported here and judged in the bench (`npm run bench`, "web worker").
describe('a 200-file workspace in the browser', () => {
  it('is indexed whole, every file through the client, with no disk cache or worker threads', async () => {
    const gbt = await api();
    await gbt.whenServerRunning();
    const stats = await waitFor('the first indexing', () => gbt.indexStats(), (s) => s !== undefined, 60_000, 200);
    assert.ok(stats);
    const line = `200-file workspace (c200, virtual) indexed in the web worker in ${stats.ms} ms: ${stats.files} files, ${stats.parsedFiles} parsed, ${stats.notOurs} not ours, ${stats.parsedChunks} chunks, ${stats.fromDiskCache} from a disk cache, ${stats.workers} worker threads; phases ${show(stats.phases)}`;
    console.log(`    ${line}`);
    const out = harness().env('GBT_VSCODE_INDEX_REPORT');
    if (out) await vscode.workspace.fs.writeFile(harness().hostFileUri(out), new TextEncoder().encode(JSON.stringify({ ...stats, folder: workspaceRoot().toString() }, null, 2)));
    assert.equal(stats.files, 200);
    // every file read and judged: parsed, or found by the prefilter not to be ours (the corpus has plain Markdown too)
    assert.equal(stats.parsedFiles + stats.notOurs, 200);
    assert.ok(stats.parsedFiles >= 150, `${stats.parsedFiles} parsed`);
    assert.equal(stats.fromDiskCache, 0);
    assert.equal(stats.workers, 0);
  });

  it('its problems are published for closed files: every manual and report of the corpus is analysed', async () => {
    const diags = await waitFor(
      'diagnostics across the corpus',
      () => vscode.languages.getDiagnostics().filter(([, ds]) => ds.some((d) => d.source === 'gbt27922')),
      (list) => list.length >= 20,
      30_000,
    );
    console.log(`    ${diags.length} files with problems`);
    await sleep(500);
    await screenshot('index-200');
  });
});
