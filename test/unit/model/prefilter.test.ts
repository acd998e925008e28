/**
 * The prefilter (server/src/model/prefilter.ts) may say "maybe" for a text that is not ours, never
 * "no" for one that is: whenever the full parse with a scheme finds the file is ours — a manual
 * or an audit, any problem shown — the prefilter given that scheme said maybe; and without a
 * scheme it said maybe whenever the parse finds anything at all: a clause tag (even of an
 * unknown ID), a front-matter clause, a suppression comment. Checked on random documents built
 * from every form the model reads (as the incremental = fresh property is), on forms in the
 * contexts that decide whether they are read, on token soup around the prefilter's own edges, on
 * front matter in every spelling the YAML reader accepts, and on real documents: the samples, the
 * test fixtures, the repository's docs, the CommonMark spec examples (also with `foo` renamed to
 * a clause ID) and the README/docs files of the installed npm packages.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { tests as specExamples } from 'commonmark-spec';
import { parseDocument } from '../../../server/src/model';
import { DOCUMENT_TYPE_VALUES, FRONT_MATTER_KEYS } from '../../../server/src/model/frontMatter';
import { SPECIAL_WORDS } from '../../../server/src/model/inlineSyntax';
import { frontMatterBlock, mayBeOurs, prefilterReason } from '../../../server/src/model/prefilter';
import type { DocumentModel } from '../../../server/src/model/types';
import type { Scheme } from '../../../server/src/scheme/types';
import { scheme, tenStar } from './helpers';
import { markdownDocument } from './markdownArbitrary';

const seedEnv = process.env.FC_SEED;
const seed = seedEnv === 'random' ? Date.now() : seedEnv ? Number(seedEnv) : 27922;
const runs = (n: number) => ({ seed, numRuns: Number(process.env.FC_RUNS ?? n) });
const ROOT = join(__dirname, '..', '..', '..');

/** The file is ours: what the prefilter given the scheme must never miss. */
function oursOf(m: DocumentModel): string | undefined {
  if (m.kind !== 'none') return `kind ${m.kind}`;
  if (m.problems.length > 0) return `${m.problems.length} problem(s)`;
  return undefined;
}

/** Anything of ours the full parse found: what the prefilter without a scheme must never miss. */
function anythingIn(m: DocumentModel): string | undefined {
  if (m.kind !== 'none') return `kind ${m.kind}`;
  if (m.tags.length > 0) return `${m.tags.length} tag(s)`;
  if (m.frontMatter.clauses.length > 0) return 'front-matter clauses';
  if (m.frontMatter.notApplicable.length > 0) return 'front-matter not-applicable';
  if (m.suppressions.length > 0) return 'suppression comments';
  if (m.problems.length > 0) return `${m.problems.length} problem(s)`;
  if (m.entries.length > 0 || m.specials.length > 0) return 'entries';
  return undefined;
}

/**
 * The properties on one text, for each scheme: given the scheme the prefilter misses no file that
 * is ours; without one it misses nothing the parse finds, and says maybe whenever the scheme's
 * prefilter does. Returns whether the text is ours and the prefilter's answer (first scheme).
 */
function check(text: string, label: string, schemes: Scheme[] = [scheme]): { ours?: string; maybe: boolean } {
  const shown = () => JSON.stringify(text.length > 600 ? text.slice(0, 600) + '…' : text);
  const free = mayBeOurs(text);
  let result: { ours?: string; maybe: boolean } | undefined;
  for (const s of schemes) {
    const m = parseDocument(text, s);
    const maybe = mayBeOurs(text, s);
    const ours = oursOf(m);
    if (ours && !maybe) assert.fail(`${label}: the prefilter (scheme ${s.id}) said no, the parse found ${ours}: ${shown()}`);
    const anything = anythingIn(m);
    if (anything && !free) assert.fail(`${label}: the prefilter without a scheme said no, the parse (scheme ${s.id}) found ${anything}: ${shown()}`);
    if (maybe && !free) assert.fail(`${label}: maybe with scheme ${s.id} but no without a scheme: ${shown()}`);
    result ??= { ours, maybe };
  }
  return result!;
}

// ---------------------------------------------------------------------------------------------
// Arbitraries around the prefilter's edges

