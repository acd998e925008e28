/**
 * HTML (from mammoth, or a saved web page) → Markdown in the document language, on the unified
 * tree family the rest of the product uses: rehype-parse → rehype-remark → (our transforms) →
 * remark-gfm + remark-stringify. Also Markdown → Markdown for `.md` input (the same transforms).
 *
 * Transforms:
 * - footnotes as mammoth writes them (`<sup><a href="#footnote-1">`, the notes as a list at the
 *   end) become GFM footnotes (`[^1]`, `[^1]: …`);
 * - links to anchors inside the document (Word's bookmarks, `#_Toc…`) become their text;
 * - pseudo-headings: many manuals do not use heading styles, their headings are bold or
 *   numbered paragraphs (`第一章 …`, `一、…`, `1.1 …`, `（一）…`). A top-level paragraph
 *   becomes a heading when it is short, ends without sentence punctuation, and is numbered the
 *   way headings are (or is bold throughout); see `pseudoHeadingLevel`.
 * Pure: no file access (images are handed to a callback); same input, same output.
 */
import type { Heading, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkStringify from 'remark-stringify';

export interface MarkdownStats {
  headings: number;
  /** Of those, recognised from bold or numbered paragraphs. */
  pseudoHeadings: number;
  tables: number;
  images: number;
  footnotes: number;
}

// ---------------------------------------------------------------------------------------------
// Pseudo-headings

const CN_NUM = '[一二三四五六七八九十百零〇两]+';
/** Heading numbering, most specific first, with the level each one gives. */
const NUMBERING: { re: RegExp; level: (m: RegExpExecArray) => number }[] = [
  { re: new RegExp(`^第${CN_NUM}[章篇]|^第[0-9]+[章篇]|^第${CN_NUM}部分`), level: () => 1 },
  { re: new RegExp(`^第${CN_NUM}节|^第[0-9]+节`), level: () => 2 },
  { re: new RegExp(`^${CN_NUM}[、．.]`), level: () => 2 },
  { re: new RegExp(`^[（(]${CN_NUM}[)）]`), level: () => 3 },
  // 1.1 / 1.1.1 (and 1．1): one level per part.
  { re: /^[0-9]{1,2}(?:[.．][0-9]{1,2}){1,4}(?![0-9])(?:[.．])?/, level: (m) => Math.min(6, m[0].replace(/[.．]$/, '').split(/[.．]/).length) },
];
/** `1.` / `1、` / `1 ` alone is a list item or a sentence as often as a heading: only when bold. */
const SINGLE_NUMBER = /^[0-9]{1,2}(?:[.．、]|\s)(?![0-9])/;
const SENTENCE_END = /[。；;，,：:！!？?、]$/;
const SENTENCE_INSIDE = /[。；;！!？?]/;
const MAX_HEADING_CHARS = 40;

export interface PseudoHeadingContext {
  /** Level of the last real (styled) or numbered heading before this paragraph, 0 if none. */
  lastLevel: number;
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

function isBoldThroughout(p: Paragraph): boolean {
  const visible = p.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return visible.length > 0 && visible.every((c) => c.type === 'strong');
}

/**
 * The heading level a top-level paragraph should have, or 0 when it is not a heading.
 * Numbered like a heading (第一章, 第二节, 一、, （一）, 1.1): that numbering's level. Bold throughout
 * (and short, no sentence punctuation): `1.` numbering or none, one level below the last heading.
 */
export function pseudoHeadingLevel(p: Paragraph, ctx: PseudoHeadingContext): number {
  if (p.children.some((c) => c.type === 'break' || c.type === 'image')) return 0;
  const text = plainText(p).replace(/\s+/g, ' ').trim();
  if (text.length === 0 || [...text].length > MAX_HEADING_CHARS) return 0;
  if (SENTENCE_END.test(text) || SENTENCE_INSIDE.test(text)) return 0;
  const bold = isBoldThroughout(p);
  for (const n of NUMBERING) {
    const m = n.re.exec(text);
    // Numbering alone ("一、") is not a heading; it needs words after it.
    if (m && text.slice(m[0].length).trim().length > 0) return n.level(m);
  }
  if (!bold) return 0;
  if (SINGLE_NUMBER.test(text) || !/^[0-9]/.test(text)) return Math.min(6, Math.max(2, ctx.lastLevel + 1));
  return 0;
}

/** Strong wrappers of a bold pseudo-heading are dropped: a heading is bold already. */
function headingChildren(p: Paragraph): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const c of p.children) {
    if (c.type === 'strong') out.push(...c.children);
    else out.push(c);
  }
  return out;
}

