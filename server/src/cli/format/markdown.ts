/**
 * Markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`: a summary table (coverage,
 * each report's total and star, problem counts, with the change against `--base`), the
 * comparison's item lists, gates, and the problems in a collapsible list.
 */
import type { Locale } from '../../model/problems';
import { count, pointsText, severityText, statusText, t } from '../i18n';
import type { CheckReport, OutAudit, OutComparison, OutItem } from '../report';
import { markdownCode, printable } from './printable';
import { manualFilesLines, severityWord } from './text';

/** Escape text for a table cell or inline Markdown (control characters shown as escapes, see printable.ts). */
export function mdEscape(s: string): string {
  return printable(s.replace(/\r?\n/g, ' ')).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/([*_`[\]<>#!&~])/g, '\\$1');
}

/** A file name or ref as inline code that no backtick run or line break in it can leave. */
function code(s: string): string {
  return markdownCode(s);
}

function items(list: OutItem[], L: Locale): string {
  return list.map((i) => `${i.id} ${mdEscape(i.title)} (${pointsText(i.points, L)})`).join(L === 'zh' ? '；' : '; ');
}

export function formatMarkdown(r: CheckReport): string {
  const L = r.locale;
  const zh = L === 'zh';
  const cmp = r.comparison;
  const out: string[] = [];
  const icon = r.result === 'pass' ? '✅' : '❌';
  out.push(`## ${icon} ${t('title', L)}: ${r.result === 'pass' ? t('pass', L) : t('fail', L)}`, '');
  if (cmp) out.push(`${t('comparedWith', L)} ${code(cmp.base)} (${cmp.commit.slice(0, 7)})`, '');

  const header = cmp ? `| | ${t('value', L)} | ${t('change', L)} |` : `| | ${t('value', L)} |`;
  out.push(header, cmp ? '| --- | --- | --- |' : '| --- | --- |');
  const row = (label: string, value: string, change?: string) => out.push(cmp ? `| ${label} | ${value} | ${change ?? ''} |` : `| ${label} | ${value} |`);

  if (r.coverage) {
    const c = r.coverage;
    const cc = cmp?.coverage;
    row(
      `${t('coverage', L)} (${mdEscape(c.scheme)})`,
      `**${c.percentByPoints}%** · ${c.coveredPoints}/${pointsText(c.totalPoints, L)} · ${c.coveredCount}/${c.totalCount} ${t('items', L)}`,
      cc ? `${trend(cc.deltaPercent)} ${cc.deltaPercent}% (${pointsText(cc.deltaPoints, L)})` : undefined,
    );
  } else row(t('coverage', L), t('none', L), cmp?.coverage ? `${cmp.coverage.deltaPercent}%` : undefined);

  for (const a of r.audits) {
    const ca = cmp?.audits.find((x) => x.file === a.file);
    let change: string | undefined;
    if (ca?.status === 'added') change = t('added', L);
    else if (ca && ca.before) {
      change = `${trend(ca.deltaTotal ?? '0')} ${ca.deltaTotal}` + (ca.before.star !== a.star ? ` · ${mdEscape(ca.before.star)} → ${mdEscape(a.star)}` : '');
    }
    row(`${t('report', L)} ${code(a.file)}`, `**${a.total}** · ${mdEscape(a.star)}`, change);
  }
  for (const ca of cmp?.audits ?? []) {
    if (ca.status === 'removed') row(`${t('report', L)} ${code(ca.file)}`, t('removed', L), `${ca.before!.total} · ${mdEscape(ca.before!.star)}`);
  }
  const k = r.counts;
  const pc = cmp?.problems;
  row(t('problems', L), `${count(k.errors, 'errors', L)}, ${count(k.warnings, 'warnings', L)}${k.suppressed ? `, ${k.suppressed} ${t('suppressed', L)}` : ''}`, pc ? `${signedInt(k.errors - pc.before.errors)} / ${signedInt(k.warnings - pc.before.warnings)}` : undefined);
  out.push('');

  if (r.coverage?.uncovered.length) out.push(`**${t('uncovered', L)}:** ${items(r.coverage.uncovered, L)}`, '');
  if (r.coverage) for (const line of manualFilesLines(r.coverage, L, code)) out.push(line, '');
  if (cmp?.coverage) out.push(...comparisonItems(cmp.coverage, L));
  for (const a of r.audits) {
    if (a.failedGates.length) out.push(`**${code(a.file)} ${t('gateFailed', L)}:** ${a.failedGates.map((g) => mdEscape(g.description)).join(zh ? '；' : '; ')}`, '');
  }
  for (const a of r.audits) out.push(...ncTable(a, L));

  const gates = r.gates.filter((g) => g.gate !== 'errors' || !g.passed);
  if (gates.length) {
    out.push(`**${t('gates', L)}**`, '');
    for (const g of gates) out.push(`- ${g.passed ? '✅' : '❌'} ${mdEscape(g.message)}`);
    out.push('');
  }

  if (r.problems.length) {
    out.push(`<details><summary>${t('problems', L)} (${r.problems.length})</summary>`, '');
    out.push(`| ${t('file', L)} | ${t('severity', L)} | ${t('code', L)} | ${t('message', L)} |`, '| --- | --- | --- | --- |');
    for (const p of r.problems) {
      out.push(`| ${code(`${p.file}:${p.line}:${p.column}`)} | ${severityWord(p.severity, L)} | ${code(p.code)} | ${mdEscape(p.message)} |`);
    }
    out.push('', '</details>', '');
  }
  return out.join('\n');
}

/** A report's previous audit and its NCs as a table (also used by `score --format markdown`). */
export function ncTable(a: OutAudit, L: Locale): string[] {
  const zh = L === 'zh';
  const out: string[] = [];
  if (a.previous) {
    const p = a.previous;
    out.push(`**${code(a.file)} ${t('previous', L)}:** ${code(p.file)}${p.auditDate ? ` (${p.auditDate})` : ''} ${p.total} · ${mdEscape(p.star)} → ${a.total}`, '');
  }
  if (a.nonconformities.length === 0 && a.followUps.length === 0) return out;
  if (a.nonconformities.length) {
    out.push(`**${code(a.file)} ${t('nonconformities', L)}** (${a.nonconformities.length})`, '');
    out.push(zh ? '| 编号 | 条款 | 性质 | 状态 | 整改期限 | 不符合事实 |' : '| ID | Clauses | Severity | Status | Due | Finding |', '| --- | --- | --- | --- | --- | --- |');
    for (const n of a.nonconformities) {
      out.push(`| ${mdEscape(n.id)} | ${n.clauses.join(', ')} | ${severityText(n.severity, L)} | ${statusText(n.status, L)} | ${n.due ?? '—'} | ${mdEscape(n.finding)} |`);
    }
    out.push('');
  }
  if (a.followUps.length) out.push(`**${t('followUps', L)}:** ${a.followUps.map((f) => `${mdEscape(f.id)} ${statusText(f.status, L)}`).join(zh ? '；' : '; ')}`, '');
  return out;
}

function comparisonItems(c: NonNullable<OutComparison['coverage']>, L: Locale): string[] {
  const out: string[] = [];
  if (c.newlyUncovered.length) out.push(`**${t('newlyUncovered', L)}:** ${items(c.newlyUncovered, L)}`, '');
  if (c.newlyCovered.length) out.push(`**${t('newlyCovered', L)}:** ${items(c.newlyCovered, L)}`, '');
  return out;
}

function trend(delta: string): string {
  return delta.startsWith('+') ? '▲' : delta.startsWith('-') ? '▼' : '＝';
}

function signedInt(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}
