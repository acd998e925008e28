/**
 * The score panel's view model: a pure function of the server's DocumentScorePayload.
 * No `vscode` import, so unit tests, the webview renderer and the HTML export share it.
 * Labels go through @vscode/l10n (the extension configures it with VS Code's bundle).
 * Numbers stay the exact decimal strings the server sent; only bar widths are parsed.
 */
import { t } from '@vscode/l10n';
import type {
  AuditPayload,
  CycleEntry,
  CyclePayload,
  DocumentScorePayload,
  NcSummary,
  GateRow,
  GroupRow,
  ItemRow,
  Location,
  ManualPayload,
  TierInfo,
} from '../../../server/src/protocol';

export type Range = Location['range'];

/** A place the panel can open: the document and the range to select. */
export interface LinkTarget {
  uri: string;
  range: Range;
}

export interface StarsView {
  /** Stars earned (0 when below the threshold or failed). */
  filled: number;
  /** Stars drawn in all (5, or more for schemes with more tiers). */
  max: number;
  /** "★★☆☆☆". */
  text: string;
  /** "2 of 5 stars" for screen readers. */
  ariaLabel: string;
}

export interface GroupView {
  id: string;
  title: string;
  level: 1 | 2;
  value: string;
  max: string;
  percentText: string;
  /** 0–100, for the bar's width only. */
  barPercent: number;
}

export interface ItemView {
  id: string;
  title: string;
  points: string;
  requirement: string;
  link: LinkTarget;
}

export interface GateView {
  tier: string;
  id: string;
  description: string;
  metric: string;
  min: string;
  /** "—" when the metric was not entered. */
  actual: string;
  entered: boolean;
  passed: boolean;
}

export type NcStatusName = 'open' | 'action-planned' | 'overdue' | 'closed';

export interface NcRowView {
  id: string;
  severity: 'major' | 'minor' | 'observation' | 'unknown';
  severityText: string;
  status: NcStatusName;
  statusText: string;
  clauses: string;
  finding: string;
  /** "整改期限 2027-04-30（逾期 61 天）" or ''. */
  dueText: string;
  /** "已在 2027-监督审核报告.md 跟踪：已关闭" or ''. */
  followedUpText: string;
  link: LinkTarget;
}

export interface NcSectionView {
  asOf: string;
  total: number;
  bySeverity: { severity: 'major' | 'minor' | 'observation'; text: string; count: number }[];
  byStatus: { status: NcStatusName; text: string; count: number }[];
  open: number;
  rows: NcRowView[];
  followUps: { id: string; statusText: string; known: boolean; link: LinkTarget }[];
  notFollowedUp: { id: string; severityText: string; link: LinkTarget }[];
}

export interface TrendRowView {
  file: string;
  auditDate: string;
  auditTypeText: string;
  total: string;
  verdictText: string;
  stars: number;
  openNcs: number;
  current: boolean;
  link: LinkTarget;
}

export interface CycleView {
  auditTypeText: string;
  auditDate: string;
  previous?: TrendRowView & { change: string };
  groupChanges: { id: string; title: string; level: 1 | 2; before: string; after: string; change: string }[];
  trend: TrendRowView[];
  broken?: string;
}

export interface AuditView {
  /** The total as reported: it decides the star, the gates and the next tier. */
  total: string;
  /** The unrounded total, when it differs from the reported one ("89.999"). */
  exactTotal?: string;
  /** "2 decimals, half-up" (the scheme's rounding). */
  rounding: { decimals: number; mode: 'half-up' | 'truncate' };
  baseScore: string;
  verdict: AuditPayload['verdict'];
  verdictText: string;
  tierName?: string;
  stars: StarsView;
  deductions: { count: number; points: string; limit: number; overLimit: boolean };
  bonus: { claimed: string; applied: string; cap: number; capped: boolean };
  gates: GateView[];
  failedGates: GateView[];
  next?: { tierName: string; stars: number; pointsNeeded: string; gatesNeeded: GateView[] };
  groups: GroupView[];
  scoredCount: number;
  applicableCount: number;
  notApplicableCount: number;
  unscored: ItemView[];
  ncs: NcSectionView;
  cycle: CycleView;
}

export interface ManualView {
  coveredPoints: string;
  totalPoints: string;
  percentByPoints: string;
  barPercent: number;
  coveredCount: number;
  totalCount: number;
  percentByCount: string;
  groups: GroupView[];
  uncovered: ItemView[];
  emptySections: ItemView[];
  files: string[];
  /** `inferred`: nothing declares `type: manual`, so every tagged file is taken as the manual. */
  basis: 'declared' | 'inferred';
  /** Tagged files left out of a declared manual. */
  notCounted: string[];
  /** Whether the shown document itself counts as part of the manual. */
  counted: boolean;
  root?: string;
}

