/**
 * The export document: what a Word report, a manual or an HTML page says, before it is any of
 * them. The audit report and the manual are built into this (auditDocument.ts, manualDocument.ts);
 * docx.ts and html.ts write it out. Pure data: no file system, no Office library.
 *
 * Every string in it is text as the reader sees it (not Markdown, not markup): the writers
 * escape it for their format and drop characters XML cannot carry (text.ts).
 */

export interface TextSpan {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Inline code: a monospace font. */
  code?: boolean;
  strike?: boolean;
  /** Smaller and grey (a clause ID shown discreetly in a manual). */
  discreet?: boolean;
  /** An http(s) or mailto link; other targets are never made links. */
  link?: string;
  /** Red (a failed gate), green (a passed one). */
  tone?: 'good' | 'bad';
}

export interface ImageSpan {
  image: {
    data: Uint8Array;
    type: 'png' | 'jpg' | 'gif' | 'bmp';
    /** Pixels, as the file says. */
    width: number;
    height: number;
    alt: string;
  };
}

/** A line break inside a paragraph or a table cell. */
export interface BreakSpan {
  lineBreak: true;
}

export type Inline = TextSpan | ImageSpan | BreakSpan;

export interface Heading {
  kind: 'heading';
  /** 1 = chapter. Levels 1–2 go into the table of contents. */
  level: 1 | 2 | 3 | 4 | 5 | 6;
  content: Inline[];
  /** Stable ID for the table of contents (bookmark name / HTML id). */
  id?: string;
}

export interface Paragraph {
  kind: 'paragraph';
  content: Inline[];
  style?: 'title' | 'subtitle' | 'note' | 'quote' | 'code';
  align?: 'left' | 'center' | 'right';
}

export interface List {
  kind: 'list';
  ordered: boolean;
  /** First number of an ordered list. */
  start?: number;
  items: Block[][];
}

export interface Cell {
  content: Block[];
  /** A header-like cell in a body row (a group row of the items table). */
  emphasis?: boolean;
  /** Columns this cell spans. */
  span?: number;
  align?: 'left' | 'center' | 'right';
}

export interface Table {
  kind: 'table';
  /** Relative widths (any unit; the writers scale them to the page). */
  widths: number[];
  header?: Cell[];
  rows: Cell[][];
  /** Smaller type for dense tables. */
  dense?: boolean;
  /** Key–value table without a header (the cover's information table). */
  layout?: 'grid' | 'form';
}

export interface TableOfContents {
  kind: 'toc';
  title: string;
}

export interface PageBreak {
  kind: 'pageBreak';
}

export type Block = Heading | Paragraph | List | Table | TableOfContents | PageBreak;

export interface ExportDocument {
  /** Document title (file properties, HTML <title>, page header). */
  title: string;
  /** Short text in every page header after the cover. */
  header: string;
  locale: 'zh' | 'en';
  /** The cover page (no header or footer, no page number). */
  cover: Block[];
  body: Block[];
  /** "第 {page} 页 共 {pages} 页" / "Page {page} of {pages}". */
  pageNumberFormat: string;
  /** Written into the file's properties. */
  subject?: string;
  creator?: string;
}

// ---------------------------------------------------------------- small builders

export const text = (t: string, style: Omit<TextSpan, 'text'> = {}): TextSpan => ({ text: t, ...style });
export const para = (content: string | Inline[], style?: Paragraph['style'], align?: Paragraph['align']): Paragraph => ({
  kind: 'paragraph',
  content: typeof content === 'string' ? [text(content)] : content,
  ...(style ? { style } : {}),
  ...(align ? { align } : {}),
});
export const heading = (level: Heading['level'], content: string | Inline[], id?: string): Heading => ({
  kind: 'heading',
  level,
  content: typeof content === 'string' ? [text(content)] : content,
  ...(id ? { id } : {}),
});
export const cell = (content: string | Inline[] | Block[], options: Omit<Cell, 'content'> = {}): Cell => ({
  content: typeof content === 'string' ? [para(content)] : isBlocks(content) ? content : [para(content)],
  ...options,
});

function isBlocks(x: Inline[] | Block[]): x is Block[] {
  return x.length > 0 && 'kind' in x[0];
}

export function isTextSpan(i: Inline): i is TextSpan {
  return 'text' in i;
}

/** Text of inline content as a reader sees it (images by their alt text). */
export function plainText(content: readonly Inline[]): string {
  return content.map((i) => ('text' in i ? i.text : 'image' in i ? i.image.alt : '\n')).join('');
}

/** Headings that go into the table of contents (levels 1 and 2), in order. */
export function tocEntries(blocks: readonly Block[]): Heading[] {
  return blocks.filter((b): b is Heading => b.kind === 'heading' && b.level <= 2);
}
