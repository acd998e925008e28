/**
 * The small inline languages of our documents, on plain strings: clause tags (`[5.1.2.2]`,
 * `【５．１．２．２】`, lists, ranges, `<!-- clause: … -->`), scores (`80%`, `4/5`, `4分`,
 * `不适用` + reason), evidence (`证据：…`), special-entry labels and suppression comments
 * (`<!-- gbt27922-disable-next-line code, code -- reason -->`).
 */
import { CLAUSE_ID_SOURCE, normalizeClauseId } from '../scheme/clauseId';
import type { RawRef, RawSuppression } from './chunkModel';
import type { ScoreForm } from './types';

const ID = CLAUSE_ID_SOURCE;
const SEP = '(?:\\s*[,，、;；]\\s*|\\s+)';
/** A range's dash: ASCII, en/em dash, full-width hyphen `－` (U+FF0D), minus sign, tilde or 至. */
const RANGE_DASH = '\\s*(?:-|–|—|－|−|‐|~|～|至)\\s*';
const ELEMENT = `${ID}(?:${RANGE_DASH}${ID})?`;
const LIST = `\\s*${ELEMENT}(?:${SEP}${ELEMENT})*\\s*`;

/** A bracket tag without its escape check: `[…]`, `【…】` or `［…］` around a list of IDs and ranges. */
export const BRACKET_TAG_SOURCE = `(?:\\[(${LIST})\\]|【(${LIST})】|［(${LIST})］)`;
/**
 * `[…]`, `【…】` or full-width `［…］` whose content is a list of IDs and ranges; not escaped
 * (after an odd run of backslashes). Group 1: ASCII brackets; 2: `【】`; 3: `［］`.
 */
export const BRACKET_TAG = new RegExp(`(?<!(?<!\\\\)\\\\(?:\\\\\\\\)*)${BRACKET_TAG_SOURCE}`, 'g');
/** Characters that open a bracket tag. */
export const TAG_OPENERS = ['[', '【', '［'] as const;
/** Where `<!-- clause: … -->` starts, up to its colon (also `clauses`, `条款`; case-insensitive). */
export const COMMENT_TAG_START = '<!--\\s*(?:clauses?|条款)\\s*[:：]';
/** `<!-- clause: … -->` (also `clauses`, `条款`). */
export const COMMENT_TAG = new RegExp(`${COMMENT_TAG_START}(${LIST})-->`, 'gi');
const ELEMENT_RE = new RegExp(`(${ID})(?:${RANGE_DASH}(${ID}))?`, 'g');

/** The refs of a tag's content, offsets relative to `base` (where `content` starts). */
export function refsOf(content: string, base: number): RawRef[] {
  const refs: RawRef[] = [];
  ELEMENT_RE.lastIndex = 0;
  for (let m = ELEMENT_RE.exec(content); m; m = ELEMENT_RE.exec(content)) {
    const ref: RawRef = { raw: m[0], id: normalizeClauseId(m[1]), start: base + m.index, end: base + m.index + m[0].length };
    if (m[2]) ref.to = normalizeClauseId(m[2]);
    refs.push(ref);
  }
  return refs;
}

const BARE_ID = new RegExp(`^${ID}$`);

/** Whether a table cell holds nothing but one clause ID (`5.1.1.1`, `５．１．１．１`): an audit table's clause cell without brackets. */
export function isBareClauseId(text: string): boolean {
  return BARE_ID.test(text);
}

/** A clause-ID list as front matter may write it (`5.1.1.1, 5.1.1.2` or `5.2.2.1-5.2.2.4`). */
export function refsOfList(text: string, base: number): RawRef[] | undefined {
  if (!new RegExp(`^${LIST}$`).test(text)) return undefined;
  return refsOf(text, base);
}

/** The labels of special entries (`[扣分]`, `[bonus]`, …), longest first where one starts another. */
export const SPECIAL_WORDS = ['特别扣分', '扣分', 'deduction', '特别加分', '加分', 'bonus'] as const;
/** A special label anywhere (no anchor; case-insensitive): `[扣分]`, `【 加分 】`, `［bonus］`. */
export const SPECIAL_LABEL_SOURCE = `[[【［]\\s*(${SPECIAL_WORDS.join('|')})\\s*[\\]】］]`;
export const SPECIAL_LABEL = new RegExp(`^\\s*${SPECIAL_LABEL_SOURCE}`, 'i');

