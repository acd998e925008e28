/**
 * Output formats: SARIF 2.1.0 valid against the official JSON Schema, GitHub workflow
 * annotations, the Markdown summary table, colour only when asked for.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import type * as Sarif from 'sarif';
import { json, makeTree, removeTree, REPO, run, type CheckReport } from './helpers';

/** The official schema (draft-04) compiled with Ajv 8, with the three formats it uses. */
function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO, 'test/fixtures/cli/sarif-2.1.0-rtm.5.json'), 'utf8'));
  delete schema.$schema;
  schema.$id = schema.id;
  delete schema.id;
  // unicodeRegExp off: the schema's `language` pattern has a stray ']' that only non-unicode RegExps accept.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => {
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  });
  ajv.addFormat('uri-reference', (s: string) => {
    try {
      new URL(s, 'file:///base/');
      return !/\s/.test(s);
    } catch {
      return false;
    }
  });
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(s));
  return ajv.compile(schema);
}

// A workspace with errors, warnings and a hint, and names that need escaping.
const FILES = {
  '手册/manual, v1.md': '---\ntype: manual\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n\n## 空节 [5.1.2.1]\n\n## 分组 [5.1.3]\n\n上下文。\n',
  'audit.md': '---\ntype: audit\n---\n# 报告\n\n- [5.1.1.1] 80% 证据：组织架构图\n- [5.1.1.1] 90% 证据：重复\n- [5.1.2.1] 70%\n- [5.9.9.9] 50% 证据：x\n',
};

const ESC = '\u001b[';

