/**
 * Workspace analysis over document models: manual coverage is the union over all manual files
 * (uncovered items reported on the manual's root file); each audit report is scored on its own.
 * Shared by the language server (which calls the per-part functions incrementally) and the CLI
 * (which calls `analyzeWorkspace`). Pure: file-system questions come in as callbacks.
 */
import type { CoverageClaim, DocumentModel, Problem, Range } from '../model/types';
import { NOT_ANALYSED_CODES, normalizeLocale, problemMessage, type Locale, type ProblemCode, type Severity } from '../model/problems';
import type { Scheme } from '../scheme/types';
import { effectiveSeverity, type ProjectConfig } from '../config/config';
import { todayIso } from '../model/dates';
import { computeCoverage, type CoverageResult } from './coverage';
import { analyzeCycle, markFollowedUp, type CycleAnalysis, type CycleSource } from './cycle';
import { countNcs, ncProblems, ncRuleProblems, ncStates, openNcs, type NcCounts, type NcState, type OpenNc } from './nonconformities';
import { scoreAudit, type ScoreResult, type ScoringInput } from './scoring';
import { scoringInputFromModel } from './scoringInput';

export { scoringInputFromModel } from './scoringInput';

export interface FileModel {
  /** Stable identifier of the file (a URI in the server, a relative path in the CLI). */
  uri: string;
  model: DocumentModel;
}

/** Answer for a relative evidence link: checked by the caller against the file system. */
export type LinkStatus = 'ok' | 'missing' | 'outside' | 'skip';
export type LinkChecker = (fromUri: string, target: string) => LinkStatus;

const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Where file-level findings are anchored: the first heading, else the start of the file. */
export function anchorRange(model: DocumentModel): Range {
  return model.headings[0]?.range ?? ZERO_RANGE;
}

// ---------------------------------------------------------------------------------------------
// Manuals

export interface CoverageLocation {
  uri: string;
  claim: CoverageClaim;
}

/** Why a file is counted as part of the manual. */
export type ManualReason =
  /** Its front matter says `type: manual`. */
  | 'declared'
  /** It lies under the manual root's folder and declares no other type. */
  | 'root-folder'
  /** Nothing in the workspace is declared: a file with clause tags is taken as the manual. */
  | 'inferred';

export interface ManualAnalysis {
  /** Manual files that count for coverage, in a stable order (as given). */
  files: string[];
  /**
   * `declared`: a file declares `type: manual` or the config names a manual root, so only
   * declared files (and files under the root's folder) count; `inferred`: nothing is declared and
   * every file with clause tags is taken as the manual (outputs say so, and which files).
   */
  basis: 'declared' | 'inferred';
  /** Why each counted file counts. */
  reasons: Map<string, ManualReason>;
  /** Files with clause tags that do NOT count (declared basis): each gets a 'not-counted-as-manual' note. */
  notCounted: string[];
  /** The file uncovered items are reported on. */
  root?: string;
  coverage: CoverageResult;
  /** Item → every place a counted manual file claims it (addressed or not). */
  claims: Map<string, CoverageLocation[]>;
  /** Workspace-level problems by file (only the root gets 'uncovered-item'). */
  problems: Map<string, Problem[]>;
}

/**
 * Pick the manual root: the configured one if it is a manual, else a file marked `root: true`,
 * else the only or first (in the order given) manual file.
 */
export function chooseManualRoot(manuals: FileModel[], configured?: string): string | undefined {
  if (configured && manuals.some((m) => m.uri === configured)) return configured;
  return manuals.find((m) => m.model.frontMatter.root)?.uri ?? manuals[0]?.uri;
}

/** The folder of a file URI or workspace-relative path, with a trailing `/` ('' for a top-level path). */
function folderOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i < 0 ? '' : uri.slice(0, i + 1);
}

/**
 * Which files make up the manual (docs/scoring.md, "Which files count as the manual"): once any
 * file declares `type: manual` or the config names a manual root, only declared manual files
 * count, plus the files under the manual root's folder that declare no other type; a meeting
 * note elsewhere that mentions a clause must not complete the manual. The manual root is the
 * configured one, else the declared manual file marked `root: true`, else the first declared
 * one. With nothing declared, every file with clause tags is taken as the manual.
 */
export function manualFiles(files: FileModel[], manualRoot?: string): Pick<ManualAnalysis, 'basis' | 'reasons' | 'notCounted'> {
  const tagged = files.filter((f) => f.model.kind === 'manual');
  const declaredFiles = tagged.filter((f) => f.model.kindSource === 'front-matter');
  const declared = declaredFiles.length > 0 || manualRoot !== undefined;
  const reasons = new Map<string, ManualReason>();
  const notCounted: string[] = [];
  const root = manualRoot ?? chooseManualRoot(declaredFiles);
  const rootFolder = root !== undefined ? folderOf(root) : undefined;
  for (const f of tagged) {
    if (!declared) reasons.set(f.uri, 'inferred');
    else if (f.model.kindSource === 'front-matter') reasons.set(f.uri, 'declared');
    else if (rootFolder !== undefined && f.uri.startsWith(rootFolder)) reasons.set(f.uri, 'root-folder');
    else notCounted.push(f.uri);
  }
  return { basis: declared ? 'declared' : 'inferred', reasons, notCounted };
}

