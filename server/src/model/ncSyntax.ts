/**
 * The small language of non-conformities (不符合项) and their follow-ups, on plain strings
 * (PRODUCT.md §7.3; docs/audit-cycle.md has every accepted word):
 *
 *   - [NC-01] [5.2.3.2] 一般：西北大区 3 月超时送货 6 单。整改期限：2027-04-30
 *     - 原因分析：区域配送商运力不足
 *     - 纠正措施：增加两家配送商
 *     - 验证：2027-04-25 已关闭（郑晓峰）
 *   - [跟踪 NC-04] 已关闭：备件库先进先出执行到位。证据：备件出入库记录
 *
 * `readNonconformity` / `readFollowUp` take the source text of one list item or paragraph and
 * give scheme-free raw data with offsets (parseChunk stores them in the chunk model).
 */
import type { RawDate, RawFollowUp, RawNonconformity, RawRef, RawSpan, RawTag, RawText, RawVerification } from './chunkModel';
import { findDate } from './dates';

export type NcSeverity = 'major' | 'minor' | 'observation';
export type FollowUpStatus = 'closed' | 'action-planned' | 'open';

const OPEN = '[[【［]';
const CLOSE = '[\\]】］]';
/** An NC ID: `NC-01`, `NC01`, `NC-2027-03`, `nc_1` (full-width letters and digits too). */
const NC_ID = '[NnＮｎ][CcＣｃ][-‐－_]?[0-9A-Za-z\\uFF10-\\uFF19][0-9A-Za-z\\uFF10-\\uFF19.\\-_－]*';
/** `[NC-01]` anywhere (the prefilter looks for it so). */
export const NC_LABEL_SOURCE = `${OPEN}[ \\t]*(${NC_ID})[ \\t]*${CLOSE}`;
/** `[NC-01]` at the start of a paragraph. */
export const NC_LABEL = new RegExp(`^${NC_LABEL_SOURCE}`);
/** `[跟踪 NC-04]` anywhere (case-insensitive). */
export const FOLLOW_UP_LABEL_SOURCE = `${OPEN}[ \\t]*(?:跟踪|跟进|复查|上次不符合项跟踪|follow[- ]?up)[ \\t:：]*(${NC_ID})[ \\t]*${CLOSE}`;
/** `[跟踪 NC-04]`, `[follow-up NC-04]`, `【跟踪：NC-04】` at the start of a paragraph. */
export const FOLLOW_UP_LABEL = new RegExp(`^${FOLLOW_UP_LABEL_SOURCE}`, 'i');

/** `NC-01` as a key: ASCII, upper case (`ｎｃ－０１` → `NC-01`). */
export function normalizeNcId(raw: string): string {
  return raw
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/‐/g, '-')
    .toUpperCase();
}

const SEVERITY = /^(?:[(（【[]\s*)?(严重不符合项?|严重|主要不符合项?|一般不符合项?|一般|轻微不符合项?|轻微|次要不符合项?|观察项|观察|major|minor|observation|obs)(?![A-Za-z])(?:\s*[)）】\]])?(?:\s*(?:不符合项?|nonconformity|non-conformity|nc)(?![A-Za-z]))?/i;

function severityOf(word: string): NcSeverity {
  if (/^(严重|主要|major)/i.test(word)) return 'major';
  if (/^(观察|obs)/i.test(word)) return 'observation';
  return 'minor';
}

/** A severity word at the very start of `text` (`一般：`, `严重不符合`, `major`, `（观察项）`). */
export function readSeverity(text: string): { severity: NcSeverity; length: number } | undefined {
  const m = SEVERITY.exec(text);
  return m ? { severity: severityOf(m[1]), length: m[0].length } : undefined;
}

