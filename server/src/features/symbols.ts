/**
 * Document symbols: the heading hierarchy (each heading's range runs to the end of its section),
 * tagged headings named by their clause IDs (`5.1.2 人员配置`) with the points they carry; under
 * them, tagged blocks of a manual and the entries of a report (`5.1.2.2 …`, score in the detail)
 * and special deductions/bonuses.
 *
 * Workspace symbols: every tagged section, tagged block and audit entry across all files of all
 * workspaces, matched against the query by ID (full-width digits normalised), title (zh and en)
 * and heading text: each space-separated term contained, or (unless the query is a clause number)
 * the query's characters in order.
 */
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams, type Range, type SymbolInformation, type WorkspaceSymbolParams } from 'vscode-languageserver';
import type { FeatureContext } from './context';
import type { DocumentModel, Heading } from '../model/types';
import type { Scheme } from '../scheme/types';
import type { Locale } from '../model/problems';
import type { AuditAnalysis } from '../analysis/workspace';
import { normalizeClauseId } from '../scheme/clauseId';
import { sum } from '../analysis/rational';
import { itemPoints } from '../analysis/scoring';
import { baseName, comparePositions, formatScore, itemTitle, knownIds, l, pointsLabel, rangeContains, stripTags } from './util';

export function documentSymbols(ctx: FeatureContext, params: DocumentSymbolParams): DocumentSymbol[] | null {
  const uri = params.textDocument.uri;
  const model = ctx.model(uri);
  const text = ctx.text(uri);
  if (!model || text === undefined) return null;
  return buildDocumentSymbols(model, text, ctx.schemeFor(uri), ctx.locale, ctx.audit(uri));
}

export function buildDocumentSymbols(model: DocumentModel, text: string, scheme: Scheme, locale: Locale, audit?: AuditAnalysis): DocumentSymbol[] {
  const lines = text.split(/\r\n|\r|\n/);
  const sectionIds = new Map<number, string[]>();
  for (const s of model.sections) sectionIds.set(s.heading.range.start.line, [...new Set(s.tags.flatMap(knownIds))]);
  const emptyLines = new Set(model.sections.filter((s) => s.empty).map((s) => s.heading.range.start.line));

  // Headings with their section ranges.
  const headings = model.headings;
  const nodes: { level: number; symbol: DocumentSymbol }[] = headings.map((h, i) => {
    let next = headings.length;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j].level <= h.level) {
        next = j;
        break;
      }
    }
    const endLine = next < headings.length ? headings[next].range.start.line - 1 : lines.length - 1;
    const range: Range = { start: h.range.start, end: lastContentEnd(lines, h.range.end, endLine) };
    return { level: h.level, symbol: headingSymbol(h, range, sectionIds.get(h.range.start.line), emptyLines.has(h.range.start.line), scheme, locale) };
  });

  // Leaves: tagged blocks of a manual, entries and specials of a report.
  const leaves: DocumentSymbol[] = [];
  if (model.kind === 'manual') {
    for (const c of model.coverage) {
      if (c.via !== 'block' && c.via !== 'comment') continue;
      const item = scheme.itemById.get(c.itemId);
      leaves.push({
        name: `${c.itemId} ${item ? itemTitle(item, locale) : ''}`.trim(),
        detail: item ? pointsLabel(item.points, locale) : undefined,
        kind: SymbolKind.Field,
        range: cover(c.target, c.range),
        selectionRange: c.range,
      });
    }
  }
  for (const e of model.entries) {
    const item = scheme.itemById.get(e.itemId);
    const result = audit?.score.items.find((r) => r.item.id === e.itemId);
    const detail = item && result ? formatScore(itemPoints(item), result, locale) : e.score ? '' : l(locale, '缺少评分', 'no score');
    leaves.push({
      name: `${e.itemId} ${item ? itemTitle(item, locale) : ''}`.trim(),
      detail: detail || undefined,
      kind: SymbolKind.EnumMember,
      range: cover(e.range, e.tag.range),
      selectionRange: e.tag.range,
    });
  }
  for (const s of model.specials) {
    leaves.push({
      name: `${s.label} ${s.reason}`.trim() || s.label || '—',
      detail: s.kind === 'deduction' ? l(locale, '特别扣分', 'special deduction') : l(locale, '特别加分', 'special bonus'),
      kind: SymbolKind.Event,
      range: s.range,
      selectionRange: s.range,
    });
  }
  leaves.sort((a, b) => comparePositions(a.range.start, b.range.start));

  // Nest headings by level, then put each leaf under the deepest heading whose section holds it.
  const roots: DocumentSymbol[] = [];
  const stack: { level: number; symbol: DocumentSymbol }[] = [];
  for (const n of nodes) {
    while (stack.length > 0 && stack[stack.length - 1].level >= n.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) (parent.symbol.children ??= []).push(n.symbol);
    else roots.push(n.symbol);
    stack.push(n);
  }
  // Find every leaf's heading first (the tree holds headings only), then attach and sort once:
  // linear in the number of leaves, not quadratic (10,000 tags in one section).
  const parents = leaves.map((leaf) => deepestContaining(roots, leaf.range));
  const touched = new Set<DocumentSymbol>();
  leaves.forEach((leaf, i) => {
    const parent = parents[i];
    if (parent) {
      (parent.children ??= []).push(leaf);
      touched.add(parent);
      if (comparePositions(leaf.range.end, parent.range.end) > 0) parent.range = { start: parent.range.start, end: leaf.range.end };
    } else {
      roots.push(leaf);
    }
  });
  for (const p of touched) p.children!.sort((a, b) => comparePositions(a.range.start, b.range.start));
  roots.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return roots;
}

