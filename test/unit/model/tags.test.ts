import { strict as assert } from 'node:assert';
import { codes, fixture, parse, problem, r, textAt } from './helpers';

describe('model: clause tags', () => {
  const text = fixture('tags.md');
  const m = parse(text);

  it('reads ASCII, full-width and full-width-digit tags; normalises the ID and keeps what was written', () => {
    const line2 = m.tags.filter((t) => t.range.start.line === 2);
    assert.deepEqual(line2.map((t) => t.form), ['bracket', 'fullwidth-bracket', 'fullwidth-bracket']);
    assert.deepEqual(line2.map((t) => textAt(text, t.range)), ['[5.1.2.2]', '【5.1.2.2】', '【５．１．２．２】']);
    const fw = line2[2].refs[0];
    assert.equal(fw.id, '5.1.2.2');
    assert.equal(fw.raw, '５．１．２．２');
    assert.equal(fw.kind, 'item');
    assert.equal(r(fw.range), '2:34-2:41');
    assert.equal(textAt(text, fw.range), '５．１．２．２');
  });

  it('reads lists with comma and 、, and expands a range inside one group', () => {
    const line4 = m.tags.filter((t) => t.range.start.line === 4);
    assert.deepEqual(line4.map((t) => t.refs.map((x) => x.id)), [
      ['5.1.2.1', '5.1.2.2'],
      ['5.1.2.1', '5.1.2.2'],
      ['5.2.2.1', '5.2.2.2', '5.2.2.3', '5.2.2.4'],
    ]);
    assert.deepEqual(line4[1].refs.map((x) => textAt(text, x.range)), ['5.1.2.1', '5.1.2.2']);
    const range = line4[2].refs;
    assert.ok(range.every((x) => x.raw === '5.2.2.1-5.2.2.4' && textAt(text, x.range) === '5.2.2.1-5.2.2.4'));
  });

  it('reports a range across groups as invalid-range and expands nothing', () => {
    const bad = m.tags.find((t) => t.range.start.line === 6)!;
    assert.deepEqual(bad.refs, []);
    const p = problem(m, 'invalid-range');
    assert.equal(p.args.range, '5.2.1.5-5.2.2.1');
    assert.equal(textAt(text, p.range), '5.2.1.5-5.2.2.1');
  });

  it('reads HTML-comment tags inline (covers the block) and standalone (covers the section)', () => {
    const comments = m.tags.filter((t) => t.form === 'comment');
    assert.deepEqual(comments.map((t) => [t.refs[0].id, textAt(text, t.range)]), [
      ['5.1.3.1', '<!-- clause: 5.1.3.1 -->'],
      ['5.1.3.2', '<!-- clause: 5.1.3.2 -->'],
    ]);
    const inline = m.coverage.find((c) => c.itemId === '5.1.3.1')!;
    assert.equal(inline.via, 'comment');
    assert.equal(textAt(text, inline.target), '正文注释 <!-- clause: 5.1.3.1 --> 覆盖本段。');
    const standalone = m.coverage.find((c) => c.itemId === '5.1.3.2')!;
    // the section of `# 标签写法`: from the heading to the end of its last content
    assert.equal(r(standalone.target), '0:0-21:13');
  });

  it('finds nothing inside code spans, fenced or indented code, link text or after a backslash', () => {
    const ids = m.tags.flatMap((t) => t.refs.map((x) => x.id));
    for (const id of ['5.1.4.1', '5.1.4.2', '5.1.5.1', '5.1.5.2', '5.1.6.1', '5.1.6.2']) assert.ok(!ids.includes(id), `${id} must not be a tag`);
    assert.ok(m.links.some((l) => l.target === 'https://example.com'));
  });

  it('reports an unknown ID with did-you-mean suggestions, at the ID', () => {
    const p = problem(m, 'unknown-clause');
    assert.equal(p.args.id, '5.1.2.9');
    assert.equal(p.args.scheme, 'gbt27922-2011');
    assert.deepEqual(p.data!.suggestions!.slice(0, 2), ['5.1.2.1', '5.1.2.2']);
    assert.equal(r(p.range), '21:4-21:11');
    assert.deepEqual(codes(m), ['invalid-range', 'unknown-clause']);
  });

  it('reads front matter clauses: as a list or a range, and reports unknown IDs there', () => {
    const t = '---\nclauses:\n  - 5.1.1.1\n  - ５．１．１．２\n  - 5.2.2.1-5.2.2.2\n  - 5.9.9.9\n---\n\n正文。\n';
    const fm = parse(t);
    assert.equal(fm.kind, 'manual');
    assert.deepEqual(fm.frontMatter.clauses.map((x) => `${x.id}:${x.kind}`), ['5.1.1.1:item', '5.1.1.2:item', '5.2.2.1:item', '5.2.2.2:item', '5.9.9.9:unknown']);
    assert.deepEqual(fm.frontMatter.clauses.map((x) => textAt(t, x.range)), ['5.1.1.1', '５．１．１．２', '5.2.2.1-5.2.2.2', '5.2.2.1-5.2.2.2', '5.9.9.9']);
    assert.equal(fm.tags.length, 0, 'front matter clauses are not in model.tags');
    assert.deepEqual(fm.coverage.map((c) => `${c.itemId}:${c.via}`), ['5.1.1.1:front-matter', '5.1.1.2:front-matter', '5.2.2.1:front-matter', '5.2.2.2:front-matter']);
    assert.equal(textAt(t, problem(fm, 'unknown-clause').range), '5.9.9.9');
  });

  it('does not take a reference link whose label is a clause ID, or an image, for a tag', () => {
    const t = '手册见 [5.1.1.1] 与 ![5.1.1.2](img.png)。\n\n[5.1.1.1]: https://example.com/a\n\n[5.1.2.1] 真标签\n';
    const m2 = parse(t);
    assert.deepEqual(m2.tags.map((x) => x.refs[0].id), ['5.1.2.1']);
    assert.deepEqual(m2.links.map((l) => l.target), ['https://example.com/a', 'img.png']);
  });

  it('an escaped backslash leaves the bracket live: \\\\[5.1.1.1] is a tag, \\\\\\[5.1.1.2] is not', () => {
    const t = '见 \\\\[5.1.1.1] 与 \\\\\\[5.1.1.2]。\n';
    assert.deepEqual(parse(t).tags.map((x) => textAt(t, x.range)), ['[5.1.1.1]']);
  });

  it('tags in a heading have heading context; tags in text have block context', () => {
    const m2 = parse('## 人员 [5.1.2.1] <!-- clause: 5.1.2.2 -->\n\n内容 [5.1.3.1]\n');
    assert.deepEqual(m2.tags.map((t) => `${t.form}:${t.context}`), ['bracket:heading', 'comment:heading', 'bracket:block']);
  });

  it('a group tag in a manual is a hint naming example items', () => {
    const m2 = parse('## 人员 [5.1.2]\n\n内容 [5.1.2.1]\n');
    const p = problem(m2, 'group-tag');
    assert.deepEqual(p.args, { id: '5.1.2', title: '人员配置', example: '5.1.2.1, 5.1.2.2' });
    assert.equal(r(p.range), '0:7-0:12');
    assert.deepEqual(m2.sections[0].itemIds, []);
  });
});
