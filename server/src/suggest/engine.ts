/**
 * Which indicator does a manual section address? The suggestion engine ranks a scheme's items
 * for a section (heading plus body) with a confidence from 0 to 1 and the terms that matched.
 *
 * Method (docs/suggestions.md has what else was tried and how each scored on the corpus):
 * 1. Curated keywords: each item's `keywords` (practitioner words: 备用机, 包修, 零部件 …) are
 *    looked up in the section; a keyword counts more in the heading than in the body, and less
 *    when several items share it (weight 1 + ln(N / items listing it)).
 * 2. BM25 over the catalog's own text: Chinese character bigrams (and Latin words) of each item's
 *    requirement and title, against the section's; this finds sections written close to the
 *    standard's words, which no keyword list anticipates.
 * The two are added (BM25 scaled down: it is the weaker, noisier signal) and mapped to a
 * confidence with 1 − e^(−score / T): a confidence says how much evidence there is, not how
 * the item compares with the others, so a section about nothing stays low even when one item
 * ranks first.
 *
 * Pure: no editor or LSP imports; the CLI, the server and the tests share it. No model or data is
 * downloaded: everything is in the scheme.
 */
import type { ClauseItem, Scheme } from '../scheme/types';
import { countOccurrences, normalizeText, stripMarkdown, textUnits } from './text';

export interface SectionText {
  heading: string;
  /** The section's own text (up to the next heading), Markdown allowed. */
  body: string;
  /**
   * The section has sub-sections: its own text introduces them (本章规定…的组织架构、人员、经费…)
   * and gets a third of the evidence; a parent that is about one item still reaches the threshold.
   */
  overview?: boolean;
}

export interface MatchedTerm {
  term: string;
  /** Where in the section it was found. */
  where: 'heading' | 'body' | 'heading+body';
  /** A curated keyword, or words shared with the requirement text. */
  source: 'keyword' | 'requirement';
}

export interface Suggestion {
  id: string;
  /** 0–1, rounded to two decimals. */
  confidence: number;
  /** What matched, strongest first. */
  terms: MatchedTerm[];
  /** The raw evidence score (keywords + scaled BM25), for diagnostics and tuning. */
  score: number;
}

export interface EngineOptions {
  /** Use the curated keywords (default true). */
  keywords?: boolean;
  /** Use BM25 over the catalog text (default true). */
  catalog?: boolean;
  /** Weight of BM25 against keywords. */
  catalogWeight?: number;
  /** A keyword in the heading counts this many times one in the body. */
  headingWeight?: number;
  /** Score at which confidence is 1 − 1/e ≈ 0.63. */
  temperature?: number;
  /** Also index the keywords' bigrams for BM25 (partial keyword matches: 资金 of 专项资金). */
  keywordUnits?: boolean;
  /** How a text is cut into BM25 units (default: character bigrams and Latin words; docs/suggestions.md tried a word segmenter). */
  units?: (normalized: string, into?: Map<string, number>, weight?: number) => Map<string, number>;
}

/**
 * A section is tagged with its best suggestion when that reaches the threshold, and also with
 * each other one that reaches it with at least this share of the best one's evidence (a section
 * about two items) and a keyword of its own; a runner-up with less is only offered, never applied.
 */
export const SECOND_ITEM_SHARE = 0.75;

/** The suggestions `--apply`, `import --tags insert` and "suggest for this file" write. */
export function confidentSuggestions(ranked: readonly Suggestion[], threshold: number = DEFAULT_THRESHOLD): Suggestion[] {
  const best = ranked[0];
  if (!best || best.confidence < threshold) return [];
  const bestTerms = new Set(best.terms.map((t) => t.term));
  // A second item needs a keyword of its own: evidence shared with the best one is not about it.
  const ownKeyword = (s: Suggestion) => s.terms.some((t) => t.source === 'keyword' && !bestTerms.has(t.term));
  return ranked.filter((s) => s === best || (s.confidence >= threshold && s.score >= SECOND_ITEM_SHARE * best.score && ownKeyword(s)));
}

