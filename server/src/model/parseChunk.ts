/**
 * One chunk of Markdown → its ChunkModel: remark (CommonMark + GFM, + YAML front matter in the
 * first chunk) gives the blocks with exact offsets; tags, entries and specials are read from the
 * source text of those blocks, never from code. Never throws.
 */
import type { Html, Link, Nodes, Paragraph, Root, RootContent, Table, TableRow } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Plugin } from 'unified';
import type { ChunkModel, RawEntry, RawRef, RawSpan, RawTag } from './chunkModel';
import { indentColumns, lineNestingDepth, MAX_INDENT_COLUMNS, MAX_LINE_NESTING } from './chunks';

export { MAX_LINE_NESTING } from './chunks';
import { readFrontMatter } from './frontMatter';
import { BRACKET_TAG, COMMENT_TAG, columnRole, findEvidence, isBareClauseId, readScore, refsOf, refsOfList, SPECIAL_LABEL, specialKind, SUPPRESSION_PREFIX, suppressionsIn, TAG_OPENERS } from './inlineSyntax';
import { FOLLOW_UP_LABEL, NC_LABEL, ncTableOf, readFollowUp, readFollowUpRow, readNonconformity, readNonconformityRow, type CellText } from './ncSyntax';

/**
 * GFM's literal-autolink transform (bare `www.…` / `https://…` / e-mail text turned into links
 * after the tree is built) walks every text node again: about a tenth of the whole parse. Bare
 * URLs are never checked as evidence links and cannot hold tags, so the model does without it;
 * tables, task lists, strikethrough and footnotes stay as GFM has them.
 */
function withoutLiteralAutolinkTransform<P extends { freeze(): unknown; data(key: string): unknown }>(processor: P): P {
  processor.freeze();
  const extensions = (processor.data('fromMarkdownExtensions') ?? []) as unknown[];
  const strip = (ext: unknown): void => {
    if (Array.isArray(ext)) ext.forEach(strip);
    else if (ext && typeof ext === 'object' && 'transforms' in ext) (ext as { transforms: unknown[] }).transforms = [];
  };
  strip(extensions);
  return processor;
}

/**
 * Emphasis (`*a*`, `__b__`) means nothing to the model: tags are read from the source text of
 * text nodes, entries and headings from source offsets, links before emphasis is resolved. And
 * micromark's emphasis resolution is worse than quadratic on runs of delimiters (1 MB of `*a`:
 * minutes). So the model's parser has no emphasis: `*` and `_` are plain text. Same model for
 * every document (test/unit/model/noEmphasis.test.ts compares with and without on the CommonMark
 * spec examples and random documents).
 */
const withoutEmphasis: Plugin<[], Root> = function () {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push({ disable: { null: ['attention'] } });
};

function parsers(emphasis: boolean) {
  const base = () => {
    const processor = unified().use(remarkParse).use(remarkGfm);
    return emphasis ? processor : (processor.use(withoutEmphasis) as unknown as typeof processor);
  };
  return { body: withoutLiteralAutolinkTransform(base()), first: withoutLiteralAutolinkTransform(base().use(remarkFrontmatter, ['yaml'])) };
}

const PARSERS = parsers(false);

type Parent = Extract<Nodes, { children: unknown }>;

function span(node: { position?: { start: { offset?: number }; end: { offset?: number } } }, shift: number): RawSpan {
  return { start: (node.position?.start.offset ?? 0) + shift, end: (node.position?.end.offset ?? 0) + shift };
}

/** Is an HTML node nothing but comments? (A scan, not a regex: `(?:<!--[\s\S]*?-->\s*)+$` backtracks exponentially.) */
function onlyComments(value: string): boolean {
  let i = 0;
  let any = false;
  const n = value.length;
  for (;;) {
    while (i < n && /\s/.test(value[i])) i++;
    if (i >= n) return any;
    if (!value.startsWith('<!--', i)) return false;
    const end = value.indexOf('-->', i + 4);
    if (end < 0) return false;
    i = end + 3;
    any = true;
  }
}

