/**
 * The document model: what one Markdown file is, which clauses it covers or scores, and
 * where each thing is. Every feature (server, CLI, panel) reads this; nothing reads Markdown
 * directly. Positions are LSP-ready: 0-based line and character in UTF-16 code units of the
 * original text (a BOM and CRLF line ends are accounted for, never shift anything).
 */
import type { FollowUpStatus, NcSeverity } from './ncSyntax';
import type { ProblemCode, Severity } from './problems';

export type { FollowUpStatus, NcSeverity } from './ncSyntax';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Offsets into the document text (UTF-16 code units, end exclusive). */
export interface Span {
  start: number;
  end: number;
}

export type DocumentKind = 'manual' | 'audit' | 'none';

/** One clause ID inside a tag. */
export interface ClauseRef {
  /** Normalised ID (`5.1.2.2`). */
  id: string;
  /** As written (`５．１．２．２`). */
  raw: string;
  /** Of the ID text (for a range `a-b`, each expanded ID carries the range of the whole `a-b`). */
  range: Range;
  span: Span;
  /** What the scheme says it is. */
  kind: 'item' | 'group' | 'unknown';
}

export type TagForm =
  /** `[5.1.2.2]`, `[5.1.2.1, 5.1.2.2]`, `[5.2.2.1-5.2.2.4]` */
  | 'bracket'
  /** `【5.1.2.2】`, `【5.1.2.1、5.1.2.2】`, `［５．１．２．２］` */
  | 'fullwidth-bracket'
  /** `<!-- clause: 5.1.2.2 -->` */
  | 'comment'
  /** A bare `5.1.2.2` in the clause column of an audit table (one with a score column too). */
  | 'table-cell'
  /** `clauses:` in front matter */
  | 'front-matter';

export interface ClauseTag {
  form: TagForm;
  /** Of the whole tag including brackets. */
  range: Range;
  span: Span;
  /** IDs in order, ranges expanded. */
  refs: ClauseRef[];
  /** Where the tag stands. */
  context: 'heading' | 'block' | 'front-matter';
}

export interface Heading {
  text: string;
  level: number;
  range: Range;
  span: Span;
}

/** A manual section: a heading and everything up to the next heading of the same or higher level. */
export interface ManualSection {
  heading: Heading;
  /** From the heading's start to the end of the section's content. */
  range: Range;
  span: Span;
  /** Tags in the heading itself. */
  tags: ClauseTag[];
  /** Item IDs the heading's tags cover (groups and unknown IDs excluded). */
  itemIds: string[];
  /** True when the section has no content besides sub-headings that are themselves empty. */
  empty: boolean;
}

/** Why an item counts as covered by a manual, and where. */
export interface CoverageClaim {
  itemId: string;
  via: 'heading' | 'block' | 'comment' | 'front-matter';
  /** The tag's ref range (where the ID is written). */
  range: Range;
  /** The text that addresses the item: the section (heading tags) or the block. */
  target: Range;
  /** False for a heading tag whose section is empty ("claimed but not addressed"). */
  addressed: boolean;
}

export type ScoreForm =
  /** `80%` or `82.5%` (of the item's points). */
  | { kind: 'percent'; percent: string }
  /** `4/5`: earned / max; max must equal the item's points. */
  | { kind: 'fraction'; earned: string; max: string }
  /** `4分`: points earned. */
  | { kind: 'points'; earned: string }
  /** `不适用` / `N/A` + reason. */
  | { kind: 'not-applicable'; reason: string }
  /** `抽查 20 份，合格 18 份` / `sampled 20, conforming 18`: conforming ÷ size of the item's points. */
  | { kind: 'sample'; size: string; conforming: string };

export interface EvidenceLink {
  /** Link destination as written (URL or relative path, may include a #fragment). */
  target: string;
  range: Range;
  span: Span;
}

export interface AuditEntry {
  itemId: string;
  /** The leading tag (exactly one item ID). */
  tag: ClauseTag;
  /** `heading`: `#### [5.1.3.2] 内部保障` with the score (`80%，证据：…`) on the first line under it. */
  form: 'list' | 'paragraph' | 'table' | 'heading';
  /** The whole list item / paragraph / table row (a heading entry: the heading and that line). */
  range: Range;
  span: Span;
  /** Undefined when the score is missing or malformed (a problem is recorded). */
  score?: ScoreForm;
  scoreRange?: Range;
  /** Evidence text (after `证据：`/`Evidence:` or in the evidence column), trimmed; '' if none. */
  evidence: string;
  evidenceRange?: Range;
  /** Notes column / remaining text that is not evidence. */
  notes?: string;
  links: EvidenceLink[];
}

export interface SpecialEntry {
  kind: 'deduction' | 'bonus';
  /** `[扣分]`, `[特别加分]`, `[deduction]`, … as written. */
  label: string;
  reason: string;
  range: Range;
  span: Span;
  links: EvidenceLink[];
}

export type AuditType = 'initial' | 'surveillance' | 'recertification';

/** A text of an entry and where it is. */
export interface TextPart {
  text: string;
  range: Range;
}

