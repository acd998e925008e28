/**
 * The quick fix "Suppress on this line": writes a suppression comment for one problem so that
 * the document renders exactly as before (comments are invisible, and none is put where it
 * would split a paragraph, a table or a list):
 * - the line before the problem already holds `<!-- gbt27922-disable-next-line … -->`: the
 *   code is added to it;
 * - the problem's line starts a block (after a blank line, a heading, a list marker, the front
 *   matter): `<!-- gbt27922-disable-next-line CODE -->` above it, indented like the line (a
 *   list item's comment joins the item before it, so the list stays one list);
 * - the line is inside a table or further down a paragraph: `<!-- gbt27922-disable CODE -->`
 *   before the table or paragraph and `<!-- gbt27922-enable CODE -->` after it;
 * - the problem is in the front matter (no HTML comment can go there):
 *   `<!-- gbt27922-disable-file CODE -->` right after the front matter.
 * Pure: plain ranges and texts; codeActions.ts turns the result into a WorkspaceEdit.
 */
import type { DocumentModel, Range } from '../model/types';

export interface SuppressPlan {
  scope: 'line' | 'block' | 'table' | 'file';
  edits: { range: Range; newText: string }[];
}

const BLANK = /^[ \t]*$/;
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)/;
const BLOCK_START = /^[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|<!--|[-*+][ \t]|\d{1,9}[.)][ \t]|```|~~~|\|)/;
const QUOTE = /^[ \t]{0,3}>/;
const NEXT_LINE_COMMENT = /^([ \t]*<!--\s*gbt27922-disable-next-line)([^]*?)(\s--(?:\s[^]*)?)?-->\s*$/;

function isTableLine(line: string): boolean {
  return !BLANK.test(line) && /^\s*\|/.test(line);
}

function pos(line: number, character: number): Range {
  return { start: { line, character }, end: { line, character } };
}

/** Where and how to write a suppression of `code` for a problem starting on `line`. */
export function planSuppression(text: string, model: Pick<DocumentModel, 'frontMatter'>, line: number, code: string): SuppressPlan {
  const lines = text.split(/\r\n|\r|\n/);
  const eol = /\r\n/.test(text) ? '\r\n' : /\r/.test(text) ? '\r' : '\n';
  const fm = model.frontMatter.range;
  const lineAt = (n: number) => lines[n] ?? '';
  if (fm && line >= fm.start.line && line <= fm.end.line) {
    const after = fm.end.line + 1;
    const at = after < lines.length ? pos(after, 0) : pos(fm.end.line, lineAt(fm.end.line).length);
    const newText = after < lines.length ? `<!-- gbt27922-disable-file ${code} -->${eol}` : `${eol}<!-- gbt27922-disable-file ${code} -->`;
    return { scope: 'file', edits: [{ range: at, newText }] };
  }
  const prev = line > 0 ? lineAt(line - 1) : undefined;
  const existing = prev !== undefined ? NEXT_LINE_COMMENT.exec(prev) : null;
  if (existing) {
    const codes = existing[2].trim();
    const insertAt = existing[1].length + existing[2].trimEnd().length;
    return { scope: 'line', edits: [{ range: pos(line - 1, insertAt), newText: codes ? `, ${code}` : '' }].filter((e) => e.newText) };
  }
  const current = lineAt(line);
  if (isTableLine(current)) {
    let first = line;
    while (first > 0 && isTableLine(lineAt(first - 1))) first--;
    let last = line;
    while (last + 1 < lines.length && isTableLine(lineAt(last + 1))) last++;
    return { scope: 'table', edits: wrap(lines, first, last, code, eol) };
  }
  const fmEnd = fm ? fm.end.line : -1;
  const startsBlock = (n: number) =>
    n === 0 ||
    n - 1 === fmEnd ||
    BLANK.test(lineAt(n - 1)) ||
    BLOCK_START.test(lineAt(n)) ||
    (QUOTE.test(lineAt(n)) && !QUOTE.test(lineAt(n - 1))) ||
    /^[ \t]{0,3}#{1,6}(?:[ \t]|$)/.test(lineAt(n - 1));
  if (startsBlock(line)) {
    const item = LIST_ITEM.exec(current);
    let indent = /^[ \t]*/.exec(current)![0];
    // A comment between two list items at the marker's column would end the list: put it in the item before.
    if (item && inList(lines, line, fmEnd)) indent = item[1] + ' '.repeat(item[2].length + Math.max(1, Math.min(item[3].length, 4)));
    return { scope: 'line', edits: [{ range: pos(line, 0), newText: `${indent}<!-- gbt27922-disable-next-line ${code} -->${eol}` }] };
  }
  let first = line;
  while (!startsBlock(first)) first--;
  let last = line;
  while (last + 1 < lines.length && !BLANK.test(lineAt(last + 1)) && !BLOCK_START.test(lineAt(last + 1)) && !(QUOTE.test(lineAt(last + 1)) && !QUOTE.test(lineAt(last)))) last++;
  return { scope: 'block', edits: wrap(lines, first, last, code, eol) };
}

/** Does a list go on above the list item on `line` (an item, or its content, before it)? */
function inList(lines: string[], line: number, fmEnd: number): boolean {
  let n = line - 1;
  let blank = false;
  while (n > fmEnd && BLANK.test(lines[n] ?? '')) {
    n--;
    blank = true;
  }
  if (n <= fmEnd) return false;
  const above = lines[n] ?? '';
  if (LIST_ITEM.test(above) || /^[ \t]+\S/.test(above)) return true;
  // A paragraph at column 0 and a blank line: the list starts here. Without the blank line it may
  // be a lazy continuation of an item.
  return !blank && listAbove(lines, n, fmEnd);
}

/** Is line `n` (not blank) part of a list item: a list item line above it without a blank line between? */
function listAbove(lines: string[], n: number, fmEnd: number): boolean {
  for (let k = n; k > fmEnd; k--) {
    const t = lines[k] ?? '';
    if (BLANK.test(t) || /^[ \t]{0,3}#/.test(t)) return false;
    if (LIST_ITEM.test(t)) return true;
  }
  return false;
}

/** disable before line `first`, enable after line `last` (indented like `first`). */
function wrap(lines: string[], first: number, last: number, code: string, eol: string): SuppressPlan['edits'] {
  const indent = /^[ \t]*/.exec(lines[first] ?? '')![0];
  const after: SuppressPlan['edits'][number] =
    last + 1 < lines.length
      ? { range: pos(last + 1, 0), newText: `${indent}<!-- gbt27922-enable ${code} -->${eol}` }
      : { range: pos(last, (lines[last] ?? '').length), newText: `${eol}${indent}<!-- gbt27922-enable ${code} -->` };
  return [{ range: pos(first, 0), newText: `${indent}<!-- gbt27922-disable ${code} -->${eol}` }, after];
}