const KELVIN = '\u212A';
/** Case variants a YAML key may be written in and still be read (`toLowerCase`), and some that are not. */
const caseVariant = (s: string) =>
  fc.constantFrom(s, s.toUpperCase(), s[0].toUpperCase() + s.slice(1), s.replace(/k/g, KELVIN), `ｔ${s.slice(1)}`, `${s}x`, `x${s}`, s.replace(/-/g, '_'));
const allKeys = Object.values(FRONT_MATTER_KEYS).flat();
const typeValues = [...DOCUMENT_TYPE_VALUES.manual, ...DOCUMENT_TYPE_VALUES.audit];
const refKeys = [...FRONT_MATTER_KEYS.clauses, ...FRONT_MATTER_KEYS.notApplicable];
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRONT_MATTER_KEYS.type).chain(caseVariant) },
  { weight: 2, arbitrary: fc.constantFrom(...refKeys).chain(caseVariant) },
  { weight: 2, arbitrary: fc.constantFrom(...allKeys).chain(caseVariant) },
  { weight: 1, arbitrary: fc.constantFrom('title', 'tags', 'layout', 'sidebar_position', 'date', 'typed', 'types') },
);
const value = fc.oneof(
  fc.constantFrom(...typeValues).chain(caseVariant),
  fc.constantFrom('5.1.1.1', '[5.1.1.1, 5.1.2]', '\n  5.2.2.1: 生产型企业', '\n  - 5.2.2.2 无', '５．１．１．１'),
  fc.constantFrom('docs', 'post', 'true', 'ten-star', '93%', '5.1.1.1, 5.1.1.2', '5.2.2.1-5.2.2.4', '9.9.9', '', 'audit report', 'auditing', '[audit]', '[5.1.1.1]', '{a: audit}', '|\n  audit', '>-\n  manual', 'surveillance', '监督审核', '2027-03-20', '../2026/审核报告.md'),
);
const quoted = (s: string) => fc.constantFrom(s, `"${s}"`, `'${s}'`, ` ${s} `, `"\u3000${s}"`);
const yamlEntry = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(key.chain(quoted), value.chain(quoted), fc.constantFrom(': ', ':', '：', ' : ', ':\t')).map(([k, v, c]) => `${k}${c}${v}`) },
  { weight: 1, arbitrary: fc.tuple(key, value).map(([k, v]) => `{${k}: ${v}}`) },
  { weight: 1, arbitrary: fc.tuple(key, value).map(([k, v]) => `? ${k}\n: ${v}`) },
  { weight: 1, arbitrary: fc.tuple(key, value).map(([k, v]) => `  - ${k}: ${v}`) },
  { weight: 1, arbitrary: fc.constantFrom('"\\x74ype": audit', '"t\\u0079pe": "\\x61udit"', 'type: "aud\\\n  it"', '%YAML 1.1', '# type: audit', 'a: &x audit\ntype: *x', 'type: !!str audit', 'b: c: d', 'x: @y') },
);
const fence = fc.constantFrom('---', '---', '---', '---  ', '---\t', ' ---', '----', '--- x');
const frontMatterDoc = fc
  .tuple(fc.boolean(), fence, fc.array(yamlEntry, { maxLength: 4 }), fc.constantFrom('---', '---', '---', '--- ', '...', ''), fc.constantFrom('\n', '\r\n', '\r'), fc.constantFrom('', '正文。', '# 标题\n\n正文 [x]', 'text'))
  .map(([bom, open, lines, close, eol, body]) => (bom ? '\uFEFF' : '') + [open, ...lines, ...(close ? [close] : []), body].join('\n').replace(/\n/g, eol));