/** A date as written and, when it is a real calendar date, its ISO form. */
export interface DatePart {
  text: string;
  /** `YYYY-MM-DD`; undefined when the text is not a real date (a problem is recorded). */
  iso?: string;
  range: Range;
}

/**
 * A non-conformity raised in this report. Its status against an as-of date is the analysis's
 * business (analysis/nonconformities.ts): closed (verified with a date), action planned (a
 * corrective action), open, overdue (not closed and due before the as-of date).
 */
export interface Nonconformity {
  /** Normalised (`NC-01`). */
  id: string;
  idRange: Range;
  /** The clause tags right after the ID (items, groups; unknown IDs are left out). */
  clauses: ClauseRef[];
  severity?: NcSeverity;
  severityRange?: Range;
  finding: string;
  due?: DatePart;
  rootCause?: TextPart;
  correctiveAction?: TextPart;
  verification?: TextPart & {
    date?: DatePart;
    /** Verified with a date and not said to be still open. */
    closed: boolean;
  };
  /** The whole list item or paragraph. */
  range: Range;
  span: Span;
}

/** `[跟踪 NC-04] 已关闭：…`: what this report says about an NC of the previous one. */
export interface FollowUp {
  id: string;
  idRange: Range;
  status?: FollowUpStatus;
  text: string;
  range: Range;
  span: Span;
}

/** The certification cycle fields of an audit report's front matter. */
export interface AuditCycleFields {
  type?: AuditType;
  typeRange?: Range;
  /** ISO date. */
  date?: string;
  dateRange?: Range;
  /** `previous:` as written (a path relative to the report). */
  previous?: string;
  previousRange?: Range;
}

export interface FrontMatter {
  /** The parsed YAML mapping (undefined when absent or invalid). */
  data?: Record<string, unknown>;
  /** Of the whole front matter block including the `---` fences. */
  range?: Range;
  /** `type:` normalised (`类型: 审核报告` → audit). */
  type?: 'manual' | 'audit';
  /** `scheme:` (scheme ID or path). */
  scheme?: string;
  /** `organisation:` / `organization:` / `企业名称:` / `组织:` */
  organisation?: string;
  /** `enterprise-type:` / `企业类型:` (e.g. 生产型, 贸易型, 服务型). */
  enterpriseType?: string;
  /** `not-applicable:` / `不适用:`: item → reason. */
  notApplicable: { itemId: string; reason: string; range: Range }[];
  /** `metrics:` / `指标:` mapping plus top-level metric aliases, by the scheme's metric ID. */
  metrics: Record<string, number>;
  /** `clauses:` list as refs. */
  clauses: ClauseRef[];
  /** Whether this is a manual's root file (`root: true` / `主文件: true`). */
  root?: boolean;
  /** `auditType`, `auditDate`, `previous` (audit reports). */
  cycle: AuditCycleFields;
}

/**
 * A suppression comment: `<!-- gbt27922-disable-next-line CODE[, CODE] -- reason -->` (the line
 * after the comment), `<!-- gbt27922-disable CODE -->` … `<!-- gbt27922-enable [CODE] -->` (from
 * the comment on), `<!-- gbt27922-disable-file CODE -->` (the whole file). It hides problems,
 * never changes a score (analysis/suppressions.ts applies it).
 */
export interface SuppressionDirective {
  kind: 'next-line' | 'disable' | 'enable' | 'file';
  /** Codes as written, each with its range; empty: every code. */
  codes: { code: string; range: Range }[];
  /** The reason after ` -- `, if any. */
  reason?: string;
  /** Of the whole comment. */
  range: Range;
}

export interface Problem {
  code: ProblemCode;
  /** Set where the default severity depends on the case (see problemSeverity). */
  severity?: Severity;
  /** Values for the message template (see problems.ts). */
  args: Record<string, string | number>;
  range: Range;
  /** For code actions: e.g. suggested IDs for an unknown clause. */
  data?: { suggestions?: string[]; itemId?: string; [key: string]: unknown };
}

export interface DocumentModel {
  /** The text's length in UTF-16 code units, and its line count. */
  length: number;
  lineCount: number;
  kind: DocumentKind;
  /** How the kind was decided. */
  kindSource: 'front-matter' | 'inferred';
  frontMatter: FrontMatter;
  headings: Heading[];
  /** Every tag in the file, in document order (front-matter clauses excluded). */
  tags: ClauseTag[];
  /** Sections with tags in their heading (manual), in document order. */
  sections: ManualSection[];
  /** What the file covers as a manual (empty unless kind is manual). */
  coverage: CoverageClaim[];
  /** Scored entries (empty unless kind is audit). */
  entries: AuditEntry[];
  specials: SpecialEntry[];
  /** Non-conformities raised in this report, in document order (empty unless kind is audit). */
  nonconformities: Nonconformity[];
  /** Follow-ups of the previous report's NCs (empty unless kind is audit). */
  followUps: FollowUp[];
  /** All links in the file (evidence links of entries are also in their entry). */
  links: EvidenceLink[];
  /** Problems of this file alone, in document order. Empty when kind is 'none'. */
  problems: Problem[];
  /** Suppression comments, in document order. */
  suppressions: SuppressionDirective[];
}
