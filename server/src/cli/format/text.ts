/**
 * Human output: one line per problem (`file:line:col: severity: message [code]`, clickable in
 * terminals and editors), then coverage, each report's total and star, the comparison with the
 * base revision, gates and the result.
 */
import type { Locale } from '../../model/problems';
import { PLAIN, type Palette } from '../color';
import { nextText } from '../build';
import { count, pointsText, severityText, statusText, t } from '../i18n';
import type { CheckReport, OutAudit, OutComparison, OutFix, OutProblem } from '../report';
import { Rational } from '../../analysis/rational';
import { signed } from '../numbers';

export function severityWord(s: OutProblem['severity'], locale: Locale): string {
  if (locale === 'zh') return s === 'error' ? '错误' : s === 'warning' ? '警告' : s === 'information' ? '信息' : '提示';
  return s === 'information' ? 'info' : s;
}

export function problemLine(p: OutProblem, locale: Locale, c: Palette): string {
  const sev = severityWord(p.severity, locale);
  const colored = p.severity === 'error' ? c.red(sev) : p.severity === 'warning' ? c.yellow(sev) : c.cyan(sev);
  return `${c.bold(`${p.file}:${p.line}:${p.column}`)}: ${colored}: ${p.message} ${c.dim(`[${p.code}]`)}`;
}

/** `file:line:col: fixed: before → after [kind]`. */
export function fixLine(f: OutFix, locale: Locale, c: Palette = PLAIN): string {
  return `${c.bold(`${f.file}:${f.line}:${f.column}`)}: ${c.green(t('fixed', locale))}: ${f.before} → ${f.after} ${c.dim(`[${f.kind}]`)}`;
}

export function formatText(r: CheckReport, c: Palette): string {
  const L = r.locale;
  const out: string[] = [];
  if (r.fixes) {
    for (const f of r.fixes) out.push(fixLine(f, L, c));
    out.push(`${c.bold(t('fixed', L))}: ${r.fixes.length} (${count(new Set(r.fixes.map((f) => f.file)).size, 'files', L)})`, '');
  }
  for (const p of r.problems) out.push(problemLine(p, L, c));
  if (r.problems.length) out.push('');
  out.push(...summaryLines(r, c));
  return out.join('\n') + '\n';
}

/** Everything but the problem lines (shared with the `github` format). */
export function summaryLines(r: CheckReport, c: Palette): string[] {
  const L = r.locale;
  const zh = L === 'zh';
  const out: string[] = [];
  const cov = r.coverage;
  if (cov) {
    out.push(
      `${c.bold(t('coverage', L))} (${cov.scheme}): ${cov.coveredCount}/${cov.totalCount} ${t('items', L)}, ${cov.coveredPoints}/${pointsText(cov.totalPoints, L)} (${cov.percentByPoints}%)`,
    );
    if (cov.uncovered.length) {
      out.push(`  ${t('uncovered', L)}: ${capped(cov.uncovered.map((i) => `${i.id} ${i.title} (${pointsText(i.points, L)})`), 10, L).join(zh ? '；' : '; ')}`);
    }
    out.push(...manualFilesLines(cov, L).map((l) => `  ${l}`));
  } else out.push(c.dim(t('noManual', L)));
  if (r.audits.length === 0) out.push(c.dim(t('noAudit', L)));
  for (const a of r.audits) {
    const star = a.verdict === 'tier' ? c.green(a.star) : a.verdict === 'incomplete' ? c.yellow(a.star) : c.red(a.star);
    // An incomplete report's verdict carries its provisional total itself.
    const verdict = a.verdict === 'incomplete' ? star : `${t('total', L)} ${c.bold(a.total)}, ${star}`;
    out.push(`${c.bold(t('report', L))} ${a.file}: ${verdict}${a.scheme.id !== r.scheme.id ? ` (${t('scheme', L)} ${a.scheme.id})` : ''}`);
    const details: string[] = [];
    if (a.unscored.length) details.push(`${t('unscored', L)}: ${capped(a.unscored.map((i) => i.id), 20, L).join(', ')}`);
    if (a.notApplicable) details.push(`${t('notApplicable', L)}: ${a.notApplicable}`);
    if (a.deductions.count) details.push(`${t('deductions', L)}: ${a.deductions.count} (${pointsText(a.deductions.points, L)})`);
    if (Number(a.bonus.claimed) !== 0) details.push(`${t('bonus', L)}: ${a.bonus.applied}`);
    if (details.length) out.push(`  ${details.join(' · ')}`);
    for (const g of a.failedGates) out.push(`  ${c.yellow(t('gateFailed', L))}: ${g.description}${g.actual !== undefined ? ` (${g.actual})` : ''}`);
    if (a.next) out.push(`  ${t('next', L)}: ${nextText(a.next, L)}`);
    out.push(...auditCycleLines(a, L, c, '  '));
  }
  if (r.comparison) out.push('', ...comparisonLines(r.comparison, L, c));
  out.push('');
  const k = r.counts;
  const tally = [count(k.errors, 'errors', L), count(k.warnings, 'warnings', L)];
  if (k.information + k.hints) tally.push(count(k.information + k.hints, 'notes', L));
  if (k.suppressed) tally.push(`${k.suppressed} ${t('suppressed', L)}`);
  out.push(`${c.bold(t('problems', L))}: ${tally.join(', ')}${analysedText(r, L)}`);
  const shown = r.gates.filter((g) => g.gate !== 'errors' || !g.passed);
  if (shown.length) {
    out.push(`${c.bold(t('gates', L))}:`);
    for (const g of shown) out.push(`  ${g.passed ? c.green('✓') : c.red('✗')} ${g.message}`);
  }
  out.push(`${c.bold(t('result', L))}: ${r.result === 'pass' ? c.green(t('pass', L)) : c.red(t('fail', L))}`);
  return out;
}

