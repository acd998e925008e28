/**
 * The score sheet (.xlsx) with exceljs: an auditor keeps editing it and the totals stay right.
 *
 * Sheet 1 (评分表 / Scores), one row per item in clause order: ID, requirement, points, score %
 * (a number 0–100 %, or 不适用 / N/A; data validation allows nothing else), points earned
 * `=IF(ISNUMBER(D),C*D,0)`, applicable points `=IF(OR(D="不适用",D="N/A"),0,C)`, evidence, notes,
 * the item's group and part. Below the items: the sums, the normalised base score, special
 * deductions (entries × points each), the bonus (capped with MIN), the metrics the tier gates
 * read, the total rounded as the report states it, and the star tier as a formula of the total,
 * the deductions limit and the gates (the highest tier whose minimum and gates hold).
 * Sheet 2 (分组得分 / Groups): every group's maximum, applicable points, earned points and
 * percentage, as SUMIF formulas over sheet 1.
 *
 * Every formula also carries its value as our analysis computed it (cached), so viewers that do
 * not recalculate show the report's numbers. Text from the report is written as text cells only,
 * in the Text number format with Excel's quote prefix: no cell starts a formula the user did not
 * write, and editing such a cell keeps it text.
 *
 * Frozen header row and ID column, column widths, wrapped text, A4 landscape print setup with
 * the header row repeated and the print area set.
 */
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import type { AuditAnalysis } from '../analysis/workspace';
import { localized, t as cliText, tierName } from '../cli/i18n';
import type { AuditReportData } from './auditData';
import { label, type ExportLocale } from './labels';
import { cleanText, formulaLike } from './text';

const NA_WORDS = ['不适用', 'N/A'];
const TEXT_FORMAT = '@';
const PERCENT_FORMAT = '0.00%';
const POINTS_FORMAT = '0.00';

/** Cell addresses of the summary (for tests and the docs). */
export interface SheetLayout {
  itemsSheet: string;
  groupsSheet: string;
  firstItemRow: number;
  lastItemRow: number;
  cells: {
    applicable: string;
    earned: string;
    base: string;
    deductionCount: string;
    deductions: string;
    bonusCount: string;
    bonus: string;
    unscored: string;
    total: string;
    star: string;
    metrics: Record<string, string>;
  };
}