export function recogniseHeadings(root: Root, stats: MarkdownStats): void {
  let lastLevel = 0;
  const children: RootContent[] = [];
  for (const [index, node] of root.children.entries()) {
    if (node.type === 'heading') {
      lastLevel = node.depth;
      stats.headings++;
      children.push(node);
      continue;
    }
    if (node.type === 'paragraph') {
      let level = pseudoHeadingLevel(node, { lastLevel });
      // A bold first paragraph is the document's title.
      if (level > 0 && index === 0 && stats.headings === 0 && isBoldThroughout(node) && !NUMBERING.some((n) => n.re.test(plainText(node).trim()))) level = 1;
      if (level > 0) {
        const bold = isBoldThroughout(node);
        const heading: Heading = { type: 'heading', depth: level as Heading['depth'], children: headingChildren(node) };
        // A bold heading without numbering nests under the last one; numbered ones set the level.
        const numbered = !bold || NUMBERING.some((n) => n.re.test(plainText(node).trim()));
        if (numbered) lastLevel = level;
        stats.headings++;
        stats.pseudoHeadings++;
        children.push(heading);
        continue;
      }
    }
    children.push(node);
  }
  root.children = children;
}

// ---------------------------------------------------------------------------------------------
// HTML clean-up before rehype-remark

function isElement(n: unknown, tag?: string): n is Element {
  return typeof n === 'object' && n !== null && (n as Element).type === 'element' && (tag === undefined || (n as Element).tagName === tag);
}

const FOOTNOTE_REF = /^#(foot|end)note-(\d+)$/;

