/**
 * `gbt27922 export` as a user runs it (the built CLI), and what real office software reads back:
 * LibreOffice headless converts every export (docx → PDF and → text, xlsx → CSV after
 * recalculating every formula), poppler reads and renders the PDFs (first pages into
 * test-results/export/). Text and numbers are checked against samples/EXPECTED.md.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import PizZip from 'pizzip';
import { copySamples, makeTree, noStackTrace, removeTree, run, type RunResult } from './helpers';
import { docxPdf, docxText, expectedReports, ooxmlProblems, part, partNames, pdfInfo, pdfText, renderFirstPage, requireOffice, xlsxSheets } from '../office';
import { HOSTILE, hostileReport } from '../unit/export/fixtures';

const REPORT = 'audit/2026-审核报告.md';
const TEN_STAR = 'audit/2026-十星审核报告.md';
const expected = expectedReports();

function exportOk(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunResult {
  const r = run(['export', ...args], { cwd, env: { SOURCE_DATE_EPOCH: '1773792000', ...env } });
  assert.equal(r.code, 0, `export ${args.join(' ')} → exit ${r.code}\n${r.stderr}`);
  return r;
}

/** Lines of LibreOffice's text of a document, trimmed, empty ones dropped. */
const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/** The value in column E of the row whose column B is `label` (the score sheet's summary). */
function summary(rows: string[][], label: string): string {
  const row = rows.find((r) => r[1] === label);
  assert.ok(row, `no summary row "${label}"`);
  return row[4];
}

/** Change a cell of a sheet in an .xlsx (its cached value and type), as an auditor editing it would. */
function setCell(xlsx: Buffer, sheet: number, ref: string, value: number | string): Buffer {
  const zip = new PizZip(xlsx);
  const name = `xl/worksheets/sheet${sheet}.xml`;
  const xml = zip.file(name)!.asText();
  const re = new RegExp(`<c r="${ref}"([^>]*?)(?:/>|>[\\s\\S]*?</c>)`);
  assert.match(xml, re, `cell ${ref}`);
  const patched = xml.replace(re, (_m, attrs: string) => {
    const a = attrs.replace(/ t="\w+"/, '');
    return typeof value === 'number' ? `<c r="${ref}"${a}><v>${value}</v></c>` : `<c r="${ref}"${a} t="inlineStr"><is><t>${value}</t></is></c>`;
  });
  zip.file(name, patched);
  return zip.generate({ type: 'nodebuffer' });
}

/** LibreOffice and a fresh copy of samples/ for the describe block that calls it (removed after). */
function officeWorkspace(): { ws: string; soffice: string } {
  const ctx = { ws: '', soffice: '' };
  before(function () {
    ctx.soffice = requireOffice(this);
    ctx.ws = copySamples();
  });
  after(() => ctx.ws && removeTree(ctx.ws));
  return ctx;
}

