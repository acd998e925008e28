/**
 * The CI formats beyond GitHub, checked the way the CI systems would read them:
 * - `--format gitlab` against a JSON Schema of GitLab's documented Code Quality fields (Ajv),
 *   with fingerprints unique and stable when unrelated lines move;
 * - `--format junit` against the Apache Ant JUnit XSD with a real validator (xmllint, Debian
 *   libxml2-utils, installed by scripts/vscode-env.sh: this test fails, never skips, without it);
 * - both with hostile text from the repository (markup, control characters, a CDATA end).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitlabValidator, validateJunit } from './ciValidators';
import { json, makeTree, removeTree, run } from './helpers';

interface Issue {
  check_name: string;
  description: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number; end?: number } };
}

/** Elements of a JUnit document, read with xmllint --xpath (a real parser, not a regex). */
function xpath(file: string, expr: string): string {
  const r = spawnSync('xmllint', ['--nonet', '--xpath', expr, file], { encoding: 'utf8' });
  return r.stdout;
}

const AUDIT = '---\ntype: audit\n---\n# 报告\n\n- [5.1.1.1] 80% 证据：组织架构图\n- [5.1.1.1] 90% 证据：重复\n- [5.1.2.1] 70%\n- [5.9.9.9] 50% 证据：x\n';
const MANUAL = '---\ntype: manual\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n\n## 空节 [5.1.2.1]\n';

