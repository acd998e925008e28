/**
 * The server's incremental analysis (server/src/index/analyzer.ts): a text analysed with a chunk
 * cache that has seen earlier versions of it must give exactly the model a fresh, whole parse
 * gives — after any sequence of edits (property test) — while re-parsing only what an edit
 * touched.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseDocument } from '../../../server/src/model';
import { getBuiltinScheme } from '../../../server/src/scheme/loader';
import type { Scheme } from '../../../server/src/scheme/types';
import { analyzeText, analyzeTextAsync } from '../../../server/src/index/analyzer';
import { ChunkCache } from '../../../server/src/index/chunkCache';

const scheme: Scheme = getBuiltinScheme('gbt27922-2011')!;
const SAMPLES = join(__dirname, '..', '..', '..', 'samples');
const sample = (rel: string) => readFileSync(join(SAMPLES, rel), 'utf8');

const BASES = [
  sample('manual/README.md'),
  sample('manual/03-顾客服务.md'),
  sample('audit/2026-十星审核报告.md'),
  sample('audit/2027-监督审核报告.md'),
  [
    '---',
    'type: audit',
    'not-applicable:',
    '  5.2.5.5: 生产型企业',
    '---',
    '',
    '# 报告',
    '',
    '- [5.1.1.1] 80% 证据：[名册](evidence/a.md)',
    '- [5.1.1.2] 3/3 证据：网点清单',
    '',
    '```md',
    '- [5.1.2.1] 100% inside a fence',
    '```',
    '',
    '| 条款 | 得分 | 证据 |',
    '| --- | --- | --- |',
    '| 5.1.2.2 | 4分 | 花名册 |',
    '',
    '<!-- clause: 5.3.1.2 -->',
    '',
    '<!-- gbt27922-disable-next-line missing-evidence -- 口头确认 -->',
    '- [5.1.2.1] 90%',
    '',
    '<!-- gbt27922-disable duplicate-score -->',
    '',
    '- [5.1.1.1] 70% 证据：重复',
    '',
    '<!-- gbt27922-enable -->',
    '',
    '[扣分] 投诉超时',
    '',
  ].join('\n'),
];

/** Fragments an editor inserts: structure (headings, fences, HTML, tables, front matter) and tags. */
const SNIPPETS = [
  '\n',
  '\n\n',
  '\r\n',
  '# ',
  '## 新章节 [5.1.6.4]\n\n内容。\n',
  '### [5.2.4.1-5.2.4.3] 维修\n',
  '```\n',
  '~~~\n',
  '<!--',
  '-->',
  '<!-- clause: 5.1.3.1 -->',
  '<!-- gbt27922-disable-next-line missing-evidence -- 现场观察 -->\n',
  '<!-- gbt27922-disable duplicate-score, unknown-clause -->\n',
  '<!-- gbt27922-enable -->',
  '<!-- gbt27922-disable-file unscored-item -->\n',
  '<div>\n',
  '</div>\n',
  '- [5.1.2.2] 80% 证据：x\n',
  '[5.1.2.9]',
  '【５．１．６．３】',
  '`[5.1.1.1]`',
  '| 5.3.2.2 | 88% | 证据 |\n',
  '---\n',
  '[加分] 获奖\n',
  '- [NC-05] [5.1.3.1] 一般：培训记录不全。整改期限：2027-05-01\n',
  '  - 纠正措施：补培训\n',
  '  - 验证：2027-04-20 已关闭\n',
  '- [跟踪 NC-02] 整改中\n',
  '抽查 20 份，合格 18 份',
  '整改期限：',
  'auditDate: 2027-01-01\n',
  '不适用',
  '> 引用\n',
  '    缩进代码\n',
  '文字',
  ' ',
];

interface Edit {
  at: number;
  remove: number;
  insert: string;
}

const editArb: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  remove: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 6 })),
});

function applyEdit(text: string, e: Edit): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

describe('index: incremental analysis equals a fresh parse', function () {
  this.timeout(120000);

  it('after any sequence of edits, analyzeText with the cache of earlier versions == parseDocument(whole)', function () {
    fc.assert(
      fc.property(fc.nat({ max: BASES.length - 1 }), fc.array(editArb, { minLength: 1, maxLength: 4 }), (base, edits) => {
        const cache = new ChunkCache();
        let text = BASES[base];
        analyzeText(text, scheme, cache);
        for (const e of edits) {
          text = applyEdit(text, e);
          const incremental = analyzeText(text, scheme, cache).model;
          const fresh = parseDocument(text, scheme, { whole: true });
          assert.deepStrictEqual(incremental, fresh);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('the asynchronous path (chunks parsed elsewhere) gives the same model', async function () {
    const text = BASES[3];
    const cache = new ChunkCache();
    const jobs: number[] = [];
    const a = await analyzeTextAsync(text, scheme, cache, async (chunks) => {
      jobs.push(chunks.length);
      const { parseChunk } = await import('../../../server/src/model');
      return chunks.map((c) => parseChunk(c.text, c.first));
    });
    assert.ok(a);
    assert.equal(jobs.length, 1);
    assert.deepStrictEqual(a.model, parseDocument(text, scheme, { whole: true }));
  });

  it('an analysis overtaken by a newer version is dropped (isStale), its chunks kept in the cache', async function () {
    const text = BASES[1];
    const cache = new ChunkCache();
    const a = await analyzeTextAsync(text, scheme, cache, async (chunks) => chunks.map((c) => analyzeText(c.text, scheme).chunks[0].model), { isStale: () => true });
    assert.equal(a, undefined);
    const again = analyzeText(text, scheme, cache);
    assert.equal(again.parsed, 0, 'every chunk came from the cache');
  });

  it('editing one score in a long report re-parses one chunk, not the report', function () {
    const text = sample('audit/2026-审核报告.md');
    const cache = new ChunkCache();
    const first = analyzeText(text, scheme, cache);
    assert.ok(first.chunks.length >= 5, `${first.chunks.length} chunks`);
    const edited = text.replace('- [5.1.2.2] 4/5', '- [5.1.2.2] 5/5');
    const second = analyzeText(edited, scheme, cache);
    assert.equal(second.parsed, 1);
    assert.ok(second.parsedChars < text.length / 4, `${second.parsedChars} of ${text.length} characters re-parsed`);
    assert.deepStrictEqual(second.model, parseDocument(edited, scheme, { whole: true }));
    // Undo: everything from the cache.
    assert.equal(analyzeText(text, scheme, cache).parsed, 0);
  });

  it('the chunk cache drops least-recently-used chunks past its budget (down to three quarters)', function () {
    const cache = new ChunkCache(100);
    const model = analyzeText('# a\n', scheme).chunks[0].model;
    const key = (c: string) => c.repeat(30); // 31 characters with the first/non-first prefix
    for (const c of 'xyz') cache.set(key(c), false, model);
    assert.ok(cache.get(key('x'), false), 'x is now the most recently used');
    cache.set(key('w'), false, model); // 124 > 100: drop the oldest until ≤ 75
    assert.equal(cache.get(key('y'), false), undefined);
    assert.equal(cache.get(key('z'), false), undefined);
    assert.ok(cache.get(key('x'), false));
    assert.ok(cache.get(key('w'), false));
    assert.equal(cache.size, 2);
    assert.equal(cache.get(key('w'), true), undefined, 'first and non-first chunks are different keys');
  });
});
