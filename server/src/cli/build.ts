/**
 * From an analysed side to the report data every format prints: problems rendered in the
 * chosen language with the config's severities, coverage, and each report's total and star.
 */
import type { AuditAnalysis, ManualAnalysis } from '../analysis/workspace';
import { incompleteVerdictText, renderProblem } from '../analysis/workspace';
import type { GateResult } from '../analysis/scoring';
import type { Locale } from '../model/problems';
import type { ClauseItem, Scheme, Tier } from '../scheme/types';
import type { FileSuppressed, Side } from './analyze';
import { groupTitle, itemTitle, localized, pointsText, schemeName, t, tierName } from './i18n';
import type { Project } from './project';
import type { FileProblem, OutAudit, OutAuditBrief, OutCounts, OutCoverage, OutCoverageBrief, OutFile, OutFollowUp, OutGate, OutItem, OutItemScore, OutNonconformity, OutProblem, OutSuppressed, OutTier } from './report';
import type { DocumentModel } from '../model/types';
import { Rational } from '../analysis/rational';
import { fixed, signed } from './numbers';
import { fingerprints } from './fingerprint';

export function outItem(item: ClauseItem, locale: Locale): OutItem {
  return { id: item.id, title: itemTitle(item, locale), points: item.points, requirement: item.requirement };
}

export function outTier(tier: Tier, locale: Locale): OutTier {
  return { id: tier.id, name: tierName(tier, locale), stars: tier.stars };
}

export function verdictText(a: Pick<AuditAnalysis['score'], 'verdict' | 'tier' | 'unscored' | 'total' | 'decimals'>, locale: Locale): string {
  if (a.verdict === 'failed-deductions') return t('failedDeductions', locale);
  if (a.verdict === 'blocked-by-nc') return t('blockedByNc', locale);
  if (a.verdict === 'incomplete') return incompleteVerdictText(a, locale);
  if (a.verdict === 'below-threshold' || !a.tier) return t('notReached', locale);
  return tierName(a.tier, locale);
}

export function renderProblems(side: Side, project: Project): OutProblem[] {
  return renderList(side.problems, side, project).map((x) => x.out);
}

/** Problems hidden by suppression comments, rendered like the others, with the comment's reason. */
export function renderSuppressed(side: Side, project: Project): OutSuppressed[] {
  return renderList(side.suppressed, side, project).map(({ out, item }) => {
    const s = item as FileSuppressed;
    return { ...out, ...(s.justification ? { justification: s.justification } : {}), suppressedAt: { line: s.by.start.line + 1, column: s.by.start.character + 1 } };
  });
}

function renderList<T extends FileProblem>(items: readonly T[], side: Side, project: Project): { out: OutProblem; item: T }[] {
  const order = new Map<string, number>();
  side.files.forEach((f, i) => order.set(f.display, i + 1));
  const out: { out: OutProblem; item: T }[] = [];
  for (const item of items) {
    const r = renderProblem(item.problem, project.locale, project.config);
    if (!r) continue;
    out.push({
      item,
      out: {
        file: item.file,
        line: r.range.start.line + 1,
        column: r.range.start.character + 1,
        endLine: r.range.end.line + 1,
        endColumn: r.range.end.character + 1,
        severity: r.severity,
        code: r.code,
        message: r.message,
        ...(typeof r.data?.itemId === 'string' ? { itemId: r.data.itemId } : {}),
        fingerprint: '',
      },
    });
  }
  // Config and scheme files first, then the Markdown files in their order; by position inside a file.
  const rank = (f: string) => order.get(f) ?? 0;
  const indexed = out.map((x, i) => ({ x, p: x.out, i }));
  indexed.sort((a, b) => rank(a.p.file) - rank(b.p.file) || (a.p.file < b.p.file ? -1 : a.p.file > b.p.file ? 1 : 0) || a.p.line - b.p.line || a.p.column - b.p.column || a.i - b.i);
  const sorted = indexed.map((e) => e.x);
  const lines = new Map<string, string[] | undefined>();
  const linesOf = (file: string) => {
    if (!lines.has(file)) lines.set(file, side.files.find((f) => f.display === file)?.text?.split(/\r\n|\r|\n/));
    return lines.get(file);
  };
  const prints = fingerprints(
    sorted.map(({ out: p }) => ({ file: p.file, code: p.code, itemId: p.itemId, range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.endLine - 1, character: p.endColumn - 1 } } })),
    linesOf,
  );
  sorted.forEach((e, i) => (e.out.fingerprint = prints[i]));
  return sorted;
}

