/**
 * The model's parser resolves no emphasis (server/src/model/parseChunk.ts: micromark's emphasis
 * resolution is worse than quadratic on runs of `*a`). That must change nothing the model reads:
 * the chunk model with and without emphasis is the same on every CommonMark spec example, the
 * samples, emphasis around tags, entries and links, and random documents.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { tests as specExamples } from 'commonmark-spec';
import { parseChunk, parseChunkWithEmphasis } from '../../../server/src/model/parseChunk';
import { markdownDocument } from './markdownArbitrary';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? markdownFiles(p) : p.endsWith('.md') ? [p] : [];
  });
}

const same = (text: string, what: string) => assert.deepEqual(parseChunk(text, true), parseChunkWithEmphasis(text, true), what);

describe('model: no emphasis resolution, the same model', () => {
  it('every CommonMark spec example', () => {
    for (const e of specExamples) same(e.markdown, `spec example ${e.number} (${e.section})`);
  });

  it('the samples', () => {
    for (const f of markdownFiles(join(__dirname, '..', '..', '..', 'samples'))) same(readFileSync(f, 'utf8'), f);
  });

  it('emphasis around and inside tags, entries, specials, links, headings and tables', () => {
    const cases = [
      '*[5.1.1.1]* 80% 证据：x',
      '- **[5.1.1.1] 80%** 证据：*名册*',
      '- [5.1.1.1] *80%* 证据：**[名册](ev/a.md)**',
      '## **组织** [5.1.1.1]\n\n*内容*',
      '__[5.1.2.2]__ 90%',
      '*[a*](ev/x.md) [5.1.1.1] 80% 证据：_x_',
      '[*5.1.1.1*](x) **[5.1.1.2]**',
      '| 条款 | 得分 | 证据 |\n| --- | --- | --- |\n| *[5.1.1.1]* | **80%** | _名册_ |\n| [5.1.1.2] | 70% | **[a](b.md)** |',
      '- [扣分] **保修卡** 与官网不一致\n- *[加分]* 获奖',
      '***[5.1.1.1]*** 80% 证据：x\n\n* * *\n\n*** \n\n_ _ _',
      '*a **b [5.1.1.1] c** d* <!-- clause: 5.1.2.1 --> *e*',
      '*'.repeat(50) + '[5.1.1.1]' + '_'.repeat(50),
    ];
    for (const c of cases) same(c, c);
  });

  it('random documents, with emphasis mixed in', () => {
    const withEmphasis = fc.tuple(markdownDocument, fc.array(fc.constantFrom('*', '**', '_', '__', '***', ' *x* ', '_[5.1.1.1]_'), { maxLength: 8 }), fc.nat()).map(([doc, marks, at]) => {
      let text = doc;
      for (const m of marks) {
        const i = text.length ? at % text.length : 0;
        text = text.slice(0, i) + m + text.slice(i);
      }
      return text;
    });
    fc.assert(fc.property(withEmphasis, (text) => same(text, JSON.stringify(text))), { numRuns: 300 });
  });
});
