/**
 * `gbt27922 catalog`: the scheme's groups and items with points and requirement text (as the
 * standard writes it), its scoring bands, special rules and star tiers. `--format json` gives
 * the same as data; `markdown` a table.
 */
import { sum } from '../../analysis/rational';
import { itemPoints } from '../../analysis/scoring';
import type { Locale } from '../../model/problems';
import type { ClauseItem, Scheme } from '../../scheme/types';
import { COLOR, PLAIN, useColor, type Palette } from '../color';
import { groupTitle, itemTitle, localized, pointsText, schemeName, t, tierName } from '../i18n';
import { assertUsableProject, loadProject } from '../project';
import { mdEscape } from '../format/markdown';
import { jsonText, markdownCode, printableDeep } from '../format/printable';
import { TOOL } from '../tool';
import { parseFormat, type CommandIo } from './check';

export interface CatalogOptions {
  format?: string;
  scheme?: string;
  config?: string;
  locale?: string;
  color?: boolean;
}

export interface CatalogReport {
  tool: typeof TOOL;
  locale: Locale;
  scheme: { id: string; name: string; origin: string; source?: string; extends: string[] };
  totalPoints: string;
  itemCount: number;
  groups: { id: string; title: string; parent?: string; points: string; itemCount: number }[];
  items: { id: string; title: string; points: string; requirement: string; group: string; section: string }[];
  bands: { id: string; min: number; max: number; descriptions: string[] }[];
  special: { deduction: { pointsEach: number; failAbove: number; rule: string }; bonus: { pointsEach: number; cap: number; rule: string } };
  tiers: { id: string; name: string; stars: number; minScore: number; gates: { id: string; metric: string; min: number; description: string }[] }[];
  metrics: { id: string; name: string; unit: string; min: number; max: number; aliases: string[] }[];
}

function points(items: ClauseItem[]): string {
  return sum(items.map(itemPoints)).toFixed(4);
}

export function buildCatalogReport(scheme: Scheme, locale: Locale): CatalogReport {
  return {
    tool: TOOL,
    locale,
    scheme: { id: scheme.id, name: schemeName(scheme, locale), origin: scheme.origin, ...(scheme.source ? { source: scheme.source } : {}), extends: scheme.extendsChain },
    totalPoints: points(scheme.items),
    itemCount: scheme.items.length,
    groups: scheme.groups.map((g) => {
      const members = scheme.items.filter((i) => i.group === g.id || i.section === g.id);
      return { id: g.id, title: groupTitle(g, locale), ...(g.parent ? { parent: g.parent } : {}), points: points(members), itemCount: members.length };
    }),
    items: scheme.items.map((i) => ({ id: i.id, title: itemTitle(i, locale), points: i.points, requirement: i.requirement, group: i.group, section: i.section })),
    bands: scheme.bands.map((b) => ({ id: b.id, min: b.min, max: b.max, descriptions: b.descriptions })),
    special: {
      deduction: { pointsEach: scheme.deduction.pointsEach, failAbove: scheme.deduction.failAbove, rule: scheme.deduction.rule },
      bonus: { pointsEach: scheme.bonus.pointsEach, cap: scheme.bonus.cap, rule: scheme.bonus.rule },
    },
    tiers: scheme.tiers.map((tier) => ({
      id: tier.id,
      name: tierName(tier, locale),
      stars: tier.stars,
      minScore: tier.minScore,
      gates: tier.gates.map((g) => ({ id: g.id, metric: g.metric, min: g.min, description: localized(g.description, locale) })),
    })),
    metrics: scheme.metrics.map((m) => ({ id: m.id, name: localized(m.name, locale) || m.id, unit: m.unit, min: m.min, max: m.max, aliases: m.aliases })),
  };
}

export function runCatalog(o: CatalogOptions, io: CommandIo): number {
  const format = parseFormat(o.format, ['text', 'json', 'markdown']);
  const project = loadProject({ paths: ['.'], config: o.config, scheme: o.scheme, locale: o.locale, cwd: io.cwd, env: io.env });
  assertUsableProject(project);
  const report = buildCatalogReport(project.scheme, project.locale);
  if (format === 'json') io.stdout.write(jsonText(report) + '\n');
  else if (format === 'markdown') io.stdout.write(catalogMarkdown(printableDeep(report)));
  else io.stdout.write(catalogText(printableDeep(report), useColor(o.color, io.stdout, io.env) ? COLOR : PLAIN));
  return 0;
}

/** "1.5000" → "1.5"; "40.0000" → "40". */
function trim(p: string): string {
  return p.includes('.') ? p.replace(/0+$/, '').replace(/\.$/, '') : p;
}

export function catalogText(r: CatalogReport, c: Palette): string {
  const L = r.locale;
  const zh = L === 'zh';
  const out: string[] = [];
  out.push(`${c.bold(r.scheme.name)} (${r.scheme.id}): ${r.itemCount} ${t('items', L)}, ${trim(r.totalPoints)} ${t('points', L)}`);
  const groupsById = new Map(r.groups.map((g) => [g.id, g]));
  let lastGroup = '';
  let lastSection = '';
  for (const item of r.items) {
    if (item.section !== lastSection) {
      const s = groupsById.get(item.section);
      out.push('', c.bold(`${item.section} ${s?.title ?? ''} (${pointsText(trim(s?.points ?? '0'), L)})`));
      lastSection = item.section;
    }
    if (item.group !== lastGroup && item.group !== item.section) {
      const g = groupsById.get(item.group);
      out.push(`  ${item.group} ${g?.title ?? ''} (${pointsText(trim(g?.points ?? '0'), L)})`);
    }
    lastGroup = item.group;
    out.push(`    ${c.cyan(item.id)}  ${pointsText(item.points, L).padStart(zh ? 5 : 10)}  ${item.requirement}`);
  }
  out.push('', c.bold(`${t('bands', L)}:`));
  for (const b of r.bands) out.push(`  ${b.min}–${b.max}%  ${b.descriptions.join(zh ? '；' : '; ')}`);
  out.push('', c.bold(`${t('tiers', L)}:`));
  for (const tier of r.tiers) {
    const gates = tier.gates.map((g) => g.description || `${g.metric} ≥ ${g.min}`);
    out.push(`  ≥ ${tier.minScore}  ${tier.name}${gates.length ? ` (${gates.join(zh ? '；' : '; ')})` : ''}`);
  }
  out.push(
    '',
    zh
      ? `${t('deductions', L)}：每项 ${r.special.deduction.pointsEach} 分，合计超过 ${r.special.deduction.failAbove} 分不通过；${t('bonus', L)}：最多 ${r.special.bonus.cap} 分`
      : `${t('deductions', L)}: ${r.special.deduction.pointsEach} point each, more than ${r.special.deduction.failAbove} fails; ${t('bonus', L)}: at most ${r.special.bonus.cap}`,
  );
  return out.join('\n') + '\n';
}

export function catalogMarkdown(r: CatalogReport): string {
  const L = r.locale;
  const out = [`## ${mdEscape(r.scheme.name)} (${markdownCode(r.scheme.id, false)})`, '', `${r.itemCount} ${t('items', L)}, ${trim(r.totalPoints)} ${t('points', L)}`, ''];
  out.push(`| ${t('item', L)} | ${t('points', L)} | ${t('requirement', L)} |`, '| --- | ---: | --- |');
  for (const i of r.items) out.push(`| ${i.id} | ${i.points} | ${mdEscape(i.requirement)} |`);
  out.push('');
  return out.join('\n');
}

