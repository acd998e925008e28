import { strict as assert } from 'node:assert';
import { dualScore, fixture, parse, problem, r, scheme, tenStar, textAt } from './helpers';

describe('model: front matter', () => {
  const text = fixture('front-matter.md');
  const m = parse(text, tenStar);
  const fm = m.frontMatter;

  it('reads type, scheme, organisation (组织), enterprise type and root', () => {
    assert.equal(fm.type, 'audit');
    assert.equal(fm.scheme, 'ten-star');
    assert.equal(fm.organisation, '华东智能家电有限公司');
    assert.equal(fm.enterpriseType, '贸易型');
    assert.equal(fm.root, true);
    assert.equal(r(fm.range), '0:0-14:3');
    assert.equal(fm.data!['组织'], '华东智能家电有限公司');
  });

  it('reads the not-applicable map; an item without reason and a group are reported', () => {
    assert.deepEqual(fm.notApplicable.map((n) => [n.itemId, n.reason, textAt(text, n.range)]), [
      ['5.2.2.1', '非贸易型企业', '5.2.2.1'],
      ['5.2.2.2', '', '5.2.2.2'],
    ]);
    assert.equal(textAt(text, problem(m, 'na-without-reason').range), '5.2.2.2');
    const group = m.problems.find((p) => p.code === 'front-matter-value' && p.args.key === 'not-applicable')!;
    assert.match(String(group.args.detail), /5\.1\.2 is a group/);
    assert.equal(textAt(text, group.range), '5.1.2');
  });

  it('metrics: a top-level alias (客户满意度: 93%) and a metrics map with full-width digits, by the scheme metric ID', () => {
    assert.deepEqual(fm.metrics, { customerSatisfaction: 93, firstTimeFixRate: 91 });
    const unknown = m.problems.find((p) => p.code === 'front-matter-value' && p.args.key === 'happiness')!;
    assert.match(String(unknown.args.detail), /not a metric of scheme ten-star/);
    assert.equal(textAt(text, unknown.range), '3');
  });

  it('the same metric alias is nothing under the default scheme (no such metric, no problem for a top-level key)', () => {
    const d = parse(text, scheme);
    assert.deepEqual(d.frontMatter.metrics, {});
    assert.ok(!d.problems.some((p) => p.args.key === '客户满意度'));
  });

  it('服务特性测评 is the dual-score scheme metric; out-of-range and non-numbers are reported', () => {
    const t = '---\ntype: audit\n服务特性测评: 96\n---\n\n- [5.1.1.1] 100% 证据：x\n';
    assert.deepEqual(parse(t, dualScore).frontMatter.metrics, { serviceCharacteristicScore: 96 });
    const bad = parse('---\ntype: audit\n服务特性测评: 196\nmetrics:\n  服务特性测评: 很好\n---\n', dualScore);
    assert.deepEqual(bad.frontMatter.metrics, {});
    assert.deepEqual(bad.problems.map((p) => [p.code, p.range.start.line]), [['front-matter-value', 2], ['front-matter-value', 4]]);
  });

  it('not-applicable as a list, with "id reason" strings and {id, reason} maps', () => {
    const t = '---\ntype: manual\n不适用:\n  - 5.2.2.1 非贸易型\n  - id: 5.2.2.2\n    reason: 无先行赔付\n---\n\n# x [5.1.1.1]\n\n内容\n';
    const m2 = parse(t);
    assert.deepEqual(m2.frontMatter.notApplicable.map((n) => [n.itemId, n.reason]), [['5.2.2.1', '非贸易型'], ['5.2.2.2', '无先行赔付']]);
    assert.equal(textAt(t, m2.frontMatter.notApplicable[0].range), '5.2.2.1 非贸易型');
    // a block mapping's range ends where its text ends, not at the start of the next line
    assert.equal(r(m2.frontMatter.notApplicable[1].range), '4:4-5:17');
    assert.deepEqual(m2.problems, []);
  });

  it('a value of the wrong shape is a front-matter-value problem at the value', () => {
    const t = '---\ntype: audit\nscheme: [a, b]\nroot: maybe\n---\n\n- [5.1.1.1] 100% 证据：x\n';
    const m2 = parse(t);
    assert.deepEqual(m2.problems.map((p) => [p.code, p.args.key, textAt(t, p.range)]), [
      ['front-matter-value', 'scheme', '[a, b]'],
      ['front-matter-value', 'root', 'maybe'],
    ]);
  });

  it('invalid YAML is front-matter-invalid at the line of the error, and the body is still read', () => {
    for (const [bad, line, col] of [
      ['b: c: d', 2, 3],
      ['x: @y', 2, 3],
    ] as const) {
      const t = `---\ntype: audit\n${bad}\nz: 1\n---\n\n[5.1.1.1] 100% 证据：x\n`;
      const m2 = parse(t);
      const p = problem(m2, 'front-matter-invalid');
      assert.equal(p.range.start.line, line, bad);
      assert.equal(p.range.start.character, col, bad);
      assert.ok(String(p.args.detail).length > 0);
      assert.equal(m2.frontMatter.data, undefined);
      assert.equal(m2.kind, 'audit');
      // The plain `type: audit` line still says what the file is.
      assert.equal(m2.kindSource, 'front-matter');
      assert.equal(m2.entries.length, 1);
    }
  });

  it('a file with broken YAML and no tags stays ours when a type line is there, so the error is shown', () => {
    const m2 = parse('---\n类型: 审核报告\nfoo: [bar\n---\n\n# 报告\n');
    assert.equal(m2.kind, 'audit');
    assert.deepEqual(m2.problems.map((p) => p.code).filter((c) => c === 'front-matter-invalid'), ['front-matter-invalid']);
    assert.equal(parse('---\nfoo: [bar\n---\n\n# 笔记\n').kind, 'none');
  });

  it('front matter in CRLF, and an empty front matter', () => {
    const t = '---\r\n类型: 手册\r\nclauses: 5.1.1.1\r\n---\r\n\r\n正文\r\n';
    const m2 = parse(t);
    assert.equal(m2.kind, 'manual');
    assert.equal(textAt(t, m2.frontMatter.clauses[0].range), '5.1.1.1');
    assert.equal(r(m2.frontMatter.range), '0:0-3:3');
    const empty = parse('---\n---\n\n## [5.1.1.1]\n\nx\n');
    assert.deepEqual({ ...empty.frontMatter.data }, {});
    assert.equal(Object.getPrototypeOf(empty.frontMatter.data), null, 'as for a mapping: a key like `constructor` finds nothing inherited');
    assert.equal(empty.kind, 'manual');
  });

  it('a --- block later in the file is not front matter', () => {
    const m2 = parse('## [5.1.1.1] x\n\n---\ntype: audit\n---\n');
    assert.equal(m2.frontMatter.range, undefined);
    assert.equal(m2.kind, 'manual');
  });
});