/** The previous audit, the NCs (one line each) and the follow-ups of a report (shared with `score`). */
export function auditCycleLines(a: OutAudit, L: Locale, c: Palette, indent: string): string[] {
  const zh = L === 'zh';
  const out: string[] = [];
  if (a.previous) {
    const p = a.previous;
    const delta = signed(Rational.parse(a.total)!.sub(Rational.parse(p.total)!));
    out.push(`${indent}${t('previous', L)}: ${p.file}${p.auditDate ? ` (${p.auditDate})` : ''}: ${p.total}, ${p.star} → ${a.total} (${delta})`);
    const moved = (a.groupChanges ?? []).filter((g) => g.level === 1);
    if (moved.length) out.push(`${indent}  ${t('byGroup', L)}: ${moved.map((g) => `${g.id} ${g.before}% → ${g.after}% (${g.change})`).join(zh ? '；' : '; ')}`);
  }
  if (a.nonconformities.length) {
    out.push(`${indent}${t('nonconformities', L)} (${a.nonconformities.length}):`);
    for (const n of a.nonconformities) {
      const status = statusText(n.status, L);
      const colored = n.status === 'overdue' ? c.red(status) : n.status === 'closed' ? c.green(status) : c.yellow(status);
      const due = n.due ? `${zh ? '，' : ', '}${t('due', L)} ${n.due}` : '';
      const days = n.daysToDue === undefined ? '' : n.daysToDue < 0 ? (zh ? `，逾期 ${-n.daysToDue} 天` : `, ${-n.daysToDue} day(s) past due`) : zh ? `，还有 ${n.daysToDue} 天` : `, ${n.daysToDue} day(s) left`;
      const followed = n.followedUp ? ` — ${t('followedUpIn', L)}${zh ? '' : ' '}${n.followedUp.file}${n.followedUp.status ? `${zh ? '：' : ': '}${statusText(n.followedUp.status, L)}` : ''}` : '';
      out.push(`${indent}  ${c.bold(n.id)} [${n.clauses.join(', ')}] ${severityText(n.severity, L)} · ${colored}${due}${days}${followed}${zh ? `（第 ${n.line} 行）` : ` (line ${n.line})`}`);
    }
  }
  if (a.followUps.length) {
    out.push(`${indent}${t('followUps', L)}: ${a.followUps.map((f) => `${f.id} ${statusText(f.status, L)}`).join(zh ? '；' : '; ')}`);
  }
  return out;
}

/**
 * Which files were taken as the manual and why, when that is not the plain declared case:
 * inferred manuals are named, and tagged files left out of a declared manual are listed.
 */
