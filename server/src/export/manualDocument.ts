/**
 * The service manual as an export document: every manual file of the workspace (the root file
 * first, then the others in path order) rendered from its Markdown, with a generated table of
 * contents and an appendix, the coverage matrix: which section addresses which indicator, and
 * what is uncovered.
 *
 * - The root file's first-level heading is the title on the cover, with the paragraphs before its
 *   first section (document number, version, approval); the root's other headings move up one
 *   level so that its sections stand beside the chapters of the other files.
 * - A section of the root titled 目录 / Contents (links to the other Markdown files) is left out:
 *   the generated table of contents takes its place.
 * - Each further file starts on a new page.
 */
import type { Heading as MdHeading, RootContent } from 'mdast';
import type { ManualAnalysis } from '../analysis/workspace';
import { itemTitle, localized, schemeName } from '../cli/i18n';
import { fixed } from '../cli/numbers';
import { BRACKET_TAG, COMMENT_TAG } from '../model/inlineSyntax';
import type { DocumentModel } from '../model/types';
import type { Scheme } from '../scheme/types';
import { cell, heading, para, text, type Block, type Cell, type ExportDocument, type ImageSpan } from './document';
import { label, type ExportLocale } from './labels';
import { MarkdownConverter, nodeText, parseMarkdown, type TagDisplay } from './markdown';
import { oneLine } from './text';

export interface ManualFile {
  /** Workspace-relative path (the key of the manual analysis). */
  rel: string;
  /** As shown to the user. */
  display: string;
  text: string;
  model: DocumentModel;
}

export interface ManualExportInput {
  /** The manual's files, root first. */
  files: ManualFile[];
  manual: ManualAnalysis;
  scheme: Scheme;
  locale: ExportLocale;
  tags: TagDisplay;
  generatedAt: string;
  /** An image linked from a file of the manual (see images.ts), or undefined. */
  resolveImage?: (fromRel: string, src: string, alt: string) => ImageSpan['image'] | undefined;
}

const CONTENTS_TITLE = /^(目录|目次|contents|table of contents)$/i;

export function manualDocument(x: ManualExportInput): ExportDocument {
  const L = x.locale;
  const t = (k: Parameters<typeof label>[0], args?: Record<string, string | number>) => label(k, L, args);
  const rootFile = x.files[0];
  const organisation = rootFile?.model.frontMatter.organisation ? oneLine(rootFile.model.frontMatter.organisation) : '';
  let title = '';
  const cover: Block[] = [];
  const body: Block[] = [{ kind: 'pageBreak' }, { kind: 'toc', title: t('toc') }];

  x.files.forEach((f, index) => {
    const root = parseMarkdown(f.text);
    let nodes: RootContent[] = root.children.filter((n) => n.type !== 'yaml');
    let shift = 0;
    if (index === 0) {
      const h1s = nodes.filter((n): n is MdHeading => n.type === 'heading' && n.depth === 1);
      const firstSection = nodes.findIndex((n) => n.type === 'heading' && n.depth >= 2);
      if (h1s.length === 1 && nodes.indexOf(h1s[0]) < (firstSection < 0 ? nodes.length : firstSection)) {
        title = oneLine(stripTags(nodeText(h1s[0])));
        const h1At = nodes.indexOf(h1s[0]);
        const preambleEnd = firstSection < 0 ? nodes.length : firstSection;
        cover.push(...converter(x, f, 0).blocks(nodes.slice(h1At + 1, preambleEnd)).map((b) => (b.kind === 'paragraph' ? { ...b, align: 'center' as const } : b)));
        nodes = nodes.slice(preambleEnd);
        shift = -1;
      }
      nodes = withoutContentsSection(nodes);
    }
    body.push({ kind: 'pageBreak' });
    body.push(...converter(x, f, shift).blocks(nodes));
  });

  body.push({ kind: 'pageBreak' });
  body.push(...coverageAppendix(x));

  const coverTitle = title || (organisation ? `${organisation} ${t('manualTitle')}` : t('manualTitle'));
  const c = x.manual.coverage;
  return {
    title: coverTitle,
    header: coverTitle,
    locale: L,
    cover: [
      para(coverTitle, 'title'),
      ...(organisation && !coverTitle.includes(organisation) ? [para(organisation, 'subtitle')] : []),
      ...cover,
      para(''),
      para(t('coverageSummary', { covered: c.coveredPoints.toFixed(2), total: c.totalPoints.toFixed(2), percent: fixed(c.percentByPoints), coveredCount: c.coveredCount, totalCount: c.totalCount }), 'note', 'center'),
      para(t('generatedBy', { date: x.generatedAt, file: rootFile?.display ?? '' }), 'note', 'center'),
    ],
    body,
    pageNumberFormat: t('pageNumber'),
    subject: `${schemeName(x.scheme, L)} · ${fixed(c.percentByPoints)}%`,
  };
}