type Label = 'root-cause' | 'action' | 'verification' | 'due';
const LABELS: [Label, string][] = [
  ['root-cause', '原因分析|根本原因分析|根本原因|根因分析|原因|root[- ]cause(?:\\s+analysis)?|cause'],
  ['action', '纠正措施|纠正和预防措施|纠正及预防措施|纠正预防措施|纠正\\/预防措施|整改措施|纠正|corrective[- ]actions?|corrections?|action[- ]plan'],
  ['verification', '验证结果|验证情况|整改验证|跟踪验证|关闭验证|验证|verification|verified'],
  ['due', '整改期限|整改时限|整改日期|完成期限|完成时限|关闭期限|纠正期限|要求完成日期|due(?:[- ]date)?|deadline'],
];
const LABEL_SOURCE = LABELS.map(([, s]) => `(${s})`).join('|');
/** A label at the start of a line: `原因分析：`, `corrective action:`. */
const LINE_LABEL = new RegExp(`^(?:${LABEL_SOURCE})\\s*[:：]\\s*`, 'i');
/** A label inside a line, after a sentence ends (`…6 单。整改期限：2027-04-30`). */
const INLINE_LABEL = new RegExp(`(?:[。；;]|\\.(?=\\s)|\\s)\\s*(?:${LABEL_SOURCE})\\s*[:：]\\s*`, 'gi');

function labelOf(m: RegExpExecArray): Label {
  for (let i = 0; i < LABELS.length; i++) if (m[i + 1] !== undefined) return LABELS[i][0];
  return 'action';
}

/** Words that say an NC is still not closed (a verification that failed, a follow-up still open). */
const NEGATED = /未关闭|未能关闭|不能关闭|未通过|不通过|无效|未完成|未整改|仍未|重新打开|not\s+closed|not\s+effective|ineffective|re-?opened|still\s+open/i;

const FOLLOW_UP_STATUS: [FollowUpStatus, RegExp][] = [
  ['open', /^(?:未关闭|仍未关闭|尚未关闭|未整改|未完成|仍然开放|开放|open|not\s+closed|still\s+open)/i],
  ['closed', /^(?:已验证关闭|验证关闭|已关闭|已整改关闭|已闭环|关闭|closed|verified\s+closed)/i],
  ['action-planned', /^(?:整改中|纠正中|正在整改|措施已制定|已制定措施|进行中|action[- ]planned|in\s+progress|corrective\s+action\s+planned)/i],
];

/** A follow-up's status word at the start of `text`. */
export function readFollowUpStatus(text: string): { status: FollowUpStatus; length: number } | undefined {
  for (const [status, re] of FOLLOW_UP_STATUS) {
    const m = re.exec(text);
    if (m) return { status, length: m[0].length };
  }
  return undefined;
}

interface Segment {
  label: Label | 'head';
  /** Pieces of text with their offsets (one per line). */
  parts: { text: string; start: number }[];
  /** Where the label starts (for sub-entries). */
  labelStart: number;
}

const LIST_MARKER = /^[ \t]*(?:>[ \t]?)*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$))?/;

/**
 * Cut the text of an item into its head and labelled segments: a label at the start of a line
 * (after list markers) or after a sentence end inside a line. Lines inside fenced code are text.
 */