export function analyzeManuals(files: FileModel[], scheme: Scheme, options: { manualRoot?: string; excluded?: Iterable<string> } = {}): ManualAnalysis {
  const { basis, reasons, notCounted } = manualFiles(files, options.manualRoot);
  const manuals = files.filter((f) => reasons.has(f.uri));
  const claims = new Map<string, CoverageLocation[]>();
  const addressed = new Set<string>();
  const excluded = new Set(options.excluded ?? []);
  for (const f of manuals) {
    for (const claim of f.model.coverage) {
      if (!claims.has(claim.itemId)) claims.set(claim.itemId, []);
      claims.get(claim.itemId)!.push({ uri: f.uri, claim });
      if (claim.addressed) addressed.add(claim.itemId);
    }
    for (const na of f.model.frontMatter.notApplicable) excluded.add(na.itemId);
  }
  const coverage = computeCoverage(scheme, addressed, excluded);
  const root = chooseManualRoot(manuals, options.manualRoot);
  const problems = new Map<string, Problem[]>(manuals.map((m) => [m.uri, []]));
  if (root) {
    const rootModel = manuals.find((m) => m.uri === root)!.model;
    const range = anchorRange(rootModel);
    problems.set(
      root,
      coverage.uncovered.map((item) => ({
        code: 'uncovered-item' as const,
        args: { id: item.id, points: item.points, requirement: item.requirement },
        range,
        data: { itemId: item.id },
      })),
    );
  }
  for (const uri of notCounted) {
    const model = files.find((f) => f.uri === uri)!.model;
    const tag = model.tags.find((t) => t.refs.some((r) => r.kind === 'item')) ?? model.tags[0];
    const ids = [...new Set(model.coverage.map((c) => c.itemId))];
    problems.set(uri, [
      {
        code: 'not-counted-as-manual',
        args: { ids: ids.slice(0, 5).join(', ') + (ids.length > 5 ? ', …' : '') },
        range: tag?.range ?? anchorRange(model),
      },
    ]);
  }
  return { files: manuals.map((m) => m.uri), basis, reasons, notCounted, root, coverage, claims, problems };
}

// ---------------------------------------------------------------------------------------------
// Audit reports

export interface AuditAnalysis {
  uri: string;
  scheme: Scheme;
  input: ScoringInput;
  score: ScoreResult;
  /** Workspace-level problems of this report (unscored items, special limits, broken links, NCs, the cycle). */
  problems: Problem[];
  /** The date NC statuses are computed against (ISO). */
  asOf: string;
  /** The report's non-conformities with their status as of `asOf`, in document order: plain data for every output. */
  ncs: NcState[];
  ncCounts: NcCounts;
  /** NCs this report still tracks (raised and not closed nor followed up later; followed up and not closed); no observations. */
  open: OpenNc[];
  /** The chain of previous reports and the comparison with the previous one (when a cycle source was given). */
  cycle?: CycleAnalysis;
}

export interface AuditOptions {
  checkLink?: LinkChecker;
  /** ISO date NC statuses are computed against (default: today). */
  asOf?: string;
  /** Reads the reports of the certification cycle (`previous:`) and the later ones. */
  cycle?: CycleSource;
}

export function analyzeAudit(file: FileModel, scheme: Scheme, options: AuditOptions = {}): AuditAnalysis {
  const { model } = file;
  const asOf = options.asOf ?? todayIso();
  const input = scoringInputFromModel(model, scheme);
  const score = scoreAudit(scheme, input);
  const problems: Problem[] = [];
  const ncs = ncStates(model, asOf);
  if (options.cycle?.successors && ncs.length > 0) markFollowedUp(ncs, options.cycle.successors(file.uri));
  problems.push(...ncProblems(ncs, score.items, asOf), ...ncRuleProblems(model, scheme, score.items));
  const cycle = options.cycle ? analyzeCycle({ uri: file.uri, model, scheme }, score, ncs, options.cycle, asOf) : undefined;
  if (cycle) problems.push(...cycle.problems);
  const anchor = anchorRange(model);
  // An item with an entry whose score is unusable already has that entry's problem.
  const entered = new Set(model.entries.map((e) => e.itemId));
  for (const item of score.unscored) {
    if (entered.has(item.id)) continue;
    problems.push({ code: 'unscored-item', args: { id: item.id, points: item.points, requirement: item.requirement }, range: anchor, data: { itemId: item.id } });
  }
  const deductions = model.specials.filter((s) => s.kind === 'deduction');
  if (score.verdict === 'failed-deductions') {
    const range = deductions.length ? deductions[deductions.length - 1].range : anchor;
    problems.push({ code: 'deductions-over-limit', args: { points: score.deductionPoints.toFixed(2), limit: scheme.deduction.failAbove }, range });
  }
  if (score.bonusCapped) {
    const bonuses = model.specials.filter((s) => s.kind === 'bonus');
    const range = bonuses.length ? bonuses[bonuses.length - 1].range : anchor;
    problems.push({ code: 'bonus-over-cap', args: { points: score.bonusClaimed.toFixed(2), cap: scheme.bonus.cap }, range });
  }
  if (options.checkLink) problems.push(...linkProblems(file, options.checkLink));
  const open = cycle ? cycle.chain[cycle.chain.length - 1].open : openNcs(ncs, model.followUps);
  const out: AuditAnalysis = { uri: file.uri, scheme, input, score, problems, asOf, ncs, ncCounts: countNcs(ncs), open };
  if (cycle) out.cycle = cycle;
  return out;
}

