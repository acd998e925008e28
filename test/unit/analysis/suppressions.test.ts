/**
 * Suppression comments and rule settings in the core: what the comments parse to (also inside
 * tables and lists, never inside code), which problems each form hides, unused and unknown
 * codes, `rules` against `severity`, and that no comment changes a score or a star.
 */
import { strict as assert } from 'node:assert';
import { parseDocument } from '../../../server/src/model';
import { suppressionsIn } from '../../../server/src/model/inlineSyntax';
import type { Problem } from '../../../server/src/model/types';
import { applySuppressions } from '../../../server/src/analysis/suppressions';
import { analyzeAudit, compareProblems } from '../../../server/src/analysis/workspace';
import { effectiveSeverity, loadConfigText } from '../../../server/src/config/config';
import { defaultScheme } from '../../../server/src/scheme/loader';
import { PROBLEMS } from '../../../server/src/model/problems';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const scheme = defaultScheme();

/** Every problem of an audit report (model and workspace level), then its comments applied. */
function analyse(text: string, severity: Record<string, string> = {}) {
  const model = parseDocument(text, scheme);
  const audit = model.kind === 'audit' ? analyzeAudit({ uri: 'r.md', model }, scheme) : undefined;
  const all = [...model.problems, ...(audit?.problems ?? [])].sort(compareProblems);
  const config = { severity } as Parameters<typeof effectiveSeverity>[1];
  const r = applySuppressions(model, all, (p) => effectiveSeverity(p.code, config) !== 'off');
  const codesAt = (ps: Problem[]) => ps.map((p) => `${p.range.start.line + 1}:${p.code}`);
  return { model, audit, all, ...r, shown: codesAt(r.problems), hidden: codesAt(r.suppressed.map((s) => s.problem)) };
}

const HEAD = '---\ntype: audit\nnot-applicable:\n  5.2.5.5: 生产型企业\n---\n# 审核报告\n\n';
/** Line 8: 5.1.1.1 without evidence; line 9: 5.1.1.2 without evidence; line 10 fine. */
const ENTRIES = '- [5.1.1.1] 80%\n- [5.1.1.2] 3/3\n- [5.1.2.1] 100% 证据：名册\n';

