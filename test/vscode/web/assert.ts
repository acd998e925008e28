/**
 * `node:assert/strict` for the suite's web build (the web worker extension host has no Node
 * modules): the calls the suite makes, with Node's strict semantics (Object.is, deep equality
 * of plain data, RegExp matches), and messages that show what was seen.
 */
class AssertionError extends Error {
  readonly code = 'ERR_ASSERTION';
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

function show(v: unknown): string {
  try {
    const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v, (_k, x: unknown) => (x instanceof Map ? [...x] : x instanceof Set ? [...x] : x));
    return s === undefined ? String(v) : s.length > 2000 ? `${s.slice(0, 2000)}…` : s;
  } catch {
    return String(v);
  }
}

function fail(message: string | Error | undefined, fallback: string): never {
  if (message instanceof Error) throw message;
  throw new AssertionError(message ?? fallback);
}

function deepEqualValues(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === (b as Date).getTime();
  if (a instanceof RegExp) return String(a) === String(b);
  if (a instanceof Map) {
    const m = b as Map<unknown, unknown>;
    return a.size === m.size && [...a].every(([k, v]) => m.has(k) && deepEqualValues(v, m.get(k)));
  }
  if (a instanceof Set) {
    const s = b as Set<unknown>;
    return a.size === s.size && [...a].every((v) => s.has(v));
  }
  if (ArrayBuffer.isView(a)) {
    const x = a as unknown as ArrayLike<unknown>;
    const y = b as unknown as ArrayLike<unknown>;
    return x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqualValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function ok(value: unknown, message?: string | Error): asserts value {
  if (!value) fail(message, `The expression evaluated to a falsy value: ${show(value)}`);
}

export function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message, `Expected values to be strictly equal:\n${show(actual)} !== ${show(expected)}`);
}

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) fail(message, `Expected "actual" to be strictly unequal to: ${show(expected)}`);
}

export function deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
  if (!deepEqualValues(actual, expected)) fail(message, `Expected values to be strictly deep-equal:\nactual:   ${show(actual)}\nexpected: ${show(expected)}`);
}

export function notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (deepEqualValues(actual, expected)) fail(message, `Expected "actual" not to be strictly deep-equal to: ${show(expected)}`);
}

export function match(actual: string, re: RegExp, message?: string | Error): void {
  if (typeof actual !== 'string' || !re.test(actual)) fail(message, `The input did not match the regular expression ${String(re)}. Input:\n${show(actual)}`);
}

export function doesNotMatch(actual: string, re: RegExp, message?: string | Error): void {
  if (typeof actual !== 'string' || re.test(actual)) fail(message, `The input was expected to not match the regular expression ${String(re)}. Input:\n${show(actual)}`);
}

function failAssert(message?: string | Error): never {
  return fail(message, 'Failed');
}
export { failAssert as fail };

export const strictEqual = equal;
export const notStrictEqual = notEqual;
export const deepStrictEqual = deepEqual;
export const notDeepStrictEqual = notDeepEqual;
export { AssertionError };

const assert = Object.assign((value: unknown, message?: string | Error) => ok(value, message), {
  ok,
  equal,
  notEqual,
  deepEqual,
  notDeepEqual,
  match,
  doesNotMatch,
  fail: failAssert,
  strictEqual,
  notStrictEqual,
  deepStrictEqual,
  notDeepStrictEqual,
  AssertionError,
  strict: undefined as unknown,
});
assert.strict = assert;
export default assert;
export { assert as strict };