export async function renderXlsx(data: AuditReportData, analysis: AuditAnalysis, L: ExportLocale): Promise<{ bytes: Buffer; layout: SheetLayout }> {
  const scheme = analysis.scheme;
  const score = analysis.score;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gbt27922';
  wb.title = cleanText(data.title);
  wb.subject = cleanText(`${data.scheme} · ${data.total} · ${data.star}`);
  wb.calcProperties = { fullCalcOnLoad: true };

  const itemsName = label('sheetItems', L);
  const groupsName = label('sheetGroups', L);
  const ws = wb.addWorksheet(itemsName, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1, activeCell: 'D2' }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', horizontalCentered: true },
    headerFooter: { oddHeader: `&C${headerText(data)}`, oddFooter: `&C${L === 'zh' ? '第 &P 页 共 &N 页' : 'Page &P of &N'}` },
  });
  ws.columns = [
    { header: label('clause', L), key: 'id', width: 11 },
    { header: label('requirement', L), key: 'requirement', width: 48 },
    { header: label('points', L), key: 'points', width: 8 },
    { header: label('scorePercent', L), key: 'score', width: 11 },
    { header: label('earned', L), key: 'earned', width: 10 },
    { header: label('applicablePoints', L), key: 'applicable', width: 11 },
    { header: label('evidence', L), key: 'evidence', width: 40 },
    { header: label('notes', L), key: 'notes', width: 40 },
    { header: label('group', L), key: 'group', width: 9 },
    { header: label('section', L), key: 'section', width: 8 },
  ];
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    c.border = thinBorder();
  });

  const first = 2;
  const last = first + data.items.length - 1;
  const naTest = (ref: string) => `OR(${NA_WORDS.map((w) => `${ref}="${w}"`).join(',')})`;
  data.items.forEach((it, i) => {
    const r = first + i;
    const result = score.items[i];
    const row = ws.getRow(r);
    setText(row.getCell(1), it.id);
    setText(row.getCell(2), it.requirement);
    row.getCell(3).value = Number(it.points);
    const scoreCell = row.getCell(4);
    if (it.state === 'scored') scoreCell.value = result.percent ? result.percent.toNumber() / 100 : 0;
    else if (it.state === 'not-applicable') scoreCell.value = label('notApplicableShort', L);
    scoreCell.numFmt = PERCENT_FORMAT;
    row.getCell(5).value = { formula: `IF(ISNUMBER(D${r}),C${r}*D${r},0)`, result: it.state === 'scored' ? result.earned.toNumber() : 0 };
    row.getCell(6).value = { formula: `IF(${naTest(`D${r}`)},0,C${r})`, result: it.state === 'not-applicable' ? 0 : Number(it.points) };
    row.getCell(5).numFmt = POINTS_FORMAT;
    row.getCell(6).numFmt = POINTS_FORMAT;
    setText(row.getCell(7), it.evidence);
    setText(row.getCell(8), [it.reason, it.notes].filter(Boolean).join('\n'));
    setText(row.getCell(9), it.group);
    setText(row.getCell(10), it.section);
    row.alignment = { vertical: 'top', wrapText: true };
    for (let c = 1; c <= 10; c++) row.getCell(c).border = thinBorder();
  });
  // A range key is written as one <dataValidation sqref="D2:D51">, its formula relative to D2 (exceljs's types omit `dataValidations`).
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`D${first}:D${last}`, {
    type: 'custom',
    allowBlank: true,
    formulae: [`OR(AND(ISNUMBER(D${first}),D${first}>=0,D${first}<=1),${NA_WORDS.map((w) => `D${first}="${w}"`).join(',')})`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: label('scoreValidationTitle', L),
    error: label('scoreValidation', L),
    showInputMessage: true,
    promptTitle: label('scoreValidationTitle', L),
    prompt: label('scoreValidation', L),
  });

  // The summary: label in B, value in E.
  let r = last + 2;
  const at = (name: string, formula: string | undefined, result: number | string, format?: string, input = false): string => {
    const row = ws.getRow(r);
    setText(row.getCell(2), name);
    row.getCell(2).font = { bold: true };
    const c = row.getCell(5);
    c.value = formula === undefined ? result : { formula, result };
    if (format) c.numFmt = format;
    c.border = thinBorder();
    if (input) c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
    return `E${r++}`;
  };
  const items = `${first}:${last}`;
  const [a, b] = items.split(':');
  const applicable = at(label('applicablePoints', L), `SUM(F${a}:F${b})`, score.applicablePoints.toNumber(), POINTS_FORMAT);
  const earned = at(label('earned', L), `SUM(E${a}:E${b})`, score.earned.toNumber(), POINTS_FORMAT);
  const base = at(label('baseScore', L), `IF(${applicable}=0,0,${earned}/${applicable}*100)`, score.baseScore.toNumber(), POINTS_FORMAT);
  const deductionCount = at(label('deductionCount', L), undefined, data.deductionCount, '0', true);
  const deductions = at(label('deductionPoints', L), `${deductionCount}*${scheme.deduction.pointsEach}`, score.deductionPoints.toNumber(), POINTS_FORMAT);
  const bonusCount = at(label('bonusCount', L), undefined, data.bonuses.length, '0', true);
  const bonus = at(label('bonusPoints', L), `MIN(${bonusCount}*${scheme.bonus.pointsEach},${scheme.bonus.cap})`, score.bonusApplied.toNumber(), POINTS_FORMAT);
  const unscored = at(label('unscoredCount', L), `COUNTBLANK(D${a}:D${b})`, data.unscoredCount, '0');
  for (const cellRef of [deductionCount, bonusCount]) {
    ws.getCell(cellRef).dataValidation = { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: false, showErrorMessage: true };
  }
  const metrics: Record<string, string> = {};
  const gateMetrics = [...new Set(scheme.tiers.flatMap((t) => t.gates.map((g) => g.metric)).filter((m) => m !== 'total'))];
  for (const id of gateMetrics) {
    const metric = scheme.metrics.find((m) => m.id === id);
    const value = analysis.input.metrics?.[id];
    const name = `${label('metric', L)}：${metric ? localized(metric.name, L) : id}${metric?.unit === 'percent' ? '（%）' : ''}`;
    metrics[id] = at(name, undefined, typeof value === 'number' && Number.isFinite(value) ? value : '', '0.00', true);
    ws.getCell(metrics[id]).dataValidation = { type: 'decimal', operator: 'between', formulae: [metric?.min ?? 0, metric?.max ?? 100], allowBlank: true, showErrorMessage: true };
  }
  // Rounded once, as the report states it (the scheme's rounding): half-up is ROUND (a half away
  // from zero), truncate is ROUNDDOWN (towards zero).
  const { decimals, mode } = scheme.rounding;
  const roundFn = mode === 'truncate' ? 'ROUNDDOWN' : 'ROUND';
  const total = at(label('total', L), `${roundFn}(${base}-${deductions}+${bonus},${decimals})`, Number(data.total), decimals === 2 ? POINTS_FORMAT : decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`);
  ws.getCell(total).font = { bold: true };
  const star = at(label('star', L), starFormula(analysis, L, { total, deductions, unscored, metrics }), data.star);
  ws.getCell(star).font = { bold: true };
  ws.getCell(star).alignment = { horizontal: 'center' };
  ws.pageSetup.printArea = `A1:H${r - 1}`;

  // Sheet 2: groups.
  const gs = wb.addWorksheet(groupsName, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  gs.columns = [
    { header: label('clause', L), width: 10 },
    { header: label('title', L), width: 30 },
    { header: label('level', L), width: 7 },
    { header: label('maxPoints', L), width: 10 },
    { header: label('applicablePoints', L), width: 11 },
    { header: label('earned', L), width: 10 },
    { header: label('percent', L), width: 10 },
  ];
  gs.getRow(1).font = { bold: true };
  gs.getRow(1).eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    c.border = thinBorder();
  });
  const ref = (col: string) => `'${itemsName}'!$${col}$${first}:$${col}$${last}`;
  data.groups.forEach((g, i) => {
    const rr = i + 2;
    const row = gs.getRow(rr);
    const key = g.level === 1 ? 'J' : 'I';
    setText(row.getCell(1), g.id);
    setText(row.getCell(2), g.title);
    row.getCell(3).value = g.level;
    row.getCell(4).value = { formula: `SUMIF(${ref(key)},A${rr},${ref('C')})`, result: Number(g.max) };
    row.getCell(5).value = { formula: `SUMIF(${ref(key)},A${rr},${ref('F')})`, result: Number(g.applicable) };
    row.getCell(6).value = { formula: `SUMIF(${ref(key)},A${rr},${ref('E')})`, result: Number(g.earned) };
    row.getCell(7).value = { formula: `IF(E${rr}=0,0,F${rr}/E${rr})`, result: Number(g.percent) / 100 };
    for (const c of [4, 5, 6]) row.getCell(c).numFmt = POINTS_FORMAT;
    row.getCell(7).numFmt = PERCENT_FORMAT;
    if (g.level === 1) row.font = { bold: true };
    for (let c = 1; c <= 7; c++) row.getCell(c).border = thinBorder();
  });
  gs.pageSetup.printArea = `A1:G${data.groups.length + 1}`;

  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    bytes: withQuotePrefix(raw),
    layout: {
      itemsSheet: itemsName,
      groupsSheet: groupsName,
      firstItemRow: first,
      lastItemRow: last,
      cells: { applicable, earned, base, deductionCount, deductions, bonusCount, bonus, unscored, total, star, metrics },
    },
  };
}

/**
 * The star as a formula: "failed" when the deductions exceed the limit; "incomplete" (with the
 * provisional total) while an applicable item is unscored; else the highest tier whose minimum
 * and gates hold (a gate on a metric holds only when the metric is entered), else "not reached".
 * The same rule, in the same words, as the analysis core's, on the total as the sheet states it.
 */
export function starFormula(analysis: AuditAnalysis, L: ExportLocale, cells: { total: string; deductions: string; unscored: string; metrics: Record<string, string> }): string {
  const scheme = analysis.scheme;
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  let f = q(cliText('notReached', L));
  for (const tier of scheme.tiers) {
    const conditions = [`${cells.total}>=${tier.minScore}`];
    for (const g of tier.gates) {
      if (g.metric === 'total') conditions.push(`${cells.total}>=${g.min}`);
      else {
        const m = cells.metrics[g.metric];
        conditions.push(m ? `AND(ISNUMBER(${m}),${m}>=${g.min})` : 'FALSE');
      }
    }
    f = `IF(AND(${conditions.join(',')}),${q(tierName(tier, L))},${f})`;
  }
  const shown = `TEXT(${cells.total},"${analysis.score.decimals > 0 ? `0.${'0'.repeat(analysis.score.decimals)}` : '0'}")`;
  const incomplete =
    L === 'zh'
      ? `"未完成："&${cells.unscored}&" 项未评分（暂计总分 "&${shown}&"）"`
      : `"Incomplete: "&${cells.unscored}&IF(${cells.unscored}=1," item"," items")&" unscored (provisional total "&${shown}&")"`;
  return `IF(${cells.deductions}>${scheme.deduction.failAbove},${q(cliText('failedDeductions', L))},IF(${cells.unscored}>0,${incomplete},${f}))`;
}

function setText(cell: ExcelJS.Cell, value: string): void {
  const v = cleanText(value);
  cell.value = v;
  cell.numFmt = TEXT_FORMAT;
  if (formulaLike(v)) cell.alignment = { ...(cell.alignment ?? {}), wrapText: true };
}

function thinBorder(): Partial<ExcelJS.Borders> {
  const s = { style: 'thin' as const, color: { argb: 'FF808080' } };
  return { top: s, left: s, bottom: s, right: s };
}

function headerText(d: AuditReportData): string {
  // `&` starts a header code in Excel: doubled to print as itself.
  return cleanText(`${d.organisation ? `${d.organisation} ` : ''}${d.scheme}`).replace(/&/g, '&&').slice(0, 200);
}

/**
 * Excel's quote prefix on every Text-format cell style (exceljs cannot write it): a cell whose
 * text starts with `=` shows and stays as text even when the user edits it.
 */
function withQuotePrefix(xlsx: Buffer): Buffer {
  const zip = new PizZip(xlsx);
  const styles = zip.file('xl/styles.xml')?.asText();
  if (!styles) return xlsx;
  const patched = styles.replace(/<cellXfs\b[^>]*>[\s\S]*?<\/cellXfs>/, (block) =>
    block.replace(/<xf\b([^>]*?)(\/?)>/g, (m, attrs: string, close: string) => (/\bnumFmtId="49"/.test(attrs) && !/quotePrefix=/.test(attrs) ? `<xf${attrs} quotePrefix="1"${close}>` : m)),
  );
  zip.file('xl/styles.xml', patched);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