function headingSymbol(h: Heading, range: Range, ids: string[] | undefined, empty: boolean, scheme: Scheme, locale: Locale): DocumentSymbol {
  const plain = stripTags(h.text) || h.text.trim();
  if (!ids || ids.length === 0) {
    return { name: plain || '#', kind: SymbolKind.String, range, selectionRange: h.range, children: [] };
  }
  const items = ids.map((id) => scheme.itemById.get(id)).filter((it) => it !== undefined);
  const groups = ids.filter((id) => scheme.groupById.has(id));
  const points = items.length > 0 ? pointsLabel(sum(items.map(itemPoints)).toFixed(2), locale) : undefined;
  const detail = [points, empty ? l(locale, '已声明但未阐述', 'claimed but not addressed') : undefined].filter(Boolean).join(' · ');
  return {
    name: `${ids.join(', ')} ${plain}`.trim(),
    detail: detail || undefined,
    kind: items.length === 0 && groups.length > 0 ? SymbolKind.Namespace : SymbolKind.Class,
    range,
    selectionRange: h.range,
    children: [],
  };
}

/** End of the last non-blank line in [from.line, endLine] (at least the heading's own end). */
function lastContentEnd(lines: string[], from: { line: number; character: number }, endLine: number): { line: number; character: number } {
  for (let i = Math.min(endLine, lines.length - 1); i > from.line; i--) {
    if (lines[i].trim() !== '') return { line: i, character: lines[i].length };
  }
  return from;
}

function cover(a: Range, b: Range): Range {
  return {
    start: comparePositions(a.start, b.start) <= 0 ? a.start : b.start,
    end: comparePositions(a.end, b.end) >= 0 ? a.end : b.end,
  };
}

function deepestContaining(symbols: DocumentSymbol[], range: Range): DocumentSymbol | undefined {
  for (const s of symbols) {
    if (s.kind === SymbolKind.EnumMember || s.kind === SymbolKind.Field || s.kind === SymbolKind.Event) continue;
    if (rangeContains(s.range, range.start)) return deepestContaining(s.children ?? [], range) ?? s;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Workspace symbols

export function workspaceSymbols(contexts: FeatureContext[], params: WorkspaceSymbolParams, limit = 2000): SymbolInformation[] {
  const query = normalizeQuery(params.query);
  const out: SymbolInformation[] = [];
  const seen = new Set<string>();
  for (const ctx of contexts) {
    for (const f of ctx.files()) {
      if (f.model.kind === 'none') continue;
      const scheme = ctx.schemeFor(f.uri);
      const locale = ctx.locale;
      const file = baseName(f.uri);
      const push = (name: string, haystack: string, kind: SymbolKind, range: Range, container: string) => {
        const key = `${f.uri}#${range.start.line}:${range.start.character}:${name}`;
        if (seen.has(key) || !matches(query, `${name} ${haystack}`)) return;
        seen.add(key);
        out.push({ name, kind, location: { uri: f.uri, range }, containerName: container });
      };
      for (const s of f.model.sections) {
        const ids = [...new Set(s.tags.flatMap(knownIds))];
        if (ids.length === 0) continue;
        const plain = stripTags(s.heading.text) || s.heading.text.trim();
        push(`${ids.join(', ')} ${plain}`.trim(), titles(scheme, ids), ids.some((id) => scheme.itemById.has(id)) ? SymbolKind.Class : SymbolKind.Namespace, s.heading.range, file);
      }
      for (const c of f.model.coverage) {
        if (c.via !== 'block' && c.via !== 'comment') continue;
        const item = scheme.itemById.get(c.itemId);
        push(`${c.itemId} ${item ? itemTitle(item, locale) : ''}`.trim(), titles(scheme, [c.itemId]), SymbolKind.Field, c.range, file);
      }
      const audit = f.model.entries.length > 0 ? ctx.audit(f.uri) : undefined;
      for (const e of f.model.entries) {
        const item = scheme.itemById.get(e.itemId);
        const result = audit?.score.items.find((r) => r.item.id === e.itemId);
        const score = item && result ? formatScore(itemPoints(item), result, locale) : '';
        push(`${e.itemId} ${item ? itemTitle(item, locale) : ''}`.trim(), titles(scheme, [e.itemId]), SymbolKind.EnumMember, e.tag.range, score ? `${file} · ${score}` : file);
        if (out.length >= limit) return out;
      }
      if (out.length >= limit) return out;
    }
  }
  return out;
}

function titles(scheme: Scheme, ids: string[]): string {
  return ids
    .map((id) => {
      const it = scheme.itemById.get(id);
      if (it) return `${it.title.zh ?? ''} ${it.title.en ?? ''} ${it.requirement}`;
      const g = scheme.groupById.get(id);
      return g ? `${g.title.zh ?? ''} ${g.title.en ?? ''}` : '';
    })
    .join(' ');
}

function normalizeQuery(q: string): string {
  return normalizeClauseId(q).toLowerCase();
}

/** Each space-separated term contained, or all characters of the query in order. */
export function matches(query: string, haystack: string): boolean {
  if (!query) return true;
  const h = haystack.toLowerCase();
  const terms = query.split(/\s+/).filter(Boolean);
  if (terms.every((t) => h.includes(t))) return true;
  const q = query.replace(/\s+/g, '');
  // A clause number (`5.1.2`) matches as written: as characters in order it would match most IDs.
  if (/^[0-9.]+$/.test(q)) return false;
  let i = 0;
  for (const ch of h) {
    if (ch === q[i]) i++;
    if (i === q.length) return true;
  }
  return false;
}
