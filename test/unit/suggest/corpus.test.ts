/**
 * The suggestion engine on the corpus of untagged manual sections (test/fixtures/suggest/):
 * the targets of issue 13 on the corpus keywords were tuned on (dev), on the part never tuned on
 * (holdout), and on the part written after the keywords were frozen (fresh).
 */
import * as assert from 'node:assert/strict';
import { CORPORA, builtinScheme, loadCorpus, scoreCorpus, summary } from '../../../bench/suggestCorpus';
import { SuggestionEngine } from '../../../server/src/suggest/engine';

describe('suggestion corpus', () => {
  const engine = new SuggestionEngine(builtinScheme());

  it('has at least 60 sections to tune on, with sections about two items and about nothing', () => {
    const dev = loadCorpus('dev');
    assert.ok(dev.length >= 60, `${dev.length}`);
    assert.ok(dev.filter((s) => s.expect.length === 2).length >= 5);
    for (const h of ['总则', '术语', '修订记录']) assert.ok(dev.some((s) => s.heading.includes(h) && s.expect.length === 0), h);
    const items = new Set(dev.flatMap((s) => s.expect));
    assert.equal(items.size, builtinScheme().items.length, 'every item has a section');
    assert.ok(loadCorpus('holdout').length >= 20);
  });

  for (const name of CORPORA) {
    it(`${name}: top-1 ≥ 85 %, top-3 ≥ 95 %, sections about nothing below the threshold`, () => {
      const s = scoreCorpus(engine, loadCorpus(name));
      const detail = `${name}: ${summary(s)}\n${s.outcomes
        .filter((o) => (o.section.expect.length ? !o.top1 || !o.top3 : !o.quiet))
        .map((o) => `  ${o.section.heading}: expected ${o.section.expect.join(',') || '—'}, got ${o.suggestions.map((x) => `${x.id} ${x.confidence}`).join(' | ')}`)
        .join('\n')}`;
      assert.ok(s.top1 / s.indicatorSections >= 0.85, detail);
      assert.ok(s.top3 / s.indicatorSections >= 0.95, detail);
      assert.equal(s.quietNone, s.noneSections, detail);
    });
  }
});
