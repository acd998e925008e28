/**
 * Custom protocol between the extension client and the language server, beyond standard LSP.
 * Plain types and method names only (no LSP or vscode import), so both sides import it.
 * Numbers that are scores or points are sent as exact-rounded decimal strings ("86.25") so
 * what the panel shows is exactly what the CLI prints.
 */

/** Request: the live score / coverage of one document, for the panel and status bar. */
export const DOCUMENT_SCORE_REQUEST = 'gbt27922/documentScore';
/** Notification server → client: a document's payload changed (sent after each analysis of an open document). */
export const DOCUMENT_SCORE_NOTIFICATION = 'gbt27922/documentScoreChanged';
/** Request: the catalog with per-item coverage/score, for the tree view. */
export const CATALOG_REQUEST = 'gbt27922/catalog';
/** Request: generate a document (audit checklist or manual skeleton) as Markdown text. */
export const GENERATE_REQUEST = 'gbt27922/generate';
/** Request: a standalone HTML summary of a report. */
export const EXPORT_HTML_REQUEST = 'gbt27922/exportHtml';

/** Every confident clause-tag suggestion of a manual file, as one edit the client applies (one undo step). */
export const SUGGEST_FILE_REQUEST = 'gbt27922/suggestFile';
export interface SuggestFileParams {
  uri: string;
}
export interface SuggestFileResult {
  /** An LSP WorkspaceEdit (plain JSON). */
  edit: { changes?: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]> };
  /** Headings tagged by the edit. */
  count: number;
}

export interface DocumentScoreParams {
  uri: string;
}

