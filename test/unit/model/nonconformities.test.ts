/**
 * The document language of PRODUCT.md §7.3: non-conformities with their sub-entries, follow-ups
 * of the previous report's NCs, sampled scores, and the certification-cycle fields of the front
 * matter — in Chinese and English, in the forms auditors write. Every parse here is checked
 * chunked against whole (helpers.parse), the property the incremental server relies on.
 */
import { strict as assert } from 'node:assert';
import { parseDate, addMonths, daysBetween, findDate } from '../../../server/src/model/dates';
import { readFollowUpStatus, readSeverity } from '../../../server/src/model/ncSyntax';
import { codes, parse, problem, r, textAt } from './helpers';

const SPEC = [
  '---',
  'type: audit',
  'auditType: surveillance        # initial | surveillance | recertification',
  'auditDate: 2027-03-20',
  'previous: ../2026/审核报告.md',
  '---',
  '## 不符合项',
  '- [NC-01] [5.2.3.2] 一般：西北大区 3 月超时送货 6 单，未兑现“次日达”承诺。整改期限：2027-04-30',
  '  - 原因分析：区域配送商运力不足',
  '  - 纠正措施：增加两家配送商，超时订单日报',
  '  - 验证：2027-04-25 已关闭（郑晓峰）',
  '- [NC-02] [5.1.2.2] 严重：售后服务管理师 2 人，不足服务管理人员的 10%。整改期限：2027-05-31',
  '- [NC-03] [5.3.1.5] 观察项：主动回访仅覆盖高端机型。',
  '',
  '## 上次不符合项跟踪',
  '- [跟踪 NC-04] 已关闭：备件库先进先出执行到位。证据：备件出入库记录',
  '',
  '## 5.2.4 维修',
  '- [5.2.4.3] 抽查 20 份，合格 18 份 维修单签字完整率 90%。证据：维修单抽查记录',
  '',
].join('\n');

describe('model: non-conformities (PRODUCT.md §7.3)', () => {
  const m = parse(SPEC);

  it('reads the example of the spec: ID, clause, severity, finding, due date and sub-entries', () => {
    assert.equal(m.kind, 'audit');
    assert.deepEqual(
      m.nonconformities.map((n) => [n.id, n.clauses.map((c) => c.id).join(','), n.severity, n.due?.iso ?? null, !!n.rootCause, !!n.correctiveAction, n.verification?.closed ?? null]),
      [
        ['NC-01', '5.2.3.2', 'minor', '2027-04-30', true, true, true],
        ['NC-02', '5.1.2.2', 'major', '2027-05-31', false, false, null],
        ['NC-03', '5.3.1.5', 'observation', null, false, false, null],
      ],
    );
    const nc1 = m.nonconformities[0];
    assert.equal(nc1.finding, '西北大区 3 月超时送货 6 单，未兑现“次日达”承诺。');
    assert.equal(nc1.rootCause!.text, '区域配送商运力不足');
    assert.equal(nc1.correctiveAction!.text, '增加两家配送商，超时订单日报');
    assert.equal(nc1.verification!.text, '2027-04-25 已关闭（郑晓峰）');
    assert.equal(nc1.verification!.date!.iso, '2027-04-25');
    // Ranges point at what they name.
    assert.equal(textAt(SPEC, nc1.idRange), 'NC-01');
    assert.equal(textAt(SPEC, nc1.severityRange!), '一般');
    assert.equal(textAt(SPEC, nc1.due!.range), '2027-04-30');
    assert.equal(textAt(SPEC, nc1.correctiveAction!.range), '增加两家配送商，超时订单日报');
    assert.equal(textAt(SPEC, nc1.verification!.date!.range), '2027-04-25');
    assert.equal(r(nc1.range), '7:0-10:26');
  });

  it('reads the follow-up and the sampled score; an NC line is not an audit entry', () => {
    assert.deepEqual(m.followUps.map((f) => [f.id, f.status, f.text, textAt(SPEC, f.idRange)]), [['NC-04', 'closed', '备件库先进先出执行到位。证据：备件出入库记录', 'NC-04']]);
    assert.deepEqual(m.entries.map((e) => [e.itemId, JSON.stringify(e.score)]), [['5.2.4.3', '{"kind":"sample","size":"20","conforming":"18"}']]);
    assert.equal(textAt(SPEC, m.entries[0].scoreRange!), '抽查 20 份，合格 18 份');
    assert.equal(m.entries[0].notes, '维修单签字完整率 90%。');
  });

  it('reads auditType, auditDate and previous from the front matter', () => {
    const c = m.frontMatter.cycle;
    assert.deepEqual([c.type, c.date, c.previous], ['surveillance', '2027-03-20', '../2026/审核报告.md']);
    assert.equal(textAt(SPEC, c.previousRange!), '../2026/审核报告.md');
    assert.equal(textAt(SPEC, c.dateRange!), '2027-03-20');
  });

  it('the major NC without a corrective action: nc-no-action as a warning (information for a minor one)', () => {
    assert.deepEqual(codes(m), ['nc-no-action']);
    const p = problem(m, 'nc-no-action');
    assert.equal(p.severity, 'warning');
    assert.equal(p.args.id, 'NC-02');
    const minor = parse('---\ntype: audit\n---\n- [NC-09] [5.1.1.1] 一般：记录不全。整改期限：2027-01-31\n');
    const q = problem(minor, 'nc-no-action');
    assert.equal(q.severity, undefined, 'the code default: information');
    assert.deepEqual(codes(minor), ['nc-no-action']);
    // An observation needs no corrective action and no due date; a closed NC needs nothing more.
    const quiet = parse('---\ntype: audit\n---\n- [NC-1] [5.1.1.1] 观察项：可改进。\n- [NC-2] [5.1.1.2] 一般：x。整改期限：2027-01-31\n  - 验证：2027-01-20 已关闭\n');
    assert.deepEqual(codes(quiet), []);
  });
});

