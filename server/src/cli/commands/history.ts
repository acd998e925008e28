/**
 * `gbt27922 history <report>`: the certification cycle that leads to a report — the chain of
 * `previous:` reports, oldest first, each with its audit date and type, total, star level and
 * the non-conformities it still tracks — and why the chain stops early when it does.
 */
import { COLOR, PLAIN, useColor, type Palette } from '../color';
import { renderProblem } from '../../analysis/workspace';
import { verdictText } from '../build';
import { auditTypeText, t } from '../i18n';
import { fixed } from '../numbers';
import { mdEscape } from '../format/markdown';
import { TOOL } from '../tool';
import { parseFormat, type CommandIo } from './check';
import { analyseOneReport } from './score';

export interface HistoryOptions {
  format?: string;
  config?: string;
  scheme?: string;
  locale?: string;
  asOf?: string;
  color?: boolean;
}

export interface HistoryEntry {
  file: string;
  auditDate: string | null;
  auditType: string | null;
  total: string;
  star: string;
  tier?: string;
  /** NCs the report still tracks, as of the as-of date (observations left out). */
  openNonconformities: string[];
  /** All NCs the report raised. */
  nonconformities: number;
}

export interface HistoryReport {
  tool: typeof TOOL;
  locale: 'en' | 'zh';
  asOf: string;
  report: string;
  /** Oldest first; the report itself last. */
  chain: HistoryEntry[];
  /** Why the chain stops early: a loop, a report that cannot be read, or the length limit. */
  broken?: { reason: 'loop' | 'unreadable' | 'limit'; message: string };
}

export async function runHistory(file: string, o: HistoryOptions, io: CommandIo): Promise<number> {
  const format = parseFormat(o.format, ['text', 'json', 'markdown']);
  const { side, analysis, project } = await analyseOneReport(file, o, io);
  const L = project.locale;
  const self = side.files.find((f) => f.rel === analysis.uri)!;
  const chain = analysis.cycle?.chain ?? [];
  const report: HistoryReport = {
    tool: TOOL,
    locale: L,
    asOf: analysis.asOf,
    report: self.display,
    chain: chain.map((e) => ({
      file: e.uri === analysis.uri ? self.display : e.name,
      auditDate: e.auditDate ?? null,
      auditType: e.auditType ?? null,
      total: fixed(e.score.total),
      star: verdictText(e.score, L),
      ...(e.score.tier ? { tier: e.score.tier.id } : {}),
      openNonconformities: e.open.map((n) => n.id),
      nonconformities: e.ncs.length,
    })),
  };
  const broken = analysis.cycle?.broken;
  if (broken) {
    const why = analysis.cycle!.problems.find((p) => p.code.startsWith('previous-'));
    const message = why ? (renderProblem(why, L, project.config)?.message ?? why.code) : broken;
    report.broken = { reason: broken, message };
  }
  if (format === 'json') io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else if (format === 'markdown') io.stdout.write(historyMarkdown(report));
  else io.stdout.write(historyText(report, useColor(o.color, io.stdout, io.env) ? COLOR : PLAIN));
  return 0;
}

function headings(L: 'en' | 'zh'): string[] {
  return L === 'zh' ? ['审核日期', '审核类型', '总分', '星级', '未关闭不符合项', '报告'] : ['Date', 'Type', 'Total', 'Star', 'Open NCs', 'Report'];
}

function row(e: HistoryEntry, L: 'en' | 'zh'): string[] {
  const open = e.openNonconformities.length ? `${e.openNonconformities.length} (${e.openNonconformities.join(', ')})` : '0';
  return [e.auditDate ?? '—', auditTypeText(e.auditType ?? undefined, L), e.total, e.star, open, e.file];
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

export function historyText(r: HistoryReport, c: Palette): string {
  const L = r.locale;
  const rows = [headings(L), ...r.chain.map((e) => row(e, L))];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((x) => width(x[i]))));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i] - width(cell)))).join('  ').trimEnd();
  const out = [`${c.bold(t('history', L))}: ${r.report} (${t('asOf', L)} ${r.asOf})`, '', c.bold(line(rows[0])), ...rows.slice(1).map(line)];
  if (r.broken) out.push('', c.yellow(r.broken.message));
  return out.join('\n') + '\n';
}

export function historyMarkdown(r: HistoryReport): string {
  const L = r.locale;
  const h = headings(L);
  const out = [`## ${t('history', L)}: \`${r.report}\``, '', `| ${h.join(' | ')} |`, `| ${h.map(() => '---').join(' | ')} |`];
  for (const e of r.chain) out.push(`| ${row(e, L).map(mdEscape).join(' | ')} |`);
  out.push('');
  if (r.broken) out.push(mdEscape(r.broken.message), '');
  return out.join('\n');
}
