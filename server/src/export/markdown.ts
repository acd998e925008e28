/**
 * Markdown → export blocks (document.ts): headings, paragraphs with emphasis, code, links, lists
 * (nested, ordered, task lists), GFM tables, block quotes, code blocks and images. Used for the
 * manual and for the narrative sections of an audit report.
 *
 * - Clause tags in text are hidden, or shown discreetly (small, grey), as asked; `<!-- clause: … -->`
 *   comments and every other HTML comment are dropped; other raw HTML is shown as its text, never
 *   interpreted (a `<script>` block is dropped whole).
 * - Links become links only for http(s) and mailto targets; a link to a file of the workspace is
 *   its text (a Word document cannot open `01-组织与资源.md`).
 * - Images come from `resolveImage` (the caller reads workspace files under its own rules); an
 *   image it cannot give is shown as a bracketed note with its alt text.
 * Pure: no file system.
 */
import type { Nodes, PhrasingContent, Root, RootContent, Table as MdTable } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { BRACKET_TAG } from '../model/inlineSyntax';
import type { Block, Cell, ImageSpan, Inline, TextSpan } from './document';
import { label, type ExportLocale } from './labels';
import { cleanText, safeLink } from './text';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** The Markdown syntax tree of a text (front matter as a `yaml` node). */
export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}

export type TagDisplay = 'hidden' | 'discreet';

export interface MarkdownOptions {
  locale: ExportLocale;
  tags: TagDisplay;
  /** An image of the document: its bytes and size, or undefined to show its alt text instead. */
  resolveImage?: (src: string, alt: string) => ImageSpan['image'] | undefined;
  /** Added to every heading level (negative promotes); the result is kept within 1–6. */
  headingShift?: number;
}

interface Style {
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  link?: string;
}

export class MarkdownConverter {
  constructor(private readonly o: MarkdownOptions) {}

  blocks(nodes: readonly RootContent[]): Block[] {
    const out: Block[] = [];
    for (const n of nodes) this.block(n, out);
    return out;
  }

  private block(n: RootContent, out: Block[]): void {
    switch (n.type) {
      case 'heading': {
        const content = trimInline(this.inlines(n.children));
        if (content.length === 0) return;
        const level = Math.min(6, Math.max(1, n.depth + (this.o.headingShift ?? 0))) as 1 | 2 | 3 | 4 | 5 | 6;
        out.push({ kind: 'heading', level, content });
        return;
      }
      case 'paragraph': {
        const content = trimInline(this.inlines(n.children));
        if (content.length > 0) out.push({ kind: 'paragraph', content });
        return;
      }
      case 'list':
        out.push({
          kind: 'list',
          ordered: !!n.ordered,
          ...(n.ordered && typeof n.start === 'number' && n.start !== 1 ? { start: n.start } : {}),
          items: n.children.map((item) => {
            const blocks = this.blocks(item.children);
            if (typeof item.checked === 'boolean') {
              const mark: TextSpan = { text: item.checked ? '☑ ' : '☐ ' };
              const first = blocks[0];
              if (first?.kind === 'paragraph') first.content.unshift(mark);
              else blocks.unshift({ kind: 'paragraph', content: [mark] });
            }
            return blocks;
          }),
        });
        return;
      case 'table':
        out.push(this.table(n));
        return;
      case 'blockquote':
        for (const b of this.blocks(n.children)) out.push(b.kind === 'paragraph' ? { ...b, style: 'quote' } : b);
        return;
      case 'code': {
        const lines = cleanText(n.value).split('\n');
        const content: Inline[] = [];
        lines.forEach((l, i) => {
          if (i > 0) content.push({ lineBreak: true });
          content.push({ text: l, code: true });
        });
        out.push({ kind: 'paragraph', style: 'code', content });
        return;
      }
      case 'html': {
        const t = htmlText(n.value);
        if (t) out.push({ kind: 'paragraph', content: [{ text: t }] });
        return;
      }
      case 'footnoteDefinition': {
        const inner = this.blocks(n.children);
        const first = inner[0];
        if (first?.kind === 'paragraph') first.content.unshift({ text: `[${n.label ?? n.identifier}] ` });
        out.push(...inner);
        return;
      }
      case 'thematicBreak':
      case 'definition':
      case 'yaml':
        return;
      default:
        return;
    }
  }

  private table(n: MdTable): Block {
    const [head, ...body] = n.children;
    const align = (i: number): Cell['align'] => (n.align?.[i] ? (n.align[i] as Cell['align']) : undefined);
    const row = (r: (typeof n.children)[number]): Cell[] =>
      r.children.map((c, i) => ({ content: [{ kind: 'paragraph', content: trimInline(this.inlines(c.children)) }], ...(align(i) ? { align: align(i) } : {}) }));
    const columns = Math.max(1, ...n.children.map((r) => r.children.length));
    // Width by content: the longest cell of each column, within 1:4 of the others.
    const lengths = Array.from({ length: columns }, (_, i) =>
      Math.max(2, ...n.children.map((r) => (r.children[i] ? nodeText(r.children[i]).length : 0))),
    );
    const max = Math.max(...lengths);
    const widths = lengths.map((l) => Math.max(max / 4, Math.min(l, 40)));
    return { kind: 'table', widths, ...(head ? { header: row(head) } : {}), rows: body.map(row) };
  }

