/**
 * What an exported audit report says, as plain strings and lists: the data of the Word report,
 * the Excel sheet, the HTML page, and of a certification body's own template (every key here is
 * a placeholder; docs/export.md lists them and a test keeps the two in step).
 *
 * Totals, the star and the verdict are taken from the analysis core's results as the command
 * line reports them (`OutAudit`), never recomputed here. The cover comes from the front matter
 * and the report's own information table (the first two-column table, or `键：值` list, before
 * the first scored section).
 */
import { sum } from '../analysis/rational';
import type { AuditAnalysis } from '../analysis/workspace';
import { nextText } from '../cli/build';
import { itemTitle, localized, tierName } from '../cli/i18n';
import { fixed } from '../cli/numbers';
import type { OutAudit } from '../cli/report';
import type { AuditEntry, DocumentModel, ScoreForm } from '../model/types';
import type { Block } from './document';
import { label, type ExportLocale } from './labels';
import { MarkdownConverter, nodeText, parseMarkdown, type TagDisplay } from './markdown';
import { nonconformitiesOf, type NonconformityRow } from './nonconformities';
import { inlineMarkdownText, oneLine } from './text';

export interface InfoRow {
  key: string;
  value: string;
}

export interface ItemRow {
  id: string;
  title: string;
  /** The standard's requirement text. */
  requirement: string;
  points: string;
  /** The score as written in the report ("80%", "4/5", "4分", "不适用"), '' when unscored. */
  score: string;
  /** "80%", "不适用", "未评分". */
  percent: string;
  /** Percentage as a number string without the sign ("80", "82.5"); '' unless scored. */
  percentValue: string;
  /** Points earned ("4.00"); '' when not applicable. */
  earned: string;
  state: 'scored' | 'not-applicable' | 'unscored';
  evidence: string;
  notes: string;
  /** Why the item does not apply ('' otherwise). */
  reason: string;
  group: string;
  groupTitle: string;
  section: string;
  sectionTitle: string;
}

export interface GroupRow {
  id: string;
  title: string;
  /** 1 (5.1) or 2 (5.1.2). */
  level: number;
  earned: string;
  applicable: string;
  max: string;
  /** Of the applicable points ("91.00"). */
  percent: string;
}

export interface SectionRow extends GroupRow {
  items: ItemRow[];
}

export interface GateRow {
  tier: string;
  tierId: string;
  gate: string;
  description: string;
  required: string;
  /** '' when the value was not entered. */
  actual: string;
  /** "通过" / "未通过" / "—" (not evaluated: the total is below the tier). */
  result: string;
  passed: boolean;
  evaluated: boolean;
}

export interface SpecialRow {
  reason: string;
  points: string;
}

export interface SignOffRow {
  role: string;
  name: string;
}

export interface AuditReportData {
  // cover
  title: string;
  organisation: string;
  enterpriseType: string;
  scheme: string;
  schemeId: string;
  auditType: string;
  auditDate: string;
  auditTeam: string;
  leadAuditor: string;
  file: string;
  generatedAt: string;
  info: InfoRow[];
  // result
  total: string;
  baseScore: string;
  star: string;
  stars: number;
  tierId: string;
  verdict: string;
  earned: string;
  applicablePoints: string;
  maxPoints: string;
  scoredCount: number;
  applicableCount: number;
  notApplicableCount: number;
  unscoredCount: number;
  deductionCount: number;
  deductionPoints: string;
  deductionLimit: string;
  bonusClaimed: string;
  bonusApplied: string;
  bonusCap: string;
  nextTier: string;
  pointsToNext: string;
  next: string;
  gates: GateRow[];
  failedGates: GateRow[];
  // details
  groups: GroupRow[];
  sections: SectionRow[];
  items: ItemRow[];
  notApplicable: ItemRow[];
  unscored: ItemRow[];
  deductions: SpecialRow[];
  bonuses: SpecialRow[];
  nonconformities: NonconformityRow[];
  signOff: SignOffRow[];
}

export interface AuditExportInput {
  /** The report as shown to the user (relative path). */
  file: string;
  text: string;
  model: DocumentModel;
  analysis: AuditAnalysis;
  /** The report's totals and star as the command line reports them. */
  audit: OutAudit;
  locale: ExportLocale;
  /** ISO date of the export (YYYY-MM-DD). */
  generatedAt: string;
  tags?: TagDisplay;
}