/**
 * A short name for an item in a one-line message: its title in the locale; in Chinese, when the
 * scheme has no Chinese title, the requirement's first clause of seven or more characters, at
 * most 18 characters.
 */
export function shortItemTitle(item: ClauseItem, locale: 'en' | 'zh'): string {
  if (locale === 'en' && item.title.en) return item.title.en;
  if (item.title.zh) return item.title.zh;
  // The first clause that says something (根据需要, 根据行业特性 say when, not what).
  const clauses = item.requirement.split(/[，,；;。:：]/).map((c) => c.trim()).filter(Boolean);
  const first = clauses.find((c) => c.length >= 7) ?? clauses[0] ?? item.id;
  return first.length > 18 ? `${first.slice(0, 18)}…` : first;
}

/** The confidence at or above which a suggestion is applied and shown (`threshold` in the JSON). */
export const DEFAULT_THRESHOLD = 0.5;

const DEFAULTS: Required<EngineOptions> = {
  keywords: true,
  catalog: true,
  catalogWeight: 0.8,
  headingWeight: 1.5,
  temperature: 12,
  keywordUnits: true,
  units: textUnits,
};

/**
 * Headings of the parts every manual has that address no indicator (总则, 术语和定义, 修订记录 …):
 * a section under one (or under the manual's title, …手册) gets a tenth of the evidence, so a 术语
 * section that defines 服务商 is not taken for the service network.
 */
const FRONT_MATTER_HEADING =
  /^(总则|概述|前言|引言|术语|定义|缩略语|修订|修改记录|变更记录|版本|编制目的|目的|适用范围|范围|引用文件|规范性引用|参考文件|手册发布|发布令|批准|颁布|目录|附录|附件|手册说明|编制说明|手册管理|手册修订|公司简介|企业简介|公司概况|企业概况|概况)|手册$|(修订|修改|变更)(记录|履历|历史|说明)/;
/** Numbering before a heading's words: 第一章, 一、, （一）, 1.2, 附录A is kept (it is a word). */
const HEADING_NUMBER = /^\s*(第[一二三四五六七八九十百零〇两\d]+[章节条部分篇]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:[.．]\d+)*[、.．]?)\s*/;

export function isFrontMatterHeading(normalizedHeading: string): boolean {
  return FRONT_MATTER_HEADING.test(normalizedHeading.replace(HEADING_NUMBER, '').trim());
}
const FRONT_MATTER_FACTOR = 0.1;
const OVERVIEW_FACTOR = 0.3;

interface Keyword {
  /** As the scheme writes it. */
  term: string;
  normalized: string;
  weight: number;
}

interface IndexedItem {
  item: ClauseItem;
  keywords: Keyword[];
  /** Catalog text units with counts, and their total. */
  units: Map<string, number>;
  length: number;
  /** Normalised catalog text (for the words shared with a section). */
  catalogText: string;
}

const BM25_K1 = 1.2;
const BM25_B = 0.75;

export class SuggestionEngine {
  private readonly options: Required<EngineOptions>;
  private readonly items: IndexedItem[];
  /** Catalog unit → number of items whose text has it. */
  private readonly unitDf = new Map<string, number>();
  private readonly avgLength: number;
  /** Keyword (normalised) by its first two characters: where to look for it in a text. */
  private readonly keywordsByPrefix = new Map<string, { normalized: string; uses: { item: number; index: number }[] }[]>();
  /** Catalog unit → the items that have it, with the BM25 weight of one occurrence's term frequency there. */
  private readonly postings = new Map<string, { item: number; weight: number }[]>();

