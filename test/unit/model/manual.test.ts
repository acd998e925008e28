import { strict as assert } from 'node:assert';
import { codes, fixture, parse, problem, r, textAt } from './helpers';

describe('model: document kind', () => {
  it('front matter type, with Chinese keys and values', () => {
    for (const [fm, kind] of [
      ['type: manual', 'manual'],
      ['type: audit', 'audit'],
      ['类型: 手册', 'manual'],
      ['类型: 审核报告', 'audit'],
      ['文档类型: 售后服务手册', 'manual'],
    ] as const) {
      const m = parse(`---\n${fm}\n---\n\n正文\n`);
      assert.equal(m.kind, kind, fm);
      assert.equal(m.kindSource, 'front-matter', fm);
    }
  });

  it('front matter type wins over what the body looks like', () => {
    const m = parse('---\ntype: manual\n---\n\n- [5.1.1.1] 100% 证据：x\n');
    assert.equal(m.kind, 'manual');
    assert.deepEqual(m.entries, []);
    assert.deepEqual(m.coverage.map((c) => c.itemId), ['5.1.1.1']);
  });

  it('infers audit from a scored entry or a special entry, manual from tags', () => {
    assert.equal(parse('- [5.1.1.1] 80% 证据：x\n').kind, 'audit');
    assert.equal(parse('- [扣分] 重大投诉\n').kind, 'audit');
    const manual = parse('## 组织 [5.1.1.1]\n\n内容\n');
    assert.equal(manual.kind, 'manual');
    assert.equal(manual.kindSource, 'inferred');
    // A tag with no score leads no audit: a manual line that starts with a tag.
    assert.equal(parse('[5.1.1.1] 设立售后服务部。\n').kind, 'manual');
  });

  it('a file with no tags is not ours: kind none and no problems at all', () => {
    const m = parse(fixture('plain.md'));
    assert.equal(m.kind, 'none');
    assert.deepEqual(m.problems, []);
    assert.deepEqual(m.tags, []);
    // even with an unknown ID, a bad range or a broken special: nothing known → not ours
    const odd = parse('正文 [9.9.9.9] 与 [5.1.1.1-5.2.1.1]\n');
    assert.equal(odd.kind, 'none');
    assert.deepEqual(odd.problems, []);
  });

  it('an unrecognised type value is reported and the kind is inferred', () => {
    const t = '---\ntype: 其他\n---\n\n## [5.1.1.1] x\n\n内容\n';
    const m = parse(t);
    assert.equal(m.kind, 'manual');
    assert.equal(m.kindSource, 'inferred');
    const p = problem(m, 'front-matter-value');
    assert.equal(textAt(t, p.range), '其他');
  });
});

describe('model: manual sections and coverage', () => {
  const text = fixture('manual.md');
  const m = parse(text);

  it('is a manual by its front matter (类型/手册 alias)', () => {
    assert.equal(m.kind, 'manual');
    assert.equal(m.kindSource, 'front-matter');
  });

  it('lists sections with tags in their heading, their items and their extent', () => {
    assert.deepEqual(
      m.sections.map((s) => [s.heading.text, s.itemIds.join(','), s.empty, r(s.range)]),
      [
        ['5.1 服务体系 [5.1]', '', false, '7:0-27:16'],
        ['组织架构 [5.1.1.1]', '5.1.1.1', false, '9:0-11:10'],
        ['网点 [5.1.1.2]', '5.1.1.2', true, '13:0-13:16'],
        ['人员【5.1.2.1、5.1.2.2】', '5.1.2.1,5.1.2.2', false, '15:0-19:5'],
        ['资源 [5.1.3.1]', '5.1.3.1', true, '21:0-23:24'],
      ],
    );
    assert.equal(m.headings.length, 8);
  });

  it('a section whose only content is a sub-heading with text is not empty', () => {
    const s = m.sections.find((x) => x.itemIds.includes('5.1.2.1'))!;
    assert.equal(s.empty, false);
  });

  it('reports empty tagged sections (a heading followed by nothing, or by a comment only) as claimed but not addressed', () => {
    const empties = m.problems.filter((p) => p.code === 'empty-section');
    assert.deepEqual(empties.map((p) => [p.args.ids, r(p.range)]), [
      ['5.1.1.2', '13:0-13:16'],
      ['5.1.3.1', '21:0-21:16'],
    ]);
    const c = m.coverage.find((x) => x.itemId === '5.1.1.2')!;
    assert.equal(c.addressed, false);
    assert.equal(c.via, 'heading');
    assert.equal(m.coverage.find((x) => x.itemId === '5.1.1.1')!.addressed, true);
  });

  it('covers items by heading, comment, list-item tag and front matter, each with where it is written', () => {
    assert.deepEqual(
      m.coverage.map((c) => `${c.itemId} ${c.via} ${textAt(text, c.range)} ${r(c.target)}`),
      [
        '5.1.1.1 heading 5.1.1.1 9:0-11:10',
        '5.1.1.2 heading 5.1.1.2 13:0-13:16',
        '5.1.2.1 heading 5.1.2.1 15:0-19:5',
        '5.1.2.2 heading 5.1.2.2 15:0-19:5',
        '5.1.3.1 heading 5.1.3.1 21:0-23:24',
        '5.1.3.2 comment 5.1.3.2 21:0-23:24',
        '5.1.3.3 block 5.1.3.3 27:0-27:16',
        '5.3.2.3 front-matter 5.3.2.3 0:0-28:0',
      ],
    );
  });

  it('a group in a heading gives context but covers nothing (group-tag hint)', () => {
    const p = problem(m, 'group-tag');
    assert.equal(p.args.id, '5.1');
    assert.equal(textAt(text, p.range), '5.1');
    assert.deepEqual(codes(m), ['group-tag', 'empty-section', 'empty-section']);
  });

  it('a section ends at the next heading of the same or higher level, trailing blank lines trimmed', () => {
    const t = '# A [5.1.1.1]\n\n文字\n\n## B\n\nb\n\n\n# C [5.1.1.2]\n\nc\n';
    const m2 = parse(t);
    assert.deepEqual(m2.sections.map((s) => textAt(t, s.range)), ['# A [5.1.1.1]\n\n文字\n\n## B\n\nb', '# C [5.1.1.2]\n\nc']);
  });

  it('setext headings are headings too', () => {
    const m2 = parse('人员 [5.1.2.1]\n---\n\n内容\n');
    assert.equal(m2.sections.length, 1);
    assert.equal(m2.sections[0].heading.level, 2);
    assert.equal(m2.sections[0].empty, false);
  });
});
