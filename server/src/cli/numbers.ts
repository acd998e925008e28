import type { Rational } from '../analysis/rational';

/** An exact value with exactly `digits` decimals ("92.00", "30.70", "-3.00"), rounded half up. */
export function fixed(r: Rational, digits = 2): string {
  const s = r.toFixed(digits);
  if (digits === 0) return s;
  const [int, frac = ''] = s.split('.');
  return `${int}.${frac.padEnd(digits, '0')}`;
}
