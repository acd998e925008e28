/**
 * An NC of an audit report is overdue only if no later report of its folder follows it up
 * (samples/EXPECTED.md: the initial audit's NC-02 is followed up by the surveillance audit, NC-03
 * is not). A report opened while its folder is still being indexed does not know every later
 * report yet: its `nc-overdue` problems wait for the folder, as the manual's coverage does, so an
 * auditor never sees NC-02 called overdue and then not. An index that fails still lets them show.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceIndex } from '../../../server/src/index/workspaceIndex';
import { FOLDER, memoryClientIndex } from './memoryClientIndex';

const SAMPLES = path.resolve(__dirname, '..', '..', '..', 'samples', 'audit');
const INITIAL = `${FOLDER}/audit/2026-审核报告.md`;
const initial = fs.readFileSync(path.join(SAMPLES, '2026-审核报告.md'), 'utf8');
const surveillance = fs.readFileSync(path.join(SAMPLES, '2027-监督审核报告.md'), 'utf8');

const overdue = (index: WorkspaceIndex) =>
  index
    .problemsOf(INITIAL)
    .filter((p) => p.code === 'nc-overdue')
    .map((p) => String(p.args?.id));

describe('overdue NCs wait for the folder’s index', () => {
  const files = {
    'gbt27922.config.json': JSON.stringify({ checkEvidenceLinks: false }),
    'audit/2026-审核报告.md': initial,
    'audit/2027-监督审核报告.md': surveillance,
  };

  it('a report opened before its folder is indexed shows no overdue NC until then; then only the one not followed up', async () => {
    const { index } = memoryClientIndex(files);
    index.open(INITIAL, initial, 1);
    await index.flush(INITIAL);
    // its score is there at once, and NC-02 is overdue by its own text …
    assert.equal(Number(index.auditOf(INITIAL)?.score.total.toFixed(2)), 92);
    assert.equal(index.auditOf(INITIAL)?.ncs.find((s) => s.nc.id === 'NC-02')?.status, 'overdue');
    // … but the later report that follows it up is not known yet: nothing is called overdue
    assert.deepEqual(overdue(index), []);
    await index.indexAll();
    assert.deepEqual(overdue(index), ['NC-03']);
  });

  it('an index that fails still shows what it has: the folder counts as indexed', async () => {
    const { index } = memoryClientIndex(files, (a) => ({ ...a, discover: () => Promise.reject(new Error('the disk went away')) }));
    index.open(INITIAL, initial, 1);
    await index.flush(INITIAL);
    assert.deepEqual(overdue(index), []);
    await assert.rejects(index.indexAll(), /the disk went away/);
    // the later report was never read: NC-02 and NC-03 are both overdue as far as anyone knows
    assert.deepEqual(overdue(index), ['NC-02', 'NC-03']);
  });
});