describe('suppression comments (analysis/suppressions)', () => {
  it('parse: kind, codes with their ranges, the reason after " -- "; none inside code; inline ones in a table cell count', () => {
    const text =
      '# T [5.1.1.1]\n\n' +
      '<!-- gbt27922-disable-next-line missing-evidence, unscored-item -- 现场核实 -->\n' +
      '<!-- gbt27922-disable empty-section -->\n' +
      '<!-- gbt27922-enable -->\n' +
      '<!-- gbt27922-disable-file group-tag，uncovered-item -->\n' +
      '```\n<!-- gbt27922-disable-file missing-evidence -->\n```\n' +
      '`<!-- gbt27922-disable-file missing-score -->`\n\n' +
      '| 条款 | 得分 | 备注 |\n| --- | --- | --- |\n| [5.1.1.2] | 3/3 | <!-- gbt27922-disable-next-line missing-evidence --> |\n';
    const s = parseDocument(text, scheme).suppressions;
    assert.deepEqual(
      s.map((d) => [d.kind, d.codes.map((c) => c.code), d.reason, d.range.start.line]),
      [
        ['next-line', ['missing-evidence', 'unscored-item'], '现场核实', 2],
        ['disable', ['empty-section'], undefined, 3],
        ['enable', [], undefined, 4],
        ['file', ['group-tag', 'uncovered-item'], undefined, 5],
        ['next-line', ['missing-evidence'], undefined, 13],
      ],
    );
    assert.deepEqual(
      parseDocument('# T [5.1.1.1]\n\n<!-- gbt27922-disable-file a\u001b[2Jb\u202ec -->\n', scheme).suppressions[0].codes.map((c) => c.code),
      ['a', '[2Jb', 'c'],
      'control characters are never part of a code',
    );
    const first = s[0].codes[1];
    assert.equal(text.split('\n')[2].slice(first.range.start.character, first.range.end.character), 'unscored-item');
  });

  it('a comment runs to its first -->: an inner <!-- is text; unterminated ones are not comments, and cost linear time', () => {
    assert.deepEqual(
      suppressionsIn('<!-- note <!-- gbt27922-disable x --> <!-- gbt27922-enable--> <!-- gbt27922-disable-next-line y', 0).map((s) => [s.kind, s.codes.map((c) => c.code)]),
      [['enable', []]],
    );
    // 1 MB of unterminated comments: a backtracking pattern would take minutes here (mocha's timeout bounds it).
    const hostile = '<!-- gbt27922-disable x\n'.repeat(45_000);
    assert.deepEqual(suppressionsIn(hostile, 0), []);
    const [one] = suppressionsIn(hostile + '-->', 0);
    assert.equal(one.codes.length, 50, 'at most 50 codes are read from one comment');
  });

  it('the chunked parse finds the same comments as the whole parse, wherever the chunks are cut', () => {
    const body = Array.from({ length: 60 }, (_, i) => `## 节 ${i}\n\n<!-- gbt27922-disable-next-line missing-evidence -- 第 ${i} 条 -->\n- [5.1.1.1] 80%\n\n<!-- gbt27922-disable -->\n\n段落 ${i}。\n\n<!-- gbt27922-enable -->\n`).join('\n');
    const text = HEAD + body;
    assert.deepEqual(parseDocument(text, scheme).suppressions, parseDocument(text, scheme, { whole: true }).suppressions);
    assert.equal(parseDocument(text, scheme).suppressions.length, 180);
  });

  it('next line: hides the problems that start on the line after the comment, only the codes named', () => {
    const text = HEAD + '<!-- gbt27922-disable-next-line missing-evidence -- 现场观察，无书面记录 -->\n' + ENTRIES;
    const r = analyse(text);
    assert.deepEqual(r.hidden, ['9:missing-evidence']);
    assert.ok(r.shown.includes('10:missing-evidence'), 'the line after next is not covered');
    assert.equal(r.suppressed[0].justification, '现场观察，无书面记录');
    assert.equal(r.suppressed[0].by.start.line, 7);
  });

  it('block: from the disable comment to the enable comment; enable of one code ends only that code', () => {
    const text = HEAD + '<!-- gbt27922-disable missing-evidence, duplicate-score -->\n- [5.1.1.1] 80%\n- [5.1.1.1] 70% 证据：x\n<!-- gbt27922-enable missing-evidence -->\n- [5.1.1.2] 3/3\n- [5.1.1.2] 2/3 证据：y\n';
    const r = analyse(text);
    assert.deepEqual(r.hidden, ['9:missing-evidence', '10:duplicate-score', '13:duplicate-score']);
    assert.ok(r.shown.includes('12:missing-evidence'));
    // An unterminated disable runs to the end of the file.
    const open = analyse(HEAD + '- [5.1.1.1] 80%\n<!-- gbt27922-disable missing-evidence -->\n- [5.1.1.2] 3/3\n\n\n- [5.1.2.1] 1/1\n');
    assert.deepEqual(open.hidden, ['10:missing-evidence', '13:missing-evidence']);
    assert.ok(open.shown.includes('8:missing-evidence'), 'before the comment: shown');
  });

  it('file: every problem of the code anywhere in the file, also workspace-level ones anchored at the heading', () => {
    const text = HEAD + '<!-- gbt27922-disable-file unscored-item, missing-evidence -- 首次审核，分阶段评分 -->\n' + ENTRIES;
    const r = analyse(text);
    assert.ok(!r.shown.some((c) => c.endsWith(':unscored-item') || c.endsWith(':missing-evidence')), r.shown.join(' '));
    assert.equal(r.hidden.filter((c) => c.endsWith(':unscored-item')).length, 46);
    assert.ok(r.suppressed.every((s) => s.justification === '首次审核，分阶段评分'));
  });

  it('no code means every code', () => {
    const r = analyse(HEAD + '<!-- gbt27922-disable-next-line -->\n- [5.1.1.1] 80%\n- [5.9.9.9] 80% 证据：x\n');
    assert.deepEqual(r.hidden, ['9:missing-evidence']);
    assert.ok(r.shown.includes('10:unknown-clause'));
  });

  it('a comment that hides nothing gets unused-suppression (information), one per unused code; unknown codes get unknown-problem-code with a did-you-mean', () => {
    const text = HEAD + '<!-- gbt27922-disable-next-line missing-evidence, duplicate-score -->\n' + ENTRIES + '<!-- gbt27922-disable-file misssing-score -->\n';
    const r = analyse(text);
    assert.deepEqual(r.hidden, ['9:missing-evidence']);
    const unused = r.problems.filter((p) => p.code === 'unused-suppression');
    assert.equal(unused.length, 1);
    assert.deepEqual(unused[0].args, { directive: 'disable-next-line', code: 'duplicate-score' });
    assert.equal(text.split('\n')[7].slice(unused[0].range.start.character, unused[0].range.end.character), 'duplicate-score');
    const unknown = r.problems.find((p) => p.code === 'unknown-problem-code');
    assert.ok(unknown);
    assert.equal(unknown.args.suggestions, 'missing-score');
    assert.equal(unknown.range.start.line, 11);
  });

  it('the most specific comment gets the credit: a file-wide one that hides nothing else is unused', () => {
    const r = analyse(HEAD + '<!-- gbt27922-disable-file duplicate-score -->\n- [5.1.1.1] 80% 证据：a\n<!-- gbt27922-disable-next-line duplicate-score -->\n- [5.1.1.1] 70% 证据：b\n');
    assert.deepEqual(r.hidden, ['11:duplicate-score']);
    assert.deepEqual(r.problems.filter((p) => p.code === 'unused-suppression').map((p) => p.range.start.line), [7]);
  });

  it('rules: a code turned off is neither shown nor suppressed (its comment is unused); turning unused-suppression off silences that', () => {
    const text = HEAD + '<!-- gbt27922-disable-next-line missing-evidence -->\n' + ENTRIES;
    const off = analyse(text, { 'missing-evidence': 'off' });
    assert.deepEqual(off.hidden, []);
    assert.ok(off.shown.includes('8:unused-suppression'));
    const quiet = analyse(text, { 'missing-evidence': 'off', 'unused-suppression': 'off' });
    assert.ok(!quiet.shown.some((c) => c.endsWith('unused-suppression')));
  });

  it('suppression never changes a score or a star: the report scores the same with and without its comments', () => {
    const plain = HEAD + ENTRIES + '- [5.1.1.1] 60% 证据：重复\n\n[扣分] 承诺不一致\n';
    const commented =
      HEAD.replace('# 审核报告\n', '<!-- gbt27922-disable-file unscored-item -- 分阶段 -->\n# 审核报告\n') +
      '<!-- gbt27922-disable missing-evidence, duplicate-score -->\n' +
      ENTRIES +
      '- [5.1.1.1] 60% 证据：重复\n<!-- gbt27922-enable -->\n\n[扣分] 承诺不一致\n';
    const a = analyse(plain);
    const b = analyse(commented);
    assert.ok(b.suppressed.length > 40, `${b.suppressed.length} suppressed`);
    assert.ok(b.problems.length < a.problems.length);
    for (const key of ['total', 'baseScore', 'earned', 'applicablePoints', 'deductionPoints'] as const) assert.equal(b.audit!.score[key].toFixed(4), a.audit!.score[key].toFixed(4), key);
    assert.equal(b.audit!.score.tier?.id, a.audit!.score.tier?.id);
    assert.equal(b.audit!.score.verdict, a.audit!.score.verdict);
    assert.deepEqual(b.audit!.score.unscored.map((i) => i.id), a.audit!.score.unscored.map((i) => i.id));
    assert.deepEqual(b.model.entries.map((e) => [e.itemId, e.score]), a.model.entries.map((e) => [e.itemId, e.score]));
  });
});

