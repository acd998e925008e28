/**
 * Helpers shared by the feature modules: positions, finding the clause reference under the
 * cursor, localised labels, Markdown escaping, the language a document is written in, and the
 * outline of headings. Pure functions of the document model and text.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';
import type { AuditEntry, ClauseRef, ClauseTag, DocumentModel, Heading } from '../model/types';
import type { ClauseGroup, ClauseItem, LocalizedText, Scheme } from '../scheme/types';
import type { Locale } from '../model/problems';
import type { FeatureContext } from './context';
import { compareClauseIds } from '../scheme/clauseId';
import { Rational, sum } from '../analysis/rational';

// ---------------------------------------------------------------------------------------------
// Positions

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Whether `pos` lies in `range` (both ends inclusive, so the cursor right after a tag counts). */
export function rangeContains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

export function rangesEqual(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) <= 0 && comparePositions(b.start, a.end) <= 0;
}

/** A text document over the context's text of `uri` (offset ↔ position, line text). */
export function textDocument(ctx: FeatureContext, uri: string): TextDocument | undefined {
  const text = ctx.text(uri);
  return text === undefined ? undefined : TextDocument.create(uri, 'markdown', 0, text);
}

/** The text of line `line` without its line break. */
export function lineText(doc: TextDocument, line: number): string {
  if (line < 0 || line >= doc.lineCount) return '';
  const text = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  return text.replace(/\r?\n$|\r$/, '');
}

/** The position at the end of line `line` (before its line break). */
export function lineEnd(doc: TextDocument, line: number): Position {
  return { line, character: lineText(doc, line).length };
}

// ---------------------------------------------------------------------------------------------
// The clause reference under the cursor

export interface RefAt {
  id: string;
  /** Where the ID is written (for ranges `a-b`, the whole `a-b`). */
  range: Range;
  raw: string;
  kind: ClauseRef['kind'];
  /** The tag it is in (undefined for front-matter `not-applicable:` keys). */
  tag?: ClauseTag;
  /** The audit entry whose leading tag (or score) this is. */
  entry?: AuditEntry;
  where: 'tag' | 'front-matter' | 'entry-score';
}

/**
 * The clause reference at `pos`: a tag in any form (the ID itself, or anywhere in a one-ID tag
 * including its brackets), a front-matter `clauses:` or `not-applicable:` entry, or an audit
 * entry's score (which stands for the entry's item).
 */
export function refAt(model: DocumentModel, pos: Position, scheme?: Scheme): RefAt | undefined {
  const entryFor = (tag: ClauseTag) => model.entries.find((e) => e.tag === tag || rangesEqual(e.tag.range, tag.range));
  for (const tag of model.tags) {
    if (!rangeContains(tag.range, pos)) continue;
    const direct = rangeRefAt(tag.refs.filter((r) => rangeContains(r.range, pos)), pos);
    const ref = direct ?? (tag.refs.length === 1 ? tag.refs[0] : undefined);
    if (ref) return { id: ref.id, range: ref.range, raw: ref.raw, kind: ref.kind, tag, entry: entryFor(tag), where: 'tag' };
  }
  for (const e of model.entries) {
    if (rangeContains(e.tag.range, pos)) {
      const ref = e.tag.refs.find((r) => r.id === e.itemId) ?? e.tag.refs[0];
      if (ref) return { id: ref.id, range: ref.range, raw: ref.raw, kind: ref.kind, tag: e.tag, entry: e, where: 'tag' };
    }
    if (e.scoreRange && rangeContains(e.scoreRange, pos)) {
      const ref = e.tag.refs.find((r) => r.id === e.itemId) ?? e.tag.refs[0];
      return { id: e.itemId, range: e.scoreRange, raw: ref?.raw ?? e.itemId, kind: ref?.kind ?? 'item', tag: e.tag, entry: e, where: 'entry-score' };
    }
  }
  for (const ref of model.frontMatter.clauses) {
    if (rangeContains(ref.range, pos)) return { id: ref.id, range: ref.range, raw: ref.raw, kind: ref.kind, where: 'front-matter' };
  }
  for (const na of model.frontMatter.notApplicable) {
    if (rangeContains(na.range, pos)) {
      const kind: ClauseRef['kind'] = scheme?.itemById.has(na.itemId) ? 'item' : scheme?.groupById.has(na.itemId) ? 'group' : 'unknown';
      return { id: na.itemId, range: na.range, raw: na.itemId, kind, where: 'front-matter' };
    }
  }
  return undefined;
}

/**
 * Of the refs under the cursor, the one it points at: the expanded IDs of a range `a-b` share the
 * range of the whole `a-b`, so the cursor on `a` (or the dash) means the first, on `b` the last.
 */
function rangeRefAt(refs: ClauseRef[], pos: Position): ClauseRef | undefined {
  if (refs.length <= 1) return refs[0];
  const first = refs[0];
  const dash = first.raw.search(/[-\u2013~\uFF5E]/);
  if (dash < 0 || first.range.start.line !== pos.line) return first;
  return pos.character - first.range.start.character > dash ? refs[refs.length - 1] : first;
}