export interface AuditExport {
  data: AuditReportData;
  /** The report's own sections without scored entries (审核说明, 审核结论 …), as blocks. */
  narrative: Block[];
}

export function buildAuditExport(input: AuditExportInput): AuditExport {
  const { model, analysis, audit, locale: L } = input;
  const score = analysis.score;
  const scheme = analysis.scheme;
  const fm = (model.frontMatter.data ?? {}) as Record<string, unknown>;
  const prose = readProse(input);
  const info = prose.info;
  const pick = (fmKeys: string[], infoKeys: RegExp): string => {
    for (const k of fmKeys) {
      const v = fm[k];
      if (typeof v === 'string' || typeof v === 'number') return oneLine(String(v));
      if (v instanceof Date) return v.toISOString().slice(0, 10);
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return oneLine(v.join(L === 'zh' ? '、' : ', '));
    }
    return info.find((r) => infoKeys.test(r.key))?.value ?? '';
  };

  const organisation = model.frontMatter.organisation ? oneLine(model.frontMatter.organisation) : pick([], /^(受审核(组织|方|企业)|企业名称|组织名称|组织|organi[sz]ation|auditee)$/i);
  const auditTeam = pick(['team', 'auditTeam', 'auditors', '审核组', '审核组成员'], /^(审核组|审核组成员|审核人员|audit team|auditors)$/i);
  let leadAuditor = pick(['leadAuditor', 'lead-auditor', 'auditor', '审核组长', '组长'], /^(审核组长|组长|lead auditor)$/i);
  const members: string[] = [];
  const teamLead = /(?:组长|lead(?: auditor)?)\s*[:：]?\s*([^；;，,、\s]+)/i.exec(auditTeam);
  if (!leadAuditor && teamLead) leadAuditor = teamLead[1];
  const memberText = /(?:组员|成员|members?)\s*[:：]?\s*(.+)$/i.exec(auditTeam)?.[1] ?? (teamLead ? '' : auditTeam);
  for (const m of memberText.split(/[；;，,、\s]+/)) if (m && m !== leadAuditor) members.push(m);

  const entryByItem = new Map<string, AuditEntry>();
  for (const e of model.entries) if (e.score && !entryByItem.has(e.itemId)) entryByItem.set(e.itemId, e);
  const groupTitle = (id: string) => localized(scheme.groupById.get(id)?.title, L);

  const items: ItemRow[] = score.items.map((r) => {
    const e = entryByItem.get(r.item.id);
    const percentValue = r.state === 'scored' && r.percent ? trimZeros(fixed(r.percent)) : '';
    return {
      id: r.item.id,
      title: oneLine(itemTitle(r.item, L)),
      requirement: oneLine(r.item.requirement),
      points: r.item.points,
      score: e?.score ? scoreAsWritten(e.score, L) : r.state === 'not-applicable' ? label('notApplicableShort', L) : '',
      percent: r.state === 'scored' ? `${percentValue}%` : r.state === 'not-applicable' ? label('notApplicableShort', L) : label('unscored', L),
      percentValue,
      earned: r.state === 'not-applicable' ? '' : fixed(r.earned),
      state: r.state,
      evidence: e ? inlineMarkdownText(e.evidence, L).trim() : '',
      notes: e?.notes ? inlineMarkdownText(e.notes, L).trim() : '',
      reason: r.state === 'not-applicable' ? inlineMarkdownText(r.reason ?? '', L).trim() : '',
      group: r.item.group,
      groupTitle: groupTitle(r.item.group),
      section: r.item.section,
      sectionTitle: groupTitle(r.item.section),
    };
  });

  const groups: GroupRow[] = [];
  for (const [id, g] of score.groups) {
    const def = scheme.groupById.get(id);
    groups.push({
      id,
      title: localized(def?.title, L),
      level: def?.parent ? 2 : 1,
      earned: fixed(g.earned),
      applicable: fixed(g.applicablePoints),
      max: fixed(g.maxPoints),
      percent: fixed(g.percent),
    });
  }
  const sections: SectionRow[] = groups.filter((g) => g.level === 1).map((g) => ({ ...g, items: items.filter((i) => i.section === g.id) }));

  const evaluated = new Map(score.gates.map((g) => [`${g.tier.id}\u0000${g.gate.id}`, g]));
  const gates: GateRow[] = scheme.tiers.flatMap((tier) =>
    tier.gates.map((gate) => {
      const r = evaluated.get(`${tier.id}\u0000${gate.id}`);
      const metric = analysis.input.metrics?.[gate.metric];
      const actual = r?.actual ? fixed(r.actual) : gate.metric === 'total' ? audit.total : typeof metric === 'number' ? fixed2(metric) : '';
      return {
        tier: tierName(tier, L),
        tierId: tier.id,
        gate: gate.id,
        description: oneLine(localized(gate.description, L)),
        required: `≥ ${gate.min}`,
        actual,
        result: r ? label(r.passed ? 'passed' : 'failed', L) : '—',
        passed: !!r?.passed,
        evaluated: !!r,
      };
    }),
  );
  const failed = new Set(score.failedGates.map((g) => `${g.tier.id}\u0000${g.gate.id}`));

  const specials = (kind: 'deduction' | 'bonus', pointsEach: number): SpecialRow[] =>
    model.specials.filter((s) => s.kind === kind).map((s) => ({ reason: inlineMarkdownText(s.reason, L).trim(), points: fixed2(pointsEach) }));

  const signOff: SignOffRow[] = [
    { role: label('leadAuditor', L), name: leadAuditor },
    ...(members.length ? members : ['']).map((name) => ({ role: label('teamMember', L), name })),
    { role: label('auditeeRepresentative', L), name: '' },
  ];

  const data: AuditReportData = {
    title: prose.title || (organisation ? `${organisation} ${label('reportTitle', L)}` : label('reportTitle', L)),
    organisation,
    enterpriseType: model.frontMatter.enterpriseType ? oneLine(model.frontMatter.enterpriseType) : pick([], /^(企业类型|enterprise type)$/i),
    scheme: audit.scheme.name,
    schemeId: audit.scheme.id,
    // The model reads auditType (with its Chinese aliases) and auditDate; else the report's own table.
    auditType: auditTypeText(model.frontMatter.cycle.type ?? pick(['auditType', 'audit-type', '审核类型'], /^(审核类型|audit type)$/i), L),
    auditDate: model.frontMatter.cycle.date ?? pick(['auditDate', 'audit-date', '审核日期', 'date', '日期'], /^(审核日期|审核时间|audit dates?|dates?)$/i),
    auditTeam,
    leadAuditor,
    file: input.file,
    generatedAt: input.generatedAt,
    info,
    total: audit.total,
    baseScore: audit.baseScore,
    star: audit.star,
    stars: audit.tier?.stars ?? 0,
    tierId: audit.tier?.id ?? '',
    verdict: audit.verdict,
    earned: fixed(score.earned),
    applicablePoints: fixed(score.applicablePoints),
    maxPoints: fixed(sum(score.items.map((r) => r.points))),
    scoredCount: audit.scored,
    applicableCount: audit.applicable,
    notApplicableCount: audit.notApplicable,
    unscoredCount: audit.unscored.length,
    deductionCount: audit.deductions.count,
    deductionPoints: audit.deductions.points,
    deductionLimit: fixed2(audit.deductions.limit),
    bonusClaimed: audit.bonus.claimed,
    bonusApplied: audit.bonus.applied,
    bonusCap: fixed2(audit.bonus.cap),
    nextTier: audit.next?.tier.name ?? '',
    pointsToNext: audit.next?.pointsNeeded ?? '',
    next: audit.next ? nextText(audit.next, L) : '',
    gates,
    failedGates: gates.filter((g) => failed.has(`${g.tierId}\u0000${g.gate}`)),
    groups,
    sections,
    items,
    notApplicable: items.filter((i) => i.state === 'not-applicable'),
    unscored: items.filter((i) => i.state === 'unscored'),
    deductions: specials('deduction', scheme.deduction.pointsEach),
    bonuses: specials('bonus', scheme.bonus.pointsEach),
    nonconformities: nonconformitiesOf(analysis, L),
    signOff,
  };
  return { data, narrative: prose.narrative };
}