function segments(text: string, base: number, headFrom: number): Segment[] {
  const out: Segment[] = [{ label: 'head', parts: [], labelStart: base + headFrom }];
  let fence: string | undefined;
  // Lines before the one holding `headFrom` (a list marker alone on its line) are not ours.
  let pos = Math.max(text.lastIndexOf('\n', headFrom - 1), text.lastIndexOf('\r', headFrom - 1)) + 1;
  let first = true;
  while (pos <= text.length) {
    let end = pos;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const line = text.slice(pos, end);
    let from = first ? headFrom - pos : LIST_MARKER.exec(line)![0].length;
    const content = line.slice(from);
    const fenceMark = /^[ \t]*(`{3,}|~{3,})/.exec(content);
    if (fence) {
      if (fenceMark && fenceMark[1][0] === fence[0] && fenceMark[1].length >= fence.length) fence = undefined;
      out[out.length - 1].parts.push({ text: content, start: base + pos + from });
    } else if (fenceMark) {
      fence = fenceMark[1];
      out[out.length - 1].parts.push({ text: content, start: base + pos + from });
    } else {
      const m = first ? null : LINE_LABEL.exec(content);
      if (m) {
        out.push({ label: labelOf(m), parts: [], labelStart: base + pos + from });
        from += m[0].length;
      }
      splitInline(out, line.slice(from), base + pos + from);
    }
    first = false;
    if (end >= text.length) break;
    pos = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
  }
  return out;
}

/** Add a line's text to the current segment, opening a new one at each inline label. */
function splitInline(out: Segment[], line: string, start: number): void {
  INLINE_LABEL.lastIndex = 0;
  let from = 0;
  for (let m = INLINE_LABEL.exec(line); m; m = INLINE_LABEL.exec(line)) {
    // The sentence end stays with the text before it.
    const cut = m.index + (/^[。；;.]/.test(m[0]) ? 1 : 0);
    out[out.length - 1].parts.push({ text: line.slice(from, cut), start: start + from });
    out.push({ label: labelOf(m), parts: [], labelStart: start + cut + (m[0].length - m[0].trimStart().length) - (/^[。；;.]/.test(m[0]) ? 1 : 0) });
    from = m.index + m[0].length;
  }
  out[out.length - 1].parts.push({ text: line.slice(from), start: start + from });
}

/** A segment's text (lines joined by a space, trimmed) and the span of its non-blank part. */
function textOf(seg: Segment): RawText | undefined {
  const pieces = seg.parts.map((p) => ({ ...p, lead: p.text.length - p.text.trimStart().length })).filter((p) => p.text.trim());
  if (pieces.length === 0) return undefined;
  const text = pieces
    .map((p) => p.text.trim())
    .join(' ')
    .trim();
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  return { text, start: first.start + first.lead, end: last.start + last.text.trimEnd().length };
}

/** The first date in `source`, the piece of the chunk's text that starts at `start` (chunk offsets). */
function dateIn(source: string, start: number): RawDate | undefined {
  const d = findDate(source);
  if (!d) return undefined;
  const out: RawDate = { text: d.text, start: start + d.index, end: start + d.index + d.text.length };
  if (d.iso) out.iso = d.iso;
  return out;
}

/** The first date in a segment, with offsets in the source (not in the joined text). */
function dateAt(chunkText: string, t: RawText): RawDate | undefined {
  return dateIn(chunkText.slice(t.start, t.end), t.start);
}

/** A verification's text with its date; negated when it says the NC is still open. */
function verificationOf(t: RawText, labelStart: number, date: RawDate | undefined): RawVerification {
  const v: RawVerification = { text: t.text, start: t.start, end: t.end, labelStart };
  if (date) v.date = date;
  if (NEGATED.test(t.text)) v.negated = true;
  return v;
}

/**
 * A follow-up's status where no status word gave one: a dated verification that does not say
 * otherwise closes it, a negated one leaves it open, a corrective action puts it under way.
 */
function settleFollowUpStatus(f: RawFollowUp): void {
  if (f.status) return;
  if (f.verification?.negated) f.status = 'open';
  else if (f.verification?.date?.iso) f.status = 'closed';
  else if (f.action) f.status = 'action-planned';
}

function trimPunctuation(s: string): string {
  return s.replace(/^[\s:：,，、;；]+/, '').replace(/[\s,，、;；]+$/, '');
}

interface Subs {
  rootCause?: RawText;
  action?: RawText;
  verification?: RawVerification;
  due?: RawNonconformity['due'];
}

function readSubs(chunkText: string, segs: Segment[]): Subs {
  const subs: Subs = {};
  for (const seg of segs) {
    if (seg.label === 'head') continue;
    const t = textOf(seg);
    if (seg.label === 'due') {
      const d = t ? dateAt(chunkText, t) : undefined;
      if (!subs.due) subs.due = { ...(d ?? { text: t?.text ?? '', start: t?.start ?? seg.labelStart, end: t?.end ?? seg.labelStart }), label: { start: seg.labelStart, end: t?.start ?? seg.labelStart } };
      continue;
    }
    if (!t) continue;
    if (seg.label === 'root-cause') subs.rootCause ??= t;
    else if (seg.label === 'action') subs.action ??= t;
    else subs.verification ??= verificationOf(t, seg.labelStart, dateAt(chunkText, t));
  }
  return subs;
}

/**
 * An NC from the source of its list item or paragraph (`item`, chunk offsets) whose text starts
 * at `para.start` with the NC label. `tags` are the chunk's tags (the NC's clause tags are the
 * ones right after its ID), `tagBase` the index of the first tag inside this item.
 */
export function readNonconformity(chunkText: string, item: RawSpan, para: RawSpan, tags: RawTag[], tagBase: number): RawNonconformity | undefined {
  const label = NC_LABEL.exec(chunkText.slice(para.start, para.end));
  if (!label) return undefined;
  const idStart = para.start + label[0].indexOf(label[1]);
  const nc: RawNonconformity = {
    id: normalizeNcId(label[1]),
    raw: label[1],
    idSpan: { start: idStart, end: idStart + label[1].length },
    tags: [],
    finding: '',
    start: item.start,
    end: item.end,
  };
  // Clause tags and the severity word, in either order, right after the ID.
  const byStart = new Map<number, number>();
  for (let i = tagBase; i < tags.length; i++) if (tags[i].form !== 'comment' && tags[i].start < para.end) byStart.set(tags[i].start, i);
  let pos = para.start + label[0].length;
  for (;;) {
    while (pos < para.end && /[\s,，、:：]/.test(chunkText[pos])) pos++;
    const tag = byStart.get(pos);
    if (tag !== undefined) {
      nc.tags.push(tag);
      pos = tags[tag].end;
      continue;
    }
    if (nc.severity === undefined) {
      const sev = readSeverity(chunkText.slice(pos, para.end));
      if (sev) {
        nc.severity = sev.severity;
        nc.severitySpan = { start: pos, end: pos + sev.length };
        pos += sev.length;
        continue;
      }
    }
    break;
  }
  const segs = segments(chunkText.slice(item.start, item.end), item.start, pos - item.start);
  const head = textOf(segs[0]);
  if (head) {
    const finding = trimPunctuation(head.text);
    nc.finding = finding;
    if (finding) {
      const lead = chunkText.slice(head.start, head.end).indexOf(finding.slice(0, 1));
      nc.findingSpan = { start: head.start + Math.max(0, lead), end: head.end };
    }
  }
  const subs = readSubs(chunkText, segs);
  if (subs.due) nc.due = subs.due;
  if (subs.rootCause) nc.rootCause = subs.rootCause;
  if (subs.action) nc.action = subs.action;
  if (subs.verification) nc.verification = subs.verification;
  return nc;
}

/** A follow-up (`[跟踪 NC-04] 已关闭：…`) from the source of its list item or paragraph. */
export function readFollowUp(chunkText: string, item: RawSpan, para: RawSpan): RawFollowUp | undefined {
  const label = FOLLOW_UP_LABEL.exec(chunkText.slice(para.start, para.end));
  if (!label) return undefined;
  const idStart = para.start + label[0].lastIndexOf(label[1]);
  const f: RawFollowUp = { id: normalizeNcId(label[1]), raw: label[1], idSpan: { start: idStart, end: idStart + label[1].length }, text: '', start: item.start, end: item.end };
  let pos = para.start + label[0].length;
  while (pos < para.end && /[\s,，、:：]/.test(chunkText[pos])) pos++;
  const status = readFollowUpStatus(chunkText.slice(pos, para.end));
  if (status) {
    f.status = status.status;
    f.statusSpan = { start: pos, end: pos + status.length };
    pos += status.length;
  }
  const segs = segments(chunkText.slice(item.start, item.end), item.start, pos - item.start);
  const head = textOf(segs[0]);
  if (head) f.text = trimPunctuation(head.text);
  const subs = readSubs(chunkText, segs);
  if (subs.action) f.action = subs.action;
  if (subs.verification) f.verification = subs.verification;
  settleFollowUpStatus(f);
  return f;
}

// ---------------------------------------------------------------------------------------------
// Tables of non-conformities and of follow-ups
//
//   | 编号  | 条款    | 性质 | 不符合事实           | 整改期限   | 纠正措施     | 验证               |
//   | NC-01 | 5.2.3.2 | 一般 | 西北大区超时送货 6 单 | 2027-04-30 | 增加配送商   | 2027-04-25 已关闭 |
//
//   | 上次不符合项 | 跟踪情况 | 验证              |
//   | NC-04        | 已关闭   | 2027-03-10 已验证 |
//
// A table is one of these when one of its columns holds NC IDs (`NC-01`, `[NC-01]`, `跟踪 NC-04`)
// and its header names what the rows say: a severity, finding or due column makes it a table of
// NCs; without those, a status, action or verification column makes it a table of follow-ups
// (so does a header saying 跟踪/上次/follow-up over the ID column).

/** What a column of an NC or follow-up table holds, from its header. */
export type NcColumn = 'clause' | 'severity' | 'finding' | 'due' | 'root-cause' | 'action' | 'verification' | 'status';

const NC_COLUMNS: [NcColumn, RegExp][] = [
  ['clause', /^(?:条款|条款号|指标|指标项|指标编号|对应条款|涉及条款|标准条款|相关条款|clauses?|items?|clauseids?)$/],
  ['severity', /^(?:性质|类型|级别|等级|分级|不符合性质|不符合类型|不符合级别|不符合项性质|不符合项类型|不符合项级别|严重程度|severity|grade|category|type)$/],
  ['finding', /^(?:不符合事实|不符合描述|不符合项描述|不符合事实描述|不符合内容|不符合项内容|事实描述|问题描述|描述|审核发现|发现|不符合项|findings?|description|nonconformity|non-conformity)$/],
  ['status', /^(?:状态|当前状态|跟踪情况|跟踪结果|跟踪状态|整改状态|整改情况|关闭情况|关闭状态|status|follow-?upstatus)$/],
  ...LABELS.map(([label, words]): [NcColumn, RegExp] => [label, new RegExp(`^(?:${words})$`, 'i')]),
];

/** The role of an NC table's column from its header text (spaces, emphasis and a colon ignored). */
export function ncColumnRole(header: string): NcColumn | undefined {
  const plain = header.replace(/[*_`:：]/g, '').trim().toLowerCase();
  const h = plain.replace(/\s+/g, '');
  const spaced = plain.replace(/\s+/g, ' ');
  for (const [role, re] of NC_COLUMNS) if (re.test(h) || re.test(spaced)) return role;
  return undefined;
}

