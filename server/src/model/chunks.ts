/**
 * Splitting a document into chunks that parse the same alone as in place.
 *
 * A chunk boundary is a line at column 0 that starts a new top-level block whatever came
 * before it: an ATX heading, or any line after a blank line. Neither is possible inside front
 * matter, a fenced code block or an HTML block, so the scanner tracks those and never splits
 * inside them. Link reference and footnote definitions act across the whole document, so a
 * text that has any is kept whole. Of the safe lines, which ones split is content-defined (see
 * below), so an edit moves at most the boundaries near it. A cached chunk model therefore stays
 * valid for any text in which the same chunk text appears again.
 */

export interface Chunk {
  /** Offset of the chunk in the document. */
  start: number;
  text: string;
  /** The first chunk (may hold a BOM and front matter). */
  first: boolean;
}

/**
 * Which safe lines become boundaries depends on the line's own text only (a hash), never on
 * where the previous boundary was, so an edit cannot shift the boundaries after it: about one
 * heading in HEADING_EVERY and one blank-line boundary in BLANK_EVERY. Only a chunk that grows
 * past MAX_CHUNK without such a line is cut at the next safe line.
 */
const HEADING_EVERY = 3;
const BLANK_EVERY = 6;
const MAX_CHUNK = 12288;
const SOFT_CHUNK = 1024;

/**
 * Could the text hold a link reference definition (`]:` then a destination that ends its line or
 * is followed by a title) or a footnote definition (`[^label]:`)? Errs on the side of yes; a
 * definition it misses is still caught after parsing (ChunkModel.definitions), at the cost of a
 * second parse. One pass over the text (a regex for this backtracked quadratically on runs of
 * `[^` or `]:x`).
 */
function mayHaveDefinition(text: string): boolean {
  const n = text.length;
  const isSpace = (c: number) => c === 32 || c === 9;
  const isBreak = (c: number) => c === 10 || c === 13;
  // End of the run of non-white-space characters starting at i; moves only forward.
  let runFrom = -1;
  let runEnd = -1;
  const nonSpaceRunEnd = (i: number) => {
    if (i < runFrom || i > runEnd) {
      runFrom = i;
      runEnd = i;
    }
    while (runEnd < n && !/\s/.test(text[runEnd])) runEnd++;
    return runEnd;
  };
  let openFootnote = false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */ && text.charCodeAt(i + 1) === 94 /* ^ */) {
      openFootnote = true;
      continue;
    }
    if (c !== 93 /* ] */) continue;
    if (text.charCodeAt(i + 1) !== 58 /* : */) {
      openFootnote = false;
      continue;
    }
    if (openFootnote) return true;
    // `]:` then spaces, at most one line break, spaces, a destination, spaces, then the end of the line or a title.
    let j = i + 2;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (j < n && isBreak(text.charCodeAt(j))) {
      j += text.charCodeAt(j) === 13 && text.charCodeAt(j + 1) === 10 ? 2 : 1;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
    }
    if (j >= n || isBreak(text.charCodeAt(j))) continue;
    let k: number;
    if (text.charCodeAt(j) === 60 /* < */) {
      k = j + 1;
      while (k < n && text.charCodeAt(k) !== 62 && !isBreak(text.charCodeAt(k))) k++;
      if (k >= n || text.charCodeAt(k) !== 62) continue;
      k++;
    } else {
      k = nonSpaceRunEnd(j);
    }
    while (k < n && isSpace(text.charCodeAt(k))) k++;
    const after = text.charCodeAt(k);
    if (k >= n || isBreak(after) || after === 34 || after === 39 || after === 40) return true;
  }
  return false;
}
const ATX = /^#{1,6}(?:[ \t]|$)/;
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HTML_RAW = /^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_RAW_END = /<\/(?:script|pre|style|textarea)>/i;
const HTML_OTHER = /^ {0,3}<[A-Za-z/]/;

type Html = { end: RegExp } | 'until-blank';

/** Columns past which a line is too deeply indented to parse (lists nested ~500 deep). */
export const MAX_INDENT_COLUMNS = 1000;

/** At most this many lists or block quotes opened on one line (`- - - - …`, `> > > …`). */
export const MAX_LINE_NESTING = 100;

/**
 * How many lists and block quotes the line from `start` to `end` opens at its start (counting
 * stops at MAX_LINE_NESTING + 1; `full` counts on through the line, for the message). Each costs
 * remark a container: 10,000 of them on one line took 87 s.
 */
export function lineNestingDepth(text: string, start: number, end: number, full = false): number {
  if (end - start <= MAX_LINE_NESTING) return 0;
  let i = start;
  let depth = 0;
  const space = (c: number) => c === 32 || c === 9;
  for (;;) {
    while (i < end && space(text.charCodeAt(i))) i++;
    const c = text.charCodeAt(i);
    if (i >= end) break;
    if (c === 62 /* > */) i++;
    else if ((c === 45 || c === 43 || c === 42) /* - + * */ && space(text.charCodeAt(i + 1))) i += 2;
    else if (c >= 48 && c <= 57) {
      let j = i;
      while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      const d = text.charCodeAt(j);
      if ((d === 46 || d === 41) /* . ) */ && space(text.charCodeAt(j + 1))) i = j + 2;
      else break;
    } else break;
    depth++;
    if (depth > MAX_LINE_NESTING && !full) break;
  }
  return depth;
}

