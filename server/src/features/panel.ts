/**
 * The score panel's payload (DOCUMENT_SCORE_REQUEST / DOCUMENT_SCORE_NOTIFICATION): total,
 * star, gates, deductions, bonus, group subtotals and what is still missing of an audit
 * report; coverage and gaps of the workspace manual for a manual file. A pure function of the
 * analyses; numbers are exact-rounded decimal strings so the panel shows what the CLI prints:
 * scores, points earned and percentages with two decimals ("92.00", "36.40", "93.03"), point
 * totals of the manual's coverage as the CLI's "99/100 points" does.
 */
import type { DocumentModel, Range } from '../model/types';
import type { Locale } from '../model/problems';
import type { ClauseItem, LocalizedText, Scheme, Tier } from '../scheme/types';
import type { AuditAnalysis, ManualAnalysis } from '../analysis/workspace';
import { anchorRange, incompleteVerdictText } from '../analysis/workspace';
import type { GateResult } from '../analysis/scoring';
import { Rational } from '../analysis/rational';
import { compareClauseIds } from '../scheme/clauseId';
import type { AuditPayload, CycleEntry, CyclePayload, DocumentScorePayload, FollowUpRow, GateRow, GroupRow, ItemRow, Location, ManualPayload, NcRow, NcSummary, TierInfo } from '../protocol';
import type { ChainEntry } from '../analysis/cycle';
import { problemMessage } from '../model/problems';
import { auditTypeLabel } from './ncText';

export interface PanelInput {
  uri: string;
  /** The document's URI as the analyses key it (canonical spelling), when it differs from `uri`. */
  key?: string;
  version?: number;
  /** The scheme not loaded because the workspace is not trusted (see DocumentScorePayload). */
  restrictedScheme?: string;
  /** Undefined when the document is not analysed (not ours, unreadable). */
  model?: DocumentModel;
  scheme: Scheme;
  locale: Locale;
  /** Score of the report (audit documents). */
  audit?: AuditAnalysis;
  /** The workspace manual (manual documents). */
  manual?: ManualAnalysis;
  /** Models of the manual's files, for locations (by URI). */
  manualModel?: (uri: string) => DocumentModel | undefined;
  /** Errors and warnings currently shown for the document, and how many problems its comments suppress. */
  problems: { errors: number; warnings: number; suppressed?: number };
  /** Workspace-relative name of a file (for the manual's file list). */
  relativeName?: (uri: string) => string;
}

function loc(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'zh' ? (text.zh ?? text.en) : (text.en ?? text.zh)) ?? '';
}

function itemTitle(item: ClauseItem, locale: Locale): string {
  const t = loc(item.title, locale);
  if (t) return t;
  return item.requirement.length > 24 ? item.requirement.slice(0, 24) + '…' : item.requirement;
}

function tierInfo(t: Tier, locale: Locale): TierInfo {
  return { id: t.id, name: loc(t.name, locale), stars: t.stars, minScore: t.minScore };
}

function gateRow(g: GateResult, locale: Locale): GateRow {
  const row: GateRow = { tier: g.tier.id, id: g.gate.id, description: loc(g.gate.description, locale), metric: g.gate.metric, min: g.gate.min, passed: g.passed };
  if (g.actual !== undefined) row.actual = g.actual.toScore();
  return row;
}

function itemRow(item: ClauseItem, locale: Locale, location?: Location): ItemRow {
  const row: ItemRow = { id: item.id, title: itemTitle(item, locale), points: item.points, requirement: item.requirement };
  if (location) row.location = location;
  return row;
}

function collapsedAt(range: Range, end: boolean): Range {
  const p = end ? range.end : range.start;
  return { start: { ...p }, end: { ...p } };
}

export function verdictText(a: Pick<AuditAnalysis, 'score'>, locale: Locale): string {
  const s = a.score;
  if (s.verdict === 'failed-deductions') return locale === 'zh' ? '不通过' : 'Failed';
  if (s.verdict === 'blocked-by-nc') return locale === 'zh' ? '不授予星级' : 'No star';
  if (s.verdict === 'incomplete') return incompleteVerdictText(s, locale);
  if (s.verdict === 'tier' && s.tier) return loc(s.tier.name, locale);
  return locale === 'zh' ? '未达标' : 'Not reached';
}