describe('cli export: the audit report in Word, read by LibreOffice', function () {
  this.timeout(120000);
  const office = officeWorkspace();
  let ws: string;
  let soffice: string;
  let docx: Buffer;
  before(() => {
    ({ ws, soffice } = office);
    // Its non-conformities are judged as of the date samples/EXPECTED.md is written for.
    const r = exportOk([REPORT, '--locale', 'zh', '--as-of', '2027-06-30'], ws);
    assert.match(r.stderr, /审核报告 \(92\.00, 四星级\) → audit\/2026-审核报告\.docx/);
    docx = fs.readFileSync(path.join(ws, 'audit', '2026-审核报告.docx'));
  });

  it('is a sound package that LibreOffice converts (to text and to PDF)', async () => {
    assert.deepEqual(ooxmlProblems(docx), []);
    const pdf = await docxPdf(docx, soffice);
    const info = pdfInfo(pdf);
    assert.match(info.pageSize, /595\.\d* x 841\.\d* pts \(A4\)/);
    assert.ok(info.pages >= 8, `${info.pages} pages`);
    const png = renderFirstPage(pdf, 'report-docx');
    assert.ok(fs.statSync(png).size > 10_000, 'a rendered first page');
  });

  it('says the total, the star, every applicable item and the subtotals of samples/EXPECTED.md', async () => {
    const text = await docxText(docx, soffice);
    const l = lines(text);
    assert.ok(text.includes(`总分 ${expected.main.total} · ${expected.main.star}`), 'on the cover');
    // The cover's title and information table as the report writes them, each once (a parser bug once doubled them).
    for (const cover of ['华东智能家电有限公司 售后服务认证审核报告（2026 年度初次认证）', '2026 年 3 月 16 日至 3 月 18 日', 'GB/T 27922-2011《商品售后服务评价体系》、CTS《售后服务认证技术规范》']) {
      assert.ok(l.includes(cover), `the cover line: ${cover}`);
    }
    assert.equal(text.split('年度初次认证）').length - 1, 1, 'the title once');
    assert.equal(l.filter((x) => x === '审核日期').length, 1, 'one audit-date row: the report’s own range, not the front matter’s date again');
    assert.ok(text.includes(`总分：${expected.main.total}\u3000\u3000星级：${expected.main.star}`), 'in the result');
    for (const [id, e] of expected.main.items) {
      const i = l.indexOf(id);
      assert.ok(i >= 0, `item ${id}`);
      // Row: ID, requirement, points, score %, earned.
      assert.equal(l[i + 2], e.points, `${id} points`);
      assert.equal(l[i + 4], e.earned === '' ? '—' : e.earned, `${id} earned`);
    }
    for (const [id, g] of expected.main.groups) {
      const i = l.findIndex((x, k) => x === id && l[k + 4] === g.earned);
      assert.ok(i >= 0, `group ${id} ${g.earned}`);
      assert.equal(l[i + 3], g.applicable, `group ${id} applicable`);
    }
    assert.ok(text.includes('生产型企业，不涉及贸易型企业先行赔付'), 'N/A reason');
    assert.ok(text.includes('合肥蜀山网点 5 份维修工单无顾客签字确认'), 'the deduction');
    assert.ok(text.includes('审核组长') && text.includes('郑晓峰'), 'sign-off');
    // The four NCs of samples/EXPECTED.md §3 with their status as of 2027-06-30, once (not again in the narrative).
    const nc = l.indexOf('六、不符合项', l.indexOf('六、不符合项') + 1);
    assert.ok(nc > 0, 'the chapter');
    for (const [id, status] of [['NC-01', '已关闭'], ['NC-02', '已逾期'], ['NC-03', '已逾期'], ['NC-04', '未关闭']]) {
      const i = l.indexOf(id, nc);
      assert.ok(i > nc && l.slice(i, i + 8).includes(status), `${id} ${status}: ${l.slice(i, i + 8).join(' | ')}`);
    }
    assert.equal(text.split('清单增列标准修订跟踪栏').length - 1, 1, 'the corrective action once');
  });

  it('has page numbers in its table of contents as LibreOffice lays it out, and page X of Y', async () => {
    const pdf = await docxPdf(docx, soffice);
    const toc = pdfText(pdf, { first: 2, last: 2 });
    assert.match(toc, /目录/);
    assert.match(toc, /一、审核结果\.{5,}\s*3/);
    assert.match(toc, /六、不符合项\.{5,}\s*\d+/);
    assert.match(toc, /八、签字确认\.{5,}\s*\d+/);
    const third = pdfText(pdf, { first: 3, last: 3 });
    assert.match(third, /第 ?3 ?页 ?共 ?\d+ ?页/);
    assert.match(third, /华东智能家电有限公司 · 售后服务认证审核报告/);
  });

  it('in English with --locale en', async () => {
    exportOk([REPORT, '--locale', 'en', '-o', 'out/en.docx'], ws);
    const text = await docxText(fs.readFileSync(path.join(ws, 'out', 'en.docx')), soffice);
    assert.ok(text.includes('Total: 92.00'), text.slice(0, 400));
    assert.ok(text.includes('Four stars (四星级)'));
    assert.ok(text.includes('Scores by item'));
  });
});

