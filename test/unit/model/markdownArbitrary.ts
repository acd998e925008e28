/**
 * fast-check arbitraries: random Markdown built from the constructs of our document language
 * (tags in every form, scores, evidence, specials, tables, front matter) mixed with Markdown
 * that changes how lines are read (fences, indented code, HTML blocks, lists with nested code,
 * block quotes, link definitions, setext headings), CJK, emoji, tabs and all three line ends.
 */
import fc from 'fast-check';

/** True four times in five: unclosed fences and front matter swallow the rest of a document. */
const mostly = fc.constantFrom(true, true, true, true, false);

const ids = fc.constantFrom('5.1.1.1', '5.1.2.2', '5.2.2.1', '5.2.2.4', '5.3.2.3', '5.1.2', '5.1', '5.1.2.9', '9.9', '５．１．２．２', '5．1.1.1');
const ranges = fc.constantFrom('5.2.2.1-5.2.2.4', '5.2.1.5-5.2.2.1', '5.1.1.1～5.1.1.2', '5.2.2.4-5.2.2.1');
const idList = fc.oneof(ids, ranges, fc.tuple(ids, fc.constantFrom(', ', '、', ' ', '，'), ids).map(([a, s, b]) => a + s + b));

export const tag = fc.oneof(
  idList.map((x) => `[${x}]`),
  idList.map((x) => `【${x}】`),
  ids.map((x) => `<!-- clause: ${x} -->`),
  ids.map((x) => `\\[${x}]`),
  ids.map((x) => `\`[${x}]\``),
  ids.map((x) => `[${x}](https://e.com/${x})`),
  ids.map((x) => `[${x}][ref]`),
);

const score = fc.constantFrom('80%', '82.5%', '120%', '4/5', '1/1', '3分', '不适用', 'N/A', '不适用（生产型）', 'N/A: 无', '1O0%', 'abc', '', '８０％');
const evidence = fc.constantFrom('', '证据：人员名册 HR-03', 'evidence: roster', '证据：[名册](ev/roster.md)', '见 [记录](ev/a.md)', '证据：😀 图');
const special = fc.constantFrom('[扣分]', '[特别扣分]', '[deduction]', '[加分]', '[特别加分]', '[bonus]', '【扣分】');

const word = fc.constantFrom('售后服务', '管理师', 'text', 'foo', '😀', '👨‍👩‍👧‍👦', '🇨🇳', '中文', 'a\tb', '*em*', '**强**', '`code`', '<span>', '&amp;', '\\', '|', '[', ']', '【', '】', '——', '1.2.3');
export const inline = fc.array(fc.oneof({ weight: 3, arbitrary: word }, { weight: 2, arbitrary: tag }), { minLength: 0, maxLength: 6 }).map((xs) => xs.join(' '));

const entryLine = fc.tuple(fc.oneof(idList.map((x) => `[${x}]`), idList.map((x) => `【${x}】`)), score, inline, evidence).map(([t, s, n, e]) => `${t} ${s} ${n} ${e}`.trimEnd());
const specialLine = fc.tuple(special, inline).map(([s, r]) => `${s} ${r}`.trimEnd());
const lineOfText = fc.oneof(inline, entryLine, specialLine);

