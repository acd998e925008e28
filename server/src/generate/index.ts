/**
 * Document generators, pure (scheme in, Markdown out), shared by `gbt27922 init` and the
 * language server's "generate audit checklist / manual skeleton" commands.
 *
 * - The audit checklist is a report our parser reads back as an audit with one entry per
 *   applicable item (score and evidence left blank: the editor flags each until filled in).
 *   Its instructions, followed to the letter, give a report with no problem (tested).
 * - The manual skeleton is a manual whose every item has its own tagged section, empty (so each
 *   is flagged "claimed but not addressed" until written), grouped under the scheme's groups,
 *   with each group's requirements listed as a table for the writer.
 */
import type { Locale } from '../model/problems';
import type { ClauseGroup, ClauseItem, Scheme } from '../scheme/types';
import { DEFAULT_SCHEME_ID } from '../scheme/loader';
import { Rational, sum } from '../analysis/rational';

export interface GenerateOptions {
  organisation?: string;
  locale: Locale;
  /** Written to front matter `scheme:` (default: the scheme's ID unless it is the default scheme). */
  schemeRef?: string;
  /** Audit only: the report date (front matter `date:`); default left blank. */
  date?: string;
}

const YAML_PLAIN = /^[^\s#:'"{}[\],&*!|>%@`-][^#:\n]*$/;

function yamlValue(s: string): string {
  return YAML_PLAIN.test(s) && s.trim() === s ? s : JSON.stringify(s);
}

function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function groupTitle(g: ClauseGroup | undefined, locale: Locale): string {
  if (!g) return '';
  return (locale === 'zh' ? (g.title.zh ?? g.title.en) : (g.title.en ?? g.title.zh)) ?? '';
}

/** A short heading for an item: its title, or in Chinese the first phrase of the requirement. */
export function itemHeading(item: ClauseItem, locale: Locale): string {
  if (locale === 'en' && item.title.en) return item.title.en;
  if (item.title.zh) return item.title.zh;
  // The requirement's first phrases, enough of them to say something (≥ 8 characters).
  let head = '';
  for (const phrase of item.requirement.split(/[,，;；。:：]/)) {
    const p = phrase.trim();
    if (!p) continue;
    head = head ? `${head}，${p}` : p;
    if (head.length >= 8) break;
  }
  return head || item.title.en || item.id;
}

function frontMatter(kind: 'manual' | 'audit', scheme: Scheme, o: GenerateOptions, extra: string[] = []): string[] {
  const lines = ['---', `type: ${kind}`];
  if (o.organisation) lines.push(`organisation: ${yamlValue(o.organisation)}`);
  const ref = o.schemeRef ?? (scheme.id !== DEFAULT_SCHEME_ID ? scheme.id : undefined);
  if (ref) lines.push(`scheme: ${yamlValue(ref)}`);
  lines.push(...extra, '---', '');
  return lines;
}

/** Sections (5.1, 5.2, …) in scheme order, each with its second-level groups and their items. */
function outline(scheme: Scheme): { section: ClauseGroup; groups: { group: ClauseGroup; items: ClauseItem[] }[]; direct: ClauseItem[] }[] {
  const sectionIds = new Set(scheme.items.map((i) => i.section));
  const result = scheme.groups
    .filter((g) => sectionIds.has(g.id))
    .map((section) => ({ section, groups: [] as { group: ClauseGroup; items: ClauseItem[] }[], direct: [] as ClauseItem[] }));
  const bySection = new Map(result.map((r) => [r.section.id, r]));
  for (const item of scheme.items) {
    const s = bySection.get(item.section);
    if (!s) continue;
    const groupDef = item.group !== item.section ? scheme.groupById.get(item.group) : undefined;
    if (!groupDef) {
      s.direct.push(item);
      continue;
    }
    let g = s.groups.find((x) => x.group.id === item.group);
    if (!g) s.groups.push((g = { group: groupDef, items: [] }));
    g.items.push(item);
  }
  return result;
}

function sumPoints(items: ClauseItem[]): string {
  return sum(items.map((i) => Rational.parse(i.points) ?? Rational.ZERO)).toFixed(4);
}

/** "（40 分）" / " (40 points)". */
function pointsNote(points: string, locale: Locale): string {
  return locale === 'zh' ? `（${points} 分）` : ` (${points} ${points === '1' ? 'point' : 'points'})`;
}

/**
 * An audit checklist: one table row per item (clause, requirement, score, evidence, notes) to fill
 * in. The requirement sits in a column of its own that is never read as notes or as the reason
 * for `不适用` (the notes column starts empty); the scheme's metrics are a valid YAML mapping whose
 * values are filled in after the colons. test/cli/inputs.test.ts follows these instructions.
 */
export function generateAuditChecklist(scheme: Scheme, o: GenerateOptions): string {
  const zh = o.locale === 'zh';
  const extra = [`date: ${o.date ? yamlValue(o.date) : '""'}`];
  if (scheme.metrics.length) {
    const width = Math.max(...scheme.metrics.map((m) => m.id.length)) + 1;
    extra.push(zh ? 'metrics:  # 评价方案的附加指标：在各项冒号后填写数值，如 93%' : "metrics:  # the scheme's extra metrics: write each value after its colon, e.g. 93%");
    for (const m of scheme.metrics) extra.push(`  ${`${m.id}:`.padEnd(width + 1)} # ${(zh ? m.name.zh : m.name.en) ?? m.name.zh ?? m.id}`);
  }
  const out = frontMatter('audit', scheme, o, extra);
  const org = o.organisation ? `${o.organisation} ` : '';
  out.push(zh ? `# ${org}售后服务认证审核报告` : `# ${org}After-sales service audit report`, '');
  out.push(
    zh
      ? '> 每项在“得分”栏填写得分（如 `80%`、`4/5`、`4分`）、在“证据”栏填写可追溯证据；不适用的项在“得分”栏写 `不适用`，并在“备注”栏写明理由。得分按该项分值的 0–20/20–40/40–60/60–80/80–100 % 档次评定。'
      : '> For each item write the score in the Score column (`80%`, `4/5`, `4分`) and traceable evidence in the Evidence column; for an item that does not apply write `N/A` as the score and the reason in the Notes column. Scores follow the 0–20/20–40/40–60/60–80/80–100 % bands of the item\'s points.',
    '',
  );
  const header = zh ? '| 条款 | 要求 | 得分 | 证据 | 备注 |' : '| Clause | Requirement | Score | Evidence | Notes |';
  for (const { section, groups, direct } of outline(scheme)) {
    const sectionItems = [...direct, ...groups.flatMap((g) => g.items)];
    out.push(`## ${section.id} ${groupTitle(section, o.locale)}${pointsNote(sumPoints(sectionItems), o.locale)}`, '');
    const blocks = [...(direct.length ? [{ group: undefined as ClauseGroup | undefined, items: direct }] : []), ...groups.map((g) => ({ group: g.group as ClauseGroup | undefined, items: g.items }))];
    for (const { group, items } of blocks) {
      if (!items.length) continue;
      if (group) out.push(`### ${group.id} ${groupTitle(group, o.locale)}`, '');
      out.push(header, '| --- | --- | --- | --- | --- |');
      for (const item of items) {
        out.push(`| [${item.id}] | ${cell(itemHeading(item, o.locale))}${pointsNote(item.points, o.locale)} |  |  |  |`);
      }
      out.push('');
    }
  }
  out.push(zh ? '## 特别扣分与特别加分' : '## Special deductions and bonus', '');
  out.push(
    zh
      ? `每项特别扣分写一行 \`- [扣分] 理由\`（每项 ${scheme.deduction.pointsEach} 分，合计超过 ${scheme.deduction.failAbove} 分不通过）；特别加分写 \`- [加分] 理由\`（最多 ${scheme.bonus.cap} 分）。`
      : `One line per special deduction: \`- [deduction] reason\` (${scheme.deduction.pointsEach} point each; more than ${scheme.deduction.failAbove} points fails the certification); special bonus: \`- [bonus] reason\` (at most ${scheme.bonus.cap} point).`,
    '',
  );
  return out.join('\n');
}

/** A manual skeleton: every item its own tagged, empty section, with the group's requirements above. */
export function generateManualSkeleton(scheme: Scheme, o: GenerateOptions): string {
  const zh = o.locale === 'zh';
  const out = frontMatter('manual', scheme, o, ['root: true']);
  const org = o.organisation ? `${o.organisation} ` : '';
  out.push(zh ? `# ${org}售后服务手册` : `# ${org}After-sales service manual`, '');
  out.push(
    zh
      ? '> 手册骨架：每个带条款标记的小节写明企业的做法、职责和记录。空小节会提示“已声明但未阐述”，写完即消失。'
      : '> Manual skeleton: under each tagged heading describe what the company does, who is responsible and which records prove it. Empty sections are flagged "claimed but not addressed" until written.',
    '',
  );
  const header = zh ? '| 指标 | 分值 | 要求 |' : '| Item | Points | Requirement |';
  for (const { section, groups, direct } of outline(scheme)) {
    out.push(`## ${section.id} ${groupTitle(section, o.locale)}`, '');
    const blocks = [...(direct.length ? [{ group: undefined as ClauseGroup | undefined, items: direct }] : []), ...groups.map((g) => ({ group: g.group as ClauseGroup | undefined, items: g.items }))];
    for (const { group, items } of blocks) {
      if (!items.length) continue;
      if (group) out.push(`### ${group.id} ${groupTitle(group, o.locale)}`, '');
      out.push(header, '| --- | --- | --- |');
      for (const item of items) out.push(`| ${item.id} | ${item.points} | ${cell(item.requirement)} |`);
      out.push('');
      const level = group ? '####' : '###';
      for (const item of items) out.push(`${level} ${itemHeading(item, o.locale)} [${item.id}]`, '');
    }
  }
  return out.join('\n');
}