/** Broken or outside-workspace relative links of a file (URLs and anchors are skipped by the checker). */
export function linkProblems(file: FileModel, checkLink: LinkChecker): Problem[] {
  const out: Problem[] = [];
  for (const link of file.model.links) {
    const status = checkLink(file.uri, link.target);
    if (status === 'missing') out.push({ code: 'broken-evidence-link', args: { target: link.target }, range: link.range });
    else if (status === 'outside') out.push({ code: 'evidence-link-outside', args: { target: link.target }, range: link.range });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Whole workspace (the CLI's entry point)

export interface WorkspaceAnalysis {
  manual?: ManualAnalysis;
  audits: AuditAnalysis[];
  /** Every problem by file: the model's own plus workspace-level ones, in document order. */
  problems: Map<string, Problem[]>;
}

export interface WorkspaceOptions {
  manualRoot?: string;
  checkLink?: LinkChecker;
  /** The scheme an audit report names in its front matter (undefined: use the workspace scheme). */
  schemeForAudit?: (file: FileModel) => Scheme | undefined;
  asOf?: string;
  cycle?: CycleSource;
}

export function analyzeWorkspace(files: FileModel[], scheme: Scheme, options: WorkspaceOptions = {}): WorkspaceAnalysis {
  const problems = new Map<string, Problem[]>();
  for (const f of files) {
    if (f.model.kind !== 'none') problems.set(f.uri, [...f.model.problems]);
    else {
      const notAnalysed = f.model.problems.filter((p) => NOT_ANALYSED_CODES.has(p.code));
      if (notAnalysed.length) problems.set(f.uri, notAnalysed);
    }
  }
  const hasManual = files.some((f) => f.model.kind === 'manual');
  const manual = hasManual ? analyzeManuals(files, scheme, { manualRoot: options.manualRoot }) : undefined;
  if (manual) {
    for (const [uri, ps] of manual.problems) problems.get(uri)!.push(...ps);
    if (options.checkLink) for (const f of files) if (f.model.kind === 'manual') problems.get(f.uri)!.push(...linkProblems(f, options.checkLink));
  }
  const audits = files
    .filter((f) => f.model.kind === 'audit')
    .map((f) => {
      const a = analyzeAudit(f, options.schemeForAudit?.(f) ?? scheme, { checkLink: options.checkLink, asOf: options.asOf, cycle: options.cycle });
      problems.get(f.uri)!.push(...a.problems);
      return a;
    });
  for (const ps of problems.values()) ps.sort(compareProblems);
  return { manual, audits, problems };
}

export function compareProblems(a: Problem, b: Problem): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

// ---------------------------------------------------------------------------------------------
// Presentation shared by the server and the CLI

export interface RenderedProblem {
  code: ProblemCode;
  severity: Severity;
  message: string;
  range: Range;
  data?: Problem['data'];
}

/**
 * The verdict of a report with unscored applicable items, in the CLI, the panel and the status
 * bar alike: "Incomplete: 3 items unscored (provisional total 85.00)" /
 * "未完成：3 项未评分（暂计总分 85.00）".
 */
export function incompleteVerdictText(score: Pick<ScoreResult, 'unscored' | 'total' | 'decimals'>, locale: Locale | string): string {
  const n = score.unscored.length;
  const total = score.total.toScore(score.decimals);
  if (normalizeLocale(locale) === 'zh') return `未完成：${n} 项未评分（暂计总分 ${total}）`;
  return `Incomplete: ${n} ${n === 1 ? 'item' : 'items'} unscored (provisional total ${total})`;
}

/** A problem with its message in `locale` and its severity after config; undefined when turned off. */
export function renderProblem(p: Problem, locale: Locale | string, config?: Pick<ProjectConfig, 'severity'>): RenderedProblem | undefined {
  const severity = effectiveSeverity(p.code, config, p.severity);
  if (severity === 'off') return undefined;
  return { code: p.code, severity, message: problemMessage(p.code, p.args, locale), range: p.range, data: p.data };
}
