/**
 * `check --base <ref>`: what changed between the base revision and the working tree — coverage
 * (points and percent), items newly uncovered or newly covered, each report's total and star.
 * Reports are matched by path.
 */
import { Rational } from '../analysis/rational';
import type { AuditAnalysis } from '../analysis/workspace';
import type { Locale } from '../model/problems';
import type { Side } from './analyze';
import { auditBrief, countProblems, coverageBrief, outItem, renderProblems } from './build';
import type { Project } from './project';
import type { OutComparison } from './report';
import { signed } from './numbers';


function rank(a: AuditAnalysis): number {
  if (a.score.verdict === 'failed-deductions' || a.score.verdict === 'blocked-by-nc') return -2;
  return a.score.tier ? a.scheme.tiers.indexOf(a.score.tier) : -1;
}

export function compareSides(base: Side, head: Side, project: Project, ref: string, commit: string): OutComparison {
  const locale: Locale = project.locale;
  const before = base.workspace.manual;
  const after = head.workspace.manual;
  let coverage: OutComparison['coverage'];
  if (before || after) {
    const zero = Rational.ZERO;
    const coveredBefore = new Set((before?.coverage.covered ?? []).map((i) => i.id));
    const scheme = project.scheme;
    coverage = {
      before: coverageBrief(before),
      after: coverageBrief(after),
      deltaPoints: signed((after?.coverage.coveredPoints ?? zero).sub(before?.coverage.coveredPoints ?? zero), true),
      deltaPercent: signed((after?.coverage.percentByPoints ?? zero).sub(before?.coverage.percentByPoints ?? zero)),
      newlyUncovered: (after?.coverage.uncovered ?? scheme.items).filter((i) => coveredBefore.has(i.id)).map((i) => outItem(i, locale)),
      newlyCovered: (after?.coverage.covered ?? []).filter((i) => !coveredBefore.has(i.id)).map((i) => outItem(i, locale)),
    };
  }
  const baseAudits = new Map(base.workspace.audits.map((a) => [a.uri, a]));
  const headAudits = new Map(head.workspace.audits.map((a) => [a.uri, a]));
  const displayOf = (side: Side, uri: string) => side.files.find((f) => f.rel === uri)?.display ?? uri;
  const audits: OutComparison['audits'] = [];
  for (const a of head.workspace.audits) {
    const b = baseAudits.get(a.uri);
    const file = displayOf(head, a.uri);
    if (!b) {
      audits.push({ file, status: 'added', after: auditBrief(a, locale), starChange: 'n/a' });
      continue;
    }
    const delta = a.score.total.sub(b.score.total);
    const r = rank(a) - rank(b);
    const sameTier = (a.score.tier?.id ?? a.score.verdict) === (b.score.tier?.id ?? b.score.verdict);
    audits.push({
      file,
      status: delta.isZero() && sameTier ? 'unchanged' : 'changed',
      before: auditBrief(b, locale),
      after: auditBrief(a, locale),
      deltaTotal: signed(delta),
      starChange: r > 0 ? 'up' : r < 0 ? 'down' : 'same',
    });
  }
  for (const b of base.workspace.audits) {
    if (headAudits.has(b.uri)) continue;
    audits.push({ file: displayOf(base, b.uri), status: 'removed', before: auditBrief(b, locale), starChange: 'n/a' });
  }
  audits.sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
  return {
    base: ref,
    commit,
    ...(coverage ? { coverage } : {}),
    audits,
    problems: { before: countProblems(renderProblems(base, project), base.suppressed.length), after: countProblems(renderProblems(head, project), head.suppressed.length) },
  };
}