class ChunkReader {
  readonly model: ChunkModel = { headings: [], tags: [], entries: [], specials: [], links: [], leadingContent: false };
  private readonly definitions = new Map<string, string>();
  private readonly pendingRefs: { id: string; span: RawSpan }[] = [];

  constructor(
    private readonly text: string,
    /** Offset of remark's offset 0 in `text` (1 after a BOM). */
    private readonly shift: number,
  ) {}

  read(root: Root): void {
    let heading = -1;
    /** A heading that starts with a tag: the paragraph right under it may hold that item's score. */
    let tagged: { tag: number; span: RawSpan } | undefined;
    for (const node of root.children) {
      const headingTag = tagged;
      tagged = undefined;
      if (node.type === 'yaml') {
        const s = span(node, this.shift);
        this.model.frontMatter = readFrontMatter(this.text, s.start, s.end);
        continue;
      }
      if (node.type === 'heading') {
        const s = span(node, this.shift);
        const first = node.children[0];
        const last = node.children[node.children.length - 1];
        const textSpan = first && last ? { start: span(first, this.shift).start, end: span(last, this.shift).end } : s;
        this.model.headings.push({ ...s, level: node.depth, text: this.text.slice(textSpan.start, textSpan.end).trim(), ownContent: false });
        heading = this.model.headings.length - 1;
        const before = this.model.tags.length;
        this.inline(node, { context: 'heading', heading, target: s });
        const lead = this.model.tags[before];
        if (lead && lead.start === textSpan.start && lead.form !== 'comment') tagged = { tag: before, span: s };
        continue;
      }
      if (headingTag && node.type === 'paragraph') this.headingEntry(headingTag.tag, headingTag.span, node);
      if (node.type !== 'definition' && !(node.type === 'html' && onlyComments(node.value))) {
        if (heading >= 0) this.model.headings[heading].ownContent = true;
        else this.model.leadingContent = true;
      }
      this.block(node);
    }
    const last = root.children[root.children.length - 1];
    if (last && this.opensPastEnd(last)) this.model.openEnd = true;
    for (const r of this.pendingRefs) {
      const url = this.definitions.get(r.id);
      if (url !== undefined) this.model.links.push({ target: url, ...r.span });
    }
    this.model.links.sort((a, b) => a.start - b.start);
  }

