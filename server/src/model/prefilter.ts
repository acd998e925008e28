/**
 * The prefilter: can this text be one of ours? Decided from the raw text, before any Markdown
 * parse, so that a workspace of someone else's Markdown (a company's documentation, the README
 * files of a project's dependencies) costs one scan per file and no model.
 *
 * It answers "maybe" (the reason it found) or "no" (undefined). "No" is a promise: the full
 * parse of that text with the same scheme gives a model of kind 'none' — not a manual, not an
 * audit, no problem shown (a file that is not ours contributes nothing anywhere: no diagnostics,
 * no symbols, no references). Without a scheme the promise is stronger: the parse would not
 * find a single clause tag, front-matter clause or suppression comment either.
 * test/unit/model/prefilter.test.ts checks both on random documents built from every form the
 * model reads and on real ones. "Maybe" may be wrong (then the parse finds nothing): the scan
 * looks at the text, not at its Markdown structure, so a tag inside a code block still says maybe.
 *
 * Every pattern is built from the model's own constants (inlineSyntax.ts, frontMatter.ts,
 * scheme/clauseId.ts), so a form the model learns is a form the prefilter looks for:
 * - a clause tag `[5.1.2.2]`, `【５．１．２．２】`, `［…］`, lists and ranges: the model's bracket
 *   pattern without its escape check (the model applies it to pieces of text, where a backslash
 *   before the piece is not seen). An ASCII-bracket tag that is the text of an inline link,
 *   `[7.6.1.1](https://…)`, is skipped: the model never reads tags in link text, and with a plain
 *   destination (no space, parenthesis, `<`, `>`, backslash or `|`) such a bracket is always a link.
 *   With a scheme, a tag that names none of its item or group IDs (`[0.25, 0.35]`, `[99.3]`)
 *   cannot make a manual; it counts only where it could lead an audit entry, which is scored
 *   whatever its ID: first on its line after block-quote, list and task-list markers and footnote
 *   labels (`[^1]: `), or first in
 *   a table cell when some line names a clause and a score column;
 * - an HTML comment tag `<!-- clause: 5.1.2.2 -->` (with a scheme: naming one of its IDs);
 * - a special-entry label `[扣分]`, `[bonus]`, … anywhere;
 * - a non-conformity `[NC-01]` or a follow-up `[跟踪 NC-01]`, `[follow-up NC-01]` first on its
 *   line after those markers (where a paragraph may start), unless it is the label of a link
 *   reference definition (ASCII brackets, after nothing but indentation and quote markers) with
 *   a plain destination (`[ncz]: http://…`);
 * - a suppression comment (`gbt27922-` anywhere);
 * - a bare clause ID alone in a table cell (`| 5.1.1.1 | 80% |`, read in an audit table), when
 *   some line also names a clause column and a score column;
 * - front matter (the model reads it only at the very start, between `---` fences) holding one of
 *   our keys, except that a type key (`type`, `类型`, …) counts only with one of our document
 *   types (`audit`, `手册`, …) in the same front matter; or holding a backslash (a YAML escape
 *   could spell any key).
 */
import { CLAUSE_ID_SOURCE, normalizeClauseId } from '../scheme/clauseId';
import type { Scheme } from '../scheme/types';
import { DOCUMENT_TYPE_VALUES, FRONT_MATTER_KEYS } from './frontMatter';
import { BRACKET_TAG_SOURCE, columnRole, COMMENT_TAG, SPECIAL_LABEL_SOURCE, SUPPRESSION_PREFIX } from './inlineSyntax';
import { FOLLOW_UP_LABEL_SOURCE, NC_LABEL_SOURCE } from './ncSyntax';

/** Why a text may be ours (the first form found). */
export type PrefilterReason = 'front-matter' | 'clause-tag' | 'comment-tag' | 'special-entry' | 'nc-marker' | 'suppression' | 'table-clause-id';

const BRACKET = new RegExp(BRACKET_TAG_SOURCE, 'g');
const ID = new RegExp(CLAUSE_ID_SOURCE, 'g');
/** `(destination)` right after `]` that makes the bracket an inline link whatever else is around. */
// eslint-disable-next-line no-control-regex -- a link destination holds no control character
const PLAIN_LINK_DESTINATION = /\([^\s\x00-\x1f\x7f()<>\\|]*\)/y;
const COMMENT = new RegExp(COMMENT_TAG.source, 'gi');
/** What may stand before the first paragraph of a line: indentation, block-quote, list and task-list markers. */
const LINE_LEAD = /[\s>*+\-.)0-9[\]xX]/;
/** A footnote definition's label (`[^1]: `), after which its first paragraph starts on the same line. */
const FOOTNOTE_LEAD = /\[\^[^\]\r\n]{1,999}\]:/y;
const QUOTE_LEAD = /^[ \t>]*$/;
const LINE_BREAK = /[\r\n]/g;
const SPACE = /[^\S\r\n]/;

