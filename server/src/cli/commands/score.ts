/**
 * `gbt27922 score <report>`: one audit report in detail — total and star, group subtotals,
 * special items, gates of the scheme's tiers, unscored items, what the next tier needs, and
 * the report's problems.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseSide, createParser } from '../analyze';
import { countProblems, nextText, outAudit, renderProblems } from '../build';
import { COLOR, PLAIN, useColor, type Palette } from '../color';
import { UsageError } from '../errors';
import { evaluateGates, validateGateOptions, type GateOptions } from '../gates';
import { groupTitle, t } from '../i18n';
import { assertUsableProject, loadProject } from '../project';
import type { OutAudit, OutGateCheck, OutProblem } from '../report';
import { WorkingTree } from '../sources';
import { TOOL } from '../tool';
import { mdEscape, ncTable } from '../format/markdown';
import { jsonText, markdownCode, printableDeep } from '../format/printable';
import { auditCycleLines, problemLine } from '../format/text';
import { parseFormat, type CommandIo } from './check';
import { parseAsOf } from '../asOf';
import { fixed } from '../numbers';

export interface ScoreOptions {
  format?: string;
  config?: string;
  scheme?: string;
  locale?: string;
  minStar?: string;
  minScore?: string;
  maxOpenNc?: string;
  failOnMajorNc?: boolean;
  asOf?: string;
  color?: boolean;
  /** Also the unrounded total and the rounding rule. */
  verbose?: boolean;
}

export interface GroupLine {
  id: string;
  title: string;
  level: 1 | 2;
  earned: string;
  applicable: string;
  max: string;
  percent: string;
}

export interface ScoreReport {
  tool: typeof TOOL;
  locale: 'en' | 'zh';
  asOf: string;
  audit: OutAudit;
  /**
   * How the base score comes from the applicable items (the N/A normalisation): points earned
   * (exact) of the applicable points, × 100 / applicable points, = base score.
   */
  base: { earned: string; applicablePoints: string; baseScore: string };
  verbose: boolean;
  groups: GroupLine[];
  problems: OutProblem[];
  gates: OutGateCheck[];
  result: 'pass' | 'fail';
  exitCode: number;
}

export async function runScore(file: string, o: ScoreOptions, io: CommandIo): Promise<number> {
  const format = parseFormat(o.format, ['text', 'json', 'markdown']);
  const { side, analysis, project } = await analyseOneReport(file, o, io);
  const L = project.locale;
  const problems = renderProblems(side, project);
  const counts = countProblems(problems);
  const audit = outAudit(analysis, side, L);
  const gates = evaluateGates(o, { audits: [{ file: audit.file, analysis }], counts, locale: L });
  const groups: GroupLine[] = [];
  for (const [id, g] of analysis.score.groups) {
    const def = analysis.scheme.groupById.get(id);
    groups.push({
      id,
      title: groupTitle(def, L),
      level: def?.parent ? 2 : 1,
      earned: fixed(g.earned),
      applicable: fixed(g.applicablePoints),
      max: fixed(g.maxPoints),
      percent: fixed(g.percent),
    });
  }
  const pass = gates.every((g) => g.passed);
  const base = { earned: analysis.score.earned.toExact(4), applicablePoints: analysis.score.applicablePoints.toExact(4), baseScore: audit.baseScore };
  const report: ScoreReport = { tool: TOOL, locale: L, asOf: analysis.asOf, audit, base, verbose: !!o.verbose, groups, problems, gates, result: pass ? 'pass' : 'fail', exitCode: pass ? 0 : 1 };
  if (format === 'json') io.stdout.write(jsonText(report) + '\n');
  else if (format === 'markdown') io.stdout.write(scoreMarkdown(printableDeep(report)));
  else io.stdout.write(scoreText(printableDeep(report), useColor(o.color, io.stdout, io.env) ? COLOR : PLAIN));
  return report.exitCode;
}

/** Read, parse and analyse one audit report (with its certification cycle); usage errors for anything else. */
export async function analyseOneReport(file: string, o: Pick<ScoreOptions, 'config' | 'scheme' | 'locale' | 'asOf'> & GateOptions, io: CommandIo) {
  const abs = path.resolve(io.cwd, file);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) throw new UsageError(`cannot read ${file}: no such file`);
  const project = loadProject({ paths: [file], config: o.config, scheme: o.scheme, locale: o.locale, cwd: io.cwd, env: io.env });
  assertUsableProject(project);
  validateGateOptions(o, [project.scheme]);
  const asOf = parseAsOf(o.asOf);
  const tree = new WorkingTree(project);
  const collected = tree.collect([file]);
  const parser = createParser();
  const side = await analyseSide(project, tree, [file], parser, collected, { asOf });
  await parser.dispose();
  const f = side.files[0];
  if (!f) throw new UsageError(`cannot read ${file}: excluded by the config`);
  if (side.unreadable.length) throw new UsageError(`cannot read ${file}: ${side.unreadable[0].reason}`);
  const analysis = side.workspace.audits.find((a) => a.uri === f.rel);
  if (!analysis) {
    throw new UsageError(`${file} is not an audit report (no scored entries and no "type: audit" in its front matter)`);
  }
  return { side, analysis, project };
}

