/**
 * The certification cycle where files are read through the client (VS Code for the Web): a
 * report whose `previous:` names a report the index does not hold (excluded by the config) gets
 * it read ahead through the client's file handlers (client/src/workspaceFiles.ts over files in
 * memory, every message through JSON): the walk is 'pending' meanwhile, with no problem shown,
 * then the report is analysed again and compared with the one read. A `previous:` that is a
 * symbolic link is refused by the client and reported, as on the disk.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MemoryEntry } from '../../../bench/memoryFiles';
import { IndexCycleSource, READ_BUDGET_BYTES, type CycleHost, type DiskEntry } from '../../../server/src/index/cycleSource';
import { FolderState } from '../../../server/src/index/folder';
import { noFiles } from '../../../server/src/index/workspaceFiles';
import { uriToPath } from '../../../server/src/index/uri';
import type { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { FOLDER, memoryClientIndex } from './memoryClientIndex';

const SAMPLES = path.resolve(__dirname, '..', '..', '..', 'samples', 'audit');
const initial = fs.readFileSync(path.join(SAMPLES, '2026-审核报告.md'), 'utf8');
const surveillance = fs.readFileSync(path.join(SAMPLES, '2027-监督审核报告.md'), 'utf8');

async function indexOf(files: Record<string, MemoryEntry>) {
  const indexed = memoryClientIndex(files);
  await indexed.index.indexAll();
  return indexed;
}

const codes = (index: WorkspaceIndex, rel: string) => index.problemsOf(`${FOLDER}/${rel}`).map((p) => p.code);
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('the certification cycle read through the client (web build)', () => {
  // the reports' evidence files are not in this workspace: links are not checked here
  const config = JSON.stringify({ exclude: ['archive/**'], checkEvidenceLinks: false });

  it('a previous report the index does not hold is read ahead through the client, then compared', async () => {
    const { index, reads, changed } = await indexOf({
      'gbt27922.config.json': config,
      'audit/2027.md': surveillance.replace('previous: 2026-审核报告.md', 'previous: ../archive/2026.md'),
      'archive/2026.md': initial,
    });
    assert.deepEqual([...index.docs.keys()].map((u) => u.slice(FOLDER.length + 1)), ['audit/2027.md'], 'the archive is not indexed');
    // asked first: the chain waits for the read, and nothing is reported about it meanwhile
    const first = index.auditOf(`${FOLDER}/audit/2027.md`)!;
    assert.equal(first.cycle?.broken, 'pending');
    assert.deepEqual(codes(index, 'audit/2027.md').filter((c) => c.startsWith('previous-')), []);
    await settle();
    assert.ok(reads.includes(`${FOLDER}/archive/2026.md`), 'read through the client');
    assert.ok(changed.flat().includes(`${FOLDER}/audit/2027.md`), 'the report is published again');
    const again = index.auditOf(`${FOLDER}/audit/2027.md`)!;
    assert.equal(again.cycle?.broken, undefined);
    assert.equal(again.cycle?.previous?.name, 'archive/2026.md');
    // as `gbt27922 check samples --as-of 2027-06-30` reports this report (samples/EXPECTED.md)
    assert.deepEqual(codes(index, 'audit/2027.md'), ['nc-not-followed-up', 'item-score-dropped', 'item-score-dropped', 'nc-overdue']);
    // read once, kept
    const before = reads.length;
    index.refreshAsOf();
    index.auditOf(`${FOLDER}/audit/2027.md`);
    await settle();
    assert.equal(reads.length, before);
    // the file changes: read again when next asked for
    await index.filesChanged([{ uri: `${FOLDER}/archive/2026.md`, type: 2 }]);
    assert.equal(index.auditOf(`${FOLDER}/audit/2027.md`)?.cycle?.broken, 'pending');
    await settle();
    assert.equal(index.auditOf(`${FOLDER}/audit/2027.md`)?.cycle?.previous?.name, 'archive/2026.md');
  });

  it('a previous report that is a symbolic link, or is missing, is not read and is reported', async () => {
    const { index, reads } = await indexOf({
      'gbt27922.config.json': config,
      'audit/a.md': surveillance.replace('previous: 2026-审核报告.md', 'previous: ../archive/link.md'),
      'audit/b.md': surveillance.replace('previous: 2026-审核报告.md', 'previous: ../archive/none.md'),
      'archive/2026.md': initial,
      'archive/link.md': { link: 'archive/2026.md' },
    });
    index.auditOf(`${FOLDER}/audit/a.md`);
    index.auditOf(`${FOLDER}/audit/b.md`);
    await settle();
    for (const rel of ['audit/a.md', 'audit/b.md']) {
      const problem = index.problemsOf(`${FOLDER}/${rel}`).find((p) => p.code === 'previous-not-found');
      assert.ok(problem, `${rel}: previous-not-found`);
      assert.match(String(problem.args?.detail), /symbolic link/);
    }
    assert.ok(!reads.includes(`${FOLDER}/archive/2026.md`), 'the link\'s target is never read');
  });

  it('reports read through the client count against the read budget of a walk, as on the disk', () => {
    const folder = new FolderState(FOLDER, uriToPath(FOLDER), 'r', false);
    const asked: string[] = [];
    const host: CycleHost = { indexed: () => undefined, parse: () => assert.fail('nothing is parsed here'), successors: () => [], readLater: (abs) => asked.push(abs) };
    const big = Math.floor(READ_BUDGET_BYTES * 0.6);
    const disk = new Map<string, DiskEntry>();
    for (const name of ['a.md', 'b.md']) disk.set(uriToPath(`${FOLDER}/${name}`)!, { chars: big, result: { kind: 'not-audit', uri: `${FOLDER}/${name}` } });
    const walk = new IndexCycleSource(host, folder, disk, 10 * 1024 * 1024, noFiles());
    assert.equal(walk.previous(`${FOLDER}/head.md`, 'a.md').kind, 'not-audit', 'the first kept report is within the budget');
    const over = walk.previous(`${FOLDER}/a.md`, 'b.md');
    assert.equal(over.kind, 'unreadable');
    assert.match(over.kind === 'unreadable' ? over.detail : '', /read budget/);
    assert.equal(walk.previous(`${FOLDER}/a.md`, 'c.md').kind, 'pending', 'a small report not read yet is still asked for');
    assert.deepEqual(asked, [uriToPath(`${FOLDER}/c.md`)]);
    // a new walk has its own budget
    assert.equal(new IndexCycleSource(host, folder, disk, 10 * 1024 * 1024, noFiles()).previous(`${FOLDER}/a.md`, 'b.md').kind, 'not-audit');
  });
});
