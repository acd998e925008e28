/**
 * Import a manual (or report) from Word (.docx, written by Word or WPS), HTML or Markdown into
 * Markdown in the document language: `type:` front matter, headings (by style, or recognised
 * from bold / numbered paragraphs), nested lists, GFM tables (merged cells spread out), bold,
 * italic, links, footnotes, and images as files in `<name>.assets/`. Optionally with clause tags
 * suggested (and, when asked, inserted) by the suggestion engine.
 *
 * Everything is computed in memory and handed back; the caller writes it (CLI: through
 * io/outputFile, assets first, the Markdown last). Bad input rejects with `ImportError` (one
 * line); see inspect.ts for what is refused and why. Same input, same options → same bytes.
 */
import { createHash } from 'node:crypto';
import { decodeBytes } from '../io/decode';
import { parseDocument } from '../model';
import type { Scheme } from '../scheme/types';
import { DEFAULT_THRESHOLD, SuggestionEngine } from '../suggest/engine';
import { applyTagEdits, planTagEdits, suggestDocument, type SectionSuggestions } from '../suggest/sections';
import { DEFAULT_LIMITS, ImportError, inspectDocx, sniffInput, type ImportLimits, type InputKind } from './inspect';
import { htmlToMarkdown, markdownToMarkdown, type MarkdownStats } from './markdown';

export { ImportError, DEFAULT_LIMITS, type ImportLimits } from './inspect';

export type ImportStage = 'checking' | 'converting' | 'markdown' | 'suggesting' | 'done';

export interface ImportOptions {
  /** Name of the input, for messages and the kind of text input (`.html`, `.md`). */
  fileName: string;
  /** `type:` written into the front matter. */
  type?: 'manual' | 'audit';
  /** Folder name (relative to the Markdown file) the images go into, e.g. `手册.assets`. */
  assetsDir: string;
  /** `none`: no tags; `suggest`: suggestions returned, none written; `insert`: confident ones written into headings. */
  tags?: 'none' | 'suggest' | 'insert';
  threshold?: number;
  scheme: Scheme;
  limits?: ImportLimits;
  /** Images an HTML page refers to by a relative path: the caller reads them (or not: undefined). */
  readLocalImage?: (src: string) => Uint8Array | undefined;
  onProgress?: (stage: ImportStage) => void;
}

export interface ImportedAsset {
  /** File name inside the assets folder. */
  name: string;
  bytes: Uint8Array;
}

export interface ImportResult {
  kind: InputKind;
  markdown: string;
  assets: ImportedAsset[];
  stats: MarkdownStats;
  /** Suggestions over the imported text (with `tags: suggest | insert`), line numbers of `markdown`. */
  suggestions: SectionSuggestions[];
  /** Tags written (with `tags: insert`). */
  inserted: number;
  /** What the converter could not carry over (one line each). */
  warnings: string[];
}

const IMAGE_EXT: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/x-bmp': 'bmp',
  'image/tiff': 'tif',
  'image/svg+xml': 'svg',
  'image/webp': 'webp',
  'image/x-emf': 'emf',
  'image/x-wmf': 'wmf',
  'image/emf': 'emf',
  'image/wmf': 'wmf',
};

/** Word heading styles under the names WPS and a Chinese Word give them, besides mammoth's defaults; tables of contents dropped. */
const STYLE_MAP = [
  ...[1, 2, 3, 4, 5, 6].flatMap((n) => [`p[style-name='标题 ${n}'] => h${n}:fresh`, `p[style-name='标题${n}'] => h${n}:fresh`]),
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='标题'] => h1:fresh",
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`p[style-name='toc ${n}'] => !`, `p[style-name='TOC ${n}'] => !`, `p[style-name='目录 ${n}'] => !`]),
  "p[style-name='TOC Heading'] => !",
  "p[style-name='目录标题'] => !",
];

function assetName(bytes: Uint8Array, contentType: string): string {
  const ext = IMAGE_EXT[contentType.toLowerCase()] ?? 'bin';
  return `image-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${ext}`;
}

/** A link path segment: spaces and parentheses break Markdown destinations, so encode them. */
function linkPath(dir: string, name: string): string {
  return `${encodeURI(dir).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}/${name}`;
}

