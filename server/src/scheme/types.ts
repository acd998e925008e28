/**
 * A certification scheme: the clause catalog (groups and scored items), scoring bands,
 * special deduction/bonus rules, star tiers with optional gates, and extra metrics.
 * Schemes are data (JSON validated by scheme.schema.json); these are the resolved shapes.
 */

export interface LocalizedText {
  zh?: string;
  en?: string;
}

/** A first- or second-level clause (5.1, 5.1.2): structure only, carries no points itself. */
export interface ClauseGroup {
  id: string;
  title: LocalizedText;
  /** ID of the parent group, undefined for first-level groups. */
  parent?: string;
}

/** A scored indicator (5.1.2.2). */
export interface ClauseItem {
  id: string;
  /** Requirement text exactly as the source standard writes it. */
  requirement: string;
  /** Short title for UI; `en` always present in built-in schemes. */
  title: LocalizedText;
  /** Points as an exact decimal string ("1.5"), see `pointsValue` for arithmetic. */
  points: string;
  /** Second-level group (5.1.2). */
  group: string;
  /** First-level group (5.1). */
  section: string;
  /** Position in clause order (0-based) over the whole scheme. */
  order: number;
  /**
   * Words practitioners use for what the item asks (备用机 for 代用品, 包修 for 保修): the
   * suggestion engine's evidence besides the requirement text. A scheme that extends another
   * adds to the inherited list.
   */
  keywords: string[];
}

export interface ScoringBand {
  id: string;
  min: number;
  max: number;
  descriptions: string[];
}

export interface SpecialRule {
  pointsEach: number;
  rule: string;
  description: string;
}

export interface DeductionRule extends SpecialRule {
  /** Special deductions above this many points fail the certification outright. */
  failAbove: number;
}

export interface BonusRule extends SpecialRule {
  /** Total bonus points counted at most. */
  cap: number;
}

export interface Metric {
  id: string;
  name: LocalizedText;
  unit: 'points' | 'percent';
  min: number;
  max: number;
  /** Front-matter keys (besides `id`) under which the value may be entered. */
  aliases: string[];
}

/** A gate: a tier is only reached when every gate of it holds. */
export interface Gate {
  id: string;
  /** `total` (the audit total) or the ID of a scheme metric. */
  metric: string;
  min: number;
  description: LocalizedText;
}

export interface Tier {
  id: string;
  stars: number;
  minScore: number;
  name: LocalizedText;
  rule?: string;
  gates: Gate[];
}

/**
 * Optional rules a certification body may apply to non-conformities (off unless a scheme sets
 * them; the built-in schemes do not).
 */
export interface NcRules {
  /** An item with an NC of this severity scores at most this percentage of its points. */
  itemCapPercent?: Partial<Record<'major' | 'minor' | 'observation', number>>;
  /** This many major NCs not closed (in the report) block any star level. */
  majorBlocksStarAt?: number;
}

/**
 * How the total is rounded to the value a report states. That reported total, and nothing
 * finer, decides the star, the gates on `total` and the points to the next tier.
 */
export interface Rounding {
  /** Decimals of the reported total (default 2). */
  decimals: number;
  /** `half-up`: a half rounds away from zero (89.995 → 90.00); `truncate`: further digits are dropped (89.999 → 89.99). */
  mode: 'half-up' | 'truncate';
}

export const DEFAULT_ROUNDING: Readonly<Rounding> = Object.freeze({ decimals: 2, mode: 'half-up' });

export interface Scheme {
  id: string;
  name: LocalizedText;
  source?: string;
  /** Set on schemes that encode a rule "as described by the source" rather than a standard. */
  provenance?: string;
  /** Chain of scheme IDs this one extends, nearest first. */
  extendsChain: string[];
  groups: ClauseGroup[];
  /** Items in clause order. */
  items: ClauseItem[];
  bands: ScoringBand[];
  deduction: DeductionRule;
  bonus: BonusRule;
  rounding: Rounding;
  /** Tiers sorted ascending by minScore, then stars. */
  tiers: Tier[];
  metrics: Metric[];
  /** Longest gap between two audits of a certification cycle, in months (surveillance-late). */
  surveillanceMonths: number;
  ncRules?: NcRules;
  /** Lookups built by the loader. */
  itemById: ReadonlyMap<string, ClauseItem>;
  groupById: ReadonlyMap<string, ClauseGroup>;
  /** Where the scheme came from: `builtin:<id>` or a file path. */
  origin: string;
}
