/**
 * An export document as one self-contained HTML page: the same chapters as the Word file, set
 * for A4 when printed (`@page`), a linked table of contents, images inline as data URIs. No
 * script at all, and a Content-Security-Policy that allows none; every text is escaped.
 */
import type * as D from './document';
import { tocEntries } from './document';
import { cleanText, escapeHtml } from './text';

const MIME: Record<D.ImageSpan['image']['type'], string> = { png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif', bmp: 'image/bmp' };

const CSS = `
@page { size: A4; margin: 25mm 23mm; }
body { font-family: "Times New Roman", "SimSun", "宋体", "Noto Serif CJK SC", serif; font-size: 10.5pt; line-height: 1.5; color: #000; max-width: 170mm; margin: 2em auto; }
h1, h2, h3, h4, h5, h6, .title, .subtitle, .toc-title { font-family: Arial, "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; font-weight: normal; }
h1 { font-size: 16pt; margin-top: 1.6em; } h2 { font-size: 14pt; margin-top: 1.3em; } h3 { font-size: 12pt; }
.title { font-size: 22pt; text-align: center; margin: 3em 0 1em; } .subtitle { font-size: 15pt; text-align: center; }
.cover { page-break-after: always; } .toc { page-break-after: always; } .toc-title { text-align: center; font-size: 16pt; }
.toc ol { list-style: none; padding: 0; } .toc li.l2 { padding-left: 2em; } .toc a { color: inherit; text-decoration: none; }
table { border-collapse: collapse; width: 100%; margin: .6em 0; page-break-inside: auto; }
th, td { border: 1px solid #808080; padding: 2px 5px; vertical-align: middle; text-align: left; }
th { background: #e7e6e6; } td.em { background: #f2f2f2; font-weight: bold; }
table.dense { font-size: 9pt; } table.form td:first-child { width: 28%; }
tr { page-break-inside: avoid; } thead { display: table-header-group; }
.note { font-size: 9pt; color: #595959; } .quote { margin-left: 2em; border-left: 3px solid #bfbfbf; padding-left: .6em; color: #404040; }
.code, code { font-family: "Courier New", monospace; font-size: 9pt; } .code { background: #f5f5f5; padding: .4em; white-space: pre-wrap; }
.discreet { font-size: 8pt; color: #8c8c8c; } .good { color: #2e7d32; } .bad { color: #c00000; }
.center { text-align: center; } .right { text-align: right; } .page-break { page-break-before: always; }
img { max-width: 100%; }
`;

export function renderHtml(doc: D.ExportDocument): string {
  const ids = new Map<D.Heading, string>();
  tocEntries(doc.body).forEach((h, i) => ids.set(h, `h${i + 1}`));
  const r = new HtmlWriter(ids);
  const cover = doc.cover.map((b) => r.block(b)).join('\n');
  const body = doc.body.map((b) => r.block(b)).join('\n');
  const lang = doc.locale === 'zh' ? 'zh-CN' : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="generator" content="${escapeHtml(doc.creator ?? 'gbt27922')}">
<title>${escapeHtml(cleanText(doc.title))}</title>
<style>${CSS}</style>
</head>
<body>
<section class="cover">
${cover}
</section>
${body}
</body>
</html>
`;
}

class HtmlWriter {
  constructor(private readonly ids: Map<D.Heading, string>) {}

  block(b: D.Block): string {
    switch (b.kind) {
      case 'heading': {
        const id = this.ids.get(b);
        return `<h${b.level}${id ? ` id="${id}"` : ''}>${this.inlines(b.content)}</h${b.level}>`;
      }
      case 'paragraph': {
        const cls = [b.style ?? '', b.align && b.align !== 'left' ? b.align : ''].filter(Boolean).join(' ');
        return `<p${cls ? ` class="${cls}"` : ''}>${this.inlines(b.content)}</p>`;
      }
      case 'list': {
        const tag = b.ordered ? 'ol' : 'ul';
        const start = b.ordered && b.start !== undefined && b.start !== 1 ? ` start="${Math.trunc(b.start)}"` : '';
        return `<${tag}${start}>${b.items.map((item) => `<li>${item.map((c) => this.block(c)).join('')}</li>`).join('')}</${tag}>`;
      }
      case 'table':
        return this.table(b);
      case 'toc': {
        const items = [...this.ids].map(([h, id]) => `<li class="l${h.level}"><a href="#${id}">${this.inlines(h.content)}</a></li>`).join('');
        return `<nav class="toc"><p class="toc-title">${escapeHtml(cleanText(b.title))}</p><ol>${items}</ol></nav>`;
      }
      case 'pageBreak':
        return '<div class="page-break"></div>';
    }
  }

  private table(t: D.Table): string {
    const total = t.widths.reduce((a, b) => a + b, 0) || 1;
    const cols = `<colgroup>${t.widths.map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`).join('')}</colgroup>`;
    const cellHtml = (c: D.Cell, tag: 'th' | 'td') => {
      const cls = [c.emphasis ? 'em' : '', c.align && c.align !== 'left' ? c.align : ''].filter(Boolean).join(' ');
      const span = c.span && c.span > 1 ? ` colspan="${Math.trunc(c.span)}"` : '';
      const inner = c.content.map((b) => (b.kind === 'paragraph' && !b.style ? this.inlines(b.content) : this.block(b))).join('<br>');
      return `<${tag}${span}${cls ? ` class="${cls}"` : ''}>${inner}</${tag}>`;
    };
    const head = t.header ? `<thead><tr>${t.header.map((c) => cellHtml(c, 'th')).join('')}</tr></thead>` : '';
    const rows = t.rows.map((r) => `<tr>${r.map((c) => cellHtml(c, 'td')).join('')}</tr>`).join('');
    const cls = [t.dense ? 'dense' : '', t.layout === 'form' ? 'form' : ''].filter(Boolean).join(' ');
    return `<table${cls ? ` class="${cls}"` : ''}>${cols}${head}<tbody>${rows}</tbody></table>`;
  }

  inlines(content: readonly D.Inline[]): string {
    return content
      .map((i) => {
        if ('lineBreak' in i) return '<br>';
        if ('image' in i) {
          const src = `data:${MIME[i.image.type]};base64,${Buffer.from(i.image.data).toString('base64')}`;
          return `<img src="${src}" alt="${escapeHtml(cleanText(i.image.alt))}" width="${Math.trunc(i.image.width)}">`;
        }
        let h = escapeHtml(cleanText(i.text)).replace(/\n/g, '<br>');
        if (i.code) h = `<code>${h}</code>`;
        if (i.bold) h = `<strong>${h}</strong>`;
        if (i.italic) h = `<em>${h}</em>`;
        if (i.strike) h = `<s>${h}</s>`;
        if (i.discreet) h = `<span class="discreet">${h}</span>`;
        if (i.tone) h = `<span class="${i.tone}">${h}</span>`;
        if (i.link) h = `<a href="${escapeHtml(i.link)}" rel="noopener noreferrer">${h}</a>`;
        return h;
      })
      .join('');
  }
}