export function manualFilesLines(cov: NonNullable<CheckReport['coverage']>, L: Locale, name: (file: string) => string = (f) => f): string[] {
  const sep = L === 'zh' ? '、' : ', ';
  const out: string[] = [];
  if (cov.basis === 'inferred') out.push(`${t('takenAsManual', L)}${L === 'zh' ? '：' : ': '}${cov.files.map((f) => name(f.file)).join(sep)}`);
  if (cov.notCounted.length) {
    const why = L === 'zh' ? `（${t('notCountedWhy', L)}）` : ` (${t('notCountedWhy', L)})`;
    out.push(`${t('notCountedAsManual', L)}${L === 'zh' ? '：' : ': '}${cov.notCounted.map(name).join(sep)}${why}`);
  }
  return out;
}

/**
 * " (6 files analysed: 4 manual, 2 audit reports)": the files analysed as manuals and reports,
 * not the evidence files and notes that are Markdown too (the JSON lists every file and its kind).
 */
export function analysedText(r: CheckReport, L: Locale): string {
  const manuals = r.files.filter((f) => f.kind === 'manual').length;
  const audits = r.files.filter((f) => f.kind === 'audit').length;
  const n = manuals + audits;
  if (L === 'zh') {
    const parts = [manuals ? `手册 ${manuals} 个` : '', audits ? `审核报告 ${audits} 份` : ''].filter(Boolean);
    return `（分析了 ${n} 个文件${parts.length ? `：${parts.join('，')}` : ''}）`;
  }
  const parts = [manuals ? `${manuals} manual` : '', audits ? `${audits} audit ${audits === 1 ? 'report' : 'reports'}` : ''].filter(Boolean);
  return ` (${n} ${n === 1 ? 'file' : 'files'} analysed${parts.length ? `: ${parts.join(', ')}` : ''})`;
}

/** The first `max` entries, then "… and N more" (the JSON output has them all). */
function capped(list: string[], max: number, L: Locale): string[] {
  if (list.length <= max + 1) return list;
  return [...list.slice(0, max), L === 'zh' ? `……另有 ${list.length - max} 项` : `… and ${list.length - max} more`];
}

export function comparisonLines(cmp: OutComparison, L: Locale, c: Palette): string[] {
  const zh = L === 'zh';
  const out: string[] = [`${c.bold(t('comparedWith', L))} ${cmp.base} (${cmp.commit.slice(0, 7)}):`];
  const cov = cmp.coverage;
  if (cov) {
    const b = cov.before ? `${cov.before.percentByPoints}%` : '—';
    const a = cov.after ? `${cov.after.percentByPoints}%` : '—';
    out.push(`  ${t('coverage', L)}: ${b} → ${a} (${cov.deltaPercent}%, ${pointsText(cov.deltaPoints, L)})`);
    if (cov.newlyUncovered.length) out.push(`    ${c.red(t('newlyUncovered', L))}: ${cov.newlyUncovered.map((i) => `${i.id} ${i.title} (${i.points})`).join(zh ? '；' : '; ')}`);
    if (cov.newlyCovered.length) out.push(`    ${c.green(t('newlyCovered', L))}: ${cov.newlyCovered.map((i) => `${i.id} ${i.title} (${i.points})`).join(zh ? '；' : '; ')}`);
  }
  for (const a of cmp.audits) {
    if (a.status === 'added') out.push(`  ${a.file}: ${t('added', L)}, ${a.after!.total}, ${a.after!.star}`);
    else if (a.status === 'removed') out.push(`  ${a.file}: ${t('removed', L)} (${a.before!.total}, ${a.before!.star})`);
    else {
      const arrow = a.starChange === 'up' ? c.green('▲') : a.starChange === 'down' ? c.red('▼') : '';
      const star = a.before!.star === a.after!.star ? a.after!.star : `${a.before!.star} → ${a.after!.star} ${arrow}`;
      out.push(`  ${a.file}: ${a.before!.total} → ${a.after!.total} (${a.deltaTotal}), ${star}`);
    }
  }
  const pb = cmp.problems.before;
  const pa = cmp.problems.after;
  out.push(`  ${t('problems', L)}: ${t('errors', L)} ${pb.errors} → ${pa.errors}, ${t('warnings', L)} ${pb.warnings} → ${pa.warnings}`);
  return out;
}
