/**
 * What `check` found, as plain data: this is the `--format json` output, and every other format
 * (text, SARIF, GitHub annotations, Markdown) is rendered from it. Points and scores are exact
 * decimal strings ("86.25"), as in the editor's panel, so every format shows the same numbers.
 */
import type { ProblemCode, Severity } from '../model/problems';
import type { Problem } from '../model/types';

/** A problem before rendering: the file as shown to the user (relative to the current directory). */
export interface FileProblem {
  file: string;
  problem: Problem;
}

export interface OutProblem {
  file: string;
  /** 1-based; columns count UTF-16 code units (as the editor does). */
  line: number;
  column: number;
  endLine: number;
  /** 1-based, exclusive. */
  endColumn: number;
  severity: Severity;
  code: ProblemCode;
  message: string;
  /** The clause item the problem is about, when there is one. */
  itemId?: string;
  /** Stable across commits where unrelated lines move (cli/fingerprint.ts): for GitLab Code Quality. */
  fingerprint: string;
}

/** A problem hidden by a suppression comment. */
export interface OutSuppressed extends OutProblem {
  /** The reason written in the comment (after ` -- `), if any. */
  justification?: string;
  /** Where the comment is (1-based). */
  suppressedAt: { line: number; column: number };
}

/** A change `check --fix` made on disk. */
export interface OutFix {
  file: string;
  /** 1-based, where the change starts (in the text before the change). */
  line: number;
  column: number;
  /** What it fixed: `unknown-clause`, `max-mismatch`, or `full-width-id` (with --fix-ascii-ids). */
  kind: 'unknown-clause' | 'max-mismatch' | 'full-width-id';
  before: string;
  after: string;
}

export interface OutItem {
  id: string;
  title: string;
  points: string;
  requirement: string;
}

export interface OutFile {
  file: string;
  kind: 'manual' | 'audit' | 'none' | 'unreadable' | 'too-large';
  encoding?: string;
  /** Scheme the file was analysed with, when not the workspace's. */
  scheme?: string;
}

export interface OutCoverage {
  scheme: string;
  root?: string;
  /**
   * `declared`: files declare `type: manual` (or the config names manualRoot) and only those, plus
   * files under the root's folder, count; `inferred`: nothing is declared, every tagged file counts.
   */
  basis: 'declared' | 'inferred';
  /** The files that make up the manual, and why each counts (docs/scoring.md). */
  files: { file: string; reason: 'declared' | 'root-folder' | 'inferred' }[];
  /** Files with clause tags that are not counted (declared basis only). */
  notCounted: string[];
  coveredPoints: string;
  totalPoints: string;
  percentByPoints: string;
  coveredCount: number;
  totalCount: number;
  percentByCount: string;
  uncovered: OutItem[];
  /** Items declared not applicable (left out of both sides). */
  excluded: OutItem[];
}

export interface OutTier {
  id: string;
  name: string;
  stars: number;
}

export interface OutGate {
  tier: string;
  id: string;
  description: string;
  min: number;
  actual?: string;
  passed: boolean;
}

/** A non-conformity raised in a report, as of `asOf`. */
export interface OutNonconformity {
  id: string;
  /** Clause IDs it is raised against (items or groups of the scheme). */
  clauses: string[];
  severity: 'major' | 'minor' | 'observation' | null;
  status: 'open' | 'action-planned' | 'overdue' | 'closed';
  /** ISO due date, or null when none is written. */
  due: string | null;
  /** 1-based line of the NC's ID. */
  line: number;
  finding: string;
  /** Days from the as-of date to the due date (negative: past it); absent when closed or no due date. */
  daysToDue?: number;
  /** ISO date of the verification that closed it. */
  verified?: string;
  /** A later report (naming this one as previous) followed it up. */
  followedUp?: { file: string; status: 'closed' | 'action-planned' | 'open' | null; line: number };
}

/** `[跟踪 NC-04] 已关闭`: a follow-up of an NC of the previous report. */
export interface OutFollowUp {
  id: string;
  status: 'closed' | 'action-planned' | 'open' | null;
  line: number;
  /** The NC in the previous report (absent when it has none of that ID, or there is no previous report). */
  previous?: { severity: 'major' | 'minor' | 'observation' | null; status: OutNonconformity['status'] };
}

/** The previous report of the certification cycle (`previous:`). */
export interface OutPrevious {
  file: string;
  auditDate: string | null;
  total: string;
  star: string;
  auditType?: string;
}

/** One item's score (the JSON keeps every item, for tools that render the report). */
export interface OutItemScore {
  id: string;
  points: string;
  state: 'scored' | 'not-applicable' | 'unscored';
  /** Percentage of the item's points and points earned (scored items). */
  percent?: string;
  earned?: string;
  /** 1-based line of the entry, when there is one. */
  line?: number;
  /** `抽查 20 份，合格 18 份`. */
  sample?: { size: number; conforming: number };
  /** The percentage as scored when the scheme's ncRules capped it. */
  cappedFrom?: string;
}

