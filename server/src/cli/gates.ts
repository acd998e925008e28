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

/** `--min-coverage 95`, `95%`, `99.5％`: a percentage from 0 to 100. */
export function parseCoverage(value: string): Rational {
  const r = Rational.parse(value.trim().replace(/\s*[%％]$/, ''));
  if (!r || r.cmp(Rational.ZERO) < 0 || r.cmp(Rational.HUNDRED) > 0) {
    throw new UsageError(`--min-coverage expects a percentage from 0 to 100 (95, 95% or 99.5), not "${value}"`);
  }
  return r;
}

const CHINESE_NUMERALS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** A tier's short Chinese name: 四星级 → 四星, 达标级 → 达标. */
function shortZh(name: string | undefined): string | undefined {
  return name && name.endsWith('级') && name.length > 1 ? name.slice(0, -1) : undefined;
}

/** A number of stars as typed: `4`, `4星`, `四星`, `4-star`, `4 stars`, `four-star`. */
function starsOf(v: string): number | undefined {
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
  const m = /^(\d+|[一二两三四五六七八九十]|zero|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s*(?:星级?|-?\s*stars?))?$/.exec(v);
  if (!m) return undefined;
  if (/^\d+$/.test(m[1])) return Number(m[1]);
  return CHINESE_NUMERALS[m[1]] ?? words.indexOf(m[1]);
}

/**
 * The tier `--min-star` names in a scheme: its ID (`four-star`), its name in either language
 * (`四星级`, `Four stars`), the short Chinese name (`四星`, `达标`), or its number of stars
 * (`4`, `4星`, `four-star`). A number that no tier has (`0`, `1`) names none.
 */
export function findTier(scheme: Scheme, value: string): Tier | undefined {
  const v = value.trim().toLowerCase();
  const byName = scheme.tiers.find((t) => [t.id, t.name.zh, t.name.en, shortZh(t.name.zh)].some((n) => n !== undefined && n.toLowerCase() === v));
  if (byName) return byName;
  const stars = starsOf(v);
  return stars === undefined ? undefined : scheme.tiers.find((t) => t.stars === stars);
}

/** Every form `--min-star` accepts for a scheme, tier by tier ("four-star, 四星级, 四星 or 4"). */
export function tierForms(scheme: Scheme): string {
  return scheme.tiers
    .map((t) => {
      const forms = [...new Set([t.id, t.name.zh, shortZh(t.name.zh)].filter((f): f is string => !!f))];
      return `${forms.join(', ')} or ${t.stars}`;
    })
    .join('; ');
}

/** Check the flags early (before any analysis) so bad usage exits 2 at once. */
export function validateGateOptions(o: GateOptions, schemes: Scheme[]): void {
  if (o.minScore !== undefined) parseGateNumber('--min-score', o.minScore);
  if (o.minCoverage !== undefined) parseCoverage(o.minCoverage);
  if (o.maxWarnings !== undefined) parseGateNumber('--max-warnings', o.maxWarnings, true);
  if (o.maxOpenNc !== undefined) parseGateNumber('--max-open-nc', o.maxOpenNc, true);
  if (o.minStar !== undefined && !schemes.some((s) => findTier(s, o.minStar!))) {
    throw new UsageError(`--min-star "${o.minStar}" is not a star tier of scheme ${schemes[0].id}; use one of: ${tierForms(schemes[0])}`);
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
    const min = parseCoverage(o.minCoverage);
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
      // The total as reported decides; a provisional total (incomplete report) never passes.
      const s = analysis.score;
      const total = fixed(s.total, s.decimals);
      const incomplete = s.verdict === 'incomplete';
      const passed = !incomplete && s.total.cmp(min) >= 0;
      const what = incomplete ? (zh ? `未完成，暂计总分 ${total}` : `incomplete, provisional total ${total}`) : zh ? `总分 ${total}` : `total ${total}`;
      gates.push({
        gate: 'min-score',
        required: fixed(min),
        actual: incomplete ? 'incomplete' : total,
        passed,
        file,
        message: zh ? `${file}：${what}（要求 ≥ ${fixed(min)}）` : `${file}: ${what} (required ≥ ${fixed(min)})`,
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