describe('model: NC forms auditors also write', () => {
  it('English: [NC-01] … minor: … due: …, root cause / corrective action / verified: … closed, [follow-up NC-04] closed, sampled 20, conforming 18', () => {
    const text = [
      '---',
      'type: audit',
      'auditType: recertification',
      'auditDate: 2029/3/1',
      '---',
      '- [NC-01] [5.2.3.2] minor: six late deliveries in March. due: 2027-04-30',
      '  - root cause: too few carriers',
      '  - corrective action: two more carriers, a daily late-order report',
      '  - verified: 2027-04-25 closed',
      '- [follow-up NC-04] closed: FIFO in the spare-parts store works. Evidence: stock records',
      '- [5.2.4.3] sampled 20, conforming 18 signed job sheets. Evidence: sample record',
      '',
    ].join('\n');
    const m = parse(text);
    const nc = m.nonconformities[0];
    assert.deepEqual([nc.id, nc.severity, nc.finding, nc.due?.iso, nc.rootCause?.text, nc.correctiveAction?.text, nc.verification?.closed], [
      'NC-01',
      'minor',
      'six late deliveries in March.',
      '2027-04-30',
      'too few carriers',
      'two more carriers, a daily late-order report',
      true,
    ]);
    assert.deepEqual(m.followUps.map((f) => [f.id, f.status]), [['NC-04', 'closed']]);
    assert.deepEqual(m.entries[0].score, { kind: 'sample', size: '20', conforming: '18' });
    assert.deepEqual([m.frontMatter.cycle.type, m.frontMatter.cycle.date], ['recertification', '2029-03-01']);
    assert.deepEqual(codes(m), []);
  });

  it('labels inline after a sentence, a paragraph NC, full-width brackets and digits, severity before the clause, several clauses', () => {
    const text = [
      '---',
      'type: audit',
      '---',
      '【ＮＣ－０７】 严重不符合项 [5.1.2.1, 5.1.2.2]：上岗证过期。整改期限：2027年5月8日；纠正措施：重新培训取证。',
      '',
      '- ［NC-08］ 一般 【5.3.2.2】 投诉超时 整改时限：2027.06.01',
      '  纠正措施：增设投诉专员',
      '  验证：2027-05-20 未关闭，措施未落实',
      '',
    ].join('\n');
    const m = parse(text);
    assert.deepEqual(
      m.nonconformities.map((n) => [n.id, n.severity, n.clauses.map((c) => c.id).join(','), n.finding, n.due?.iso, n.correctiveAction?.text, n.verification?.closed ?? null]),
      [
        ['NC-07', 'major', '5.1.2.1,5.1.2.2', '上岗证过期。', '2027-05-08', '重新培训取证。', null],
        ['NC-08', 'minor', '5.3.2.2', '投诉超时', '2027-06-01', '增设投诉专员', false],
      ],
    );
    assert.deepEqual(codes(m), []);
  });

  it('follow-up statuses from words or from a verification; chunked like whole over blank-line-separated items', () => {
    const text = [
      '---',
      'type: audit',
      '---',
      '- [跟踪 NC-1] 整改中：配送商已签约。',
      '',
      '- [跟踪：NC-2] 未关闭，仍有超时。',
      '',
      '- [follow-up NC-3] in progress',
      '',
      '- [跟踪 NC-4] 复查情况如下',
      '  - 验证：2027-03-10 已关闭',
      '',
      '- [跟踪 NC-5] 见附件。',
      '',
    ].join('\n');
    const m = parse(text);
    assert.deepEqual(m.followUps.map((f) => [f.id, f.status ?? null]), [
      ['NC-1', 'action-planned'],
      ['NC-2', 'open'],
      ['NC-3', 'action-planned'],
      ['NC-4', 'closed'],
      ['NC-5', null],
    ]);
    assert.deepEqual(codes(m), ['follow-up-no-status']);
  });

  it('an NC in a code block or code span is not one; a file with only NCs is an audit report', () => {
    const m = parse('# 记录\n\n```\n- [NC-01] [5.1.1.1] 一般：x\n```\n\n`[NC-02] [5.1.1.1] 一般：y`\n\n- [NC-03] [5.1.1.1] 一般：z。整改期限：2027-01-01\n  - 纠正措施：a\n');
    assert.equal(m.kind, 'audit');
    assert.deepEqual(m.nonconformities.map((n) => n.id), ['NC-03']);
  });
});

