/**
 * Exact rational arithmetic on bigint, so that a star boundary ("含70分") is never decided
 * by a binary floating-point rounding like 69.99999999.
 */
export class Rational {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    if (den === 0n) throw new RangeError('Rational with zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num < 0n ? -num : num, den);
    this.num = g > 1n ? num / g : num;
    this.den = g > 1n ? den / g : den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly HUNDRED = new Rational(100n, 1n);

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    return new Rational(BigInt(num), BigInt(den));
  }

  /** Parse an exact decimal such as "82.5", "-3", "1.25". Returns undefined if not a decimal. */
  static parse(text: string): Rational | undefined {
    const m = /^\s*([+-]?)(\d+)(?:\.(\d+))?\s*$/.exec(text);
    if (!m) return undefined;
    const frac = m[3] ?? '';
    const num = BigInt(m[2] + frac) * (m[1] === '-' ? -1n : 1n);
    return new Rational(num, 10n ** BigInt(frac.length));
  }

  /** From a JS number that is an exact short decimal in JSON (e.g. 1.5 points). */
  static fromNumber(n: number): Rational {
    if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
    const r = Rational.parse(String(n));
    if (!r) throw new RangeError(`not a plain decimal: ${n}`);
    return r;
  }

  add(o: Rational): Rational {
    return new Rational(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return new Rational(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return new Rational(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    return new Rational(this.num * o.den, this.den * o.num);
  }
  cmp(o: Rational): number {
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.cmp(o) === 0;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  min(o: Rational): Rational {
    return this.cmp(o) <= 0 ? this : o;
  }
  max(o: Rational): Rational {
    return this.cmp(o) >= 0 ? this : o;
  }
  /**
   * This value rounded to `digits` decimals: `half-up` rounds a half away from zero (89.995 →
   * 90.00), `truncate` drops the further digits (89.999 → 89.99; −3.456 → −3.45), `up` goes
   * to the next step away from zero whenever anything is dropped (0.001 → 0.01).
   */
  round(digits: number, mode: 'half-up' | 'truncate' | 'up' = 'half-up'): Rational {
    const scale = 10n ** BigInt(digits);
    const neg = this.num < 0n;
    const abs = (neg ? -this.num : this.num) * scale;
    let q: bigint;
    if (mode === 'truncate') q = abs / this.den;
    else if (mode === 'up') q = (abs + this.den - 1n) / this.den;
    else q = (abs * 2n + this.den) / (this.den * 2n);
    return new Rational(neg ? -q : q, scale);
  }
  /**
   * The exact decimal when it has at most `maxDigits` fraction digits ("89.999"), else the
   * first `maxDigits` digits and "…" ("89.99489795…"): for showing an unrounded value.
   */
  toExact(maxDigits = 8): string {
    const truncated = this.round(maxDigits, 'truncate');
    const text = truncated.toFixed(maxDigits);
    return truncated.eq(this) ? text : `${text}…`;
  }
  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }
  /**
   * Decimal text with at most `digits` fraction digits, rounded half away from zero, trailing
   * zeros dropped ("86.25", "70", "33.33").
   */
  toFixed(digits = 2): string {
    const scale = 10n ** BigInt(digits);
    const neg = this.num < 0n;
    const abs = neg ? -this.num : this.num;
    const scaled = (abs * scale * 2n + this.den) / (this.den * 2n);
    const int = scaled / scale;
    let frac = (scaled % scale).toString().padStart(digits, '0').replace(/0+$/, '');
    const text = frac ? `${int}.${frac}` : `${int}`;
    frac = '';
    return neg && scaled !== 0n ? `-${text}` : text;
  }
  /** Decimal text with exactly `digits` fraction digits ("92.00", "30.70"): how scores are shown. */
  toScore(digits = 2): string {
    const s = this.toFixed(digits);
    if (digits === 0) return s;
    const [int, frac = ''] = s.split('.');
    return `${int}.${frac.padEnd(digits, '0')}`;
  }
  toString(): string {
    return this.toFixed(4);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

export function sum(values: Iterable<Rational>): Rational {
  let s = Rational.ZERO;
  for (const v of values) s = s.add(v);
  return s;
}
