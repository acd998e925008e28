/**
 * The scoring engine: pure functions from a scheme and an auditor's scores to a total,
 * group subtotals, a star tier (with gates), and what is missing. Exact arithmetic only.
 *
 * Rules (PRODUCT.md §3, seed 004, docs/scoring.md): item earned = points × percentage; total =
 * earned over applicable items ÷ applicable points × 100 − special deductions + bonus (capped),
 * exact, then rounded ONCE to the scheme's `rounding` (default 2 decimals, half-up): that
 * reported total, and nothing finer, decides the star, gates on `total` and the points to the
 * next tier. Deductions above the scheme's limit fail the certification whatever the total; a
 * report with unscored applicable items is incomplete (its total is provisional, no star);
 * otherwise the star is the highest tier whose minimum score and gates all hold.
 */
import type { ClauseItem, Gate, Scheme, Tier } from '../scheme/types';
import { Rational, sum } from './rational';

export type ItemScoreInput =
  | { itemId: string; kind: 'percent'; percent: Rational; sample?: { size: number; conforming: number } }
  | { itemId: string; kind: 'points'; earned: Rational }
  | { itemId: string; kind: 'not-applicable'; reason: string };

export interface ScoringInput {
  /** Per-item scores. An item scored twice counts once (the first); the model flags the duplicate. */
  scores: ItemScoreInput[];
  /** Number of special deduction entries (each worth the scheme's `pointsEach`). */
  deductions: number;
  /** Number of special bonus entries (each worth `pointsEach`, the sum capped at `cap`). */
  bonuses: number;
  /** Metric values by metric ID (e.g. from front matter). */
  metrics?: Readonly<Record<string, number | undefined>>;
  /** Items declared not applicable outside the entries (front matter), with a reason. */
  notApplicable?: readonly { itemId: string; reason: string }[];
  /** Highest percentage an item may count (scheme `ncRules.itemCapPercent`, by the NCs against it). */
  caps?: ReadonlyMap<string, Rational>;
  /** Major NCs not closed and how many block any star (scheme `ncRules.majorBlocksStarAt`). */
  blocking?: { count: number; limit: number };
}

export interface ItemResult {
  item: ClauseItem;
  points: Rational;
  state: 'scored' | 'not-applicable' | 'unscored';
  /** Points earned (zero when unscored or not applicable). */
  earned: Rational;
  /** Percentage of the item's points (undefined unless scored), after any NC cap. */
  percent?: Rational;
  /** The percentage as scored, when an NC cap lowered it. */
  cappedFrom?: Rational;
  /** `抽查 20 份，合格 18 份`: the sample behind the percentage. */
  sample?: { size: number; conforming: number };
  reason?: string;
}

export interface GroupResult {
  id: string;
  /** Points of all items of the group. */
  maxPoints: Rational;
  /** Points of applicable items. */
  applicablePoints: Rational;
  earned: Rational;
  /** earned ÷ applicable × 100 (zero if nothing applicable). */
  percent: Rational;
  scored: number;
  unscored: number;
  notApplicable: number;
}

export interface GateResult {
  tier: Tier;
  gate: Gate;
  /** The value the gate compared (undefined when the metric was not entered). */
  actual?: Rational;
  passed: boolean;
}

export type Verdict =
  /** Special deductions over the limit: 不通过 whatever the total. */
  | 'failed-deductions'
  /** Applicable items are unscored: the total is provisional and no star is given. */
  | 'incomplete'
  /** Below the lowest tier. */
  | 'below-threshold'
  /** A tier was reached. */
  | 'tier'
  /** Scheme `ncRules.majorBlocksStarAt`: too many major non-conformities not closed for any star. */
  | 'blocked-by-nc';