/** NC section: counts by severity and status, a row per NC (jumping to it), follow-ups, what was not followed up. */
export function ncSummary(a: AuditAnalysis, model: DocumentModel, relativeName: (uri: string) => string = (u) => u): NcSummary {
  const rows: NcRow[] = a.ncs.map((s) => {
    const row: NcRow = { id: s.nc.id, status: s.status, clauses: s.nc.clauses.map((c) => c.id), finding: s.nc.finding, location: { uri: a.uri, range: s.nc.range } };
    if (s.nc.severity) row.severity = s.nc.severity;
    if (s.nc.due?.iso) row.due = s.nc.due.iso;
    if (s.daysToDue !== undefined) row.daysToDue = s.daysToDue;
    if (s.followedUp) row.followedUp = { file: relativeName(s.followedUp.uri), ...(s.followedUp.status ? { status: s.followedUp.status } : {}) };
    return row;
  });
  const prevIds = new Set(a.cycle?.previous?.ncs.map((s) => s.nc.id) ?? []);
  const followUps: FollowUpRow[] = model.followUps.map((f) => ({ id: f.id, ...(f.status ? { status: f.status } : {}), known: prevIds.has(f.id), location: { uri: a.uri, range: f.range } }));
  const prevUri = a.cycle?.previous?.uri;
  const c = a.ncCounts;
  return {
    asOf: a.asOf,
    bySeverity: { major: c.bySeverity.major, minor: c.bySeverity.minor, observation: c.bySeverity.observation },
    byStatus: { ...c.byStatus },
    open: a.open.length,
    rows,
    followUps,
    notFollowedUp: (a.cycle?.notFollowedUp ?? []).map((s) => ({ id: s.nc.id, ...(s.nc.severity ? { severity: s.nc.severity } : {}), location: { uri: prevUri!, range: s.nc.range } })),
  };
}

function cycleEntry(e: ChainEntry, current: string, locale: Locale, relativeName: (uri: string) => string): CycleEntry {
  const out: CycleEntry = {
    file: relativeName(e.uri),
    uri: e.uri,
    auditTypeText: auditTypeLabel(e.auditType, locale),
    total: e.score.total.toScore(),
    verdictText: verdictText(e, locale),
    stars: e.score.verdict === 'tier' && e.score.tier ? e.score.tier.stars : 0,
    openNcs: e.open.length,
    current: e.uri === current,
  };
  if (e.auditDate) out.auditDate = e.auditDate;
  if (e.auditType) out.auditType = e.auditType;
  return out;
}

/** Cycle part: audit type and date, the previous report with the change, per-group changes, the trend. */
export function cyclePayload(a: AuditAnalysis, model: DocumentModel, locale: Locale, relativeName: (uri: string) => string = (u) => u): CyclePayload {
  const fm = model.frontMatter.cycle;
  const out: CyclePayload = { auditTypeText: auditTypeLabel(fm.type, locale), groupChanges: [], trend: [] };
  if (fm.type) out.auditType = fm.type;
  if (fm.date) out.auditDate = fm.date;
  const cycle = a.cycle;
  if (!cycle) return out;
  out.trend = cycle.chain.map((e) => cycleEntry(e, a.uri, locale, relativeName));
  if (cycle.previous) {
    out.previous = { ...cycleEntry(cycle.previous, a.uri, locale, relativeName), change: changeOf(a.score.total, cycle.previous.score.total) };
    out.groupChanges = cycle.groupChanges.map((g) => {
      const def = a.scheme.groupById.get(g.id);
      return { id: g.id, title: loc(def?.title, locale), level: def?.parent ? 2 : 1, before: g.before.toScore(), after: g.after.toScore(), change: changeOf(g.after, g.before) };
    });
  }
  const why = cycle.broken ? cycle.problems.find((p) => p.code.startsWith('previous-')) : undefined;
  if (why) out.broken = problemMessage(why.code, why.args, locale);
  return out;
}

/** The change between two values as shown (two decimals each), so "86.80 → 93.57" says "+6.77". */
function changeOf(after: Rational, before: Rational): string {
  const r = Rational.parse(after.toScore())!.sub(Rational.parse(before.toScore())!);
  return (r.cmp(Rational.ZERO) > 0 ? '+' : '') + r.toScore();
}