async function docxToHtml(bytes: Uint8Array, o: ImportOptions, assets: Map<string, ImportedAsset>, warnings: string[]): Promise<string> {
  o.onProgress?.('checking');
  await inspectDocx(bytes, o.fileName, o.limits ?? DEFAULT_LIMITS);
  o.onProgress?.('converting');
  // Loaded here: the language server and the rest of the CLI never need it.
  const mammoth = (await import('mammoth')).default ?? (await import('mammoth'));
  let result: { value: string; messages: { type: string; message: string }[] };
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        externalFileAccess: false,
        ignoreEmptyParagraphs: true,
        convertImage: mammoth.images.imgElement(async (image) => {
          const data = new Uint8Array(await image.readAsBuffer());
          const name = assetName(data, image.contentType ?? '');
          assets.set(name, { name, bytes: data });
          return { src: linkPath(o.assetsDir, name) };
        }),
      },
    );
  } catch (e) {
    throw new ImportError(`${o.fileName} cannot be converted: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
  for (const m of result.messages) {
    // Unrecognised styles are normal (every custom paragraph style); the rest is worth a line.
    if (m.type === 'warning' && /unrecognised (paragraph|run|table) style/i.test(m.message)) continue;
    warnings.push(m.message.split('\n')[0]);
  }
  return result.value;
}

const DATA_URI = /^data:(image\/[a-z0-9.+-]+);base64,([a-z0-9+/=\s]+)$/i;
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;

/** An HTML page's images: data: URIs and files beside it become assets; remote ones are refused. */
function htmlImages(html: string, o: ImportOptions, assets: Map<string, ImportedAsset>): string {
  return html.replace(/(<img\b[^>]*?\bsrc\s*=\s*)(["'])([^"']*)\2/gi, (whole, pre: string, q: string, src: string) => {
    const s = src.trim();
    const data = DATA_URI.exec(s);
    let bytes: Uint8Array | undefined;
    let type = '';
    if (data) {
      bytes = Buffer.from(data[2].replace(/\s+/g, ''), 'base64');
      type = data[1];
    } else if (REMOTE.test(s) || /^[a-z][a-z0-9+.-]*:/i.test(s)) {
      throw new ImportError(`${o.fileName} shows a picture from ${s.length > 80 ? `${s.slice(0, 80)}…` : s}, which is never fetched: save the page with its pictures ("web page, complete") and import it again`);
    } else {
      bytes = o.readLocalImage?.(decodeURIComponent(s.split(/[?#]/)[0]));
      const ext = /\.([a-z0-9]+)$/i.exec(s.split(/[?#]/)[0])?.[1]?.toLowerCase() ?? '';
      type = Object.keys(IMAGE_EXT).find((k) => IMAGE_EXT[k] === (ext === 'jpeg' ? 'jpg' : ext)) ?? '';
      if (!bytes) return `${pre}${q}${q}`;
    }
    const name = assetName(bytes, type);
    assets.set(name, { name, bytes });
    return `${pre}${q}${linkPath(o.assetsDir, name)}${q}`;
  });
}

function frontMatterFor(type: 'manual' | 'audit', existing: string | undefined): string {
  if (existing === undefined) return `---\ntype: ${type}\n---\n\n`;
  const hasType = /^(type|类型|文档类型)\s*[:：]/m.test(existing);
  return `---\n${hasType ? existing : `type: ${type}\n${existing}`}\n---\n\n`;
}

export async function importDocument(bytes: Uint8Array, o: ImportOptions): Promise<ImportResult> {
  const limits = o.limits ?? DEFAULT_LIMITS;
  const kind = sniffInput(bytes, o.fileName, limits);
  const assets = new Map<string, ImportedAsset>();
  const warnings: string[] = [];
  let body: string;
  let stats: MarkdownStats;
  let existingFrontMatter: string | undefined;
  if (kind === 'docx') {
    const html = await docxToHtml(bytes, o, assets, warnings);
    o.onProgress?.('markdown');
    ({ markdown: body, stats } = htmlToMarkdown(html));
  } else {
    o.onProgress?.('checking');
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) throw new ImportError(`${o.fileName} cannot be read: ${decoded.reason}`);
    o.onProgress?.('markdown');
    if (kind === 'html') {
      ({ markdown: body, stats } = htmlToMarkdown(htmlImages(decoded.text, o, assets)));
    } else {
      ({ markdown: body, stats, frontMatter: existingFrontMatter } = markdownToMarkdown(decoded.text));
    }
  }
  let markdown = frontMatterFor(o.type ?? 'manual', existingFrontMatter) + body;

  let suggestions: SectionSuggestions[] = [];
  let inserted = 0;
  const tags = o.tags ?? 'suggest';
  if (tags !== 'none') {
    o.onProgress?.('suggesting');
    const threshold = o.threshold ?? DEFAULT_THRESHOLD;
    const model = parseDocument(markdown, o.scheme);
    suggestions = suggestDocument(new SuggestionEngine(o.scheme), model, markdown, { threshold });
    if (tags === 'insert') {
      const edits = planTagEdits(model, markdown, suggestions, threshold);
      inserted = edits.length;
      markdown = applyTagEdits(markdown, edits);
    }
  }
  o.onProgress?.('done');
  const sortedAssets = [...assets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { kind, markdown, assets: sortedAssets, stats, suggestions, inserted, warnings };
}