describe('model: tables of NCs and of follow-ups (the form of many Chinese audit reports)', () => {
  const TABLES = [
    '---',
    'type: audit',
    'auditDate: 2027-03-20',
    'previous: ../2026/审核报告.md',
    '---',
    '## 不符合项',
    '',
    '| 编号 | 条款 | 性质 | 不符合事实 | 整改期限 | 原因分析 | 纠正措施 | 验证 |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    '| NC-01 | 5.2.3.2 | 一般 | 西北大区 3 月超时送货 6 单 | 2027-04-30 | 配送商运力不足 | 增加两家配送商 | 2027-04-25 已关闭（郑晓峰） |',
    '| NC-02 | [5.1.2.2] | 严重不符合 | 售后服务管理师不足 | 2027年5月31日 | — | — | — |',
    '| NC-03 | 5.3.1.5、5.3.1.4 | 观察项 | 主动回访仅覆盖高端机型 | / | | | |',
    '| NC-04 | 9.9.9.9 | 一般 | 条款写错了 | 2027-06-30 | | 复训 | 未关闭，复查不通过 |',
    '',
    '## 上次不符合项跟踪',
    '',
    '| 上次不符合项 | 跟踪情况 | 验证 |',
    '| --- | --- | --- |',
    '| NC-07 | 已关闭：备件库先进先出执行到位 | 2027-03-20 现场验证 |',
    '| [NC-08] | 整改中 | |',
    '| 跟踪 NC-09 | | 2027-03-20 已关闭 |',
    '',
  ].join('\n');
  const t = parse(TABLES);

  it('reads each row of a table of NCs: ID, clauses (bare or bracketed), severity, finding, due date, sub-entries', () => {
    assert.equal(t.kind, 'audit');
    assert.deepEqual(
      t.nonconformities.map((n) => [n.id, n.clauses.map((c) => c.id).join(','), n.severity, n.due?.iso ?? null, n.rootCause?.text ?? null, n.correctiveAction?.text ?? null, n.verification?.closed ?? null]),
      [
        ['NC-01', '5.2.3.2', 'minor', '2027-04-30', '配送商运力不足', '增加两家配送商', true],
        ['NC-02', '5.1.2.2', 'major', '2027-05-31', null, null, null],
        ['NC-03', '5.3.1.5,5.3.1.4', 'observation', null, null, null, null],
        ['NC-04', '', 'minor', '2027-06-30', null, '复训', false],
      ],
    );
    const nc1 = t.nonconformities[0];
    assert.equal(nc1.finding, '西北大区 3 月超时送货 6 单');
    assert.equal(textAt(TABLES, nc1.idRange), 'NC-01');
    assert.equal(textAt(TABLES, nc1.severityRange!), '一般');
    assert.equal(textAt(TABLES, nc1.due!.range), '2027-04-30');
    assert.equal(textAt(TABLES, nc1.verification!.date!.range), '2027-04-25');
    assert.equal(textAt(TABLES, nc1.clauses[0].range), '5.2.3.2');
    assert.equal(r(nc1.range).split(':')[0], '9', 'the NC is its row');
    assert.equal(textAt(TABLES, t.nonconformities[1].severityRange!), '严重不符合');
  });

  it('its problems as for the list form: the unknown clause, the major NC without an action; no entry, no tag of a bare clause ID', () => {
    assert.deepEqual(codes(t).sort(), ['nc-no-action', 'nc-unknown-clause']);
    assert.match(JSON.stringify(problem(t, 'nc-unknown-clause').args), /9\.9\.9\.9/);
    assert.equal(problem(t, 'nc-no-action').args?.id, 'NC-02');
    assert.equal(t.entries.length, 0);
    assert.deepEqual(t.tags.map((g) => g.refs.map((x) => x.id).join()), ['5.1.2.2'], 'only the bracketed one is a tag');
  });

  it('reads each row of a table of follow-ups: the status from its words, or from the verification', () => {
    assert.deepEqual(
      t.followUps.map((f) => [f.id, f.status ?? null, f.text, textAt(TABLES, f.idRange)]),
      [
        ['NC-07', 'closed', '备件库先进先出执行到位', 'NC-07'],
        ['NC-08', 'action-planned', '', 'NC-08'],
        ['NC-09', 'closed', '', 'NC-09'],
      ],
    );
  });

  it('a table of NCs alone does not make a document an audit (a manual may show its own NC register), and other tables are not read so', () => {
    const manual = parse(['# 售后服务手册 [5.2.3.2]', '', '| 编号 | 性质 | 描述 |', '| --- | --- | --- |', '| NC-01 | 一般 | 示例 |', ''].join('\n'));
    assert.equal(manual.kind, 'manual');
    assert.equal(manual.nonconformities.length, 0);
    assert.deepEqual(codes(manual), []);
    const other = parse(['---', 'type: audit', '---', '| 软件 | 描述 |', '| --- | --- |', '| ncurses | 终端库 |', '| NCR | 不是编号 |', '', '| 编号 | 名称 |', '| --- | --- |', '| NC-01 | 没有性质、描述或期限的列 |', ''].join('\n'));
    assert.deepEqual(other.nonconformities, []);
    assert.deepEqual(other.followUps, []);
  });
});