  /**
   * Would the line after this chunk continue `last` (the chunk's last top-level block) in the
   * whole text? Only a fenced code block without its closing fence, or an HTML block whose end
   * condition has not been met, can take in a line at column 0 after a blank line or an ATX
   * heading (where chunks start). Errs on the side of "yes": that only costs a re-parse.
   */
  private opensPastEnd(last: RootContent): boolean {
    if (last.type !== 'code' && last.type !== 'html') return false;
    const s = span(last, this.shift);
    const source = this.text.slice(s.start, s.end);
    const lines = source.split(/\r\n|\r|\n/);
    if (last.type === 'code') {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(lines[0]);
      if (!open) return false; // indented code: ended by any line at column 0
      const close = new RegExp(`^ {0,3}${open[1][0] === '`' ? '`' : '~'}{${open[1].length},}[ \t]*$`);
      return lines.length < 2 || !close.test(lines[lines.length - 1]);
    }
    const body = source.replace(/^ {0,3}/, '');
    const ends: [RegExp, RegExp, number][] = [
      [/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i, 1],
      [/^<!--/, /-->/, 2],
      [/^<\?/, /\?>/, 2],
      [/^<!\[CDATA\[/, /\]\]>/, 9],
      [/^<![A-Za-z]/, />/, 2],
    ];
    for (const [start, end, from] of ends) if (start.test(body)) return !end.test(body.slice(from));
    // Kinds 6 and 7 end at a blank line: open unless one follows the block inside this chunk.
    return !/^[ \t]*(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/.test(this.text.slice(s.end));
  }

  /** Walk block structure (explicit stack: deeply nested lists must not overflow). */
  private block(top: RootContent): void {
    const stack: { node: Nodes; target?: RawSpan }[] = [{ node: top }];
    while (stack.length > 0) {
      const { node, target } = stack.pop()!;
      switch (node.type) {
        case 'paragraph': {
          const before = this.model.tags.length;
          this.inline(node, { context: 'block', target: target ?? span(node, this.shift) });
          if (target === undefined) this.entryCandidate(node, span(node, this.shift), 'paragraph', before);
          break;
        }
        case 'heading':
          this.inline(node, { context: 'block', target: target ?? span(node, this.shift) });
          break;
        case 'html':
          this.html(node, { context: 'block', target, standalone: target === undefined });
          break;
        case 'table':
          this.table(node);
          break;
        case 'definition':
          this.definitions.set(node.identifier, node.url);
          this.model.definitions = true;
          break;
        case 'listItem': {
          const s = span(node, this.shift);
          const first = node.children[0];
          let from = 0;
          if (first?.type === 'paragraph') {
            const before = this.model.tags.length;
            this.inline(first, { context: 'block', target: s });
            this.entryCandidate(first, s, 'list', before);
            from = 1;
          }
          for (let i = node.children.length - 1; i >= from; i--) stack.push({ node: node.children[i], target: s });
          break;
        }
        case 'footnoteDefinition':
          this.model.definitions = true;
          for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], target });
          break;
        case 'list':
        case 'blockquote':
          for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], target });
          break;
        default:
          // code, thematicBreak, yaml elsewhere: nothing of ours inside.
          break;
      }
    }
  }

  /** Tags in phrasing content; links recorded; code spans and link text skipped. */
  private inline(parent: Parent, where: { context: 'heading' | 'block'; heading?: number; target?: RawSpan }): void {
    const stack: Nodes[] = [...(parent.children as Nodes[])].reverse();
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === 'text') {
        const s = span(node, this.shift);
        this.bracketTags(s.start, this.text.slice(s.start, s.end), where);
      } else if (node.type === 'html') {
        this.html(node, { ...where, standalone: false });
      } else if (node.type === 'link' || node.type === 'image') {
        this.model.links.push({ target: (node as Link).url, ...span(node, this.shift) });
      } else if (node.type === 'linkReference' || node.type === 'imageReference') {
        this.pendingRefs.push({ id: node.identifier, span: span(node, this.shift) });
      } else if (node.type === 'inlineCode') {
        // never a tag
      } else if ('children' in node) {
        const children = node.children as Nodes[];
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
    }
  }

  private bracketTags(base: number, source: string, where: { context: 'heading' | 'block'; heading?: number; target?: RawSpan }): void {
    if (!TAG_OPENERS.some((c) => source.indexOf(c) >= 0)) return;
    BRACKET_TAG.lastIndex = 0;
    for (let m = BRACKET_TAG.exec(source); m; m = BRACKET_TAG.exec(source)) {
      const content = m[1] ?? m[2] ?? m[3];
      const contentStart = base + m.index + 1;
      const tag: RawTag = {
        form: m[1] !== undefined ? 'bracket' : 'fullwidth-bracket',
        start: base + m.index,
        end: base + m.index + m[0].length,
        refs: refsOf(content, contentStart),
        context: where.context,
      };
      if (where.heading !== undefined) tag.heading = where.heading;
      if (where.target) tag.target = where.target;
      this.model.tags.push(tag);
    }
  }

  private html(node: Html, where: { context: 'heading' | 'block'; heading?: number; target?: RawSpan; standalone: boolean }): void {
    if (node.value.indexOf('<!--') < 0) return;
    const s = span(node, this.shift);
    const source = this.text.slice(s.start, s.end);
    if (source.indexOf(SUPPRESSION_PREFIX) >= 0) {
      const found = suppressionsIn(source, s.start);
      if (found.length) (this.model.suppressions ??= []).push(...found);
    }
    COMMENT_TAG.lastIndex = 0;
    for (let m = COMMENT_TAG.exec(source); m; m = COMMENT_TAG.exec(source)) {
      const contentStart = s.start + m.index + m[0].indexOf(m[1], m[0].search(/[:：]/));
      const tag: RawTag = { form: 'comment', start: s.start + m.index, end: s.start + m.index + m[0].length, refs: refsOf(m[1], contentStart), context: where.context };
      if (where.heading !== undefined) tag.heading = where.heading;
      if (where.standalone) tag.standalone = true;
      else if (where.target) tag.target = where.target;
      this.model.tags.push(tag);
    }
  }

  /** A list item or a paragraph whose text starts with a single bracket tag, or a special label. */
  private entryCandidate(first: Paragraph, whole: RawSpan, form: 'list' | 'paragraph', firstTag: number): void {
    const p = span(first, this.shift);
    const source = this.text.slice(p.start, p.end);
    if (NC_LABEL.test(source)) {
      const nc = readNonconformity(this.text, whole, p, this.model.tags, firstTag);
      if (nc) (this.model.nonconformities ??= []).push(nc);
      return;
    }
    if (FOLLOW_UP_LABEL.test(source)) {
      const f = readFollowUp(this.text, whole, p);
      if (f) (this.model.followUps ??= []).push(f);
      return;
    }
    const special = SPECIAL_LABEL.exec(source);
    if (special) {
      const reason = source.slice(special[0].length).replace(/^[\s:：,，\-—–]+/, '').trim();
      this.model.specials.push({ kind: specialKind(special[1]), label: special[0].trim(), reason, ...whole });
      return;
    }
    if (!(TAG_OPENERS as readonly string[]).includes(source[0])) return;
    // The tag must be the first thing of the paragraph: the walk has already recorded it.
    const tagIndex = firstTag;
    if (this.model.tags[tagIndex]?.start !== p.start || this.model.tags[tagIndex].form === 'comment') return;
    const tag = this.model.tags[tagIndex];
    this.entryFrom(source.slice(tag.end - p.start), tag.end, form, tagIndex, whole, false);
  }

  /**
   * `#### [5.1.3.2] 内部保障` and, as the first line under it, `80%，证据：…`: the heading's item
   * is scored by that line (only when it starts with a score).
   */
  private headingEntry(tagIndex: number, heading: RawSpan, paragraph: Paragraph): void {
    const p = span(paragraph, this.shift);
    this.entryFrom(this.text.slice(p.start, p.end), p.start, 'heading', tagIndex, { start: heading.start, end: p.end }, true);
  }

  /** An entry from the text after its tag (`rest`, starting at offset `base`): score, evidence, notes. */
  private entryFrom(rest: string, base: number, form: RawEntry['form'], tagIndex: number, whole: RawSpan, needScore: boolean): void {
    const ev = findEvidence(rest);
    const { score, after } = readScore(rest, ev ? ev.markStart : rest.length);
    if (needScore && score.kind !== 'ok') return;
    const entry: RawEntry = { form, tag: tagIndex, score: this.shiftScore(score, base), evidence: '', ...whole };
    if (ev) {
      const evText = rest.slice(ev.start);
      const trimmed = evText.trim();
      entry.evidence = trimmed;
      const lead = evText.length - evText.trimStart().length;
      entry.evidenceSpan = { start: base + ev.start + lead, end: base + ev.start + lead + trimmed.length };
      const notes = rest.slice(after, ev.markStart).trim();
      if (notes && score.kind === 'ok' && score.form.kind !== 'not-applicable') entry.notes = notes;
    } else {
      const notes = rest.slice(after).trim();
      if (notes && !(score.kind === 'ok' && score.form.kind === 'not-applicable')) entry.notes = notes;
    }
    this.model.entries.push(entry);
  }

  private shiftScore(score: ReturnType<typeof readScore>['score'], by: number): RawEntry['score'] {
    if (score.kind === 'missing') return score;
    return { ...score, start: score.start + by, end: score.end + by };
  }

  private table(node: Table): void {
    const rows = node.children as TableRow[];
    if (rows.length === 0) return;
    const cellText = (row: TableRow, i: number): { text: string; start: number; end: number } | undefined => {
      const cell = row.children[i];
      if (!cell) return undefined;
      const s = span(cell, this.shift);
      const raw = this.text.slice(s.start, s.end);
      const lead = /^[\s|]*/.exec(raw)![0].length;
      let end = raw.length;
      while (end > lead && (raw[end - 1] === '|' || /\s/.test(raw[end - 1]))) end--;
      const text = raw.slice(lead, end);
      // `\|` stays as written: evidence text is shown as the author typed it.
      return { text, start: s.start + lead, end: s.start + lead + text.length };
    };
    const roles = rows[0].children.map((_, i) => columnRole(cellText(rows[0], i)?.text ?? ''));
    const col = (role: string) => roles.indexOf(role as never);
    const clauseCol = col('clause');
    const scoreCol = col('score');
    if (scoreCol < 0 && this.ncTable(rows, cellText)) return;
    // Bare IDs (`| 5.1.1.1 | 80% |`) are read as tags only in an audit table: one whose score
    // column holds at least one score (a table of points such as "1.00" lists, it does not score).
    const scoresSomething =
      clauseCol >= 0 && scoreCol >= 0 && rows.slice(1).some((row) => {
        const c = cellText(row, scoreCol);
        return !!c && readScore(c.text).score.kind === 'ok';
      });
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const rowSpan = span(row, this.shift);
      const before = this.model.tags.length;
      for (const cell of row.children) this.inline(cell, { context: 'block', target: rowSpan });
      if (r === 0 || clauseCol < 0) continue;
      const clause = cellText(row, clauseCol);
      if (!clause) continue;
      const special = SPECIAL_LABEL.exec(clause.text);
      if (special) {
        const others = row.children.map((_, i) => (i === clauseCol ? '' : (cellText(row, i)?.text ?? ''))).filter((t) => t);
        const reason = [clause.text.slice(special[0].length).trim(), ...others].filter((t) => t).join('；');
        this.model.specials.push({ kind: specialKind(special[1]), label: special[0].trim(), reason, ...rowSpan });
        continue;
      }
      let tagIndex = -1;
      for (let t = before; t < this.model.tags.length; t++) {
        if (this.model.tags[t].start === clause.start && this.model.tags[t].form !== 'comment') tagIndex = t;
      }
      if (scoreCol < 0) continue;
      // `| 5.1.1.1 | 80% | … |`: in an audit table (clause and score columns) the clause cell needs no brackets.
      if (tagIndex < 0 && scoresSomething && isBareClauseId(clause.text)) {
        // In document order among the row's tags (no entry refers to those yet).
        let at = before;
        while (at < this.model.tags.length && this.model.tags[at].start < clause.start) at++;
        this.model.tags.splice(at, 0, { form: 'table-cell', start: clause.start, end: clause.end, refs: refsOf(clause.text, clause.start), context: 'block', target: rowSpan });
        tagIndex = at;
      }
      if (tagIndex < 0) continue;
      const scoreCell = cellText(row, scoreCol);
      const evidenceCell = col('evidence') >= 0 ? cellText(row, col('evidence')) : undefined;
      const notesCell = col('notes') >= 0 ? cellText(row, col('notes')) : undefined;
      let read: ReturnType<typeof readScore> = scoreCell && scoreCell.text ? readScore(scoreCell.text) : { score: { kind: 'missing' }, after: 0 };
      // A score cell holding something that is not a score is a malformed score, not a missing one.
      if (scoreCell && read.score.kind === 'missing') {
        const rest = scoreCell.text.slice(read.after).trimEnd();
        if (rest) read = { score: { kind: 'malformed', text: rest, start: read.after, end: read.after + rest.length }, after: read.after + rest.length };
      }
      let score = scoreCell ? this.shiftScore(read.score, scoreCell.start) : read.score;
      if (score.kind === 'ok' && score.form.kind === 'not-applicable' && !score.form.reason) {
        const reason = notesCell?.text || evidenceCell?.text || '';
        score = { ...score, form: { kind: 'not-applicable', reason: reason.trim() } };
      }
      const entry: RawEntry = { form: 'table', tag: tagIndex, score, evidence: '', ...rowSpan };
      if (evidenceCell && evidenceCell.text) {
        entry.evidence = evidenceCell.text;
        entry.evidenceSpan = { start: evidenceCell.start, end: evidenceCell.end };
      } else {
        for (const c of [notesCell, scoreCell]) {
          const ev = c ? findEvidence(c.text) : undefined;
          if (c && ev) {
            entry.evidence = c.text.slice(ev.start).trim();
            entry.evidenceSpan = { start: c.start + ev.start, end: c.end };
            break;
          }
        }
      }
      if (notesCell && notesCell.text) entry.notes = notesCell.text;
      this.model.entries.push(entry);
    }
  }

  /**
   * A table of non-conformities or of follow-ups (ncSyntax.ts): each row with an NC ID is one;
   * the tags in its clause cell are its clause tags, or else the bare IDs written there its
   * clauses. False for any other table.
   */
  private ncTable(rows: TableRow[], cellText: (row: TableRow, i: number) => CellText | undefined): boolean {
    const width = rows[0].children.length;
    const cellsOf = (row: TableRow) => Array.from({ length: width }, (_, i) => cellText(row, i));
    const table = ncTableOf(
      cellsOf(rows[0]).map((c) => c?.text ?? ''),
      rows.slice(1).map((row) => cellsOf(row)),
    );
    if (!table) return false;
    const clauseCol = table.roles.indexOf('clause');
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const rowSpan = span(row, this.shift);
      const before = this.model.tags.length;
      for (const cell of row.children) this.inline(cell, { context: 'block', target: rowSpan });
      if (r === 0) continue;
      const cells = cellsOf(row);
      if (table.kind === 'follow-ups') {
        const f = readFollowUpRow(table, cells, rowSpan);
        if (f) (this.model.followUps ??= []).push(f);
        continue;
      }
      const clause = clauseCol >= 0 ? cells[clauseCol] : undefined;
      const clauseTags: number[] = [];
      let bare: RawRef[] | undefined;
      if (clause) {
        for (let t = before; t < this.model.tags.length; t++) {
          const tag = this.model.tags[t];
          if (tag.form !== 'comment' && tag.start >= clause.start && tag.end <= clause.end) clauseTags.push(t);
        }
        // `| NC-01 | 5.2.3.2 | 一般 | … |`: the clause cell needs no brackets. Its IDs are the NC's
        // clauses, not tags: a manual with such a table is not covered by it.
        if (clauseTags.length === 0) bare = refsOfList(clause.text, clause.start);
      }
      const nc = readNonconformityRow(table, cells, rowSpan, clauseTags, bare);
      if (nc) (this.model.nonconformities ??= []).push(nc);
    }
    return true;
  }
}

