/**
 * Code actions, keyed by the diagnostic's code (the problem code; `data` as the problem's):
 * - `unknown-clause`: replace the ID with each suggestion (`data.suggestions`, else computed),
 *   in the user's digit style (full-width stays full-width); preferred when there is one.
 * - `uncovered-item`: insert a stub section for the item in clause order (stubs.ts), and
 *   "insert stubs for all uncovered items".
 * - `max-mismatch` (`4/5` on a 1-point item): the same ratio on the item's scale (`0.8/1`) or as
 *   a percentage (`80%`).
 * - `missing-evidence`: append ` 证据：` (`Evidence: ` in an English document) at the end of the
 *   entry (list items and paragraphs; a table row's evidence belongs in its column).
 * - `unscored-item`: insert an entry stub `- [id] %  证据：` in clause order, and "insert stubs
 *   for all unscored items".
 * - any problem of a Markdown document (but the suppression comments' own): "Suppress on this
 *   line", which writes a `gbt27922-disable…` comment (suppressFix.ts).
 * Fix all (`source.fixAll.gbt27922`, for `editor.codeActionsOnSave`): every safe fix of the
 * document at once (analysis/safeFixes.ts), offered only when that kind is asked for.
 * Source actions (`source.gbt27922.insertStubs`): all uncovered items in the manual root, or all
 * unscored items in a report. Edits are WorkspaceEdits with UTF-16 TextEdits on the document's
 * current text; the server only proposes them. The all-items edits are computed on
 * codeAction/resolve when the client can resolve `edit`, else eagerly.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { FeatureContext } from './context';
import type { DocumentModel, Problem } from '../model/types';
import type { Scheme } from '../scheme/types';
import { PROBLEMS, type Locale, type ProblemCode } from '../model/problems';
import { SUPPRESSION_CODES } from '../analysis/suppressions';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { planSuppression } from './suppressFix';
import { compareClauseIds, suggestClauseIds } from '../scheme/clauseId';
import { baseName, documentLanguage, itemTitle, l, lineText, rangesOverlap, rangeContains, textDocument } from './util';
import { planEntryStubs, planSectionStubs } from './stubs';
import { planSafeFixes, rescaledScores, toFullWidth } from '../analysis/safeFixes';
import { applySuppressions } from '../analysis/suppressions';
import { effectiveSeverity } from '../config/config';

export const INSERT_STUBS_KIND = `${CodeActionKind.Source}.gbt27922.insertStubs`;
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.gbt27922`;

export interface CodeActionOptions {
  /** The client resolves a code action's `edit` lazily (codeAction/resolve). */
  resolveEdit?: boolean;
  /** Fix all also rewrites full-width clause IDs in ASCII (the user's setting gbt27922.fixAll.asciiClauseIds). */
  asciiIds?: boolean;
}

/** What codeAction/resolve needs to compute a deferred edit. */
export interface StubActionData {
  gbt27922: 'insert-stubs';
  uri: string;
  which: 'uncovered' | 'unscored';
  /** The document version the action was offered for (undefined when unknown). */
  version?: number;
}

export function isStubActionData(data: unknown): data is StubActionData {
  return typeof data === 'object' && data !== null && (data as { gbt27922?: unknown }).gbt27922 === 'insert-stubs';
}