describe('cli: output formats', () => {
  let root: string;
  before(() => {
    root = makeTree(FILES);
  });
  after(() => removeTree(root));

  it('sarif: valid SARIF 2.1.0 (official schema), one result per problem with rule, level and region', () => {
    const validate = sarifValidator();
    // The validator is not a rubber stamp:
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'a driver without a name is invalid');
    const r = run(['check', '.', '--format', 'sarif'], { cwd: root });
    assert.equal(r.code, 1);
    const log = json<Sarif.Log>(r);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const problems = json(run(['check', '.', '-f', 'json'], { cwd: root })).problems;
    const results = log.runs[0].results;
    assert.equal(results.length, problems.length);
    assert.ok(results.length >= 5);
    const rules = log.runs[0].tool.driver.rules;
    for (const [i, res] of results.entries()) {
      const p = problems[i];
      assert.equal(res.ruleId, p.code);
      assert.equal(rules[res.ruleIndex].id, p.code);
      assert.equal(res.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[p.severity as string]);
      assert.equal(res.message.text, p.message);
      const loc = res.locations[0].physicalLocation;
      assert.equal(decodeURIComponent(loc.artifactLocation.uri), p.file);
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.equal(loc.region.startLine, p.line);
      assert.equal(loc.region.startColumn, p.column);
    }
    assert.ok(results.some((x) => x.locations[0].physicalLocation.artifactLocation.uri === '%E6%89%8B%E5%86%8C/manual%2C%20v1.md'));
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    assert.equal(log.runs[0].invocations[0].exitCode, 1);
  });

  it('sarif of the samples is valid too, and carries coverage and scores in the run properties', () => {
    const validate = sarifValidator();
    const log = json<Sarif.Log>(run(['check', 'samples', '--as-of', '2027-06-30', '-f', 'sarif']));
    const props = log.runs[0].properties as unknown as Pick<CheckReport, 'coverage' | 'audits'>;
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(props.coverage?.percentByPoints, '99.00');
    assert.deepEqual(props.audits.map((a) => a.total).sort(), ['92.00', '93.57', '96.00']);
    // The NCs travel in the run properties; the NC problems are results with their stable rule IDs.
    const surveillance = props.audits.find((a) => a.file === 'samples/audit/2027-监督审核报告.md')!;
    assert.deepEqual(surveillance.nonconformities.map((n) => `${n.id} ${n.status}`), ['NC-2027-01 closed', 'NC-2027-02 overdue', 'NC-2027-03 action-planned', 'NC-2027-04 open']);
    const results = log.runs[0].results!;
    assert.deepEqual(results.map((x) => x.ruleId).sort(), ['item-score-dropped', 'item-score-dropped', 'nc-not-followed-up', 'nc-overdue', 'nc-overdue', 'uncovered-item']);
    const rules = log.runs[0].tool.driver.rules!.map((x) => x.id);
    for (const code of ['nc-duplicate-id', 'nc-unknown-clause', 'nc-overdue', 'nc-no-action', 'nc-full-score', 'nc-not-followed-up', 'surveillance-late', 'sample-above-size']) assert.ok(rules.includes(code), code);
  });

  it('github: one workflow command per problem, properties escaped, then the summary', () => {
    const r = run(['check', '.', '--format', 'github'], { cwd: root });
    assert.equal(r.code, 1);
    const problems = json(run(['check', '.', '-f', 'json'], { cwd: root })).problems;
    // Our annotations, then the summary between ::stop-commands::<token> and ::<token>:: (docs/security.md).
    const token = /^::stop-commands::(gbt27922-[0-9a-f]{32})$/m.exec(r.stdout)?.[1];
    assert.ok(token && r.stdout.trimEnd().endsWith(`::${token}::`), r.stdout.slice(-300));
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('::') && !l.includes(token));
    assert.equal(lines.length, problems.length);
    for (const [i, line] of lines.entries()) {
      const p = problems[i];
      const cmd = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice';
      const m = /^::(error|warning|notice) file=([^,]+),line=(\d+),col=(\d+),endLine=(\d+)(?:,endColumn=(\d+))?,title=([^:]+)::(.+)$/.exec(line);
      assert.ok(m, line);
      assert.equal(m[1], cmd);
      assert.equal(decodeURIComponent(m[2]), p.file);
      assert.equal(Number(m[3]), p.line);
      assert.equal(Number(m[4]), p.column);
      assert.equal(m[7], p.code);
      assert.equal(m[8], p.message.replace(/%/g, '%25'));
    }
    // The comma in the file name is escaped so it does not end the property.
    assert.ok(lines.some((l) => l.includes('file=手册/manual%2C v1.md,')), lines.join('\n'));
    assert.match(r.stdout, /^Result: fail$/m);
  });

  it('markdown: a summary table with coverage, each report and problem counts; problems in a details table', () => {
    const r = run(['check', 'samples', '--as-of', '2027-06-30', '--format', 'markdown']);
    assert.equal(r.code, 0);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], '## ✅ GB/T 27922 check: pass');
    const table = lines.slice(lines.indexOf('| | Value |'));
    assert.deepEqual(table.slice(0, 7), [
      '| | Value |',
      '| --- | --- |',
      '| Manual coverage (gbt27922-2011) | **99.00%** · 99/100 points · 49/50 items |',
      '| Audit report `samples/audit/2026-十星审核报告.md` | **96.00** · Five stars (五星级) |',
      '| Audit report `samples/audit/2026-审核报告.md` | **92.00** · Four stars (四星级) |',
      '| Audit report `samples/audit/2027-监督审核报告.md` | **93.57** · Four stars (四星级) |',
      '| Problems | 0 errors, 4 warnings |',
    ]);
    // Each report's NCs as a table; the previous audit of the surveillance report.
    assert.ok(lines.includes('**`samples/audit/2027-监督审核报告.md` Previous audit:** `samples/audit/2026-审核报告.md` (2026-03-18) 92.00 · Four stars (四星级) → 93.57'), r.stdout);
    const nc = lines.indexOf('**`samples/audit/2027-监督审核报告.md` Non-conformities** (4)');
    assert.ok(nc > 0, r.stdout);
    assert.deepEqual(lines.slice(nc + 2, nc + 8), [
      '| ID | Clauses | Severity | Status | Due | Finding |',
      '| --- | --- | --- | --- | --- | --- |',
      '| NC-2027-01 | 5.2.3.2 | minor | closed | 2027-04-15 | 西北大区 1 月超时送货 6 单，未兑现“次日达”承诺。 |',
      '| NC-2027-02 | 5.2.4.6 | minor | overdue | 2027-04-30 | 网点层面仍未储备代用机，抽查 3 家网点均无代用机台账。 |',
      '| NC-2027-03 | 5.1.2.2 | major | action planned | 2027-09-30 | 售后服务管理师 5 人，不足服务管理人员（52 人）的 10%。 |',
      '| NC-2027-04 | 5.3.1.5 | observation | open | — | 主动回访仅覆盖高端机型。 |',
    ]);
    assert.ok(lines.includes('**Follow-ups:** NC-02 closed'), r.stdout);
    assert.ok(lines.includes('**Uncovered:** 5.1.6.4 Commitment to service standardisation (1 point)'));
    assert.ok(lines.some((l) => l.startsWith('| `samples/manual/README.md:7:1` | warning | `uncovered-item` | 5.1.6.4 ')));
  });

  it('markdown escapes table cells: a | in a message does not break the row', () => {
    const t = makeTree({ 'a.md': '---\ntype: audit\n---\n# R\n\n- [5.1.1.1] 8|0% 证据：x\n' });
    try {
      const md = run(['check', '.', '-f', 'markdown'], { cwd: t }).stdout;
      const rows = md.split('\n').filter((l) => l.startsWith('| `a.md:6'));
      assert.ok(rows.length >= 1, md);
      for (const row of rows) assert.equal(row.replace(/\\\|/g, '').split('|').length, 6, row);
    } finally {
      removeTree(t);
    }
  });

  it('--summary-file appends the markdown summary and --sarif-file writes SARIF, beside the chosen format', () => {
    const summary = path.join(root, 'summary.md');
    fs.writeFileSync(summary, '# Earlier step\n');
    const r = run(['check', '.', '--summary-file', 'summary.md', '--sarif-file', 'out.sarif'], { cwd: root });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Result: fail$/m);
    const text = fs.readFileSync(summary, 'utf8');
    assert.ok(text.startsWith('# Earlier step\n## ❌ GB/T 27922 check: fail'), text);
    assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'out.sarif'), 'utf8')).version, '2.1.0');
    const toFile = run(['check', '.', '-f', 'json', '--output', 'out.json'], { cwd: root });
    assert.equal(toFile.code, 1);
    assert.equal(toFile.stdout, '');
    assert.equal(JSON.parse(fs.readFileSync(path.join(root, 'out.json'), 'utf8')).result, 'fail');
  });

  it('colour only on request: none in a pipe or with NO_COLOR, ANSI with --color or FORCE_COLOR', () => {
    assert.ok(!run(['check', '.'], { cwd: root }).stdout.includes(ESC));
    assert.ok(run(['check', '.', '--color'], { cwd: root }).stdout.includes(`${ESC}31merror${ESC}39m`));
    assert.ok(run(['check', '.'], { cwd: root, env: { FORCE_COLOR: '1' } }).stdout.includes(ESC));
    assert.ok(!run(['check', '.', '--no-color'], { cwd: root, env: { FORCE_COLOR: '1' } }).stdout.includes(ESC));
    assert.ok(!run(['check', '.', '-f', 'json', '--color'], { cwd: root }).stdout.includes(ESC));
  });
});