/** Every reference to `id` in a model, in document order, without duplicates. */
export function refsOf(model: DocumentModel, id: string): { range: Range; tag?: ClauseTag; context: ClauseTag['context'] | 'not-applicable' }[] {
  const out: { range: Range; tag?: ClauseTag; context: ClauseTag['context'] | 'not-applicable' }[] = [];
  const seen = new Set<string>();
  const add = (range: Range, context: ClauseTag['context'] | 'not-applicable', tag?: ClauseTag) => {
    const key = `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ range, tag, context });
  };
  for (const ref of model.frontMatter.clauses) if (ref.id === id) add(ref.range, 'front-matter');
  for (const na of model.frontMatter.notApplicable) if (na.itemId === id) add(na.range, 'not-applicable');
  for (const tag of model.tags) for (const ref of tag.refs) if (ref.id === id) add(ref.range, tag.context, tag);
  for (const e of model.entries) for (const ref of e.tag.refs) if (ref.id === id) add(ref.range, e.tag.context, e.tag);
  out.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Words

/** Pick the Chinese or English label. */
export function l(locale: Locale, zh: string, en: string): string {
  return locale === 'zh' ? zh : en;
}

/** A localised text in `locale`, falling back to the other language. */
export function localized(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'zh' ? text.zh ?? text.en : text.en ?? text.zh) ?? '';
}

/** Short title of an item: the scheme's title in `locale`; for Chinese without a Chinese title, the requirement shortened. */
export function itemTitle(item: ClauseItem, locale: Locale): string {
  if (locale === 'zh') return item.title.zh ?? shorten(item.requirement, 28);
  return item.title.en ?? item.title.zh ?? shorten(item.requirement, 28);
}

export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1).trimEnd() + '…';
}

export function groupTitle(group: ClauseGroup | undefined, locale: Locale): string {
  return group ? localized(group.title, locale) : '';
}

/** `5.1 售后服务体系 › 5.1.2 人员配置` for an item or group ID. */
export function groupPath(scheme: Scheme, id: string, locale: Locale): string {
  const parts: string[] = [];
  const segs = id.split('.');
  for (let n = 2; n < segs.length; n++) {
    const gid = segs.slice(0, n).join('.');
    const g = scheme.groupById.get(gid);
    if (g) parts.push(`${gid} ${groupTitle(g, locale)}`.trim());
  }
  return parts.join(' › ');
}

/** Items of a group (first- or second-level), in clause order. */
export function itemsOfGroup(scheme: Scheme, groupId: string): ClauseItem[] {
  return scheme.items.filter((it) => it.group === groupId || it.section === groupId);
}

export function pointsOfGroup(scheme: Scheme, groupId: string): Rational {
  return sum(itemsOfGroup(scheme, groupId).map((it) => Rational.parse(it.points) ?? Rational.ZERO));
}

/** `5 分` / `5 points` (`1 point`). */
export function pointsLabel(points: string, locale: Locale): string {
  if (locale === 'zh') return `${points} 分`;
  return `${points} ${points === '1' ? 'point' : 'points'}`;
}

/** Escape Markdown syntax in document- or scheme-derived text shown in a Markdown hover. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~&]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** For a table cell: escape and keep on one line. */
export function escapeCell(text: string): string {
  return escapeMarkdown(text);
}

/** Heading text without its clause tags (`[5.1.2] 人员配置` → `人员配置`). */
export function stripTags(text: string): string {
  return text
    .replace(/[[【]\s*[0-9０-９][0-9０-９.．。,，、\s\-–~～]*[\]】]/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN = /[A-Za-z]/g;

/**
 * The language a document is written in, for text the tool inserts (`证据：` or `Evidence: `):
 * an explicit evidence marker decides, else the share of Chinese characters; an empty
 * document follows the UI locale.
 */
export function documentLanguage(text: string | undefined, fallback: Locale): Locale {
  if (!text) return fallback;
  if (/证据\s*[:：]/.test(text)) return 'zh';
  if (/\bEvidence\s*:/i.test(text)) return 'en';
  const body = text.replace(/^---[\s\S]*?\n---/, '');
  const cjk = (body.match(CJK) ?? []).length;
  const latin = (body.match(LATIN) ?? []).length;
  if (cjk === 0 && latin === 0) return fallback;
  return cjk * 4 >= latin ? 'zh' : 'en';
}

/** The last path segment of a URI, decoded. */
export function baseName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const seg = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

/** A link to a place in a file that VS Code opens at the line (`file:///x.md#L12`). */
export function locationLink(uri: string, range: Range): string {
  return `${uri.replace(/#.*$/, '')}#L${range.start.line + 1}`;
}

// ---------------------------------------------------------------------------------------------
// Outline

/** The heading that a position falls under (the last heading starting at or before it). */
export function headingBefore(model: DocumentModel, pos: Position): Heading | undefined {
  let found: Heading | undefined;
  for (const h of model.headings) {
    if (comparePositions(h.range.start, pos) <= 0) found = h;
    else break;
  }
  return found;
}

/** Sort clause IDs in clause order (numeric). */
export function sortIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareClauseIds);
}

/** Known clause IDs in a tag (items and groups, unknown IDs left out). */
export function knownIds(tag: ClauseTag): string[] {
  return tag.refs.filter((r) => r.kind !== 'unknown').map((r) => r.id);
}

/** Item of an audit entry's score in points and percent, as shown in hints and hovers. */
export function formatScore(
  points: Rational,
  result: { state: 'scored' | 'not-applicable' | 'unscored'; earned: Rational; percent?: Rational; reason?: string },
  locale: Locale,
): string {
  if (result.state === 'not-applicable') return l(locale, '不适用', 'N/A') + (result.reason ? l(locale, `：${result.reason}`, `: ${result.reason}`) : '');
  if (result.state === 'unscored') return l(locale, '未评分', 'not scored');
  const percent = result.percent?.toFixed(2) ?? '0';
  return `${percent}% → ${result.earned.toFixed(2)} / ${points.toFixed(2)} ${l(locale, '分', points.eq(Rational.ONE) ? 'point' : 'points')}`;
}