export function codeActions(ctx: FeatureContext, params: CodeActionParams, options: CodeActionOptions = {}): CodeAction[] | null {
  const uri = params.textDocument.uri;
  const model = ctx.model(uri);
  const text = ctx.text(uri);
  if (!model || text === undefined || model.kind === 'none') return null;
  const scheme = ctx.schemeFor(uri);
  const locale = ctx.locale;
  const language = documentLanguage(text, locale);
  const only = params.context.only;
  const wanted = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const out: CodeAction[] = [];
  let offeredAllUncovered = false;
  let offeredAllUnscored = false;

  if (wanted(CodeActionKind.QuickFix)) {
    for (const diag of params.context.diagnostics) {
      const code = typeof diag.code === 'string' ? diag.code : undefined;
      const problem = problemFor(ctx, uri, model, diag);
      if (code === 'unknown-clause') out.push(...unknownClauseFixes(model, scheme, diag, problem, locale, uri));
      else if (code === 'uncovered-item') {
        const id = itemIdOf(diag, problem);
        const fix = id ? uncoveredFix(ctx, scheme, id, diag, language, locale, uri) : undefined;
        if (fix) out.push(fix);
        if (!offeredAllUncovered) {
          const all = allStubsAction(ctx, uri, model, text, scheme, 'uncovered', language, locale, options, CodeActionKind.QuickFix);
          if (all && countOf(ctx, uri, 'uncovered') > 1) out.push({ ...all, diagnostics: [diag] });
          offeredAllUncovered = true;
        }
      } else if (code === 'max-mismatch') {
        out.push(...maxMismatchFixes(ctx, model, scheme, uri, diag, locale));
      } else if (code === 'missing-evidence') {
        const fix = missingEvidenceFix(ctx, model, uri, diag, language, locale);
        if (fix) out.push(fix);
      } else if (code === 'unscored-item') {
        const id = itemIdOf(diag, problem);
        if (id && scheme.itemById.has(id)) {
          const edits = planEntryStubs(model, text, scheme, [id], { language });
          if (edits.length > 0) {
            out.push({
              title: l(locale, `插入 ${id} 的评分条目`, `Insert an entry for ${id}`),
              kind: CodeActionKind.QuickFix,
              diagnostics: [diag],
              isPreferred: true,
              edit: editOf(uri, edits),
            });
          }
        }
        if (!offeredAllUnscored) {
          const all = allStubsAction(ctx, uri, model, text, scheme, 'unscored', language, locale, options, CodeActionKind.QuickFix);
          if (all && countOf(ctx, uri, 'unscored') > 1) out.push({ ...all, diagnostics: [diag] });
          offeredAllUnscored = true;
        }
      }
      const suppress = code ? suppressAction(model, text, uri, diag, code, locale) : undefined;
      if (suppress) out.push(suppress);
    }
  }

  if (only && wanted(FIX_ALL_KIND)) {
    const fix = fixAllAction(ctx, model, text, scheme, uri, locale, options);
    if (fix) out.push(fix);
  }

  if (wanted(INSERT_STUBS_KIND)) {
    const which = model.kind === 'manual' ? 'uncovered' : 'unscored';
    const all = allStubsAction(ctx, uri, model, text, scheme, which, language, locale, options, INSERT_STUBS_KIND);
    if (all) out.push(all);
  }
  return out;
}

/** Compute the deferred edit of an "insert all stubs" action (codeAction/resolve). */
export function resolveCodeAction(ctx: FeatureContext, action: CodeAction): CodeAction {
  if (action.edit || !isStubActionData(action.data)) return action;
  const { uri, which } = action.data;
  const model = ctx.model(uri);
  const text = ctx.text(uri);
  if (!model || text === undefined) return action;
  const scheme = ctx.schemeFor(uri);
  return { ...action, edit: stubEdits(ctx, uri, model, text, scheme, which, documentLanguage(text, ctx.locale)) };
}

/** Every safe fix of the document as one edit (only problems the user sees: not suppressed, not off). */
function fixAllAction(ctx: FeatureContext, model: DocumentModel, text: string, scheme: Scheme, uri: string, locale: Locale, options: CodeActionOptions): CodeAction | undefined {
  const shown = applySuppressions(model, model.problems, (p) => effectiveSeverity(p.code, ctx.config) !== 'off').problems;
  const fixes = planSafeFixes(model, text, scheme, shown, { asciiIds: options.asciiIds });
  if (fixes.length === 0) return undefined;
  return {
    title: l(locale, `修复全部可安全修复的问题（${fixes.length} 处）`, `Fix all safe problems (${fixes.length})`),
    kind: FIX_ALL_KIND,
    edit: editOf(uri, fixes.map((f) => ({ range: f.range, newText: f.newText }))),
  };
}

