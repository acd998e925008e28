import { strict as assert } from 'node:assert';
import { codes, fixture, parse, problem, r, textAt } from './helpers';

describe('model: audit entries (list and paragraph)', () => {
  const text = fixture('audit-list.md');
  const m = parse(text);
  const entry = (id: string) => m.entries.find((e) => e.itemId === id)!;

  it('is an audit by 类型: 审核报告 and reads organisation and 企业类型', () => {
    assert.equal(m.kind, 'audit');
    assert.equal(m.kindSource, 'front-matter');
    assert.equal(m.frontMatter.organisation, '华东智能家电有限公司');
    assert.equal(m.frontMatter.enterpriseType, '生产型');
  });

  it('reads every score form with its range', () => {
    assert.deepEqual(
      m.entries.map((e) => [e.itemId, e.form, JSON.stringify(e.score ?? null), e.scoreRange ? textAt(text, e.scoreRange) : '']),
      [
        ['5.1.1.1', 'list', '{"kind":"percent","percent":"100"}', '100%'],
        ['5.1.1.2', 'list', 'null', '4/5'],
        ['5.1.2.1', 'list', '{"kind":"points","earned":"1"}', '1分'],
        ['5.1.2.2', 'list', '{"kind":"percent","percent":"82.5"}', '82.5%'],
        ['5.1.3.1', 'list', '{"kind":"not-applicable","reason":"生产型企业"}', '不适用'],
        ['5.1.3.2', 'list', '{"kind":"not-applicable","reason":"未设置"}', 'N/A'],
        ['5.1.3.3', 'list', '{"kind":"percent","percent":"90"}', '90%'],
        ['5.1.4.1', 'paragraph', '{"kind":"percent","percent":"80"}', '80%'],
        ['5.1.4.2', 'paragraph', 'null', ''],
      ],
    );
  });

  it('reads evidence text after 证据：/evidence:, its range, notes before it and evidence links', () => {
    const e1 = entry('5.1.1.1');
    assert.equal(e1.evidence, '[组织架构图](evidence/org.md)、岗位说明书');
    assert.equal(textAt(text, e1.evidenceRange!), e1.evidence);
    assert.equal(e1.notes, '设立售后服务部。');
    assert.deepEqual(e1.links.map((l) => [l.target, textAt(text, l.range)]), [['evidence/org.md', '[组织架构图](evidence/org.md)']]);
    assert.equal(textAt(text, e1.range), text.split('\n')[8]);
    assert.equal(entry('5.1.2.2').evidence, 'roster HR-03');
    // no 证据 marker but an evidence link: the link is the evidence
    const e3 = entry('5.1.3.3');
    assert.equal(e3.evidence, '[检查记录](evidence/check.md)');
    assert.deepEqual(e3.links.map((l) => l.target), ['evidence/check.md']);
    assert.equal(entry('5.1.4.1').evidence, '手册');
  });

  it('4/5 where the item is worth 3 points: max-mismatch at the score; a word instead of a score: missing-score', () => {
    assert.deepEqual(codes(m), ['max-mismatch', 'missing-score']);
    const p = problem(m, 'max-mismatch');
    assert.deepEqual(p.args, { id: '5.1.1.2', text: '4/5', points: '3', max: '5' });
    assert.equal(r(p.range), '9:12-9:15');
  });
});

