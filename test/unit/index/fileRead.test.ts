import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash } from '../../../server/src/index/diskCache';
import { readFileForIndex, readFileForIndexAsync, type ReadJob } from '../../../server/src/index/fileRead';
import { WorkerPool } from '../../../server/src/index/workerPool';

describe('reading files for the index', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gbt-read-'));
    writeFileSync(join(dir, 'manual.md'), '# 手册\n\n## [5.1.1.1] 服务网点\n');
    writeFileSync(join(dir, 'bom.md'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# 报告\n')]));
    writeFileSync(join(dir, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    writeFileSync(join(dir, 'big.md'), 'x'.repeat(5000));
    mkdirSync(join(dir, 'folder.md'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const job = (name: string, maxBytes = 1024 * 1024): ReadJob => ({ path: join(dir, name), maxBytes });

  it('text with its content hash; a BOM is not part of the text', async () => {
    for (const read of [readFileForIndex, readFileForIndexAsync]) {
      const r = await read(job('manual.md'));
      assert.deepEqual(r, { kind: 'text', text: '# 手册\n\n## [5.1.1.1] 服务网点\n', hash: contentHash('# 手册\n\n## [5.1.1.1] 服务网点\n') });
      const bom = await read(job('bom.md'));
      assert.equal(bom.kind === 'text' && bom.text, '# 报告\n');
    }
  });

  it('too large by its size (not read), binary as not-text with the reason, missing or a directory as unreadable', async () => {
    for (const read of [readFileForIndex, readFileForIndexAsync]) {
      assert.deepEqual(await read(job('big.md', 4096)), { kind: 'too-large', bytes: 5000 });
      const binary = await read(job('image.md'));
      assert.equal(binary.kind, 'not-text');
      assert.match(binary.kind === 'not-text' ? binary.reason : '', /NUL/);
      assert.deepEqual(await read(job('gone.md')), { kind: 'unreadable' });
      assert.deepEqual(await read(job('folder.md')), { kind: 'unreadable' });
    }
  });

  it('the pool reads in order, on this thread when it has no workers', async () => {
    const pool = new WorkerPool(undefined, 2);
    assert.equal(pool.size, 0);
    const reads = await pool.read([job('gone.md'), job('manual.md'), job('big.md', 10)]);
    assert.deepEqual(reads.map((r) => r.kind), ['unreadable', 'text', 'too-large']);
    assert.deepEqual(await pool.read([]), []);
    await pool.dispose();
  });
});

describe('worker pool: jobs on worker threads, retirement', () => {
  let dir: string;
  let workerFile: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'gbt-pool-'));
    workerFile = join(dir, 'worker.cjs');
    // A stand-in for dist/parseWorker.js that answers in a way only a worker would (tagged).
    writeFileSync(
      workerFile,
      `const { parentPort, threadId } = require('node:worker_threads');
       parentPort.on('message', (r) => parentPort.postMessage('chunks' in r
         ? { id: r.id, models: r.chunks.map((c) => ({ headings: [], tags: [], entries: [], specials: [], links: [], leadingContent: false, thread: threadId, text: c.text })) }
         : { id: r.id, files: r.reads.map((j) => ({ kind: 'not-text', reason: 'worker ' + threadId + ' ' + j.path })) }));`,
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('starts a worker for a job none is free for, parses and reads on them, in order; retireIdle ends them (and says so) and the next job starts them again', async () => {
    let retired = 0;
    let onRetired = (): void => {};
    const pool = new WorkerPool(workerFile, 2, () => {}, () => {
      retired++;
      onRetired();
    });
    try {
      assert.equal(pool.size, 2);
      assert.equal(pool.live, 0, 'no worker before there is work');
      assert.equal(pool.started, 0);
      const models = (await pool.run([{ text: 'a', first: true }, { text: 'b', first: false }])) as unknown as { thread: number; text: string }[];
      assert.equal(pool.live, 1, 'one job (small chunks go together): one worker');
      assert.equal(pool.started, 1);
      assert.deepEqual(models.map((m) => m.text), ['a', 'b']);
      assert.ok(models.every((m) => m.thread > 0), 'parsed on a worker thread');
      // two jobs at once: the second finds no free worker and starts the other
      const both = (await Promise.all([pool.run([{ text: 'c', first: true }]), pool.run([{ text: 'd', first: true }])])).flat() as unknown as { thread: number; text: string }[];
      assert.deepEqual(both.map((m) => m.text), ['c', 'd']);
      assert.equal(pool.live, 2);
      assert.equal(pool.started, 2);
      assert.equal(new Set(both.map((m) => m.thread)).size, 2, 'on two threads');
      const reads = await Promise.all([pool.read([{ path: '/x/1.md', maxBytes: 10 }]), pool.read([{ path: '/x/2.md', maxBytes: 10 }, { path: '/x/3.md', maxBytes: 10 }])]);
      assert.deepEqual(reads.flat().map((r) => (r.kind === 'not-text' ? r.reason.replace(/^worker \d+ /, '') : r.kind)), ['/x/1.md', '/x/2.md', '/x/3.md']);
      const ended = new Promise<void>((resolve) => (onRetired = resolve));
      pool.retireIdle();
      assert.equal(pool.live, 0);
      await ended;
      assert.equal(retired, 1, 'told once both workers have ended');
      pool.retireIdle();
      assert.equal(retired, 1, 'nothing to retire: not told again');
      await pool.read([{ path: '/x/4.md', maxBytes: 10 }]);
      assert.equal(pool.live, 1, 'started again for the next job, one worker for one job');
      assert.equal(pool.started, 3);
      assert.equal(pool.inProcessJobs, 0);
    } finally {
      await pool.dispose();
    }
  });
});
