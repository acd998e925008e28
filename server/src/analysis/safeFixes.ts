/**
 * The safe fixes of a document, applied all at once by "fix all" (`source.fixAll.gbt27922`, on
 * save) and by `gbt27922 check --fix`: edits whose result is certain, never a guess.
 * - `unknown-clause` with exactly one candidate: the one known ID (item or group) a single edit
 *   away (`5.1.2.22` → `5.1.2.2`; `5.1.3.9` has three, 5.1.3.1–5.1.3.3, and is left for the
 *   user), written in the digits the author used, or ASCII with `asciiIds`;
 * - `max-mismatch` (`4/5` on a 1-point item): the same ratio on the item's scale (`0.8/1`), or
 *   as a percentage (`80%`), when it is exact to two decimals;
 * - with `asciiIds` (the user opts in): every clause ID written in full-width digits or dots
 *   (`５．１．２．２`) rewritten in ASCII (`5.1.2.2`); brackets stay as written.
 * Only problems the user sees are fixed: one a comment suppresses, or config turns off, is
 * left alone. Pure: ranges and texts; the editor and the CLI apply them.
 */
import type { DocumentModel, Problem, Range } from '../model/types';
import type { Scheme } from '../scheme/types';
import { editDistance } from '../scheme/clauseId';
import { Rational } from './rational';

export interface SafeFix {
  /** What it fixes: a problem code, or `full-width-id`. */
  kind: 'unknown-clause' | 'max-mismatch' | 'full-width-id';
  range: Range;
  oldText: string;
  newText: string;
}

export interface SafeFixOptions {
  /** Rewrite full-width clause IDs in ASCII (the user opted in). */
  asciiIds?: boolean;
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0F]/g;

/** Full-width digits, dot and slash → ASCII. */
export function toAscii(s: string): string {
  return s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** ASCII digits and dots → full-width (an ID in the style of the text around it). */
export function toFullWidth(id: string): string {
  return id.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/\./g, '．');
}

/**
 * A score `earned/max` written with the wrong max, on an item of `points`: the same ratio on the
 * item's scale and as a percentage, each only when exact to two decimals.
 */
export function rescaledScores(written: string, points: string): { scaled?: string; percent?: string } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(toAscii(written));
  const p = Rational.parse(points);
  const earned = m ? Rational.parse(m[1]) : undefined;
  const max = m ? Rational.parse(m[2]) : undefined;
  if (!earned || !max || !p || max.isZero()) return {};
  const ratio = earned.div(max);
  const exact = (r: Rational) => Rational.parse(r.toFixed(2))?.eq(r) === true;
  const scaled = ratio.mul(p);
  const percent = ratio.mul(Rational.HUNDRED);
  return { ...(exact(scaled) ? { scaled: `${scaled.toFixed(2)}/${points}` } : {}), ...(exact(percent) ? { percent: `${percent.toFixed(2)}%` } : {}) };
}

/** The one ID an unknown ID can only have meant: the only known ID a single edit away. */
export function onlyCandidate(refId: string, scheme: Scheme): string | undefined {
  const near = [...scheme.items.map((i) => i.id), ...scheme.groups.map((g) => g.id)].filter((id) => editDistance(refId, id) === 1);
  return near.length === 1 ? near[0] : undefined;
}

const key = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character <= b.start.character) || b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character <= a.start.character));

/**
 * The safe fixes of `model` (whose text is `text`) for the problems the user sees (`shown`: the
 * model's problems after suppression comments and config). Sorted, never overlapping.
 */
export function planSafeFixes(model: DocumentModel, text: string, scheme: Scheme, shown: readonly Problem[], options: SafeFixOptions = {}): SafeFix[] {
  if (model.kind === 'none') return [];
  const lines = text.split(/\r\n|\r|\n/);
  const textOf = (r: Range) => (r.start.line === r.end.line ? (lines[r.start.line] ?? '').slice(r.start.character, r.end.character) : '');
  const refs = [...model.tags.flatMap((t) => t.refs), ...model.frontMatter.clauses];
  const fixes = new Map<string, SafeFix>();
  for (const p of shown) {
    if (p.code === 'unknown-clause') {
      const ref = refs.find((r) => r.kind === 'unknown' && key(r.range) === key(p.range));
      if (!ref || /[-–—~～至]/.test(ref.raw)) continue;
      const id = onlyCandidate(ref.id, scheme);
      if (!id) continue;
      const oldText = textOf(ref.range);
      if (!oldText) continue;
      const newText = /[\uFF10-\uFF19]/.test(ref.raw) && !options.asciiIds ? toFullWidth(id) : id;
      fixes.set(key(ref.range), { kind: 'unknown-clause', range: ref.range, oldText, newText });
    } else if (p.code === 'max-mismatch') {
      const entry = model.entries.find((e) => e.scoreRange && key(e.scoreRange) === key(p.range));
      const item = entry ? scheme.itemById.get(entry.itemId) : undefined;
      const oldText = textOf(p.range);
      if (!item || !oldText) continue;
      const r = rescaledScores(oldText, item.points);
      const newText = r.scaled ?? r.percent;
      if (newText) fixes.set(key(p.range), { kind: 'max-mismatch', range: p.range, oldText, newText });
    }
  }
  if (options.asciiIds) {
    for (const ref of refs) {
      if (!/[\uFF10-\uFF19\uFF0E]/.test(ref.raw) || fixes.has(key(ref.range))) continue;
      const oldText = textOf(ref.range);
      if (!oldText || oldText !== ref.raw) continue;
      fixes.set(key(ref.range), { kind: 'full-width-id', range: ref.range, oldText, newText: toAscii(oldText) });
    }
  }
  const sorted = [...fixes.values()].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return sorted.filter((f, i) => i === 0 || !overlaps(sorted[i - 1].range, f.range));
}