describe('model: audit problems', () => {
  const text = fixture('audit-problems.md');
  const m = parse(text);
  const at = (code: string) => m.problems.filter((p) => p.code === code).map((p) => `${r(p.range)} ${textAt(text, p.range)}`);

  it('reports each problem once, in document order, with the item in data', () => {
    assert.deepEqual(codes(m), [
      'malformed-score',
      'score-above-max',
      'max-mismatch',
      'max-mismatch',
      'score-above-max',
      'na-without-reason',
      'missing-evidence',
      'duplicate-score',
      'group-tag-in-entry',
      'entry-multiple-items',
      'missing-score',
      'special-without-reason',
      'missing-score',
    ]);
    for (const p of m.problems.filter((x) => !['entry-multiple-items', 'special-without-reason'].includes(x.code))) assert.ok(p.data?.itemId, p.code);
  });

  it('malformed-score points at what was written', () => {
    assert.deepEqual(at('malformed-score'), ['4:12-4:16 1O0%']);
    assert.deepEqual(problem(m, 'malformed-score').args, { id: '5.1.1.1', text: '1O0%', points: '1' });
  });

  it('a negative score is malformed, not read as its absolute value', () => {
    const t = '- [5.1.3.2] -10% 证据：g\n- [5.1.3.3] - 20% 证据：h\n- [5.1.1.1] — 80% 证据：i\n';
    const m2 = parse(t);
    assert.deepEqual(m2.problems.map((p) => `${p.code} ${textAt(t, p.range)}`), ['malformed-score -10%']);
    // a dash and a space before the score is a separator
    assert.deepEqual(m2.entries.map((e) => e.score?.kind ?? 'none'), ['none', 'percent', 'percent']);
  });

  it('decimal points and maxima compare exactly; full-width digits, slash and percent are read', () => {
    const t = '- [5.2.2.1] 1/1.50 证据：a\n- [5.2.2.2] 1.5分 证据：b\n- [5.2.2.3] ８０％ 证据：c\n- [5.2.2.4] １／１．５ 证据：d\n- [5.1.1.1] 1.01/1 证据：e\n';
    const m2 = parse(t);
    assert.deepEqual(m2.entries.map((e) => JSON.stringify(e.score ?? null)), [
      '{"kind":"fraction","earned":"1","max":"1.50"}',
      '{"kind":"points","earned":"1.5"}',
      '{"kind":"percent","percent":"80"}',
      '{"kind":"fraction","earned":"1","max":"1.5"}',
      'null',
    ]);
    assert.deepEqual(m2.problems.map((p) => `${p.code} ${textAt(t, p.range)}`), ['score-above-max 1.01/1']);
  });

  it('score-above-max for percent over 100, points over the item, and earned over max', () => {
    assert.deepEqual(at('score-above-max'), ['5:12-5:16 120%', '8:12-8:14 3分']);
    assert.equal(parse('- [5.1.5.1] 1.5/1 证据：x\n').problems[0].code, 'score-above-max');
  });

  it('max-mismatch when the max is not the item points (above or below)', () => {
    assert.deepEqual(at('max-mismatch'), ['6:12-6:15 2/2', '7:12-7:15 4/4']);
  });

  it('na-without-reason at the N/A; missing-evidence from the tag to the score', () => {
    assert.deepEqual(at('na-without-reason'), ['9:12-9:15 不适用']);
    assert.deepEqual(at('missing-evidence'), ['10:2-10:15 [5.1.3.3] 50%']);
  });

  it('duplicate-score at the second entry, naming the line of the first (1-based)', () => {
    const p = problem(m, 'duplicate-score');
    assert.equal(textAt(text, p.range), '[5.1.1.1]');
    assert.equal(p.range.start.line, 11);
    assert.equal(p.args.line, 5);
    assert.equal(m.entries.filter((e) => e.itemId === '5.1.1.1').length, 2);
  });

  it('a group or several items leading a scored entry are errors; no entry is made', () => {
    assert.deepEqual(at('group-tag-in-entry'), ['12:3-12:8 5.1.4']);
    assert.deepEqual(at('entry-multiple-items'), ['13:2-13:20 [5.1.4.1, 5.1.4.2]']);
    assert.equal(problem(m, 'entry-multiple-items').args.count, 2);
    assert.ok(!m.entries.some((e) => ['5.1.4', '5.1.4.1', '5.1.4.2'].includes(e.itemId)));
  });

  it('missing-score at the tag, with the item points for the message', () => {
    assert.deepEqual(at('missing-score'), ['14:2-14:11 [5.1.5.1]', '16:2-16:11 [5.1.5.2]']);
    assert.deepEqual(m.problems.filter((p) => p.code === 'missing-score').map((p) => p.args.points), ['1', '6']);
  });

  it('special-without-reason on a bare [扣分]', () => {
    assert.deepEqual(at('special-without-reason'), ['15:0-15:6 - [扣分]']);
  });

  it('a duplicate against the front matter not-applicable list names the front matter line', () => {
    const t = '---\ntype: audit\n不适用:\n  5.2.2.1: 非贸易型\n---\n\n- [5.2.2.1] 80% 证据：x\n';
    const p = problem(parse(t), 'duplicate-score');
    assert.equal(p.args.line, 4);
  });

  it('a tag not followed by a score in a paragraph is only a mention', () => {
    const m2 = parse('---\ntype: audit\n---\n\n参见 [5.1.1.1] 的要求。\n');
    assert.deepEqual(m2.entries, []);
    assert.deepEqual(m2.problems, []);
  });
});

