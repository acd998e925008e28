import * as assert from 'node:assert/strict';
import { auditDocument } from '../../../server/src/export/auditDocument';
import { renderDocx } from '../../../server/src/export/docx';
import { renderHtml } from '../../../server/src/export/html';
import { manualDocument } from '../../../server/src/export/manualDocument';
import { nonconformitiesOf } from '../../../server/src/export/nonconformities';
import { ooxmlProblems, part, partNames } from '../../office';
import { analyseReport, HOSTILE, hostileReport, sampleManual } from './fixtures';

/** Text of the runs of a WordprocessingML part, XML entities decoded. */
function wordText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join('')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('export: non-conformities (samples/EXPECTED.md §3, as of 2027-06-30)', function () {
  this.timeout(30000);
  it('maps the analysis\' NCs to rows, and the report gets its chapter only when there are any', async () => {
    const r = analyseReport({ file: 'samples/audit/2026-审核报告.md' });
    const rows = nonconformitiesOf(r.analysis, 'zh');
    assert.deepEqual(rows, r.x.data.nonconformities);
    assert.deepEqual(rows.map((n) => [n.id, n.clauses, n.severity, n.status, n.due]), [
      ['NC-01', '5.1.4.2', '一般', '已关闭', '2026-04-30'],
      ['NC-02', '5.1.5.2', '一般', '已逾期', '2026-06-30'],
      ['NC-03', '5.1.6.4', '一般', '已逾期', '2026-09-30'],
      ['NC-04', '5.3.2.3', '观察项', '未关闭', ''],
    ]);
    assert.equal(rows[0].correctiveAction, '清单增列标准修订跟踪栏，由法务与服务质量科每季度会签更新');
    assert.equal(rows[0].verification, '2026-04-22 已关闭（郑晓峰，核对清单 2026 年 4 月版）');
    const text = wordText(part(await renderDocx(auditDocument(r.x, 'zh')), 'word/document.xml'));
    assert.ok(text.includes('不符合项') && text.includes('NC-01') && text.includes('清单增列标准修订跟踪栏'), 'the chapter with the NCs');
    const none = analyseReport({ file: 'samples/audit/2026-十星审核报告.md' });
    assert.deepEqual(none.x.data.nonconformities, []);
    assert.ok(!wordText(part(await renderDocx(auditDocument(none.x, 'zh')), 'word/document.xml')).includes('、不符合项'), 'no chapter without NCs');
  });
});

