/**
 * The prefilter: can this text be one of ours? Decided from the raw text, before any Markdown
 * parse, so that a workspace of someone else's Markdown (a company's documentation, the README
 * files of a project's dependencies) costs one scan per file and no model.
 *
 * It answers "maybe" (the reason it found) or "no" (undefined). "No" is a promise: the full
 * parse of that text would find nothing of ours — the model's kind is 'none', it has no clause
 * tag (not even of an unknown ID), no front-matter clause, no suppression comment, and so no
 * problem is shown. test/unit/model/prefilter.test.ts checks that promise on random documents
 * built from every form the model reads and on real ones. "Maybe" may be wrong (then the parse
 * finds nothing): the scan looks at the text, not at its Markdown structure, so a tag inside a
 * code block still says maybe.
 *
 * Every pattern is built from the model's own constants (inlineSyntax.ts, frontMatter.ts,
 * scheme/clauseId.ts), so a form the model learns is a form the prefilter looks for:
 * - a clause tag `[5.1.2.2]`, `【５．１．２．２】`, `［…］`, lists and ranges: the model's bracket
 *   pattern without its escape check (the model applies it to pieces of text, where a backslash
 *   before the piece is not seen). An ASCII-bracket tag that is the text of an inline link,
 *   `[7.6.1.1](https://…)`, is skipped: the model never reads tags in link text, and with a plain
 *   destination (no space, parenthesis, `<`, `>`, backslash or `|`) such a bracket is always a link;
 * - an HTML comment tag `<!-- clause: 5.1.2.2 -->`;
 * - a special-entry label `[扣分]`, `[bonus]`, … anywhere;
 * - a suppression comment (`gbt27922-` anywhere);
 * - a bare clause ID alone in a table cell (`| 5.1.1.1 | 80% |`, read in an audit table), when
 *   some line also names a clause column and a score column;
 * - front matter (the model reads it only at the very start, between `---` fences) holding one of
 *   our keys, except that a type key (`type`, `类型`, …) counts only with one of our document
 *   types (`audit`, `手册`, …) in the same front matter; or holding a backslash (a YAML escape
 *   could spell any key).
 */
import { CLAUSE_ID_SOURCE } from '../scheme/clauseId';
import { DOCUMENT_TYPE_VALUES, FRONT_MATTER_KEYS } from './frontMatter';
import { BRACKET_TAG_SOURCE, columnRole, COMMENT_TAG, SPECIAL_LABEL_SOURCE, SUPPRESSION_PREFIX } from './inlineSyntax';

/** Why a text may be ours (the first form found). */
export type PrefilterReason = 'front-matter' | 'clause-tag' | 'comment-tag' | 'special-entry' | 'suppression' | 'table-clause-id';

const BRACKET = new RegExp(BRACKET_TAG_SOURCE, 'g');
/** `(destination)` right after `]` that makes the bracket an inline link whatever else is around. */
// eslint-disable-next-line no-control-regex -- a link destination holds no control character
const PLAIN_LINK_DESTINATION = /\([^\s\x00-\x1f\x7f()<>\\|]*\)/y;
const COMMENT = new RegExp(COMMENT_TAG.source, 'i');
const SPECIAL = new RegExp(SPECIAL_LABEL_SOURCE, 'i');
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

function hasClauseTag(text: string): boolean {
  BRACKET.lastIndex = 0;
  for (let m = BRACKET.exec(text); m; m = BRACKET.exec(text)) {
    if (m[1] === undefined) return true;
    const end = m.index + m[0].length;
    PLAIN_LINK_DESTINATION.lastIndex = end;
    if (!PLAIN_LINK_DESTINATION.test(text)) return true;
  }
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

/** Why `text` may be ours, or undefined when it cannot be (see the module comment). */
export function prefilterReason(text: string): PrefilterReason | undefined {
  const fm = frontMatterBlock(text);
  if (fm !== undefined && frontMatterIsOurs(fm)) return 'front-matter';
  if (hasClauseTag(text)) return 'clause-tag';
  if (COMMENT.test(text)) return 'comment-tag';
  if (SPECIAL.test(text)) return 'special-entry';
  if (text.indexOf(SUPPRESSION_PREFIX) >= 0) return 'suppression';
  if (BARE_CELL.test(text) && hasAuditTableHeader(text)) return 'table-clause-id';
  return undefined;
}

/** Can `text` be ours? False means the full parse would find nothing of ours. */
export function mayBeOurs(text: string): boolean {
  return prefilterReason(text) !== undefined;
}
