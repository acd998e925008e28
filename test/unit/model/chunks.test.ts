import { strict as assert } from 'node:assert';
import { assembleDocument, parseChunk, parseDocument, splitIntoChunks } from '../../../server/src/model';
import { assertSameModel, scheme } from './helpers';

/**
 * Chunk boundaries depend on a hash of the boundary line, so each case is tried with several
 * heading texts; at least one of them must actually be cut there (or the case tests nothing).
 */
function eachVariant(make: (suffix: string) => string, check: (text: string) => void): void {
  let cut = 0;
  for (const suffix of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']) {
    const text = make(suffix);
    if (splitIntoChunks(text).length > 1) cut++;
    check(text);
  }
  assert.ok(cut > 0, 'no variant was split into chunks');
}

const same = (text: string) => assertSameModel(parseDocument(text, scheme), parseDocument(text, scheme, { whole: true }), JSON.stringify(text));

describe('model: chunking equals the whole parse', () => {
  it('splitting at headings and blank lines; concatenated chunks give the text back; the first chunk is marked', () => {
    const text = Array.from({ length: 40 }, (_, i) => `## 第 ${i} 节 [5.1.1.1]\n\n内容 ${i}\n`).join('\n');
    const chunks = splitIntoChunks(text);
    assert.ok(chunks.length > 3, `${chunks.length} chunks`);
    assert.equal(chunks.map((c) => c.text).join(''), text);
    assert.deepEqual(chunks.map((c) => c.first), chunks.map((_, i) => i === 0));
    for (const c of chunks) assert.equal(text.slice(c.start, c.start + c.text.length), c.text);
    same(text);
  });

  it('a fence in a list item cut off by the item end: the closing-looking fence opens a code block', () => {
    eachVariant(
      (h) => `- a\n  \`\`\`\n  x\nb\n\n\`\`\`\n[5.1.1.1] 100% 证据：x\n\n# [5.1.1.2] h${h}\n`,
      (text) => {
        same(text);
        assert.deepEqual(parseDocument(text, scheme).tags, [], 'everything after the second fence is code');
      },
    );
  });

  it('a line starting with an inline tag does not hide a fence opened right after it', () => {
    eachVariant(
      (h) => `text\n<span>foo\n\`\`\`\n\n# [5.1.1.2] h${h}\n\`\`\`\n\n# [5.1.1.1] after\n`,
      (text) => {
        same(text);
        assert.deepEqual(parseDocument(text, scheme).tags.map((t) => t.refs[0].id), ['5.1.1.1']);
      },
    );
  });

  it('an HTML block continued by a heading line, and an unclosed comment', () => {
    eachVariant((h) => `<div>\n# [5.1.1.1] h${h}\n\n# [5.1.1.2] x${h}\n`, same);
    eachVariant((h) => `正文 [5.1.1.1]\n\n<!-- note\n\n# [5.1.1.2] h${h}\n\n-->\n\n# z${h}\n`, same);
  });

  it('link definitions act across chunks, also with a label over two lines or an escaped bracket (CommonMark example 194)', () => {
    for (const text of [
      '[5.1.1.1\n]: https://e.com/x\n\n# h\n\n正文 [5.1.1.1] 与 [5.1.1.2]\n',
      "[Foo*bar\\]]:my_(url) 'title'\n\n# h\n\n[Foo*bar\\]] [5.1.1.2]\n",
      '[^1]: 脚注\n\n# h\n\n正文[^1] [5.1.1.2]\n',
    ]) {
      // The chunker keeps such a text whole...
      assert.equal(splitIntoChunks(text).length, 1, JSON.stringify(text));
      same(text);
      assert.deepEqual(parseDocument(text, scheme).tags.map((t) => t.refs[0].id), ['5.1.1.2'], 'a defined [5.1.1.1] is a reference link');
      // ...and had it cut the text after all, assembling would notice and parse it whole.
      const at = text.indexOf('# h');
      const cut = [
        { start: 0, model: parseChunk(text.slice(0, at), true) },
        { start: at, model: parseChunk(text.slice(at), false) },
      ];
      assertSameModel(assembleDocument(text, cut, scheme), parseDocument(text, scheme, { whole: true }), 'assembled from a bad cut');
    }
  });

  it('an entry written [5.1.2.2]: 80% … is no definition and does not stop chunking', () => {
    const text = Array.from({ length: 30 }, (_, i) => `## 第 ${i} 节\n\n- [5.1.2.2]: 80% 证据：名册 ${i}\n`).join('\n');
    assert.ok(splitIntoChunks(text).length > 1);
    same(text);
  });

  it('a chunk that ends in an open fence says so; a closed one does not', () => {
    assert.equal(parseChunk('text\n\n```\ncode\n\n', false).openEnd, true);
    assert.equal(parseChunk('```\ncode\n```\n\n', false).openEnd, undefined);
    assert.equal(parseChunk('<!-- open\n\n', false).openEnd, true);
    assert.equal(parseChunk('<!-- closed -->\n\n', false).openEnd, undefined);
    assert.equal(parseChunk('<div>\n', false).openEnd, true);
    assert.equal(parseChunk('<div>\n\n', false).openEnd, undefined);
    assert.equal(parseChunk('[a]: /b\n', false).definitions, true);
  });

  it('a list nested 600 levels by indentation is not parsed (remark would take about half a minute): the user is told where, the rest is analysed', () => {
    const lines = ['---', 'type: manual', '---', '', '# 手册 [5.1.1.1]', '', '正文。', '', '# 附录', ''];
    for (let i = 0; i < 600; i++) lines.push(`${'  '.repeat(i)}- level ${i}`);
    const text = lines.join('\n') + '\n';
    const started = Date.now();
    const m = parseDocument(text, scheme);
    assert.ok(Date.now() - started < 3000, 'skipped, not parsed');
    assert.equal(m.kind, 'manual');
    assert.deepEqual(m.coverage.map((c) => c.itemId), ['5.1.1.1']);
    const deep = m.problems.filter((p) => p.code === 'too-deeply-nested');
    assert.equal(deep.length, 1);
    // The first line over 1,000 columns: level 501 (1,002 spaces), line 10 + 501.
    assert.deepEqual(deep[0].range.start, { line: 511, character: 0 });
    assert.deepEqual(deep[0].args, { columns: 1002, limit: 1000 });
  });
});
