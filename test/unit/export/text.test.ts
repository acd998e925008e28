import * as assert from 'node:assert/strict';
import { cleanText, escapeHtml, formulaLike, inlineMarkdownText, oneLine, safeLink } from '../../../server/src/export/text';

describe('export: text stays text', () => {
  it('drops what XML 1.0 cannot carry and bidi overrides; tabs and CR become space and LF', () => {
    assert.equal(cleanText('a\u0000b\u0001c\u0008d\u000be\u000cf\u001bg\u007fh\u0085i'), 'abcdefghi');
    assert.equal(cleanText('x\uFFFEy\uFFFFz'), 'xyz');
    assert.equal(cleanText('lone \uD800 high, lone \uDC00 low, pair \uD83D\uDE00'), 'lone  high, lone  low, pair \uD83D\uDE00');
    assert.equal(cleanText('evil\u202Egnp.exe \u2066x\u2069'), 'evilgnp.exe x');
    assert.equal(cleanText('a\tb\r\nc\rd'), 'a b\nc\nd');
    assert.equal(oneLine('  a\n  b \n'), 'a b');
  });

  it('knows which cell text a spreadsheet would take for a formula', () => {
    for (const s of ['=HYPERLINK("http://x","y")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1)', '\tx', '\rx', '＝1+1', '＋1', '－1', '＠x']) assert.ok(formulaLike(s), s);
    for (const s of ['5.1.1.1', '证据：记录 =1', 'a-b', ' =1', '']) assert.ok(!formulaLike(s), s);
  });

  it('escapes HTML and keeps only http(s) and mailto links', () => {
    assert.equal(escapeHtml(`<script>alert("x")</script>&'`), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    assert.equal(safeLink('https://example.com/a?b=1'), 'https://example.com/a?b=1');
    assert.equal(safeLink('mailto:a@b.cn'), 'mailto:a@b.cn');
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'evidence/a.md', 'data:text/html,x', 'https://a b']) assert.equal(safeLink(bad), undefined, bad);
  });

  it('reads inline Markdown of evidence as plain text, file references kept as the trace', () => {
    assert.equal(inlineMarkdownText('[组织架构图](evidence/org-chart.md)、岗位说明书 HDZN/HR-JD-07'), '组织架构图（evidence/org-chart.md）、岗位说明书 HDZN/HR-JD-07');
    assert.equal(inlineMarkdownText('[roster](evidence/staff%20roster.md)', 'en'), 'roster (evidence/staff roster.md)');
    assert.equal(inlineMarkdownText('see [site](https://example.com) and <https://a.cn>'), 'see site and https://a.cn');
    assert.equal(inlineMarkdownText('**重点** *一般* `代码` ~~删除~~ \\*星号\\*'), '重点 一般 代码 删除 *星号*');
    assert.equal(inlineMarkdownText('<b>raw</b> & <script>x</script>'), '<b>raw</b> & <script>x</script>');
    assert.equal(inlineMarkdownText('![图](a.png) 说明'), '图 说明');
  });
});
