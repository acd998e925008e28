/** Shared helpers of the document-model tests. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../../server/src/model';
import type { DocumentModel, Problem, Range } from '../../../server/src/model/types';
import { getBuiltinScheme } from '../../../server/src/scheme/loader';
import type { Scheme } from '../../../server/src/scheme/types';

export const scheme: Scheme = getBuiltinScheme('gbt27922-2011')!;
export const tenStar: Scheme = getBuiltinScheme('ten-star')!;
export const dualScore: Scheme = getBuiltinScheme('gbt27922-2011-dual-score')!;

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'model');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Parse chunked and whole; the two must agree (the chunked path is what the server uses). */
export function parse(text: string, s: Scheme = scheme): DocumentModel {
  const model = parseDocument(text, s);
  const whole = parseDocument(text, s, { whole: true });
  assert.equal(JSON.stringify(model), JSON.stringify(whole), 'chunked parse differs from whole parse');
  return model;
}

/** `line:char-line:char`, compact for assertions. */
export function r(range: Range | undefined): string {
  if (!range) return 'none';
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** The text at a range, via offsets computed independently of the model's LineIndex. */
export function textAt(text: string, range: Range): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      starts.push(i + 2);
      i++;
    } else if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  const off = (p: Range['start']) => starts[p.line] + p.character;
  return text.slice(off(range.start), off(range.end));
}

export function codes(model: DocumentModel): string[] {
  return model.problems.map((p) => p.code);
}

export function problem(model: DocumentModel, code: Problem['code']): Problem {
  const p = model.problems.find((x) => x.code === code);
  assert.ok(p, `expected a ${code} problem, got ${JSON.stringify(codes(model))}`);
  return p;
}

/** Line lengths in UTF-16 code units (line ends \n, \r\n, \r). */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

/** Every Range anywhere in a model (walks the plain-data tree). */
export function allRanges(model: unknown): Range[] {
  const out: Range[] = [];
  const stack: unknown[] = [model];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    if (isRange(o)) out.push(o as unknown as Range);
    for (const k of Object.keys(o)) stack.push(o[k]);
  }
  return out;
}

function isRange(o: Record<string, unknown>): boolean {
  const s = o.start as Record<string, unknown> | undefined;
  const e = o.end as Record<string, unknown> | undefined;
  return !!s && !!e && typeof s === 'object' && typeof s.line === 'number' && typeof e === 'object' && typeof e.character === 'number';
}

/** Every range lies inside the document, start ≤ end; every span within the text. */
export function assertInside(text: string, model: DocumentModel): void {
  const lens = lineLengths(text);
  assert.equal(model.lineCount, lens.length, 'lineCount');
  assert.equal(model.length, text.length, 'length');
  for (const range of allRanges(model)) {
    for (const p of [range.start, range.end]) {
      assert.ok(p.line >= 0 && p.line < lens.length, `line ${p.line} outside 0..${lens.length - 1}`);
      assert.ok(p.character >= 0 && p.character <= lens[p.line], `character ${p.character} beyond line ${p.line} (length ${lens[p.line]})`);
    }
    const before = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
    assert.ok(before, `range ${r(range)} ends before it starts`);
  }
}

/** Assert two models are the same plain data; on failure name the first path that differs (not two huge dumps). */
export function assertSameModel(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  if (a === b) return;
  const path = firstDifference(JSON.parse(a), JSON.parse(b), '');
  assert.fail(`${what}: differ at ${path.path}: ${JSON.stringify(path.a)?.slice(0, 300)} ≠ ${JSON.stringify(path.b)?.slice(0, 300)}`);
}

function firstDifference(a: unknown, b: unknown, path: string): { path: string; a: unknown; b: unknown } {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
      if (JSON.stringify(ao[k]) !== JSON.stringify(bo[k])) return firstDifference(ao[k], bo[k], `${path}.${k}`);
    }
  }
  return { path: path || '(root)', a, b };
}

/** Wherever the model gives both a range and a span, they name the same text; refs name their raw text. */
export function assertRangesMatchSpans(text: string, model: DocumentModel): void {
  const stack: unknown[] = [model];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    const o = v as Record<string, unknown>;
    const range = o.range as Range | undefined;
    const span = o.span as { start: number; end: number } | undefined;
    if (range && span && typeof span.start === 'number') {
      assert.equal(textAt(text, range), text.slice(span.start, span.end), `range ${r(range)} vs span ${span.start}-${span.end}`);
      if (typeof o.raw === 'string' && typeof o.id === 'string') assert.equal(text.slice(span.start, span.end), o.raw, 'ref raw text');
    }
    for (const k of Object.keys(o)) stack.push(o[k]);
  }
  for (const t of model.tags) assert.match(text.slice(t.span.start, t.span.end), /^(?:\[|【|<!--)/);
}