/** Pieces around every pattern of the prefilter and of the model, glued at random. */
const SOUP = [
  '[', ']', '【', '】', '［', '］', '(', ')', '(https://e.com/x)', '(<x>)', '(a b)', '(a|b)', '()', '!', '\\', '\\\\', '`', '``',
  '5.1.1.1', '5.1.2', '5.1', '５．１．２．２', '5。1.1.1', '1.2.3', '9.9.9', '5.2.2.1-5.2.2.4', '5.1.1.1～5.1.1.2', '－', ', ', '、', ' 至 ',
  '|', '| ', ' |', '|---|---|', '| --- | --- |', ':-:', '条款', '得分', 'Clause ID', '**Score**', '指标编号', 'item', 'id', '备注', '80%', '4/5', '4分', '不适用 生产型', 'N/A',
  '扣分', '特别加分', 'bonus', 'DEDUCTION', '加 分', '<!--', '-->', '<!-- clause: 5.1.1.1 -->', 'clause:', '条款：', '<!-- gbt27922-disable-next-line missing-evidence -->', 'gbt27922-enable',
  '\n', '\n\n', '\r\n', '\r', ' ', '   ', '    ', '\t', '\u3000', '\u00a0', '> ', '>', '- ', '1. ', '# ', '## ', '```\n', '~~~\n', '<div>\n', '</div>', '---\n', 'type: audit\n', '类型：手册\n',
  '[扣分]', '【 Bonus 】', '［特别扣分］', ' 抽查 20 份，合格 18 份', 'sampled 5, conforming 4', '抽查', '合格 3 份', '[NC-01]', 'NC-02', '[跟踪 NC-03]', '[follow-up', ' NC-04]', '一般：', '已关闭', '| 条款 | 得分 |\n', '| Clause | Score |', '|---|---|\n', '5.1.1.1 | 80%\n', '| 5.1.2.2 |',
  '[5.1.1.1]: /url\n', '[ref]: /r\n', '[^1]: x\n', '[^1]: ', '[^a]:', ']: ', ': http://e.com/x', ':', '[ncz]', '[ncz]: http://e.com\n', '[ref]', '*', '_', '&#91;', '&#x5B;', '售后服务', 'text', 'foo', '😀',
];
const soup = fc
  .tuple(fc.constantFrom('', '', '', '---\n', '---\nclauses: 5.1.1.1\n---\n', '---\ntype: audit\n'), fc.array(fc.constantFrom(...SOUP), { maxLength: 40 }))
  .map(([start, xs]) => start + xs.join(''));

/** Each form of ours in the contexts that change whether the model reads it: links, escapes, code, HTML, tables (with and without pipes), quotes, lists. */
const idText = fc.constantFrom('5.1.1.1', '５．１．２．２', '5.1', '9.9.9', '5.2.2.1-5.2.2.4', '5.1.1.1、5.1.1.2', ' 5.1.2 ');
const destination = fc.constantFrom('', 'x', 'https://e.com/a', 'a|b', 'a b', '<a>', 'a(b)', 'a\\)', '#x', 'a\u3000b', 'a "t"');
const form = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('[]', '【】', '［］'), idText).map(([b, i]) => b[0] + i + b[1]) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('', '!'), idText, destination).map(([bang, i, d]) => `${bang}[${i}](${d})`) },
  { weight: 1, arbitrary: idText.chain((i) => fc.constantFrom(`[${i}][ref]`, `[${i}][]`, `[x][${i}]`, `[${i}]: /url`)) },
  { weight: 1, arbitrary: fc.constantFrom(...SPECIAL_WORDS).chain((w) => fc.constantFrom(`[${w}]`, `【 ${w} 】`, `[${w.toUpperCase()}](x)`)) },
  { weight: 1, arbitrary: idText.chain((i) => fc.constantFrom(`<!-- clause: ${i} -->`, `<!--条款：${i}-->`, `<!-- clause: ${i}`)) },
  { weight: 1, arbitrary: fc.constantFrom('<!-- gbt27922-disable-next-line unknown-clause -->', '<!-- gbt27922-enable -->') },
  { weight: 3, arbitrary: idText },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('[NC-01]', '【ＮＣ－０２】', '[ nc_3 ]', '[跟踪 NC-04]', '[follow-up NC-05]', '［复查：NC-06］', '[NC]', '[NC-]', '[跟踪]'), fc.constantFrom('', ' [5.2.3.2] 一般：超时送货', ' 已关闭：到位', ' major: late', ' [9.9.9] 观察项')).map(([l, r]) => l + r),
  },
);
const around = fc.tuple(
  fc.constantFrom('', '', '\\', '\\\\', '`x` ', '`', '<span title="', '&#91;', '*', '文字 ', '<', 'http://e.com/', '[', '[a '),
  form,
  fc.constantFrom('', '', '`', '"', '>', ' 80% 证据：记录', ' 4/5', ' 抽查 20 份，合格 18 份', ' sampled 5, conforming 6', '*', '\\', ']', '](x)', '(x)'),
).map(([a, f, b]) => a + f + b);
/** Header cells: mostly a clause column then a score column (where the cells go), sometimes neither. */
const columns = fc
  .tuple(fc.constantFrom('条款', 'Clause ID', 'item', '说明'), fc.option(fc.constantFrom('得分', '**Score**', '备注', '证据'), { nil: undefined }), fc.shuffledSubarray(['证据', '备注', '说明'], { maxLength: 2 }))
  .map(([c, s, rest]) => [c, ...(s ? [s, ...rest] : [])]);
