/**
 * Non-conformities (不符合项) of an audit report, as the exports show them: a table in the Word
 * report, `{#nonconformities}…{/nonconformities}` in a template, a sheet in the workbook.
 *
 * The model reads them (PRODUCT.md §7.3, docs/audit-cycle.md) and the audit analysis gives each its
 * status as of a date (analysis/nonconformities.ts); `nonconformitiesOf` is the one place that maps
 * those to these rows. A report without NCs gets no section (the exports never claim "no
 * non-conformities" on their own).
 */
import type { NcState } from '../analysis/nonconformities';
import type { ExportLocale } from './labels';
import { inlineMarkdownText, oneLine } from './text';

export type NonconformitySeverity = 'major' | 'minor' | 'observation';
export type NonconformityStatus = 'open' | 'action-planned' | 'overdue' | 'closed';

export interface NonconformityRow {
  /** `NC-01`. */
  id: string;
  /** Clause IDs, comma-separated ("5.2.3.2"). */
  clauses: string;
  /** 严重 / 一般 / 观察项 (major / minor / observation). */
  severity: string;
  severityId: NonconformitySeverity | '';
  finding: string;
  /** 整改期限 (YYYY-MM-DD), '' when none. */
  due: string;
  /** 已关闭 / 已制定措施 / 未关闭 / 已逾期. */
  status: string;
  statusId: NonconformityStatus | '';
  rootCause: string;
  correctiveAction: string;
  verification: string;
}

const SEVERITY: Record<NonconformitySeverity, Record<ExportLocale, string>> = {
  major: { zh: '严重', en: 'major' },
  minor: { zh: '一般', en: 'minor' },
  observation: { zh: '观察项', en: 'observation' },
};

const STATUS: Record<NonconformityStatus, Record<ExportLocale, string>> = {
  open: { zh: '未关闭', en: 'open' },
  'action-planned': { zh: '已制定纠正措施', en: 'action planned' },
  overdue: { zh: '已逾期', en: 'overdue' },
  closed: { zh: '已关闭', en: 'closed' },
};

/** One non-conformity: the model's fields, and its status (field names as the model's). */
interface ModelNonconformity {
  id?: unknown;
  clauses?: unknown;
  severity?: unknown;
  finding?: unknown;
  text?: unknown;
  due?: unknown;
  status?: unknown;
  rootCause?: unknown;
  correctiveAction?: unknown;
  verification?: unknown;
}

/** The report's non-conformities in document order, with their status as of the analysis' date. */
export function nonconformitiesOf(analysis: { ncs: readonly NcState[] }, locale: ExportLocale): NonconformityRow[] {
  return analysis.ncs.map((s) =>
    toRow(
      {
        id: s.nc.id,
        clauses: s.nc.clauses,
        severity: s.nc.severity,
        finding: s.nc.finding,
        due: s.nc.due?.iso ?? s.nc.due?.text,
        status: s.status,
        rootCause: s.nc.rootCause,
        correctiveAction: s.nc.correctiveAction,
        verification: s.nc.verification,
      },
      locale,
    ),
  );
}

export function toRow(nc: ModelNonconformity, locale: ExportLocale): NonconformityRow {
  const str = (v: unknown): string => (typeof v === 'string' ? inlineMarkdownText(v, locale).trim() : typeof v === 'object' && v && 'text' in v ? str((v as { text: unknown }).text) : '');
  const severityId = typeof nc.severity === 'string' && nc.severity in SEVERITY ? (nc.severity as NonconformitySeverity) : '';
  const statusId = typeof nc.status === 'string' && nc.status in STATUS ? (nc.status as NonconformityStatus) : '';
  const clauses = Array.isArray(nc.clauses) ? nc.clauses.map((c) => (typeof c === 'string' ? c : typeof c === 'object' && c && 'id' in c ? String((c as { id: unknown }).id) : '')).filter(Boolean) : [];
  return {
    id: oneLine(String(nc.id ?? '')),
    clauses: clauses.join(', '),
    severity: severityId ? SEVERITY[severityId][locale] : str(nc.severity),
    severityId,
    finding: str(nc.finding ?? nc.text),
    due: typeof nc.due === 'string' ? oneLine(nc.due) : '',
    status: statusId ? STATUS[statusId][locale] : '',
    statusId,
    rootCause: str(nc.rootCause),
    correctiveAction: str(nc.correctiveAction),
    verification: str(nc.verification),
  };
}
