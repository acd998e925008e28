/**
 * Clause-tag suggestions in the editor, for manuals:
 * - an untagged heading whose best suggestion reaches the threshold gets an information-level
 *   `suggested-clause` diagnostic ("looks like 5.2.4.6 … (1 pts), from 备用机: tag it?");
 * - a tagged heading whose text fits another item much better gets `clause-may-be-wrong`;
 * - an `uncovered-item` diagnostic names the best untagged section that fits the item;
 * - quick fixes offer the top three (suggestions.ts in codeActions), hover shows the matched
 *   terms, and "Suggest clause tags for this file" is one edit of every confident one.
 *
 * Speed: typing must not wait for suggestions. A section's ranking is cached by its text, so an
 * edit re-ranks only the section it changed; other manual files (closed ones included) are ranked
 * in the background in small slices, and the root's uncovered-item diagnostics are re-published
 * when a newly ranked file changes the best candidate of an item.
 */
import { CodeActionKind, type CodeAction, type Diagnostic, type Hover, type HoverParams, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { DocumentModel, Problem, Range } from '../model/types';
import type { Locale } from '../model/problems';
import type { Scheme } from '../scheme/types';
import { DEFAULT_THRESHOLD, shortItemTitle, SuggestionEngine } from '../suggest/engine';
import { headingTagEdit, planTagEdits, prefersFullWidth, sectionsOf, suggestDocument, type SectionSuggestions } from '../suggest/sections';
import { LineIndex } from '../model/lines';
import type { FeatureContext } from './context';
import { escapeMarkdown, l } from './util';

export const SUGGEST_THRESHOLD = DEFAULT_THRESHOLD;
const RANK_CACHE_MAX = 20_000;

interface FileEntry {
  model: DocumentModel;
  sections: SectionSuggestions[];
}

/** A manual section that may address an uncovered item. */
export interface Candidate {
  uri: string;
  line: number;
  title: string;
  confidence: number;
  headingRange: Range;
}

export class SuggestionHints {
  private readonly engines = new WeakMap<Scheme, { engine: SuggestionEngine; memo: Map<string, Omit<SectionSuggestions, 'line' | 'headingRange'> | null> }>();
  private readonly files = new Map<string, FileEntry>();
  private readonly hints = new WeakMap<SectionSuggestions[], Problem[]>();

  /** The engine of a scheme, with its results by section text. */
  private engineOf(scheme: Scheme): { engine: SuggestionEngine; memo: Map<string, Omit<SectionSuggestions, 'line' | 'headingRange'> | null> } {
    let e = this.engines.get(scheme);
    if (!e) {
      e = { engine: new SuggestionEngine(scheme), memo: new Map() };
      this.engines.set(scheme, e);
    }
    return e;
  }

  /** The scheme's engine, built once (its keyword and bigram tables are the costly part). */
  engine(scheme: Scheme): SuggestionEngine {
    return this.engineOf(scheme).engine;
  }

  /** Suggestions for every section of a file, re-ranking only sections whose text changed. */
  forFile(uri: string, model: DocumentModel, text: string, scheme: Scheme): SectionSuggestions[] {
    const known = this.files.get(uri);
    if (known && known.model === model) return known.sections;
    const { engine, memo } = this.engineOf(scheme);
    if (memo.size > RANK_CACHE_MAX) memo.clear();
    const sections = suggestDocument(engine, model, text, { threshold: SUGGEST_THRESHOLD, memo });
    this.files.set(uri, { model, sections });
    return sections;
  }

  /** Already ranked (for this model), without computing. */
  cached(uri: string, model: DocumentModel | undefined): SectionSuggestions[] | undefined {
    const e = this.files.get(uri);
    return e && e.model === model ? e.sections : undefined;
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }

  /** The file's suggestions from the context (computing them when its text is at hand). */
  sectionsOf(ctx: FeatureContext, uri: string): SectionSuggestions[] | undefined {
    const model = ctx.model(uri);
    if (!model || model.kind !== 'manual') return undefined;
    const cached = this.cached(uri, model);
    if (cached) return cached;
    const text = ctx.text(uri);
    return text === undefined ? undefined : this.forFile(uri, model, text, ctx.schemeFor(uri));
  }

  /** The hint problems of a manual file; closed files only from what the background ranking has (`compute: false`). */
  problemsFor(ctx: FeatureContext, uri: string, options: { compute?: boolean } = {}): Problem[] {
    const model = ctx.model(uri);
    if (!model || model.kind !== 'manual') return [];
    // Closed files are ranked in the background (backfill), never while diagnostics are published.
    const sections = (options.compute === false ? this.cached(uri, model) : this.sectionsOf(ctx, uri)) ?? [];
    return this.hintProblems(sections, ctx.schemeFor(uri));
  }

  /** A manual file's uncovered-item problems naming the best untagged section found so far. */
  withCandidates(ctx: FeatureContext, problems: Problem[]): Problem[] {
    if (!problems.some((p) => p.code === 'uncovered-item')) return problems;
    const candidates = this.candidates(ctx);
    return problems.map((p) => (p.code === 'uncovered-item' ? this.withCandidate(p, candidates) : p));
  }

  /** The hint problems of a file's suggestions (kept with them: computed once per analysed version). */
  private hintProblems(sections: SectionSuggestions[], scheme: Scheme): Problem[] {
    const known = this.hints.get(sections);
    if (known) return known;
    const out: Problem[] = [];
    for (const s of sections) {
      const top = s.suggestions[0];
      if (!top || top.confidence < SUGGEST_THRESHOLD) continue;
      const item = scheme.itemById.get(top.id);
      if (!item) continue;
      const args = {
        id: top.id,
        points: item.points,
        titleEn: shortItemTitle(item, 'en'),
        titleZh: shortItemTitle(item, 'zh'),
        termsEn: top.terms.map((t) => t.term).join(', '),
        termsZh: top.terms.map((t) => t.term).join('、'),
        tags: s.tags.join(', '),
      };
      out.push({
        code: s.misfit ? 'clause-may-be-wrong' : 'suggested-clause',
        args,
        range: s.headingRange,
        data: { itemId: top.id, suggestions: s.suggestions.map((x) => x.id), line: s.line },
      });
    }
    this.hints.set(sections, out);
    return out;
  }

  /**
   * For every item, the untagged section that best fits it among the manual files ranked so far:
   * where it ranks highest among a section's suggestions, then with the highest confidence.
   */
  candidates(ctx: FeatureContext): Map<string, Candidate> {
    const best = new Map<string, Candidate & { rank: number }>();
    for (const f of ctx.files()) {
      if (f.model.kind !== 'manual') continue;
      const sections = this.cached(f.uri, f.model);
      if (!sections) continue;
      for (const s of sections) {
        if (s.tags.length > 0) continue;
        s.suggestions.forEach((x, rank) => {
          if (x.confidence < SUGGEST_THRESHOLD) return;
          const b = best.get(x.id);
          if (!b || rank < b.rank || (rank === b.rank && x.confidence > b.confidence)) {
            best.set(x.id, { uri: f.uri, line: s.line, title: s.title, confidence: x.confidence, headingRange: s.headingRange, rank });
          }
        });
      }
    }
    return best;
  }

  candidateFor(ctx: FeatureContext, itemId: string): Candidate | undefined {
    return this.candidates(ctx).get(itemId);
  }

  private withCandidate(p: Problem, candidates: Map<string, Candidate>): Problem {
    const id = typeof p.data?.itemId === 'string' ? p.data.itemId : undefined;
    const c = id ? candidates.get(id) : undefined;
    if (!c) return p;
    const file = baseName(c.uri);
    return {
      ...p,
      args: {
        ...p.args,
        candidateEn: ` — may be addressed by "${c.title}" (${file}, line ${c.line + 1}): tag it?`,
        candidateZh: ` —— “${c.title}”（${file} 第 ${c.line + 1} 行）可能就是它：要加标记吗？`,
      },
      data: { ...p.data, candidate: { uri: c.uri, line: c.line } },
    };
  }

  /**
   * Rank the manual files not ranked yet for their current model, a few at a time, yielding in
   * between. Resolves with the files newly ranked.
   */
  async backfill(contexts: FeatureContext[], shouldStop: () => boolean = () => false): Promise<string[]> {
    const changed: string[] = [];
    for (const ctx of contexts) {
      for (const f of ctx.files()) {
        if (shouldStop()) return changed;
        if (f.model.kind !== 'manual' || this.cached(f.uri, f.model)) continue;
        const text = ctx.text(f.uri);
        if (text === undefined) continue;
        this.forFile(f.uri, f.model, text, ctx.schemeFor(f.uri));
        changed.push(f.uri);
        await new Promise((r) => setImmediate(r));
      }
    }
    return changed;
  }
}

function baseName(uri: string): string {
  const m = /[^/]+$/.exec(uri);
  return m ? decodeURIComponent(m[0]) : uri;
}

// ---------------------------------------------------------------------------------------------
// Quick fixes, the file command, hover

/** Quick fixes for a `suggested-clause` / `clause-may-be-wrong` / `uncovered-item` diagnostic. */
export function suggestionFixes(ctx: FeatureContext, hints: SuggestionHints, uri: string, diag: Diagnostic, locale: Locale): CodeAction[] {
  const model = ctx.model(uri);
  const text = ctx.text(uri);
  if (!model || text === undefined) return [];
  const scheme = ctx.schemeFor(uri);
  if (diag.code === 'uncovered-item') {
    const data = diag.data as { itemId?: string; candidate?: { uri: string; line: number } } | undefined;
    const id = data?.itemId;
    const c = id ? hints.candidateFor(ctx, id) : undefined;
    if (!id || !c) return [];
    const edit = tagEditFor(ctx, c.uri, c.line, [id], false);
    if (!edit) return [];
    return [{ title: l(locale, `把“${c.title}”（第 ${c.line + 1} 行）标记为 ${id}`, `Tag "${c.title}" (line ${c.line + 1}) with ${id}`), kind: CodeActionKind.QuickFix, diagnostics: [diag], edit }];
  }
  const sections = hints.sectionsOf(ctx, uri) ?? [];
  const s = sections.find((x) => x.headingRange.start.line === diag.range.start.line);
  if (!s) return [];
  const replace = diag.code === 'clause-may-be-wrong';
  return s.suggestions.slice(0, 3).flatMap((x, i): CodeAction[] => {
    const item = scheme.itemById.get(x.id);
    const edit = tagEditFor(ctx, uri, s.line, [x.id], replace);
    if (!item || !edit) return [];
    const title = shortItemTitle(item, locale);
    return [
      {
        title: replace
          ? l(locale, `改标为 ${x.id} ${title}（${x.confidence.toFixed(2)}）`, `Retag as ${x.id} ${title} (${x.confidence.toFixed(2)})`)
          : l(locale, `标记为 ${x.id} ${title}（${x.confidence.toFixed(2)}）`, `Tag as ${x.id} ${title} (${x.confidence.toFixed(2)})`),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diag],
        isPreferred: i === 0,
        edit,
      },
    ];
  });
}