/** "Suppress on this line" (or in this table / paragraph / file, where a line comment cannot go). */
function suppressAction(model: DocumentModel, text: string, uri: string, diag: Diagnostic, code: string, locale: Locale): CodeAction | undefined {
  if (diag.source !== DIAGNOSTIC_SOURCE || !(code in PROBLEMS) || SUPPRESSION_CODES.includes(code as ProblemCode)) return undefined;
  const plan = planSuppression(text, model, diag.range.start.line, code);
  if (plan.edits.length === 0) return undefined;
  const where = {
    line: l(locale, '在此行', 'on this line'),
    block: l(locale, '在此段', 'in this paragraph'),
    table: l(locale, '在此表格', 'in this table'),
    file: l(locale, '在此文件', 'in this file'),
  }[plan.scope];
  return {
    title: l(locale, `${where}抑制 ${code}`, `Suppress ${code} ${where}`),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    edit: editOf(uri, plan.edits),
  };
}

function editOf(uri: string, edits: TextEdit[]): WorkspaceEdit {
  return { changes: { [uri]: edits } };
}

/** The problem behind a diagnostic (for its data) when the diagnostic did not carry it. */
function problemFor(ctx: FeatureContext, uri: string, model: DocumentModel, diag: Diagnostic): Problem | undefined {
  const same = (p: Problem) => p.code === diag.code && rangesOverlap(p.range, diag.range);
  const candidates: Problem[] = [...model.problems, ...(ctx.manual()?.problems.get(uri) ?? []), ...(ctx.audit(uri)?.problems ?? [])];
  const matching = candidates.filter(same);
  if (matching.length <= 1) return matching[0];
  // Several problems share the anchor (uncovered/unscored items): pick by the ID in the message.
  return matching.find((p) => typeof p.args.id === 'string' && diag.message.includes(p.args.id)) ?? matching[0];
}

function itemIdOf(diag: Diagnostic, problem: Problem | undefined): string | undefined {
  const data = diag.data as Problem['data'] | undefined;
  if (typeof data?.itemId === 'string') return data.itemId;
  if (typeof problem?.data?.itemId === 'string') return problem.data.itemId;
  const id = problem?.args.id;
  return typeof id === 'string' ? id : undefined;
}

function unknownClauseFixes(model: DocumentModel, scheme: Scheme, diag: Diagnostic, problem: Problem | undefined, locale: Locale, uri: string): CodeAction[] {
  const ref =
    model.tags.flatMap((t) => t.refs).find((r) => r.kind === 'unknown' && rangesOverlap(r.range, diag.range)) ??
    model.frontMatter.clauses.find((r) => r.kind === 'unknown' && rangesOverlap(r.range, diag.range));
  if (!ref || /[-–~～]/.test(ref.raw)) return [];
  const data = (diag.data as Problem['data'] | undefined) ?? problem?.data;
  const known = [...scheme.items.map((it) => it.id), ...scheme.groups.map((g) => g.id)];
  const suggestions = (data?.suggestions?.length ? data.suggestions : suggestClauseIds(ref.id, known)).filter((s) => scheme.itemById.has(s) || scheme.groupById.has(s));
  const fullWidth = /[\uFF10-\uFF19]/.test(ref.raw);
  return suggestions.map((s) => {
    const item = scheme.itemById.get(s);
    const title = item ? itemTitle(item, locale) : (scheme.groupById.get(s)?.title[locale] ?? '');
    return {
      title: l(locale, `改为 ${s}（${title}）`, `Change to ${s} (${title})`),
      kind: CodeActionKind.QuickFix,
      diagnostics: [diag],
      isPreferred: suggestions.length === 1,
      edit: editOf(uri, [{ range: ref.range, newText: fullWidth ? toFullWidth(s) : s }]),
    };
  });
}

