/**
 * The CLI in a repository of someone else's Markdown (the prefilter, model/prefilter.ts): files
 * that cannot be ours are scanned and listed as not ours, never parsed, and a run where no file
 * passes starts no worker thread, however low the worker threshold. Files of ours beside them are
 * analysed exactly as without them.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { copySamples, json, makeTree, run, writeFiles } from './helpers';

/** Real foreign Markdown: the README files of a few installed packages (none has anything of ours). */
function foreignFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pkg of ['esutils', 'argparse', 'picomatch', 'yaml', 'unified']) {
    const dir = path.join(__dirname, '..', '..', 'node_modules', pkg);
    const name = fs.readdirSync(dir).find((f) => /^readme\.md$/i.test(f));
    if (name) out[`vendor/${pkg}/README.md`] = fs.readFileSync(path.join(dir, name), 'utf8');
  }
  // Things that look like ours to a scan but are not, to the parse: a tag in code, in a link.
  out['notes/code.md'] = '# Notes\n\n```js\nconst xs = [5.1, 2.3];\n```\n\nSee [5.1.1.1](https://e.com/a).\n';
  return out;
}

describe('cli: a repository of foreign Markdown (the prefilter)', () => {
  it('no file may be ours: every file listed as not ours, nothing parsed, no worker thread even with the threshold at 1', () => {
    const files = foreignFiles();
    delete files['notes/code.md'];
    const root = makeTree(files);
    try {
      const r = run(['check', '.', '-f', 'json'], { cwd: root, env: { GBT27922_DEBUG: '1', GBT27922_WORKER_THRESHOLD: '1' } });
      assert.equal(r.code, 0, r.stderr);
      const n = Object.keys(files).length;
      assert.ok(n >= 4, `${n} foreign files`);
      assert.equal(json(r).files.length, n);
      assert.ok(json(r).files.every((f) => f.kind === 'none'));
      assert.deepEqual(json(r).problems, []);
      assert.match(r.stderr, new RegExp(`^gbt27922: 0 of ${n} files may be ours \\(0 characters to parse\\)$`, 'm'));
      assert.doesNotMatch(r.stderr, /worker threads/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('beside the samples: only the files that may be ours are parsed (on workers when asked), the results are the samples’ own', () => {
    const alone = copySamples();
    const mixed = copySamples();
    try {
      writeFiles(mixed, foreignFiles());
      const a = run(['check', '.', '-f', 'json'], { cwd: alone });
      const m = run(['check', '.', '-f', 'json'], { cwd: mixed, env: { GBT27922_DEBUG: '1', GBT27922_WORKER_THRESHOLD: '1' } });
      assert.equal(m.code, a.code, m.stderr);
      const [ja, jm] = [json(a), json(m)];
      const foreign = Object.keys(foreignFiles());
      assert.deepEqual(
        jm.files.filter((f) => foreign.includes(f.file)).map((f) => f.kind),
        foreign.map(() => 'none'),
      );
      assert.deepEqual(jm.files.filter((f) => !foreign.includes(f.file)), ja.files);
      assert.deepEqual(jm.problems, ja.problems);
      assert.deepEqual(jm.audits, ja.audits);
      assert.deepEqual(jm.coverage, ja.coverage);
      // The samples' manual, reports and notes, and the one foreign file a scan cannot rule out.
      const total = ja.files.length + foreign.length;
      const may = /^gbt27922: (\d+) of (\d+) files may be ours \((\d+) characters to parse\)$/m.exec(m.stderr);
      assert.ok(may, m.stderr);
      assert.equal(Number(may[2]), total);
      const samplesOurs = ja.files.filter((f) => f.kind !== 'none').length;
      assert.ok(Number(may[1]) >= samplesOurs + 1 && Number(may[1]) < total - 4, may[0]);
      // On one core the CLI parses on its main thread.
      if (availableParallelism() >= 2) assert.match(m.stderr, /parsing \d+ characters on [1-9] worker threads/);
      else assert.doesNotMatch(m.stderr, /worker threads/);
    } finally {
      fs.rmSync(alone, { recursive: true, force: true });
      fs.rmSync(mixed, { recursive: true, force: true });
    }
  });
});
