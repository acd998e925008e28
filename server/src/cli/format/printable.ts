/**
 * Text from a repository, made safe to print (docs/security.md, "What we print"). File names,
 * scheme texts (tier names, gate descriptions, item titles) and messages that quote them are
 * written by whoever wrote the repository; a file name can carry a line break, an ESC sequence
 * or a GitHub workflow command and survive commit and clone. Nothing we print may act as a
 * terminal control sequence, start a line of its own, or reorder text (bidi controls).
 *
 * - `printable`: every C0/C1 control, DEL, line/paragraph separator and bidi control becomes a
 *   visible escape (`\n`, `\x1b`, `\u202e`); everything else is kept.
 * - `printableDeep`: the same for every string of a report (for the text, GitHub and Markdown
 *   formats: escaped once, before colours or markup are added).
 * - `jsonText`: JSON whose string values keep their exact content but print no raw control,
 *   C1 or bidi character (JSON.stringify already escapes C0; the rest become `\uXXXX`).
 * - `markdownCode`: an inline code span that no backtick run or line break can leave.
 */

// C0 (but not TAB), DEL, C1, LINE/PARAGRAPH SEPARATOR, bidi embeddings/overrides/isolates and marks.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
// The same plus TAB, for values shown inside one line where a tab could hide text.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE_OR_TAB = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `s` with every control, separator and bidi character as a visible escape (a TAB too unless `keepTabs`). */
export function printable(s: string, keepTabs = false): string {
  const re = keepTabs ? UNPRINTABLE : UNPRINTABLE_OR_TAB;
  re.lastIndex = 0;
  return re.test(s) ? s.replace(re, escapeChar) : s;
}

/** A copy of `value` with `printable` applied to every string in it (keys included). */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map((v) => printableDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[printable(k)] = printableDeep(v);
    return out as T;
  }
  return value;
}

/** Every line of a multi-line message made printable (the line breaks between them are ours). */
export function printableLines(message: string): string {
  return message
    .split('\n')
    .map((l) => printable(l, true))
    .join('\n');
}

const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** JSON.stringify, with C1, DEL, separators and bidi controls written as `\uXXXX` (same data). */
export function jsonText(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `s` as an inline Markdown code span: control characters escaped (no line break can end a
 * table row or start a block), fenced by one more backtick than its longest backtick run, padded
 * when it starts or ends with a backtick. In a table cell a `|` must still be escaped (GFM
 * splits cells before it reads code spans): `inTable`.
 */
export function markdownCode(s: string, inTable = true): string {
  let text = printable(s);
  if (inTable) text = text.replace(/\|/g, '\\|');
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
