/**
 * The bundles parse Markdown through two esbuild substitutions (scripts/esbuildPlugins.mjs): the
 * reused micromark context and the one-pass join of data tokens (linearMicromarkText.ts). tsx runs
 * the unit tests on micromark itself, so here the parser is bundled exactly as the product is and
 * its trees are compared with micromark's own, positions included.
 *
 * The join once built a new events array: micromark-util-subtokenize keeps `tokenizer.events`
 * from before the write, so it read the old array with the first token already stretched over
 * the run, and text came out twice (the sample report's title in every export).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { tests as specExamples } from 'commonmark-spec';
import * as esbuild from 'esbuild';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markdownDocument } from './markdownArbitrary';

const REPO = path.resolve(__dirname, '..', '..', '..');

const plain = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

type Parse = (text: string) => unknown;

async function bundledParser(): Promise<Parse> {
  const { productPlugins } = (await import(path.join(REPO, 'scripts', 'esbuildPlugins.mjs'))) as { productPlugins: esbuild.Plugin[] };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt-micromark-'));
  const entry = path.join(dir, 'entry.mjs');
  const out = path.join(dir, 'parser.cjs');
  fs.writeFileSync(
    entry,
    "import { unified } from 'unified';\nimport remarkParse from 'remark-parse';\nimport remarkGfm from 'remark-gfm';\nimport remarkFrontmatter from 'remark-frontmatter';\n" +
      "const p = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);\nexport const parse = (t) => p.parse(t);\n",
  );
  await esbuild.build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    nodePaths: [path.join(REPO, 'node_modules')],
    plugins: productPlugins,
    logLevel: 'silent',
  });
  const source = fs.readFileSync(out, 'utf8');
  assert.match(source, /joinDataRuns/, 'the bundle routes micromark’s text initializer through linearMicromarkText.ts');
  const parse = (createRequire(out)(out) as { parse: Parse }).parse;
  fs.rmSync(dir, { recursive: true, force: true });
  return parse;
}

const json = (tree: unknown) => JSON.stringify(tree);

describe('model: micromark as bundled (one-pass join of data tokens, reused context)', function () {
  this.timeout(60_000);
  let bundled: Parse;
  before(async () => {
    bundled = await bundledParser();
  });

  it('the sample report’s title and information table: each text once', () => {
    const doc = '# 华东智能家电有限公司 售后服务认证审核报告（2026 年度初次认证）\n\n| 审核日期 | 2026 年 3 月 16 日至 3 月 18 日 |\n| --- | --- |\n| 审核依据 | GB/T 27922-2011《商品售后服务评价体系》 |\n';
    const tree = bundled(doc) as { children: { children: { value?: string; children?: unknown[] }[] }[] };
    assert.deepEqual(tree.children[0].children.map((c) => c.value), ['华东智能家电有限公司 售后服务认证审核报告（2026 年度初次认证）']);
    assert.equal(json(bundled(doc)), json(plain.parse(doc)));
  });

  it('the same trees as micromark’s own over every CommonMark spec example', () => {
    for (const example of specExamples) assert.equal(json(bundled(example.markdown)), json(plain.parse(example.markdown)), `spec example ${example.number}`);
  });

  it('the same trees over the samples and the docs', () => {
    const files = ['samples', 'docs'].flatMap((d) =>
      (fs.readdirSync(path.join(REPO, d), { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => path.join(REPO, d, f)),
    );
    assert.ok(files.length >= 20, `${files.length} files`);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      assert.equal(json(bundled(text)), json(plain.parse(text)), path.relative(REPO, f));
    }
  });

  it('the same trees over random documents in random order', () => {
    fc.assert(
      fc.property(fc.array(markdownDocument, { minLength: 1, maxLength: 4 }), (docs) => {
        for (const doc of docs) assert.equal(json(bundled(doc)), json(plain.parse(doc)));
      }),
      { seed: 27922, numRuns: 80 },
    );
  });
});