describe('model: NC and sample problems', () => {
  const text = [
    '---',
    'type: audit',
    'auditType: 年检',
    'auditDate: 2027-02-30',
    '---',
    '- [NC-01] [5.9.9.9] 一般：未知条款。整改期限：2027-13-01',
    '  - 纠正措施：x',
    '- [NC-01] [5.1.1.1] 一般：重复编号。整改期限：2027-01-01',
    '  - 纠正措施：y',
    '  - 验证：已关闭',
    '- [NC-02] 一般：没有条款。整改期限：2027-01-01',
    '  - 纠正措施：z',
    '- [NC-03] [5.1.1.2] 没有性质。',
    '- [跟踪 NC-9] 已关闭',
    '- [跟踪 NC-9] 已关闭',
    '- [5.2.4.3] 抽查20，合格21 证据：x',
    '- [5.2.4.4] 抽查 0 份，合格 0 份 证据：y',
    '',
  ].join('\n');
  const m = parse(text);
  const at = (code: string) => m.problems.filter((p) => p.code === code).map((p) => `${p.range.start.line + 1} ${textAt(text, p.range)}`);

  it('each problem with its stable code, at what it is about', () => {
    assert.deepEqual(at('front-matter-value'), ['3 年检', '4 2027-02-30']);
    assert.deepEqual(at('nc-unknown-clause'), ['6 5.9.9.9']);
    assert.deepEqual(problem(m, 'nc-unknown-clause').args.nc, 'NC-01');
    assert.ok(!m.problems.some((p) => p.code === 'unknown-clause'), 'an NC clause is reported once, naming the NC');
    assert.deepEqual(at('nc-invalid-date'), ['6 2027-13-01']);
    assert.deepEqual(at('nc-duplicate-id'), ['8 NC-01']);
    assert.equal(problem(m, 'nc-duplicate-id').args.line, 6);
    assert.deepEqual(at('nc-verification-no-date'), ['10 验证：已关闭']);
    assert.deepEqual(at('nc-no-clause'), ['11 NC-02']);
    assert.deepEqual(at('nc-no-severity'), ['13 NC-03']);
    assert.deepEqual(at('follow-up-duplicate'), ['15 NC-9']);
    assert.deepEqual(at('sample-above-size'), ['16 抽查20，合格21']);
    assert.deepEqual(at('sample-empty'), ['17 抽查 0 份，合格 0 份']);
    assert.equal(m.entries.find((e) => e.itemId === '5.2.4.3')!.score, undefined, 'a bad sample scores nothing');
    assert.equal(m.nonconformities[1].verification!.closed, false, 'verified without a date is not closed');
  });
});

