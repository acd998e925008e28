/**
 * Hover on a clause reference (a tag in any form, a front-matter `clauses:` / `not-applicable:`
 * entry, an audit entry's tag or score):
 * - item: ID and points, group path, the requirement exactly as the scheme has it, the scoring
 *   bands as a compact table (with this item's points per band), the score in this report, and
 *   where the manual covers it (links to file and heading);
 * - group: title, points total, its items (and subtotal in a report / coverage in a manual);
 * - unknown ID: the did-you-mean;
 * - the title (first heading) of an audit report, where the total's code lens stands: the total
 *   as reported, the verdict, and the unrounded total with the scheme's rounding rule.
 * - an NC's ID: severity, status against the as-of date with days to or past its due date, the
 *   finding, corrective action, verification, and where a later report followed it up; a
 *   follow-up's ID: its status and the NC it follows up in the previous report.
 * An item's hover in a report also lists the NCs raised against it.
 * Labels follow the UI locale; scheme and document text is escaped.
 */
import { MarkupKind, type Hover, type HoverParams, type Position, type Range } from 'vscode-languageserver';
import type { AuditAnalysis } from '../analysis/workspace';
import { verdictText as panelVerdictText } from './panel';
import type { FeatureContext } from './context';
import type { Scheme } from '../scheme/types';
import type { Locale } from '../model/problems';
import { suggestClauseIds } from '../scheme/clauseId';
import { Rational } from '../analysis/rational';
import { bandFor, itemPoints } from '../analysis/scoring';
import {
  baseName,
  escapeCell,
  escapeMarkdown,
  formatScore,
  groupPath,
  groupTitle,
  headingBefore,
  itemTitle,
  itemsOfGroup,
  l,
  locationLink,
  pointsLabel,
  pointsOfGroup,
  refAt,
  stripTags,
} from './util';
import { ncHover, ncSummaryLine } from './ncText';

export function hover(ctx: FeatureContext, params: HoverParams): Hover | null {
  const uri = params.textDocument.uri;
  const model = ctx.model(uri);
  if (!model || model.kind === 'none') return null;
  const nc = ncHover(ctx, uri, params.position);
  if (nc) return { contents: { kind: MarkupKind.Markdown, value: nc.value }, range: nc.range };
  const scheme = ctx.schemeFor(uri);
  const ref = refAt(model, params.position, scheme);
  if (!ref) {
    const title = model.headings[0];
    const audit = model.kind === 'audit' && title && within(title.range, params.position) ? ctx.audit(uri) : undefined;
    return audit ? { contents: { kind: MarkupKind.Markdown, value: totalHoverMarkdown(audit, ctx.locale) }, range: title.range } : null;
  }
  const value = clauseHoverMarkdown(ctx, uri, ref.id, scheme);
  return { contents: { kind: MarkupKind.Markdown, value }, range: ref.range };
}

/** The hover text for a clause ID as seen from document `uri`. */
export function clauseHoverMarkdown(ctx: FeatureContext, uri: string, id: string, scheme: Scheme = ctx.schemeFor(uri)): string {
  const locale = ctx.locale;
  if (scheme.itemById.has(id)) return itemHover(ctx, uri, id, scheme, locale);
  if (scheme.groupById.has(id)) return groupHover(ctx, uri, id, scheme, locale);
  return unknownHover(id, scheme, locale);
}

