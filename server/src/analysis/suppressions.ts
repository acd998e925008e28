/**
 * Suppression comments applied to the problems of one file (pure; the CLI and the language
 * server both call it with every problem of the file: the model's, the workspace's and the
 * link checks'):
 *
 * - `<!-- gbt27922-disable-next-line CODE[, CODE] -- reason -->`: problems that start on the
 *   line after the comment;
 * - `<!-- gbt27922-disable CODE -->` … `<!-- gbt27922-enable [CODE] -->`: problems that start
 *   after the disabling comment and before the enabling one (or the end of the file);
 * - `<!-- gbt27922-disable-file CODE -->`: every problem of the file.
 *
 * No code means every code. A suppressed problem is kept, with the comment's reason as its
 * justification (SARIF `suppressions`, the JSON `suppressed` list, the panel's "N suppressed"),
 * and never counts for errors, warnings or gates. Scores never look at problems, so nothing here
 * can change a total or a star. Only problems that would be shown take part: a code turned off
 * by config is not suppressed, and a comment left with nothing to hide gets
 * `unused-suppression` (information); a code that does not exist gets `unknown-problem-code`.
 * The comments' own problems are never suppressed by comments (turn them off in `rules`).
 */
import { PROBLEMS, type ProblemCode } from '../model/problems';
import type { DocumentModel, Position, Problem, Range, SuppressionDirective } from '../model/types';
import { editDistance } from '../scheme/clauseId';

export interface SuppressedProblem {
  problem: Problem;
  /** The reason written after ` -- ` in the comment, if any. */
  justification?: string;
  /** The comment that suppresses it. */
  by: Range;
}

export interface SuppressionResult {
  /** Problems still shown, plus the comments' own problems; in document order. */
  problems: Problem[];
  suppressed: SuppressedProblem[];
}

/** Problem codes about the comments themselves: never suppressed by a comment. */
export const SUPPRESSION_CODES: readonly ProblemCode[] = ['unused-suppression', 'unknown-problem-code'];

const DIRECTIVE_WORD: Record<SuppressionDirective['kind'], string> = { 'next-line': 'disable-next-line', disable: 'disable', enable: 'enable', file: 'disable-file' };

interface Scope {
  directive: SuppressionDirective;
  /** Index into directive.codes, or -1 for "every code". */
  entry: number;
  code?: string;
  from: Position;
  /** Exclusive. */
  to?: Position;
  /** For next-line: the one line. */
  line?: number;
  /** 0 next-line, 1 block, 2 file: the most specific suppression gets the credit. */
  rank: number;
  used: boolean;
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

function scopesOf(directives: readonly SuppressionDirective[]): { scopes: Scope[]; unknown: Problem[] } {
  const scopes: Scope[] = [];
  const unknown: Problem[] = [];
  const open: Scope[] = [];
  const entries = (d: SuppressionDirective) => (d.codes.length ? d.codes.map((c, i) => ({ code: c.code, i })) : [{ code: undefined, i: -1 }]);
  for (const d of directives) {
    for (const c of d.codes) {
      if (!(c.code in PROBLEMS)) {
        // (No did-you-mean for a long token: the edit distance would cost its length squared.)
        const known = c.code.length > 40 ? [] : Object.keys(PROBLEMS).map((k) => ({ k, d: editDistance(c.code, k) })).filter((x) => x.d <= 3).sort((a, b) => a.d - b.d);
        const args: Record<string, string> = { code: c.code, directive: DIRECTIVE_WORD[d.kind] };
        if (known.length) args.suggestions = known.slice(0, 2).map((x) => x.k).join(', ');
        unknown.push({ code: 'unknown-problem-code', args, range: c.range, data: { suggestions: known.slice(0, 2).map((x) => x.k) } });
      }
    }
    if (d.kind === 'enable') {
      for (let i = open.length - 1; i >= 0; i--) {
        const s = open[i];
        if (d.codes.length === 0 || (s.code !== undefined && d.codes.some((c) => c.code === s.code))) {
          s.to = d.range.start;
          open.splice(i, 1);
        }
      }
      continue;
    }
    for (const { code, i } of entries(d)) {
      if (code !== undefined && !(code in PROBLEMS)) continue;
      const s: Scope = { directive: d, entry: i, code, from: d.range.end, rank: d.kind === 'next-line' ? 0 : d.kind === 'disable' ? 1 : 2, used: false };
      if (d.kind === 'next-line') s.line = d.range.end.line + 1;
      if (d.kind === 'file') s.from = { line: 0, character: 0 };
      if (d.kind === 'disable') open.push(s);
      scopes.push(s);
    }
  }
  return { scopes, unknown };
}

function covers(s: Scope, p: Problem): boolean {
  if (s.code !== undefined && s.code !== p.code) return false;
  const at = p.range.start;
  if (s.line !== undefined) return at.line === s.line;
  if (s.rank === 2) return true;
  return !before(at, s.from) && (s.to === undefined || before(at, s.to));
}

/**
 * Apply the model's suppression comments to `problems` (every problem of the file). `shown`
 * says whether a problem would be shown at all (its severity is not 'off').
 */
export function applySuppressions(model: Pick<DocumentModel, 'suppressions'> | undefined, problems: readonly Problem[], shown: (p: Problem) => boolean = () => true): SuppressionResult {
  const directives = model?.suppressions ?? [];
  if (directives.length === 0) return { problems: [...problems], suppressed: [] };
  const { scopes, unknown } = scopesOf(directives);
  const kept: Problem[] = [];
  const suppressed: SuppressedProblem[] = [];
  for (const p of problems) {
    if (SUPPRESSION_CODES.includes(p.code) || !shown(p)) {
      kept.push(p);
      continue;
    }
    let best: Scope | undefined;
    for (const s of scopes) if (covers(s, p) && (!best || s.rank < best.rank)) best = s;
    if (!best) {
      kept.push(p);
      continue;
    }
    best.used = true;
    const sp: SuppressedProblem = { problem: p, by: best.directive.range };
    if (best.directive.reason) sp.justification = best.directive.reason;
    suppressed.push(sp);
  }
  for (const s of scopes) {
    if (s.used) continue;
    const range = s.entry >= 0 ? s.directive.codes[s.entry].range : s.directive.range;
    const unused: Problem = { code: 'unused-suppression', args: { directive: DIRECTIVE_WORD[s.directive.kind], code: s.code ?? 'gbt27922' }, range };
    if (!shown(unused)) continue;
    kept.push(unused);
  }
  kept.push(...unknown.filter(shown));
  kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { problems: kept, suppressed };
}