export interface PanelViewModel {
  /** 'empty': no document to show. */
  kind: 'audit' | 'manual' | 'none' | 'empty';
  uri?: string;
  version?: number;
  documentName: string;
  schemeId: string;
  schemeName: string;
  provenance?: string;
  organisation?: string;
  problems: { errors: number; warnings: number; suppressed: number };
  locale: 'en' | 'zh';
  audit?: AuditView;
  manual?: ManualView;
}

const FILLED = '★';
const EMPTY = '☆';
const ORIGIN: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Last path segment of a URI, decoded ("审核报告.md"). */
export function documentNameOf(uri: string | undefined): string {
  if (!uri) return '';
  const path = uri.replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1) || path;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** A finite number in 0–100 for a bar width; anything odd becomes 0. */
export function barPercentOf(percent: string | number | undefined): number {
  const n = typeof percent === 'number' ? percent : Number.parseFloat(String(percent ?? ''));
  if (!Number.isFinite(n)) return 0;
  return Math.min(100, Math.max(0, Math.round(n * 100) / 100));
}

function str(v: unknown, fallback = ''): string {
  return v === undefined || v === null ? fallback : String(v);
}

function int(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

function isRange(r: unknown): r is Range {
  const x = r as Range | undefined;
  return (
    !!x &&
    typeof x.start?.line === 'number' &&
    typeof x.start?.character === 'number' &&
    typeof x.end?.line === 'number' &&
    typeof x.end?.character === 'number'
  );
}

function linkOf(location: Location | undefined, fallbackUri: string): LinkTarget {
  if (location && typeof location.uri === 'string' && location.uri && isRange(location.range)) {
    return { uri: location.uri, range: location.range };
  }
  return { uri: fallbackUri, range: ORIGIN };
}

/** Stars for a tier: filled = the tier's stars, drawn out of max(5, every tier mentioned). */
export function starsOf(tier: TierInfo | undefined, next: TierInfo | undefined, verdict?: AuditPayload['verdict']): StarsView {
  const filled = verdict === 'tier' || verdict === undefined ? Math.max(0, int(tier?.stars)) : 0;
  const max = Math.min(20, Math.max(5, filled, int(next?.stars)));
  return {
    filled,
    max,
    text: FILLED.repeat(filled) + EMPTY.repeat(max - filled),
    ariaLabel: t('{0} of {1} stars', filled, max),
  };
}

function groupsOf(rows: GroupRow[] | undefined): GroupView[] {
  return (rows ?? []).map((g) => ({
    id: str(g.id),
    title: str(g.title),
    level: g.level === 2 ? 2 : 1,
    value: str(g.value, '0'),
    max: str(g.max, '0'),
    percentText: str(g.percent, '0'),
    barPercent: barPercentOf(g.percent),
  }));
}

function itemsOf(rows: ItemRow[] | undefined, fallbackUri: string): ItemView[] {
  return (rows ?? []).map((r) => ({
    id: str(r.id),
    title: str(r.title),
    points: str(r.points),
    requirement: str(r.requirement),
    link: linkOf(r.location, fallbackUri),
  }));
}

function gatesOf(rows: GateRow[] | undefined): GateView[] {
  return (rows ?? []).map((g) => ({
    tier: str(g.tier),
    id: str(g.id),
    description: str(g.description),
    metric: str(g.metric),
    min: str(g.min),
    actual: g.actual === undefined || g.actual === null ? '—' : str(g.actual),
    entered: g.actual !== undefined && g.actual !== null,
    passed: !!g.passed,
  }));
}

function severityText(s: string | undefined): string {
  return s === 'major' ? t('major') : s === 'minor' ? t('minor') : s === 'observation' ? t('observation') : t('no severity');
}

function statusText(s: string | undefined): string {
  return s === 'closed' ? t('closed') : s === 'action-planned' ? t('action planned') : s === 'overdue' ? t('overdue') : t('open');
}

function statusOfName(s: unknown): NcStatusName {
  return s === 'closed' || s === 'action-planned' || s === 'overdue' ? s : 'open';
}

function daysText(days: unknown): string {
  if (typeof days !== 'number' || !Number.isFinite(days)) return '';
  if (days === 0) return t('due today');
  return days > 0 ? t('{0} days left', days) : t('{0} days past due', -days);
}

function ncSectionOf(n: NcSummary | undefined, uri: string): NcSectionView {
  const bySev = n?.bySeverity ?? { major: 0, minor: 0, observation: 0 };
  const bySt = n?.byStatus ?? { overdue: 0, open: 0, 'action-planned': 0, closed: 0 };
  const rows: NcRowView[] = (n?.rows ?? []).map((r) => {
    const days = daysText(r.daysToDue);
    const due = r.due ? t('due {0}', str(r.due)) + (days ? ` (${days})` : '') : '';
    const fu = r.followedUp ? t('followed up in {0}: {1}', str(r.followedUp.file), r.followedUp.status ? statusText(r.followedUp.status) : t('no status')) : '';
    const severity = r.severity === 'major' || r.severity === 'minor' || r.severity === 'observation' ? r.severity : 'unknown';
    return {
      id: str(r.id),
      severity,
      severityText: severityText(r.severity),
      status: statusOfName(r.status),
      statusText: statusText(r.status),
      clauses: (r.clauses ?? []).map((c) => str(c)).join(', '),
      finding: str(r.finding),
      dueText: due,
      followedUpText: fu,
      link: linkOf(r.location, uri),
    };
  });
  return {
    asOf: str(n?.asOf),
    total: rows.length,
    bySeverity: (['major', 'minor', 'observation'] as const).map((s) => ({ severity: s, text: severityText(s), count: int(bySev[s]) })),
    byStatus: (['overdue', 'open', 'action-planned', 'closed'] as const).map((s) => ({ status: s, text: statusText(s), count: int(bySt[s]) })),
    open: int(n?.open),
    rows,
    followUps: (n?.followUps ?? []).map((f) => ({ id: str(f.id), statusText: f.status ? statusText(f.status) : t('no status'), known: !!f.known, link: linkOf(f.location, uri) })),
    notFollowedUp: (n?.notFollowedUp ?? []).map((f) => ({ id: str(f.id), severityText: severityText(f.severity), link: linkOf(f.location, uri) })),
  };
}

function trendRowOf(e: CycleEntry, uri: string): TrendRowView {
  return {
    file: str(e.file),
    auditDate: str(e.auditDate, '—'),
    auditTypeText: str(e.auditTypeText) || '—',
    total: str(e.total, '0'),
    verdictText: str(e.verdictText),
    stars: Math.min(20, Math.max(0, int(e.stars))),
    openNcs: int(e.openNcs),
    current: !!e.current,
    link: linkOf(typeof e.uri === 'string' && e.uri ? { uri: e.uri, range: ORIGIN } : undefined, uri),
  };
}

function cycleOf(c: CyclePayload | undefined, uri: string): CycleView {
  const view: CycleView = {
    auditTypeText: str(c?.auditTypeText),
    auditDate: str(c?.auditDate),
    groupChanges: (c?.groupChanges ?? []).map((g) => ({ id: str(g.id), title: str(g.title), level: g.level === 2 ? 2 : 1, before: str(g.before), after: str(g.after), change: str(g.change) })),
    trend: (c?.trend ?? []).map((e) => trendRowOf(e, uri)),
  };
  if (c?.previous) view.previous = { ...trendRowOf(c.previous, uri), change: str(c.previous.change) };
  if (c?.broken) view.broken = str(c.broken);
  return view;
}

/** Decimal strings that denote the same number ("89.9990" and "89.999")? */
function sameNumber(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return norm(a) === norm(b);
}

function auditView(a: AuditPayload, uri: string): AuditView {
  const verdict = a.verdict === 'failed-deductions' || a.verdict === 'below-threshold' || a.verdict === 'incomplete' || a.verdict === 'blocked-by-nc' ? a.verdict : 'tier';
  const total = str(a.total, '0');
  const exact = a.exactTotal === undefined || a.exactTotal === null ? undefined : str(a.exactTotal);
  const rounding = a.rounding ?? { decimals: 2, mode: 'half-up' };
  const tier = verdict === 'tier' ? a.tier : undefined;
  const deductions = a.deductions ?? { count: 0, points: '0', limit: 5, overLimit: false };
  const bonus = a.bonus ?? { claimed: '0', applied: '0', cap: 1, capped: false };
  return {
    total,
    exactTotal: exact !== undefined && !sameNumber(exact, total) ? exact : undefined,
    rounding: { decimals: int(rounding.decimals), mode: rounding.mode === 'truncate' ? 'truncate' : 'half-up' },
    baseScore: str(a.baseScore, '0'),
    verdict,
    verdictText: str(a.verdictText),
    tierName: tier ? str(tier.name) : undefined,
    stars: starsOf(tier, a.next?.tier, verdict),
    deductions: {
      count: int(deductions.count),
      points: str(deductions.points, '0'),
      limit: Number.isFinite(deductions.limit) ? deductions.limit : 5,
      overLimit: !!deductions.overLimit,
    },
    bonus: {
      claimed: str(bonus.claimed, '0'),
      applied: str(bonus.applied, '0'),
      cap: Number.isFinite(bonus.cap) ? bonus.cap : 1,
      capped: !!bonus.capped,
    },
    gates: gatesOf(a.gates),
    failedGates: gatesOf(a.failedGates),
    next: a.next
      ? {
          tierName: str(a.next.tier?.name),
          stars: int(a.next.tier?.stars),
          pointsNeeded: str(a.next.pointsNeeded, '0'),
          gatesNeeded: gatesOf(a.next.gatesNeeded),
        }
      : undefined,
    groups: groupsOf(a.groups),
    scoredCount: int(a.scoredCount),
    applicableCount: int(a.applicableCount),
    notApplicableCount: int(a.notApplicableCount),
    unscored: itemsOf(a.unscored, uri),
    ncs: ncSectionOf(a.ncs, uri),
    cycle: cycleOf(a.cycle, uri),
  };
}

function manualView(m: ManualPayload, uri: string): ManualView {
  return {
    coveredPoints: str(m.coveredPoints, '0'),
    totalPoints: str(m.totalPoints, '0'),
    percentByPoints: str(m.percentByPoints, '0'),
    barPercent: barPercentOf(m.percentByPoints),
    coveredCount: int(m.coveredCount),
    totalCount: int(m.totalCount),
    percentByCount: str(m.percentByCount, '0'),
    groups: groupsOf(m.groups),
    uncovered: itemsOf(m.uncovered, uri),
    emptySections: itemsOf(m.emptySections, uri),
    files: (m.files ?? []).map((f) => str(f)),
    basis: m.basis === 'inferred' ? 'inferred' : 'declared',
    notCounted: (m.notCounted ?? []).map((f) => str(f)),
    counted: m.counted !== false,
    root: m.root === undefined ? undefined : str(m.root),
  };
}

/** The view model of a payload; undefined → the "open a report or manual" state. */
export function buildViewModel(payload: DocumentScorePayload | undefined): PanelViewModel {
  if (!payload) {
    return {
      kind: 'empty',
      documentName: '',
      schemeId: '',
      schemeName: '',
      problems: { errors: 0, warnings: 0, suppressed: 0 },
      locale: 'en',
    };
  }
  const uri = str(payload.uri);
  const vm: PanelViewModel = {
    kind: payload.kind === 'audit' || payload.kind === 'manual' ? payload.kind : 'none',
    uri,
    version: payload.version,
    documentName: documentNameOf(uri),
    schemeId: str(payload.scheme?.id),
    schemeName: str(payload.scheme?.name ?? payload.scheme?.id),
    provenance: payload.scheme?.provenance === undefined ? undefined : str(payload.scheme.provenance),
    organisation: payload.organisation === undefined || payload.organisation === null ? undefined : str(payload.organisation),
    problems: { errors: int(payload.problems?.errors), warnings: int(payload.problems?.warnings), suppressed: int(payload.problems?.suppressed) },
    locale: payload.locale === 'zh' ? 'zh' : 'en',
  };
  if (vm.kind === 'audit') {
    if (payload.audit) vm.audit = auditView(payload.audit, uri);
    else vm.kind = 'none';
  } else if (vm.kind === 'manual') {
    if (payload.manual) vm.manual = manualView(payload.manual, uri);
    else vm.kind = 'none';
  }
  return vm;
}

/** Every place the panel may ask to open (the extension opens nothing else). */
export function linksOf(vm: PanelViewModel): LinkTarget[] {
  const items = vm.audit?.unscored ?? [...(vm.manual?.uncovered ?? []), ...(vm.manual?.emptySections ?? [])];
  const a = vm.audit;
  const cycle = a ? [...a.ncs.rows, ...a.ncs.followUps, ...a.ncs.notFollowedUp, ...a.cycle.trend, ...(a.cycle.previous ? [a.cycle.previous] : [])] : [];
  return [...items, ...cycle].map((i) => i.link);
}

/** Whether the panel may open `target`: it must be one of the links the view model shows. */
export function isKnownLink(vm: PanelViewModel, target: { uri?: unknown; range?: unknown }): target is LinkTarget {
  if (typeof target.uri !== 'string' || !isRange(target.range)) return false;
  const r = target.range;
  return linksOf(vm).some(
    (l) =>
      l.uri === target.uri &&
      l.range.start.line === r.start.line &&
      l.range.start.character === r.start.character &&
      l.range.end.line === r.end.line &&
      l.range.end.character === r.end.character,
  );
}

/** Status bar: text (with codicons), tooltip, and whether to show it at all. */
export interface StatusView {
  visible: boolean;
  text: string;
  tooltip: string;
  /** Audit only: 'error' when the report fails outright or a gate failed; 'warning' below the threshold. */
  severity: 'ok' | 'warning' | 'error';
}

/**
 * What the next tier needs: "3.00 more points to 五星级", or only its gates when the reported
 * total is already there ("十星级 needs: 问题首次解决率≥90%"); never "0.00 more points".
 */
export function nextText(next: NonNullable<AuditView['next']>): string {
  const gates = next.gatesNeeded.map((g) => g.description || g.id).join(', ');
  const points = Number.parseFloat(next.pointsNeeded);
  if (!(points > 0)) return gates ? t('{0} needs: {1}', next.tierName, gates) : next.tierName;
  return t('{0} more points to {1}', next.pointsNeeded, next.tierName) + (gates ? t(' and also: {0}', gates) : '');
}

export function statusOf(payload: DocumentScorePayload | undefined): StatusView {
  const view = statusOfDocument(payload);
  if (!view.visible || !payload?.restrictedScheme) return view;
  // Restricted Mode: say in the status bar why the workspace's own scheme is not in use.
  return {
    visible: true,
    text: `$(shield) ${view.text}`,
    tooltip: [t('Restricted Mode: the scheme {0} is not loaded; the built-in scheme {1} is used. Trust this folder to use it.', payload.restrictedScheme, payload.scheme.id), ...view.tooltip.split('\n')].join('\n'),
    severity: view.severity === 'error' ? 'error' : 'warning',
  };
}

function statusOfDocument(payload: DocumentScorePayload | undefined): StatusView {
  const vm = buildViewModel(payload);
  if (vm.kind === 'audit' && vm.audit) {
    const a = vm.audit;
    if (a.verdict === 'incomplete') {
      // No star for a report that is not finished: the verdict carries the provisional total.
      return {
        visible: true,
        text: `$(warning) ${a.verdictText}`,
        tooltip: [t('GB/T 27922 audit report: {0}', a.verdictText), t('Click to open the score panel')].join('\n'),
        severity: 'warning',
      };
    }
    const failed = a.verdict === 'failed-deductions' || a.verdict === 'blocked-by-nc';
    const head = failed ? `$(error) ${a.verdictText || t('Failed')}` : a.stars.text;
    const lines = [t('GB/T 27922 audit report: {0} points, {1}', a.total, a.verdictText || (a.tierName ?? ''))];
    if (a.failedGates.length > 0) lines.push(t('Failed gate: {0}', a.failedGates.map((g) => g.description || g.id).join(', ')));
    if (a.next) lines.push(nextText(a.next));
    lines.push(t('Click to open the score panel'));
    return {
      visible: true,
      text: `${head} ${a.total}`,
      tooltip: lines.join('\n'),
      severity: failed || a.failedGates.length > 0 ? 'error' : a.verdict === 'below-threshold' ? 'warning' : 'ok',
    };
  }
  if (vm.kind === 'manual' && vm.manual) {
    const m = vm.manual;
    const lines = [
      t('GB/T 27922 manual coverage: {0} of {1} points ({2}%)', m.coveredPoints, m.totalPoints, m.percentByPoints),
      t('{0} of {1} items covered, {2} uncovered', m.coveredCount, m.totalCount, m.uncovered.length),
    ];
    if (!m.counted) lines.unshift(t('This file is not counted as part of the manual: it does not declare "type: manual" and is not under the manual root\'s folder.'));
    if (m.basis === 'inferred') lines.push(t('Taken as the manual (no file declares "type: manual"): {0}', m.files.join(', ')));
    lines.push(t('Click to open the score panel'));
    return {
      visible: true,
      text: m.counted ? `$(checklist) ${m.percentByPoints}%` : `$(circle-slash) ${t('Not counted in the manual')}`,
      tooltip: lines.join('\n'),
      // Uncovered items are the normal state of a manual being written: no alarm colour.
      severity: 'ok',
    };
  }
  return { visible: false, text: '', tooltip: '', severity: 'ok' };
}