function itemHover(ctx: FeatureContext, uri: string, id: string, scheme: Scheme, locale: Locale): string {
  const item = scheme.itemById.get(id)!;
  const points = itemPoints(item);
  const out: string[] = [];
  const title = itemTitle(item, locale);
  out.push(`**${id}** ${escapeMarkdown(title)} · **${pointsLabel(item.points, locale)}**`);
  out.push('');
  out.push(escapeMarkdown(groupPath(scheme, id, locale)));
  out.push('');
  out.push(`> ${escapeMarkdown(item.requirement)}`);
  out.push('');

  // Current score in this report (decides which band row is marked).
  const audit = ctx.audit(uri);
  const result = audit?.score.items.find((r) => r.item.id === id);
  const current = result?.state === 'scored' && result.percent ? bandFor(scheme, result.percent) : undefined;

  if (scheme.bands.length > 0) {
    out.push(`| ${l(locale, '得分率', 'Band')} | ${l(locale, '得分', 'Points')} | ${l(locale, '评分要点', 'Guidance')} |`);
    out.push('|---|---|---|');
    for (const band of scheme.bands) {
      const lo = points.mul(Rational.fromNumber(band.min)).div(Rational.HUNDRED).toFixed(2);
      const hi = points.mul(Rational.fromNumber(band.max)).div(Rational.HUNDRED).toFixed(2);
      const mark = current === band ? '▶ ' : '';
      const desc = band.descriptions[0] ?? '';
      out.push(`| ${mark}${band.min}–${band.max}% | ${lo}–${hi} | ${escapeCell(desc)} |`);
    }
    out.push('');
  }

  if (audit) {
    const label = l(locale, '本报告得分', 'Score in this report');
    const text = result ? formatScore(points, result, locale) : l(locale, '未评分', 'not scored');
    out.push(`**${label}**: ${escapeMarkdown(text)}`);
    out.push('');
    const ncs = audit.ncs.filter((s) => s.nc.clauses.some((c) => c.id === id));
    if (ncs.length > 0) {
      out.push(`**${l(locale, '不符合项', 'Non-conformities')}**:`, '');
      for (const s of ncs) out.push(`- ${escapeMarkdown(s.nc.id)}: ${escapeMarkdown(ncSummaryLine(s, locale))}`);
      out.push('');
    }
  }

  const manual = ctx.manual();
  if (manual) {
    const claims = manual.claims.get(id) ?? [];
    const label = l(locale, '手册覆盖', 'Covered in the manual');
    if (claims.length === 0) {
      const excluded = manual.coverage.excluded.some((it) => it.id === id);
      out.push(`**${label}**: ${excluded ? l(locale, '不适用（已排除）', 'not applicable (excluded)') : l(locale, '未覆盖', 'not covered')}`);
    } else {
      out.push(`**${label}**:`);
      out.push('');
      for (const { uri: claimUri, claim } of claims.slice(0, 10)) {
        const m = ctx.model(claimUri);
        const heading = m ? headingBefore(m, claim.target.start) : undefined;
        const where = heading ? `${baseName(claimUri)} › ${stripTags(heading.text) || heading.text}` : `${baseName(claimUri)}:${claim.range.start.line + 1}`;
        const note = claim.addressed ? '' : ` (${l(locale, '已声明但未阐述', 'claimed but not addressed')})`;
        out.push(`- [${escapeMarkdown(where)}](${locationLink(claimUri, claim.target)})${note}`);
      }
      if (claims.length > 10) out.push(`- … (+${claims.length - 10})`);
    }
  }
  return trimEnd(out);
}

