/**
 * An export document (document.ts) → a .docx file, with the npm `docx` library.
 *
 * Layout: A4 portrait, 2.54 cm top and bottom, 2.3 cm left and right; the cover page has no header
 * or footer; every other page has the document's header text and "第 X 页 共 Y 页" in the footer.
 *
 * Fonts, declared for each script as Word writes them: body text 宋体 (SimSun) for Chinese and
 * Times New Roman for Latin text, headings 黑体 (SimHei) and Arial, code Courier New; every run
 * is marked zh-CN for East Asian text. The font table names each font with its English alternate
 * name, GB2312 character set and PANOSE class, so Word, WPS and LibreOffice find the same font
 * (or the same kind of font) on any system.
 *
 * The table of contents is a list of the level 1–2 headings, each linked to its heading's bookmark
 * with a PAGEREF field for the page number. LibreOffice computes PAGEREF fields when it lays the
 * document out (a Word TOC field would keep whatever page numbers it was saved with, and a new file
 * has none), and Word updates them on opening (`updateFields`).
 */
import {
  AlignmentType,
  BorderStyle,
  Bookmark,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  PageReference,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import * as D from './document';
import { cleanText } from './text';

export const A4 = { width: 11906, height: 16838 } as const;
const MARGIN = { top: 1440, bottom: 1440, left: 1304, right: 1304, header: 720, footer: 720 } as const;
/** Width of the text on the page, in twentieths of a point. */
export const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const FONTS = {
  body: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' },
  heading: { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体', cs: 'Arial' },
  code: { ascii: 'Courier New', hAnsi: 'Courier New', eastAsia: '宋体', cs: 'Courier New' },
} as const;

/** Half-points: 五号 10.5 pt body, 小五 9 pt dense tables, 三号/四号/小四 headings, 二号 title. */
const SIZE = { body: 21, dense: 18, discreet: 16, h1: 32, h2: 28, h3: 24, h4: 24, title: 44, subtitle: 30 } as const;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '808080' } as const;
const CELL_BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER } as const;
const HEADER_SHADE = { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } as const;
const EMPHASIS_SHADE = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } as const;
const TONE = { good: '2E7D32', bad: 'C00000' } as const;

/** Images wider than the text are scaled down to it (pixels at 96 dpi; 15 twips each). */
const MAX_IMAGE_PX = Math.floor(TEXT_WIDTH / 15) - 10;

const HEADING_LEVEL = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