/** A table cell's text (trimmed) and its offsets in the chunk. */
export type CellText = RawText;

/** `NC-01`, `[NC-01]`, `【NC-01】` or `跟踪 NC-01` filling a cell: the ID and where it is in the cell. */
const NC_ID_CELL = new RegExp(`^(?:(?:跟踪|跟进|复查|follow[- ]?up)[ \\t:：]*)?(?:${OPEN}[ \\t]*)?(?:(?:跟踪|跟进|复查|follow[- ]?up)[ \\t:：]*)?(${NC_ID})(?:[ \\t]*${CLOSE})?$`, 'i');

function ncIdIn(cell: CellText | undefined): { id: string; raw: string; span: RawSpan } | undefined {
  if (!cell) return undefined;
  const m = NC_ID_CELL.exec(cell.text);
  // A digit too: a cell saying `ncurses` or `NCR` names no NC.
  if (!m || !/[0-9\uFF10-\uFF19]/.test(m[1])) return undefined;
  const at = cell.start + m[0].lastIndexOf(m[1]);
  return { id: normalizeNcId(m[1]), raw: m[1], span: { start: at, end: at + m[1].length } };
}

/** A cell that says nothing: empty, a dash, 无, N/A. */
const PLACEHOLDER = /^(?:[-—–－/／\\、.。…]*|无|暂无|未|n\/?a|none|nil|tbd)$/i;

