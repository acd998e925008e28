/**
 * Words the command line prints besides problem messages (those come from model/problems.ts,
 * shared with the editor). English and Chinese, chosen by `--locale`, config `locale`, or LANG.
 */
import type { Locale } from '../model/problems';
import type { ClauseGroup, ClauseItem, LocalizedText, Scheme, Tier } from '../scheme/types';

const STRINGS = {
  coverage: { en: 'Manual coverage', zh: '手册覆盖率' },
  items: { en: 'items', zh: '项' },
  points: { en: 'points', zh: '分' },
  ofPoints: { en: 'of points', zh: '（按分值）' },
  uncovered: { en: 'Uncovered', zh: '未覆盖' },
  noManual: { en: 'No manual found.', zh: '未找到服务手册。' },
  takenAsManual: {
    en: 'Taken as the manual (no file declares "type: manual" and no manualRoot is configured, so every file with clause tags counts)',
    zh: '视为手册的文件（没有文件声明“type: manual”，也未配置 manualRoot，凡有条款标记的文件都计入）',
  },
  notCountedAsManual: { en: 'Not counted as the manual', zh: '未计入手册' },
  notCountedWhy: {
    en: 'clause tags, but no "type: manual" and not under the manual root\'s folder',
    zh: '有条款标记，但未声明“type: manual”，也不在手册主文件所在文件夹',
  },
  noAudit: { en: 'No audit report found.', zh: '未找到审核报告。' },
  report: { en: 'Audit report', zh: '审核报告' },
  total: { en: 'total', zh: '总分' },
  star: { en: 'star', zh: '星级' },
  scheme: { en: 'scheme', zh: '评价方案' },
  unscored: { en: 'unscored', zh: '未评分' },
  notApplicable: { en: 'not applicable', zh: '不适用' },
  deductions: { en: 'special deductions', zh: '特别扣分' },
  bonus: { en: 'special bonus', zh: '特别加分' },
  gateFailed: { en: 'gate failed', zh: '门槛未满足' },
  problems: { en: 'Problems', zh: '问题' },
  errors: { en: 'errors', zh: '错误' },
  warnings: { en: 'warnings', zh: '警告' },
  notes: { en: 'notes', zh: '提示' },
  suppressed: { en: 'suppressed', zh: '已抑制' },
  fixed: { en: 'fixed', zh: '已修复' },
  files: { en: 'files', zh: '个文件' },
  gates: { en: 'Gates', zh: '门槛' },
  passed: { en: 'passed', zh: '通过' },
  failed: { en: 'FAILED', zh: '未通过' },
  result: { en: 'Result', zh: '结果' },
  pass: { en: 'pass', zh: '通过' },
  fail: { en: 'fail', zh: '未通过' },
  notReached: { en: 'Not reached', zh: '未达标' },
  failedDeductions: { en: 'Failed (special deductions over the limit)', zh: '不通过（特别扣分超限）' },
  blockedByNc: { en: 'No star (major non-conformities not closed)', zh: '不授予星级（严重不符合项未关闭）' },
  comparedWith: { en: 'Compared with', zh: '对比基线' },
  newlyUncovered: { en: 'Newly uncovered', zh: '新增未覆盖' },
  newlyCovered: { en: 'Newly covered', zh: '新增覆盖' },
  added: { en: 'new', zh: '新增' },
  removed: { en: 'removed', zh: '已删除' },
  unchanged: { en: 'unchanged', zh: '无变化' },
  value: { en: 'Value', zh: '数值' },
  change: { en: 'Change', zh: '变化' },
  file: { en: 'File', zh: '文件' },
  line: { en: 'Line', zh: '行' },
  severity: { en: 'Severity', zh: '级别' },
  code: { en: 'Code', zh: '代码' },
  message: { en: 'Message', zh: '说明' },
  title: { en: 'GB/T 27922 check', zh: 'GB/T 27922 检查' },
  none: { en: 'none', zh: '无' },
  group: { en: 'Group', zh: '分组' },
  earned: { en: 'earned', zh: '得分' },
  next: { en: 'Next', zh: '下一档' },
  needs: { en: 'needs', zh: '还需' },
  requirement: { en: 'Requirement', zh: '要求' },
  item: { en: 'Item', zh: '指标' },
  tiers: { en: 'Star tiers', zh: '星级' },
  bands: { en: 'Scoring bands', zh: '评分档次' },
  unreadable: { en: 'unreadable', zh: '无法读取' },
  tooLarge: { en: 'too large', zh: '过大' },
  nonconformities: { en: 'Non-conformities', zh: '不符合项' },
  followUps: { en: 'Follow-ups', zh: '跟踪' },
  previous: { en: 'Previous audit', zh: '上次审核' },
  asOf: { en: 'as of', zh: '截至' },
  due: { en: 'due', zh: '整改期限' },
  history: { en: 'Certification cycle', zh: '认证周期' },
  openNcs: { en: 'open NCs', zh: '未关闭不符合项' },
  major: { en: 'major', zh: '严重' },
  minor: { en: 'minor', zh: '一般' },
  observation: { en: 'observation', zh: '观察项' },
  'status-open': { en: 'open', zh: '未整改' },
  'status-action-planned': { en: 'action planned', zh: '整改中' },
  'status-overdue': { en: 'overdue', zh: '已逾期' },
  'status-closed': { en: 'closed', zh: '已关闭' },
  'type-initial': { en: 'initial', zh: '初次认证' },
  'type-surveillance': { en: 'surveillance', zh: '监督审核' },
  'type-recertification': { en: 'recertification', zh: '再认证' },
  notFollowedUp: { en: 'not followed up', zh: '未跟踪' },
  followedUpIn: { en: 'followed up in', zh: '后续报告已跟踪：' },
  byGroup: { en: 'change by group', zh: '分组变化' },
} as const satisfies Record<string, { en: string; zh: string }>;