export interface Location {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface TierInfo {
  id: string;
  name: string;
  stars: number;
  minScore: number;
}

export interface GroupRow {
  id: string;
  title: string;
  /** 1 for 5.1/5.2/5.3, 2 for 5.1.1 … */
  level: 1 | 2;
  /** Audit: earned points; manual: covered points. */
  value: string;
  /** Audit: applicable points; manual: total points. */
  max: string;
  /** value ÷ max × 100. */
  percent: string;
}

export interface ItemRow {
  id: string;
  title: string;
  points: string;
  requirement: string;
  /** Where to go to fix it (the report/manual position where it belongs), if known. */
  location?: Location;
}

export interface GateRow {
  tier: string;
  id: string;
  description: string;
  metric: string;
  min: number;
  /** Undefined when the metric was not entered. */
  actual?: string;
  passed: boolean;
}

/** A non-conformity of the report, for the panel's NC section. */
export interface NcRow {
  id: string;
  severity?: 'major' | 'minor' | 'observation';
  /** Against the as-of date. */
  status: 'open' | 'action-planned' | 'overdue' | 'closed';
  clauses: string[];
  finding: string;
  /** ISO due date. */
  due?: string;
  /** Days from the as-of date to the due date (negative: past it); absent when closed. */
  daysToDue?: number;
  /** A later report followed it up (its workspace-relative name and the status it gives). */
  followedUp?: { file: string; status?: 'closed' | 'action-planned' | 'open' };
  /** The NC's entry in the report. */
  location: Location;
}

export interface FollowUpRow {
  id: string;
  status?: 'closed' | 'action-planned' | 'open';
  /** The previous report has an NC of this ID. */
  known: boolean;
  location: Location;
}

export interface NcSummary {
  /** The date statuses are computed against (ISO). */
  asOf: string;
  bySeverity: { major: number; minor: number; observation: number };
  byStatus: { overdue: number; open: number; 'action-planned': number; closed: number };
  /** NCs the report still tracks (not closed, not followed up later; follow-ups not closed); no observations. */
  open: number;
  rows: NcRow[];
  followUps: FollowUpRow[];
  /** NCs of the previous report left open there and not followed up here (location: in the previous report). */
  notFollowedUp: { id: string; severity?: 'major' | 'minor' | 'observation'; location: Location }[];
}

/** One report of the certification cycle, for the trend. */
export interface CycleEntry {
  /** Workspace-relative name. */
  file: string;
  uri: string;
  auditDate?: string;
  auditType?: 'initial' | 'surveillance' | 'recertification';
  auditTypeText: string;
  total: string;
  verdictText: string;
  stars: number;
  /** NCs it still tracks. */
  openNcs: number;
  /** The open report itself. */
  current: boolean;
}

export interface CyclePayload {
  auditType?: 'initial' | 'surveillance' | 'recertification';
  auditTypeText: string;
  auditDate?: string;
  /** The previous report, and the change of the total since it ("+1.57"). */
  previous?: CycleEntry & { change: string };
  /** Percent per group before and now. */
  groupChanges: { id: string; title: string; level: 1 | 2; before: string; after: string; change: string }[];
  /** Oldest first, the open report last. */
  trend: CycleEntry[];
  /** Why the chain stops early (a message), if it does. */
  broken?: string;
}

export interface AuditPayload {
  /** The total as reported (the scheme's rounding): it decides the star, the gates and `next`. */
  total: string;
  /** The total before that one rounding step ("89.999", or its first 8 decimals and "…"). */
  exactTotal: string;
  /** The scheme's rounding ("2 decimals, half-up"): decimals and mode. */
  rounding: { decimals: number; mode: 'half-up' | 'truncate' };
  baseScore: string;
  /** `incomplete`: applicable items are unscored; the total is provisional and there is no star. */
  verdict: 'tier' | 'below-threshold' | 'failed-deductions' | 'incomplete' | 'blocked-by-nc';
  /** The tier reached, if any (never for an incomplete report). */
  tier?: TierInfo;
  /**
   * "五星级" / "Five stars", "未达标" / "Not reached", "不通过" / "Failed", or
   * "未完成：3 项未评分（暂计总分 85.00）" / "Incomplete: 3 items unscored (provisional total 85.00)".
   */
  verdictText: string;
  deductions: { count: number; points: string; limit: number; overLimit: boolean };
  bonus: { claimed: string; applied: string; cap: number; capped: boolean };
  gates: GateRow[];
  failedGates: GateRow[];
  /** The next tier; `pointsNeeded` is "0.00" only when the total is there and gates are missing. */
  next?: { tier: TierInfo; pointsNeeded: string; gatesNeeded: GateRow[] };
  groups: GroupRow[];
  scoredCount: number;
  applicableCount: number;
  notApplicableCount: number;
  unscored: ItemRow[];
  /** Non-conformities and follow-ups (always sent by this server; optional for the view model's sake). */
  ncs?: NcSummary;
  /** The certification cycle (front matter auditType/auditDate/previous). */
  cycle?: CyclePayload;
}

export interface ManualPayload {
  coveredPoints: string;
  totalPoints: string;
  percentByPoints: string;
  coveredCount: number;
  totalCount: number;
  percentByCount: string;
  groups: GroupRow[];
  uncovered: ItemRow[];
  /** Tagged headings with nothing under them. */
  emptySections: ItemRow[];
  /** Files that make up the manual (workspace-relative). */
  files: string[];
  /**
   * `declared`: only files declaring `type: manual` (and files under the configured root's
   * folder) count; `inferred`: nothing is declared, every file with clause tags counts.
   */
  basis: 'declared' | 'inferred';
  /** Tagged files that are not counted (declared basis), workspace-relative. */
  notCounted: string[];
  /** Whether the document this payload is for counts as part of the manual. */
  counted: boolean;
  /** The file uncovered items are reported on. */
  root?: string;
}

export interface DocumentScorePayload {
  uri: string;
  version?: number;
  kind: 'manual' | 'audit' | 'none';
  scheme: { id: string; name: string; provenance?: string };
  /** Organisation from front matter, if any. */
  organisation?: string;
  audit?: AuditPayload;
  manual?: ManualPayload;
  /** Shown errors and warnings; `suppressed`: problems hidden by gbt27922-disable comments. */
  problems: { errors: number; warnings: number; suppressed?: number };
  /** Locale the strings are in. */
  locale: 'en' | 'zh';
  /**
   * The scheme (file) the document or its workspace names, not loaded because the workspace is
   * not trusted (VS Code's Restricted Mode): `scheme` is then the built-in one used instead.
   */
  restrictedScheme?: string;
}

export interface CatalogParams {
  /** Report to show scores of (else: coverage of the workspace manual). */
  uri?: string;
}

export interface CatalogNode {
  id: string;
  title: string;
  points?: string;
  /** Unique among the tree's nodes when `id` is not (an NC under several items). */
  key?: string;
  /** 'nc': a non-conformity raised against the item or group it hangs under. */
  kind: 'section' | 'group' | 'item' | 'nc';
  /** Item state for the tree icon. */
  state?: 'covered' | 'uncovered' | 'scored' | 'unscored' | 'not-applicable';
  /** Audit score of the item, if any ("80%"). */
  score?: string;
  /** NC nodes: severity and status (as of the server's as-of date). */
  ncSeverity?: 'major' | 'minor' | 'observation';
  ncStatus?: 'open' | 'action-planned' | 'overdue' | 'closed';
  /** Items and groups: how many NCs of the report are raised against it. */
  ncCount?: number;
  location?: Location;
  children?: CatalogNode[];
}

export interface GenerateParams {
  kind: 'audit-checklist' | 'manual-skeleton';
  /** Scheme ID or path; default: the workspace's scheme. */
  scheme?: string;
  organisation?: string;
  locale?: 'en' | 'zh';
}

export interface GenerateResult {
  text: string;
}

export interface ExportHtmlParams {
  uri: string;
}

export interface ExportHtmlResult {
  html: string;
}

/** Request: how the last whole-workspace indexing went (the server's log line, as data); null before the first. */
export const INDEX_STATS_REQUEST = 'gbt27922/indexStats';

export interface IndexStatsPayload {
  files: number;
  parsedFiles: number;
  fromDiskCache: number;
  unchanged: number;
  /** Files the prefilter found cannot be ours (model/prefilter.ts): scanned, not parsed. */
  notOurs: number;
  parsedChunks: number;
  /** From the start of indexing to the last model and the diagnostics sent (ms). */
  ms: number;
  /** Parse worker threads (0: parsed on the server's own thread, as in a web worker). */
  workers: number;
  /** Worker threads started since the index was created (0 while no file needed them). */
  workersStarted: number;
  /** Where the time went (ms): reading the disk cache, finding the files, reading and analysing them, computing and sending diagnostics. */
  phases: { diskCache: number; discover: number; files: number; publish: number };
}

// ---------------------------------------------------------------------------------------------
// Workspace files through the client (server → client requests)
//
// In VS Code for the Web (github.dev, vscode.dev) and in any virtual workspace the server has no
// file system: it asks the client, which answers with `vscode.workspace.fs` and refuses anything
// outside the workspace folders. The client announces that it answers these requests with
// `initializationOptions.workspaceFiles: true`. Batched: one request reads many files.

/** Request server → client: the entries of directories (one level each). */
export const READ_DIRECTORIES_REQUEST = 'gbt27922/files/readDirectories';
/** Request server → client: the bytes of files, each up to a size limit. */
export const READ_FILES_REQUEST = 'gbt27922/files/read';
/** Request server → client: what is at each URI (for evidence links and new folders). */
export const STAT_FILES_REQUEST = 'gbt27922/files/stat';

/** `vscode.FileType` bits: 1 file, 2 directory, 64 symbolic link (combined with the target's type). */
export const FILE_TYPE = { file: 1, directory: 2, symbolicLink: 64 } as const;

export interface ReadDirectoriesParams {
  uris: string[];
}
/** Per directory: its entries as [name, FileType bits], or why they could not be read. */
export type ReadDirectoriesResult = ({ entries: [string, number][] } | { error: string })[];

export interface ReadFilesParams {
  files: { uri: string; maxBytes: number }[];
  /** Bytes one answer may carry: files past it (never the first) are answered `later` and asked for again. */
  budgetBytes?: number;
}
export type FileBytes =
  /** The file's bytes, base64 (the JSON-RPC transports of desktop and web both carry strings). */
  | { kind: 'bytes'; base64: string }
  /** Larger than maxBytes (not read). */
  | { kind: 'too-large'; bytes: number }
  /** Not a regular file (a directory, a symbolic link), missing, outside the workspace, or unreadable. */
  | { kind: 'unreadable'; reason: string; missing?: boolean }
  /** Not read in this answer (its bytes would have passed `budgetBytes`): ask again. */
  | { kind: 'later' };
export type ReadFilesResult = FileBytes[];

export interface StatFilesParams {
  uris: string[];
}
/** Per URI: its FileType bits and size, `null` when nothing is there, or `'outside'` when the client will not look (outside the workspace). */
export type StatFilesResult = ({ type: number; size: number } | null | 'outside')[];