function said(cell: CellText | undefined): CellText | undefined {
  return cell && !PLACEHOLDER.test(cell.text.trim()) ? cell : undefined;
}

/** A cell's date (its text is the chunk's text at its offsets). */
function cellDate(cell: CellText): RawDate | undefined {
  return dateIn(cell.text, cell.start);
}

/** A verification cell (or a status cell that closes the NC). */
function cellVerification(cell: CellText): RawVerification {
  return verificationOf(cell, cell.start, cellDate(cell));
}

export interface NcTable {
  kind: 'nonconformities' | 'follow-ups';
  /** The column holding the NC IDs. */
  idColumn: number;
  roles: (NcColumn | undefined)[];
}

/**
 * Whether a table (its header cells and its body rows' cells) is a table of NCs or follow-ups,
 * and how to read it; undefined for any other table.
 */
export function ncTableOf(header: readonly string[], body: readonly (CellText | undefined)[][]): NcTable | undefined {
  const roles = header.map((h) => ncColumnRole(h));
  let idColumn = -1;
  for (let c = 0; c < header.length && idColumn < 0; c++) if ((roles[c] === undefined || roles[c] === 'finding') && body.some((row) => ncIdIn(row[c]))) idColumn = c;
  if (idColumn < 0) return undefined;
  // `| 不符合项 | 性质 | 描述 |` over `| NC-01 | …`: that header names the ID column.
  roles[idColumn] = undefined;
  const has = (r: NcColumn) => roles.includes(r);
  const followUpHeader = /跟踪|跟进|复查|上次|以往|follow/i.test(header[idColumn]);
  if (!followUpHeader && (has('severity') || has('finding') || has('due'))) return { kind: 'nonconformities', idColumn, roles };
  if (has('status') || has('action') || has('verification') || (followUpHeader && has('finding'))) return { kind: 'follow-ups', idColumn, roles };
  return undefined;
}