function converter(x: ManualExportInput, f: ManualFile, headingShift: number): MarkdownConverter {
  return new MarkdownConverter({
    locale: x.locale,
    tags: x.tags,
    headingShift,
    resolveImage: x.resolveImage ? (src, alt) => x.resolveImage!(f.rel, src, alt) : undefined,
  });
}

/** The nodes without a section titled 目录 / Contents (its heading up to the next heading of the same or a higher level). */
function withoutContentsSection(nodes: RootContent[]): RootContent[] {
  const i = nodes.findIndex((n) => n.type === 'heading' && CONTENTS_TITLE.test(oneLine(nodeText(n))));
  if (i < 0) return nodes;
  const depth = (nodes[i] as MdHeading).depth;
  let end = i + 1;
  while (end < nodes.length && !(nodes[end].type === 'heading' && (nodes[end] as MdHeading).depth <= depth)) end++;
  return [...nodes.slice(0, i), ...nodes.slice(end)];
}

function stripTags(s: string): string {
  return s.replace(new RegExp(BRACKET_TAG.source, 'g'), '').replace(new RegExp(COMMENT_TAG.source, 'gi'), '').replace(/\s+/g, ' ').trim();
}

/** The coverage matrix: every item with where the manual addresses it, then the uncovered ones. */
function coverageAppendix(x: ManualExportInput): Block[] {
  const L = x.locale;
  const t = (k: Parameters<typeof label>[0], args?: Record<string, string | number>) => label(k, L, args);
  const c = x.manual.coverage;
  const files = new Map(x.files.map((f) => [f.rel, f]));
  const excluded = new Set(c.excluded.map((i) => i.id));
  const out: Block[] = [heading(1, t('coverageAppendix'))];
  out.push(para(t('coverageSummary', { covered: c.coveredPoints.toFixed(2), total: c.totalPoints.toFixed(2), percent: fixed(c.percentByPoints), coveredCount: c.coveredCount, totalCount: c.totalCount })));
  const rows: Cell[][] = [];
  let group = '';
  for (const item of x.scheme.items) {
    if (item.group !== group) {
      group = item.group;
      rows.push([cell(`${group} ${localized(x.scheme.groupById.get(group)?.title, L)}`, { emphasis: true, span: 5 })]);
    }
    const claims = x.manual.claims.get(item.id) ?? [];
    const places = [...new Set(claims.map((cl) => placeOf(files.get(cl.uri), cl.uri, cl.claim.range.start.line)))];
    const addressed = claims.some((cl) => cl.claim.addressed);
    const status = excluded.has(item.id) ? t('excluded') : addressed ? t('covered') : claims.length ? t('claimedEmpty') : t('uncovered');
    const bad = !excluded.has(item.id) && !addressed;
    rows.push([
      cell(item.id),
      cell(itemTitle(item, L)),
      cell(item.points, { align: 'center' }),
      cell(places.length ? places.flatMap((p, i) => (i ? [{ lineBreak: true as const }, text(p)] : [text(p)])) : '—'),
      cell([text(status, bad ? { tone: 'bad', bold: true } : {})], { align: 'center' }),
    ]);
  }
  out.push({
    kind: 'table',
    dense: true,
    widths: [11, 33, 7, 35, 14],
    header: [t('clause'), t('title'), t('points'), t('coveredBy'), t('status')].map((h) => cell(h)),
    rows,
  });
  out.push(heading(2, t('uncoveredList')));
  if (c.uncovered.length === 0) out.push(para(t('allCovered')));
  else
    out.push({
      kind: 'table',
      widths: [12, 8, 80],
      header: [t('clause'), t('points'), t('requirement')].map((h) => cell(h)),
      rows: c.uncovered.map((i) => [cell(i.id), cell(i.points, { align: 'center' }), cell(i.requirement)]),
    });
  return out;
}

/** "01-组织与资源.md › 售后服务管理师配置": the file and the heading above a line. */
function placeOf(f: ManualFile | undefined, uri: string, line: number): string {
  if (!f) return uri;
  let h: string | undefined;
  for (const hd of f.model.headings) {
    if (hd.range.start.line > line) break;
    h = hd.text;
  }
  const name = f.display.split('/').pop() ?? f.display;
  return h ? `${name} › ${stripTags(h)}` : name;
}
