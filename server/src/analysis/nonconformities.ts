/**
 * Non-conformities against an as-of date: each NC's status (closed, action planned, open,
 * overdue) and days to or past its due date, the counts the panel and the CLI show, the
 * problems that depend on the date or on the score (nc-overdue, nc-full-score), and the scheme's
 * optional `ncRules` (a severity caps its item's score; so many major NCs not closed block any
 * star). Pure: the as-of date comes in (today in the editor, `--as-of` in the CLI).
 */
import { daysBetween } from '../model/dates';
import type { DocumentModel, FollowUp, NcSeverity, Nonconformity, Problem } from '../model/types';
import type { Scheme } from '../scheme/types';
import { Rational } from './rational';
import type { ItemResult } from './scoring';

export type NcStatus = 'closed' | 'action-planned' | 'open' | 'overdue';
export const NC_STATUSES: readonly NcStatus[] = ['overdue', 'open', 'action-planned', 'closed'];
export const NC_SEVERITIES: readonly NcSeverity[] = ['major', 'minor', 'observation'];

/** Where a later report followed the NC up (the report that names this one as `previous:`). */
export interface NcFollowedUp {
  uri: string;
  status?: 'closed' | 'action-planned' | 'open';
  /** Of the follow-up entry in that report. */
  range: Nonconformity['range'];
}

export interface NcState {
  nc: Nonconformity;
  status: NcStatus;
  /** Days from the as-of date to the due date: positive still to go, negative past it. */
  daysToDue?: number;
  followedUp?: NcFollowedUp;
}

/** Closed: verified with a date. Action planned: a corrective action. Else open; overdue when due before `asOf`. */
export function ncStatus(nc: Nonconformity, asOf: string): NcStatus {
  if (nc.verification?.closed) return 'closed';
  if (nc.due?.iso && nc.due.iso < asOf) return 'overdue';
  return nc.correctiveAction ? 'action-planned' : 'open';
}

export function ncStates(model: DocumentModel, asOf: string): NcState[] {
  return model.nonconformities.map((nc) => {
    const s: NcState = { nc, status: ncStatus(nc, asOf) };
    if (nc.due?.iso && s.status !== 'closed') s.daysToDue = daysBetween(asOf, nc.due.iso);
    return s;
  });
}

/** Not closed (open, action planned or overdue). */
export function isUnclosed(s: Pick<NcState, 'status'>): boolean {
  return s.status !== 'closed';
}

/**
 * An NC a report still tracks: one it raised that is not closed and that no later report has
 * followed up, or one of the previous report it followed up with a status other than closed.
 * Observations are left out. Each NC is counted once, in the latest report that tracks it.
 */
export interface OpenNc {
  id: string;
  severity?: NcSeverity;
  status: NcStatus;
  via: 'raised' | 'follow-up';
}

export function openNcs(states: readonly NcState[], followUps: readonly FollowUp[], previous?: readonly NcState[]): OpenNc[] {
  const out: OpenNc[] = [];
  for (const s of states) {
    if (countsAsOpen(s) && !s.followedUp) out.push({ id: s.nc.id, ...(s.nc.severity ? { severity: s.nc.severity } : {}), status: s.status, via: 'raised' });
  }
  const before = new Map((previous ?? []).map((s) => [s.nc.id, s]));
  const seen = new Set<string>();
  for (const f of followUps) {
    if (seen.has(f.id)) continue;
    seen.add(f.id);
    const nc = before.get(f.id);
    if (!nc || nc.nc.severity === 'observation' || f.status === 'closed') continue;
    out.push({ id: f.id, ...(nc.nc.severity ? { severity: nc.nc.severity } : {}), status: f.status === 'action-planned' ? 'action-planned' : nc.status === 'overdue' ? 'overdue' : 'open', via: 'follow-up' });
  }
  return out;
}

/** What the gate `--max-open-nc` counts: not closed and not an observation. */
export function countsAsOpen(s: NcState): boolean {
  return isUnclosed(s) && s.nc.severity !== 'observation';
}

export interface NcCounts {
  total: number;
  bySeverity: Record<NcSeverity | 'unknown', number>;
  byStatus: Record<NcStatus, number>;
  /** Not closed, observations left out (the `--max-open-nc` count). */
  open: number;
}

export function countNcs(states: readonly NcState[]): NcCounts {
  const c: NcCounts = {
    total: states.length,
    bySeverity: { major: 0, minor: 0, observation: 0, unknown: 0 },
    byStatus: { overdue: 0, open: 0, 'action-planned': 0, closed: 0 },
    open: 0,
  };
  for (const s of states) {
    c.bySeverity[s.nc.severity ?? 'unknown']++;
    c.byStatus[s.status]++;
    if (countsAsOpen(s)) c.open++;
  }
  return c;
}

