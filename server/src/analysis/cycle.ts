/**
 * The certification cycle: an audit report names the report before it (`previous:`), and so on
 * back to the initial audit. This module walks that chain (with cycle detection and a limit, so
 * a loop or a very long chain never hangs), compares a report with its previous one (total,
 * star, per group, items that fell by 20 points of percentage or more), checks that every NC the
 * previous report left open is followed up, and that the audits are no further apart than the
 * scheme's `surveillanceMonths`. It also answers the other way round: which later report
 * followed up this report's NCs (so a followed-up NC is not also reported overdue here).
 *
 * Pure: reading the previous reports is the caller's (`CycleSource`): the language server takes
 * them from its workspace index, the CLI from the files it checks or from disk / git, each with
 * a read budget.
 */
import { addMonths, daysBetween } from '../model/dates';
import type { AuditType, DocumentModel, FollowUp, Problem, Range } from '../model/types';
import type { Scheme } from '../scheme/types';
import { countNcs, isUnclosed, ncStates, openNcs, type NcCounts, type NcState, type OpenNc } from './nonconformities';
import { Rational } from './rational';
import { scoreAudit, type ScoreResult } from './scoring';
import { scoringInputFromModel } from './scoringInput';

/** Longest chain walked (a report and this many before it). */
export const MAX_CHAIN = 100;
/** An item whose percentage fell by at least this many points since the previous audit gets item-score-dropped. */
export const DROP_POINTS = 20;

export interface ReportRef {
  uri: string;
  model: DocumentModel;
  scheme: Scheme;
}

export type PreviousLookup =
  | { kind: 'report'; report: ReportRef }
  /** The file is there but is not an audit report. */
  | { kind: 'not-audit'; uri: string }
  /** Cannot be had: missing, outside the workspace, too large, not text, over the read budget. */
  | { kind: 'unreadable'; uri?: string; detail: string; detailZh: string };

export interface CycleSource {
  /** The report `target` (as written in `previous:` of the report `fromUri`) names. */
  previous(fromUri: string, target: string): PreviousLookup;
  /** Reports that name `uri` as their previous one (may be empty; only asked when wanted). */
  successors?(uri: string): ReportRef[];
  /** Short name for messages (workspace-relative path). */
  name(uri: string): string;
}

export interface ChainEntry {
  uri: string;
  name: string;
  auditType?: AuditType;
  auditDate?: string;
  score: ScoreResult;
  /** NCs of that report as of the as-of date (those the next report followed up are marked). */
  ncs: NcState[];
  counts: NcCounts;
  followUps: FollowUp[];
  /** NCs the report still tracks (see openNcs). */
  open: OpenNc[];
}

export interface GroupChange {
  id: string;
  before: Rational;
  after: Rational;
}

export interface FollowUpCheck {
  followUp: FollowUp;
  /** The NC of the previous report it follows up (undefined: that report has none of that ID). */
  nc?: NcState;
}

export interface CycleAnalysis {
  /** The report before this one, when `previous:` names a readable audit report. */
  previous?: ChainEntry;
  /** Oldest first, this report last; just this report when there is no previous one. */
  chain: ChainEntry[];
  /** The chain stopped early (a loop, a report that cannot be read, the limit). */
  broken?: 'loop' | 'unreadable' | 'limit';
  /** Percent per group before and after (groups of this report's scheme that both have). */
  groupChanges: GroupChange[];
  followUps: FollowUpCheck[];
  /** NCs the previous report left open that this one does not follow up. */
  notFollowedUp: NcState[];
  /** Problems of this report from the comparison. */
  problems: Problem[];
  /** Every report read (URIs), for invalidation when one of them changes. */
  deps: string[];
}

function chainEntry(r: ReportRef, name: string, asOf: string, score?: ScoreResult, states?: NcState[]): ChainEntry {
  const fm = r.model.frontMatter.cycle;
  const ncs = states ?? ncStates(r.model, asOf);
  const entry: ChainEntry = { uri: r.uri, name, score: score ?? scoreReport(r), ncs, counts: countNcs(ncs), followUps: r.model.followUps, open: [] };
  if (fm.type) entry.auditType = fm.type;
  if (fm.date) entry.auditDate = fm.date;
  return entry;
}

