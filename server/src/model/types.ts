/**
 * The document model: what one Markdown file is, which clauses it covers or scores, and
 * where each thing is. Every feature (server, CLI, panel) reads this; nothing reads Markdown
 * directly. Positions are LSP-ready: 0-based line and character in UTF-16 code units of the
 * original text (a BOM and CRLF line ends are accounted for, never shift anything).
 */
import type { ProblemCode } from './problems';

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
  | { kind: 'not-applicable'; reason: string };

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
  /** All links in the file (evidence links of entries are also in their entry). */
  links: EvidenceLink[];
  /** Problems of this file alone, in document order. Empty when kind is 'none'. */
  problems: Problem[];
  /** Suppression comments, in document order. */
  suppressions: SuppressionDirective[];
}
