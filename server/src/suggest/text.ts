/**
 * Text as the suggestion engine compares it: Markdown syntax and clause tags removed, full-width
 * forms folded (NFKC), Latin letters lower-cased, and broken into the units it counts — Chinese
 * character bigrams and Latin/digit words. Pure; no editor imports.
 */

/** Markdown syntax and tags that carry no meaning for "what is this section about". */
const STRIP: [RegExp, string][] = [
  [/<!--[\s\S]*?-->/g, ' '],
  [/```[\s\S]*?```/g, ' '],
  [/`[^`\n]*`/g, ' '],
  // Images and links: keep the words, drop the destination.
  [/!?\[([^\]\n]*)\]\([^)\n]*\)/g, '$1'],
  // Clause tags: [5.1.2.2], 【5.1.2.1、5.1.2.2】.
  [/[[【]\s*[0-9０-９][0-9０-９.．,，、\s\-–~～]*[\]】]/g, ' '],
  [/<[^>\n]{1,200}>/g, ' '],
  [/[*_~#>|]+/g, ' '],
];

export function stripMarkdown(text: string): string {
  let t = text;
  for (const [re, by] of STRIP) t = t.replace(re, by);
  return t;
}

/** Fold full-width forms and case: `ＩＳＯ９００１` → `iso9001`. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

/**
 * The units of a normalised text with their counts: every pair of adjacent Chinese characters
 * (`服务网点` → 服务, 务网, 网点) and every Latin/digit word of two or more characters.
 */
export function textUnits(normalized: string, into: Map<string, number> = new Map(), weight = 1): Map<string, number> {
  let prev = '';
  for (const ch of normalized) {
    if (CJK.test(ch)) {
      if (prev) {
        const bigram = prev + ch;
        into.set(bigram, (into.get(bigram) ?? 0) + weight);
      }
      prev = ch;
    } else {
      prev = '';
    }
  }
  for (const m of normalized.matchAll(/[a-z0-9][a-z0-9+-]*[a-z0-9]/g)) {
    // Numbers alone (dates, counts) say nothing about the topic; 400 / 3.15 do, as words.
    if (/^\d+$/.test(m[0]) && m[0] !== '400' && m[0] !== '800') continue;
    into.set(m[0], (into.get(m[0]) ?? 0) + weight);
  }
  return into;
}

/** Count the (non-overlapping) occurrences of `needle` in `haystack`. */
export function countOccurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}