export interface ScoreResult {
  scheme: Scheme;
  items: ItemResult[];
  /** Sum of earned points over applicable items. */
  earned: Rational;
  /** Sum of points over applicable items. */
  applicablePoints: Rational;
  /** earned ÷ applicable × 100, before special items. */
  baseScore: Rational;
  deductionCount: number;
  deductionPoints: Rational;
  bonusClaimed: Rational;
  bonusApplied: Rational;
  bonusCapped: boolean;
  /**
   * The total as the report states it: the exact total rounded to the scheme's `rounding` (not
   * clamped: deductions may push it below 0). It decides the tier, the gates and `next`.
   */
  total: Rational;
  /** The total before that one rounding step (shown on request: hover, `score --verbose`). */
  exactTotal: Rational;
  /** Decimals the total is stated with (the scheme's rounding). */
  decimals: number;
  verdict: Verdict;
  /** The tier reached (undefined unless verdict is 'tier'; never for an incomplete report). */
  tier?: Tier;
  /** Every gate of every tier whose minimum score the total meets. */
  gates: GateResult[];
  /** Gates that failed on a tier the total would otherwise reach (the UI says which). */
  failedGates: GateResult[];
  /**
   * The next tier above the one reached, the points the reported total still needs (rounded up
   * to the reported decimals, so never "0.00" while points are missing) and which gates.
   * Undefined for a failed or incomplete report.
   */
  next?: { tier: Tier; pointsNeeded: Rational; gatesNeeded: GateResult[] };
  groups: Map<string, GroupResult>;
  unscored: ClauseItem[];
  notApplicable: ClauseItem[];
}

export function itemPoints(item: ClauseItem): Rational {
  return Rational.parse(item.points) ?? Rational.ZERO;
}

export function scoreAudit(scheme: Scheme, input: ScoringInput): ScoreResult {
  const byItem = new Map<string, ItemScoreInput>();
  for (const s of input.scores) if (!byItem.has(s.itemId)) byItem.set(s.itemId, s);
  const naFromFrontMatter = new Map((input.notApplicable ?? []).map((n) => [n.itemId, n.reason]));

  const items: ItemResult[] = scheme.items.map((item) => {
    const points = itemPoints(item);
    const s = byItem.get(item.id);
    if (s?.kind === 'not-applicable') return { item, points, state: 'not-applicable', earned: Rational.ZERO, reason: s.reason };
    const cap = input.caps?.get(item.id);
    if (s?.kind === 'percent' || s?.kind === 'points') {
      let percent =
        s.kind === 'percent'
          ? clamp(s.percent, Rational.ZERO, Rational.HUNDRED)
          : points.isZero()
            ? Rational.ZERO
            : clamp(s.earned, Rational.ZERO, points).div(points).mul(Rational.HUNDRED);
      let earned = s.kind === 'points' ? clamp(s.earned, Rational.ZERO, points) : points.mul(percent).div(Rational.HUNDRED);
      const r: ItemResult = { item, points, state: 'scored', earned, percent };
      if (cap && percent.cmp(cap) > 0) {
        r.cappedFrom = percent;
        percent = cap;
        earned = points.mul(cap).div(Rational.HUNDRED);
        r.percent = percent;
        r.earned = earned;
      }
      if (s.kind === 'percent' && s.sample) r.sample = s.sample;
      return r;
    }
    if (naFromFrontMatter.has(item.id)) {
      return { item, points, state: 'not-applicable', earned: Rational.ZERO, reason: naFromFrontMatter.get(item.id) };
    }
    return { item, points, state: 'unscored', earned: Rational.ZERO };
  });

  const applicable = items.filter((r) => r.state !== 'not-applicable');
  const earned = sum(applicable.map((r) => r.earned));
  const applicablePoints = sum(applicable.map((r) => r.points));
  const baseScore = applicablePoints.isZero() ? Rational.ZERO : earned.div(applicablePoints).mul(Rational.HUNDRED);

  const deductionCount = Math.max(0, Math.floor(input.deductions));
  const deductionPoints = Rational.fromNumber(scheme.deduction.pointsEach).mul(Rational.of(deductionCount));
  const bonusClaimed = Rational.fromNumber(scheme.bonus.pointsEach).mul(Rational.of(Math.max(0, Math.floor(input.bonuses))));
  const cap = Rational.fromNumber(scheme.bonus.cap);
  const bonusApplied = bonusClaimed.min(cap);
  const exactTotal = baseScore.sub(deductionPoints).add(bonusApplied);
  const { decimals, mode } = scheme.rounding;
  const total = exactTotal.round(decimals, mode);
  const unscoredItems = items.filter((r) => r.state === 'unscored');
  const incomplete = unscoredItems.length > 0;

  const failedByDeductions = deductionPoints.cmp(Rational.fromNumber(scheme.deduction.failAbove)) > 0;
  const blockedByNc = !failedByDeductions && input.blocking !== undefined && input.blocking.count >= input.blocking.limit;
  const metricValue = (metric: string): Rational | undefined => {
    if (metric === 'total') return total;
    const v = input.metrics?.[metric];
    return v === undefined || !Number.isFinite(v) ? undefined : Rational.fromNumber(v);
  };

  const gates: GateResult[] = [];
  let tier: Tier | undefined;
  if (!failedByDeductions && !blockedByNc) {
    for (const t of scheme.tiers) {
      if (total.cmp(Rational.fromNumber(t.minScore)) < 0) continue;
      const results = t.gates.map((gate) => {
        const actual = metricValue(gate.metric);
        return { tier: t, gate, actual, passed: actual !== undefined && actual.cmp(Rational.fromNumber(gate.min)) >= 0 };
      });
      gates.push(...results);
      if (results.every((r) => r.passed)) tier = t;
    }
  }
  // An incomplete report is never given a star as if it were final.
  if (incomplete) tier = undefined;
  const tierRank = tier ? scheme.tiers.indexOf(tier) : -1;
  const failedGates = incomplete ? [] : gates.filter((g) => !g.passed && scheme.tiers.indexOf(g.tier) > tierRank);

  let next: ScoreResult['next'];
  if (!failedByDeductions && !incomplete && !blockedByNc) {
    const nextTier = scheme.tiers[tierRank + 1];
    if (nextTier) {
      const need = Rational.fromNumber(nextTier.minScore).sub(total).round(decimals, 'up');
      const gatesNeeded = nextTier.gates
        .map((gate) => {
          const actual = metricValue(gate.metric);
          return { tier: nextTier, gate, actual, passed: actual !== undefined && actual.cmp(Rational.fromNumber(gate.min)) >= 0 };
        })
        .filter((g) => !g.passed);
      next = { tier: nextTier, pointsNeeded: need.max(Rational.ZERO), gatesNeeded };
    }
  }

  return {
    scheme,
    items,
    earned,
    applicablePoints,
    baseScore,
    deductionCount,
    deductionPoints,
    bonusClaimed,
    bonusApplied,
    bonusCapped: bonusClaimed.cmp(cap) > 0,
    total,
    exactTotal,
    decimals,
    verdict: failedByDeductions ? 'failed-deductions' : incomplete ? 'incomplete' : blockedByNc ? 'blocked-by-nc' : tier ? 'tier' : 'below-threshold',
    tier,
    gates,
    failedGates,
    next,
    groups: groupResults(scheme, items),
    unscored: unscoredItems.map((r) => r.item),
    notApplicable: items.filter((r) => r.state === 'not-applicable').map((r) => r.item),
  };
}