  inlines(nodes: readonly PhrasingContent[], style: Style = {}): Inline[] {
    const out: Inline[] = [];
    for (const n of nodes) this.inline(n, style, out);
    return out;
  }

  private inline(n: PhrasingContent, style: Style, out: Inline[]): void {
    switch (n.type) {
      case 'text':
        this.textWithTags(n.value, style, out);
        return;
      case 'strong':
        out.push(...this.inlines(n.children, { ...style, bold: true }));
        return;
      case 'emphasis':
        out.push(...this.inlines(n.children, { ...style, italic: true }));
        return;
      case 'delete':
        out.push(...this.inlines(n.children, { ...style, strike: true }));
        return;
      case 'inlineCode':
        out.push(span(n.value, { ...style, code: true }));
        return;
      case 'break':
        out.push({ lineBreak: true });
        return;
      case 'link': {
        const href = safeLink(n.url);
        out.push(...this.inlines(n.children, href ? { ...style, link: href } : style));
        return;
      }
      case 'linkReference':
        out.push(...this.inlines(n.children, style));
        return;
      case 'image':
      case 'imageReference': {
        const alt = cleanText(n.alt ?? '');
        const image = n.type === 'image' ? this.o.resolveImage?.(n.url, alt) : undefined;
        if (image) out.push({ image });
        else out.push(span(label('imageNotEmbedded', this.o.locale, { alt: alt || (n.type === 'image' ? n.url : '') }), { ...style, italic: true }));
        return;
      }
      case 'html': {
        if (/^<br\s*\/?>$/i.test(n.value.trim())) out.push({ lineBreak: true });
        // Any other inline tag is dropped: the text between an opening and a closing tag is its own node.
        return;
      }
      case 'footnoteReference':
        out.push(span(`[${n.label ?? n.identifier}]`, style));
        return;
      default:
        return;
    }
  }

  /** Text with clause tags hidden or shown discreetly. */
  private textWithTags(value: string, style: Style, out: Inline[]): void {
    const re = new RegExp(BRACKET_TAG.source, 'g');
    if (this.o.tags === 'hidden') {
      // A tag between two spaces leaves one space; anywhere else it leaves nothing.
      const t = value.replace(new RegExp(`[ \u3000]*(?:${BRACKET_TAG.source})[ \u3000]*`, 'g'), (m) => (/^[ \u3000]/.test(m) && /[ \u3000]$/.test(m) ? ' ' : ''));
      if (t) out.push(span(t, style));
      return;
    }
    let last = 0;
    for (let m = re.exec(value); m; m = re.exec(value)) {
      if (m.index > last) out.push(span(value.slice(last, m.index), style));
      out.push(span(m[0], { ...style, bold: false, discreet: true }));
      last = m.index + m[0].length;
    }
    if (last < value.length) out.push(span(value.slice(last), style));
  }
}

function span(t: string, style: Style & { code?: boolean; discreet?: boolean }): TextSpan {
  const s: TextSpan = { text: cleanText(t) };
  if (style.bold) s.bold = true;
  if (style.italic) s.italic = true;
  if (style.strike) s.strike = true;
  if (style.link) s.link = style.link;
  if (style.code) s.code = true;
  if (style.discreet) s.discreet = true;
  return s;
}

/** Drop empty text and leading/trailing white space of a paragraph. */
function trimInline(content: Inline[]): Inline[] {
  const out = content.filter((i) => !('text' in i) || i.text !== '');
  const first = out[0];
  if (first && 'text' in first) first.text = first.text.replace(/^\s+/, '');
  const last = out[out.length - 1];
  if (last && 'text' in last) last.text = last.text.replace(/\s+$/, '');
  return out.filter((i) => !('text' in i) || i.text !== '');
}

/** Plain text of a syntax node. */
export function nodeText(n: Nodes): string {
  if ('value' in n && typeof n.value === 'string') return n.type === 'html' ? htmlText(n.value) : n.value;
  if ('alt' in n && typeof n.alt === 'string') return n.alt;
  if ('children' in n) return (n.children as Nodes[]).map(nodeText).join('');
  return '';
}

/** Raw HTML as the text a reader would see: comments, scripts and styles dropped, tags removed, basic entities decoded. */
export function htmlText(html: string): string {
  const t = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style)\b[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", nbsp: ' ' })[e]!);
  return cleanText(t).trim();
}
