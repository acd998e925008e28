import { Rational } from '../analysis/rational';

/** An exact value with exactly `digits` decimals ("92.00", "30.70", "-3.00"), as the editor's panel shows it. */
export function fixed(r: Rational, digits = 2): string {
  return r.toScore(digits);
}

/** A signed change: "+1.50", "-3.00", "0.00" (`trimmed`: "+1.5", "-3", "0"). */
export function signed(r: Rational, trimmed = false): string {
  const s = trimmed ? r.toFixed(2) : fixed(r);
  return r.cmp(Rational.ZERO) > 0 ? `+${s}` : s;
}