function clamp(v: Rational, lo: Rational, hi: Rational): Rational {
  return v.max(lo).min(hi);
}

function groupResults(scheme: Scheme, items: ItemResult[]): Map<string, GroupResult> {
  const out = new Map<string, GroupResult>();
  for (const g of scheme.groups) {
    const members = items.filter((r) => r.item.group === g.id || r.item.section === g.id);
    const applicable = members.filter((r) => r.state !== 'not-applicable');
    const applicablePoints = sum(applicable.map((r) => r.points));
    const earned = sum(applicable.map((r) => r.earned));
    out.set(g.id, {
      id: g.id,
      maxPoints: sum(members.map((r) => r.points)),
      applicablePoints,
      earned,
      percent: applicablePoints.isZero() ? Rational.ZERO : earned.div(applicablePoints).mul(Rational.HUNDRED),
      scored: members.filter((r) => r.state === 'scored').length,
      unscored: members.filter((r) => r.state === 'unscored').length,
      notApplicable: members.length - applicable.length,
    });
  }
  return out;
}

/** The scoring band a percentage falls in (80 belongs to 80–100; 0 to 0–20). */
export function bandFor(scheme: Scheme, percent: Rational): Scheme['bands'][number] | undefined {
  const bands = [...scheme.bands].sort((a, b) => b.min - a.min);
  return bands.find((b) => percent.cmp(Rational.fromNumber(b.min)) >= 0 && percent.cmp(Rational.fromNumber(b.max)) <= 0);
}
