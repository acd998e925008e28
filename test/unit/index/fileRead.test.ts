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
