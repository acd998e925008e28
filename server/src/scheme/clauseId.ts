/** Clause IDs: normalisation of full-width forms, classification, ordering, suggestions. */

const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g;
const DOTS = /[\uFF0E\u3002\u2024\uFE52]/g; // ．。․﹒

/** Turn `５．１．２．２` (or `5。1.2`) into `5.1.2.2`. Does not validate. */
export function normalizeClauseId(raw: string): string {
  return raw
    .trim()
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(DOTS, '.');
}

/** Matches one clause ID in raw text (ASCII or full-width digits and dots). */
export const CLAUSE_ID_SOURCE = '[0-9\\uFF10-\\uFF19]+(?:[.\\uFF0E\\u3002][0-9\\uFF10-\\uFF19]+)+';

export function isClauseIdShape(id: string): boolean {
  return /^\d+(\.\d+)+$/.test(id);
}

/** Depth of an ID: 5.1 → 2, 5.1.2 → 3, 5.1.2.2 → 4. */
export function clauseDepth(id: string): number {
  return id.split('.').length;
}

/** Compare IDs in clause order (numeric per segment). */
export function compareClauseIds(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? -1;
    const y = pb[i] ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}

/** Parent of an ID (5.1.2.2 → 5.1.2), undefined at top level. */
export function parentClauseId(id: string): string | undefined {
  const i = id.lastIndexOf('.');
  return i > 0 ? id.slice(0, i) : undefined;
}

/** Levenshtein distance (insertions, deletions, substitutions; also for did-you-mean on problem codes and template placeholders). */
export function editDistance(a: string, b: string): number {
  const dp: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0];
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j];
      dp[j] = Math.min(dp[j] + 1, dp[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length];
}

/**
 * Did-you-mean for an unknown ID: the closest known IDs (by edit distance over the
 * normalised text, ties broken by clause order). Returns at most `limit` suggestions.
 */
export function suggestClauseIds(unknown: string, known: Iterable<string>, limit = 3): string[] {
  const target = normalizeClauseId(unknown);
  const scored: { id: string; d: number }[] = [];
  for (const id of known) {
    const d = editDistance(target, id);
    if (d <= 2) scored.push({ id, d });
  }
  scored.sort((x, y) => x.d - y.d || compareClauseIds(x.id, y.id));
  return scored.slice(0, limit).map((s) => s.id);
}

/** The known word closest to `word` (case-insensitive, at most `maxDistance` edits), for "did you mean". */
export function closestWord(word: string, known: Iterable<string>, maxDistance = 3): string | undefined {
  let best: { w: string; d: number } | undefined;
  for (const w of known) {
    const d = editDistance(word.toLowerCase(), w.toLowerCase());
    if (d <= maxDistance && (!best || d < best.d)) best = { w, d };
  }
  return best?.w;
}
