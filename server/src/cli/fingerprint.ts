/**
 * Fingerprints of problems for CI systems that track findings across commits (GitLab Code
 * Quality compares the base pipeline's report with the merge request's by fingerprint). A
 * fingerprint must not change when unrelated lines are added or removed above a problem, so it
 * never contains a line number: it hashes the file, the problem code, and what the problem is
 * about — the clause item when there is one, else the problem's own text (its lines, trimmed,
 * whitespace collapsed) — plus the occurrence among problems of the file with the same key.
 */
import { createHash } from 'node:crypto';
import type { Range } from '../model/types';

export interface FingerprintInput {
  file: string;
  code: string;
  itemId?: string;
  range: Range;
}

/** At most this many lines of a problem's text go into its key. */
const MAX_LINES = 3;

/** The normalised text a problem stands on. */
export function anchorText(lines: readonly string[] | undefined, range: Range): string {
  if (!lines) return '';
  const last = Math.min(range.end.line, range.start.line + MAX_LINES - 1, lines.length - 1);
  const parts: string[] = [];
  for (let l = range.start.line; l <= last; l++) parts.push(lines[l] ?? '');
  return parts.join(' ').replace(/\s+/g, ' ').trim().slice(0, 2000);
}

/**
 * Fingerprints for problems in their order; `linesOf(file)` gives a file's lines (undefined when
 * the file has no text, e.g. unreadable). Problems of one file must come in document order.
 */
export function fingerprints(problems: readonly FingerprintInput[], linesOf: (file: string) => readonly string[] | undefined): string[] {
  const seen = new Map<string, number>();
  return problems.map((p) => {
    const about = p.itemId !== undefined ? `item:${p.itemId}` : `text:${anchorText(linesOf(p.file), p.range)}`;
    const key = `${p.file}\u0000${p.code}\u0000${about}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash('sha256').update(`gbt27922/v1\u0000${key}\u0000${n}`).digest('hex');
  });
}
