/**
 * CI gates: `--min-star`, `--min-score`, `--min-coverage`, `--max-warnings`, plus the rule that
 * any error fails the check. Numbers compare exactly (a total of exactly 80 meets `--min-score 80`).
 */
import type { AuditAnalysis, ManualAnalysis } from '../analysis/workspace';
import { Rational } from '../analysis/rational';
import type { Locale } from '../model/problems';
import type { Scheme, Tier } from '../scheme/types';
import { UsageError } from './errors';
import { tierName } from './i18n';
import type { OutCounts, OutGateCheck } from './report';
import { verdictText } from './build';
import { fixed } from './numbers';

export interface GateOptions {
  minStar?: string;
  minScore?: string;
  minCoverage?: string;
  maxWarnings?: string;
  /** Fail when a report tracks more than this many NCs not closed (observations do not count). */
  maxOpenNc?: string;
  /** Fail when a report tracks a major NC that is not closed. */
  failOnMajorNc?: boolean;
}

/** Parse a gate number; a UsageError names the flag when it is not one. */
export function parseGateNumber(flag: string, value: string, integer = false): Rational {
  const r = Rational.parse(value);
  if (!r || r.cmp(Rational.ZERO) < 0 || (integer && r.den !== 1n)) {
    throw new UsageError(`${flag} expects a ${integer ? 'whole ' : ''}number ≥ 0, not "${value}"`);
  }
  return r;
}

/** The tier `--min-star` names in a scheme: by ID, by name (either language), or by number of stars. */
export function findTier(scheme: Scheme, value: string): Tier | undefined {
  const v = value.trim().toLowerCase();
  const byName = scheme.tiers.find((t) => t.id.toLowerCase() === v || t.name.zh?.toLowerCase() === v || t.name.en?.toLowerCase() === v);
  if (byName) return byName;
  if (/^\d+$/.test(v)) return scheme.tiers.find((t) => t.stars >= Number(v));
  return undefined;
}

/** Check the flags early (before any analysis) so bad usage exits 2 at once. */
export function validateGateOptions(o: GateOptions, schemes: Scheme[]): void {
  if (o.minScore !== undefined) parseGateNumber('--min-score', o.minScore);
  if (o.minCoverage !== undefined) parseGateNumber('--min-coverage', o.minCoverage);
  if (o.maxWarnings !== undefined) parseGateNumber('--max-warnings', o.maxWarnings, true);
  if (o.maxOpenNc !== undefined) parseGateNumber('--max-open-nc', o.maxOpenNc, true);
  if (o.minStar !== undefined && !schemes.some((s) => findTier(s, o.minStar!))) {
    const known = schemes[0].tiers.map((t) => `${t.id} (${t.name.zh ?? t.name.en ?? ''}, ${t.stars})`).join(', ');
    throw new UsageError(`--min-star "${o.minStar}" is not a star tier of scheme ${schemes[0].id}; use one of ${known}`);
  }
}