/**
 * Where a position stands on its line, for positions asked in increasing order: whether only
 * markers come before it, or a table cell's pipe. Linear over the text however many positions
 * are asked (a line of 100,000 tags must not be scanned back 100,000 times).
 */
class Lines {
  private start = 0;
  private end = -1;
  /** First character of the current line that cannot stand before a paragraph (-1: not looked for yet). */
  private firstOther = -1;

  constructor(private readonly text: string) {}

  private moveTo(at: number): void {
    while (at > this.end) {
      if (this.end >= 0) this.start = this.end + 1;
      LINE_BREAK.lastIndex = this.start;
      const m = LINE_BREAK.exec(this.text);
      this.end = m ? m.index : this.text.length;
      this.firstOther = -1;
      if (!m) break;
    }
  }

  /** Only indentation and block-quote, list, task-list markers or footnote labels before `at` on its line. */
  leadsLine(at: number): boolean {
    this.moveTo(at);
    if (this.firstOther < 0) {
      let i = this.start;
      while (i < this.end) {
        FOOTNOTE_LEAD.lastIndex = i;
        if (this.text[i] === '[' && FOOTNOTE_LEAD.test(this.text)) i = FOOTNOTE_LEAD.lastIndex;
        else if (LINE_LEAD.test(this.text[i])) i++;
        else break;
      }
      this.firstOther = i;
    }
    return at <= this.firstOther;
  }

  /** Only spaces, tabs and `>` before `at` on its line (call after leadsLine(at)). */
  onlyQuotesBefore(at: number): boolean {
    return QUOTE_LEAD.test(this.text.slice(this.start, at));
  }

  /** A pipe, then only white space, before `at` (the start of a table cell's text). */
  startsCell(at: number): boolean {
    this.moveTo(at);
    let i = at - 1;
    while (i >= this.start && SPACE.test(this.text[i])) i--;
    return i >= this.start && this.text[i] === '|';
  }
}
const SPECIAL = new RegExp(SPECIAL_LABEL_SOURCE, 'i');
const NC = new RegExp(NC_LABEL_SOURCE, 'g');
const FOLLOW_UP = new RegExp(FOLLOW_UP_LABEL_SOURCE, 'gi');
/**
 * After a bracketed label: `: destination` alone on its line, a link reference definition
 * (`[ncz]: http://…` in a README), which is never a paragraph. Only plain destinations (no
 * space, parenthesis, `<`, `>` or backslash), so every text matched is a definition.
 */
// eslint-disable-next-line no-control-regex -- a link destination holds no control character
const DEFINITION_REST = /:[ \t]*[^\s\x00-\x1f\x7f()<>\\]+[ \t]*(?:\r|\n|$)/y;
/**
 * A clause ID alone in what may be a table cell: after a `|` or at the start of a line (after
 * block-quote markers and indentation), before a `|` or the end of the line. The model trims a
 * cell of white space and pipes, and a row of a table may have no pipe at all.
 */