function cellsByRole(table: NcTable, row: readonly (CellText | undefined)[]): Partial<Record<NcColumn, CellText>> {
  const out: Partial<Record<NcColumn, CellText>> = {};
  table.roles.forEach((role, c) => {
    if (role && !out[role]) {
      const cell = said(row[c]);
      if (cell) out[role] = cell;
    }
  });
  return out;
}

/**
 * An NC from a row of a table of NCs (`row` its cells, `rowSpan` the row, chunk offsets), or
 * undefined when its ID cell holds no NC ID. `clauseTags` are the indices of the clause tags in
 * its clause cell (the caller records them), `bareClauses` the IDs of a clause cell without brackets.
 */
export function readNonconformityRow(table: NcTable, row: readonly (CellText | undefined)[], rowSpan: RawSpan, clauseTags: number[], bareClauses?: RawRef[]): RawNonconformity | undefined {
  const id = ncIdIn(row[table.idColumn]);
  if (!id) return undefined;
  const cells = cellsByRole(table, row);
  const nc: RawNonconformity = { id: id.id, raw: id.raw, idSpan: id.span, tags: clauseTags, finding: '', start: rowSpan.start, end: rowSpan.end, form: 'table' };
  if (bareClauses?.length) nc.clauses = bareClauses;
  if (cells.severity) {
    const sev = readSeverity(cells.severity.text);
    if (sev) {
      nc.severity = sev.severity;
      nc.severitySpan = { start: cells.severity.start, end: cells.severity.start + sev.length };
    }
  }
  if (cells.finding) {
    nc.finding = trimPunctuation(cells.finding.text);
    nc.findingSpan = { start: cells.finding.start, end: cells.finding.end };
  }
  if (cells.due) {
    const d = cellDate(cells.due);
    nc.due = { ...(d ?? { text: cells.due.text, start: cells.due.start, end: cells.due.end }), label: { start: cells.due.start, end: cells.due.start } };
  }
  if (cells['root-cause']) nc.rootCause = { ...cells['root-cause'] };
  if (cells.action) nc.action = { ...cells.action };
  if (cells.verification) nc.verification = cellVerification(cells.verification);
  else if (cells.status) {
    // A status column of a table of NCs: closed (with its date) is a verification; 整改中 says a
    // corrective action is under way where no column gives it.
    const status = readFollowUpStatus(cells.status.text.trim());
    if (status?.status === 'closed' || NEGATED.test(cells.status.text)) nc.verification = cellVerification(cells.status);
    else if (status?.status === 'action-planned' && !nc.action) nc.action = { ...cells.status };
  }
  return nc;
}

/** A follow-up from a row of a table of follow-ups, or undefined when its ID cell holds no NC ID. */
export function readFollowUpRow(table: NcTable, row: readonly (CellText | undefined)[], rowSpan: RawSpan): RawFollowUp | undefined {
  const id = ncIdIn(row[table.idColumn]);
  if (!id) return undefined;
  const cells = cellsByRole(table, row);
  const f: RawFollowUp = { id: id.id, raw: id.raw, idSpan: id.span, text: '', start: rowSpan.start, end: rowSpan.end, form: 'table' };
  const texts: string[] = [];
  if (cells.status) {
    const status = readFollowUpStatus(cells.status.text.trim());
    if (status) {
      const lead = cells.status.text.length - cells.status.text.trimStart().length;
      f.status = status.status;
      f.statusSpan = { start: cells.status.start + lead, end: cells.status.start + lead + status.length };
      texts.push(trimPunctuation(cells.status.text.trim().slice(status.length)));
    } else texts.push(trimPunctuation(cells.status.text));
  }
  if (cells.finding) texts.push(trimPunctuation(cells.finding.text));
  f.text = texts.filter((t) => t).join('；');
  if (cells.action) f.action = { ...cells.action };
  if (cells.verification) f.verification = cellVerification(cells.verification);
  settleFollowUpStatus(f);
  return f;
}
