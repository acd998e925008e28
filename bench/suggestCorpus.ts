/**
 * The suggestion corpus (test/fixtures/suggest/): untagged manual sections with the item(s) each
 * addresses, and how well a suggestion engine ranks them. Used by the unit test (the targets),
 * the bench (a row per corpus) and `tsx bench/suggestCorpus.ts [--verbose]` (what docs/suggestions.md
 * reports per method).
 *
 * - top-1: the best suggestion is one of the expected items (sections about an indicator);
 * - top-3: every expected item is among the three best (a two-item section needs both);
 * - none below threshold: a section about no indicator has no suggestion at or above the threshold;
 * - confident and right: of the sections about an indicator, how many get a right top-1 at or
 *   above the threshold (what `--apply` would tag correctly).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { defaultScheme } from '../server/src/scheme/loader';
import { confidentSuggestions, DEFAULT_THRESHOLD, SuggestionEngine, type EngineOptions, type Suggestion } from '../server/src/suggest/engine';
import type { Scheme } from '../server/src/scheme/types';

export interface CorpusSection {
  heading: string;
  body: string;
  expect: string[];
}

export const CORPUS_DIR = path.join(__dirname, '..', 'test', 'fixtures', 'suggest');
export const CORPORA = ['dev', 'holdout', 'fresh'] as const;
export type CorpusName = (typeof CORPORA)[number];

export function loadCorpus(name: CorpusName): CorpusSection[] {
  const doc = parse(fs.readFileSync(path.join(CORPUS_DIR, `corpus-${name}.yaml`), 'utf8')) as { sections: CorpusSection[] };
  return doc.sections.map((s) => ({ heading: String(s.heading), body: String(s.body ?? ''), expect: (s.expect ?? []).map(String) }));
}

export interface SectionOutcome {
  section: CorpusSection;
  suggestions: Suggestion[];
  top1: boolean;
  top3: boolean;
  /** For sections about nothing: the best confidence stayed below the threshold. */
  quiet: boolean;
  /** What `--apply` would tag. */
  applied: string[];
}

export interface CorpusScore {
  sections: number;
  indicatorSections: number;
  noneSections: number;
  top1: number;
  top3: number;
  /** Sections about nothing that stayed below the threshold. */
  quietNone: number;
  /** Indicator sections whose right top-1 reaches the threshold. */
  confidentRight: number;
  /** Indicator sections whose wrong top-1 reaches the threshold (a wrong tag with --apply). */
  confidentWrong: number;
  /** Sections where `--apply` would write exactly the expected tags. */
  appliedExact: number;
  /** Tags `--apply` would write that are not expected, over all sections. */
  appliedWrong: number;
  outcomes: SectionOutcome[];
}

export function scoreCorpus(engine: SuggestionEngine, sections: CorpusSection[], threshold = DEFAULT_THRESHOLD): CorpusScore {
  const outcomes: SectionOutcome[] = sections.map((section) => {
    const suggestions = engine.rank(section, 3);
    const ids = suggestions.map((s) => s.id);
    const top1 = section.expect.length > 0 && ids[0] !== undefined && section.expect.includes(ids[0]);
    const top3 = section.expect.length > 0 && section.expect.every((e) => ids.includes(e));
    const quiet = section.expect.length === 0 && (suggestions[0]?.confidence ?? 0) < threshold;
    const applied = confidentSuggestions(suggestions, threshold).map((s) => s.id);
    return { section, suggestions, top1, top3, quiet, applied };
  });
  const ind = outcomes.filter((o) => o.section.expect.length > 0);
  const none = outcomes.filter((o) => o.section.expect.length === 0);
  return {
    sections: outcomes.length,
    indicatorSections: ind.length,
    noneSections: none.length,
    top1: ind.filter((o) => o.top1).length,
    top3: ind.filter((o) => o.top3).length,
    quietNone: none.filter((o) => o.quiet).length,
    confidentRight: ind.filter((o) => o.top1 && o.suggestions[0].confidence >= threshold).length,
    confidentWrong: ind.filter((o) => !o.top1 && (o.suggestions[0]?.confidence ?? 0) >= threshold).length,
    appliedExact: outcomes.filter((o) => o.applied.length === o.section.expect.length && o.applied.every((id) => o.section.expect.includes(id))).length,
    appliedWrong: outcomes.reduce((n, o) => n + o.applied.filter((id) => !o.section.expect.includes(id)).length, 0),
    outcomes,
  };
}

export function percent(n: number, of: number): string {
  return of === 0 ? '—' : `${((n / of) * 100).toFixed(1)} %`;
}

export function summary(s: CorpusScore): string {
  return (
    `top-1 ${percent(s.top1, s.indicatorSections)} (${s.top1}/${s.indicatorSections}), top-3 ${percent(s.top3, s.indicatorSections)} (${s.top3}/${s.indicatorSections}), ` +
    `about nothing below threshold ${s.quietNone}/${s.noneSections}, confident and right ${s.confidentRight}/${s.indicatorSections}, confident and wrong ${s.confidentWrong}; --apply exact ${s.appliedExact}/${s.sections}, wrong tags ${s.appliedWrong}`
  );
}

export function builtinScheme(): Scheme {
  return defaultScheme();
}

/** A copy of the scheme with no curated keywords (the "catalog text only" method). */
export function withoutKeywords(scheme: Scheme): Scheme {
  const items = scheme.items.map((it) => ({ ...it, keywords: [] }));
  return { ...scheme, items, itemById: new Map(items.map((it) => [it.id, it])) };
}

export const METHODS: { name: string; options: EngineOptions; scheme?: (s: Scheme) => Scheme }[] = [
  { name: 'BM25 over character bigrams of the catalog text only', options: { keywords: false }, scheme: withoutKeywords },
  { name: 'curated keywords only', options: { catalog: false } },
  { name: 'curated keywords + BM25 over the catalog text (chosen)', options: {} },
];

if (require.main === module) {
  const verbose = process.argv.includes('--verbose');
  const scheme = builtinScheme();
  for (const m of METHODS) {
    const engine = new SuggestionEngine(m.scheme ? m.scheme(scheme) : scheme, m.options);
    for (const name of CORPORA) {
      const s = scoreCorpus(engine, loadCorpus(name));
      console.log(`${m.name} — ${name}: ${summary(s)}`);
      if (verbose && m === METHODS[METHODS.length - 1] && (name === 'dev' || process.argv.includes('--holdout'))) {
        for (const o of s.outcomes) {
          const ok = o.section.expect.length === 0 ? o.quiet : o.top1 && o.top3;
          if (ok && !process.argv.includes('--all')) continue;
          const sug = `apply ${o.applied.join(',') || '—'}: ` + o.suggestions.map((x) => `${x.id} ${x.confidence} (${x.score.toFixed(1)}) [${x.terms.map((t) => t.term).join(',')}]`).join(' | ');
          console.log(`  ${ok ? ' ' : '✗'} ${o.section.heading} → expect ${o.section.expect.join(',') || '—'}: ${sug}`);
        }
      }
    }
  }
}
