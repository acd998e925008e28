/**
 * The disk cache (server/src/index/diskCache.ts): chunk entries written and read back assemble
 * into exactly the model a fresh parse gives; entries JSON cannot carry are left out rather than
 * cached wrong; a stale, foreign or broken cache file reads as empty.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { assembleDocument, parseChunk, parseDocument, splitIntoChunks } from '../../../server/src/model';
import type { ChunkEntry } from '../../../server/src/index/analyzer';
import { contentHash, DiskCache, survivesJson } from '../../../server/src/index/diskCache';
import { getBuiltinScheme } from '../../../server/src/scheme/loader';
import { markdownDocument } from '../model/markdownArbitrary';

const scheme = getBuiltinScheme('gbt27922-2011')!;
const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'model');
const SAMPLES = join(__dirname, '..', '..', '..', 'samples');

function entriesOf(text: string): ChunkEntry[] {
  return splitIntoChunks(text).map((c) => ({ start: c.start, first: c.first, model: parseChunk(c.text, c.first) }));
}

describe('disk cache', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gbt-cache-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fixtures, samples and random documents: saved, loaded, assembled = a fresh parse', async () => {
    const texts = [
      ...readdirSync(FIXTURES).map((n) => readFileSync(join(FIXTURES, n), 'utf8')),
      readFileSync(join(SAMPLES, 'manual', 'README.md'), 'utf8'),
      readFileSync(join(SAMPLES, 'audit', '2026-十星审核报告.md'), 'utf8'),
      ...fc.sample(markdownDocument, { seed: 27922, numRuns: 60 }),
    ];
    const cache = new DiskCache(dir, 'v1');
    await cache.save('file:///ws', new Map(texts.map((t) => [contentHash(t), entriesOf(t)])));
    const loaded = new DiskCache(dir, 'v1').load('file:///ws');
    assert.equal(loaded.size, new Set(texts.map(contentHash)).size);
    for (const text of texts) {
      const entries = loaded.get(contentHash(text));
      assert.ok(entries, 'every document cached');
      assert.deepEqual(assembleDocument(text, entries, scheme), parseDocument(text, scheme));
    }
  });

  it('leaves out a file whose front matter JSON cannot carry (.nan, .inf), keeps the rest', async () => {
    const odd = '---\ntype: audit\nweight: .nan\nlimit: .inf\n---\n\n# 报告\n\n- [5.1.1.1] 80% 证据：名册\n';
    const plain = '# 手册\n\n## 5.1.1.1 服务网点 [5.1.1.1]\n\n内容。\n';
    const oddEntries = entriesOf(odd);
    assert.equal(survivesJson(oddEntries), false, 'the front matter keeps NaN and Infinity');
    assert.equal(survivesJson(entriesOf(plain)), true);
    const cache = new DiskCache(dir, 'v1');
    await cache.save('file:///ws', new Map([[contentHash(odd), oddEntries], [contentHash(plain), entriesOf(plain)]]));
    const loaded = cache.load('file:///ws');
    assert.deepEqual([...loaded.keys()], [contentHash(plain)]);
  });

  it('survivesJson: what JSON changes is refused', () => {
    assert.equal(survivesJson({ a: [1, 'x', true, null, { b: undefined }] }), true);
    for (const bad of [[undefined], NaN, -Infinity, new Date(0), new Map(), 1n, () => 1, { a: [Infinity] }]) assert.equal(survivesJson(bad), false, String(bad));
  });

  it('another version, another folder, broken JSON or no file: empty, never a throw', async () => {
    const text = '# 手册\n\n## 5.1.1.1 [5.1.1.1]\n';
    await new DiskCache(dir, 'v1').save('file:///ws', new Map([[contentHash(text), entriesOf(text)]]));
    assert.equal(new DiskCache(dir, 'v1').load('file:///ws').size, 1);
    assert.equal(new DiskCache(dir, 'v2').load('file:///ws').size, 0, 'a new build does not read old models');
    assert.equal(new DiskCache(dir, 'v1').load('file:///other').size, 0);
    const logged: string[] = [];
    const cache = new DiskCache(dir, 'v1', (m) => logged.push(m));
    writeFileSync(cache.fileFor('file:///ws')!, '{"format":2,"entr');
    assert.equal(cache.load('file:///ws').size, 0);
    assert.match(logged.join('\n'), /ignoring unreadable cache/);
    writeFileSync(cache.fileFor('file:///ws')!, 'null');
    assert.equal(cache.load('file:///ws').size, 0);
    assert.equal(cache.load('file:///never-saved').size, 0);
    assert.equal(new DiskCache(undefined, 'v1').load('file:///ws').size, 0, 'no directory: no cache');
  });

  it('replaces the v8-serialised cache file of earlier versions', async () => {
    const cache = new DiskCache(dir, 'v1');
    const old = cache.fileFor('file:///ws')!.replace(/\.chunks\.json$/, '.bin');
    writeFileSync(old, 'old');
    await cache.save('file:///ws', new Map());
    assert.equal(existsSync(old), false);
    assert.ok(existsSync(cache.fileFor('file:///ws')!));
  });
});
