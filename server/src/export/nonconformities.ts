/**
 * Non-conformities (不符合项) of an audit report, as the exports show them: a table in the Word
 * report, `{#nonconformities}…{/nonconformities}` in a template, a sheet in the workbook.
 *
 * The document language for them (PRODUCT.md §7.3) is read by the model once the audit-practice
 * work lands; `nonconformitiesOf` is the one place that maps what the model records to these rows.
 * Until then a model carries none and the exports leave the section out (they never claim "no
 * non-conformities" for a report whose NCs were not read).
 */
import type { DocumentModel } from '../model/types';
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

/** What the model knows of one non-conformity (field names as the model's). */
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

/** The report's non-conformities in document order (none until the model records them). */
export function nonconformitiesOf(model: DocumentModel, locale: ExportLocale): NonconformityRow[] {
  const recorded = (model as DocumentModel & { nonconformities?: readonly ModelNonconformity[] }).nonconformities;
  if (!Array.isArray(recorded)) return [];
  return recorded.map((nc) => toRow(nc, locale));
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