describe('export: the Word report (.docx)', function () {
  this.timeout(30000);
  let bytes: Buffer;
  before(async () => {
    bytes = await renderDocx(auditDocument(analyseReport({ file: 'samples/audit/2026-审核报告.md' }).x, 'zh'));
  });

  it('is a sound OOXML package: every part well-formed, typed, every relationship resolved', () => {
    assert.deepEqual(ooxmlProblems(bytes), []);
    for (const p of ['word/document.xml', 'word/styles.xml', 'word/fontTable.xml', 'word/settings.xml', 'word/numbering.xml', 'docProps/core.xml']) assert.ok(partNames(bytes).includes(p), p);
  });

  it('is A4 with a header, a footer with page X of Y, and a cover without them', () => {
    const doc = part(bytes, 'word/document.xml');
    assert.match(doc, /<w:pgSz w:w="11906" w:h="16838"/);
    assert.match(doc, /<w:titlePg\/>/);
    const footers = partNames(bytes).filter((n) => /^word\/footer\d+\.xml$/.test(n)).map((n) => part(bytes, n));
    assert.ok(footers.some((f) => />\s*PAGE\s*</.test(f) && />\s*NUMPAGES\s*</.test(f) && wordText(f).includes('第') && wordText(f).includes('页')), 'page X of Y');
    const headers = partNames(bytes).filter((n) => /^word\/header\d+\.xml$/.test(n)).map((n) => wordText(part(bytes, n)));
    assert.ok(headers.includes('华东智能家电有限公司 · 售后服务认证审核报告'), headers.join(' | '));
  });

  it('declares the Chinese fonts: 宋体 body and 黑体 headings for East Asian text, zh-CN, and the font table names them', () => {
    const styles = part(bytes, 'word/styles.xml');
    assert.match(styles, /<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"\/>/);
    assert.match(styles, /<w:lang w:val="zh-CN" w:eastAsia="zh-CN"\/>/);
    for (const h of ['Heading1', 'Heading2', 'Heading3', 'Title']) {
      const style = new RegExp(`w:styleId="${h}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
      assert.match(style, /w:eastAsia="黑体"/, h);
    }
    const fonts = part(bytes, 'word/fontTable.xml');
    assert.match(fonts, /<w:font w:name="宋体"><w:altName w:val="SimSun"\/>[\s\S]*?<w:charset w:val="86"\/>/);
    assert.match(fonts, /<w:font w:name="黑体"><w:altName w:val="SimHei"\/>[\s\S]*?<w:charset w:val="86"\/>/);
  });

  it('has a table of contents: each chapter linked to its heading’s bookmark, page numbers as PAGEREF fields', () => {
    const doc = part(bytes, 'word/document.xml');
    const refs = [...doc.matchAll(/PAGEREF (_TocG\d+)/g)].map((m) => m[1]);
    const marks = [...doc.matchAll(/<w:bookmarkStart w:name="(_TocG\d+)"/g)].map((m) => m[1]);
    assert.ok(refs.length >= 8, `${refs.length} entries`);
    assert.deepEqual(refs, marks);
    assert.match(part(bytes, 'word/settings.xml'), /<w:updateFields(?: w:val="(?:true|1)")?\/>/, 'Word updates the page numbers on opening');
    const text = wordText(doc);
    for (const chapter of ['一、审核结果', '二、分组得分', '三、逐项评分', '四、不适用指标', '五、特别扣分与特别加分', '六、不符合项', '七、审核说明与结论', '八、签字确认']) assert.ok(text.includes(chapter), chapter);
  });

  it('keeps hostile report text as inert text: escaped markup, no control characters', async () => {
    const r = analyseReport({ text: hostileReport(), name: 'hostile.md' });
    const docx = await renderDocx(auditDocument(r.x, 'zh'));
    assert.deepEqual(ooxmlProblems(docx), []);
    const xml = part(docx, 'word/document.xml');
    assert.ok(!xml.includes('<script>'), 'no raw markup');
    assert.ok(!/<w:p>&amp;/.test(xml) && !xml.includes(']]><w:p>'), 'no injected XML');
    const text = wordText(xml);
    for (const s of [HOSTILE.hyperlink, HOSTILE.cmd, HOSTILE.at, '<script>alert("x")</script>', `]]><w:p>&amp;&lt;"'</w:p>`]) assert.ok(text.includes(s), s);
    assert.ok(text.includes('ctl[31mredevil'), 'control characters and the bidi override dropped');
    // The same in the HTML export: escaped, no script.
    const html = renderHtml(auditDocument(r.x, 'zh'));
    assert.ok(!/<script/i.test(html.replace(/&lt;script/g, '')));
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
  });

  it('renders the manual with tags hidden, its coverage matrix and what is uncovered', async () => {
    const { files, manual } = sampleManual();
    const { defaultScheme } = await import('../../../server/src/scheme/loader');
    const hidden = await renderDocx(manualDocument({ files, manual, scheme: defaultScheme(), locale: 'zh', tags: 'hidden', generatedAt: '2026-01-01' }));
    assert.deepEqual(ooxmlProblems(hidden), []);
    const text = wordText(part(hidden, 'word/document.xml'));
    for (const h of ['第一章 组织与资源', '第二章 商品服务', '第三章 顾客服务', '售后服务管理师配置', '附录：条款覆盖矩阵', '未覆盖的指标']) assert.ok(text.includes(h), h);
    assert.ok(!text.includes('[5.1.2.2]') && !text.includes('【5.3.2.1】'), 'tags hidden');
    assert.ok(text.includes('01-组织与资源.md › 售后服务管理师配置'), 'matrix names the section');
    assert.ok(text.includes('重视服务标准化工作'), 'the uncovered item 5.1.6.4 with its requirement');
    assert.ok(text.includes('手册覆盖 99 / 100 分（99.00%），49 / 50 项。'));
    assert.ok(!text.includes('## 目录') && !text.includes('（本文件）'), 'the Markdown contents list is replaced by the generated one');
    const html = renderHtml(manualDocument({ files, manual, scheme: defaultScheme(), locale: 'zh', tags: 'hidden', generatedAt: '2026-01-01' }));
    assert.ok(html.includes('<h1 id="h1">手册说明</h1>') || /<h1 id="h\d+">第一章 组织与资源<\/h1>/.test(html), 'headings in the page');
    assert.ok(html.includes('附录：条款覆盖矩阵') && !/<script/i.test(html));
    const discreet = await renderDocx(manualDocument({ files, manual, scheme: defaultScheme(), locale: 'zh', tags: 'discreet', generatedAt: '2026-01-01' }));
    const xml = part(discreet, 'word/document.xml');
    assert.match(xml, /<w:color w:val="8C8C8C"\/><w:sz w:val="16"\/><w:szCs w:val="16"\/><\/w:rPr><w:t xml:space="preserve">\[5\.1\.2\.2\]<\/w:t>/);
  });
});
