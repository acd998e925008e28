/**
 * Code lens with points and scores, above the lines that carry them:
 * - audit report: each entry (`5 分 · 已评 4 分（80%）`, `2 分 · 不适用`, `5 分 · 未评分`, a second
 *   entry of the same item `… · 重复，不计分`); each heading that names a group (by tag or by a
 *   leading clause number such as `## 5.1 售后服务体系`) gets the group's subtotal
 *   (`5.1 小计 36.40 / 40 分`); the first heading gets the total and star, opening the panel.
 * - manual: each tagged heading gets the points its items carry (`5 分`, `3 项 · 5 分`, with
 *   `已声明未阐述` for an empty section), a heading naming a group gets the group's coverage
 *   (`5.1.2 人员配置 · 6 分 · 已覆盖 2/2 项`), and the root file's first heading the overall
 *   coverage, opening the panel.
 * Lenses whose command is '' are plain text in VS Code; the totals open the score panel.
 * Words follow the UI locale; numbers are exact (Rational, at most two decimals).
 */
import type { CodeLens, CodeLensParams, Command, Range } from 'vscode-languageserver';
import type { FeatureContext } from './context';
import type { DocumentModel, Heading } from '../model/types';
import type { Scheme } from '../scheme/types';
import type { Locale } from '../model/problems';
import { incompleteVerdictText, type AuditAnalysis, type ManualAnalysis } from '../analysis/workspace';
import { Rational, sum } from '../analysis/rational';
import { itemPoints } from '../analysis/scoring';
import { normalizeClauseId } from '../scheme/clauseId';
import { groupTitle, l, localized, pointsLabel, stripTags } from './util';

/** The client command that opens the score panel (client/src/commands.ts). */
export const OPEN_PANEL_COMMAND = 'gbt27922.openPanel';

export function codeLenses(ctx: FeatureContext, params: CodeLensParams): CodeLens[] | null {
  const uri = params.textDocument.uri;
  const model = ctx.model(uri);
  if (!model || model.kind === 'none') return null;
  const scheme = ctx.schemeFor(uri);
  const locale = ctx.locale;
  const lenses = model.kind === 'audit' ? auditLenses(model, scheme, ctx.audit(uri), locale) : manualLenses(model, scheme, ctx.manual(), uri, locale);
  return lenses;
}

function lens(range: Range, title: string, command = ''): CodeLens {
  const cmd: Command = { title, command };
  return { range: { start: range.start, end: range.start }, command: cmd };
}

/** `5` / `1.5`: exact, at most two decimals. */
function num(r: Rational): string {
  return r.toFixed(2);
}

/** A score (total, subtotal, points to go): two decimals, as the panel and the CLI show it. */
function scoreText(r: Rational): string {
  return r.toScore(2);
}

function pts(r: Rational, locale: Locale): string {
  return pointsLabel(num(r), locale);
}

const LEADING_ID = /^\s*([0-9\uFF10-\uFF19]+(?:[.\uFF0E][0-9\uFF10-\uFF19]+)+)(?=\s|$|[^0-9.\uFF10-\uFF19\uFF0E])/;

/** Group IDs tagged in headings, by the heading's line. */
function headingGroupTags(model: DocumentModel): Map<number, string> {
  const out = new Map<number, string>();
  for (const tag of model.tags) {
    if (tag.context !== 'heading' || out.has(tag.range.start.line)) continue;
    const g = tag.refs.find((r) => r.kind === 'group');
    if (g) out.set(tag.range.start.line, g.id);
  }
  return out;
}

/** The group a heading names: a group tag in it, else a leading clause number (`5.1.2 人员配置`). */
function headingGroup(tagged: Map<number, string>, scheme: Scheme, h: Heading): string | undefined {
  const t = tagged.get(h.range.start.line);
  if (t) return t;
  const m = LEADING_ID.exec(stripTags(h.text));
  const id = m ? normalizeClauseId(m[1]) : undefined;
  return id && scheme.groupById.has(id) ? id : undefined;
}

// ---------------------------------------------------------------------------------------------
// Audit reports