export function countProblems(problems: readonly OutProblem[], suppressed = 0): OutCounts {
  const c: OutCounts = { errors: 0, warnings: 0, information: 0, hints: 0, suppressed };
  for (const p of problems) {
    if (p.severity === 'error') c.errors++;
    else if (p.severity === 'warning') c.warnings++;
    else if (p.severity === 'information') c.information++;
    else c.hints++;
  }
  return c;
}

export function outFiles(side: Side): OutFile[] {
  return side.files.map((f) => ({
    file: f.display,
    kind: f.kind,
    ...(f.encoding ? { encoding: f.encoding } : {}),
    ...(f.scheme && f.kind !== 'none' ? { scheme: f.scheme.id } : {}),
  }));
}

export function outCoverage(manual: ManualAnalysis, side: Side, locale: Locale): OutCoverage {
  const c = manual.coverage;
  const display = (uri: string) => side.files.find((f) => f.rel === uri)?.display ?? uri;
  return {
    scheme: c.scheme.id,
    root: manual.root ? display(manual.root) : undefined,
    basis: manual.basis,
    files: manual.files.map((uri) => ({ file: display(uri), reason: manual.reasons.get(uri)! })),
    notCounted: manual.notCounted.map(display),
    coveredPoints: c.coveredPoints.toFixed(2),
    totalPoints: c.totalPoints.toFixed(2),
    percentByPoints: fixed(c.percentByPoints),
    coveredCount: c.coveredCount,
    totalCount: c.totalCount,
    percentByCount: fixed(c.percentByCount),
    uncovered: c.uncovered.map((i) => outItem(i, locale)),
    excluded: c.excluded.map((i) => outItem(i, locale)),
  };
}

export function coverageBrief(manual: ManualAnalysis | undefined): OutCoverageBrief | undefined {
  if (!manual) return undefined;
  const c = manual.coverage;
  return {
    coveredPoints: c.coveredPoints.toFixed(2),
    totalPoints: c.totalPoints.toFixed(2),
    percentByPoints: fixed(c.percentByPoints),
    coveredCount: c.coveredCount,
    totalCount: c.totalCount,
  };
}

function outGate(g: GateResult, locale: Locale): OutGate {
  return {
    tier: g.tier.id,
    id: g.gate.id,
    description: localized(g.gate.description, locale),
    min: g.gate.min,
    ...(g.actual ? { actual: fixed(g.actual) } : {}),
    passed: g.passed,
  };
}

export function outAudit(a: AuditAnalysis, side: Side, locale: Locale): OutAudit {
  const s = a.score;
  const file = side.files.find((f) => f.rel === a.uri);
  const scheme: Scheme = a.scheme;
  return {
    file: file?.display ?? a.uri,
    scheme: { id: scheme.id, name: schemeName(scheme, locale) },
    ...(file?.model?.frontMatter.organisation ? { organisation: file.model.frontMatter.organisation } : {}),
    total: fixed(s.total, s.decimals),
    exactTotal: s.exactTotal.toExact(),
    rounding: { ...scheme.rounding },
    baseScore: fixed(s.baseScore),
    verdict: s.verdict,
    ...(s.tier ? { tier: outTier(s.tier, locale) } : {}),
    star: verdictText(s, locale),
    deductions: { count: s.deductionCount, points: fixed(s.deductionPoints), limit: scheme.deduction.failAbove },
    bonus: { claimed: fixed(s.bonusClaimed), applied: fixed(s.bonusApplied), cap: scheme.bonus.cap },
    scored: s.items.filter((r) => r.state === 'scored').length,
    applicable: s.items.filter((r) => r.state !== 'not-applicable').length,
    notApplicable: s.notApplicable.length,
    unscored: s.unscored.map((i) => outItem(i, locale)),
    failedGates: s.failedGates.map((g) => outGate(g, locale)),
    ...(s.next ? { next: { tier: outTier(s.next.tier, locale), pointsNeeded: fixed(s.next.pointsNeeded, s.decimals), gatesNeeded: s.next.gatesNeeded.map((g) => outGate(g, locale)) } } : {}),
    ...cycleFields(a, file?.model, side, locale),
  };
}