/** The font table as Word writes it for these fonts (word/fontTable.xml). */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="Courier New"><w:panose1 w:val="02070309020205020404"/><w:charset w:val="00"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>
</w:fonts>`;

interface Context {
  /** Bookmark names by heading, for the table of contents. */
  bookmarks: Map<D.Heading, string>;
  /** Numbering instance per list (ordered lists restart at 1). */
  nextListInstance: number;
}

/** The document as .docx bytes. */
export async function renderDocx(doc: D.ExportDocument): Promise<Buffer> {
  const ctx: Context = { bookmarks: new Map(), nextListInstance: 1 };
  D.tocEntries(doc.body).forEach((h, i) => ctx.bookmarks.set(h, `_TocG${i + 1}`));
  const cover = doc.cover.flatMap((b) => renderBlock(b, ctx, { dense: false }));
  const body = doc.body.flatMap((b) => renderBlock(b, ctx, { dense: false }));
  const language = { value: doc.locale === 'zh' ? 'zh-CN' : 'en-GB', eastAsia: 'zh-CN' };

  const document = new Document({
    title: cleanText(doc.title),
    subject: doc.subject ? cleanText(doc.subject) : undefined,
    creator: doc.creator ?? 'gbt27922',
    description: cleanText(doc.header),
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: { font: FONTS.body, size: SIZE.body, language },
          paragraph: { spacing: { after: 80, line: 300, lineRule: LineRuleType.AUTO } },
        },
        title: { run: { font: FONTS.heading, size: SIZE.title, bold: false, color: '000000' }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 2400, after: 480 } } },
        heading1: headingStyle(SIZE.h1, 360, 200),
        heading2: headingStyle(SIZE.h2, 280, 140),
        heading3: headingStyle(SIZE.h3, 220, 100),
        heading4: headingStyle(SIZE.h4, 200, 80),
        heading5: headingStyle(SIZE.body, 160, 60),
        heading6: headingStyle(SIZE.body, 160, 60),
        hyperlink: { run: { color: '1F4E79', underline: {} } },
      },
      paragraphStyles: [
        { id: 'Subtitle', name: 'Subtitle', basedOn: 'Normal', next: 'Normal', run: { font: FONTS.heading, size: SIZE.subtitle }, paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 360 } } },
        { id: 'TOCHeading', name: 'TOC Heading', basedOn: 'Normal', next: 'Normal', run: { font: FONTS.heading, size: SIZE.h1 }, paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 240, after: 240 } } },
        { id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal', paragraph: { spacing: { before: 80, after: 40 } } },
        { id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal', paragraph: { indent: { left: 420 }, spacing: { after: 20 } } },
        { id: 'Note', name: 'Note', basedOn: 'Normal', next: 'Normal', run: { size: SIZE.dense, color: '595959' } },
        { id: 'Quote', name: 'Quote', basedOn: 'Normal', next: 'Normal', run: { color: '404040' }, paragraph: { indent: { left: 567 }, border: { left: { style: BorderStyle.SINGLE, size: 12, color: 'BFBFBF', space: 8 } } } },
        { id: 'CodeBlock', name: 'Code Block', basedOn: 'Normal', next: 'Normal', run: { font: FONTS.code, size: SIZE.dense }, paragraph: { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F5F5F5' }, spacing: { line: 240, lineRule: LineRuleType.AUTO } } },
        { id: 'TableText', name: 'Table Text', basedOn: 'Normal', next: 'Normal', paragraph: { spacing: { before: 20, after: 20, line: 260, lineRule: LineRuleType.AUTO } } },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'gbt-bullet',
          levels: [0, 1, 2, 3, 4, 5].map((level) => ({
            level,
            format: LevelFormat.BULLET,
            text: ['●', '○', '■', '●', '○', '■'][level],
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 420 * (level + 1), hanging: 300 } }, run: { font: FONTS.body } },
          })),
        },
        {
          reference: 'gbt-ordered',
          levels: [0, 1, 2, 3, 4, 5].map((level) => ({
            level,
            format: [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN][level % 3],
            text: `%${level + 1}.`,
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent: { left: 420 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [
      {
        properties: {
          page: { size: { ...A4 }, margin: { ...MARGIN } },
          titlePage: true,
        },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '808080', space: 1 } },
                children: [new TextRun({ text: cleanText(doc.header), size: SIZE.dense, color: '595959' })],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph('')] }),
        },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: pageNumberParts(doc.pageNumberFormat), size: SIZE.dense })] })] }),
          first: new Footer({ children: [new Paragraph('')] }),
        },
        children: [...cover, ...body],
      },
    ],
  });
  return Packer.toBuffer(document, false, [{ path: 'word/fontTable.xml', data: FONT_TABLE }]);
}

function headingStyle(size: number, before: number, after: number) {
  return {
    run: { font: FONTS.heading, size, bold: false, italics: false, color: '000000' },
    paragraph: { spacing: { before, after }, keepNext: true, keepLines: true },
  };
}

/** "第 {page} 页 共 {pages} 页" → text and page-number fields. */
function pageNumberParts(format: string): (string | (typeof PageNumber)[keyof typeof PageNumber])[] {
  const out: (string | (typeof PageNumber)[keyof typeof PageNumber])[] = [];
  for (const part of format.split(/(\{page\}|\{pages\})/)) {
    if (part === '{page}') out.push(PageNumber.CURRENT);
    else if (part === '{pages}') out.push(PageNumber.TOTAL_PAGES);
    else if (part) out.push(cleanText(part));
  }
  return out;
}

interface BlockOptions {
  dense: boolean;
  /** Inside a table cell. */
  inCell?: boolean;
  /** Every run bold (a header cell). */
  bold?: boolean;
  /** Alignment of paragraphs that do not set their own (a table column's). */
  align?: D.Paragraph['align'];
}

function renderBlock(b: D.Block, ctx: Context, o: BlockOptions, listLevel = 0): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading': {
      const runs = inlineChildren(b.content, o);
      const name = ctx.bookmarks.get(b);
      return [new Paragraph({ heading: HEADING_LEVEL[b.level - 1], children: name ? [new Bookmark({ id: name, children: runs })] : runs })];
    }
    case 'paragraph':
      return [paragraph(b, o)];
    case 'list':
      return renderList(b, ctx, o, listLevel);
    case 'table':
      return o.inCell ? tableAsParagraphs(b, o) : [renderTable(b, ctx)];
    case 'toc':
      return renderToc(b, ctx);
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
  }
}

function paragraph(b: D.Paragraph, o: BlockOptions): Paragraph {
  const children = inlineChildren(b.content, o);
  const align = b.align ?? o.align;
  const alignment = align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : undefined;
  switch (b.style) {
    case 'title':
      return new Paragraph({ heading: HeadingLevel.TITLE, alignment: alignment ?? AlignmentType.CENTER, children });
    case 'subtitle':
      return new Paragraph({ style: 'Subtitle', alignment, children });
    case 'note':
      return new Paragraph({ style: 'Note', alignment, children });
    case 'quote':
      return new Paragraph({ style: 'Quote', alignment, children });
    case 'code':
      return new Paragraph({ style: 'CodeBlock', children });
    default:
      return new Paragraph({ style: o.inCell ? 'TableText' : undefined, alignment, children });
  }
}

function renderList(b: D.List, ctx: Context, o: BlockOptions, level: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const instance = ctx.nextListInstance++;
  const numbering = { reference: b.ordered ? 'gbt-ordered' : 'gbt-bullet', level: Math.min(level, 5), instance };
  for (const item of b.items) {
    let first = true;
    for (const child of item) {
      if (child.kind === 'list') {
        out.push(...renderList(child, ctx, o, level + 1));
        continue;
      }
      if (child.kind === 'paragraph' && first) {
        out.push(new Paragraph({ numbering, style: o.inCell ? 'TableText' : undefined, children: inlineChildren(child.content, o) }));
      } else if (child.kind === 'paragraph') {
        out.push(new Paragraph({ indent: { left: 420 * (level + 1) }, children: inlineChildren(child.content, o) }));
      } else {
        out.push(...renderBlock(child, ctx, o, level + 1));
      }
      first = false;
    }
    if (item.length === 0) out.push(new Paragraph({ numbering, children: [] }));
  }
  return out;
}

function renderToc(b: D.TableOfContents, ctx: Context): Paragraph[] {
  const out: Paragraph[] = [new Paragraph({ style: 'TOCHeading', children: [new TextRun(cleanText(b.title))] })];
  for (const [h, name] of ctx.bookmarks) {
    out.push(
      new Paragraph({
        style: h.level === 1 ? 'TOC1' : 'TOC2',
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH, leader: 'dot' }],
        children: [
          new InternalHyperlink({ anchor: name, children: [new TextRun(cleanText(D.plainText(h.content)))] }),
          new TextRun({ children: [new Tab()] }),
          new PageReference(name, { hyperlink: true }),
        ],
      }),
    );
  }
  out.push(new Paragraph({ pageBreakBefore: false, children: [] }));
  return out;
}

function renderTable(t: D.Table, ctx: Context): Table {
  const total = t.widths.reduce((a, b) => a + b, 0) || 1;
  const widths = t.widths.map((w) => Math.max(300, Math.floor((w / total) * TEXT_WIDTH)));
  const o: BlockOptions = { dense: !!t.dense, inCell: true };
  const row = (cells: D.Cell[], header: boolean): TableRow => {
    let col = 0;
    return new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map((c) => {
        const span = Math.max(1, c.span ?? 1);
        const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        const cellOptions: BlockOptions = { ...o, bold: header || c.emphasis, align: c.align };
        const children = c.content.flatMap((b) => renderBlock(b, ctx, cellOptions)).filter((x): x is Paragraph => x instanceof Paragraph);
        return new TableCell({
          width: { size: width, type: WidthType.DXA },
          columnSpan: span > 1 ? span : undefined,
          borders: CELL_BORDERS,
          shading: header ? HEADER_SHADE : c.emphasis ? EMPHASIS_SHADE : undefined,
          verticalAlign: VerticalAlign.CENTER,
          margins: { top: 40, bottom: 40, left: 80, right: 80 },
          children: nonEmpty(children),
        });
      }),
    });
  };
  const rows = [...(t.header ? [row(t.header, true)] : []), ...t.rows.map((r) => row(r, false))];
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: rows.length ? rows : [new TableRow({ children: [new TableCell({ children: [new Paragraph('')] })] })],
  });
}

function nonEmpty(ps: Paragraph[]): Paragraph[] {
  return ps.length ? ps : [new Paragraph({ style: 'TableText', children: [] })];
}

/** A table inside a table cell: one paragraph per row, cells separated by " | ". */
function tableAsParagraphs(t: D.Table, o: BlockOptions): Paragraph[] {
  const rows = [...(t.header ? [t.header] : []), ...t.rows];
  return rows.map((r) => new Paragraph({ style: 'TableText', children: [new TextRun({ text: r.map((c) => c.content.map((b) => (b.kind === 'paragraph' ? D.plainText(b.content) : '')).join(' ')).join(' | '), size: o.dense ? SIZE.dense : undefined })] }));
}

function inlineChildren(content: readonly D.Inline[], o: BlockOptions): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const i of content) {
    if ('lineBreak' in i) {
      out.push(new TextRun({ break: 1 }));
      continue;
    }
    if ('image' in i) {
      out.push(imageRun(i.image));
      continue;
    }
    const runs = textRuns(i, o);
    if (i.link) out.push(new ExternalHyperlink({ link: i.link, children: runs.map((r) => r) }));
    else out.push(...runs);
  }
  return out;
}

function textRuns(s: D.TextSpan, o: BlockOptions): TextRun[] {
  const base: IRunOptions = {
    bold: s.bold || o.bold || undefined,
    italics: s.italic || undefined,
    strike: s.strike || undefined,
    font: s.code ? FONTS.code : undefined,
    size: s.discreet ? SIZE.discreet : o.dense ? SIZE.dense : undefined,
    color: s.discreet ? '8C8C8C' : s.tone ? TONE[s.tone] : undefined,
    style: s.link ? 'Hyperlink' : undefined,
  };
  const lines = cleanText(s.text).split('\n');
  return lines.map((line, k) => new TextRun({ ...base, text: line, break: k > 0 ? 1 : undefined }));
}

function imageRun(img: D.ImageSpan['image']): ImageRun {
  const scale = img.width > MAX_IMAGE_PX ? MAX_IMAGE_PX / img.width : 1;
  return new ImageRun({
    type: img.type,
    data: img.data,
    transformation: { width: Math.max(1, Math.round(img.width * scale)), height: Math.max(1, Math.round(img.height * scale)) },
    altText: { name: cleanText(img.alt).slice(0, 100) || 'image', description: cleanText(img.alt), title: cleanText(img.alt).slice(0, 100) },
  });
}