/** Indentation of a line in columns (a tab to the next multiple of 4). */
export function indentColumns(line: string): number {
  let columns = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32) columns++;
    else if (c === 9) columns += 4 - (columns % 4);
    else break;
  }
  return columns;
}

/**
 * Hash of a candidate line (its first 96 code units), so only an edit of that line moves the
 * boundary. A table's header and delimiter rows repeat from table to table, so for a line that
 * starts a table the two rows after it count too (its first data row tells tables apart).
 */
function windowHash(text: string, at: number): number {
  let stop = at;
  for (let lines = text.charCodeAt(at) === 124 /* | */ ? 3 : 1; lines > 0 && stop < text.length; lines--) {
    while (stop < text.length && text.charCodeAt(stop) !== 10 && text.charCodeAt(stop) !== 13) stop++;
    if (lines > 1) stop++;
  }
  let h = 0;
  const end = Math.min(stop, at + (text.charCodeAt(at) === 124 ? 400 : 96));
  for (let i = at; i < end; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return (h ^ (h >>> 15)) >>> 0;
}

function htmlStart(line: string): { html: Html; rest: string } | undefined {
  const indent = /^ {0,3}/.exec(line)![0].length;
  const s = line.slice(indent);
  if (!s.startsWith('<')) return undefined;
  if (HTML_RAW.test(line)) return { html: { end: HTML_RAW_END }, rest: s.slice(1) };
  if (s.startsWith('<!--')) return { html: { end: /-->/ }, rest: s.slice(4) };
  if (s.startsWith('<?')) return { html: { end: /\?>/ }, rest: s.slice(2) };
  if (s.startsWith('<![CDATA[')) return { html: { end: /\]\]>/ }, rest: s.slice(9) };
  if (/^<![A-Za-z]/.test(s)) return { html: { end: />/ }, rest: s.slice(2) };
  if (HTML_OTHER.test(line)) return { html: 'until-blank', rest: '' };
  return undefined;
}

/** Split a document into chunks (see the module comment). Concatenating the texts gives `text`. */
export function splitIntoChunks(text: string): Chunk[] {
  if (text.length === 0 || mayHaveDefinition(text)) return [{ start: 0, text, first: true }];
  const starts: number[] = [0];
  let pos = 0;
  let fence: { char: string; len: number } | undefined;
  let html: Html | undefined;
  let prevBlank = false;
  let lineNo = 0;
  let frontMatter = false;
  let chunkStart = 0;
  let lastCandidate = 0;
  let cutNext = false;
  const body = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < text.length) {
    let end = pos;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    const line = text.slice(lineNo === 0 ? body : pos, end);
    let next = end;
    if (end < text.length) next = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    else next = text.length + 1;
    const blank = /^[ \t]*$/.test(line);
    // A line too deep to parse (see parseChunk): cut at the last safe line before it and at the
    // first one after it, so only the deep part is left out and the front matter and the
    // sections around it are still analysed.
    const tooDeep = line.length > MAX_LINE_NESTING && (indentColumns(line) > MAX_INDENT_COLUMNS || lineNestingDepth(text, pos, end) > MAX_LINE_NESTING);
    if (tooDeep && lastCandidate > chunkStart) {
      starts.push(lastCandidate);
      chunkStart = lastCandidate;
    }

    if (lineNo === 0 && /^---[ \t]*$/.test(line)) {
      frontMatter = true;
    } else if (frontMatter) {
      if (/^---[ \t]*$/.test(line)) frontMatter = false;
    } else if (fence) {
      const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
      if (m && m[1][0] === fence.char && m[1].length >= fence.len) fence = undefined;
    } else if (html) {
      if (html === 'until-blank') {
        if (blank) html = undefined;
      } else if (html.end.test(line)) html = undefined;
    } else {
      const c = line.charCodeAt(0);
      const topLevel = line.length > 0 && c !== 32 && c !== 9;
      if (topLevel && pos > chunkStart) {
        const size = pos - chunkStart;
        const heading = ATX.test(line);
        if (heading || prevBlank) lastCandidate = pos;
        const hash = heading || prevBlank ? windowHash(text, pos) : 1;
        // A chunk past SOFT_CHUNK takes every other blank-line candidate: long runs of tables and
        // lists get cut finer (remark is slowest on them). Boundaries that hold at any size
        // (hash % BLANK_EVERY) bound how far an edit can move the size-dependent ones.
        const blankCut = prevBlank && (hash % BLANK_EVERY === 0 || (size >= SOFT_CHUNK && hash % 2 === 0));
        if ((heading && hash % HEADING_EVERY === 0) || blankCut || ((heading || prevBlank) && (size >= MAX_CHUNK || cutNext || tooDeep))) {
          starts.push(pos);
          chunkStart = pos;
          cutNext = false;
        }
      }
      const f = FENCE_OPEN.exec(line);
      if (f && !(f[1][0] === '`' && f[2].includes('`'))) {
        fence = { char: f[1][0], len: f[1].length };
      } else {
        const h = htmlStart(line);
        if (h) {
          if (h.html === 'until-blank' || !h.html.end.test(h.rest)) html = h.html;
        }
      }
    }
    if (tooDeep) cutNext = true;
    prevBlank = blank;
    pos = next;
    lineNo++;
  }
  const chunks: Chunk[] = [];
  for (let i = 0; i < starts.length; i++) {
    const s = starts[i];
    const e = i + 1 < starts.length ? starts[i + 1] : text.length;
    chunks.push({ start: s, text: text.slice(s, e), first: i === 0 });
  }
  return chunks;
}
