/**
 * Suggestions for a whole manual file: its sections (each heading with its own text, up to the
 * next heading of any level), what each is tagged with, and what the engine suggests for it.
 * Plus the edits that write the confident ones into the headings (`--apply`, `import --tags
 * insert`, the editor's "suggest for this file" and quick fixes all use them). Pure.
 */
import type { DocumentModel, Heading, Range } from '../model/types';
import { LineIndex } from '../model/lines';
import { compareClauseIds } from '../scheme/clauseId';
import { confidentSuggestions, DEFAULT_THRESHOLD, type SectionText, type SuggestionEngine, type Suggestion } from './engine';
import { stripMarkdown } from './text';

export interface SectionOfText {
  heading: Heading;
  /** The heading's text without its tags. */
  title: string;
  /** The section's own text: after the heading, up to the next heading. */
  body: string;
  /** Offsets of the section's own text (heading start → next heading start). */
  start: number;
  end: number;
  /** Item IDs tagged in the heading or in the section's own text. */
  tags: string[];
  /** Sub-sections follow (the next heading is deeper). */
  parent: boolean;
}

export interface SectionSuggestions {
  /** 0-based line of the heading. */
  line: number;
  title: string;
  headingRange: Range;
  tags: string[];
  /**
   * Untagged: the best items, up to three. Tagged: empty, unless the text fits another item much
   * better (`misfit`), then the items it fits better.
   */
  suggestions: Suggestion[];
  /** Tagged, but the text fits another item much better ("tag may be wrong"). */
  misfit: boolean;
}

export interface SuggestOptions {
  /** Confidence at or above which a suggestion is applied or shown as confident. */
  threshold?: number;
  /** Suggestions below this confidence are not listed at all (default 0.15). */
  floor?: number;
}

/** A tagged section "fits another item much better" when that item's evidence is this many times the tagged items'. */
export const MISFIT_FACTOR = 3;
const DEFAULT_FLOOR = 0.15;
const TAG_IN_HEADING = /\s*(?:[[【]\s*[0-9０-９][0-9０-９.．,，、\s\-–~～]*[\]】]|<!--[\s\S]*?-->)\s*/g;

/** Sections of a document (every heading), in order, with their own text and tags. */
export function sectionsOf(model: DocumentModel, text: string): SectionOfText[] {
  const headings = model.headings;
  const out: SectionOfText[] = [];
  let t = 0;
  const tags = model.tags;
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    const end = i + 1 < headings.length ? headings[i + 1].span.start : text.length;
    const ids = new Set<string>();
    while (t < tags.length && tags[t].span.start < h.span.start) t++;
    for (let j = t; j < tags.length && tags[j].span.start < end; j++) {
      for (const r of tags[j].refs) if (r.kind === 'item') ids.add(r.id);
    }
    out.push({
      heading: h,
      title: h.text.replace(TAG_IN_HEADING, ' ').replace(/\s+/g, ' ').trim(),
      body: text.slice(h.span.end, end),
      start: h.span.start,
      end,
      tags: [...ids].sort(compareClauseIds),
      parent: i + 1 < headings.length && headings[i + 1].level > h.level,
    });
  }
  return out;
}

/** Whether a section says anything (a heading followed only by sub-headings or blank lines does not). */
function hasText(body: string): boolean {
  return /[\p{L}\p{N}]/u.test(stripMarkdown(body));
}

export interface SectionSuggestOptions extends SuggestOptions {
  /** Items never suggested (claimed by the front matter). */
  exclude?: ReadonlySet<string>;
  /** Ranks a section (default: the engine's `rank`; the server passes a cached one). */
  rank?: (section: SectionText, limit: number) => Suggestion[];
}

export function suggestSection(engine: SuggestionEngine, section: SectionOfText, options: SectionSuggestOptions = {}): SectionSuggestions | undefined {
  if (!hasText(section.body)) return undefined;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const floor = Math.min(options.floor ?? DEFAULT_FLOOR, threshold);
  const limit = 3 + section.tags.length + (options.exclude?.size ?? 0);
  const text: SectionText = { heading: section.title, body: section.body, overview: section.parent };
  const ranked = options.rank ? options.rank(text, limit) : engine.rank(text, limit);
  const base = { line: section.heading.range.start.line, title: section.title, headingRange: section.heading.range, tags: section.tags };
  const open = ranked.filter((s) => !section.tags.includes(s.id) && !options.exclude?.has(s.id));
  if (section.tags.length === 0) return { ...base, suggestions: open.filter((s) => s.confidence >= floor).slice(0, 3), misfit: false };
  // Tagged: say so only when another item fits much better than every tagged one.
  const best = open[0];
  const taggedScore = Math.max(0, ...ranked.filter((s) => section.tags.includes(s.id)).map((s) => s.score));
  const misfit = best !== undefined && ranked[0] === best && best.confidence >= threshold && best.score >= MISFIT_FACTOR * taggedScore;
  return { ...base, suggestions: misfit ? open.filter((s) => s.confidence >= threshold).slice(0, 3) : [], misfit };
}