describe('cli: GitLab Code Quality and JUnit XML', () => {
  let root: string;
  before(() => {
    root = makeTree({ 'docs/audit.md': AUDIT, 'docs/manual.md': MANUAL });
  });
  after(() => removeTree(root));

  it('gitlab: valid against GitLab’s documented fields; one issue per problem, fingerprints unique', () => {
    const validate = gitlabValidator();
    // The validator is not a rubber stamp:
    assert.equal(validate([{ description: 'x', check_name: 'c', fingerprint: 'f', severity: 'warning', location: { path: 'a.md', lines: { begin: 1 } } }]), false, 'severity "warning" is not GitLab’s');
    assert.equal(validate([{ description: 'x', check_name: 'c', fingerprint: 'f', severity: 'minor', location: { path: 'a.md' } }]), false, 'a location needs a line');
    const r = run(['check', 'docs', '--format', 'gitlab'], { cwd: root });
    assert.equal(r.code, 1);
    const issues = JSON.parse(r.stdout) as Issue[];
    assert.ok(validate(issues), JSON.stringify(validate.errors, null, 2));
    const problems = json(run(['check', 'docs', '-f', 'json'], { cwd: root })).problems;
    assert.equal(issues.length, problems.length);
    for (const [i, issue] of issues.entries()) {
      const p = problems[i];
      assert.equal(issue.check_name, p.code);
      assert.equal(issue.description, p.message);
      assert.equal(issue.location.path, p.file);
      assert.equal(issue.location.lines.begin, p.line);
      assert.equal(issue.fingerprint, p.fingerprint);
      assert.equal(issue.severity, { error: 'major', warning: 'minor', information: 'info', hint: 'info' }[p.severity]);
    }
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
    assert.ok(issues.some((i) => i.check_name === 'duplicate-score' && i.location.path === 'docs/audit.md' && i.location.lines.begin === 7));
  });

  it('gitlab: a failed gate on a report is an issue too, on the report', () => {
    const r = run(['check', 'docs', '-f', 'gitlab', '--min-star', 'five-star'], { cwd: root });
    const gate = (JSON.parse(r.stdout) as Issue[]).find((i) => i.check_name === 'gate/min-star');
    assert.ok(gate, r.stdout);
    assert.equal(gate.location.path, 'docs/audit.md');
    assert.equal(gate.severity, 'critical');
    assert.ok(gradeOk(gitlabValidator(), JSON.parse(r.stdout)));
  });

  it('gitlab: fingerprints stay the same when unrelated lines are added above, and differ for different problems', () => {
    const t = makeTree({ 'docs/audit.md': AUDIT, 'docs/manual.md': MANUAL });
    try {
      const before = JSON.parse(run(['check', 'docs', '-f', 'gitlab'], { cwd: t }).stdout) as Issue[];
      // Five new lines above everything; the problems move down, nothing else changes.
      fs.writeFileSync(path.join(t, 'docs/audit.md'), AUDIT.replace('# 报告\n', '# 报告\n\n新增的说明段落。\n\n另一段。\n\n'));
      const after = JSON.parse(run(['check', 'docs', '-f', 'gitlab'], { cwd: t }).stdout) as Issue[];
      assert.equal(after.length, before.length);
      // (duplicate-score names the first entry's line in its message)
      const key = (i: Issue) => `${i.location.path} ${i.check_name} ${i.description.replace(/line \d+/, 'line N')}`;
      const moved = after.filter((a) => a.location.path === 'docs/audit.md');
      assert.ok(moved.length >= 3);
      for (const a of after) {
        const b = before.find((x) => key(x) === key(a));
        assert.ok(b, key(a));
        assert.equal(a.fingerprint, b.fingerprint, `${key(a)}: same fingerprint after the move`);
        if (a.location.path === 'docs/audit.md' && a.check_name !== 'unscored-item') assert.equal(a.location.lines.begin, b.location.lines.begin + 5);
      }
      // A different problem of the same code in the same file has another fingerprint.
      const evidence = after.filter((a) => a.check_name === 'missing-evidence');
      fs.writeFileSync(path.join(t, 'docs/audit.md'), AUDIT + '- [5.1.2.2] 60%\n');
      const more = (JSON.parse(run(['check', 'docs', '-f', 'gitlab'], { cwd: t }).stdout) as Issue[]).filter((a) => a.check_name === 'missing-evidence');
      assert.equal(more.length, evidence.length + 1);
      assert.equal(new Set(more.map((i) => i.fingerprint)).size, more.length);
      assert.ok(evidence.every((e) => more.some((m) => m.fingerprint === e.fingerprint)), 'the old ones are still known');
    } finally {
      removeTree(t);
    }
  });

  it('junit: valid against the JUnit XSD; a test case per gate and per document; failures where the check fails', () => {
    // The validator is not a rubber stamp:
    const bad = path.join(root, 'bad.xml');
    fs.writeFileSync(bad, '<?xml version="1.0"?>\n<testsuites><testsuite name="x"/></testsuites>\n');
    assert.equal(validateJunit(bad).valid, false, 'a suite without its required attributes is invalid');
    const out = path.join(root, 'junit.xml');
    const r = run(['check', 'docs', '--format', 'junit', '--output', 'junit.xml', '--min-star', 'three-star', '--max-warnings', '0'], { cwd: root });
    assert.equal(r.code, 1);
    const v = validateJunit(out);
    assert.ok(v.valid, v.output);
    const report = json(run(['check', 'docs', '-f', 'json', '--min-star', 'three-star', '--max-warnings', '0'], { cwd: root }));
    // Gates: one test case each, failed ones failing.
    const gateCases = xpath(out, '//testsuite[@name="gates"]/testcase');
    assert.equal((gateCases.match(/<testcase /g) ?? []).length, report.gates.length);
    assert.equal((gateCases.match(/<failure /g) ?? []).length, report.gates.filter((g) => !g.passed).length);
    assert.match(gateCases, /<testcase name="min-star: docs\/audit\.md" classname="gbt27922\.gates" time="0"><failure type="min-star"/);
    // Documents: the audit fails (errors), the manual fails too (a warning while --max-warnings 0 fails).
    const docCases = xpath(out, '//testsuite[@name="documents"]/testcase');
    const auditErrors = report.problems.filter((p) => p.file === 'docs/audit.md' && p.severity === 'error').length;
    assert.ok(auditErrors > 2, 'the duplicate, the bad score, and the unscored items (issue 18: errors)');
    assert.match(docCases, new RegExp(`<testcase name="docs/audit\\.md"[^>]*><failure type="error" message="${auditErrors} error\\(s\\), \\d+ warning\\(s\\)">`));
    assert.match(docCases, /<testcase name="docs\/manual\.md"[^>]*><failure type="warning"/);
    assert.match(docCases, /docs\/audit\.md:7:3 error 5\.1\.1\.1 is scored twice \(first at line 6\)\. \[duplicate-score\]/);
  });

  it('junit: a document with warnings only passes when the warnings fail nothing; --junit-file writes it beside another format', () => {
    const r = run(['check', 'docs/manual.md', '--junit-file', 'j2.xml'], { cwd: root });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^Result: pass$/m);
    const file = path.join(root, 'j2.xml');
    assert.ok(validateJunit(file).valid);
    assert.match(xpath(file, '//testsuite[@name="documents"]'), /<testcase name="docs\/manual\.md" classname="gbt27922\.documents" time="0"\/>/);
    assert.match(xpath(file, '//testsuite[@name="documents"]/system-out'), /docs\/manual\.md:\d+:\d+ warning .*\[empty-section\]/);
  });

  it('hostile text from the repository cannot break the XML or the JSON, nor reach the terminal as control characters', () => {
    // A file name with markup and a CDATA end; front matter whose key and value hold ESC, BEL, a C1 CSI, U+2028 and markup.
    const name = 'x]]><a&b>\'".md';
    const evil = 'evil\u001b]0;pwned\u0007\u009b31m</failure><![CDATA[\u2028';
    const t = makeTree({
      [`docs/${name}`]: `---\ntype: audit\nmetrics:\n  "${evil.replaceAll('\u001b', '\\e').replaceAll('\u0007', '\\a').replace(/\u009b/g, '\\x9b').replace(/\u2028/g, '\\L')}": 5\n---\n# R\n\n- [5.1.1.1] 80%\n`,
    });
    try {
      const junit = run(['check', 'docs', '-f', 'junit', '--output', 'j.xml'], { cwd: t });
      // 1: a one-entry report is incomplete (its unscored items are errors); the XML is written all the same.
      assert.equal(junit.code, 1, junit.stderr);
      const file = path.join(t, 'j.xml');
      const xml = fs.readFileSync(file, 'utf8');
      const v = validateJunit(file);
      assert.ok(v.valid, v.output);
      assert.ok(xml.includes('pwned'), 'the message is there');
      assert.deepEqual(controls(xml, '\t\n\r'), [], 'no control characters in the bytes');
      assert.doesNotMatch(xml, /<!\[CDATA\[/);
      assert.equal((xml.match(/<\/failure>/g) ?? []).length, (xml.match(/<failure /g) ?? []).length, 'no forged closing tag');
      // Every line starts with our own markup.
      for (const line of xml.trimEnd().split('\n')) assert.match(line, /^(<\?xml|\s*<)/, line);
      // The parser reads back what was written: the name, and the C1 CSI as a character reference.
      assert.equal(xpath(file, 'string(//testsuite[@name="documents"]/testcase/@name)').trimEnd(), `docs/${name}`);
      assert.ok(xml.includes('&#155;31m'));

      const gl = run(['check', 'docs', '-f', 'gitlab'], { cwd: t });
      assert.deepEqual(controls(gl.stdout, '\n'), []);
      const issues = JSON.parse(gl.stdout) as Issue[];
      assert.ok(gradeOk(gitlabValidator(), issues));
      const fm = issues.find((i) => i.check_name === 'front-matter-value');
      assert.ok(fm, gl.stdout);
      assert.ok(fm.description.includes('\u001b]0;pwned\u0007\u009b31m'), 'JSON carries the text exactly, escaped');
      assert.equal(issues[0].location.path, `docs/${name}`);
    } finally {
      removeTree(t);
    }
  });
});

/** Control characters (C0, DEL, C1) and U+2028/U+2029 in `s`, except those in `allowed`. */
function controls(s: string, allowed: string): string[] {
  return [...s].filter((c) => !allowed.includes(c) && (c < ' ' || (c >= '\u007f' && c <= '\u009f') || c === '\u2028' || c === '\u2029'));
}

function gradeOk(validate: ReturnType<typeof gitlabValidator>, data: unknown): boolean {
  if (validate(data)) return true;
  throw new Error(JSON.stringify(validate.errors, null, 2));
}