function uncoveredFix(
  ctx: FeatureContext,
  scheme: Scheme,
  id: string,
  diag: Diagnostic,
  language: Locale,
  locale: Locale,
  uri: string,
): CodeAction | undefined {
  if (!scheme.itemById.has(id)) return undefined;
  // A claimed-but-empty heading already exists: a second section would be a duplicate.
  if ((ctx.manual()?.claims.get(id) ?? []).length > 0) return undefined;
  const edit = sectionStubEdit(ctx, uri, scheme, [id], language);
  if (!edit) return undefined;
  const files = Object.keys(edit.changes ?? {});
  const where = files.length === 1 && files[0] !== uri ? l(locale, `，在 ${baseName(files[0])}`, `, in ${baseName(files[0])}`) : '';
  return {
    title: l(locale, `插入 ${id} 的章节（按条款顺序${where}）`, `Insert a section for ${id} (in clause order${where})`),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    isPreferred: true,
    edit,
  };
}

/**
 * The manual file a stub for `id` belongs in: the file that addresses the closest item before it
 * in clause order within its second-level group, else the closest after it in that group, else
 * the same within its first-level group, else the manual root (`fallback`).
 */
export function manualFileFor(ctx: FeatureContext, scheme: Scheme, id: string, fallback: string): string {
  const manual = ctx.manual();
  const item = scheme.itemById.get(id);
  if (!manual || !item) return fallback;
  const claimed: { id: string; uri: string }[] = [];
  for (const [itemId, locs] of manual.claims) {
    const loc = locs.find((c) => c.claim.via !== 'front-matter');
    if (loc && scheme.itemById.has(itemId)) claimed.push({ id: itemId, uri: loc.uri });
  }
  claimed.sort((a, b) => compareClauseIds(a.id, b.id));
  for (const key of ['group', 'section'] as const) {
    const same = claimed.filter((c) => scheme.itemById.get(c.id)![key] === item[key]);
    const before = same.filter((c) => compareClauseIds(c.id, id) < 0);
    if (before.length > 0) return before[before.length - 1].uri;
    const after = same.find((c) => compareClauseIds(c.id, id) > 0);
    if (after) return after.uri;
  }
  return fallback;
}

/** Stub sections for `ids`, each in its manual file (see manualFileFor), as one workspace edit. */
function sectionStubEdit(ctx: FeatureContext, rootUri: string, scheme: Scheme, ids: string[], language: Locale): WorkspaceEdit | undefined {
  const byFile = new Map<string, string[]>();
  for (const id of ids) {
    const file = manualFileFor(ctx, scheme, id, rootUri);
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file)!.push(id);
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const [file, fileIds] of byFile) {
    const model = ctx.model(file);
    const text = ctx.text(file);
    if (!model || text === undefined) continue;
    const edits = planSectionStubs(model, text, scheme, fileIds, { language: documentLanguage(text, language) });
    if (edits.length > 0) changes[file] = edits;
  }
  return Object.keys(changes).length > 0 ? { changes } : undefined;
}

/** Items an "all stubs" action would insert. */
function stubTargets(ctx: FeatureContext, uri: string, which: 'uncovered' | 'unscored'): string[] {
  if (which === 'uncovered') {
    const manual = ctx.manual();
    if (!manual) return [];
    return manual.coverage.uncovered.filter((it) => (manual.claims.get(it.id) ?? []).length === 0).map((it) => it.id);
  }
  const audit = ctx.audit(uri);
  return audit ? audit.score.unscored.map((it) => it.id) : [];
}

function countOf(ctx: FeatureContext, uri: string, which: 'uncovered' | 'unscored'): number {
  return stubTargets(ctx, uri, which).length;
}

function stubEdits(ctx: FeatureContext, uri: string, model: DocumentModel, text: string, scheme: Scheme, which: 'uncovered' | 'unscored', language: Locale): WorkspaceEdit {
  const ids = stubTargets(ctx, uri, which);
  if (ids.length === 0) return editOf(uri, []);
  if (which === 'uncovered') return sectionStubEdit(ctx, uri, scheme, ids, language) ?? editOf(uri, []);
  return editOf(uri, planEntryStubs(model, text, scheme, ids, { language }));
}