  constructor(
    readonly scheme: Scheme,
    options: EngineOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    const keywordDf = new Map<string, number>();
    const itemKeywords = scheme.items.map((item) => {
      const set = new Map<string, string>();
      for (const k of item.keywords ?? []) {
        const n = normalizeText(k.trim());
        // One character says nothing on its own (and could not be looked up by its first two).
        if (n.length > 1 && !set.has(n)) set.set(n, k.trim());
      }
      for (const n of set.keys()) keywordDf.set(n, (keywordDf.get(n) ?? 0) + 1);
      return set;
    });
    const n = Math.max(1, scheme.items.length);
    this.items = scheme.items.map((item, i) => {
      const catalogText = normalizeText([item.requirement, item.title.zh ?? '', scheme.groupById.get(item.group)?.title.zh ?? ''].join(' '));
      const units = this.options.units(catalogText);
      if (this.options.keywordUnits) for (const k of itemKeywords[i].keys()) this.options.units(k, units);
      let length = 0;
      for (const [u, c] of units) {
        length += c;
        this.unitDf.set(u, (this.unitDf.get(u) ?? 0) + 1);
      }
      const keywords = [...itemKeywords[i]].map(([normalized, term]) => ({ term, normalized, weight: 1 + Math.log(n / keywordDf.get(normalized)!) }));
      return { item, keywords, units, length, catalogText };
    });
    this.avgLength = this.items.reduce((s, it) => s + it.length, 0) / n || 1;

    const byKeyword = new Map<string, { normalized: string; uses: { item: number; index: number }[] }>();
    this.items.forEach((it, item) =>
      it.keywords.forEach((k, index) => {
        let e = byKeyword.get(k.normalized);
        if (!e) {
          e = { normalized: k.normalized, uses: [] };
          byKeyword.set(k.normalized, e);
          const prefix = k.normalized.slice(0, 2);
          if (!this.keywordsByPrefix.has(prefix)) this.keywordsByPrefix.set(prefix, []);
          this.keywordsByPrefix.get(prefix)!.push(e);
        }
        e.uses.push({ item, index });
      }),
    );
    this.items.forEach((it, item) => {
      const norm = BM25_K1 * (1 - BM25_B + (BM25_B * it.length) / this.avgLength);
      for (const [unit, tf] of it.units) {
        const df = this.unitDf.get(unit) ?? 0;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        if (!this.postings.has(unit)) this.postings.set(unit, []);
        this.postings.get(unit)!.push({ item, weight: idf * ((tf * (BM25_K1 + 1)) / (tf + norm)) });
      }
    });
  }

  /** The keywords found in a text (each once). */
  private keywordsIn(text: string): Set<string> {
    const found = new Set<string>();
    for (let i = 0; i + 1 < text.length; i++) {
      const candidates = this.keywordsByPrefix.get(text.slice(i, i + 2));
      if (!candidates) continue;
      for (const c of candidates) if (text.startsWith(c.normalized, i)) found.add(c.normalized);
    }
    return found;
  }

  /** The scheme's items ranked for a section, best first (at most `limit`, only those with any evidence). */
  rank(section: SectionText, limit = 3): Suggestion[] {
    const heading = normalizeText(stripMarkdown(section.heading));
    const body = normalizeText(stripMarkdown(section.body));
    const o = this.options;
    const scores = new Float64Array(this.items.length);
    const matched: { index: number; term: MatchedTerm }[][] = this.items.map(() => []);

    if (o.keywords) {
      const inHeading = this.keywordsIn(heading);
      const inBodyOnce = this.keywordsIn(body);
      for (const normalized of new Set([...inHeading, ...inBodyOnce])) {
        const h = inHeading.has(normalized);
        const count = inBodyOnce.has(normalized) ? countOccurrences(body, normalized) : 0;
        for (const use of this.keywordsByPrefix.get(normalized.slice(0, 2))!.find((c) => c.normalized === normalized)!.uses) {
          const k = this.items[use.item].keywords[use.index];
          scores[use.item] += k.weight * ((h ? o.headingWeight : 0) + (count > 0 ? 1 + 0.25 * Math.log(count) : 0));
          matched[use.item].push({ index: use.index, term: { term: k.term, where: h ? (count ? 'heading+body' : 'heading') : 'body', source: 'keyword' } });
        }
      }
    }
    if (o.catalog) {
      const query = o.units(heading, new Map(), 2);
      o.units(body, query, 1);
      for (const [unit, qtf] of query) {
        const list = this.postings.get(unit);
        if (!list) continue;
        const q = o.catalogWeight * (1 + Math.log(qtf));
        for (const p of list) scores[p.item] += q * p.weight;
      }
    }
    const factor = (isFrontMatterHeading(heading) ? FRONT_MATTER_FACTOR : 1) * (section.overview ? OVERVIEW_FACTOR : 1);
    const scored: { it: IndexedItem; score: number; kwTerms: MatchedTerm[] }[] = [];
    this.items.forEach((it, i) => {
      if (scores[i] > 0) scored.push({ it, score: scores[i] * factor, kwTerms: matched[i].sort((a, b) => a.index - b.index).map((m) => m.term) });
    });
    scored.sort((a, b) => b.score - a.score || a.it.item.order - b.it.item.order);
    return scored.slice(0, limit).map(({ it, score, kwTerms }) => ({
      id: it.item.id,
      confidence: Math.round((1 - Math.exp(-score / o.temperature)) * 100) / 100,
      terms: orderTerms(withoutContained([...kwTerms, ...sharedWords(it, heading, body, kwTerms, this.distinctive)])),
      score,
    }));
  }

