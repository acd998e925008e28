/**
 * `gbt27922 import` and `gbt27922 suggest` as a user runs them, on real Word files made at
 * set-up by pandoc and LibreOffice (test/fixtures/word/make.ts), and on hostile files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { parse } from 'yaml';
import { encryptedOffice, lyingZip, pandocDocx, soffice, tinyPng, withExternalEntity, withLinkedPicture, zipBomb } from '../fixtures/word/make';
import { json, makeTree, noStackTrace, removeTree, run, type RunResult } from './helpers';
import type { SuggestReport } from '../../server/src/cli/commands/suggest';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'suggest', 'corpus-dev.yaml');

interface CorpusSection {
  heading: string;
  body: string;
  expect: string[];
}

function corpus(): CorpusSection[] {
  return (parse(fs.readFileSync(CORPUS, 'utf8')) as { sections: CorpusSection[] }).sections;
}

/** The corpus as a Word manual whose section headings are bold paragraphs (no heading styles). */
function corpusManualMarkdown(sections: CorpusSection[]): string {
  const out = ['**华东电器售后服务手册**', ''];
  for (const s of sections) out.push(`**${s.heading}**`, '', s.body.trim().replace(/\n/g, '\n\n'), '');
  return out.join('\n');
}

function oneLineRefusal(r: RunResult, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code 2 expected, got ${r.code}: ${r.stderr}`);
  assert.ok(noStackTrace(r), r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line expected:\n${r.stderr}`);
  assert.match(lines[0], pattern);
}