export function specialKind(label: string): 'deduction' | 'bonus' {
  return /扣分|deduction/i.test(label) ? 'deduction' : 'bonus';
}

const FW_DIGIT = /[\uFF10-\uFF19]/g;
function ascii(s: string): string {
  return s.replace(FW_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[．]/g, '.');
}

const NUM = '[0-9\\uFF10-\\uFF19]+(?:[.．][0-9\\uFF10-\\uFF19]+)?';
/** Separators before a score; a minus sign right before a digit is not one (`-10%` is a bad score, not 10%). */
const LEAD = /^(?:[\s:：—–|]|-(?![0-9\uFF10-\uFF19]))*/;
const SCORE = new RegExp(
  `^(?:(${NUM})\\s*[%％]|(${NUM})\\s*[/／]\\s*(${NUM})(?:\\s*分)?|(${NUM})\\s*分|(不适用|N\\/A|NA(?![A-Za-z])))`,
  'i',
);
const COUNT = '[0-9\\uFF10-\\uFF19]+';
const UNIT = '(?:\\s*(?:份|个|张|单|件|人|次|项|户|台|条|例))?';
/** `抽查 20 份，合格 18 份`, `抽查20，合格18`, `抽样 20 份，其中合格 18 份`, `sampled 20, conforming 18`. */
const SAMPLE = new RegExp(
  `^(?:(?:抽查|抽样|抽检|抽取)\\s*(${COUNT})${UNIT}\\s*[,，、;；]?\\s*(?:其中\\s*)?(?:合格|符合)\\s*(${COUNT})${UNIT}|(?:sampled|sample(?:\\s+of)?)\\s+(${COUNT})\\s*[,，;；]?\\s*(?:of\\s+which\\s+)?(?:conforming|conform(?:ed)?|compliant)\\s+(${COUNT})(?![0-9]))`,
  'i',
);
const NUMBERISH = /^[-+]?[0-9\uFF10-\uFF19][^\s，。,;；]*/;
const EVIDENCE_MARK = /(?:证据|佐证|依据|evidence)\s*[:：]\s*/i;

export interface ScoreRead {
  score: { kind: 'ok'; form: ScoreForm; start: number; end: number; text: string } | { kind: 'malformed'; text: string; start: number; end: number } | { kind: 'missing' };
  /** Offset in the text right after the score (or where it would be). */
  after: number;
}

/** Reads the score at the start of `text` (after separators). The N/A reason runs to `reasonEnd`. */
export function readScore(text: string, reasonEnd = text.length): ScoreRead {
  const lead = LEAD.exec(text)![0].length;
  const s = text.slice(lead);
  const sample = SAMPLE.exec(s);
  if (sample) {
    const form: ScoreForm = { kind: 'sample', size: ascii(sample[1] ?? sample[3]), conforming: ascii(sample[2] ?? sample[4]) };
    return { score: { kind: 'ok', form, start: lead, end: lead + sample[0].length, text: sample[0] }, after: lead + sample[0].length };
  }
  const m = SCORE.exec(s);
  if (m) {
    const start = lead;
    const end = lead + m[0].length;
    let form: ScoreForm;
    if (m[1] !== undefined) form = { kind: 'percent', percent: ascii(m[1]) };
    else if (m[2] !== undefined) form = { kind: 'fraction', earned: ascii(m[2]), max: ascii(m[3]) };
    else if (m[4] !== undefined) form = { kind: 'points', earned: ascii(m[4]) };
    else {
      const reason = cleanReason(text.slice(end, Math.max(end, reasonEnd)));
      form = { kind: 'not-applicable', reason };
      return { score: { kind: 'ok', form, start, end, text: m[0] }, after: Math.max(end, reasonEnd) };
    }
    return { score: { kind: 'ok', form, start, end, text: m[0] }, after: end };
  }
  const n = NUMBERISH.exec(s);
  if (n) return { score: { kind: 'malformed', text: n[0], start: lead, end: lead + n[0].length }, after: lead + n[0].length };
  return { score: { kind: 'missing' }, after: lead };
}

/** Words that say there is no reason ("无", "-", "n/a", …): an N/A needs a real one. */
const NOT_A_REASON = new Set(['', '无', '没有', '暂无', '无理由', '略', '-', '--', '—', '–', '/', '／', 'n/a', 'na', 'none', 'nil', 'null', 'no', 'tbd', '不适用', '待定', '待补充']);

