/**
 * Writes samples/templates/审核报告模板.docx: a certification body's Word form as it would
 * arrive, with docxtemplater placeholders (docs/export.md). Regenerate with
 * `npx tsx scripts/sample-template.ts`; the file is committed, the tests fill it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

const OUT = path.resolve(__dirname, '..', 'samples', 'templates', '审核报告模板.docx');
const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

const p = (text: string, opts: { bold?: boolean; size?: number; center?: boolean } = {}) =>
  new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : undefined, children: [new TextRun({ text, bold: opts.bold, size: opts.size })] });
const c = (text: string, width: number, bold = false) => new TableCell({ width: { size: width, type: WidthType.DXA }, borders, children: [p(text, { bold })] });
const row = (cells: [string, number][], bold = false) => new TableRow({ children: cells.map(([t, w]) => c(t, w, bold)) });
const table = (widths: number[], header: string[], body: string[][]) =>
  new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    rows: [row(header.map((h, i) => [h, widths[i]]), true), ...body.map((r) => row(r.map((t, i) => [t, widths[i]])))],
  });

const doc = new Document({
  creator: '某认证机构',
  title: '售后服务认证审核报告（机构模板）',
  styles: { default: { document: { run: { font: FONT, size: 21 } } } },
  sections: [
    {
      properties: { page: { size: { width: 11906, height: 16838 } } },
      children: [
        p('某认证中心', { center: true, size: 28 }),
        p('售后服务认证审核报告', { bold: true, center: true, size: 36 }),
        p(''),
        table(
          [2400, 6600],
          ['项目', '内容'],
          [
            ['受审核组织', '{organisation}'],
            ['评价依据', '{scheme}（{schemeId}）'],
            ['审核类型', '{auditType}'],
            ['审核日期', '{auditDate}'],
            ['审核组', '{auditTeam}'],
          ],
        ),
        p(''),
        p('一、审核结论', { bold: true, size: 28 }),
        p('适用指标 {applicableCount} 项（满分 {applicablePoints} 分），已评分 {scoredCount} 项；特别扣分 {deductionPoints} 分，特别加分 {bonusApplied} 分。'),
        p('总分 {total} 分，评定等级：{star}。'),
        p('{#failedGates}未满足门槛：{tier} {description}（实际 {actual}）{/failedGates}'),
        p('二、分组得分', { bold: true, size: 28 }),
        table([1300, 3700, 1300, 1300, 1400], ['条款', '名称', '得分', '适用分值', '得分率'], [['{#groups}{id}', '{title}', '{earned}', '{applicable}', '{percent}%{/groups}']]),
        p('三、逐项评分', { bold: true, size: 28 }),
        table([1100, 3500, 700, 900, 900, 1900], ['条款', '指标要求', '分值', '得分率', '得分', '证据'], [['{#items}{id}', '{requirement}', '{points}', '{percent}', '{earned}', '{evidence}{/items}']]),
        p('四、特别扣分与加分', { bold: true, size: 28 }),
        p('{#deductions}扣分 {points}：{reason}{/deductions}'),
        p('{#bonuses}加分 {points}：{reason}{/bonuses}'),
        p('五、不符合项', { bold: true, size: 28 }),
        p('{#nonconformities}{id}［{clauses}］{severity}：{finding} 整改期限 {due}，{status}{/nonconformities}'),
        p(''),
        p('审核组长（签字）：{leadAuditor}　　　　日期：{generatedAt}'),
      ],
    },
  ],
});

void Packer.toBuffer(doc).then((buf) => {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, buf);
  console.log(`wrote ${path.relative(process.cwd(), OUT)} (${buf.length} bytes)`);
});