/**
 * A chunk with a line indented past MAX_INDENT_COLUMNS is not parsed: lists nested by indentation
 * cost remark time that grows steeply with depth (measured: 400 levels ≈ 800 columns 6–12 s,
 * 600 levels 28 s, 1,000 levels 202 s); no real manual or report comes near this.
 */
function deepestIndent(text: string): ChunkModel['skipped'] {
  const candidates = /^[ \t]{250,}/gm;
  for (let m = candidates.exec(text); m; m = candidates.exec(text)) {
    const columns = indentColumns(m[0]);
    if (columns > MAX_INDENT_COLUMNS) return { columns, limit: MAX_INDENT_COLUMNS, offset: m.index };
  }
  return undefined;
}

/** At most this many link/code/HTML/table marks in one chunk (the events and nodes they make). */
export const MAX_MARKS = 100_000;

/**
 * Lists and block quotes opened at the start of one line: each costs remark a container, and
 * 10,000 of them on one line took 87 s. Linear: each line is looked at once, and only lines long
 * enough to hold more than the limit.
 */
function lineNesting(text: string): ChunkModel['tooComplex'] {
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    if (lineNestingDepth(text, start, end) > MAX_LINE_NESTING) {
      return { reason: 'nesting', count: lineNestingDepth(text, start, end, true), limit: MAX_LINE_NESTING, offset: start };
    }
    start = end + 1;
  }
  return undefined;
}

