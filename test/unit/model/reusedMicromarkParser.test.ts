import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { tests as specExamples } from 'commonmark-spec';
import { parse as freshParse, postprocess, preprocess } from 'micromark';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as reusedParse } from '../../../server/src/model/reusedMicromarkParser';
import { markdownDocument } from './markdownArbitrary';

// The extension list the model's parser hands micromark (the same array on every call, which is
// what the reused context is keyed on).
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();
const extensions = processor.data('micromarkExtensions') as NonNullable<Parameters<typeof freshParse>[0]>['extensions'];

/** micromark's events for `doc`, as comparable data: enter/exit, token type, offsets. */
function events(parse: typeof freshParse, doc: string): string[] {
  const context = parse({ extensions });
  return postprocess(context.document().write(preprocess()(doc, undefined, true))).map(
    ([kind, token]) => `${kind} ${token.type} ${token.start.offset}-${token.end.offset}`,
  );
}

describe('model: reused micromark parse context', () => {
  it('reuses one context for one extension list, and gives a fresh one without extensions', () => {
    assert.equal(reusedParse({ extensions }), reusedParse({ extensions }));
    assert.notEqual(reusedParse({}), reusedParse({}));
  });

  it('a definition, a footnote or a lazy line in one document does not leak into the next', () => {
    const defining = '[a]: /x\n\n[^n]: note\n\n> quote\nlazy\n';
    const using = 'see [a] and [^n]\n\n> q\n';
    // Fresh contexts: in `using`, [a] and [^n] are plain text (no definition in that document).
    const expected = events(freshParse, using);
    assert.ok(!expected.some((e) => e.includes('reference') || e.includes('gfmFootnoteCall')), expected.join('\n'));
    events(reusedParse, defining);
    assert.deepEqual(events(reusedParse, using), expected);
    assert.deepEqual(events(reusedParse, defining), events(freshParse, defining));
  });

  it('the same events as a fresh context over every CommonMark spec example, one after another', () => {
    for (const example of specExamples) {
      assert.deepEqual(events(reusedParse, example.markdown), events(freshParse, example.markdown), `spec example ${example.number}`);
    }
  });

  it('the same events as a fresh context over random documents in random order', () => {
    fc.assert(
      fc.property(fc.array(markdownDocument, { minLength: 2, maxLength: 5 }), (docs) => {
        for (const doc of docs) assert.deepEqual(events(reusedParse, doc), events(freshParse, doc));
      }),
      { seed: 27922, numRuns: 60 },
    );
  });
});