const BARE_CELL = new RegExp(`(?:^(?:[^\\S\\r\\n]|>)*|\\|[^\\S\\r\\n]*)${CLAUSE_ID_SOURCE}[^\\S\\r\\n]*(?:\\||$)`, 'm');

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Whole words, case-insensitive as `toLowerCase` is (the `u` flag folds the Kelvin sign to k). */
function words(list: readonly string[]): RegExp {
  const sorted = [...list].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${sorted.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
}

const TYPE_KEY = words(FRONT_MATTER_KEYS.type);
const OTHER_KEY = words(
  Object.entries(FRONT_MATTER_KEYS)
    .filter(([field]) => field !== 'type')
    .flatMap(([, names]) => names),
);
const TYPE_VALUE = words([...DOCUMENT_TYPE_VALUES.manual, ...DOCUMENT_TYPE_VALUES.audit]);

const FENCE_LINE = /^---[ \t]*$/;

/** The front matter as the parser sees it (text after the BOM starts with a `---` line, up to the next one), or undefined. */
export function frontMatterBlock(text: string): string | undefined {
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let pos = from;
  let first = true;
  while (pos < text.length) {
    let end = pos;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(pos, end);
    if (first) {
      // The opening fence needs a line end after it.
      if (!FENCE_LINE.test(line) || end === text.length) return undefined;
      first = false;
    } else if (FENCE_LINE.test(line)) {
      return text.slice(from, end);
    }
    pos = end < text.length && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
  return undefined;
}

function frontMatterIsOurs(block: string): boolean {
  if (block.indexOf('\\') >= 0) return true;
  if (OTHER_KEY.test(block)) return true;
  return TYPE_KEY.test(block) && TYPE_VALUE.test(block);
}

/** The item and group IDs of a scheme (memoised per scheme object). */
const knownIds = new WeakMap<Scheme, ReadonlySet<string>>();
function idsOf(scheme: Scheme): ReadonlySet<string> {
  let ids = knownIds.get(scheme);
  if (!ids) knownIds.set(scheme, (ids = new Set([...scheme.items.map((i) => i.id), ...scheme.groups.map((g) => g.id)])));
  return ids;
}

function namesKnown(content: string, known: ReadonlySet<string>): boolean {
  ID.lastIndex = 0;
  for (let m = ID.exec(content); m; m = ID.exec(content)) if (known.has(normalizeClauseId(m[0]))) return true;
  return false;
}

function hasClauseTag(text: string, known: ReadonlySet<string> | undefined): boolean {
  let auditTable: boolean | undefined;
  const lines = new Lines(text);
  BRACKET.lastIndex = 0;
  for (let m = BRACKET.exec(text); m; m = BRACKET.exec(text)) {
    if (m[1] !== undefined) {
      PLAIN_LINK_DESTINATION.lastIndex = m.index + m[0].length;
      if (PLAIN_LINK_DESTINATION.test(text)) continue;
    }
    if (!known || namesKnown(m[1] ?? m[2] ?? m[3], known)) return true;
    // A tag of unknown IDs still leads an audit entry (scored whatever its ID).
    if (lines.leadsLine(m.index)) return true;
    if (lines.startsCell(m.index) && (auditTable ??= hasAuditTableHeader(text))) return true;
  }
  return false;
}

/**
 * A non-conformity or follow-up label where the model reads one: at the start of a paragraph or
 * of a list item's first paragraph (first on its line after markers), not as the label of a
 * link reference definition.
 */
function hasNcLabel(text: string, label: RegExp): boolean {
  const lines = new Lines(text);
  label.lastIndex = 0;
  for (let m = label.exec(text); m; m = label.exec(text)) {
    if (!lines.leadsLine(m.index)) continue;
    // Only `[…]` in ASCII brackets can be a definition's label, and (to be sure) only after
    // indentation and block-quote markers: after a task-list marker it is a paragraph.
    if (m[0][0] !== '[' || m[0][m[0].length - 1] !== ']' || !lines.onlyQuotesBefore(m.index)) return true;
    DEFINITION_REST.lastIndex = m.index + m[0].length;
    if (!DEFINITION_REST.test(text)) return true;
  }
  return false;
}

function hasCommentTag(text: string, known: ReadonlySet<string> | undefined): boolean {
  COMMENT.lastIndex = 0;
  for (let m = COMMENT.exec(text); m; m = COMMENT.exec(text)) if (!known || namesKnown(m[1], known)) return true;
  return false;
}

/** A line that names a clause column and a score column (after any block-quote or list marker before its first cell). */
function hasAuditTableHeader(text: string): boolean {
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.indexOf('|') < 0) continue;
    let clause = false;
    let score = false;
    for (const piece of line.split('|')) {
      const role = columnRole(piece) ?? columnRole(piece.replace(/^[\s>*_`+\-.)0-9]*/, ''));
      if (role === 'clause') clause = true;
      else if (role === 'score') score = true;
    }
    if (clause && score) return true;
  }
  return false;
}

/**
 * Why `text` may be ours, or undefined when it cannot be (see the module comment). `scheme`: the
 * scheme the file would be analysed with (a front matter naming another one says maybe anyway).
 */
export function prefilterReason(text: string, scheme?: Scheme): PrefilterReason | undefined {
  const known = scheme ? idsOf(scheme) : undefined;
  const fm = frontMatterBlock(text);
  if (fm !== undefined && frontMatterIsOurs(fm)) return 'front-matter';
  if (hasClauseTag(text, known)) return 'clause-tag';
  if (hasCommentTag(text, known)) return 'comment-tag';
  if (SPECIAL.test(text)) return 'special-entry';
  if (hasNcLabel(text, NC) || hasNcLabel(text, FOLLOW_UP)) return 'nc-marker';
  if (text.indexOf(SUPPRESSION_PREFIX) >= 0) return 'suppression';
  if (BARE_CELL.test(text) && hasAuditTableHeader(text)) return 'table-clause-id';
  return undefined;
}

/** Can `text` be ours (analysed with `scheme`)? False means its full parse would find nothing of ours. */
export function mayBeOurs(text: string, scheme?: Scheme): boolean {
  return prefilterReason(text, scheme) !== undefined;
}
