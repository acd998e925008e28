/**
 * The audit report as an export document: cover (organisation, scheme, audit type and dates,
 * team, the report's information table, the result), table of contents, then the chapters —
 * result and gates, group subtotals, every item in clause order, items not applicable, special
 * deductions and bonus, non-conformities (when the report records any), the report's own notes
 * and conclusion, and a sign-off block.
 */
import type { AuditExport, AuditReportData, ItemRow } from './auditData';
import { cell, heading, para, text, type Block, type Cell, type ExportDocument, type Inline } from './document';
import { label, type ExportLocale } from './labels';

const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** "一、" / "1 ". */
export function chapterNumber(n: number, L: ExportLocale): string {
  return L === 'zh' ? `${CN_NUMERALS[n - 1] ?? String(n)}、` : `${n} `;
}

export function auditDocument(x: AuditExport, L: ExportLocale): ExportDocument {
  const d = x.data;
  const t = (k: Parameters<typeof label>[0], args?: Record<string, string | number>) => label(k, L, args);
  let chapter = 0;
  const h1 = (k: Parameters<typeof label>[0]): Block => heading(1, `${chapterNumber(++chapter, L)}${t(k)}`);
  const body: Block[] = [{ kind: 'pageBreak' }, { kind: 'toc', title: t('toc') }, { kind: 'pageBreak' }];

  // 1. Result.
  body.push(h1('result'));
  body.push(para([text(`${t('total')}${L === 'zh' ? '：' : ': '}`), text(d.total, { bold: true }), text(L === 'zh' ? '　　' : '    '), text(`${t('star')}${L === 'zh' ? '：' : ': '}`), text(d.star, { bold: true, ...(d.verdict === 'tier' ? {} : { tone: 'bad' as const }) })]));
  const resultRows: [string, string][] = [
    [t('scoredItems'), `${d.scoredCount} / ${d.applicableCount}`],
    [t('applicablePoints'), `${d.applicablePoints} / ${d.maxPoints}`],
    [t('earned'), d.earned],
    [t('baseScore'), d.baseScore],
    [t('deductions'), d.deductionCount ? `−${d.deductionPoints}（${t('countPoints', { count: d.deductionCount, points: d.deductionPoints })}）` : '0.00'],
    [t('bonus'), d.bonusClaimed !== d.bonusApplied ? `+${d.bonusApplied}（${t('bonusCapped', { claimed: d.bonusClaimed, cap: d.bonusCap })}）` : `+${d.bonusApplied}`],
    [t('total'), d.total],
    [t('star'), d.star],
  ];
  if (d.next) resultRows.push([t('next'), d.next]);
  body.push(formTable(resultRows));
  if (d.verdict === 'failed-deductions') body.push(para([text(t('deductionsOverLimit', { limit: d.deductionLimit }), { tone: 'bad', bold: true })]));
  body.push(heading(2, t('gates')));
  if (d.gates.length === 0) body.push(para(t('noGates')));
  else {
    body.push({
      kind: 'table',
      widths: [16, 40, 12, 14, 14],
      header: [t('tier'), t('gate'), t('required'), t('actual'), t('status')].map((h) => cell(h)),
      rows: d.gates.map((g) => [
        cell(g.tier),
        cell(g.description),
        cell(g.required, { align: 'center' }),
        cell(g.actual || t('notEntered'), { align: 'center' }),
        cell([text(g.result, g.evaluated ? { tone: g.passed ? 'good' : 'bad' } : {})], { align: 'center' }),
      ]),
    });
    if (d.failedGates.length) {
      body.push(para([text(`${t('failedGates')}${L === 'zh' ? '：' : ': '}`, { bold: true }), text(d.failedGates.map((g) => `${g.tier} — ${g.description}${g.actual ? `（${t('actual')} ${g.actual}）` : ''}`).join(L === 'zh' ? '；' : '; '), { tone: 'bad' })]));
    }
  }

  // 2. Group subtotals.
  body.push(h1('groups'));
  body.push({
    kind: 'table',
    widths: [12, 40, 12, 12, 12, 12],
    header: [t('clause'), t('title'), t('maxPoints'), t('applicablePoints'), t('earned'), t('percent')].map((h) => cell(h)),
    rows: d.groups.map((g) => {
      const e = g.level === 1;
      return [
        cell(g.id, { emphasis: e }),
        cell(g.title, { emphasis: e }),
        cell(g.max, { emphasis: e, align: 'right' }),
        cell(g.applicable, { emphasis: e, align: 'right' }),
        cell(g.earned, { emphasis: e, align: 'right' }),
        cell(`${g.percent}%`, { emphasis: e, align: 'right' }),
      ];
    }),
  });

  // 3. Every item, by first-level group, in clause order.
  body.push(h1('items'));
  for (const s of d.sections) {
    body.push(heading(2, `${s.id} ${s.title}（${t('earned')} ${s.earned} / ${s.applicable}）`));
    const rows: Cell[][] = [];
    let group = '';
    for (const it of s.items) {
      if (it.group !== group) {
        group = it.group;
        rows.push([cell(`${it.group} ${it.groupTitle}`, { emphasis: true, span: 7 })]);
      }
      rows.push(itemRow(it, L));
    }
    body.push({
      kind: 'table',
      dense: true,
      widths: [9, 22, 8, 8, 9, 20, 24],
      header: [t('clause'), t('requirement'), t('points'), t('scorePercent'), t('earned'), t('evidence'), t('notes')].map((h) => cell(h)),
      rows,
    });
  }

  // 4. Not applicable.
  body.push(h1('notApplicable'));
  if (d.notApplicable.length === 0) body.push(para(t('noNotApplicable')));
  else
    body.push({
      kind: 'table',
      widths: [12, 40, 10, 38],
      header: [t('clause'), t('requirement'), t('points'), t('reason')].map((h) => cell(h)),
      rows: d.notApplicable.map((i) => [cell(i.id), cell(i.requirement), cell(i.points, { align: 'right' }), cell(i.reason)]),
    });

  // 5. Special deductions and bonus.
  body.push(h1('specials'));
  body.push(heading(2, `${t('deductions')}（${t('countPoints', { count: d.deductionCount, points: d.deductionPoints })}）`));
  if (d.deductions.length === 0) body.push(para(t('noDeductions')));
  else body.push(specialList(d.deductions.map((s) => `−${s.points}\u3000${s.reason}`)));
  const bonusTitle = `${t('bonus')}（+${d.bonusApplied}${d.bonusClaimed !== d.bonusApplied ? `，${t('bonusCapped', { claimed: d.bonusClaimed, cap: d.bonusCap })}` : ''}）`;
  body.push(heading(2, bonusTitle));
  if (d.bonuses.length === 0) body.push(para(t('noBonus')));
  else body.push(specialList(d.bonuses.map((s) => `+${s.points}\u3000${s.reason}`)));

  // 6. Non-conformities (only when the report records them).
  if (d.nonconformities.length) {
    body.push(h1('nonconformities'));
    body.push({
      kind: 'table',
      dense: true,
      widths: [9, 10, 9, 38, 12, 12],
      header: [t('ncId'), t('clause'), t('ncSeverity'), t('ncFinding'), t('ncDue'), t('ncStatus')].map((h) => cell(h)),
      rows: d.nonconformities.map((n) => [cell(n.id), cell(n.clauses), cell(n.severity), cell(n.finding), cell(n.due, { align: 'center' }), cell(n.status, { align: 'center' })]),
    });
    for (const n of d.nonconformities) {
      const details: [string, string][] = [
        [t('ncRootCause'), n.rootCause],
        [t('ncAction'), n.correctiveAction],
        [t('ncVerification'), n.verification],
      ].filter((r): r is [string, string] => !!r[1]);
      if (details.length) {
        body.push(heading(3, `${n.id} ${n.clauses}`));
        body.push({ kind: 'list', ordered: false, items: details.map(([k, v]) => [para([text(`${k}${L === 'zh' ? '：' : ': '}`, { bold: true }), text(v)])]) });
      }
    }
  }

  // 7. The report's own notes and conclusion.
  if (x.narrative.length) {
    body.push(h1('narrative'));
    body.push(...x.narrative);
  }

  // 8. Sign-off.
  body.push(h1('signOff'));
  body.push({
    kind: 'table',
    widths: [24, 24, 30, 22],
    header: [t('role'), t('name'), t('signature'), t('date')].map((h) => cell(h)),
    rows: d.signOff.map((s) => [cell(s.role), cell(s.name), cell([para(''), para('')]), cell('')]),
  });

  return {
    title: d.title,
    header: `${d.organisation ? `${d.organisation} · ` : ''}${t('reportTitle')}`,
    locale: L,
    cover: cover(d, L),
    body,
    pageNumberFormat: t('pageNumber'),
    subject: `${d.scheme} · ${d.total} · ${d.star}`,
  };
}