function auditLenses(model: DocumentModel, scheme: Scheme, audit: AuditAnalysis | undefined, locale: Locale): CodeLens[] {
  const out: CodeLens[] = [];
  if (!audit) return out;
  const score = audit.score;
  const first = model.headings[0];
  if (first) out.push(lens(first.range, totalTitle(audit, locale), OPEN_PANEL_COMMAND));

  const tagged = headingGroupTags(model);
  for (const h of model.headings) {
    const g = headingGroup(tagged, scheme, h);
    const r = g ? score.groups.get(g) : undefined;
    if (!g || !r) continue;
    let title = l(locale, `${g} 小计 ${scoreText(r.earned)} / ${pts(r.applicablePoints, locale)}`, `${g} subtotal ${scoreText(r.earned)} / ${pts(r.applicablePoints, locale)}`);
    if (!r.applicablePoints.eq(r.maxPoints)) title += l(locale, `（满分 ${num(r.maxPoints)}）`, ` (of ${num(r.maxPoints)})`);
    if (r.unscored > 0) title += l(locale, ` · ${r.unscored} 项未评分`, ` · ${r.unscored} not scored`);
    out.push(lens(h.range, title));
  }

  const results = new Map(score.items.map((x) => [x.item.id, x]));
  const seen = new Set<string>();
  for (const e of model.entries) {
    const item = scheme.itemById.get(e.itemId);
    if (!item) continue;
    const points = pointsLabel(num(itemPoints(item)), locale);
    if (seen.has(e.itemId)) {
      out.push(lens(e.range, `${points} · ${l(locale, '重复，不计分', 'duplicate, not counted')}`));
      continue;
    }
    seen.add(e.itemId);
    const result = results.get(e.itemId);
    let state: string;
    if (!result || result.state === 'unscored' || !e.score) state = l(locale, '未评分', 'not scored');
    else if (result.state === 'not-applicable') state = l(locale, '不适用', 'N/A');
    else {
      const percent = result.percent ? num(result.percent) : undefined;
      state = l(locale, `已评 ${pts(result.earned, 'zh')}`, `scored ${num(result.earned)}`) + (percent !== undefined ? l(locale, `（${percent}%）`, ` (${percent}%)`) : '');
    }
    out.push(lens(e.range, `${points} · ${state}`));
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}

function totalTitle(audit: AuditAnalysis, locale: Locale): string {
  const s = audit.score;
  // An incomplete report has a provisional total and no star: its verdict says so.
  if (s.verdict === 'incomplete') return incompleteVerdictText(s, locale);
  const total = s.total.toScore(s.decimals);
  const parts = [l(locale, `总分 ${total}`, `Total ${total}`)];
  if (s.verdict === 'failed-deductions') parts.push(l(locale, `不通过（特别扣分 ${scoreText(s.deductionPoints)} 分）`, `failed (special deductions ${scoreText(s.deductionPoints)})`));
  else if (s.verdict === 'blocked-by-nc') parts.push(l(locale, '不授予星级（严重不符合项未关闭）', 'no star (major non-conformities not closed)'));
  else if (s.tier) parts.push(`${'★'.repeat(Math.max(0, s.tier.stars))} ${localized(s.tier.name, locale)}`.trim());
  else parts.push(l(locale, '未达标', 'below the lowest tier'));
  if (s.failedGates.length > 0) {
    const names = [...new Set(s.failedGates.map((g) => localized(g.gate.description, locale) || g.gate.id))];
    parts.push(l(locale, `门槛未过：${names.join('、')}`, `gate failed: ${names.join(', ')}`));
  }
  if (s.next && s.verdict !== 'failed-deductions') {
    const name = localized(s.next.tier.name, locale);
    const need = s.next.pointsNeeded.toScore(s.decimals);
    if (s.next.pointsNeeded.cmp(Rational.ZERO) > 0) parts.push(l(locale, `距${name}差 ${need} 分`, `${need} to ${name}`));
  }
  return parts.join(' · ');
}

// ---------------------------------------------------------------------------------------------
// Manuals

function manualLenses(model: DocumentModel, scheme: Scheme, manual: ManualAnalysis | undefined, uri: string, locale: Locale): CodeLens[] {
  const out: CodeLens[] = [];
  const first = model.headings[0];
  if (manual && first && manual.root === uri) {
    const c = manual.coverage;
    let title = l(
      locale,
      `手册覆盖 ${num(c.coveredPoints)} / ${pts(c.totalPoints, locale)} · ${c.covered.length} / ${c.covered.length + c.uncovered.length} 项`,
      `Manual coverage ${num(c.coveredPoints)} / ${pts(c.totalPoints, locale)} · ${c.covered.length} / ${c.covered.length + c.uncovered.length} items`,
    );
    if (c.uncovered.length > 0) title += l(locale, ` · ${c.uncovered.length} 项未覆盖`, ` · ${c.uncovered.length} uncovered`);
    out.push(lens(first.range, title, OPEN_PANEL_COMMAND));
  }
  const sectionByLine = new Map(model.sections.map((s) => [s.heading.range.start.line, s]));
  const tagged = headingGroupTags(model);
  for (const h of model.headings) {
    const section = sectionByLine.get(h.range.start.line);
    const items = [...new Set(section?.itemIds ?? [])].filter((id) => scheme.itemById.has(id));
    if (items.length > 0) {
      const total = sum(items.map((id) => itemPoints(scheme.itemById.get(id)!)));
      let title = items.length === 1 ? pts(total, locale) : l(locale, `${items.length} 项 · ${pts(total, locale)}`, `${items.length} items · ${pts(total, locale)}`);
      if (section?.empty) title += l(locale, ' · 已声明但未阐述', ' · claimed but not addressed');
      out.push(lens(h.range, title));
      continue;
    }
    const g = headingGroup(tagged, scheme, h);
    const cov = g ? manual?.coverage.groups.get(g) : undefined;
    if (!g || !cov) continue;
    const name = groupTitle(scheme.groupById.get(g), locale);
    out.push(
      lens(
        h.range,
        l(
          locale,
          `${g} ${name} · ${pts(cov.totalPoints, locale)} · 已覆盖 ${cov.coveredCount}/${cov.totalCount} 项`,
          `${g} ${name} · ${pts(cov.totalPoints, locale)} · ${cov.coveredCount}/${cov.totalCount} items covered`,
        ),
      ),
    );
  }
  return out;
}