/** Score a report of the chain on its own scheme. */
function scoreReport(r: ReportRef): ScoreResult {
  return scoreAudit(r.scheme, scoringInputFromModel(r.model, r.scheme));
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** "12 个月零 3 天" / "12 months and 3 days" between two ISO dates (from ≤ to). */
function gapText(from: string, to: string): { en: string; zh: string; months: number } {
  let months = 0;
  while (addMonths(from, months + 1) <= to) months++;
  const days = daysBetween(addMonths(from, months), to);
  return {
    months,
    en: days ? `${months} months and ${days} day(s)` : `${months} months`,
    zh: days ? `${months} 个月零 ${days} 天` : `${months} 个月`,
  };
}

/**
 * The cycle of `head` (already scored: `headScore`) as of `asOf`: the chain before it, the
 * comparison with the previous report and the follow-up checks.
 */
export function analyzeCycle(head: ReportRef, headScore: ScoreResult, headStates: NcState[], source: CycleSource, asOf: string): CycleAnalysis {
  const out: CycleAnalysis = { chain: [], groupChanges: [], followUps: [], notFollowedUp: [], problems: [], deps: [] };
  const fm = head.model.frontMatter.cycle;
  const anchor = fm.previousRange ?? head.model.frontMatter.range ?? ZERO;
  const headEntry = chainEntry(head, source.name(head.uri), asOf, headScore, headStates);

  // --- walk the chain ---
  const seen = new Map<string, number>([[head.uri, 0]]);
  const older: ChainEntry[] = [];
  let current: ReportRef = head;
  let previousRef: ReportRef | undefined;
  for (let depth = 0; ; depth++) {
    const target = current.model.frontMatter.cycle.previous;
    if (!target) break;
    if (depth >= MAX_CHAIN) {
      out.broken = 'limit';
      out.problems.push({ code: 'previous-chain-too-long', args: { limit: MAX_CHAIN }, range: anchor });
      break;
    }
    const found = source.previous(current.uri, target);
    if (found.kind === 'report' || found.kind === 'not-audit') out.deps.push(found.kind === 'report' ? found.report.uri : found.uri);
    else if (found.uri) out.deps.push(found.uri);
    if (found.kind !== 'report') {
      out.broken = 'unreadable';
      // Only the head's own `previous:` is reported here; a report further back has its own diagnostic.
      if (depth === 0) {
        if (found.kind === 'not-audit') out.problems.push({ code: 'previous-not-audit', args: { target }, range: anchor });
        else out.problems.push({ code: 'previous-not-found', args: { target, detail: found.detail, detailZh: found.detailZh }, range: anchor });
      }
      break;
    }
    const r = found.report;
    if (seen.has(r.uri)) {
      out.broken = 'loop';
      const names = [head, ...older.map((e) => ({ uri: e.uri })), r].map((x) => source.name(x.uri));
      out.problems.push({ code: 'previous-loop', args: { chain: names.join(' → ') }, range: anchor });
      break;
    }
    seen.set(r.uri, depth + 1);
    older.push(chainEntry(r, source.name(r.uri), asOf));
    if (depth === 0) previousRef = r;
    current = r;
  }
  out.chain = [...older].reverse();
  out.chain.push(headEntry);
  // Each report's NCs that the next one followed up are that one's to track.
  for (let i = 0; i + 1 < out.chain.length; i++) markFollowedUp(out.chain[i].ncs, [{ uri: out.chain[i + 1].uri, model: { followUps: out.chain[i + 1].followUps } }]);
  out.chain.forEach((e, i) => (e.open = openNcs(e.ncs, e.followUps, out.chain[i - 1]?.ncs)));
  for (const e of out.chain.slice(0, -1)) e.counts = countNcs(e.ncs);
  const prev = older[0];
  if (!prev || !previousRef) return withFollowUpsWithoutPrevious(out, head);
  out.previous = prev;

  // --- comparison ---
  const before = prev.score;
  for (const [id, g] of headScore.groups) {
    const b = before.groups.get(id);
    if (b && !g.applicablePoints.isZero() && !b.applicablePoints.isZero()) out.groupChanges.push({ id, before: b.percent, after: g.percent });
  }
  const beforeItems = new Map(before.items.map((r) => [r.item.id, r]));
  const entryOf = new Map(head.model.entries.map((e) => [e.itemId, e]));
  for (const r of headScore.items) {
    const b = beforeItems.get(r.item.id);
    if (r.state !== 'scored' || b?.state !== 'scored' || !r.percent || !b.percent) continue;
    if (b.percent.sub(r.percent).cmp(Rational.of(DROP_POINTS)) < 0) continue;
    const e = entryOf.get(r.item.id);
    out.problems.push({
      code: 'item-score-dropped',
      args: { id: r.item.id, before: b.percent.toScore(), after: r.percent.toScore(), file: prev.name },
      range: e?.scoreRange ?? e?.tag.range ?? anchor,
      data: { itemId: r.item.id },
    });
  }

  // --- dates ---
  const date = fm.date;
  if (date && prev.auditDate) {
    if (prev.auditDate >= date) {
      out.problems.push({ code: 'previous-not-earlier', args: { file: prev.name, previousDate: prev.auditDate, date }, range: fm.dateRange ?? anchor });
    } else if (addMonths(prev.auditDate, head.scheme.surveillanceMonths) < date) {
      const gap = gapText(prev.auditDate, date);
      out.problems.push({
        code: 'surveillance-late',
        args: { months: gap.en, monthsZh: gap.zh, previousDate: prev.auditDate, date, limit: head.scheme.surveillanceMonths, scheme: head.scheme.id },
        range: fm.dateRange ?? anchor,
      });
    }
  }

  // --- follow-ups ---
  const prevById = new Map(prev.ncs.map((s) => [s.nc.id, s]));
  const followed = new Set<string>();
  for (const f of head.model.followUps) {
    const nc = prevById.get(f.id);
    out.followUps.push(nc ? { followUp: f, nc } : { followUp: f });
    followed.add(f.id);
    if (!nc) out.problems.push({ code: 'follow-up-unknown-nc', args: { id: f.id, file: prev.name }, range: f.idRange, data: { ncId: f.id } });
  }
  for (const s of prev.ncs) {
    if (!isUnclosed(s) || s.nc.severity === 'observation' || followed.has(s.nc.id)) continue;
    out.notFollowedUp.push(s);
    out.problems.push({ code: 'nc-not-followed-up', args: { id: s.nc.id, file: prev.name }, range: anchor, data: { ncId: s.nc.id } });
  }
  return out;
}

function withFollowUpsWithoutPrevious(out: CycleAnalysis, head: ReportRef): CycleAnalysis {
  for (const f of head.model.followUps) {
    out.followUps.push({ followUp: f });
    // Without `previous:` at all, each follow-up says so; with an unreadable one, that is reported once.
    if (!head.model.frontMatter.cycle.previous) out.problems.push({ code: 'follow-up-no-previous', args: { id: f.id }, range: f.idRange, data: { ncId: f.id } });
  }
  return out;
}

/**
 * Mark the NCs of `states` that a later report (one naming this report as `previous:`) follows
 * up. Those are that report's to track: their status there is shown, and this report no longer
 * calls them overdue.
 */
export function markFollowedUp(states: NcState[], successors: readonly { uri: string; model: Pick<DocumentModel, 'followUps'> }[]): void {
  const byId = new Map(states.map((s) => [s.nc.id, s]));
  for (const s of successors) {
    for (const f of s.model.followUps) {
      const st = byId.get(f.id);
      if (!st || st.followedUp) continue;
      st.followedUp = { uri: s.uri, range: f.range, ...(f.status ? { status: f.status } : {}) };
    }
  }
}