/**
 * Characters that start micromark constructs that make events and nodes (links, images, code,
 * HTML, autolinks, entities, escapes, table cells, strikethrough). A chunk with more than
 * MAX_MARKS of them (1 MB of `[`: 1.8 GB; 100,000 tags on one line) is not parsed.
 */
function markCount(text: string): ChunkModel['tooComplex'] {
  let count = 0;
  let over = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 91: // [
      case 93: // ]
      case 96: // `
      case 60: // <
      case 38: // &
      case 92: // \
      case 124: // |
      case 126: // ~
      case 33: // !
      case 42: // * (no emphasis, but each is still tried: 1 MB of `*a` took seconds and 400 MB)
      case 95: // _
        if (++count === MAX_MARKS + 1) over = i;
    }
  }
  // Reported on the line where the limit was passed.
  return count > MAX_MARKS ? { reason: 'marks', count, limit: MAX_MARKS, offset: text.lastIndexOf('\n', over) + 1 } : undefined;
}

function notParsed(text: string, first: boolean, why: Pick<ChunkModel, 'skipped' | 'tooComplex'>): ChunkModel {
  const model: ChunkModel = { headings: [], tags: [], entries: [], specials: [], links: [], leadingContent: text.trim().length > 0, ...why };
  // The front matter still says what the file is (and so its problem is shown as the manual's or report's).
  const fm = first ? frontMatterBlock(text) : undefined;
  if (fm) model.frontMatter = readFrontMatter(text, fm.start, fm.end);
  return model;
}