  /** A catalog unit at most two items have. */
  private readonly distinctive = (unit: string): boolean => (this.unitDf.get(unit) ?? 0) <= 2;


}

/** Heading matches first, then keywords before requirement words, then longer terms. */
function orderTerms(terms: MatchedTerm[]): MatchedTerm[] {
  const rank = (t: MatchedTerm) => (t.where === 'body' ? 1 : 0);
  return terms.sort((a, b) => rank(a) - rank(b) || (a.source === b.source ? 0 : a.source === 'keyword' ? -1 : 1) || b.term.length - a.term.length);
}

/**
 * Words the section shares with the requirement text: runs of four or more Chinese characters
 * with at least one bigram few items have (so 售后服务工作, which every item says, is not a reason).
 */
function sharedWords(it: IndexedItem, heading: string, body: string, already: MatchedTerm[], distinctive: (unit: string) => boolean): MatchedTerm[] {
  const out: MatchedTerm[] = [];
  const seen = already.map((t) => normalizeText(t.term));
  const found = (text: string) =>
    commonRuns(text, it.catalogText)
      .map((w) => w.replace(/^(?:的|了|和|与|及|对|在|并|进行)+|(?:的|了|和|与|及|对|在|并|进行)+$/g, ''))
      .filter((w) => w.length >= 4 && [...textUnits(w).keys()].some(distinctive));
  const inHeading = new Set(found(heading));
  const inBody = new Set(found(body));
  for (const w of new Set([...inHeading, ...inBody])) {
    if (seen.some((s) => s.includes(w) || w.includes(s))) continue;
    seen.push(w);
    out.push({ term: w, where: inHeading.has(w) ? (inBody.has(w) ? 'heading+body' : 'heading') : 'body', source: 'requirement' });
    if (out.length >= 3) break;
  }
  return out;
}

/** Terms contained in a longer matched term are not shown again (授权 beside 授权服务商). */
function withoutContained(terms: MatchedTerm[]): MatchedTerm[] {
  const norm = terms.map((t) => normalizeText(t.term));
  return terms.filter((_, i) => !norm.some((other, j) => j !== i && other.length > norm[i].length && other.includes(norm[i])));
}

/** Maximal runs of four or more Chinese characters of `text` that also occur in `catalog`. */
function commonRuns(text: string, catalog: string): string[] {
  const out: string[] = [];
  const cjk = /^[\u3400-\u9fff]+$/;
  let i = 0;
  while (i + 4 <= text.length) {
    let best = 0;
    if (cjk.test(text.slice(i, i + 4)) && catalog.includes(text.slice(i, i + 4))) {
      best = 4;
      while (i + best < text.length && cjk.test(text[i + best]) && catalog.includes(text.slice(i, i + best + 1))) best++;
    }
    if (best >= 4) {
      out.push(text.slice(i, i + best));
      i += best;
    } else {
      i++;
    }
  }
  return out;
}
