/**
 * Words for non-conformities as the editor shows them (hover, completion, code lens, the panel
 * payload): severity and status names, days to or past the due date, one-line summaries and
 * the hover of an NC or of a follow-up. English and Chinese; document text is escaped.
 */
import type { Position } from 'vscode-languageserver';
import type { NcState, NcStatus } from '../analysis/nonconformities';
import type { Locale } from '../model/problems';
import type { AuditType, FollowUpStatus, NcSeverity, Range } from '../model/types';
import type { FeatureContext } from './context';
import { baseName, escapeMarkdown, l, locationLink } from './util';

export function severityLabel(s: NcSeverity | undefined, locale: Locale): string {
  if (!s) return l(locale, '性质未写明', 'no severity');
  return s === 'major' ? l(locale, '严重不符合', 'major') : s === 'minor' ? l(locale, '一般不符合', 'minor') : l(locale, '观察项', 'observation');
}

export function statusLabel(s: NcStatus | FollowUpStatus, locale: Locale): string {
  switch (s) {
    case 'closed':
      return l(locale, '已关闭', 'closed');
    case 'action-planned':
      return l(locale, '整改中', 'action planned');
    case 'overdue':
      return l(locale, '已逾期', 'overdue');
    default:
      return l(locale, '未整改', 'open');
  }
}

export function auditTypeLabel(t: AuditType | undefined, locale: Locale): string {
  if (t === 'initial') return l(locale, '初次认证', 'initial');
  if (t === 'surveillance') return l(locale, '监督审核', 'surveillance');
  if (t === 'recertification') return l(locale, '再认证', 'recertification');
  return '';
}

/** "还有 12 天" / "12 days left", "逾期 3 天" / "3 days past due", "今天到期" / "due today". */
export function daysLabel(days: number, locale: Locale): string {
  if (days === 0) return l(locale, '今天到期', 'due today');
  if (days > 0) return l(locale, `还有 ${days} 天`, `${days} day${days === 1 ? '' : 's'} left`);
  return l(locale, `逾期 ${-days} 天`, `${-days} day${days === -1 ? '' : 's'} past due`);
}

/** "一般不符合 · 已逾期（逾期 3 天）· 5.1.5.2". */
export function ncSummaryLine(s: NcState, locale: Locale): string {
  const parts = [severityLabel(s.nc.severity, locale), statusLabel(s.status, locale) + (s.daysToDue !== undefined ? l(locale, `（${daysLabel(s.daysToDue, locale)}）`, ` (${daysLabel(s.daysToDue, locale)})`) : '')];
  if (s.nc.clauses.length) parts.push(s.nc.clauses.map((c) => c.id).join(', '));
  return parts.join(' · ');
}

function contains(r: Range, p: Position): boolean {
  const afterStart = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}

/** The hover of an NC ID or a follow-up's ID at `position`, with its range; undefined elsewhere. */
export function ncHover(ctx: FeatureContext, uri: string, position: Position): { value: string; range: Range } | undefined {
  const model = ctx.model(uri);
  if (model?.kind !== 'audit') return undefined;
  const locale = ctx.locale;
  const nc = model.nonconformities.find((n) => contains(n.idRange, position));
  const audit = ctx.audit(uri);
  if (nc) {
    const s = audit?.ncs.find((x) => x.nc === nc) ?? audit?.ncs.find((x) => x.nc.id === nc.id);
    return s ? { value: ncMarkdown(s, locale, audit!.asOf), range: nc.idRange } : undefined;
  }
  const f = model.followUps.find((x) => contains(x.idRange, position));
  if (!f) return undefined;
  const out = [`**${l(locale, '跟踪', 'Follow-up of')} ${escapeMarkdown(f.id)}** · ${f.status ? statusLabel(f.status, locale) : l(locale, '未写明状态', 'no status given')}`];
  const prev = audit?.cycle?.previous;
  const before = prev?.ncs.find((x) => x.nc.id === f.id);
  if (!audit?.cycle?.previous) {
    out.push('', l(locale, '文件头没有可读取的上次审核报告（previous:）。', 'No readable previous report in the front matter (previous:).'));
  } else if (!before) {
    out.push('', l(locale, `上次报告 ${escapeMarkdown(prev!.name)} 中没有此不符合项。`, `The previous report ${escapeMarkdown(prev!.name)} raises no such non-conformity.`));
  } else {
    out.push('', `${l(locale, '上次报告', 'In the previous report')} [${escapeMarkdown(prev!.name)}](${locationLink(prev!.uri, before.nc.idRange)}): ${escapeMarkdown(ncSummaryLine(before, locale))}`, '', `> ${escapeMarkdown(before.nc.finding)}`);
  }
  return { value: out.join('\n'), range: f.idRange };
}

function ncMarkdown(s: NcState, locale: Locale, asOf: string): string {
  const nc = s.nc;
  const out = [`**${escapeMarkdown(nc.id)}** ${severityLabel(nc.severity, locale)} · **${statusLabel(s.status, locale)}**`];
  if (nc.clauses.length) out.push('', `${l(locale, '条款', 'Clauses')}: ${nc.clauses.map((c) => c.id).join(', ')}`);
  if (nc.finding) out.push('', `> ${escapeMarkdown(nc.finding)}`);
  const facts: string[] = [];
  if (nc.due?.iso) {
    const when = s.daysToDue !== undefined ? `（${daysLabel(s.daysToDue, locale)}，${l(locale, '截至', 'as of')} ${asOf}）` : '';
    facts.push(`${l(locale, '整改期限', 'Due')}: ${nc.due.iso}${locale === 'zh' ? when : when.replace('（', ' (').replace('，', ', ').replace('）', ')')}`);
  } else if (nc.severity !== 'observation') facts.push(`${l(locale, '整改期限', 'Due')}: ${l(locale, '未写明', 'none given')}`);
  if (nc.correctiveAction) facts.push(`${l(locale, '纠正措施', 'Corrective action')}: ${escapeMarkdown(nc.correctiveAction.text)}`);
  if (nc.verification) facts.push(`${l(locale, '验证', 'Verified')}: ${escapeMarkdown(nc.verification.text)}`);
  if (s.followedUp) {
    const st = s.followedUp.status ? statusLabel(s.followedUp.status, locale) : l(locale, '未写明状态', 'no status given');
    facts.push(`${l(locale, '后续跟踪', 'Followed up in')} [${escapeMarkdown(baseName(s.followedUp.uri))}](${locationLink(s.followedUp.uri, s.followedUp.range)}): ${st}`);
  }
  if (facts.length) out.push('', ...facts.map((f) => `- ${f}`));
  return out.join('\n');
}