export function scoreText(r: ScoreReport, c: Palette): string {
  const L = r.locale;
  const zh = L === 'zh';
  const a = r.audit;
  const out: string[] = [];
  out.push(`${c.bold(t('report', L))} ${a.file} (${a.scheme.id})`);
  if (a.organisation) out.push(`${zh ? '组织' : 'Organisation'}: ${a.organisation}`);
  const star = a.verdict === 'tier' ? c.green(a.star) : a.verdict === 'incomplete' ? c.yellow(a.star) : c.red(a.star);
  out.push(`${zh ? '总分' : 'Total'}: ${c.bold(a.total)} — ${star}`);
  if (r.verbose) out.push(`  ${roundingText(a, L)}`);
  const special = [`${zh ? '指标得分' : 'base score'} ${baseText(r, L)}`];
  if (a.deductions.count) special.push(`${t('deductions', L)} ${a.deductions.count} (−${a.deductions.points})`);
  if (Number(a.bonus.claimed) !== 0) special.push(`${t('bonus', L)} +${a.bonus.applied}${a.bonus.claimed !== a.bonus.applied ? ` (${zh ? '申报' : 'claimed'} ${a.bonus.claimed}, ${zh ? '上限' : 'cap'} ${a.bonus.cap})` : ''}`);
  out.push(`  ${special.join(', ')}`);
  out.push('');
  const width = Math.max(...r.groups.map((g) => g.id.length + (g.level === 2 ? 2 : 0)), 4);
  for (const g of r.groups) {
    const indent = g.level === 2 ? '  ' : '';
    const label = `${indent}${g.id}`.padEnd(width);
    const nums = `${g.earned}/${g.applicable}`.padStart(12);
    out.push(`${g.level === 1 ? c.bold(label) : label}  ${nums}  ${`${g.percent}%`.padStart(7)}  ${g.title}`);
  }
  out.push('');
  out.push(
    zh
      ? `已评分 ${a.scored}/${a.applicable} 项适用指标；不适用 ${a.notApplicable} 项`
      : `Scored ${a.scored} of ${a.applicable} applicable items; ${a.notApplicable} not applicable`,
  );
  if (a.unscored.length) out.push(`${t('unscored', L)}: ${a.unscored.map((i) => `${i.id} ${i.title} (${i.points})`).join(zh ? '；' : '; ')}`);
  for (const g of a.failedGates) out.push(`${c.yellow(t('gateFailed', L))}: ${g.description}${g.actual !== undefined ? ` (${g.actual})` : ''}`);
  if (a.next) out.push(`${t('next', L)}: ${nextText(a.next, L)}`);
  const cycle = auditCycleLines(a, L, c, '');
  if (cycle.length) out.push('', ...cycle);
  if (r.problems.length) {
    out.push('');
    for (const p of r.problems) out.push(problemLine(p, L, c));
  }
  const shown = r.gates.filter((g) => g.gate !== 'errors' || !g.passed);
  if (shown.length) {
    out.push('', `${c.bold(t('gates', L))}:`);
    for (const g of shown) out.push(`  ${g.passed ? c.green('✓') : c.red('✗')} ${g.message}`);
  }
  return out.join('\n') + '\n';
}

/** "unrounded 89.999; reported with 2 decimals, half-up" — what decides the star is the reported total. */
export function roundingText(a: OutAudit, L: 'en' | 'zh'): string {
  const { decimals, mode } = a.rounding;
  if (L === 'zh') return `未修约总分 ${a.exactTotal}；按评价方案修约到 ${decimals} 位小数（${mode === 'truncate' ? '截尾' : '四舍五入'}），以修约后的总分定星级和门槛`;
  return `unrounded ${a.exactTotal}; reported with ${decimals} decimals, ${mode} (the scheme's rounding), and the reported total decides the star and the gates`;
}

/**
 * The base score, with the N/A normalisation spelled out when not every point is applicable:
 * "79.15 of 97 applicable points × 100/97 = 81.60".
 */
export function baseText(r: ScoreReport, L: 'en' | 'zh'): string {
  const b = r.base;
  if (b.applicablePoints === '100') return b.baseScore;
  if (L === 'zh') return `适用分值 ${b.applicablePoints} 分中得 ${b.earned} 分 × 100/${b.applicablePoints} = ${b.baseScore}`;
  return `${b.earned} of ${b.applicablePoints} applicable points × 100/${b.applicablePoints} = ${b.baseScore}`;
}

export function scoreMarkdown(r: ScoreReport): string {
  const L = r.locale;
  const zh = L === 'zh';
  const a = r.audit;
  const out: string[] = [`## ${t('report', L)} ${markdownCode(a.file, false)}`, '', `**${a.total}** · ${mdEscape(a.star)} (${mdEscape(a.scheme.name)})`, ''];
  out.push(zh ? '| 条款 | 得分 | 适用分值 | 得分率 |' : '| Clause | Earned | Applicable | Percent |', '| --- | ---: | ---: | ---: |');
  for (const g of r.groups) out.push(`| ${g.level === 1 ? `**${g.id} ${mdEscape(g.title)}**` : `${g.id} ${mdEscape(g.title)}`} | ${g.earned} | ${g.applicable} | ${g.percent}% |`);
  out.push('');
  if (a.unscored.length) out.push(`**${t('unscored', L)}:** ${a.unscored.map((i) => `${i.id} ${mdEscape(i.title)}`).join(zh ? '；' : '; ')}`, '');
  out.push(...ncTable(a, L));
  return out.join('\n');
}