const SEVERITY_NAME: Record<NcSeverity, { en: string; zh: string }> = {
  major: { en: 'major', zh: '严重' },
  minor: { en: 'minor', zh: '一般' },
  observation: { en: 'observation', zh: '观察项' },
};

export function severityName(s: NcSeverity, locale: 'en' | 'zh'): string {
  return SEVERITY_NAME[s][locale];
}

/** nc-overdue (not for NCs a later report has followed up) and nc-full-score. */
export function ncProblems(states: readonly NcState[], items: readonly ItemResult[], asOf: string): Problem[] {
  const out: Problem[] = [];
  for (const s of states) {
    if (s.status === 'overdue' && !s.followedUp) {
      out.push({
        code: 'nc-overdue',
        args: { id: s.nc.id, due: s.nc.due!.iso!, days: -(s.daysToDue ?? 0), asOf },
        range: s.nc.due?.range ?? s.nc.idRange,
        data: { ncId: s.nc.id },
      });
    }
  }
  const byItem = new Map(items.map((r) => [r.item.id, r]));
  for (const s of states) {
    const sev = s.nc.severity;
    if (sev !== 'major' && sev !== 'minor') continue;
    for (const ref of s.nc.clauses) {
      const r = byItem.get(ref.id);
      if (!r || r.state !== 'scored') continue;
      const full = (r.cappedFrom ?? r.percent)?.cmp(Rational.HUNDRED) === 0;
      if (!full) continue;
      out.push({
        code: 'nc-full-score',
        args: { item: ref.id, id: s.nc.id, severityName: SEVERITY_NAME[sev].en, severityNameZh: SEVERITY_NAME[sev].zh },
        range: ref.range,
        data: { itemId: ref.id, ncId: s.nc.id },
      });
    }
  }
  return out;
}

/**
 * The scheme's `ncRules` applied to a report's NCs (text only, no date): the cap each item's
 * percentage gets from the most severe NC against it, and the major NCs not closed that count
 * towards blocking any star.
 */
export function ncRuleEffects(model: DocumentModel, scheme: Scheme): { caps: Map<string, { percent: Rational; nc: Nonconformity }>; blocking?: { ncs: Nonconformity[]; limit: number } } {
  const rules = scheme.ncRules;
  const caps = new Map<string, { percent: Rational; nc: Nonconformity }>();
  if (!rules) return { caps };
  for (const nc of model.nonconformities) {
    const cap = nc.severity !== undefined ? rules.itemCapPercent?.[nc.severity] : undefined;
    if (cap === undefined) continue;
    const percent = Rational.fromNumber(cap);
    for (const ref of nc.clauses) {
      if (ref.kind !== 'item') continue;
      const prev = caps.get(ref.id);
      if (!prev || percent.cmp(prev.percent) < 0) caps.set(ref.id, { percent, nc });
    }
  }
  if (rules.majorBlocksStarAt === undefined) return { caps };
  const ncs = model.nonconformities.filter((nc) => nc.severity === 'major' && !nc.verification?.closed);
  return { caps, blocking: { ncs, limit: rules.majorBlocksStarAt } };
}

/** The problems that explain what `ncRules` did to the score. */
export function ncRuleProblems(model: DocumentModel, scheme: Scheme, items: readonly ItemResult[]): Problem[] {
  const out: Problem[] = [];
  const { caps, blocking } = ncRuleEffects(model, scheme);
  for (const r of items) {
    if (!r.cappedFrom) continue;
    const cap = caps.get(r.item.id);
    if (!cap) continue;
    const sev = cap.nc.severity!;
    const ref = cap.nc.clauses.find((c) => c.id === r.item.id);
    out.push({
      code: 'nc-item-capped',
      args: { item: r.item.id, cap: cap.percent.toFixed(0), id: cap.nc.id, severityName: SEVERITY_NAME[sev].en, severityNameZh: SEVERITY_NAME[sev].zh, scheme: scheme.id },
      range: ref?.range ?? cap.nc.idRange,
      data: { itemId: r.item.id, ncId: cap.nc.id },
    });
  }
  if (blocking && blocking.ncs.length >= blocking.limit) {
    out.push({
      code: 'nc-blocks-star',
      args: { count: blocking.ncs.length, ids: blocking.ncs.map((n) => n.id).join(', '), limit: blocking.limit, scheme: scheme.id },
      range: blocking.ncs[0].idRange,
      data: { ncId: blocking.ncs[0].id },
    });
  }
  return out;
}
