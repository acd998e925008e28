import * as assert from 'node:assert/strict';
import { defaultScheme } from '../../../server/src/scheme/loader';
import { importDocument, ImportError } from '../../../server/src/import';
import { inspectDocx, sniffInput } from '../../../server/src/import/inspect';
import { markdownToMarkdown } from '../../../server/src/import/markdown';
import { lyingZip, zipBomb } from '../../fixtures/word/make';

describe('import', () => {
  it('recognises numbered and bold paragraphs as headings, not numbered sentences or list items', () => {
    const { markdown, stats } = markdownToMarkdown(
      ['第一章 总则', '', '第二节 范围', '', '一、服务网络', '', '（一）网点', '', '1.1 考核', '', '1.1.2 记录', '', '**备用机**', '', '1\\. 工程师持证上岗。', '', '一、', '', '（二）维修超过七天的，提供备用机；', '', '2023年度服务计划', ''].join('\n'),
    );
    assert.deepEqual(
      markdown.split('\n').filter((l) => l.startsWith('#')),
      ['# 第一章 总则', '## 第二节 范围', '## 一、服务网络', '### （一）网点', '## 1.1 考核', '### 1.1.2 记录', '#### 备用机'],
    );
    assert.equal(stats.pseudoHeadings, 7);
  });

  it('adds type: to existing front matter, keeps the rest', async () => {
    const r = await importDocument(Buffer.from('---\ntitle: 手册\n---\n\n**一、热线**\n\n400热线。\n'), { fileName: 'a.md', assetsDir: 'a.assets', scheme: defaultScheme(), tags: 'none' });
    assert.equal(r.markdown, '---\ntype: manual\ntitle: 手册\n---\n\n## 一、热线\n\n400热线。\n');
  });

  it('sniffs by bytes, not by name', () => {
    assert.equal(sniffInput(Buffer.from('PK\u0003\u0004rest'), 'manual.md'), 'docx');
    assert.throws(() => sniffInput(Buffer.from('{\\rtf1 hello}'), 'x.doc'), /RTF file/);
    assert.throws(() => sniffInput(Buffer.from('<html><body>x</body></html>'), 'x.doc'), /HTML page saved with a Word extension/);
  });

  it('refuses a zip bomb from its central directory, with memory bounded', async function () {
    this.timeout(60_000);
    const bomb = await zipBomb(600 * 1024 * 1024);
    global.gc?.();
    const before = process.memoryUsage().rss;
    await assert.rejects(inspectDocx(bomb, 'bomb.docx'), (e: unknown) => e instanceof ImportError && /refused before inflating/.test(e.message));
    // A lying directory: inflated as a stream, stopped at the first byte over the declared size.
    await assert.rejects(inspectDocx(lyingZip(64 * 1024 * 1024), 'liar.docx'), (e: unknown) => e instanceof ImportError && /damaged/.test(e.message));
    const grown = process.memoryUsage().rss - before;
    assert.ok(grown < 200 * 1024 * 1024, `RSS grew ${(grown / 1048576).toFixed(0)} MB`);
  });
});
