import * as assert from 'node:assert/strict';
import { renderXlsx } from '../../../server/src/export/xlsx';
import { formulaLike } from '../../../server/src/export/text';
import { defaultScheme } from '../../../server/src/scheme/loader';
import { ooxmlProblems, part } from '../../office';
import { analyseReport, HOSTILE, hostileReport } from './fixtures';

interface SheetCell {
  ref: string;
  style: number;
  type?: string;
  formula?: string;
  value?: string;
}

function cells(xml: string): Map<string, SheetCell> {
  const out = new Map<string, SheetCell>();
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = m[2];
    const inner = m[3] ?? '';
    out.set(m[1], {
      ref: m[1],
      style: Number(/ s="(\d+)"/.exec(attrs)?.[1] ?? 0),
      type: / t="(\w+)"/.exec(attrs)?.[1],
      formula: /<f>([\s\S]*?)<\/f>/.exec(inner)?.[1],
      value: /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? /<t[^>]*>([\s\S]*?)<\/t>/.exec(inner)?.[1],
    });
  }
  return out;
}

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function sharedStrings(bytes: Buffer): string[] {
  return [...part(bytes, 'xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')));
}

/** Styles (cellXfs index) with Excel's quote prefix. */
function quotePrefixed(bytes: Buffer): Set<number> {
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(part(bytes, 'xl/styles.xml'))![1];
  const set = new Set<number>();
  [...xfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].forEach((m, i) => {
    if (/quotePrefix="1"/.test(m[0])) set.add(i);
  });
  return set;
}