function filesIn(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

describe('gbt27922 import (real Word files made by pandoc and LibreOffice)', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = makeTree({});
  });
  after(() => removeTree(dir));

  it('keeps heading styles, nested lists, a table, bold, italic, a link, a footnote and an image (written to <out>.assets/)', () => {
    fs.writeFileSync(path.join(dir, 'logo.png'), tinyPng());
    pandocDocx(
      dir,
      [
        '# 售后服务手册',
        '',
        '## 第一章 服务网络',
        '',
        '本公司的**授权服务商**覆盖全国，详见[服务网点查询](https://example.invalid/outlets)。*以官网为准*。[^n]',
        '',
        '- 华东区',
        '    - 上海',
        '    - 杭州',
        '- 华南区',
        '',
        '| 区域 | 网点数 |',
        '|---|---|',
        '| 华东 | 120 |',
        '',
        '![公司标志](logo.png)',
        '',
        '[^n]: 数据截至2024年底。',
        '',
      ].join('\n'),
      'styled.docx',
    );
    const r = run(['import', 'styled.docx', '--tags', 'none'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const md = fs.readFileSync(path.join(dir, 'styled.md'), 'utf8');
    assert.match(md, /^---\ntype: manual\n---\n/);
    assert.match(md, /^# 售后服务手册$/m);
    assert.match(md, /^## 第一章 服务网络$/m);
    assert.match(md, /\*\*授权服务商\*\*/);
    assert.match(md, /\*以官网为准\*/);
    assert.match(md, /\[服务网点查询\]\(https:\/\/example\.invalid\/outlets\)/);
    assert.match(md, /^- 华东区\n {2}- 上海\n {2}- 杭州\n- 华南区$/m);
    assert.match(md, /^\| 区域 +\| 网点数 \|$/m);
    assert.match(md, /\[\^1\]/);
    assert.match(md, /^\[\^1\]: 数据截至2024年底。$/m);
    const img = /!\[[^\]]*\]\((styled\.assets\/image-[0-9a-f]{16}\.png)\)/.exec(md);
    assert.ok(img, md);
    assert.deepEqual(fs.readFileSync(path.join(dir, img[1])), tinyPng());
    assert.match(r.stdout, /Imported styled\.docx → styled\.md: 2 headings \(0 from bold or numbered paragraphs\), 1 tables, 1 images \(styled\.assets\/\), 1 footnotes/);
  });

  it('recognises bold and numbered paragraphs as headings, and leaves numbered sentences alone', () => {
    pandocDocx(
      dir,
      [
        '**售后服务手册**',
        '',
        '第一章 总则',
        '',
        '为规范售后服务，制定本手册。',
        '',
        '一、服务网络',
        '',
        '（一）网点布局',
        '',
        '1.1 网点考核',
        '',
        '1\\. 工程师须持证上岗，并按规定着装。',
        '',
        '**二、备用机服务**',
        '',
        '（二）维修超过七天的，提供备用机；',
        '',
        '**注意：严禁私自收费。**',
        '',
      ].join('\n'),
      'pseudo.docx',
    );
    const r = run(['import', 'pseudo.docx', '--tags', 'none'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const md = fs.readFileSync(path.join(dir, 'pseudo.md'), 'utf8');
    const headings = md.split('\n').filter((l) => l.startsWith('#'));
    assert.deepEqual(headings, ['# 售后服务手册', '# 第一章 总则', '## 一、服务网络', '### （一）网点布局', '## 1.1 网点考核', '## 二、备用机服务']);
    assert.match(md, /^1\\?\. 工程师须持证上岗，并按规定着装。$/m);
    assert.match(md, /^（二）维修超过七天的，提供备用机；$/m);
    assert.match(md, /^\*\*注意：严禁私自收费。\*\*$/m);
  });

  it('spreads a merged-cell table (made by LibreOffice) into a GFM table', () => {
    fs.writeFileSync(
      path.join(dir, 'merged.html'),
      '<html><head><meta charset="utf-8"></head><body><h1>网点</h1><table border="1"><tr><td colspan="2">服务网点</td><td>数量</td></tr><tr><td rowspan="2">华东</td><td>上海</td><td>12</td></tr><tr><td>杭州</td><td>8</td></tr></table></body></html>',
    );
    const docx = soffice(dir, path.join(dir, 'merged.html'), 'docx:MS Word 2007 XML');
    const r = run(['import', path.basename(docx), '-o', 'merged-out.md', '--tags', 'none'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const md = fs.readFileSync(path.join(dir, 'merged-out.md'), 'utf8');
    const rows = md.split('\n').filter((l) => l.startsWith('|')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
    assert.deepEqual(rows[0], ['服务网点', '', '数量']);
    assert.deepEqual(rows.slice(2), [
      ['华东', '上海', '12'],
      ['', '杭州', '8'],
    ]);
  });

  it('imports the corpus manual (bold headings) with --tags insert, and check covers every indicator', () => {
    const sections = corpus();
    pandocDocx(dir, corpusManualMarkdown(sections), 'corpus.docx');
    const r = run(['import', 'corpus.docx', '-o', 'manual/手册.md', '--tags', 'insert'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Tagged \d+ sections with suggested clauses/);
    const md = fs.readFileSync(path.join(dir, 'manual', '手册.md'), 'utf8');
    for (const s of sections.filter((x) => x.expect.length === 0)) {
      const line = md.split('\n').find((l) => l.startsWith('#') && l.includes(s.heading));
      assert.ok(line, `${s.heading} is a heading`);
      assert.doesNotMatch(line, /\[\d/, `${s.heading} about no indicator stays untagged`);
    }
    const c = json(run(['check', 'manual', '--format', 'json'], { cwd: dir }));
    assert.equal(c.coverage.coveredCount, 50, JSON.stringify(c.coverage.uncovered));
    assert.equal(Number(c.coverage.coveredPoints), 100);
  });

  it('the first five minutes: import, then suggest --apply, then check', () => {
    const sections = corpus().slice(0, 30);
    pandocDocx(dir, corpusManualMarkdown(sections), 'five.docx');
    const imp = run(['import', 'five.docx', '-o', 'five/手册.md'], { cwd: dir });
    assert.equal(imp.code, 0, imp.stderr);
    assert.match(imp.stdout, /sections? with a confident clause suggestion: run gbt27922 suggest five\/手册\.md --apply/);
    const before = json(run(['check', 'five', '--format', 'json'], { cwd: dir }));
    assert.equal(before.coverage?.coveredCount ?? 0, 0, 'nothing is tagged without the user asking');
    const apply = run(['suggest', 'five/手册.md', '--apply'], { cwd: dir });
    assert.equal(apply.code, 0, apply.stderr);
    const wrote = apply.stdout.split('\n').filter((l) => /^five\/手册\.md:\d+: \[/.test(l));
    assert.ok(wrote.length >= 20, apply.stdout);
    const expected = new Set(sections.flatMap((s) => s.expect));
    const after = json(run(['check', 'five', '--format', 'json'], { cwd: dir }));
    const uncovered = new Set(after.coverage.uncovered.map((i) => i.id));
    const covered = new Set(['5.1.1.1', '5.1.1.2', '5.1.2.1', '5.1.2.2', '5.1.3.1', '5.1.3.2', '5.1.3.3', '5.1.4.1', '5.1.4.2', '5.1.5.1', '5.1.5.2', '5.1.6.1', '5.1.6.2', '5.1.6.3', '5.1.6.4', '5.1.7.1', '5.1.7.2', '5.1.7.3', '5.2.1.1', '5.2.1.2', '5.2.1.3', '5.2.1.4', '5.2.1.5', '5.2.2.1', '5.2.2.2', '5.2.2.3', '5.2.2.4', '5.2.3.1', '5.2.3.2', '5.2.4.1', '5.2.4.2', '5.2.4.3', '5.2.4.4', '5.2.4.5', '5.2.4.6', '5.2.5.1', '5.2.5.2', '5.2.5.3', '5.2.5.4', '5.2.5.5', '5.2.6.1', '5.2.6.2', '5.3.1.1', '5.3.1.2', '5.3.1.3', '5.3.1.4', '5.3.1.5', '5.3.2.1', '5.3.2.2', '5.3.2.3'].filter((id) => !uncovered.has(id)));
    for (const id of expected) assert.ok(covered.has(id), `${id} covered after --apply`);
    assert.equal(covered.size, expected.size, `no item tagged that no section addresses: ${[...covered].filter((x) => !expected.has(x))}`);
  });

  it('gives byte-identical output for the same input', () => {
    const a = path.join(dir, 'same-a');
    const b = path.join(dir, 'same-b');
    assert.equal(run(['import', 'styled.docx', '-o', path.join(a, 'm.md')], { cwd: dir }).code, 0);
    assert.equal(run(['import', 'styled.docx', '-o', path.join(b, 'm.md')], { cwd: dir }).code, 0);
    assert.deepEqual(filesIn(a), filesIn(b));
    for (const f of filesIn(a)) {
      if (fs.statSync(path.join(a, f)).isFile()) assert.ok(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), `${f} differs`);
    }
  });

  it('never overwrites an existing file without --force', () => {
    fs.writeFileSync(path.join(dir, 'kept.md'), 'mine\n');
    const r = run(['import', 'styled.docx', '-o', 'kept.md'], { cwd: dir });
    oneLineRefusal(r, /kept\.md already exists; use --force/);
    assert.equal(fs.readFileSync(path.join(dir, 'kept.md'), 'utf8'), 'mine\n');
    assert.ok(!fs.existsSync(path.join(dir, 'kept.assets')));
    assert.equal(run(['import', 'styled.docx', '-o', 'kept.md', '--force'], { cwd: dir }).code, 0);
    assert.match(fs.readFileSync(path.join(dir, 'kept.md'), 'utf8'), /^# 售后服务手册$/m);
  });

  it('imports HTML with a data: image', () => {
    const png = tinyPng().toString('base64');
    fs.writeFileSync(path.join(dir, 'page.html'), `<html><body><p><b>一、服务热线</b></p><p>拨打400热线。</p><img alt="码" src="data:image/png;base64,${png}"></body></html>`);
    const r = run(['import', 'page.html', '--tags', 'none'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const md = fs.readFileSync(path.join(dir, 'page.md'), 'utf8');
    assert.match(md, /^## 一、服务热线$/m);
    assert.match(md, /!\[码\]\(page\.assets\/image-[0-9a-f]{16}\.png\)/);
  });
});

describe('gbt27922 import refuses bad input with one line, exit 2 and no output', function () {
  this.timeout(120_000);
  let dir: string;
  let good: Buffer;
  before(() => {
    dir = makeTree({});
    good = fs.readFileSync(pandocDocx(dir, '# 手册\n\n正文。\n', 'good.docx'));
  });
  after(() => removeTree(dir));

  function refused(file: string, pattern: RegExp, extra: string[] = []): void {
    const before = filesIn(dir);
    const r = run(['import', file, '-o', 'out/x.md', ...extra], { cwd: dir });
    oneLineRefusal(r, pattern);
    assert.deepEqual(filesIn(dir), before, 'nothing written');
  }

  it('a legacy .doc (made by LibreOffice): save it as .docx', () => {
    const doc = soffice(dir, path.join(dir, 'good.docx'), 'doc:MS Word 97');
    refused(path.basename(doc), /legacy Word 97–2003 \.doc: open it in Word or WPS and save it as \.docx/);
  });

  it('an encrypted (password-protected) Office file', () => {
    fs.writeFileSync(path.join(dir, 'secret.docx'), encryptedOffice());
    refused('secret.docx', /secret\.docx is encrypted \(password-protected\)/);
  });

  it('a corrupt zip', () => {
    fs.writeFileSync(path.join(dir, 'cut.docx'), good.subarray(0, Math.floor(good.length / 2)));
    refused('cut.docx', /cut\.docx is not a valid \.docx: the zip is damaged/);
  });

  it('a file that is not Word at all (a PNG, an Excel workbook named .docx)', () => {
    fs.writeFileSync(path.join(dir, 'picture.docx'), tinyPng());
    refused('picture.docx', /picture\.docx is not a Word document/);
    fs.writeFileSync(path.join(dir, 'sheet.csv'), '区域,网点\n华东,120\n');
    const xlsx = soffice(dir, path.join(dir, 'sheet.csv'), 'xlsx');
    fs.renameSync(xlsx, path.join(dir, 'sheet.docx'));
    refused('sheet.docx', /sheet\.docx is a zip file but not a Word document .*Excel workbook/);
    fs.writeFileSync(path.join(dir, 'notes.txt'), '纯文本');
    refused('notes.txt', /cannot import this kind of file/);
  });

  it('a file over the size limit, by its size before reading it', () => {
    fs.writeFileSync(path.join(dir, 'big.docx'), Buffer.alloc(2 * 1024 * 1024 + 10, 1));
    refused('big.docx', /big\.docx is 2\.0 MB, over the import limit of 2 MB/, ['--max-size', '2']);
  });

  it('a zip bomb (300 KB inflating to 300 MB), by the sizes in its central directory', async () => {
    fs.writeFileSync(path.join(dir, 'bomb.docx'), await zipBomb(300 * 1024 * 1024));
    assert.ok(fs.statSync(path.join(dir, 'bomb.docx')).size < 1024 * 1024);
    refused('bomb.docx', /bomb\.docx would inflate to .*zip bomb.*refused before inflating/);
  });

  it('a zip whose directory understates a part, at the first extra byte', () => {
    fs.writeFileSync(path.join(dir, 'liar.docx'), lyingZip(4 * 1024 * 1024));
    refused('liar.docx', /liar\.docx is not a valid \.docx: part word\/document\.xml is damaged/);
  });

  it('an external entity in the XML, never resolved', async () => {
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'TOP-SECRET');
    fs.writeFileSync(path.join(dir, 'xxe.docx'), await withExternalEntity(good, `file://${path.join(dir, 'secret.txt')}`));
    refused('xxe.docx', /xxe\.docx declares a DOCTYPE or XML entities in word\/document\.xml/);
  });

  it('a picture linked to a remote address, never fetched', async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests++;
      res.end(tinyPng());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as { port: number }).port;
      fs.writeFileSync(path.join(dir, 'remote.docx'), await withLinkedPicture(good, `http://127.0.0.1:${port}/logo.png`));
      refused('remote.docx', /remote\.docx links a picture to a remote address \(http:\/\/127\.0\.0\.1:\d+\/logo\.png\), which is never fetched/);
      fs.writeFileSync(path.join(dir, 'remote.html'), `<p>x</p><img src="http://127.0.0.1:${port}/logo.png">`);
      refused('remote.html', /shows a picture from http:\/\/127\.0\.0\.1:\d+\/logo\.png, which is never fetched/);
    } finally {
      server.close();
    }
    assert.equal(requests, 0, 'nothing was fetched');
  });
});

describe('gbt27922 suggest', function () {
  this.timeout(60_000);
  const manual = [
    '---',
    'type: manual',
    '---',
    '',
    '# 售后服务手册',
    '',
    '## 第一章 总则',
    '',
    '为规范本公司售后服务工作，特制定本手册。',
    '',
    '## 备用机服务',
    '',
    '返厂维修超过七天的，免费为顾客提供同类备用机，修复后换回。',
    '',
    '## 服务热线与官网',
    '',
    '顾客可拨打400服务热线或登录官网服务专区在线报修、查询进度。热线每天8点至20点人工接听。',
    '',
    '## 零部件供应 [5.2.4.6]',
    '',
    '常用零部件区域中心备货，原厂零部件经来料检验，48小时内发往网点，严禁使用翻新件。',
    '',
  ].join('\n');

  it('prints the documented JSON', () => {
    const dir = makeTree({ 'manual.md': manual });
    try {
      const r = run(['suggest', 'manual.md', '--format', 'json'], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      const report = json<SuggestReport>(r);
      assert.deepEqual(Object.keys(report), ['threshold', 'files']);
      assert.equal(report.threshold, 0.5);
      assert.equal(report.files[0].file, 'manual.md');
      const s = report.files[0].sections;
      for (const sec of s) assert.deepEqual(Object.keys(sec), ['line', 'heading', 'tags', 'suggestions']);
      const backup = s.find((x) => x.heading === '备用机服务')!;
      assert.equal(backup.line, 11);
      assert.deepEqual(backup.tags, []);
      assert.equal(backup.suggestions[0].id, '5.2.4.6');
      assert.ok(backup.suggestions[0].confidence >= 0.5);
      assert.ok(backup.suggestions[0].matched.includes('备用机'));
      for (const x of backup.suggestions) assert.deepEqual(Object.keys(x), ['id', 'confidence', 'matched']);
      assert.ok(backup.suggestions.length <= 3);
      const general = s.find((x) => x.heading === '第一章 总则')!;
      assert.ok((general.suggestions[0]?.confidence ?? 0) < 0.5);
      // Tagged with 5.2.4.6 but about parts (5.2.4.5): "tag may be wrong".
      const parts = s.find((x) => x.heading === '零部件供应')!;
      assert.deepEqual(parts.tags, ['5.2.4.6']);
      assert.equal(parts.suggestions[0].id, '5.2.4.5');
    } finally {
      removeTree(dir);
    }
  });

  it('--apply tags the confident sections in place, reports them, and keeps a GB18030 file GB18030', () => {
    const dir = makeTree({ 'manual.md': iconv.encode(manual, 'gb18030') });
    try {
      const r = run(['suggest', '.', '--apply'], { cwd: dir });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /manual\.md:11: \[5\.2\.4\.6\] 备用机服务/);
      assert.match(r.stdout, /manual\.md:15: \[5\.3\.1\.1\] 服务热线与官网/);
      assert.match(r.stdout, /Tagged 2 sections in 1 file\./);
      const text = iconv.decode(fs.readFileSync(path.join(dir, 'manual.md')), 'gb18030');
      assert.match(text, /^## 备用机服务 \[5\.2\.4\.6\]$/m);
      assert.match(text, /^## 第一章 总则$/m);
      assert.match(text, /^## 零部件供应 \[5\.2\.4\.6\]$/m, 'an existing tag is never changed');
      const again = run(['suggest', 'manual.md', '--apply'], { cwd: dir });
      assert.match(again.stdout, /Tagged 0 sections in 0 files\./);
    } finally {
      removeTree(dir);
    }
  });

  it('refuses a bad --min-confidence', () => {
    const dir = makeTree({ 'manual.md': manual });
    try {
      oneLineRefusal(run(['suggest', 'manual.md', '--min-confidence', '2'], { cwd: dir }), /--min-confidence must be a number from 0 to 1/);
    } finally {
      removeTree(dir);
    }
  });
});
