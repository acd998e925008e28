/**
 * What one chunk of a document says, before any scheme is known: plain data (it crosses
 * worker-thread boundaries and is cached by chunk text), offsets relative to the chunk start.
 * `assembleDocument` turns the chunks of a document into its DocumentModel.
 */
import type { NcSeverity, FollowUpStatus } from './ncSyntax';
import type { ScoreForm, TagForm } from './types';

export interface RawSpan {
  start: number;
  end: number;
}

export interface RawRef extends RawSpan {
  /** As written. */
  raw: string;
  /** Normalised (ASCII digits and dots). */
  id: string;
  /** For a range `a-b`: the normalised upper end (`id` is the lower one). */
  to?: string;
}

export interface RawTag extends RawSpan {
  form: TagForm;
  refs: RawRef[];
  context: 'heading' | 'block';
  /** Index into the chunk's headings for heading tags. */
  heading?: number;
  /** The block this tag covers (list item, table row or paragraph). */
  target?: RawSpan;
  /** An HTML comment standing as a block of its own: covers the section it stands in. */
  standalone?: boolean;
}

export interface RawHeading extends RawSpan {
  text: string;
  level: number;
  /** Whether anything but headings and comments follows it before the next heading. */
  ownContent: boolean;
}

export interface RawLink extends RawSpan {
  target: string;
}

export type RawScore =
  | { kind: 'ok'; form: ScoreForm; start: number; end: number; text: string }
  | { kind: 'malformed'; text: string; start: number; end: number }
  | { kind: 'missing' };

export interface RawEntry extends RawSpan {
  /** `heading`: a heading that starts with the tag, scored by the first line under it. */
  form: 'list' | 'paragraph' | 'table' | 'heading';
  /** Index of the leading tag in the chunk's tags. */
  tag: number;
  score: RawScore;
  evidence: string;
  evidenceSpan?: RawSpan;
  notes?: string;
}

export interface RawSpecial extends RawSpan {
  kind: 'deduction' | 'bonus';
  label: string;
  reason: string;
}

/** Text of a part of an entry, trimmed, with the span of what was kept. */
export interface RawText extends RawSpan {
  text: string;
}

/** A date as written; `iso` when it is a real calendar date. */
export interface RawDate extends RawSpan {
  text: string;
  iso?: string;
}

/** `验证：2027-04-25 已关闭（郑晓峰）` / `verified: 2027-04-25 closed`. */
export interface RawVerification extends RawText {
  /** Where its label starts. */
  labelStart: number;
  date?: RawDate;
  /** The text says it is not closed (未关闭, not effective, …). */
  negated?: true;
}

/** `[NC-01] [5.2.3.2] 一般：… 整改期限：2027-04-30` with its sub-entries (the whole list item or paragraph). */
export interface RawNonconformity extends RawSpan {
  /** Normalised (`NC-01`). */
  id: string;
  /** As written. */
  raw: string;
  idSpan: RawSpan;
  /** Indices into the chunk's tags: the clause tags right after the ID. */
  tags: number[];
  severity?: NcSeverity;
  severitySpan?: RawSpan;
  finding: string;
  findingSpan?: RawSpan;
  /** `整改期限：…`; the date text (`iso` unset when it is not a date) and the label's span. */
  due?: RawDate & { label: RawSpan };
  rootCause?: RawText;
  action?: RawText;
  verification?: RawVerification;
  /** A row of a table of NCs (ncSyntax.ts); such NCs count only in a document that is an audit anyway. */
  form?: 'table';
  /** The clause IDs of a table's clause cell written without brackets (they are not tags). */
  clauses?: RawRef[];
}

/** `[跟踪 NC-04] 已关闭：…` / `[follow-up NC-04] closed`. */
export interface RawFollowUp extends RawSpan {
  id: string;
  raw: string;
  idSpan: RawSpan;
  /** From a status word, else from a dated verification or a corrective action. */
  status?: FollowUpStatus;
  statusSpan?: RawSpan;
  text: string;
  action?: RawText;
  verification?: RawVerification;
  /** A row of a table of follow-ups (ncSyntax.ts). */
  form?: 'table';
}

export interface RawFrontMatterValue extends RawSpan {
  key: string;
  value: unknown;
}

export interface RawFrontMatter extends RawSpan {
  /** YAML syntax error (the whole front matter is then ignored). */
  error?: { message: string } & RawSpan;
  data?: Record<string, unknown>;
  type?: RawFrontMatterValue;
  scheme?: string;
  organisation?: string;
  enterpriseType?: string;
  root?: boolean;
  /** `auditType:` / `审核类型:` (initial, surveillance, recertification or a Chinese alias). */
  auditType?: RawFrontMatterValue;
  /** `auditDate:` / `审核日期:`. */
  auditDate?: RawFrontMatterValue;
  /** `previous:` / `上次审核:`: relative path of the previous report. */
  previous?: RawFrontMatterValue;
  notApplicable: ({ raw: string; id: string; reason: string } & RawSpan)[];
  clauses: RawRef[];
  /** `metrics:` entries (inMetrics) and every other top-level key (matched to scheme metrics later). */
  metrics: (RawFrontMatterValue & { inMetrics: boolean })[];
  /** Values of known keys that cannot be used. */
  problems: ({ key: string; detail: string } & RawSpan)[];
}

/** A `<!-- gbt27922-… -->` comment (see inlineSyntax.suppressionsIn). */
export interface RawSuppression extends RawSpan {
  kind: 'next-line' | 'disable' | 'enable' | 'file';
  /** Problem codes as written (not checked here); none means every code. */
  codes: ({ code: string } & RawSpan)[];
  reason?: string;
}

export interface ChunkModel {
  headings: RawHeading[];
  tags: RawTag[];
  /** Blocks that start with a single tag: audit entries if the document is an audit. */
  entries: RawEntry[];
  specials: RawSpecial[];
  /** Non-conformities and follow-ups (absent when the chunk has none). */
  nonconformities?: RawNonconformity[];
  followUps?: RawFollowUp[];
  links: RawLink[];
  /** Suppression comments (only when there are any: most chunks have none). */
  suppressions?: RawSuppression[];
  /** Content before the chunk's first heading (belongs to the previous chunk's last heading). */
  leadingContent: boolean;
  frontMatter?: RawFrontMatter;
  /**
   * The chunk ends inside a top-level fenced code block or HTML block that the next line would
   * continue: the chunk boundary after it was unsafe, so the chunk must be parsed together with
   * the next one (assembleDocument does).
   */
  openEnd?: true;
  /** The chunk holds a link reference or footnote definition: those act across the whole text. */
  definitions?: true;
  /**
   * Not parsed: a line is indented deeper than MAX_INDENT_COLUMNS (remark takes minutes on lists
   * nested hundreds of levels). `offset` is that line's start in the chunk.
   */
  skipped?: { columns: number; limit: number; offset: number };
  /**
   * Not parsed, or given up on: too complex to analyse (docs/limits.md). `nesting` and `marks`
   * are decided from the text before parsing (the same everywhere); `time` and `memory` are the
   * parse budget of a worker thread running out (index/workerPool.ts). `offset` is where the
   * problem is reported, in the chunk.
   */
  tooComplex?: { reason: 'nesting' | 'marks' | 'time' | 'memory'; count?: number; limit: number; offset: number };
  /** Set when the parser failed on this text (the chunk then contributes nothing). */
  failure?: string;
}