/** Where a YAML front matter block is (`---` on the first line to the next `---` line), by a line scan. */
function frontMatterBlock(text: string): { start: number; end: number } | undefined {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const isFence = (from: number, to: number) => /^---[ \t]*\r?$/.test(text.slice(from, Math.min(to, from + 64)));
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0 || !isFence(start, lineEnd)) return undefined;
  for (let from = lineEnd + 1; from < text.length; ) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    if (to - from <= 64 && isFence(from, to)) {
      let end = to;
      if (text.charCodeAt(end - 1) === 13) end--;
      return { start, end };
    }
    from = to + 1;
    lineEnd = to;
  }
  return undefined;
}

/** Parse one chunk (see chunks.ts). `first`: the chunk starts the document (BOM, front matter). */
export function parseChunk(text: string, first: boolean): ChunkModel {
  return parseChunkWith(PARSERS, text, first);
}

/** The model as a parser that resolves emphasis gives it (only to show it equals parseChunk's). */
export function parseChunkWithEmphasis(text: string, first: boolean): ChunkModel {
  emphasisParsers ??= parsers(true);
  return parseChunkWith(emphasisParsers, text, first);
}
let emphasisParsers: ReturnType<typeof parsers> | undefined;

function parseChunkWith(p: ReturnType<typeof parsers>, text: string, first: boolean): ChunkModel {
  const deep = deepestIndent(text);
  if (deep) return notParsed(text, first, { skipped: deep });
  const tooComplex = lineNesting(text) ?? markCount(text);
  if (tooComplex) return notParsed(text, first, { tooComplex });
  try {
    const shift = first && text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const body = shift ? text.slice(1) : text;
    const root = (first ? p.first : p.body).parse(body) as Root;
    const reader = new ChunkReader(text, shift);
    reader.read(root);
    return reader.model;
  } catch (e) {
    return { headings: [], tags: [], entries: [], specials: [], links: [], leadingContent: text.trim().length > 0, failure: e instanceof Error ? e.message : String(e) };
  }
}