/** Add (or, with `replace`, put in place of the heading's tags) a tag on the heading at `line`. */
function tagEditFor(ctx: FeatureContext, uri: string, line: number, ids: string[], replace: boolean): WorkspaceEdit | undefined {
  const model = ctx.model(uri);
  const text = ctx.text(uri);
  if (!model || text === undefined) return undefined;
  const heading = model.headings.find((h) => h.range.start.line === line);
  if (!heading) return undefined;
  const lines = new LineIndex(text);
  const fullWidth = prefersFullWidth(model);
  const edits: TextEdit[] = [];
  if (replace) {
    const tags = model.tags.filter((t) => t.context === 'heading' && t.span.start >= heading.span.start && t.span.end <= heading.span.end);
    if (tags.length > 0) {
      const [first, ...rest] = tags;
      edits.push({ range: first.range, newText: fullWidth ? `【${ids.join('、')}】` : `[${ids.join(', ')}]` });
      for (const t of rest) edits.push({ range: t.range, newText: '' });
      return { changes: { [uri]: edits } };
    }
  }
  const e = headingTagEdit(text, lines, heading, ids, fullWidth);
  return { changes: { [uri]: [{ range: e.range, newText: e.newText }] } };
}

/** Every confident suggestion of a file as one edit (the "Suggest clause tags for this file" command). */
export function suggestFileEdit(ctx: FeatureContext, hints: SuggestionHints, uri: string): { edit: WorkspaceEdit; count: number } {
  const model = ctx.model(uri);
  const text = ctx.text(uri);
  if (!model || text === undefined) return { edit: { changes: {} }, count: 0 };
  const sections = model.kind === 'manual' ? (hints.sectionsOf(ctx, uri) ?? []) : suggestDocument(hints.engine(ctx.schemeFor(uri)), model, text);
  const edits = planTagEdits(model, text, sections, SUGGEST_THRESHOLD);
  return { edit: { changes: { [uri]: edits.map((e) => ({ range: e.range, newText: e.newText })) } }, count: edits.length };
}