describe('config: rules', () => {
  it('sets codes to off / information / warning / error; wins over severity for the same code; unknown codes and "hint" are reported', () => {
    const r = loadConfigText('{ "severity": { "missing-evidence": "hint", "group-tag": "error" }, "rules": { "missing-evidence": "error", "unused-suppression": "off" } }', 'gbt27922.config.json');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.config.severity, { 'missing-evidence': 'error', 'group-tag': 'error', 'unused-suppression': 'off' });
    const bad = loadConfigText('{\n  "rules": { "missing-evidense": "warning" }\n}', 'c.json');
    assert.match(bad.problems[0].message, /unknown problem code "missing-evidense"/);
    assert.equal(bad.problems[0].path, '/rules/missing-evidense');
    const hint = loadConfigText('{ "rules": { "missing-evidence": "hint" } }', 'c.json');
    assert.match(hint.problems[0].message, /must be one of "off", "information", "warning", "error"/);
    assert.deepEqual(hint.config.severity, {});
  });
});

describe('docs/rules.md', () => {
  it('lists every problem code with its default level', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'rules.md'), 'utf8');
    const rows = new Map([...doc.matchAll(/^\| `([a-z-]+)` \| (error|warning|information|hint) \|/gm)].map((m) => [m[1], m[2]]));
    assert.deepEqual([...rows.keys()].sort(), Object.keys(PROBLEMS).sort());
    for (const [code, spec] of Object.entries(PROBLEMS)) assert.equal(rows.get(code), spec.severity, code);
  });
});
