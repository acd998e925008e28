/**
 * Suppression comments and `rules` through the command line, as CI sees them: the JSON lists
 * and counts suppressed problems, SARIF marks them (kind inSource, the reason as justification)
 * and stays valid, the text and Markdown summaries say how many, gates ignore them, unused and
 * unknown codes are reported, and no comment changes a total or a star.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { gitlabValidator } from './ciValidators';
import { json, makeTree, removeTree, REPO, run } from './helpers';
import Ajv from 'ajv';

const HEAD = '---\ntype: audit\n---\n# 审核报告\n\n';
const ENTRIES = '- [5.1.1.1] 80%\n- [5.1.1.2] 3/3\n- [5.1.2.1] 100% 证据：名册\n- [5.1.2.1] 90% 证据：重复\n';

function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test/fixtures/cli/sarif-2.1.0-rtm.5.json'), 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
  return ajv.compile(schema);
}

describe('cli: suppression comments and rules', () => {
  let root: string;
  const commented =
    HEAD.replace('# 审核报告\n', '<!-- gbt27922-disable-file unscored-item -- 首次审核，分阶段评分 -->\n# 审核报告\n') +
    '<!-- gbt27922-disable-next-line missing-evidence -- 现场观察，无书面记录 -->\n' +
    ENTRIES.replace('- [5.1.2.1] 90%', '<!-- gbt27922-disable duplicate-score -->\n- [5.1.2.1] 90%') +
    '<!-- gbt27922-enable -->\n\n<!-- gbt27922-disable-next-line bonus-over-cap, missing-evidence -->\n- [5.1.3.1] 2分 证据：账目\n';
  before(() => {
    root = makeTree({ 'plain/r.md': HEAD + ENTRIES + '- [5.1.3.1] 2分 证据：账目\n', 'commented/r.md': commented });
  });
  after(() => removeTree(root));

  it('json: suppressed problems are listed with their reason and counted apart; errors, warnings and gates ignore them', () => {
    const r = json(run(['check', 'commented', '-f', 'json'], { cwd: root }));
    const byCode = (list: { code: string }[]) => list.map((p) => p.code).sort();
    assert.equal(r.suppressed.filter((p) => p.code === 'unscored-item').length, 46);
    assert.deepEqual(byCode(r.suppressed.filter((p) => p.code !== 'unscored-item')), ['duplicate-score', 'missing-evidence']);
    const evidence = r.suppressed.find((p) => p.code === 'missing-evidence')!;
    assert.equal(evidence.justification, '现场观察，无书面记录');
    assert.deepEqual(evidence.suppressedAt, { line: 7, column: 1 });
    assert.equal(evidence.line, 8);
    assert.equal(r.counts.suppressed, r.suppressed.length);
    // Shown: the second entry's missing evidence and the unused codes of the last comment.
    assert.deepEqual(
      r.problems.map((p) => `${p.line}:${p.code}`),
      ['9:missing-evidence', '15:unused-suppression', '15:unused-suppression'],
    );
    assert.deepEqual(r.counts, { errors: 0, warnings: 1, information: 2, hints: 0, suppressed: 48 });
    // The duplicate is an error in the plain report, so it fails there and passes here.
    const plain = json(run(['check', 'plain', '-f', 'json'], { cwd: root }));
    assert.equal(plain.result, 'fail');
    assert.equal(r.result, 'pass');
    assert.equal(run(['check', 'commented', '--max-warnings', '1'], { cwd: root }).code, 0);
  });

  it('suppression never changes a total or a star', () => {
    const a = json(run(['check', 'plain', '-f', 'json'], { cwd: root })).audits[0];
    const b = json(run(['check', 'commented', '-f', 'json'], { cwd: root })).audits[0];
    for (const k of ['total', 'baseScore', 'verdict', 'star', 'scored', 'applicable'] as const) assert.deepEqual(b[k], a[k], k);
    assert.deepEqual(b.unscored.map((i) => i.id), a.unscored.map((i) => i.id));
  });

  it('sarif: a suppressed problem is a result with a suppression of kind inSource and its justification; the log stays valid', () => {
    const log = json<Sarif.Log>(run(['check', 'commented', '-f', 'sarif'], { cwd: root }));
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const results = log.runs[0].results;
    const suppressed = results.filter((x) => x.suppressions?.length);
    assert.equal(suppressed.length, 48);
    const ev = suppressed.find((x) => x.ruleId === 'missing-evidence')!;
    assert.equal(ev.suppressions[0].kind, 'inSource');
    assert.equal(ev.suppressions[0].justification, '现场观察，无书面记录');
    assert.equal(ev.suppressions[0].location.physicalLocation.region.startLine, 7);
    assert.equal(results.filter((x) => !x.suppressions).length, 3);
  });

  it('text and markdown say how many are suppressed; github and gitlab leave them out', () => {
    assert.match(run(['check', 'commented'], { cwd: root }).stdout, /^Problems: 0 errors, 1 warning, 2 notes, 48 suppressed \(1 file analysed: 1 audit report\)$/m);
    assert.match(run(['check', 'commented', '--locale', 'zh'], { cwd: root }).stdout, /48 已抑制/);
    assert.match(run(['check', 'commented', '-f', 'markdown'], { cwd: root }).stdout, /^\| Problems \| 0 errors, 1 warning, 48 suppressed \|$/m);
    // Annotations only (the summary's ::stop-commands:: pair is not one: docs/security.md).
    const gh = run(['check', 'commented', '-f', 'github'], { cwd: root }).stdout.split('\n').filter((l) => /^::(error|warning|notice) /.test(l));
    assert.equal(gh.length, 3);
    const gl = JSON.parse(run(['check', 'commented', '-f', 'gitlab'], { cwd: root }).stdout) as unknown[];
    assert.ok(gitlabValidator()(gl));
    assert.equal(gl.length, 3);
  });

  it('rules in gbt27922.config.json: off hides a code everywhere, error fails the check; rules win over severity; unknown codes in comments are warned about', () => {
    const t = makeTree({
      'gbt27922.config.json': JSON.stringify({ severity: { 'missing-evidence': 'off' }, rules: { 'missing-evidence': 'error', 'unscored-item': 'off', 'unused-suppression': 'off' } }),
      'r.md': HEAD + '<!-- gbt27922-disable-next-line missing-evidense -->\n' + ENTRIES,
    });
    try {
      const r = json(run(['check', '.', '-f', 'json'], { cwd: t }));
      assert.deepEqual(
        r.problems.map((p) => `${p.line}:${p.severity}:${p.code}`),
        ['6:warning:unknown-problem-code', '7:error:missing-evidence', '8:error:missing-evidence', '10:error:duplicate-score'],
      );
      assert.match(r.problems[0].message, /Unknown problem code "missing-evidense" in a gbt27922-disable-next-line comment\. Did you mean missing-evidence\?/);
      assert.equal(r.exitCode, 1);
      const bad = makeTree({ 'gbt27922.config.json': '{ "rules": { "no-such-code": "off" } }', 'r.md': HEAD + ENTRIES });
      try {
        const b = run(['check', '.'], { cwd: bad });
        assert.equal(b.code, 2);
        assert.match(b.stderr, /rules\/no-such-code: unknown problem code "no-such-code"/);
      } finally {
        removeTree(bad);
      }
    } finally {
      removeTree(t);
    }
  });
});