describe('model: dates', () => {
  it('the written forms, calendar checks and the arithmetic of the cycle', () => {
    assert.deepEqual(['2027-04-30', '2027/4/3', '2027.04.30', '2027年4月30日', '２０２７－０４－３０', '2028-02-29', '2027-02-29', '2027-4-31', '27-04-30'].map(parseDate), [
      '2027-04-30',
      '2027-04-03',
      '2027-04-30',
      '2027-04-30',
      '2027-04-30',
      '2028-02-29',
      undefined,
      undefined,
      undefined,
    ]);
    assert.deepEqual(findDate('验证：2027-04-25 已关闭'), { index: 3, text: '2027-04-25', iso: '2027-04-25' });
    assert.equal(daysBetween('2026-06-30', '2027-06-30'), 365);
    assert.equal(daysBetween('2027-06-30', '2027-04-30'), -61);
    assert.equal(addMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addMonths('2026-03-18', 12), '2027-03-18');
  });

  it('severity and follow-up status words', () => {
    assert.deepEqual(['严重：', '一般不符合项', '观察项', 'Major', 'minor NC', '（一般）'].map((s) => readSeverity(s)?.severity ?? null), ['major', 'minor', 'observation', 'major', 'minor', 'minor']);
    assert.equal(readSeverity('轻度'), undefined);
    assert.deepEqual(['已关闭', '未关闭', '整改中', 'closed', 'open', 'in progress'].map((s) => readFollowUpStatus(s)?.status), ['closed', 'open', 'action-planned', 'closed', 'open', 'action-planned']);
  });
});