/** "80%", "4/5", "4分" / "4 pts", "不适用" / "N/A". */
function scoreAsWritten(s: ScoreForm, L: ExportLocale): string {
  switch (s.kind) {
    case 'percent':
      return `${s.percent}%`;
    case 'fraction':
      return `${s.earned}/${s.max}`;
    case 'points':
      return L === 'zh' ? `${s.earned}分` : `${s.earned} pts`;
    case 'not-applicable':
      return label('notApplicableShort', L);
    case 'sample':
      return L === 'zh' ? `抽查 ${s.size} 份，合格 ${s.conforming} 份` : `sampled ${s.size}, conforming ${s.conforming}`;
  }
}

const AUDIT_TYPES: Record<string, { zh: string; en: string }> = {
  initial: { zh: '初次认证', en: 'Initial certification' },
  surveillance: { zh: '监督审核', en: 'Surveillance audit' },
  recertification: { zh: '再认证', en: 'Recertification' },
};

/** `initial` → 初次认证 (also in English); anything else as written. */
function auditTypeText(v: string, L: ExportLocale): string {
  const known = AUDIT_TYPES[v.trim().toLowerCase()];
  return known ? known[L] : v;
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function fixed2(n: number): string {
  return Number.isFinite(n) ? n.toFixed(2) : '';
}

// ---------------------------------------------------------------------------------------------
// The report's prose: its title, information table and narrative sections.

interface Prose {
  title: string;
  info: InfoRow[];
  narrative: Block[];
}

const GENERIC_HEADER = /^(项目|内容|信息|字段|名称|说明|值|item|field|key|value|information|details?)$/i;

/**
 * Only the parts of the report without scored entries are parsed again (the preamble and the
 * sections with neither entries nor special items): a 5,000-line report is mostly entries.
 */
function readProse(input: AuditExportInput): Prose {
  const { model, text } = input;
  const bodyStart = model.frontMatter.range ? offsetOfLine(text, model.frontMatter.range.end.line + 1) : 0;
  // Sections of scored entries, special entries and non-conformities are chapters of their own.
  const scored = [...model.entries.map((e) => e.span), ...model.specials.map((s) => s.span), ...model.nonconformities.map((n) => n.span)];
  const top = model.headings.filter((h) => h.level <= 2);
  const parts: { start: number; end: number; isPreamble: boolean }[] = [];
  const firstTop = top.find((h) => h.level === 2)?.span.start ?? text.length;
  parts.push({ start: bodyStart, end: firstTop, isPreamble: true });
  top.forEach((h, i) => {
    if (h.level !== 2) return;
    const end = top.slice(i + 1).find((n) => n.level <= 2)?.span.start ?? text.length;
    parts.push({ start: h.span.start, end, isPreamble: false });
  });
  const converter = new MarkdownConverter({ locale: input.locale, tags: input.tags ?? 'hidden' });
  let title = '';
  let info: InfoRow[] = [];
  const narrative: Block[] = [];
  for (const p of parts) {
    if (p.end <= p.start || scored.some((s) => s.start >= p.start && s.start < p.end)) continue;
    const root = parseMarkdown(text.slice(p.start, p.end));
    let nodes = root.children.filter((n) => n.type !== 'yaml');
    if (p.isPreamble) {
      const h1 = nodes.find((n) => n.type === 'heading' && n.depth === 1);
      if (h1) {
        title = oneLine(nodeText(h1));
        nodes = nodes.filter((n) => n !== h1);
      }
    }
    if (info.length === 0) {
      const found = findInfo(nodes);
      if (found) {
        info = found.rows;
        nodes = nodes.filter((n) => n !== found.node);
      }
    }
    narrative.push(...converter.blocks(nodes));
  }
  return { title, info, narrative };
}

function findInfo(nodes: ReturnType<typeof parseMarkdown>['children']): { rows: InfoRow[]; node: (typeof nodes)[number] } | undefined {
  for (const n of nodes) {
    if (n.type === 'table' && n.children.every((r) => r.children.length === 2)) {
      const [head, ...body] = n.children;
      const cells = (r: (typeof n.children)[number]) => r.children.map((c) => inlineText(nodeText(c)));
      const rows = [...(head && !cells(head).every((c) => GENERIC_HEADER.test(c)) ? [head] : []), ...body].map(cells).filter(([k]) => k);
      if (rows.length) return { rows: rows.map(([key, value]) => ({ key, value })), node: n };
    }
    if (n.type === 'list') {
      const rows: InfoRow[] = [];
      for (const item of n.children) {
        const m = /^([^：:\n]{1,16})[：:]\s*(.+)$/s.exec(inlineText(nodeText(item)));
        if (!m) break;
        rows.push({ key: m[1].trim(), value: m[2].trim() });
      }
      if (rows.length >= 2 && rows.length === n.children.length) return { rows, node: n };
    }
  }
  return undefined;
}

function inlineText(s: string): string {
  return oneLine(s);
}

function offsetOfLine(text: string, line: number): number {
  let off = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return off;
}