/** Hover on an untagged (or possibly mis-tagged) heading: what it looks like, and why. */
export function suggestionHover(ctx: FeatureContext, hints: SuggestionHints, params: HoverParams): Hover | null {
  const uri = params.textDocument.uri;
  const model = ctx.model(uri);
  if (!model || model.kind !== 'manual') return null;
  const line = params.position.line;
  const heading = model.headings.find((h) => h.range.start.line <= line && h.range.end.line >= line);
  if (!heading) return null;
  const s = (hints.sectionsOf(ctx, uri) ?? []).find((x) => x.headingRange.start.line === heading.range.start.line);
  if (!s || s.suggestions.length === 0 || (s.tags.length > 0 && !s.misfit)) return null;
  const scheme = ctx.schemeFor(uri);
  const locale = ctx.locale;
  const where = (w: string) => (w === 'heading' ? l(locale, '标题', 'heading') : w === 'body' ? l(locale, '正文', 'text') : l(locale, '标题和正文', 'heading and text'));
  const out: string[] = [s.misfit ? l(locale, '**标记可能有误**：内容更符合', '**The tag may be wrong**: the text fits') : l(locale, '**条款建议**', '**Clause suggestions**'), ''];
  for (const x of s.suggestions) {
    const item = scheme.itemById.get(x.id);
    if (!item) continue;
    const sure = x.confidence >= SUGGEST_THRESHOLD ? '' : l(locale, '（把握不大）', ' (not confident)');
    out.push(`- **${x.id}** ${escapeMarkdown(shortItemTitle(item, locale))} · ${l(locale, '置信度', 'confidence')} ${x.confidence.toFixed(2)}${sure}`);
    const terms = x.terms.map((t) => `${escapeMarkdown(t.term)} (${where(t.where)}${t.source === 'requirement' ? l(locale, '，与条款原文相同', ', as the requirement says') : ''})`);
    if (terms.length) out.push(`  ${l(locale, '匹配', 'matched')}: ${terms.join(l(locale, '、', ', '))}`);
  }
  return { contents: { kind: 'markdown', value: out.join('\n') }, range: heading.range };
}

/** Why the quick fix is offered: the diagnostic codes this module answers. */
export const SUGGESTION_CODES = new Set(['suggested-clause', 'clause-may-be-wrong']);

export function isSuggestionDiagnostic(d: Diagnostic): boolean {
  return typeof d.code === 'string' && SUGGESTION_CODES.has(d.code);
}

export { sectionsOf };
