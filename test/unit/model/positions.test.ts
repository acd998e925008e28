import { strict as assert } from 'node:assert';
import { decodeBytes } from '../../../server/src/io/decode';
import { assertInside, fixture, parse, r, textAt } from './helpers';

/** Positions are LSP positions: line, and UTF-16 code units within the line. */
describe('model: exact positions', () => {
  it('an entry after a multi-byte emoji on the same line: characters are UTF-16 code units', () => {
    // 😀 and 📄 are one code point each, two UTF-16 code units (and four UTF-8 bytes).
    const t = '---\ntype: audit\n---\n\n😀 | [5.1.1.1] 提及\n\n| 状态 | 条款 | 得分 | 证据 |\n| --- | --- | --- | --- |\n| 😀 | [5.1.1.2] | 100% | 📄 名册 |\n';
    const m = parse(t);
    assert.equal(r(m.tags[0].range), '4:5-4:14'); // 😀=0..1, ' '=2, '|'=3, ' '=4, '['=5
    const e = m.entries[0];
    assert.equal(e.itemId, '5.1.1.2');
    assert.equal(r(e.tag.range), '8:7-8:16');
    assert.equal(r(e.scoreRange), '8:19-8:23');
    assert.equal(r(e.evidenceRange), '8:26-8:31');
    assert.equal(e.evidence, '📄 名册');
    assert.equal(r(e.range), '8:0-8:33');
  });

  it('an entry on a line after lines full of emoji and CJK starts at the right line and column', () => {
    const t = '---\ntype: audit\n---\n\n# 报告 👨‍👩‍👧‍👦 🇨🇳\n\n- [5.1.1.1] 100% 证据：👍👍 [链接](a.md)\n- [5.1.1.2] 3/3 证据：名册\n';
    const m = parse(t);
    const [e1, e2] = m.entries;
    assert.equal(r(e1.scoreRange), '6:12-6:16');
    assert.equal(r(e1.evidenceRange), '6:20-6:35');
    assert.equal(textAt(t, e1.evidenceRange!), '👍👍 [链接](a.md)');
    assert.equal(r(e1.links[0].range), '6:25-6:35');
    assert.equal(r(e2.range), '7:0-7:21');
    assert.equal(r(e2.scoreRange), '7:12-7:15');
    assert.equal(r(e2.evidenceRange), '7:19-7:21');
  });

  it('Chinese text before a tag: one code unit per character', () => {
    const t = '售后服务管理师的配置要求见【5.1.2.2】与 [5.1.2.1]。\n';
    const m = parse(t);
    assert.deepEqual(m.tags.map((x) => r(x.range)), ['0:13-0:22', '0:24-0:33']);
    assert.deepEqual(m.tags.map((x) => r(x.refs[0].range)), ['0:14-0:21', '0:25-0:32']);
  });

  it('a CRLF file gives the same positions as its LF twin', () => {
    for (const name of ['audit-list.md', 'audit-table.md', 'manual.md', 'tags.md', 'front-matter.md']) {
      const lf = fixture(name);
      const crlf = lf.replace(/\n/g, '\r\n');
      const a = parse(lf);
      const b = parse(crlf);
      assertInside(crlf, b);
      const positions = (m: typeof a) => JSON.stringify(m, (k, v) => (k === 'span' || k === 'length' ? undefined : v));
      // Text values read from a CRLF file may hold \r\n where the LF one holds \n (multi-line cells do not occur here).
      assert.equal(positions(b), positions(a), name);
    }
  });

  it('a lone CR ends a line too (as LSP says)', () => {
    const t = '## 人员 [5.1.2.1]\r\r内容\r\r## 空 [5.1.2.2]\r';
    const m = parse(t);
    assert.deepEqual(m.tags.map((x) => r(x.range)), ['0:6-0:15', '4:5-4:14']);
    assert.equal(m.lineCount, 6);
    assertInside(t, m);
  });

  it('a BOM: front matter is still front matter; the BOM is one code unit of line 0, nothing else moves', () => {
    const plain = '---\ntype: audit\n---\n\n- [5.1.1.1] 100% 证据：x\n';
    const bom = '\uFEFF' + plain;
    const a = parse(plain);
    const b = parse(bom);
    assert.equal(b.kind, 'audit');
    assert.equal(b.kindSource, 'front-matter');
    assert.equal(r(b.frontMatter.range), '0:1-2:3'); // it starts after the BOM
    assert.equal(r(b.entries[0].range), r(a.entries[0].range));
    assert.equal(r(b.entries[0].scoreRange), '4:12-4:16');
    // A tag on line 0 after a BOM: the model counts the BOM (it is in the text it was given)...
    const heading = parse('\uFEFF# [5.1.1.1] 组织\n\n内容\n');
    assert.equal(r(heading.tags[0].range), '0:3-0:12');
    assertInside('\uFEFF# [5.1.1.1] 组织\n\n内容\n', heading);
  });

  it('a BOM file read from disk: decoding drops the BOM, so positions match the editor (which never shows it)', () => {
    const text = fixture('audit-list.md');
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const d = decodeBytes(bytes);
    assert.ok(d.ok);
    if (!d.ok) return;
    assert.equal(d.text, text);
    const m = parse(d.text);
    assert.equal(m.kind, 'audit');
    assert.equal(r(m.entries[0].tag.range), '8:2-8:11');
  });
});