function allStubsAction(
  ctx: FeatureContext,
  uri: string,
  model: DocumentModel,
  text: string,
  scheme: Scheme,
  which: 'uncovered' | 'unscored',
  language: Locale,
  locale: Locale,
  options: CodeActionOptions,
  kind: string,
): CodeAction | undefined {
  if (which === 'uncovered') {
    const manual = ctx.manual();
    // Uncovered items are reported on, and stubbed into, the manual's root file.
    if (model.kind !== 'manual' || !manual || manual.root !== uri) return undefined;
  } else if (model.kind !== 'audit') {
    return undefined;
  }
  const n = countOf(ctx, uri, which);
  if (n === 0) return undefined;
  const title =
    which === 'uncovered'
      ? l(locale, `为全部 ${n} 项未覆盖指标插入章节`, `Insert sections for all ${n} uncovered items`)
      : l(locale, `为全部 ${n} 项未评分指标插入评分条目`, `Insert entries for all ${n} unscored items`);
  const action: CodeAction = { title, kind };
  if (options.resolveEdit) {
    const data: StubActionData = { gbt27922: 'insert-stubs', uri, which };
    action.data = data;
  } else {
    action.edit = stubEdits(ctx, uri, model, text, scheme, which, language);
  }
  return action;
}

function missingEvidenceFix(ctx: FeatureContext, model: DocumentModel, uri: string, diag: Diagnostic, language: Locale, locale: Locale): CodeAction | undefined {
  const entry = model.entries.find((e) => rangeContains(e.range, diag.range.start));
  if (!entry || entry.form === 'table') return undefined;
  const doc = textDocument(ctx, uri);
  if (!doc) return undefined;
  let line = entry.range.end.line;
  if (entry.range.end.character === 0 && line > entry.range.start.line) line--;
  while (line > entry.range.start.line && lineText(doc, line).trim() === '') line--;
  const text = lineText(doc, line);
  const end = line === entry.range.end.line ? Math.min(entry.range.end.character, text.length) : text.length;
  // The entry already has an (empty) evidence field: a second one would not help.
  const entryText = doc.getText(entry.range);
  if (/证据\s*[:：]|\bevidence\s*[:：]/i.test(entryText)) return undefined;
  const trimmedEnd = text.slice(0, end).trimEnd().length;
  const word = language === 'zh' ? '证据：' : 'Evidence: ';
  const pos = { line, character: trimmedEnd };
  return {
    title: l(locale, `添加“${word.trim()}”`, `Add "${word.trim()}"`),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    isPreferred: true,
    edit: editOf(uri, [{ range: { start: pos, end: { line, character: end } }, newText: ` ${word}` }]),
  };
}

/**
 * `4/5` on a 1-point item (left unscored until fixed): rewrite the score on the item's own scale
 * keeping the written ratio (`0.8/1`, preferred when exact to two decimals), or as a percentage.
 */
function maxMismatchFixes(ctx: FeatureContext, model: DocumentModel, scheme: Scheme, uri: string, diag: Diagnostic, locale: Locale): CodeAction[] {
  const entry = model.entries.find((e) => e.scoreRange && rangesOverlap(e.scoreRange, diag.range));
  const item = entry ? scheme.itemById.get(entry.itemId) : undefined;
  if (!entry?.scoreRange || !item) return [];
  // The model leaves such a score unread (it would be wrong either way): read the written text.
  const doc = textDocument(ctx, uri);
  const { scaled, percent } = rescaledScores(doc?.getText(entry.scoreRange) ?? '', item.points);
  const out: CodeAction[] = [];
  const replace = (newText: string, preferred: boolean): CodeAction => ({
    title: l(locale, `改为 ${newText}`, `Change to ${newText}`),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diag],
    isPreferred: preferred,
    edit: editOf(uri, [{ range: entry.scoreRange!, newText }]),
  });
  if (scaled) out.push(replace(scaled, true));
  if (percent) out.push(replace(percent, out.length === 0));
  return out;
}