/**
 * Suggestions for every section that has text, in document order. Not suggested: items the front
 * matter claims; items a sub-section is already tagged with (the parent's text introduces it);
 * anything for a heading numbered with one of the scheme's group IDs (`5.1.4 规范要求` follows
 * the standard's structure: a container, tagged by its sub-sections).
 */
export function suggestDocument(
  engine: SuggestionEngine,
  model: DocumentModel,
  text: string,
  options: Omit<SectionSuggestOptions, 'exclude'> & {
    /** Results by section text, tags and exclusions (the server keeps one per scheme: an edit re-ranks only its section). */
    memo?: Map<string, Omit<SectionSuggestions, 'line' | 'headingRange'> | null>;
  } = {},
): SectionSuggestions[] {
  const claimed = model.frontMatter.clauses.filter((r) => r.kind === 'item').map((r) => r.id);
  const scheme = engine.scheme;
  const out: SectionSuggestions[] = [];
  const sections = sectionsOf(model, text);
  sections.forEach((section, i) => {
    const groupNumber = /^\s*([0-9]+(?:\.[0-9]+)+)(?=\s|$)/.exec(section.title.normalize('NFKC').replace(/．/g, '.'));
    if (groupNumber && scheme.groupById.has(groupNumber[1]) && section.tags.length === 0) return;
    const exclude = new Set(claimed);
    for (let j = i + 1; j < sections.length && sections[j].heading.level > section.heading.level; j++) for (const id of sections[j].tags) exclude.add(id);
    const memo = options.memo;
    const key = memo ? `${options.threshold ?? ''}\u0000${section.parent ? 1 : 0}\u0000${[...exclude].join(',')}\u0000${section.tags.join(',')}\u0000${section.title}\u0000${section.body}` : '';
    const known = memo?.get(key);
    if (known !== undefined) {
      if (known) out.push({ ...known, line: section.heading.range.start.line, headingRange: section.heading.range });
      return;
    }
    const s = suggestSection(engine, section, { ...options, exclude });
    memo?.set(key, s ? { title: s.title, tags: s.tags, suggestions: s.suggestions, misfit: s.misfit } : null);
    if (s) out.push(s);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing tags into headings

export interface TagEdit {
  /** Offsets into the text (insertion: start === end). */
  start: number;
  end: number;
  newText: string;
  /** LSP range of the same span. */
  range: Range;
  /** 0-based line of the heading, and the IDs written. */
  line: number;
  ids: string[];
}

/** `[5.1.2.1, 5.1.2.2]`, or `【5.1.2.1、5.1.2.2】` in a document whose tags are mostly full-width. */
export function tagText(ids: readonly string[], fullWidth: boolean): string {
  return fullWidth ? `【${ids.join('、')}】` : `[${ids.join(', ')}]`;
}

export function prefersFullWidth(model: DocumentModel): boolean {
  let full = 0;
  let half = 0;
  for (const t of model.tags) {
    if (t.form === 'fullwidth-bracket') full++;
    else if (t.form === 'bracket') half++;
  }
  return full > half;
}

/** Where a tag goes in a heading: after its text on the first line, before an ATX closing sequence. */
export function headingInsertOffset(text: string, heading: Heading): number {
  const lineEnd = text.slice(heading.span.start, heading.span.end).search(/\r?\n|\r/);
  let end = lineEnd >= 0 ? heading.span.start + lineEnd : heading.span.end;
  const line = text.slice(heading.span.start, end);
  const closing = /(?:[ \t]+#+)?[ \t]*$/.exec(line);
  if (closing && /^#/.test(line)) end -= closing[0].length;
  else end -= /[ \t]*$/.exec(line)![0].length;
  return end;
}

/** The edit that adds `ids` as a tag at the end of a heading. */
export function headingTagEdit(text: string, lines: LineIndex, heading: Heading, ids: readonly string[], fullWidth: boolean): TagEdit {
  const at = headingInsertOffset(text, heading);
  const pos = lines.position(at);
  return { start: at, end: at, newText: ` ${tagText(ids, fullWidth)}`, range: { start: pos, end: pos }, line: heading.range.start.line, ids: [...ids] };
}

/** One edit per untagged section with a confident suggestion (see `confidentSuggestions`). */
export function planTagEdits(model: DocumentModel, text: string, suggested: readonly SectionSuggestions[], threshold: number = DEFAULT_THRESHOLD): TagEdit[] {
  const lines = new LineIndex(text);
  const fullWidth = prefersFullWidth(model);
  const byLine = new Map(model.headings.map((h) => [h.range.start.line, h]));
  const out: TagEdit[] = [];
  for (const s of suggested) {
    if (s.tags.length > 0) continue;
    const ids = confidentSuggestions(s.suggestions, threshold)
      .map((x) => x.id)
      .sort(compareClauseIds);
    const heading = byLine.get(s.line);
    if (ids.length === 0 || !heading) continue;
    out.push(headingTagEdit(text, lines, heading, ids, fullWidth));
  }
  return out;
}

/** The text with the edits applied (edits must not overlap). */
export function applyTagEdits(text: string, edits: readonly TagEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