export function evaluateGates(
  o: GateOptions,
  input: { manual?: ManualAnalysis; audits: { file: string; analysis: AuditAnalysis }[]; counts: OutCounts; locale: Locale },
): OutGateCheck[] {
  const { locale } = input;
  const zh = locale === 'zh';
  const gates: OutGateCheck[] = [];
  gates.push({
    gate: 'errors',
    required: '0',
    actual: String(input.counts.errors),
    passed: input.counts.errors === 0,
    message: zh ? `错误数 ${input.counts.errors}（须为 0）` : `${input.counts.errors} error(s) (must be 0)`,
  });
  if (o.minCoverage !== undefined) {
    const min = parseGateNumber('--min-coverage', o.minCoverage);
    const c = input.manual?.coverage;
    const actual = c ? c.percentByPoints : undefined;
    const passed = actual !== undefined && actual.cmp(min) >= 0;
    gates.push({
      gate: 'min-coverage',
      required: fixed(min),
      actual: actual ? fixed(actual) : 'none',
      passed,
      message: !c
        ? zh
          ? `覆盖率 ≥ ${fixed(min)}%：未找到服务手册`
          : `coverage ≥ ${fixed(min)}%: no manual found`
        : zh
          ? `覆盖率 ${fixed(actual!)}%（要求 ≥ ${fixed(min)}%）`
          : `coverage ${fixed(actual!)}% (required ≥ ${fixed(min)}%)`,
    });
  }
  if (o.minScore !== undefined) {
    const min = parseGateNumber('--min-score', o.minScore);
    if (input.audits.length === 0) gates.push(noReport('min-score', fixed(min), locale));
    for (const { file, analysis } of input.audits) {
      const total = analysis.score.total;
      const passed = total.cmp(min) >= 0;
      gates.push({
        gate: 'min-score',
        required: fixed(min),
        actual: fixed(total),
        passed,
        file,
        message: zh ? `${file}：总分 ${fixed(total)}（要求 ≥ ${fixed(min)}）` : `${file}: total ${fixed(total)} (required ≥ ${fixed(min)})`,
      });
    }
  }
  if (o.minStar !== undefined) {
    if (input.audits.length === 0) gates.push(noReport('min-star', o.minStar, locale));
    for (const { file, analysis } of input.audits) {
      const scheme = analysis.scheme;
      const required = findTier(scheme, o.minStar);
      const s = analysis.score;
      const rank = s.tier ? scheme.tiers.indexOf(s.tier) : -1;
      const passed = required !== undefined && s.verdict === 'tier' && rank >= scheme.tiers.indexOf(required);
      const want = required ? tierName(required, locale) : o.minStar;
      gates.push({
        gate: 'min-star',
        required: required?.id ?? o.minStar,
        actual: s.tier?.id ?? s.verdict,
        passed,
        file,
        message: zh ? `${file}：${verdictText(s, locale)}（要求 ≥ ${want}）` : `${file}: ${verdictText(s, locale)} (required ≥ ${want})`,
      });
    }
  }
  if (o.maxOpenNc !== undefined) {
    const max = parseGateNumber('--max-open-nc', o.maxOpenNc, true);
    if (input.audits.length === 0) gates.push(noReport('max-open-nc', max.toFixed(0), locale));
    for (const { file, analysis } of input.audits) {
      const open = analysis.open;
      const ids = open.map((n) => n.id).join(', ');
      gates.push({
        gate: 'max-open-nc',
        required: max.toFixed(0),
        actual: String(open.length),
        passed: Rational.of(open.length).cmp(max) <= 0,
        file,
        message: zh
          ? `${file}：未关闭不符合项 ${open.length} 个${ids ? `（${ids}）` : ''}（最多 ${max.toFixed(0)}）`
          : `${file}: ${open.length} non-conformity(ies) not closed${ids ? ` (${ids})` : ''} (at most ${max.toFixed(0)})`,
      });
    }
  }
  if (o.failOnMajorNc) {
    if (input.audits.length === 0) gates.push(noReport('fail-on-major-nc', '0', locale));
    for (const { file, analysis } of input.audits) {
      const major = analysis.open.filter((n) => n.severity === 'major');
      const ids = major.map((n) => n.id).join(', ');
      gates.push({
        gate: 'fail-on-major-nc',
        required: '0',
        actual: String(major.length),
        passed: major.length === 0,
        file,
        message: zh
          ? `${file}：未关闭的严重不符合项 ${major.length} 个${ids ? `（${ids}）` : ''}（须为 0）`
          : `${file}: ${major.length} major non-conformity(ies) not closed${ids ? ` (${ids})` : ''} (must be 0)`,
      });
    }
  }
  if (o.maxWarnings !== undefined) {
    const max = parseGateNumber('--max-warnings', o.maxWarnings, true);
    const n = input.counts.warnings;
    gates.push({
      gate: 'max-warnings',
      required: max.toFixed(0),
      actual: String(n),
      passed: Rational.of(n).cmp(max) <= 0,
      message: zh ? `警告数 ${n}（最多 ${max.toFixed(0)}）` : `${n} warning(s) (at most ${max.toFixed(0)})`,
    });
  }
  return gates;
}

function noReport(gate: 'min-score' | 'min-star' | 'max-open-nc' | 'fail-on-major-nc', required: string, locale: Locale): OutGateCheck {
  return {
    gate,
    required,
    actual: 'none',
    passed: false,
    message: locale === 'zh' ? `--${gate}${gate === 'fail-on-major-nc' ? '' : ` ${required}`}：未找到审核报告` : `--${gate}${gate === 'fail-on-major-nc' ? '' : ` ${required}`}: no audit report found`,
  };
}