/** Rewrite mammoth's footnotes and unwrap internal anchors (see the module comment). */
function cleanHtml(tree: HastRoot, stats: MarkdownStats): void {
  // Notes are numbered 1, 2, … in the order they are first referred to.
  const numbers = new Map<string, string>();
  const noteId = (kind: string, n: string): string => {
    const key = `${kind}-${n}`;
    if (!numbers.has(key)) numbers.set(key, String(numbers.size + 1));
    return numbers.get(key)!;
  };
  const walk = (parent: { children: (ElementContent | HastRoot['children'][number])[] }): void => {
    const out: typeof parent.children = [];
    for (const child of parent.children) {
      if (isElement(child)) {
        const href = typeof child.properties?.href === 'string' ? child.properties.href : undefined;
        // <sup><a href="#footnote-1">[1]</a></sup> → a marker element the handler turns into [^fn1].
        if (child.tagName === 'sup' && child.children.length === 1 && isElement(child.children[0], 'a')) {
          const inner = child.children[0];
          const m = typeof inner.properties?.href === 'string' ? FOOTNOTE_REF.exec(inner.properties.href) : null;
          if (m) {
            out.push({ type: 'element', tagName: 'gbt-fnref', properties: { dataId: noteId(m[1], m[2]) }, children: [] });
            continue;
          }
        }
        // Back-links from a note to its reference, and anchors without a target, vanish.
        if (child.tagName === 'a' && (href === undefined || /^#(foot|end)note-ref-/.test(href))) {
          if (href === undefined) {
            walk(child);
            out.push(...child.children);
          }
          continue;
        }
        // Links to bookmarks inside the document become their text.
        if (child.tagName === 'a' && href?.startsWith('#')) {
          walk(child);
          out.push(...child.children);
          continue;
        }
        // The notes: <ol><li id="footnote-1">…</li></ol> → definitions.
        if (child.tagName === 'ol' && child.children.some((li) => isElement(li, 'li') && /^(foot|end)note-\d+$/.test(String(li.properties?.id ?? '')))) {
          for (const li of child.children) {
            if (!isElement(li, 'li')) continue;
            const m = /^(foot|end)note-(\d+)$/.exec(String(li.properties?.id ?? ''));
            if (!m) continue;
            walk(li);
            out.push({ type: 'element', tagName: 'gbt-fndef', properties: { dataId: noteId(m[1], m[2]) }, children: li.children });
            stats.footnotes++;
          }
          continue;
        }
        if (child.tagName === 'table') promoteHeaderRow(child);
        walk(child);
      }
      out.push(child);
    }
    parent.children = out;
  };
  walk(tree as unknown as { children: ElementContent[] });
}

/** Word tables rarely mark a header row: without one, the first row is the header (GFM needs one). */
function promoteHeaderRow(table: Element): void {
  const rows: Element[] = [];
  const collect = (e: Element) => {
    for (const c of e.children) {
      if (!isElement(c)) continue;
      if (c.tagName === 'th') return;
      if (c.tagName === 'tr') rows.push(c);
      else if (c.tagName === 'thead' || c.tagName === 'tbody' || c.tagName === 'tfoot') collect(c);
    }
  };
  let hasTh = false;
  const visit = (e: Element) => {
    for (const c of e.children) {
      if (!isElement(c)) continue;
      if (c.tagName === 'th' || c.tagName === 'thead') hasTh = true;
      else visit(c);
    }
  };
  visit(table);
  if (hasTh) return;
  collect(table);
  const first = rows[0];
  if (first) for (const cell of first.children) if (isElement(cell, 'td')) cell.tagName = 'th';
}

/** Word's lists are tight: no blank lines between items. */
function tightLists(root: Root): void {
  const visit = (n: Nodes) => {
    if (n.type === 'list' || n.type === 'listItem') n.spread = false;
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(root);
}

// ---------------------------------------------------------------------------------------------
// The pipelines

const STRINGIFY_OPTIONS = {
  bullet: '-' as const,
  emphasis: '*' as const,
  strong: '*' as const,
  fence: '`' as const,
  fences: true,
  rule: '-' as const,
  listItemIndent: 'one' as const,
  setext: false,
};

function countNodes(root: Root, stats: MarkdownStats): void {
  const visit = (n: Nodes) => {
    if (n.type === 'table') stats.tables++;
    if (n.type === 'image') stats.images++;
    if ('children' in n) for (const c of n.children as Nodes[]) visit(c);
  };
  visit(root);
}

function stringify(root: Root): string {
  const text = unified().use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkStringify, STRINGIFY_OPTIONS).stringify(root);
  return text.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').replace(/\s*$/, '\n');
}

function emptyStats(): MarkdownStats {
  return { headings: 0, pseudoHeadings: 0, tables: 0, images: 0, footnotes: 0 };
}

/** HTML → Markdown body (no front matter). */
export function htmlToMarkdown(html: string): { markdown: string; stats: MarkdownStats } {
  const stats = emptyStats();
  const processor = unified()
    .use(rehypeParse, { fragment: false })
    .use(() => (tree: HastRoot) => cleanHtml(tree, stats))
    .use(rehypeRemark, {
      handlers: {
        'gbt-fnref': (_state: unknown, node: Element) => ({ type: 'footnoteReference', identifier: String(node.properties?.dataId), label: String(node.properties?.dataId) }),
        'gbt-fndef': (state: { toFlow(nodes: unknown[]): unknown[]; all(node: Element): unknown[] }, node: Element) => ({
          type: 'footnoteDefinition',
          identifier: String(node.properties?.dataId),
          label: String(node.properties?.dataId),
          children: state.toFlow(state.all(node)),
        }),
      },
    } as never);
  const root = processor.runSync(processor.parse(html)) as unknown as Root;
  tightLists(root);
  recogniseHeadings(root, stats);
  countNodes(root, stats);
  return { markdown: stringify(root), stats };
}

/** Markdown → Markdown with pseudo-headings recognised; front matter is kept as it was. */
export function markdownToMarkdown(markdown: string): { markdown: string; stats: MarkdownStats; frontMatter?: string } {
  const stats = emptyStats();
  const root = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(markdown) as Root;
  let frontMatter: string | undefined;
  if (root.children[0]?.type === 'yaml') {
    frontMatter = root.children[0].value;
    root.children.shift();
  }
  recogniseHeadings(root, stats);
  countNodes(root, stats);
  return { markdown: stringify(root), stats, frontMatter };
}
