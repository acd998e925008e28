/**
 * Non-conformities and follow-ups written as tables, the way many Chinese audit reports lay out
 * their 不符合项 (编号 | 条款 | 性质 | 不符合事实 | 整改期限 | 原因分析 | 纠正措施 | 验证). The samples'
 * certification cycle (samples/EXPECTED.md §3 and §5) with its NC lists rewritten as tables must
 * give the same verdicts as the list form: the same NCs with the same statuses as of 2027-06-30,
 * the same follow-up (NC-02, which stops the initial report calling it overdue), the same
 * diagnostics, the same history.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HistoryReport } from '../../server/src/cli/commands/history';
import { copySamples, json, removeTree, REPO, run } from './helpers';

const INITIAL = 'audit/2026-审核报告.md';
const SURVEILLANCE = 'audit/2027-监督审核报告.md';
const AS_OF = ['--as-of', '2027-06-30'];

/** The samples' NC sections as tables (test/fixtures/nc-tables; the protocol test uses them too). */
const FIXTURES = path.join(REPO, 'test', 'fixtures', 'nc-tables');
const INITIAL_TABLE = fs.readFileSync(path.join(FIXTURES, 'initial-nc-section.md'), 'utf8');
const SURVEILLANCE_TABLES = fs.readFileSync(path.join(FIXTURES, 'surveillance-nc-sections.md'), 'utf8');

/** Replace the section from `heading` up to the next `## ` heading (or the end) with `table`. */
function replaceSections(text: string, from: string, until: string, table: string): string {
  const start = text.indexOf(from);
  const end = text.indexOf(until, start + from.length);
  assert.ok(start >= 0 && end > start, `${from} … ${until} in the sample`);
  return `${text.slice(0, start)}${table}\n${text.slice(end)}`;
}

interface Nc {
  id: string;
  clauses: string[];
  severity: string;
  status: string;
  due?: string;
  followedUp?: { file: string; status: string };
  [k: string]: unknown;
}

/** What a person reads of an NC, without where it is written. */
function gist(n: Nc) {
  return { id: n.id, clauses: n.clauses, severity: n.severity, status: n.status, due: n.due ?? null, followedUp: n.followedUp ? `${n.followedUp.file.split('/').pop()} ${n.followedUp.status}` : null };
}

describe('cli: non-conformities and follow-ups written as tables', () => {
  let lists: string;
  let tables: string;
  before(() => {
    lists = copySamples();
    tables = copySamples();
    const initial = path.join(tables, INITIAL);
    fs.writeFileSync(initial, replaceSections(fs.readFileSync(initial, 'utf8'), '## 不符合项', '\n## ', INITIAL_TABLE));
    const surveillance = path.join(tables, SURVEILLANCE);
    fs.writeFileSync(surveillance, replaceSections(fs.readFileSync(surveillance, 'utf8'), '## 不符合项', '## 特别项', SURVEILLANCE_TABLES));
  });
  after(() => {
    removeTree(lists);
    removeTree(tables);
  });

  it('check: the same NCs, statuses and follow-ups as the list form, and the same diagnostics (samples/EXPECTED.md §3, §5)', () => {
    const a = json(run(['check', '.', ...AS_OF, '-f', 'json'], { cwd: lists }));
    const b = json(run(['check', '.', ...AS_OF, '-f', 'json'], { cwd: tables }));
    for (const file of [INITIAL, SURVEILLANCE]) {
      const of = (r: typeof a) => r.audits.find((x) => x.file === file) as unknown as { nonconformities: Nc[]; total: string; openNonconformities: unknown };
      assert.deepEqual(of(b).nonconformities.map(gist), of(a).nonconformities.map(gist), file);
      assert.deepEqual(of(b).openNonconformities, of(a).openNonconformities, file);
      assert.equal(of(b).total, of(a).total, file);
    }
    // the initial report: NC-02 followed up (closed) by the surveillance audit's table, NC-03 overdue
    const initial = b.audits.find((x) => x.file === INITIAL) as unknown as { nonconformities: Nc[] };
    assert.deepEqual(initial.nonconformities.map((n) => `${n.id} ${n.status}${n.followedUp ? ` → ${n.followedUp.status}` : ''}`), ['NC-01 closed', 'NC-02 overdue → closed', 'NC-03 overdue', 'NC-04 open']);
    const codes = (r: typeof a) => r.problems.map((p) => `${p.file} ${p.code} ${p.message}`).sort();
    assert.deepEqual(codes(b), codes(a));
    // where they are: the overdue NC-03 on its table row, the missing follow-up on previous:
    const overdue = b.problems.find((p) => p.code === 'nc-overdue' && p.file === INITIAL)!;
    const line = fs.readFileSync(path.join(tables, INITIAL), 'utf8').split('\n')[overdue.line - 1];
    assert.ok(line.startsWith('| NC-03 |') && line.slice(overdue.column - 1, overdue.endColumn - 1) === '2026-09-30', line);
    assert.equal(b.counts.warnings, a.counts.warnings);
  });

  it('history and the text output read the tables too', () => {
    const a = json<HistoryReport>(run(['history', SURVEILLANCE, ...AS_OF, '-f', 'json'], { cwd: lists }));
    const b = json<HistoryReport>(run(['history', SURVEILLANCE, ...AS_OF, '-f', 'json'], { cwd: tables }));
    assert.deepEqual(b, a);
    const text = run(['score', SURVEILLANCE, ...AS_OF, '--locale', 'zh'], { cwd: tables });
    assert.match(text.stdout, /NC-2027-02 \[5\.2\.4\.6\] 一般 · 已逾期/);
    assert.match(text.stdout, /NC-02/);
  });
});