describe('export: the score sheet (.xlsx)', function () {
  this.timeout(30000);

  it('is a sound OOXML package with an items sheet and a groups sheet', async () => {
    const r = analyseReport({ file: 'samples/audit/2026-审核报告.md' });
    const { bytes } = await renderXlsx(r.x.data, r.analysis, 'zh');
    assert.deepEqual(ooxmlProblems(bytes), []);
    assert.deepEqual([...part(bytes, 'xl/workbook.xml').matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]), ['评分表', '分组得分']);
  });

  it('has live formulas for earned, applicable, sums, base, deductions, the capped bonus, total and star, each with its cached value', async () => {
    const r = analyseReport({ file: 'samples/audit/2026-审核报告.md' });
    const { bytes, layout } = await renderXlsx(r.x.data, r.analysis, 'zh');
    const c = cells(part(bytes, 'xl/worksheets/sheet1.xml'));
    assert.equal(layout.firstItemRow, 2);
    assert.equal(layout.lastItemRow, 51);
    assert.equal(c.get('E2')!.formula, 'IF(ISNUMBER(D2),C2*D2,0)');
    assert.equal(unescape(c.get('F2')!.formula!), 'IF(OR(D2="不适用",D2="N/A"),0,C2)');
    const na = r.x.data.items.findIndex((i) => i.id === '5.2.5.5') + 2;
    assert.equal(c.get(`D${na}`)!.type, 's', 'N/A is text in the score column');
    assert.equal(c.get(`F${na}`)!.value, '0', 'and its applicable points are 0');
    const L = layout.cells;
    assert.equal(c.get(L.applicable.replace('$', ''))!.formula, 'SUM(F2:F51)');
    assert.equal(c.get(L.applicable)!.value, '98');
    assert.equal(c.get(L.earned)!.value, '90.16');
    assert.equal(c.get(L.base)!.formula, `IF(${L.applicable}=0,0,${L.earned}/${L.applicable}*100)`);
    assert.equal(c.get(L.deductionCount)!.formula, undefined, 'an input the auditor can change');
    assert.equal(c.get(L.deductions)!.formula, `${L.deductionCount}*1`);
    assert.equal(c.get(L.bonus)!.formula, `MIN(${L.bonusCount}*1,1)`, 'the bonus cap');
    assert.equal(c.get(L.total)!.formula, `ROUND(${L.base}-${L.deductions}+${L.bonus},2)`);
    assert.equal(c.get(L.total)!.value, '92');
    const star = unescape(c.get(L.star)!.formula!);
    assert.match(star, new RegExp(`^IF\\(${L.deductions}>5,"不通过（特别扣分超限）",IF\\(${L.unscored}>0,"未完成："&${L.unscored}&" 项未评分（暂计总分 "&TEXT\\(${L.total},"0.00"\\)&"）",IF\\(AND\\(${L.total}>=95\\),"五星级",IF\\(AND\\(${L.total}>=90\\),"四星级",`));
    assert.equal(c.get(L.star)!.value, '四星级');
  });

  it('rounds the total as the scheme says (truncate → ROUNDDOWN, its decimals), as the analysis does', async () => {
    const scheme = { ...defaultScheme(), rounding: { decimals: 1, mode: 'truncate' as const } };
    const r = analyseReport({ file: 'samples/audit/2026-审核报告.md' }, 'zh', scheme);
    const { bytes, layout } = await renderXlsx(r.x.data, r.analysis, 'zh');
    const c = cells(part(bytes, 'xl/worksheets/sheet1.xml'));
    const L = layout.cells;
    assert.equal(c.get(L.total)!.formula, `ROUNDDOWN(${L.base}-${L.deductions}+${L.bonus},1)`);
    assert.equal(c.get(L.total)!.value, r.analysis.score.total.toNumber().toString());
    assert.match(unescape(c.get(L.star)!.formula!), /TEXT\(E\d+,"0\.0"\)/);
  });

  it('validates the score column, freezes the header, sets widths and the print area', async () => {
    const r = analyseReport({ file: 'samples/audit/2026-审核报告.md' });
    const { bytes } = await renderXlsx(r.x.data, r.analysis, 'zh');
    const sheet = part(bytes, 'xl/worksheets/sheet1.xml');
    assert.match(sheet, /<dataValidation type="custom"[^>]*sqref="D2:D51"><formula1>OR\(AND\(ISNUMBER\(D2\),D2&gt;=0,D2&lt;=1\),D2=&quot;不适用&quot;,D2=&quot;N\/A&quot;\)<\/formula1>/);
    assert.match(sheet, /<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"\/>/);
    assert.match(sheet, /<col min="2" max="2" width="48" customWidth="1"\/>/);
    assert.match(sheet, /<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"/);
    const wb = part(bytes, 'xl/workbook.xml');
    assert.match(wb, /<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;评分表&apos;!\$A1:\$H\d+<\/definedName>/);
    assert.match(wb, /<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;评分表&apos;!\$1:\$1<\/definedName>/);
    const groups = cells(part(bytes, 'xl/worksheets/sheet2.xml'));
    assert.equal(unescape(groups.get('D2')!.formula!), "SUMIF('评分表'!$J$2:$J$51,A2,'评分表'!$C$2:$C$51)");
    assert.equal(groups.get('F2')!.value, '36.4');
  });

  it('writes the tier gates of a scheme into the star formula (ten-star: five stars, the fix-rate gate failing)', async () => {
    const r = analyseReport({ file: 'samples/audit/2026-十星审核报告.md' });
    const { bytes, layout } = await renderXlsx(r.x.data, r.analysis, 'zh');
    const c = cells(part(bytes, 'xl/worksheets/sheet1.xml'));
    const fix = layout.cells.metrics.firstTimeFixRate;
    const sat = layout.cells.metrics.customerSatisfaction;
    assert.ok(fix && sat, JSON.stringify(layout.cells.metrics));
    assert.equal(c.get(fix)!.value, '88');
    assert.equal(c.get(sat)!.value, '93');
    const star = unescape(c.get(layout.cells.star)!.formula!);
    assert.ok(star.includes(`AND(ISNUMBER(${fix}),${fix}>=90)`), star);
    assert.equal(c.get(layout.cells.star)!.value, '五星级');
  });

  it('writes hostile text only as text cells, in the Text format with the quote prefix: no cell starts a formula the user did not write', async () => {
    const r = analyseReport({ text: hostileReport(), name: 'hostile.md' });
    const { bytes } = await renderXlsx(r.x.data, r.analysis, 'zh');
    assert.deepEqual(ooxmlProblems(bytes), []);
    const strings = sharedStrings(bytes);
    for (const s of [HOSTILE.hyperlink, HOSTILE.minus, HOSTILE.at]) assert.ok(strings.includes(s), s);
    assert.ok(strings.some((s) => s.startsWith(HOSTILE.cmd)), 'notes');
    assert.ok(strings.includes('ctl[31mredevil'), 'controls and bidi dropped');
    const prefixed = quotePrefixed(bytes);
    for (const sheet of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      for (const cell of cells(part(bytes, sheet)).values()) {
        if (cell.formula !== undefined) {
          // Our formulas only: the computed columns and the summary.
          assert.ok(/^(?:IF|SUM|MIN|ROUND|COUNTBLANK|SUMIF|E\d+\*)/.test(unescape(cell.formula)), `${sheet} ${cell.ref}: ${cell.formula}`);
          assert.ok(!unescape(cell.formula).includes('HYPERLINK') && !unescape(cell.formula).includes('cmd'), cell.ref);
        }
        if (cell.type === 's') {
          const text = strings[Number(cell.value)];
          if (formulaLike(text)) assert.ok(prefixed.has(cell.style), `${sheet} ${cell.ref} "${text}" is not quote-prefixed`);
        }
      }
    }
  });
});
