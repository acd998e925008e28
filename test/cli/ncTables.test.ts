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
import { copySamples, json, removeTree, run } from './helpers';

const INITIAL = 'audit/2026-审核报告.md';
const SURVEILLANCE = 'audit/2027-监督审核报告.md';
const AS_OF = ['--as-of', '2027-06-30'];

const INITIAL_TABLE = `## 不符合项

| 不符合项编号 | 条款 | 性质 | 不符合事实 | 整改期限 | 原因分析 | 纠正措施 | 验证 |
| --- | --- | --- | --- | --- | --- | --- | --- |
| NC-01 | 5.1.4.2 | 一般 | 《适用法律法规清单》未纳入 2025 年新发布的家用电器安全使用年限系列标准修订内容。 | 2026-04-30 | 清单只跟踪国家法律法规 | 清单增列标准修订跟踪栏 | 2026-04-22 已关闭（郑晓峰） |
| NC-02 | 5.1.5.2 | 一般 | 西北地区上门时效连续两个季度未达承诺（48 小时上门率 81%，承诺 95%），改进措施尚未见效。 | 2026-06-30 | 西北地区网点覆盖不足 | 新增银川、西宁两个授权网点 | — |
| NC-03 | 5.1.6.4 | 一般 | 未参与国家或行业服务标准的制定工作，售后服务手册也未对服务标准化工作作出规定。 | 2026-09-30 | — | 手册增加“服务标准化”一节 | — |
| NC-04 | 5.3.2.3 | 观察项 | 投诉回访记录中满意度评价栏填写不全，抽查 30 份中 4 份缺项。 | — | — | — | — |
`;

const SURVEILLANCE_TABLES = `## 不符合项

| 编号 | 条款 | 性质 | 不符合事实 | 整改期限 | 纠正措施 | 验证 |
| :-- | :-- | :-: | --- | --- | --- | --- |
| NC-2027-01 | [5.2.3.2] | 一般 | 西北大区 1 月超时送货 6 单，未兑现“次日达”承诺。 | 2027-04-15 | 增加两家配送商，超时订单日报 | 2027-04-10 已关闭（郑晓峰） |
| NC-2027-02 | 5.2.4.6 | 一般 | 网点层面仍未储备代用机，抽查 3 家网点均无代用机台账。 | 2027年4月30日 | 总部统一采购代用机 | |
| NC-2027-03 | 5.1.2.2 | 严重 | 售后服务管理师 5 人，不足服务管理人员（52 人）的 10%。 | 2027-09-30 | 安排 3 人参加售后服务管理师培训 | |
| NC-2027-04 | 5.3.1.5 | 观察项 | 主动回访仅覆盖高端机型。 | | | |

## 上次不符合项跟踪

| 上次不符合项 | 跟踪情况 | 证据 |
| --- | --- | --- |
| NC-02 | 已关闭：银川、西宁网点已运行，西北地区 48 小时上门率 2026 年四季度达 96%。 | [网点考核记录](evidence/outlet-list.md) |
`;

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