const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), inline).map(([n, t]) => `${'#'.repeat(n)} ${t}`);
const setext = fc.tuple(inline, fc.constantFrom('---', '===')).map(([t, u]) => `${t || 'x'}\n${u}`);
const paragraph = fc.array(lineOfText, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
const bullet = fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '-\t');
const listItem = fc.tuple(fc.constantFrom('', '  ', '    '), bullet, lineOfText).map(([i, b, l]) => i + b + l);
const list = fc.array(listItem, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n'));
const fenceChar = fc.constantFrom('```', '~~~', '````');
const fence = fc.tuple(fc.constantFrom('', '  ', ' '), fenceChar, fc.constantFrom('', 'md', 'js `x`'), fc.array(fc.oneof(lineOfText, heading), { maxLength: 3 }), mostly).map(
  ([indent, f, info, body, closed]) => [indent + f + info, ...body, ...(closed ? [indent + f] : [])].join('\n'),
);
/** A list item holding a fenced block that the item's end may cut off. */
const listFence = fc
  .tuple(bullet, lineOfText, fc.constantFrom(' ', '  ', '   ', '\t'), fenceChar, fc.array(lineOfText, { maxLength: 2 }), fc.constantFrom('', 'b', '  ```', ' ```', '```', '   ~~~'))
  .map(([b, l, indent, f, body, after]) => [b + l, indent + f, ...body.map((x) => indent + x), ...(after ? [after] : [])].join('\n'));
const indented = fc.array(lineOfText, { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => '    ' + l).join('\n'));
const html = fc.oneof(
  ids.map((x) => `<!-- clause: ${x} -->`),
  fc.tuple(ids, heading).map(([x, h]) => `<!--\n${h}\n[${x}]\n-->`),
  fc.tuple(heading, lineOfText).map(([h, l]) => `<div>\n${h}\n${l}\n</div>`),
  fc.tuple(lineOfText, fenceChar).map(([l, f]) => `text\n<span>${l}\n${f}`),
  fc.constant('<pre>\n[5.1.1.1] 80%\n\n# [5.1.1.2]\n</pre>'),
  fc.constantFrom('<!-- open comment', '-->'),
);
const quote = fc.array(fc.oneof(lineOfText, heading, fc.constant('```')), { minLength: 1, maxLength: 3 }).map((ls) => ls.map((l) => '> ' + l).join('\n'));
const table = fc.tuple(
  fc.shuffledSubarray(['条款', '得分', '证据', '备注', 'Clause', '项目'], { minLength: 1, maxLength: 4 }),
  fc.array(fc.tuple(fc.oneof(tag, special, fc.constant('')), score, evidence, inline), { maxLength: 3 }),
).map(([cols, rows]) => {
  const head = `| ${cols.join(' | ')} |`;
  const sep = `|${cols.map(() => ' --- ').join('|')}|`;
  const body = rows.map(([t, s, e, n]) => `| ${cols.map((c) => (c === '条款' || c === 'Clause' ? t : c === '得分' ? s : c === '证据' ? e : n)).join(' | ')} |`);
  return [head, sep, ...body].join('\n');
});
const definition = fc.oneof(
  ids.map((x) => `[${x}]: https://e.com/d`),
  fc.constant('[ref]: ev/ref.md'),
  fc.constant('[foo\nbar]: /url'),
  fc.constant('[^1]: 脚注'),
);
const thematic = fc.constantFrom('---', '***', '___', '- - -');

export const block = fc.oneof(
  { weight: 5, arbitrary: heading },
  { weight: 4, arbitrary: paragraph },
  { weight: 3, arbitrary: list },
  { weight: 1, arbitrary: setext },
  { weight: 2, arbitrary: fence },
  { weight: 1, arbitrary: listFence },
  { weight: 1, arbitrary: indented },
  { weight: 2, arbitrary: html },
  { weight: 1, arbitrary: quote },
  { weight: 2, arbitrary: table },
  { weight: 1, arbitrary: fc.oneof({ weight: 4, arbitrary: heading }, { weight: 1, arbitrary: definition }) },
  { weight: 1, arbitrary: thematic },
);

const yamlLine = fc.constantFrom(
  'type: audit',
  'type: manual',
  '类型: 审核报告',
  '类型: 手册',
  'clauses: [5.1.1.1, 5.2.2.1-5.2.2.4]',
  'clauses: 5.1.2',
  'scheme: ten-star',
  '组织: 华东',
  '不适用:\n  5.2.2.1: 非贸易型\n  5.1.2:',
  'not-applicable:\n  - 5.2.2.2 无\n  - id: 5.1.1.1',
  '客户满意度: 93%',
  'metrics:\n  firstTimeFixRate: 91',
  'b: c: d',
  'x: @y',
  'foo: [a',
  '# comment',
  '',
);
const frontMatter = fc.tuple(fc.array(yamlLine, { maxLength: 5 }), mostly).map(([ls, closed]) => ['---', ...ls, ...(closed ? ['---'] : [])].join('\n'));

/** A whole document: optional BOM and front matter, blocks separated by one or two line ends, one line-end style. */
export const markdownDocument = fc
  .tuple(
    fc.boolean(),
    fc.option(frontMatter, { nil: undefined }),
    fc.array(fc.tuple(block, fc.constantFrom('\n', '\n\n', '\n\n', '\n\n\n')), { minLength: 0, maxLength: 24, size: 'medium' }),
    fc.constantFrom('\n', '\n', '\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([bom, fm, blocks, eol, trailing]) => {
    let t = (fm !== undefined ? fm + '\n' : '') + blocks.map(([b, sep]) => b + sep).join('');
    if (!trailing) t = t.replace(/\n+$/, '');
    if (eol !== '\n') t = t.replace(/\n/g, eol);
    return (bom ? '\uFEFF' : '') + t;
  });

/** An edit: replace `[from, from+length)` (clamped) with a snippet. */
export const edit = fc.record({
  at: fc.nat(),
  length: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom('', '\n', '\n\n', '# ', '```\n', '- ', '<!--', '-->', '|', ' '), inline, block.map((b) => `\n\n${b}\n\n`)),
});

export function applyEdit(text: string, e: { at: number; length: number; insert: string }): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.length));
}