function groupHover(ctx: FeatureContext, uri: string, id: string, scheme: Scheme, locale: Locale): string {
  const group = scheme.groupById.get(id)!;
  const items = itemsOfGroup(scheme, id);
  const total = pointsOfGroup(scheme, id).toFixed(2);
  const out: string[] = [];
  out.push(`**${id}** ${escapeMarkdown(groupTitle(group, locale))} · **${pointsLabel(total, locale)}** (${items.length} ${l(locale, '项指标', items.length === 1 ? 'item' : 'items')})`);
  // The groups above this one (`groupPath` names the ancestors of an ID, not the ID itself).
  const parentPath = groupPath(scheme, id, locale);
  if (parentPath) out.push('', escapeMarkdown(parentPath));
  out.push('');

  const audit = ctx.audit(uri);
  const manual = ctx.manual();
  const covered = new Set(manual?.coverage.covered.map((it) => it.id) ?? []);
  const showState = audit !== undefined || manual !== undefined;
  out.push(`| ${l(locale, '条款', 'Clause')} | ${l(locale, '分值', 'Points')} | ${l(locale, '内容', 'Title')} |${showState ? ` ${audit ? l(locale, '得分', 'Score') : l(locale, '覆盖', 'Covered')} |` : ''}`);
  out.push(`|---|---|---|${showState ? '---|' : ''}`);
  for (const it of items) {
    let state = '';
    if (audit) {
      const r = audit.score.items.find((x) => x.item.id === it.id);
      state = r ? (r.state === 'scored' ? r.earned.toFixed(2) : r.state === 'not-applicable' ? l(locale, '不适用', 'N/A') : '—') : '—';
    } else if (manual) {
      state = covered.has(it.id) ? '✓' : '—';
    }
    out.push(`| ${it.id} | ${it.points} | ${escapeCell(itemTitle(it, locale))} |${showState ? ` ${state} |` : ''}`);
  }
  out.push('');
  if (audit) {
    const g = audit.score.groups.get(id);
    if (g) {
      out.push(
        `**${l(locale, '本报告小计', 'Subtotal in this report')}**: ${g.earned.toFixed(2)} / ${g.applicablePoints.toFixed(2)} ${l(locale, '分', 'points')} (${g.percent.toFixed(2)}%)`,
      );
    }
  } else if (manual) {
    const g = manual.coverage.groups.get(id);
    if (g) out.push(`**${l(locale, '手册覆盖', 'Covered in the manual')}**: ${g.coveredCount} / ${g.totalCount} (${g.coveredPoints.toFixed(2)} / ${g.totalPoints.toFixed(2)} ${l(locale, '分', 'points')})`);
  }
  return trimEnd(out);
}

function unknownHover(id: string, scheme: Scheme, locale: Locale): string {
  const known = [...scheme.items.map((it) => it.id), ...scheme.groups.map((g) => g.id)];
  const suggestions = suggestClauseIds(id, known);
  const out = [
    l(locale, `**${escapeMarkdown(id)}**：评价方案 ${escapeMarkdown(scheme.id)} 中没有此条款。`, `**${escapeMarkdown(id)}**: no such clause in scheme ${escapeMarkdown(scheme.id)}.`),
  ];
  if (suggestions.length > 0) {
    out.push('');
    out.push(l(locale, '您是否要写：', 'Did you mean:'));
    out.push('');
    for (const s of suggestions) {
      const it = scheme.itemById.get(s);
      const title = it ? itemTitle(it, locale) : groupTitle(scheme.groupById.get(s), locale);
      out.push(`- **${s}** ${escapeMarkdown(title)}${it ? ` · ${pointsLabel(it.points, locale)}` : ''}`);
    }
  }
  return out.join('\n');
}

function within(r: Range, p: Position): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

/** The report's total as stated, its verdict, and the unrounded value with the rounding rule. */
export function totalHoverMarkdown(audit: AuditAnalysis, locale: Locale): string {
  const s = audit.score;
  const { decimals, mode } = audit.scheme.rounding;
  const total = s.total.toScore(decimals);
  const verdict = panelVerdictText(audit, locale);
  const modeText = mode === 'truncate' ? l(locale, '截尾', 'truncated') : l(locale, '四舍五入', 'half-up');
  const out = [
    `**${l(locale, '总分', 'Total')} ${total}** · ${escapeMarkdown(verdict)}`,
    '',
    l(
      locale,
      `未修约总分 ${s.exactTotal.toExact()}（指标得分 ${s.baseScore.toExact()} − 特别扣分 ${s.deductionPoints.toExact()} + 特别加分 ${s.bonusApplied.toExact()}）；按评价方案修约到 ${decimals} 位小数（${modeText}），以修约后的总分定星级、门槛和距下一档的分数。`,
      `Unrounded total ${s.exactTotal.toExact()} (base score ${s.baseScore.toExact()} − special deductions ${s.deductionPoints.toExact()} + bonus ${s.bonusApplied.toExact()}); reported with ${decimals} decimals (${modeText}, the scheme's rounding), and the reported total decides the star, the gates and the points to the next tier.`,
    ),
  ];
  return out.join('\n');
}

function trimEnd(lines: string[]): string {
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}