describe('cli export: the score sheet, recalculated by LibreOffice', function () {
  this.timeout(120000);
  const office = officeWorkspace();
  let ws: string;
  let soffice: string;
  let xlsx: Buffer;
  before(() => {
    ({ ws, soffice } = office);
    exportOk([REPORT, '--format', 'xlsx', '--locale', 'zh'], ws);
    xlsx = fs.readFileSync(path.join(ws, 'audit', '2026-审核报告.xlsx'));
  });

  it('gives by its own formulas the total, the star, every item and the subtotals of samples/EXPECTED.md', async () => {
    assert.deepEqual(ooxmlProblems(xlsx), []);
    const sheets = await xlsxSheets(xlsx, soffice);
    const rows = sheets.get('评分表')!;
    assert.ok(rows, [...sheets.keys()].join(', '));
    assert.equal(Number(summary(rows, '总分')).toFixed(2), expected.main.total);
    assert.equal(summary(rows, '星级'), expected.main.star);
    assert.equal(Number(summary(rows, '适用分值')).toFixed(2), '98.00');
    for (const [id, e] of expected.main.items) {
      const row = rows.find((r) => r[0] === id);
      assert.ok(row, id);
      assert.equal(row[2], e.points.replace(/\.0+$/, ''), `${id} points`);
      assert.equal(Number(row[4]).toFixed(2), e.earned === '' ? '0.00' : e.earned, `${id} earned`);
      if (e.earned === '') assert.equal(row[3], '不适用');
    }
    const groups = sheets.get('分组得分')!;
    for (const [id, g] of expected.main.groups) {
      const row = groups.find((r) => r[0] === id)!;
      assert.equal(Number(row[5]).toFixed(2), g.earned, `${id} earned`);
      assert.equal(Number(row[4]).toFixed(2), g.applicable, `${id} applicable`);
    }
  });

  it('recalculates a formula whose cached value is wrong (the numbers come from the formulas)', async () => {
    const zip = new PizZip(xlsx);
    const name = 'xl/worksheets/sheet1.xml';
    zip.file(name, zip.file(name)!.asText().replace(/(<f>[^<]*<\/f>)<v>[^<]*<\/v>/g, '$1<v>777</v>'));
    const rows = (await xlsxSheets(zip.generate({ type: 'nodebuffer' }), soffice)).get('评分表')!;
    assert.equal(Number(summary(rows, '总分')).toFixed(2), expected.main.total);
  });

  it('follows the auditor’s edits: a score, an item made not applicable, the deductions — and agrees with our analysis of the same edits', async () => {
    const rows0 = (await xlsxSheets(xlsx, soffice)).get('评分表')!;
    const rowOf = (id: string) => rows0.findIndex((r) => r[0] === id) + 1;
    const deductionsRow = rows0.findIndex((r) => r[1] === '特别扣分条数') + 1;
    let edited = setCell(xlsx, 1, `D${rowOf('5.1.6.4')}`, 1);
    edited = setCell(edited, 1, `D${rowOf('5.2.6.2')}`, '不适用');
    edited = setCell(edited, 1, `E${deductionsRow}`, 6);
    const rows = (await xlsxSheets(edited, soffice)).get('评分表')!;

    const md = fs
      .readFileSync(path.join(ws, REPORT), 'utf8')
      .replace('[5.1.6.4] 40%', '[5.1.6.4] 100%')
      .replace(/^(.*\[5\.2\.6\.2\].*)$/m, (line) => line.replace('80%', '不适用 测试'))
      .replace(/(- \[扣分\][^\n]*\n)/, '$1- [扣分] 二\n- [扣分] 三\n- [扣分] 四\n- [扣分] 五\n- [扣分] 六\n');
    fs.writeFileSync(path.join(ws, 'audit', 'edited.md'), md);
    const ours = JSON.parse(run(['score', 'audit/edited.md', '--format', 'json', '--locale', 'zh'], { cwd: ws }).stdout) as { audit: { total: string; star: string; notApplicable: number; deductions: { count: number } } };
    assert.equal(ours.audit.deductions.count, 6, 'the Markdown was edited as the sheet was');
    assert.equal(ours.audit.notApplicable, 2, 'the Markdown was edited as the sheet was');
    assert.equal(Number(summary(rows, '总分')).toFixed(2), ours.audit.total);
    assert.equal(summary(rows, '星级'), ours.audit.star);
    assert.equal(ours.audit.star, '不通过（特别扣分超限）');
  });

  it('an incomplete report: the sheet says so in our words until the missing score is entered, then gives our star', async () => {
    const md = fs.readFileSync(path.join(ws, REPORT), 'utf8').replace(/^- \[5\.1\.6\.4\].*\n/m, '');
    fs.writeFileSync(path.join(ws, 'audit', 'incomplete.md'), md);
    const ours = JSON.parse(run(['score', 'audit/incomplete.md', '--format', 'json', '--locale', 'zh'], { cwd: ws }).stdout) as { audit: { total: string; star: string; verdict: string } };
    assert.equal(ours.audit.verdict, 'incomplete');
    exportOk(['audit/incomplete.md', '--format', 'xlsx', '--locale', 'zh', '-o', 'out/incomplete.xlsx'], ws);
    const sheet = fs.readFileSync(path.join(ws, 'out', 'incomplete.xlsx'));
    const rows = (await xlsxSheets(sheet, soffice)).get('评分表')!;
    assert.equal(summary(rows, '星级'), ours.audit.star);
    assert.match(ours.audit.star, /^未完成：1 项未评分（暂计总分 \d+\.\d\d）$/);
    assert.equal(Number(summary(rows, '总分')).toFixed(2), ours.audit.total);
    const row = rows.findIndex((r) => r[0] === '5.1.6.4') + 1;
    const filled = (await xlsxSheets(setCell(sheet, 1, `D${row}`, 0.4), soffice)).get('评分表')!;
    assert.equal(summary(filled, '星级'), expected.main.star, 'the score of the original report');
    assert.equal(Number(summary(filled, '总分')).toFixed(2), expected.main.total);
  });

  it('ten-star: the gates are formulas of the metrics — five stars with the fix rate at 88, ten stars at 92', async () => {
    exportOk([TEN_STAR, '--format', 'xlsx', '--locale', 'zh', '-o', 'out/ten.xlsx'], ws);
    const ten = fs.readFileSync(path.join(ws, 'out', 'ten.xlsx'));
    const rows = (await xlsxSheets(ten, soffice)).get('评分表')!;
    assert.equal(Number(summary(rows, '总分')).toFixed(2), expected.tenStar.total);
    assert.equal(summary(rows, '星级'), expected.tenStar.star);
    const fixRow = rows.findIndex((r) => /问题首次解决率/.test(r[1])) + 1;
    assert.ok(fixRow > 0);
    const raised = (await xlsxSheets(setCell(ten, 1, `E${fixRow}`, 92), soffice)).get('评分表')!;
    fs.writeFileSync(path.join(ws, 'audit', 'ten92.md'), fs.readFileSync(path.join(ws, TEN_STAR), 'utf8').replace('问题首次解决率: 88%', '问题首次解决率: 92%'));
    const ours = JSON.parse(run(['score', 'audit/ten92.md', '--format', 'json', '--locale', 'zh'], { cwd: ws }).stdout) as { audit: { star: string } };
    assert.equal(ours.audit.star, '十星级');
    assert.equal(summary(raised, '星级'), ours.audit.star);
  });
});