const cell = fc.oneof(around, fc.constantFrom('x', '', '见记录', '5.1.1.1', '５．１．１．２'));
const tableIn = fc.tuple(columns, fc.array(fc.tuple(cell, fc.constantFrom('80%', '4分', 'x', '', '抽查 20 份，合格 18 份', 'sampled 4, conforming 0'), fc.constantFrom('pipes', 'inner', 'bare')), { minLength: 1, maxLength: 3 })).map(([cols, rows]) => {
  const lines = [`| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`];
  for (const [first, score, style] of rows) {
    const cells = [first, score, ...cols.slice(2).map(() => 'y')].slice(0, Math.max(1, cols.length));
    lines.push(style === 'pipes' ? `| ${cells.join(' | ')} |` : style === 'inner' ? cells.join(' | ') : first);
  }
  return lines;
});
const contextBlock = fc.oneof(
  { weight: 3, arbitrary: around },
  { weight: 1, arbitrary: around.map((x) => `## ${x}`) },
  { weight: 1, arbitrary: around.map((x) => `- ${x}`) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('- [x] ', '* [ ] ', '1. [X] ', '-\t[x]\t', '- [y] '), around).map(([m, x]) => m + x) },
  { weight: 1, arbitrary: around.map((x) => `> ${x}`) },
  { weight: 3, arbitrary: tableIn.map((ls) => ls.join('\n')) },
  { weight: 1, arbitrary: tableIn.map((ls) => ls.map((l) => `> ${l}`).join('\n')) },
  { weight: 1, arbitrary: tableIn.map((ls) => ['- 列表', '', ...ls.map((l) => `  ${l}`)].join('\n')) },
  { weight: 1, arbitrary: around.map((x) => `\`\`\`\n${x}\n\`\`\``) },
  { weight: 1, arbitrary: around.map((x) => `    ${x}`) },
  { weight: 1, arbitrary: around.map((x) => `<div>\n${x}\n</div>`) },
  { weight: 1, arbitrary: fc.constantFrom('[ref]: /url', '[5.1.1.1]: /url', 'text') },
);
/** Tags of IDs no scheme knows, where an audit entry may or may not start: they decide the kind only there. */
const unknownEntry = fc
  .tuple(
    fc.constantFrom('', '- ', '- [x] ', '* [ ] ', '1. [X] ', '> ', '> - ', '1) ', '  ', '| ', '> | ', '| x | ', 'a ', '`x` ', '## ', '<span>', '[^1]: ', '> [^n]: ', '[^1]: [^2]: ', '[^a b]: ', '- [^1]: '),
    fc.constantFrom('[9.9.9]', '[0.13, 0.25]', '【９．９】', '［9.9-9.10］', '[9.9](x)', '[99.3]', '[NC-01]', '[ncz]', '【跟踪 NC-2】', '[follow-up nc_3]'),
    fc.constantFrom(': http://e.com/x', ': 一般：超时', ':', ': a(b', ': <x>', ': x "t"', ' 一般：超时', ' 80%', ' 4/5', ' 不适用 生产型', ' x', '', ' | 80% |', ' 证据：记录', ' 抽查 20 份，合格 18 份', ' 抽样20，其中合格21', ' | sampled 10, conforming 9 |'),
  )
  .map(([lead, t, rest]) => lead + t + rest);