export interface OutAudit {
  file: string;
  scheme: { id: string; name: string };
  organisation?: string;
  /** The total as reported (the scheme's rounding, e.g. "90.00"): it decides the star and the gates. */
  total: string;
  /** The total before that rounding, exact ("89.999"), or its first 8 decimals and "…". */
  exactTotal: string;
  /** The scheme's rounding of the total. */
  rounding: { decimals: number; mode: 'half-up' | 'truncate' };
  baseScore: string;
  /** `incomplete`: applicable items are unscored; the total is provisional and no star is given. */
  verdict: 'tier' | 'below-threshold' | 'failed-deductions' | 'incomplete' | 'blocked-by-nc';
  tier?: OutTier;
  /** The star level in words ("三星级", "Three stars (三星级)", "未达标", "Incomplete: 2 items unscored (provisional total 85.00)", …). */
  star: string;
  deductions: { count: number; points: string; limit: number };
  bonus: { claimed: string; applied: string; cap: number };
  scored: number;
  applicable: number;
  notApplicable: number;
  unscored: OutItem[];
  failedGates: OutGate[];
  /** The next tier: points still needed ("0.00" when the total is there) and gates that do not hold yet. */
  next?: { tier: OutTier; pointsNeeded: string; gatesNeeded: OutGate[] };
  /** Front matter `auditType` (initial, surveillance, recertification) and `auditDate`. */
  auditType?: string;
  auditDate?: string;
  items: OutItemScore[];
  nonconformities: OutNonconformity[];
  followUps: OutFollowUp[];
  /** NCs the report still tracks (raised and neither closed nor followed up later, or followed up and not closed); no observations. */
  openNonconformities: number;
  previous?: OutPrevious;
  /** Percent per group, before (previous report) and now. */
  groupChanges?: { id: string; title: string; level: 1 | 2; before: string; after: string; change: string }[];
}

export interface OutGateCheck {
  gate: 'min-star' | 'min-score' | 'min-coverage' | 'max-warnings' | 'max-open-nc' | 'fail-on-major-nc' | 'errors';
  /** What was required ("three-star", "85", "90", "0"). */
  required: string;
  /** What was found. */
  actual: string;
  passed: boolean;
  /** The file it was checked on (reports), if any. */
  file?: string;
  message: string;
}

export interface OutCounts {
  errors: number;
  warnings: number;
  information: number;
  hints: number;
  /** Problems hidden by a `gbt27922-disable…` comment (listed in `suppressed`, never counted above). */
  suppressed: number;
}

export interface OutCoverageBrief {
  coveredPoints: string;
  totalPoints: string;
  percentByPoints: string;
  coveredCount: number;
  totalCount: number;
}

export interface OutAuditBrief {
  total: string;
  star: string;
  tier?: string;
  verdict: OutAudit['verdict'];
}

export interface OutComparison {
  /** The ref as given (`origin/main`) and the commit it named. */
  base: string;
  commit: string;
  coverage?: {
    before?: OutCoverageBrief;
    after?: OutCoverageBrief;
    /** Signed, e.g. "+1.5", "-3", "0". */
    deltaPoints: string;
    deltaPercent: string;
    newlyUncovered: OutItem[];
    newlyCovered: OutItem[];
  };
  audits: {
    file: string;
    status: 'changed' | 'unchanged' | 'added' | 'removed';
    before?: OutAuditBrief;
    after?: OutAuditBrief;
    deltaTotal?: string;
    /** Star tier moved up or down (by tier rank), or stayed. */
    starChange: 'up' | 'down' | 'same' | 'n/a';
  }[];
  problems: { before: OutCounts; after: OutCounts };
}

export interface CheckReport {
  tool: { name: string; version: string };
  locale: 'en' | 'zh';
  /** The date NC statuses are computed against (`--as-of`, default today). */
  asOf: string;
  root: string;
  config?: string;
  scheme: { id: string; name: string; origin: string };
  files: OutFile[];
  coverage?: OutCoverage;
  audits: OutAudit[];
  problems: OutProblem[];
  /** Problems hidden by `gbt27922-disable…` comments: kept here, never counted for errors, warnings or gates. */
  suppressed: OutSuppressed[];
  counts: OutCounts;
  gates: OutGateCheck[];
  comparison?: OutComparison;
  /** With `--fix`: what was changed on disk (everything else describes the files after the change). */
  fixes?: OutFix[];
  /** 'pass' (exit 0) or 'fail' (exit 1: errors found or a gate failed). */
  result: 'pass' | 'fail';
  exitCode: 0 | 1 | 2;
}