describe('model: audit tables', () => {
  const text = fixture('audit-table.md');
  const m = parse(text);
  const entry = (id: string) => m.entries.find((e) => e.itemId === id)!;

  it('matches columns by name in any order (得分, 条款, 备注, 证据)', () => {
    const e = entry('5.1.2.2');
    assert.equal(e.form, 'table');
    assert.deepEqual(e.score, { kind: 'percent', percent: '80' });
    assert.equal(textAt(text, e.scoreRange!), '80%');
    assert.equal(e.evidence, '人员名册 [名册](evidence/roster.md)');
    assert.equal(textAt(text, e.evidenceRange!), e.evidence);
    assert.equal(e.notes, '人手偏少');
    assert.deepEqual(e.links.map((l) => l.target), ['evidence/roster.md']);
    assert.equal(textAt(text, e.range), text.split('\n')[6]);
    assert.equal(textAt(text, e.tag.range), '[5.1.2.2]');
  });

  it('takes the N/A reason from the notes column', () => {
    assert.deepEqual(entry('5.2.2.1').score, { kind: 'not-applicable', reason: '非贸易型企业' });
    assert.equal(entry('5.2.2.1').tag.form, 'fullwidth-bracket');
  });

  it('reports table problems at the cell: max-mismatch, na-without-reason, malformed-score, missing-evidence', () => {
    assert.deepEqual(
      m.problems.map((p) => `${p.code} ${textAt(text, p.range)}`),
      ['max-mismatch 4/5', 'na-without-reason N/A', 'malformed-score abc', 'missing-evidence 90% | [5.1.2.1]'],
    );
    for (const p of m.problems) {
      const { start, end } = p.range;
      assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${p.code} range ${r(p.range)}`);
    }
  });

  it('a special label in the clause column is a special entry, its reason from the other cells', () => {
    assert.deepEqual(m.specials.map((s) => [s.kind, s.label, s.reason]), [['deduction', '【扣分】', '发生重大投诉；投诉台账']]);
  });

  it('a table without a clause column holds no entries; header rows are never entries', () => {
    const m2 = parse('---\ntype: audit\n---\n\n| 项目 | 得分 |\n| --- | --- |\n| [5.1.1.1] | 80% |\n');
    assert.deepEqual(m2.entries, []);
    const m3 = parse('| Clause | Score | Evidence |\n| --- | --- | --- |\n| [5.1.1.1] | 1/1 | roster |\n');
    assert.equal(m3.kind, 'audit');
    assert.deepEqual(m3.entries.map((e) => [e.itemId, e.score?.kind, e.evidence]), [['5.1.1.1', 'fraction', 'roster']]);
    const m4 = parse('| 条款 | 得分 | 证据 |\n| --- | --- | --- |\n| [5.1.1.1] | 1/1 | roster |\n| [5.1.1.2] |  | list |\n');
    assert.deepEqual(m4.problems.map((p) => `${p.code} ${r(p.range)}`), ['missing-score 3:2-3:11']);
  });
});

describe('model: special entries', () => {
  const text = fixture('specials.md');
  const m = parse(text);

  it('reads deduction and bonus labels in every spelling, with reasons and links', () => {
    assert.deepEqual(
      m.specials.map((s) => [s.kind, s.label, s.reason]),
      [
        ['deduction', '[扣分]', '发生重大质量投诉未及时处理 证据：投诉台账'],
        ['deduction', '[特别扣分]', '网点乱收费'],
        ['deduction', '【deduction】', 'late repair [log](evidence/log.md)'],
        ['bonus', '[加分]', '获得省级服务表彰'],
        ['bonus', '[特别加分]', '参与国家标准起草'],
        ['bonus', '[bonus]', 'industry award'],
        ['bonus', '[加分]', ''],
        ['deduction', '[特别扣分]', '虚假宣传'],
      ],
    );
    assert.deepEqual(m.specials[2].links.map((l) => [l.target, textAt(text, l.range)]), [['evidence/log.md', '[log](evidence/log.md)']]);
    assert.equal(textAt(text, m.specials[1].range), '- [特别扣分] 网点乱收费');
  });

  it('a special without a reason is a warning naming its kind', () => {
    assert.deepEqual(m.problems.map((p) => [p.code, p.args.kind, r(p.range)]), [['special-without-reason', 'bonus', '10:0-10:6']]);
  });

  it('specials are dropped from a manual', () => {
    assert.deepEqual(parse('---\ntype: manual\n---\n\n- [扣分] x\n').specials, []);
  });
});