describe('cli export: the manual in Word', function () {
  this.timeout(120000);
  const office = officeWorkspace();
  let ws: string;
  let soffice: string;
  before(() => ({ ws, soffice } = office));

  it('renders every file of the manual with its coverage matrix; tags hidden, or discreet when asked', async () => {
    const r = exportOk(['manual/01-组织与资源.md', '--locale', 'zh', '-o', 'out/manual.docx'], ws);
    assert.match(r.stderr, /服务手册 \(4 个文件, 99\/100\)/);
    const docx = fs.readFileSync(path.join(ws, 'out', 'manual.docx'));
    assert.deepEqual(ooxmlProblems(docx), []);
    const text = await docxText(docx, soffice);
    for (const h of ['华东智能家电有限公司 售后服务手册', '手册说明', '第一章 组织与资源', '第二章 商品服务', '第三章 顾客服务', '附录：条款覆盖矩阵']) assert.ok(text.includes(h), h);
    assert.equal(text.split('生效日期').length - 1, 1, 'the cover’s document line once');
    assert.ok(!/\[5\.\d\.\d\.\d\]|【5\.\d/.test(text), 'no tag shown');
    const l = lines(text);
    const row = l.indexOf('5.1.6.4');
    assert.ok(row > 0 && l.slice(row, row + 6).includes('未覆盖'), l.slice(row, row + 6).join(' | '));
    assert.ok(l.includes('03-顾客服务.md › 投诉受理与档案'), 'the matrix names the section');
    const pdf = await docxPdf(docx, soffice);
    assert.match(pdfInfo(pdf).pageSize, /A4/);
    renderFirstPage(pdf, 'manual-docx');

    exportOk(['manual/README.md', '--tags', 'discreet', '-o', 'out/manual-tags.docx'], ws);
    const shown = await docxText(fs.readFileSync(path.join(ws, 'out', 'manual-tags.docx')), soffice);
    assert.ok(shown.includes('[5.1.2.2]') && shown.includes('【5.3.2.1】'), 'tags shown discreetly');
  });

  it('embeds an image of the workspace and refuses one outside it', async () => {
    const png = fs.readFileSync(path.join(__dirname, '..', '..', 'media', 'icon.png'));
    const tree = makeTree({
      'gbt27922.config.json': '{}',
      'manual.md': '---\ntype: manual\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n![组织架构图](images/org.png)\n\n![外部](../outside.png) ![链接](https://example.com/x.png)\n',
      'images/org.png': png,
    });
    try {
      exportOk(['manual.md', '--locale', 'zh', '-o', 'manual.docx'], tree);
      const docx = fs.readFileSync(path.join(tree, 'manual.docx'));
      assert.deepEqual(ooxmlProblems(docx), []);
      assert.equal(partNames(docx).filter((n) => n.startsWith('word/media/')).length, 1);
      assert.match(part(docx, 'word/document.xml'), /<a:blip r:embed="[^"]+"/);
      const text = await docxText(docx, soffice);
      assert.ok(text.includes('［图片未嵌入：外部］') && text.includes('［图片未嵌入：链接］'), text);
      const pdf = await docxPdf(docx, soffice);
      assert.ok(pdfInfo(pdf).pages >= 2);
    } finally {
      removeTree(tree);
    }
  });
});