const unknownEntryDoc = fc
  .tuple(fc.constantFrom('', '| 条款 | 得分 |\n|---|---|\n', '| Clause | Notes |\n|---|---|\n', '# 报告\n\n'), fc.array(unknownEntry, { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\n\n'))
  .map(([head, lines, sep]) => head + lines.join(sep));

const contextDoc = fc.array(fc.tuple(contextBlock, fc.constantFrom('\n\n', '\n', '\r\n\r\n')), { minLength: 1, maxLength: 4 }).map((bs) => bs.map(([b, sep]) => b + sep).join(''));

// ---------------------------------------------------------------------------------------------

describe('model: the prefilter says maybe whenever the parse finds something of ours', function () {
  this.timeout(120000);

  it('random documents of every form the model reads', () => {
    const seen = { ours: 0, rejected: 0, maybeNotOurs: 0 };
    fc.assert(
      fc.property(markdownDocument, (text) => {
        const { ours, maybe } = check(text, 'random document', [scheme, tenStar]);
        if (ours) seen.ours++;
        else if (maybe) seen.maybeNotOurs++;
        if (!maybe) seen.rejected++;
      }),
      runs(200),
    );
    // The property has both sides to stand on.
    if (!process.env.FC_RUNS) assert.ok(seen.ours >= 100 && seen.rejected >= 10, JSON.stringify(seen));
  });

  /**
   * The property over `arbitrary`, `n` runs; then (at the default run count) that both sides were
   * seen often enough: texts that are ours, texts rejected, and every reason the prefilter gives.
   */
  function holds(arbitrary: fc.Arbitrary<string>, label: string, n: number, min: { ours: number; rejected: number; reasons?: number }): void {
    const seen = { ours: 0, rejected: 0, reasons: new Set<string>() };
    fc.assert(
      fc.property(arbitrary, (text) => {
        const { ours, maybe } = check(text, label);
        if (ours) seen.ours++;
        if (!maybe) seen.rejected++;
        const reason = prefilterReason(text);
        if (reason) seen.reasons.add(reason);
      }),
      runs(n),
    );
    const enough = seen.ours >= min.ours && seen.rejected >= min.rejected && (min.reasons === undefined || seen.reasons.size === min.reasons);
    if (!process.env.FC_RUNS) assert.ok(enough, JSON.stringify({ ...seen, reasons: [...seen.reasons] }));
  }

  it('each form in the contexts that decide whether the model reads it (links, escapes, code, HTML, tables with and without pipes)', () => {
    holds(contextDoc, 'form in context', 1500, { ours: 400, rejected: 100, reasons: 6 });
  });

  it('tags of unknown IDs where an audit entry may start (list, task list, quote, table cell) and where it may not', () => {
    holds(unknownEntryDoc, 'unknown-ID entry', 1000, { ours: 200, rejected: 100 });
  });

  it('token soup around the edges of every pattern (links, escapes, tables without pipes, comments, labels)', () => {
    holds(soup, 'soup', 2000, { ours: 200, rejected: 200, reasons: 7 });
  });

  it('front matter in every spelling the YAML reader accepts (case, quotes, flow, explicit keys, escapes, anchors, broken YAML)', () => {
    holds(frontMatterDoc, 'front matter', 1000, { ours: 70, rejected: 100 });
  });

  it('real documents: samples, test fixtures, docs, every CommonMark spec example (also with foo renamed to clause IDs)', () => {
    const files = [...markdownFiles(join(ROOT, 'samples')), ...markdownFiles(join(ROOT, 'test', 'fixtures')), ...markdownFiles(join(ROOT, 'docs')), join(ROOT, 'README.md')];
    let ours = 0;
    for (const f of files) if (check(readFileSync(f, 'utf8'), relative(ROOT, f)).ours) ours++;
    assert.ok(files.length >= 20 && ours >= 12, `${files.length} files, ${ours} ours`);
    let rejected = 0;
    let renamedOurs = 0;
    for (const ex of specExamples) {
      const text = ex.markdown.replace(/→/g, '\t');
      if (!check(text, `example ${ex.number}`).maybe) rejected++;
      for (const id of ['5.1.1.1', '５．１．２．２', '5.1']) {
        if (check(text.replace(/\bfoo\b/g, id), `example ${ex.number} with foo → ${id}`).ours) renamedOurs++;
      }
    }
    // Precision: the spec examples are not ours, and the prefilter says so for almost all.
    assert.ok(rejected >= specExamples.length - 5, `${rejected} of ${specExamples.length} spec examples rejected`);
    assert.ok(renamedOurs >= 30, `${renamedOurs} renamed examples ours`);
  });

  it('the README and docs files of the installed npm packages: at least 99 % rejected, and none of every 8th is ours', function () {
    const files = foreignMarkdown(join(ROOT, 'node_modules'));
    assert.ok(files.length >= 300, `${files.length} files`);
    let rejected = 0;
    files.forEach((f, i) => {
      const text = readFileSync(f, 'utf8');
      const maybe = mayBeOurs(text, scheme);
      if (!maybe) rejected++;
      // Parsing all of them would take half a minute: a fixed eighth keeps the unit layer fast.
      if (i % 8 === 0) check(text, relative(ROOT, f));
    });
    assert.ok(rejected >= files.length * 0.99, `${rejected} of ${files.length} rejected`);
  });
});

describe('model: the prefilter, form by form', () => {
  const reason = prefilterReason;

  it('clause tags in every bracket, digit and list form; not a bracket that is an inline link', () => {
    for (const t of ['[5.1.2.2]', '【5.1.2.2】', '［5.1.2.2］', '[５．１．２．２]', '[5。1.2.2]', '[5.1.2.1, 5.1.2.2]', '【5.1.2.1、5.1.2.2】', '[5.2.2.1-5.2.2.4]', '［5.2.2.1－5.2.2.4］', '[ 9.9 ]', '`x\\`[5.1.1.1]']) {
      assert.equal(reason(`文字 ${t} 文字`), 'clause-tag', t);
    }
    assert.equal(reason('see [7.6.1.1](http://es5.github.io/#x7.6.1.1) and ![1.2](a.png)'), undefined);
    // Not a plain inline link: the model may read these as tags.
    for (const t of ['[5.1.1.1](a b)', '[5.1.1.1](<a>)', '[5.1.1.1](a|b)', '[5.1.1.1](a\\)', '[5.1.1.1] (a)', '[5.1.1.1][ref]', '[5.1.1.1](a', '[5.1.1.1](a(b))']) {
      assert.equal(reason(t), 'clause-tag', t);
    }
    assert.equal(reason('version [3.9.0](https://e.com) and [v1.2] and [1.2.x] and [1.] and 1.2.3'), undefined);
  });

  it('given the scheme: a tag naming none of its IDs counts only where an audit entry could start', () => {
    const withScheme = (t: string) => reason(t, scheme);
    // Numbers in brackets in someone's README: tags to the parse, but of no item or group.
    assert.equal(reason('inset: `[0.25, 0.35]`, | inset | [0.13, 0.13] | x |, and { _: [99.3] }'), 'clause-tag');
    assert.equal(withScheme('inset: `[0.25, 0.35]`, | inset | [0.13, 0.13] | x |, and { _: [99.3] }'), undefined);
    // One of its IDs is known: anywhere (normalised from full width; a group counts too).
    assert.equal(withScheme('文字 【５．１．２．２】 文字'), 'clause-tag');
    assert.equal(withScheme('文字 [9.9, 5.1] 文字'), 'clause-tag');
    assert.equal(withScheme('文字 [5.2.2.1-5.2.2.4] 文字'), 'clause-tag');
    // Unknown IDs leading a line (an entry is scored whatever its ID), in a list, a task list, a quote.
    for (const t of ['[9.9.9] 80%', '- [9.9.9] 80%', '- [x] [9.9] 4/5', '> 1. 【9.9】 4分', '    [0.1]', '正文[^1]\n\n[^1]: [9.9.9] 80%']) assert.equal(withScheme(t), 'clause-tag', t);
    assert.equal(parseDocument('正文[^1]\n\n[^1]: [9.9.9] 80%', scheme).kind, 'audit', "a footnote's paragraph is an entry too");
    // Or a table cell, when some line names clause and score columns.
    assert.equal(withScheme('| 条款 | 得分 |\n|---|---|\n| [9.9] | 80% |'), 'clause-tag');
    assert.equal(withScheme('| 名称 | 值 |\n|---|---|\n| [9.9] | 80% |'), undefined);
    // Comment tags make a manual only with a known ID.
    assert.equal(withScheme('<!-- clause: 9.9.9 -->'), undefined);
    assert.equal(withScheme('<!-- clause: 9.9.9, 5.1.1.1 -->'), 'comment-tag');
    assert.equal(withScheme('<!-- clause: 9.9 -->\n<!-- clause: 5.3 -->'), 'comment-tag');
  });

  it('non-conformities and their follow-ups (issue 15), in every bracket and spelling the model reads', () => {
    for (const t of ['- [NC-01] 一般：超时', '【ＮＣ－０２】 严重：不足', '[ nc_3 ] 观察项', '- [跟踪 NC-04] 已关闭', '[Follow-up NC-05] closed', '［复查：NC-06］ 整改中', '[上次不符合项跟踪 NC-7] 开放']) {
      assert.equal(reason(t, scheme), 'nc-marker', t);
    }
    assert.equal(reason('[NC] and [NC-] and [跟踪] and NC-01', scheme), undefined);
    // Where a paragraph may start: first on its line, after markers or a footnote label; not inside a line.
    assert.equal(reason('正文[^1]\n\n[^1]: [NC-01] 一般：超时', scheme), 'nc-marker');
    assert.equal(reason('see [NC-01] and [follow-up NC-02]', scheme), undefined);
    // A link reference definition is not a paragraph (immediate's README: [ncz]: http://…); a label with nothing after the colon is.
    assert.equal(reason('* [Blog post][ncz]\n\n[ncz]: http://www.nczonline.net/blog/\n', scheme), undefined);
    assert.equal(reason('[NC-01]:\n', scheme), 'nc-marker');
    assert.equal(reason('[NC-01]: a(b\n', scheme), 'nc-marker');
    assert.equal(parseDocument('[NC-01]:\n', scheme).kind, 'audit');
  });

  it('sampled scores (issue 15) ride on the tag or bare ID that leads their entry: the tag is what is looked for', () => {
    const withScheme = (t: string) => reason(t, scheme);
    for (const t of ['- [9.9.9] 抽查 20 份，合格 18 份', '[5.1.1.1] sampled 10, conforming 9', '| 条款 | 得分 |\n|---|---|\n| 5.1.1.1 | 抽查20，合格18 |']) {
      assert.ok(withScheme(t), t);
      assert.ok(parseDocument(t, scheme).kind === 'audit', `${t}: an audit to the parse`);
    }
    assert.equal(withScheme('抽查 20 份，合格 18 份（无条款）'), undefined);
    assert.equal(parseDocument('抽查 20 份，合格 18 份（无条款）', scheme).kind, 'none');
  });

  it('the audit-cycle front-matter keys (issue 15) in their English and Chinese spellings', () => {
    for (const k of [...FRONT_MATTER_KEYS.auditType, ...FRONT_MATTER_KEYS.auditDate, ...FRONT_MATTER_KEYS.previous]) {
      assert.equal(reason(`---\n${k}: x\n---\n`), 'front-matter', k);
    }
    assert.equal(reason('---\nauditType: 监督审核\nauditDate: 2027-03-20\nprevious: ../2026/审核报告.md\n---\n# 报告\n'), 'front-matter');
    assert.equal(reason('---\n审核类型: 初审\n---\n'), 'front-matter');
  });

  it('comment tags, special labels, suppression comments', () => {
    assert.equal(reason('<!-- clause: 5.1.2.2 -->'), 'comment-tag');
    assert.equal(reason('<!--CLAUSES：５．１．２．２、5.1.2.3-->'), 'comment-tag');
    assert.equal(reason('<!-- 条款: 5.1 -->'), 'comment-tag');
    assert.equal(reason('<!-- clause: none -->'), undefined);
    for (const w of SPECIAL_WORDS) {
      assert.equal(reason(`- [${w}] 原因`), 'special-entry', w);
      assert.equal(reason(`| 【 ${w.toUpperCase()} 】 | x |`), 'special-entry', w);
    }
    assert.equal(reason('[扣 分]'), undefined);
    assert.equal(reason('<!-- gbt27922-disable-file unknown-clause -->'), 'suppression');
    assert.equal(reason('# 手册\n\n<!-- gbt27922-disable-next-line missing-evidence, empty-section -->\n文字'), 'suppression');
    assert.equal(reason('<!--gbt27922-enable-->'), 'suppression');
  });

  it('bare clause IDs in a table with a clause and a score column, even in a row without pipes or in a block quote', () => {
    const table = (rows: string) => `| 条款 | 得分 |\n|---|---|\n${rows}`;
    assert.equal(reason(table('| 5.1.1.1 | 80% |')), 'table-clause-id');
    assert.equal(reason(table('| x | 80% |\n5.1.1.2')), 'table-clause-id');
    assert.equal(reason('> | **Clause ID** | Score |\n> |---|---|\n> | ５．１．１．１ | 80% |'), 'table-clause-id');
    assert.equal(reason('- | Item | _Rating_ |\n  |---|---|\n  5.1.1.1 | 4/5'), 'table-clause-id');
    assert.equal(reason('> 条款 | 得分\n> ---|---\n> 5.1.1.1 | 80%'), 'table-clause-id');
    // A version table names no clause and score columns; a clause column alone is not enough.
    assert.equal(reason('| Version | Date |\n|---|---|\n| 1.2.3 | 2020 |'), undefined);
    assert.equal(reason('| 条款 | 说明 |\n|---|---|\n| 5.1.1.1 | x |'), undefined);
    assert.equal(reason('| 条款 | 得分 |\n|---|---|\n| 见 5.1.1.1 | 80% |'), undefined);
  });

  it('front matter: our keys, a type key only with one of our types, escapes; only at the very start between fences', () => {
    assert.equal(reason('---\ntype: audit\n---\n'), 'front-matter');
    assert.equal(reason('\uFEFF---\r\n类型：审核报告\r\n---\r\n正文'), 'front-matter');
    assert.equal(reason(`---\n${KELVIN}ind: "Manual"\n---\n`), 'front-matter');
    assert.equal(reason('---\n"\\x74ype": x\n---\n'), 'front-matter');
    for (const k of allKeys.filter((x) => !FRONT_MATTER_KEYS.type.includes(x))) assert.equal(reason(`---\n${k}: x\n---\n`), 'front-matter', k);
    assert.equal(reason('---\ntype: docs\ntitle: audit log\n---\n'), 'front-matter', 'type key and a type word: maybe');
    assert.equal(reason('---\ntype: docs\ntitle: Guide\n---\n'), undefined);
    assert.equal(reason('---\ntitle: x\nsubtype: audit\n---\n'), undefined);
    // Not front matter: not at the start, not closed, not a fence.
    assert.equal(reason('\n---\nclauses: 5.1.1.1\n---\n'), undefined);
    assert.equal(reason('---\nclauses: x\n'), undefined);
    assert.equal(reason('----\nclauses: x\n----\n'), undefined);
    assert.equal(frontMatterBlock('---\na: b\n---  \nrest'), '---\na: b\n---  ');
    assert.equal(frontMatterBlock('---'), undefined);
  });

  it('its scans are linear: crafted inputs of 400 KB (hang checks with a wide margin; the bench measures time)', () => {
    const N = 400_000;
    const quick = (what: string, text: string) => {
      const started = process.hrtime.bigint();
      reason(text, scheme);
      reason(text);
      const took = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(took < 3000, `${what}: ${took.toFixed(0)} ms`);
    };
    quick('unknown-ID tags on one line, none leading it', 'x ' + '[9.9.9] '.repeat(N / 8));
    quick('unknown-ID tags each after a long run of spaces', ('a' + ' '.repeat(1000) + '[9.9] ').repeat(N / 1007));
    quick('unknown-ID tags in table cells without a header', '| x ' + '| [9.9] '.repeat(N / 8));
    quick('unclosed clause lists', '[5.1.1.1 ' + '9.9.9 '.repeat(N / 6) + 'x');
    quick('brackets', '['.repeat(N));
    quick('comment starts', '<!-- clause: '.repeat(N / 13));
    quick('special-label starts', '[ 扣'.repeat(N / 3));
    quick('bare IDs in pipes, no header', '| 1.2 '.repeat(N / 6));
    quick('lines of markers', '- [x] > 1. '.repeat(N / 11));
    quick('NC labels on one line, none leading it', 'x ' + '[NC-1] [跟踪 NC-2] '.repeat(N / 19));
    quick('NC labels leading lines as definitions', '[NC-1]: x\n'.repeat(N / 10));
    quick('footnote labels, unclosed, then an unknown-ID tag', ('[^' + 'a'.repeat(990) + ' [9.9]\n').repeat(N / 998));
    quick('footnote labels one after another', '[^1]:'.repeat(N / 5) + '[9.9.9]');
    quick('a front matter of one long line', `---\ntitle: ${'a '.repeat(N / 2)}\n---\n`);
    quick('an unclosed front matter', `---\n${'type: x\n'.repeat(N / 8)}`);
  });

  it('plain Markdown says no', () => {
    assert.equal(reason(''), undefined);
    assert.equal(reason('# Title\n\nSome text with [a link](x), 1.2.3, `[5.1.1.1]`… no: that one is in code but still maybe'), 'clause-tag');
    assert.equal(reason('# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nconst x = [1, 2];\n```\n'), undefined);
  });
});

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (/\.(md|markdown)$/i.test(name)) out.push(p);
  }
  return out.sort();
}

/** README*.md and docs/**.md under node_modules (the bench's foreign corpus is drawn from the same files). */
function foreignMarkdown(dir: string, inDocs = false, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) foreignMarkdown(p, inDocs || e.name === 'docs', out);
    else if (e.isFile() && /\.md$/i.test(e.name) && (inDocs || /^readme/i.test(e.name))) out.push(p);
  }
  return out.sort();
}
