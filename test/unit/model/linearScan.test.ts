/**
 * Our own scanning of a document is linear (issue 20, item 3): each scan that was quadratic or
 * worse on a crafted input runs here on 400 KB of it. Hang checks with a wide margin (the bench
 * measures time): before, each took from 10 s to hours.
 */
import { strict as assert } from 'node:assert';
import { splitIntoChunks } from '../../../server/src/model/chunks';
import { readFrontMatter } from '../../../server/src/model/frontMatter';
import { BRACKET_TAG, cleanReason, refsOfList } from '../../../server/src/model/inlineSyntax';
import { MAX_LINE_NESTING, MAX_MARKS, parseChunk } from '../../../server/src/model/parseChunk';

const N = 400_000;

function quick<T>(what: string, fn: () => T, ms = 3000): T {
  const started = process.hrtime.bigint();
  const r = fn();
  const took = Number(process.hrtime.bigint() - started) / 1e6;
  assert.ok(took < ms, `${what}: ${took.toFixed(0)} ms`);
  return r;
}

describe('model: our own scanning is linear', () => {
  it('a broken front matter with a long line of spaces (61 s for 400 KB before): the YAML error, and the type still read', () => {
    const text = `---\nfoo: [\na${' '.repeat(N)}\ntype: manual\n---\n`;
    const fm = quick('front matter', () => readFrontMatter(text, 0, text.length - 1));
    assert.ok(fm.error);
    assert.equal(fm.type?.value, 'manual');
  });

  it('looking for link or footnote definitions: runs of `[^` and `]:x` (splitIntoChunks)', () => {
    for (const unit of ['[^', ']:x', ']: x]', '[^a]', ']:\n']) {
      quick(`splitIntoChunks on ${JSON.stringify(unit)} × ${N / unit.length}`, () => splitIntoChunks(unit.repeat(N / unit.length)));
    }
    // Still finds real definitions.
    assert.equal(splitIntoChunks('# a\n\ntext\n\n[x]: https://e.com\n\n# b\n\nmore\n').length, 1);
    assert.equal(splitIntoChunks('# a\n\n[^1]: note\n').length, 1);
  });

  it('tags, clause lists and N/A reasons', () => {
    quick('BRACKET_TAG over unclosed lists', () => ('[5.1.1.1 ' + '5.1.1.1 '.repeat(N / 8) + 'x').match(BRACKET_TAG));
    quick('BRACKET_TAG over backslash runs', () => ('\\'.repeat(N) + '[5.1.1.1]').match(BRACKET_TAG));
    quick('refsOfList on a long list that fails at its end', () => refsOfList('5.1.1.1, '.repeat(N / 9) + 'x', 0));
    quick('cleanReason on a long run of trailing punctuation', () => cleanReason('理由' + '。'.repeat(N) + 'x'));
  });

  it('HTML comments, table cells and the refusals before parsing (parseChunk)', () => {
    quick('a comment block that is not only comments', () => parseChunk('<!---->'.repeat(40) + 'x\n', false), 1000);
    quick('a table cell of spaces', () => parseChunk(`| a | b |\n| - | - |\n| ${' '.repeat(N / 4)}x | y |\n`, false));
    const nested = quick('nesting', () => parseChunk(`${'- '.repeat(MAX_LINE_NESTING + 1)}[5.1.1.1]\n`, false));
    assert.equal(nested.tooComplex?.reason, 'nesting');
    assert.equal(parseChunk(`${'- '.repeat(MAX_LINE_NESTING)}[5.1.1.1]\n`, false).tooComplex, undefined, 'up to the limit is parsed');
    const marks = quick('marks', () => parseChunk('[5.1.1.1] '.repeat(MAX_MARKS / 2 + 1), false));
    assert.equal(marks.tooComplex?.reason, 'marks');
    const kept = parseChunk('---\ntype: manual\n---\n' + '['.repeat(MAX_MARKS + 1), true);
    assert.equal(kept.tooComplex?.reason, 'marks');
    assert.equal(kept.frontMatter?.type?.value, 'manual', 'a refused first chunk still has its front matter');
  });
});