export type StringKey = keyof typeof STRINGS;

export function t(key: StringKey, locale: Locale): string {
  return STRINGS[key][locale];
}

/** "major" / "严重"; "—" for an NC without a severity. */
export function severityText(s: 'major' | 'minor' | 'observation' | null | undefined, locale: Locale): string {
  return s ? t(s, locale) : '—';
}

export function statusText(s: 'open' | 'action-planned' | 'overdue' | 'closed' | null | undefined, locale: Locale): string {
  return s ? t(`status-${s}`, locale) : '—';
}

export function auditTypeText(s: string | undefined, locale: Locale): string {
  return s === 'initial' || s === 'surveillance' || s === 'recertification' ? t(`type-${s}`, locale) : '—';
}

export function localized(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'zh' ? (text.zh ?? text.en) : (text.en ?? text.zh)) ?? '';
}

/** An item's short name: its title in the locale; in Chinese the standard's requirement when there is no Chinese title. */
export function itemTitle(item: ClauseItem, locale: Locale): string {
  if (locale === 'zh') return item.title.zh ?? item.requirement;
  return item.title.en ?? item.title.zh ?? item.requirement;
}

export function groupTitle(group: ClauseGroup | undefined, locale: Locale): string {
  return group ? localized(group.title, locale) : '';
}

/** A tier's name: "三星级" in Chinese, "Three stars (三星级)" in English. */
export function tierName(tier: Tier, locale: Locale): string {
  if (locale === 'zh') return tier.name.zh ?? tier.name.en ?? tier.id;
  const en = tier.name.en ?? tier.id;
  return tier.name.zh && tier.name.zh !== en ? `${en} (${tier.name.zh})` : en;
}

export function schemeName(scheme: Scheme, locale: Locale): string {
  return localized(scheme.name, locale) || scheme.id;
}

/** "1 point" / "1.5 points" / "3 分". */
export function pointsText(n: string, locale: Locale): string {
  if (locale === 'zh') return `${n} 分`;
  return `${n} ${/^[+-]?1(\.0+)?$/.test(n) ? 'point' : 'points'}`;
}

/** "1 error" / "2 errors" in English; Chinese has no plural. */
export function count(n: number, key: 'errors' | 'warnings' | 'notes' | 'files', locale: Locale): string {
  if (locale === 'zh') return `${n} ${t(key, locale)}`;
  const word = t(key, locale);
  return `${n} ${n === 1 ? word.replace(/s$/, '') : word}`;
}
