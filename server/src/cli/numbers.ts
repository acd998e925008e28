import type { Rational } from '../analysis/rational';

/** An exact value with exactly `digits` decimals ("92.00", "30.70", "-3.00"), as the editor's panel shows it. */
export function fixed(r: Rational, digits = 2): string {
  return r.toScore(digits);
}