/** Whether an N/A reason says something ("生产型企业，不涉及先行赔付"), not just "无" or "-". */
export function isNaReason(reason: string): boolean {
  return !NOT_A_REASON.has(cleanReason(reason).toLowerCase());
}

/** Trim brackets and punctuation around an N/A reason (`（生产型企业）` → `生产型企业`). */
export function cleanReason(s: string): string {
  const t = s.trim().replace(/^[\s:：,，、;；\-—–(（]+/, '');
  // Trailing punctuation by hand: `/[…]+$/` retries from every position of a long run (quadratic).
  let end = t.length;
  while (end > 0 && TRAILING.has(t[end - 1])) end--;
  return t.slice(0, end).trim();
}

const TRAILING = new Set([...' \t\r\n\f\v\u00a0\u3000,，、;；。.)）']);

/** Where evidence starts in `text`: the marker's start and the text's start after it. */
export function findEvidence(text: string): { markStart: number; start: number } | undefined {
  const m = EVIDENCE_MARK.exec(text);
  return m ? { markStart: m.index, start: m.index + m[0].length } : undefined;
}

/** Header names of audit tables. */
export function columnRole(header: string): 'clause' | 'score' | 'evidence' | 'notes' | undefined {
  const h = header.replace(/[\s*_`]/g, '').toLowerCase();
  if (/^(条款|条款号|指标|指标编号|编号|clause|clauseid|item|id)$/.test(h)) return 'clause';
  if (/^(得分|评分|分数|得分率|score|rating)$/.test(h)) return 'score';
  if (/^(证据|审核证据|证据记录|evidence)$/.test(h)) return 'evidence';
  if (/^(备注|说明|审核发现|发现|notes?|remarks?|findings?)$/.test(h)) return 'notes';
  return undefined;
}

/**
 * `<!-- gbt27922-disable-next-line CODE[, CODE] -- reason -->`, `<!-- gbt27922-disable CODE -->`,
 * `<!-- gbt27922-enable [CODE] -->`, `<!-- gbt27922-disable-file CODE -->`. Codes are separated
 * by commas (also `，`, `、`) or spaces; no code means every code; the reason follows ` -- `.
 */
/** What every suppression comment's directive starts with. */
export const SUPPRESSION_PREFIX = 'gbt27922-';
const SUPPRESSION_START = new RegExp(`<!--\\s*${SUPPRESSION_PREFIX}(disable-next-line|disable-file|disable|enable)(?!\\w|-(?!->))`, 'y');
/** Codes read from one comment; more are ignored. */
const MAX_CODES = 50;
const SUPPRESSION_KIND = { 'disable-next-line': 'next-line', 'disable-file': 'file', disable: 'disable', enable: 'enable' } as const;

/**
 * The suppression comments in `source`, offsets shifted by `base`. One pass: each comment runs
 * from `<!--` to the first `-->` (a `<!--` inside a comment is text), so a text of many
 * unterminated comments costs linear time, not quadratic.
 */
export function suppressionsIn(source: string, base: number): RawSuppression[] {
  const out: RawSuppression[] = [];
  for (let at = source.indexOf('<!--'); at >= 0; ) {
    const close = source.indexOf('-->', at + 4);
    if (close < 0) break;
    SUPPRESSION_START.lastIndex = at;
    const m = SUPPRESSION_START.exec(source);
    at = source.indexOf('<!--', close + 3);
    if (!m || m.index + m[0].length > close) continue;
    const bodyStart = m.index + m[0].length;
    const body = source.slice(bodyStart, close);
    const end = close + 3;
    const reasonAt = /(?:^|\s)--(?:\s|$)/.exec(body);
    const list = reasonAt ? body.slice(0, reasonAt.index) : body;
    const codes: RawSuppression['codes'] = [];
    // Control and format characters separate codes too: none ends up in a message.
    for (const c of list.matchAll(/[^\s,，、;；\p{Cc}\p{Cf}]+/gu)) {
      // A real comment names a few codes; a hostile one cannot make thousands of problems.
      if (codes.length === MAX_CODES) break;
      codes.push({ code: c[0], start: base + bodyStart + c.index!, end: base + bodyStart + c.index! + c[0].length });
    }
    const s: RawSuppression = { kind: SUPPRESSION_KIND[m[1] as keyof typeof SUPPRESSION_KIND], codes, start: base + m.index, end: base + end };
    const reason = reasonAt ? body.slice(reasonAt.index + reasonAt[0].length).trim() : '';
    if (reason) s.reason = reason;
    out.push(s);
  }
  return out;
}