function cycleFields(a: AuditAnalysis, model: DocumentModel | undefined, side: Side, locale: Locale): Pick<OutAudit, 'auditType' | 'auditDate' | 'items' | 'nonconformities' | 'followUps' | 'openNonconformities' | 'previous' | 'groupChanges'> {
  const display = (uri: string) => side.files.find((f) => f.rel === uri)?.display ?? a.cycle?.chain.find((e) => e.uri === uri)?.name ?? uri;
  const entryLine = new Map((model?.entries ?? []).map((e) => [e.itemId, e.range.start.line + 1]));
  const items: OutItemScore[] = a.score.items.map((r) => ({
    id: r.item.id,
    points: r.item.points,
    state: r.state,
    ...(r.state === 'scored' && r.percent ? { percent: fixed(r.percent), earned: fixed(r.earned) } : {}),
    ...(entryLine.has(r.item.id) ? { line: entryLine.get(r.item.id)! } : {}),
    ...(r.sample ? { sample: { ...r.sample } } : {}),
    ...(r.cappedFrom ? { cappedFrom: fixed(r.cappedFrom) } : {}),
  }));
  const nonconformities: OutNonconformity[] = a.ncs.map((s) => ({
    id: s.nc.id,
    clauses: s.nc.clauses.map((c) => c.id),
    severity: s.nc.severity ?? null,
    status: s.status,
    due: s.nc.due?.iso ?? null,
    line: s.nc.idRange.start.line + 1,
    finding: s.nc.finding,
    ...(s.daysToDue !== undefined ? { daysToDue: s.daysToDue } : {}),
    ...(s.nc.verification?.closed && s.nc.verification.date?.iso ? { verified: s.nc.verification.date.iso } : {}),
    ...(s.followedUp ? { followedUp: { file: display(s.followedUp.uri), status: s.followedUp.status ?? null, line: s.followedUp.range.start.line + 1 } } : {}),
  }));
  const cycle = a.cycle;
  const followUps: OutFollowUp[] = (cycle?.followUps ?? (model?.followUps ?? []).map((followUp) => ({ followUp, nc: undefined }))).map(({ followUp: f, nc }) => ({
    id: f.id,
    status: f.status ?? null,
    line: f.idRange.start.line + 1,
    ...(nc ? { previous: { severity: nc.nc.severity ?? null, status: nc.status } } : {}),
  }));
  const out: ReturnType<typeof cycleFields> = { items, nonconformities, followUps, openNonconformities: a.open.length };
  const fm = model?.frontMatter.cycle;
  if (fm?.type) out.auditType = fm.type;
  if (fm?.date) out.auditDate = fm.date;
  const prev = cycle?.previous;
  if (prev) {
    out.previous = { file: prev.name, auditDate: prev.auditDate ?? null, total: fixed(prev.score.total), star: verdictText(prev.score, locale), ...(prev.auditType ? { auditType: prev.auditType } : {}) };
    out.groupChanges = cycle!.groupChanges.map((g) => ({
      id: g.id,
      title: groupTitle(a.scheme.groupById.get(g.id), locale),
      level: a.scheme.groupById.get(g.id)?.parent ? 2 : 1,
      before: fixed(g.before),
      after: fixed(g.after),
      // The change of the values as shown (two decimals each), so the three numbers agree.
      change: signed(Rational.parse(fixed(g.after))!.sub(Rational.parse(fixed(g.before))!)),
    }));
  }
  return out;
}

/** "Five stars (五星级) needs 3.00 points" / "… needs First-time fix rate ≥ 90% (88.00)". */
export function nextText(next: NonNullable<OutAudit['next']>, locale: Locale): string {
  const needs: string[] = [];
  if (Number(next.pointsNeeded) > 0) needs.push(pointsText(next.pointsNeeded, locale));
  for (const g of next.gatesNeeded) needs.push(`${g.description}${g.actual !== undefined ? ` (${locale === 'zh' ? '实际' : 'actual'} ${g.actual})` : ''}`);
  if (needs.length === 0) return `${next.tier.name}`;
  return `${next.tier.name} ${t('needs', locale)} ${needs.join(locale === 'zh' ? '；' : '; ')}`;
}

export function auditBrief(a: AuditAnalysis, locale: Locale): OutAuditBrief {
  return {
    total: fixed(a.score.total, a.score.decimals),
    star: verdictText(a.score, locale),
    ...(a.score.tier ? { tier: a.score.tier.id } : {}),
    verdict: a.score.verdict,
  };
}