function cover(d: AuditReportData, L: ExportLocale): Block[] {
  const t = (k: Parameters<typeof label>[0], args?: Record<string, string | number>) => label(k, L, args);
  const rows: [string, string][] = d.info.map((r) => [r.key, r.value]);
  const shown = new Set(d.info.map((r) => r.value));
  const add = (k: Parameters<typeof label>[0], v: string) => {
    // Not again when the report's own table has the value, or a row of that name (审核日期 as a range there, a date in the front matter).
    if (v && !shown.has(v) && ![...shown].some((s) => s.includes(v)) && !rows.some(([key]) => key === t(k))) rows.push([t(k), v]);
  };
  add('organisation', d.organisation);
  add('enterpriseType', d.enterpriseType);
  add('scheme', d.scheme);
  add('auditType', d.auditType);
  add('auditDate', d.auditDate);
  add('auditTeam', d.auditTeam);
  if (!d.auditTeam) add('leadAuditor', d.leadAuditor);
  const out: Block[] = [para(d.title, 'title')];
  if (!d.title.includes(t('reportTitle')) && !/审核报告|audit report/i.test(d.title)) out.push(para(t('reportTitle'), 'subtitle'));
  out.push(formTable(rows));
  out.push(para(''));
  out.push(para([text(`${t('total')} `), text(d.total, { bold: true }), text(' · '), text(d.star, { bold: true, ...(d.verdict === 'tier' ? {} : { tone: 'bad' as const }) })], 'subtitle'));
  out.push(para(t('generatedBy', { date: d.generatedAt, file: d.file }), 'note', 'center'));
  return out;
}

function formTable(rows: [string, string][]): Block {
  return { kind: 'table', layout: 'form', widths: [28, 72], rows: rows.map(([k, v]) => [cell(k, { emphasis: true }), cell(v)]) };
}

function itemRow(it: ItemRow, L: ExportLocale): Cell[] {
  const na = it.state === 'not-applicable';
  const notes: Inline[] = [];
  if (na && it.reason) notes.push(text(`${label('reason', L)}${L === 'zh' ? '：' : ': '}${it.reason}`));
  if (it.notes) {
    if (notes.length) notes.push({ lineBreak: true });
    notes.push(text(it.notes));
  }
  return [
    cell(it.id),
    cell(it.requirement),
    cell(it.points, { align: 'center' }),
    cell([text(it.percent, it.state === 'unscored' ? { tone: 'bad' } : {})], { align: 'center' }),
    cell(na ? '—' : it.earned, { align: 'center' }),
    cell(it.evidence),
    cell(notes),
  ];
}

function specialList(lines: string[]): Block {
  return { kind: 'list', ordered: false, items: lines.map((l) => [para(l)]) };
}