describe('cli export: PDF and HTML', function () {
  this.timeout(120000);
  const office = officeWorkspace();
  let ws: string;
  before(() => ({ ws } = office));

  it('--format pdf converts with LibreOffice: A4, the total and the star on the first page', () => {
    exportOk([REPORT, '--format', 'pdf', '--locale', 'zh', '-o', 'out/report.pdf'], ws);
    const pdf = fs.readFileSync(path.join(ws, 'out', 'report.pdf'));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.match(pdfInfo(pdf).pageSize, /A4/);
    const first = pdfText(pdf, { first: 1, last: 1 });
    assert.match(first, /总分 92\.00 · 四星级/);
    renderFirstPage(pdf, 'report-pdf');
  });

  it('without LibreOffice says so in one line and exits 2, writing nothing', () => {
    const r = run(['export', REPORT, '--format', 'pdf', '-o', 'out/none.pdf'], { cwd: ws, env: { GBT27922_SOFFICE: '' } });
    assert.equal(r.code, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^gbt27922: PDF export needs LibreOffice \(soffice\), which was not found on PATH: install LibreOffice \(Debian\/Ubuntu: apt-get install libreoffice-writer-nogui/);
    assert.ok(!fs.existsSync(path.join(ws, 'out', 'none.pdf')));
  });

  it('--format html is the report as one page, without script', () => {
    exportOk([REPORT, '--format', 'html', '--locale', 'zh', '-o', 'out/report.html'], ws);
    const html = fs.readFileSync(path.join(ws, 'out', 'report.html'), 'utf8');
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">/);
    assert.ok(!/<script/i.test(html));
    assert.ok(html.includes('<strong>92.00</strong>'));
    for (const id of expected.main.items.keys()) assert.ok(html.includes(`<td>${id}</td>`), id);
  });
});

describe('cli export: a certification body’s template', function () {
  this.timeout(120000);
  const office = officeWorkspace();
  let ws: string;
  let soffice: string;
  before(() => ({ ws, soffice } = office));

  it('fills the sample template (--template, and "reportTemplate" in the config); LibreOffice reads it', async () => {
    exportOk([REPORT, '--template', 'templates/审核报告模板.docx', '--locale', 'zh', '-o', 'out/t.docx'], ws);
    const text = await docxText(fs.readFileSync(path.join(ws, 'out', 't.docx')), soffice);
    assert.ok(text.includes('总分 92.00 分，评定等级：四星级。'), text.slice(0, 500));
    const l = lines(text);
    for (const [id, e] of expected.main.items) {
      const i = l.indexOf(id);
      assert.ok(i > 0, id);
      // Row: ID, requirement, points, percent, earned (empty for an item not applicable), evidence.
      if (e.earned === '') assert.equal(l[i + 3], '不适用', id);
      else assert.equal(l[i + 4], e.earned, `${id} earned`);
    }
    for (const [id, g] of expected.main.groups) assert.ok(l.some((x, k) => x === id && l[k + 2] === g.earned), `group ${id}`);

    const config = JSON.parse(fs.readFileSync(path.join(ws, 'gbt27922.config.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(ws, 'gbt27922.config.json'), JSON.stringify({ ...config, reportTemplate: 'templates/审核报告模板.docx' }));
    exportOk([REPORT, '--format', 'pdf', '--locale', 'zh', '-o', 'out/t.pdf'], ws);
    const pdf = fs.readFileSync(path.join(ws, 'out', 't.pdf'));
    assert.match(pdfText(pdf, { first: 1, last: 1 }), /某认证中心/);
    assert.match(pdfText(pdf, { first: 1, last: 1 }), /评定等级：四星级/);
    renderFirstPage(pdf, 'template-pdf');
  });

  it('refuses a config template outside the workspace (the repository’s config), not a --template the user names', () => {
    const outside = path.join(path.dirname(ws), `gbt27922-outside-${process.pid}.docx`);
    fs.copyFileSync(path.join(ws, 'templates', '审核报告模板.docx'), outside);
    const config = path.join(ws, 'gbt27922.config.json');
    const before = fs.readFileSync(config, 'utf8');
    try {
      fs.writeFileSync(config, JSON.stringify({ ...(JSON.parse(before) as object), reportTemplate: `../${path.basename(outside)}` }));
      const r = run(['export', REPORT, '-o', 'out/outside.docx'], { cwd: ws });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /"reportTemplate" in gbt27922\.config\.json must name a file inside the workspace/);
      fs.symlinkSync(outside, path.join(ws, 'templates', 'link.docx'));
      fs.writeFileSync(config, JSON.stringify({ ...(JSON.parse(before) as object), reportTemplate: 'templates/link.docx' }));
      assert.equal(run(['export', REPORT, '-o', 'out/outside.docx'], { cwd: ws }).code, 2, 'nor through a symbolic link');
      fs.writeFileSync(config, before);
      exportOk([REPORT, '--template', outside, '-o', 'out/chosen.docx'], ws);
    } finally {
      fs.writeFileSync(config, before);
      fs.rmSync(outside, { force: true });
    }
  });

  it('names an unknown placeholder and exits 2', () => {
    const zip = new PizZip(fs.readFileSync(path.join(ws, 'templates', '审核报告模板.docx')));
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{organisation}', '{orgnisation}'));
    fs.writeFileSync(path.join(ws, 'bad.docx'), zip.generate({ type: 'nodebuffer' }));
    const r = run(['export', REPORT, '--template', 'bad.docx', '-o', 'out/bad.docx'], { cwd: ws });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^gbt27922: template bad\.docx has an unknown placeholder: \{orgnisation\} — did you mean \{organisation\}\? \(every placeholder: docs\/export\.md\)\n$/);
    assert.ok(noStackTrace(r));
    assert.ok(!fs.existsSync(path.join(ws, 'out', 'bad.docx')));
  });
});

describe('cli export: hostile report text comes out inert', function () {
  this.timeout(120000);
  let tree: string;
  let soffice: string;
  before(function () {
    soffice = requireOffice(this);
    tree = makeTree({ 'gbt27922.config.json': '{}', 'hostile.md': hostileReport() });
  });
  after(() => tree && removeTree(tree));

  it('in Word: markup, formulas and XML are text; control characters gone; LibreOffice reads it', async () => {
    exportOk(['hostile.md', '-o', 'hostile.docx'], tree);
    const docx = fs.readFileSync(path.join(tree, 'hostile.docx'));
    assert.deepEqual(ooxmlProblems(docx), []);
    const text = await docxText(docx, soffice);
    for (const s of [HOSTILE.hyperlink, HOSTILE.cmd, HOSTILE.at, '<script>alert("x")</script>', `]]><w:p>&amp;&lt;"'</w:p>`, 'ctl[31mredevil']) assert.ok(text.includes(s), s);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202e]/.test(text), 'no control character');
  });

  it('in Excel: after recalculation every hostile text is still the text it was, not a result', async () => {
    exportOk(['hostile.md', '--format', 'xlsx', '-o', 'hostile.xlsx'], tree);
    const xlsx = fs.readFileSync(path.join(tree, 'hostile.xlsx'));
    assert.deepEqual(ooxmlProblems(xlsx), []);
    const rows = (await xlsxSheets(xlsx, soffice)).get('Scores') ?? (await xlsxSheets(xlsx, soffice)).get('评分表')!;
    const all = rows.flat();
    for (const s of [HOSTILE.hyperlink, HOSTILE.minus, HOSTILE.at]) assert.ok(all.includes(s), `${s} as text`);
    assert.ok(all.some((c) => c.startsWith(HOSTILE.cmd)), HOSTILE.cmd);
    assert.ok(!all.some((c) => c === '点此查看' || /^(#NAME\?|#VALUE!|Err:\d+)$/.test(c)), 'nothing was evaluated');
    const organisation = all.find((c) => c.includes('公司'));
    assert.equal(organisation, undefined, 'the organisation is not in a cell (it is in the header only)');
  });
});

describe('cli export: files and mistakes', function () {
  this.timeout(60000);
  let ws: string;
  before(() => {
    ws = copySamples();
  });
  after(() => removeTree(ws));

  it('refuses to write onto the input, through a symbolic link, or for a file that is not ours', () => {
    const onto = run(['export', REPORT, '--format', 'html', '-o', REPORT], { cwd: ws });
    assert.equal(onto.code, 2);
    assert.match(onto.stderr, /refusing to write audit\/2026-审核报告\.md: it is one of the input files/);
    fs.symlinkSync('/tmp/gbt27922-export-target.docx', path.join(ws, 'link.docx'));
    const link = run(['export', REPORT, '-o', 'link.docx'], { cwd: ws });
    assert.equal(link.code, 2);
    assert.match(link.stderr, /it is a symbolic link/);
    assert.ok(!fs.existsSync('/tmp/gbt27922-export-target.docx'));
    const plain = run(['export', 'plain/notes.md'], { cwd: ws });
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /neither an audit report nor a service manual/);
    const sheet = run(['export', 'manual/README.md', '--format', 'xlsx'], { cwd: ws });
    assert.equal(sheet.code, 2);
    assert.match(sheet.stderr, /a service manual has no score sheet/);
    const format = run(['export', REPORT, '--format', 'odt'], { cwd: ws });
    assert.equal(format.code, 2);
    assert.match(format.stderr, /--format must be one of docx, xlsx, pdf, html/);
    fs.writeFileSync(path.join(ws, 'binary.md'), Buffer.from([0x61, 0, 1, 2, 0xff, 0xfe]));
    const binary = run(['export', 'binary.md'], { cwd: ws });
    assert.equal(binary.code, 2);
    assert.match(binary.stderr, /^gbt27922: cannot read binary\.md: /);
    fs.writeFileSync(path.join(ws, 'big.md'), `---\ntype: audit\n---\n${'x'.repeat(11 * 1024 * 1024)}`);
    const big = run(['export', 'big.md'], { cwd: ws });
    assert.equal(big.code, 2);
    assert.match(big.stderr, /big\.md is larger than maxFileSizeMB \(10 MB in the config\)/);
    for (const r of [onto, link, plain, sheet, format, binary, big]) {
      assert.ok(noStackTrace(r));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });
});
