import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { tests as specExamples } from 'commonmark-spec';
import { assembleDocument, parseChunk, parseDocument, splitIntoChunks, type ChunkModel } from '../../../server/src/model';
import { assertInside, assertRangesMatchSpans, assertSameModel, scheme, tenStar } from './helpers';
import { applyEdit, edit, markdownDocument } from './markdownArbitrary';

/** Fixed seed by default (reproducible CI); FC_SEED=random or a number to explore. */
const seedEnv = process.env.FC_SEED;
const seed = seedEnv === 'random' ? Date.now() : seedEnv ? Number(seedEnv) : 27922;
const runs = (n: number) => ({ seed, numRuns: Number(process.env.FC_RUNS ?? n) });

describe('model: properties', function () {
  this.timeout(60000);

  it('random Markdown: never throws, every range inside the document and naming the text of its span, chunked parse equals the whole parse', () => {
    // What the generated documents reached, so that the property cannot pass by testing nothing.
    const seen = { multiChunk: 0, audit: 0, manual: 0, entries: 0, problems: 0 };
    fc.assert(
      fc.property(markdownDocument, fc.boolean(), (text, ten) => {
        const s = ten ? tenStar : scheme;
        const chunked = parseDocument(text, s);
        assertInside(text, chunked);
        assertRangesMatchSpans(text, chunked);
        const whole = parseDocument(text, s, { whole: true });
        assertSameModel(chunked, whole, 'chunked vs whole');
        if (chunked.kind === 'none') assert.deepEqual(chunked.problems, []);
        if (splitIntoChunks(text).length > 1) seen.multiChunk++;
        if (chunked.kind !== 'none') seen[chunked.kind]++;
        if (chunked.entries.length > 0) seen.entries++;
        if (chunked.problems.length > 0) seen.problems++;
      }),
      runs(50),
    );
    if (!process.env.FC_RUNS) {
      assert.ok(seen.multiChunk >= 12 && seen.audit >= 5 && seen.manual >= 5 && seen.entries >= 5 && seen.problems >= 10, JSON.stringify(seen));
    }
  });

  it('CommonMark spec examples: no throw, ranges inside, and no tag found', () => {
    const examples = specExamples;
    assert.ok(examples.length > 600, `${examples.length} examples`);
    for (const ex of examples) {
      const text = ex.markdown.replace(/→/g, '\t');
      const m = parseDocument(text, scheme);
      assertInside(text, m);
      assert.deepEqual(m.tags, [], `example ${ex.number}`);
      assert.equal(m.kind, 'none', `example ${ex.number}`);
      if (splitIntoChunks(text).length > 1) assertSameModel(m, parseDocument(text, scheme, { whole: true }), `example ${ex.number}: chunked vs whole`);
    }
  });

  it('CommonMark examples with foo renamed 5.1.1.1: each tag found is bracket text the spec renders outside code and links', () => {
    // The spec's expected HTML is the oracle: `[5.1.1.1]` left as literal text (outside <code>, <pre>
    // and link text) is what a reader sees as a tag. Examples that spell foo in other cases are
    // skipped (renaming would change which references match).
    let renamed = 0;
    let withTags = 0;
    for (const ex of specExamples) {
      if (!/\bfoo\b/.test(ex.markdown) || /Foo|FOO/.test(ex.markdown)) continue;
      renamed++;
      const text = ex.markdown.replace(/→/g, '\t').replace(/\bfoo\b/g, '5.1.1.1');
      const html = ex.html.replace(/→/g, '\t').replace(/\bfoo\b/g, '5.1.1.1');
      const visibleText = html
        .replace(/<code[^>]*>[\s\S]*?<\/code>/g, '')
        .replace(/<pre[^>]*>[\s\S]*?<\/pre>/g, '')
        .replace(/<a [^>]*>[\s\S]*?<\/a>/g, '')
        .replace(/<[^>]*>/g, '');
      const visible = visibleText.split('[5.1.1.1]').length - 1;
      const m = parseDocument(text, scheme);
      assertInside(text, m);
      if (splitIntoChunks(text).length > 1) assertSameModel(m, parseDocument(text, scheme, { whole: true }), `example ${ex.number}`);
      const found = m.tags.filter((t) => t.form === 'bracket').flatMap((t) => t.refs.filter((r) => r.id === '5.1.1.1')).length;
      if (found > 0) withTags++;
      assert.ok(found <= visible, `example ${ex.number}: ${found} tags found, the spec renders ${visible} as text: ${JSON.stringify(text)}`);
      // The only ones not taken are escaped (\[5.1.1.1]): by our rule an escaped bracket is no tag.
      if (found < visible) assert.ok(text.includes('\\[5.1.1.1]'), `example ${ex.number}: a visible [5.1.1.1] was not taken: ${JSON.stringify(text)}`);
    }
    assert.ok(renamed > 300 && withTags >= 10, `${renamed} renamed, ${withTags} with tags`);
  });

  it('incremental: re-assembling each edited version from cached chunk parses equals a fresh parse', () => {
    fc.assert(
      fc.property(markdownDocument, fc.array(edit, { minLength: 1, maxLength: 5 }), (start, edits) => {
        const cache = new Map<string, ChunkModel>();
        let text = start;
        for (const e of [null, ...edits]) {
          if (e) text = applyEdit(text, e);
          const chunks = splitIntoChunks(text).map((c) => {
            const key = `${c.first ? 1 : 0}\u0000${c.text}`;
            let model = cache.get(key);
            if (!model) cache.set(key, (model = parseChunk(c.text, c.first)));
            return { start: c.start, model };
          });
          const assembled = assembleDocument(text, chunks, scheme);
          assertSameModel(assembled, parseDocument(text, scheme), 'assembled from cache vs fresh');
          assertInside(text, assembled);
        }
      }),
      runs(10),
    );
  });
});