/** Audit part: total, star, gates, specials, groups, and where each unscored item belongs. */
export function auditPayload(a: AuditAnalysis, model: DocumentModel, locale: Locale, relativeName?: (uri: string) => string): AuditPayload {
  const s = a.score;
  const scheme = a.scheme;
  const entries = [...model.entries].sort((x, y) => compareClauseIds(x.itemId, y.itemId));
  const anchor = anchorRange(model);
  const whereFor = (id: string): Location => {
    // After the last entry of a smaller ID (clause order), else at the document's anchor.
    let before: (typeof entries)[number] | undefined;
    for (const e of entries) if (compareClauseIds(e.itemId, id) < 0) before = e;
    return { uri: a.uri, range: before ? collapsedAt(before.range, true) : collapsedAt(anchor, false) };
  };
  const groups: GroupRow[] = scheme.groups.map((g) => {
    const r = s.groups.get(g.id);
    return {
      id: g.id,
      title: loc(g.title, locale),
      level: g.parent ? 2 : 1,
      value: (r?.earned ?? s.earned).toScore(),
      max: (r?.applicablePoints ?? s.applicablePoints).toScore(),
      percent: r ? r.percent.toScore() : '0.00',
    };
  });
  const payload: AuditPayload = {
    total: s.total.toScore(s.decimals),
    exactTotal: s.exactTotal.toExact(),
    rounding: { ...scheme.rounding },
    baseScore: s.baseScore.toScore(),
    verdict: s.verdict,
    verdictText: verdictText(a, locale),
    deductions: {
      count: s.deductionCount,
      points: s.deductionPoints.toScore(),
      limit: scheme.deduction.failAbove,
      overLimit: s.verdict === 'failed-deductions',
    },
    bonus: { claimed: s.bonusClaimed.toScore(), applied: s.bonusApplied.toScore(), cap: scheme.bonus.cap, capped: s.bonusCapped },
    gates: s.gates.map((g) => gateRow(g, locale)),
    failedGates: s.failedGates.map((g) => gateRow(g, locale)),
    groups,
    scoredCount: s.items.filter((r) => r.state === 'scored').length,
    applicableCount: s.items.filter((r) => r.state !== 'not-applicable').length,
    notApplicableCount: s.notApplicable.length,
    unscored: s.unscored.map((item) => itemRow(item, locale, whereFor(item.id))),
    ncs: ncSummary(a, model, relativeName),
    cycle: cyclePayload(a, model, locale, relativeName),
  };
  if (s.tier) payload.tier = tierInfo(s.tier, locale);
  if (s.next) payload.next = { tier: tierInfo(s.next.tier, locale), pointsNeeded: s.next.pointsNeeded.toScore(s.decimals), gatesNeeded: s.next.gatesNeeded.map((g) => gateRow(g, locale)) };
  return payload;
}

/** Manual part: coverage of the workspace manual, gaps (at the root's anchor) and empty sections. */
export function manualPayload(
  m: ManualAnalysis,
  scheme: Scheme,
  locale: Locale,
  manualModel?: (uri: string) => DocumentModel | undefined,
  relativeName: (uri: string) => string = (u) => u,
  uri?: string,
): ManualPayload {
  const c = m.coverage;
  const rootModel = m.root ? manualModel?.(m.root) : undefined;
  const rootLocation: Location | undefined = m.root ? { uri: m.root, range: rootModel ? anchorRange(rootModel) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : undefined;
  const groups: GroupRow[] = scheme.groups.map((g) => {
    const r = c.groups.get(g.id);
    const value = r ? r.coveredPoints : c.coveredPoints;
    const max = r ? r.totalPoints : c.totalPoints;
    return {
      id: g.id,
      title: loc(g.title, locale),
      level: g.parent ? 2 : 1,
      value: value.toFixed(2),
      max: max.toFixed(2),
      percent: max.isZero() ? '0.00' : value.div(max).mul(Rational.HUNDRED).toScore(),
    };
  });
  const emptySections: ItemRow[] = [];
  const seen = new Set<string>();
  for (const [itemId, locations] of [...m.claims].sort((x, y) => compareClauseIds(x[0], y[0]))) {
    for (const l of locations) {
      if (l.claim.addressed) continue;
      const item = scheme.itemById.get(itemId);
      if (!item) continue;
      const key = `${itemId}|${l.uri}|${l.claim.target.start.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      emptySections.push(itemRow(item, locale, { uri: l.uri, range: l.claim.target }));
    }
  }
  const payload: ManualPayload = {
    coveredPoints: c.coveredPoints.toFixed(2),
    totalPoints: c.totalPoints.toFixed(2),
    percentByPoints: c.percentByPoints.toScore(),
    coveredCount: c.coveredCount,
    totalCount: c.totalCount,
    percentByCount: c.percentByCount.toScore(),
    groups,
    uncovered: c.uncovered.map((item) => itemRow(item, locale, rootLocation)),
    emptySections,
    files: m.files.map(relativeName),
    basis: m.basis,
    notCounted: m.notCounted.map(relativeName),
    counted: uri === undefined || !m.notCounted.includes(uri),
  };
  if (m.root) payload.root = relativeName(m.root);
  return payload;
}

/** The whole payload for one document. */
export function buildDocumentScorePayload(input: PanelInput): DocumentScorePayload {
  const { model, scheme, locale } = input;
  const kind = model?.kind ?? 'none';
  const payload: DocumentScorePayload = {
    uri: input.uri,
    kind,
    scheme: { id: scheme.id, name: loc(scheme.name, locale) },
    problems: { ...input.problems },
    locale,
  };
  if (input.version !== undefined) payload.version = input.version;
  if (input.restrictedScheme) payload.restrictedScheme = input.restrictedScheme;
  if (scheme.provenance) payload.scheme.provenance = scheme.provenance;
  if (model?.frontMatter.organisation) payload.organisation = model.frontMatter.organisation;
  if (model && kind === 'audit' && input.audit) payload.audit = auditPayload(input.audit, model, locale, input.relativeName);
  if (kind === 'manual' && input.manual) payload.manual = manualPayload(input.manual, scheme, locale, input.manualModel, input.relativeName, input.key ?? input.uri);
  return payload;
}
