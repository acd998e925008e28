/**
 * Exit codes: 0 pass, 1 a gate failed or errors were found, 2 bad usage or unreadable input —
 * always with one clear message on stderr and never a stack trace.
 */
import { strict as assert } from 'node:assert';
import { defaultScheme } from '../../server/src/scheme/loader';
import { json, makeTree, noStackTrace, removeTree, run } from './helpers';

/** The date samples/EXPECTED.md is written for. */
const AS_OF = '2027-06-30';
const MANUAL = '---\ntype: manual\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n';

describe('cli: gates and exit codes', () => {
  const gate = (args: string[]) => {
    const r = run(['check', 'samples', '--as-of', AS_OF, '-f', 'json', ...args]);
    const report = json(r);
    return { code: r.code, report, failed: report.gates.filter((g) => !g.passed).map((g) => `${g.gate}:${g.file ?? ''}`) };
  };

  it('gates at their exact boundaries pass: --min-score 92, --min-star four-star, --min-coverage 99, --max-warnings 4, --max-open-nc 2', () => {
    const pass = gate(['--min-score', '92', '--min-star', 'four-star', '--min-coverage', '99', '--max-warnings', '4', '--max-open-nc', '2']);
    assert.equal(pass.code, 0);
    assert.deepEqual(pass.failed, []);
    assert.deepEqual(
      pass.report.gates.map((g) => `${g.gate} ${g.required} ${g.actual} ${g.passed}`),
      [
        'errors 0 0 true',
        'min-coverage 99.00 99.00 true',
        'min-score 92.00 96.00 true',
        'min-score 92.00 92.00 true',
        'min-score 92.00 93.57 true',
        'min-star four-star five-star true',
        'min-star four-star four-star true',
        'min-star four-star four-star true',
        'max-open-nc 2 0 true',
        'max-open-nc 2 1 true',
        'max-open-nc 2 2 true',
        'max-warnings 4 4 true',
      ],
    );
  });

  it('just past each boundary they fail (exit 1): 92.01, five stars (by Chinese name or number), 99.5 %, 0 warnings', () => {
    const fail = gate(['--min-score', '92.01', '--min-star', '五星级', '--min-coverage', '99.5', '--max-warnings', '3', '--max-open-nc', '1']);
    assert.equal(fail.code, 1);
    assert.equal(fail.report.result, 'fail');
    assert.deepEqual(fail.failed, [
      'min-coverage:',
      'min-score:samples/audit/2026-审核报告.md',
      'min-star:samples/audit/2026-审核报告.md',
      'min-star:samples/audit/2027-监督审核报告.md',
      'max-open-nc:samples/audit/2027-监督审核报告.md',
      'max-warnings:',
    ]);
    const byStars = gate(['--min-star', '5']);
    assert.deepEqual(byStars.failed, ['min-star:samples/audit/2026-审核报告.md', 'min-star:samples/audit/2027-监督审核报告.md']);
  });

  it('--fail-on-major-nc fails on a report that tracks a major NC not closed, and names it; --max-open-nc names the open NCs', () => {
    const major = gate(['--fail-on-major-nc']);
    assert.equal(major.code, 1);
    assert.deepEqual(major.failed, ['fail-on-major-nc:samples/audit/2027-监督审核报告.md']);
    const g = major.report.gates.find((x) => x.gate === 'fail-on-major-nc' && !x.passed)!;
    assert.equal(g.message, 'samples/audit/2027-监督审核报告.md: 1 major non-conformity(ies) not closed (NC-2027-03) (must be 0)');
    const text = run(['check', 'samples', '--as-of', AS_OF, '--max-open-nc', '1', '--locale', 'zh']);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^ {2}✗ samples\/audit\/2027-监督审核报告\.md：未关闭不符合项 2 个（NC-2027-02, NC-2027-03）（最多 1）$/m);
    assert.match(text.stdout, /^ {2}✓ samples\/audit\/2026-审核报告\.md：未关闭不符合项 1 个（NC-03）（最多 1）$/m);
    // A report with no NCs at all passes both.
    const root = makeTree({ 'r.md': '---\ntype: audit\n---\n# R\n\n- [5.1.1.1] 80% 证据：x\n' });
    try {
      const clean = json(run(['check', '.', '-f', 'json', '--fail-on-major-nc', '--max-open-nc', '0'], { cwd: root }));
      assert.deepEqual(clean.gates.filter((x) => x.gate.endsWith('nc')).map((x) => `${x.gate} ${x.actual} ${x.passed}`), ['max-open-nc 0 true', 'fail-on-major-nc 0 true']);
    } finally {
      removeTree(root);
    }
  });

  it('the text output lists the gates with ✓ and ✗', () => {
    const r = run(['check', 'samples', '--min-score', '95', '--min-coverage', '90']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^ {2}✓ coverage 99\.00% \(required ≥ 90\.00%\)$/m);
    assert.match(r.stdout, /^ {2}✗ samples\/audit\/2026-审核报告\.md: total 92\.00 \(required ≥ 95\.00\)$/m);
    assert.match(r.stdout, /^Result: fail$/m);
  });

  it('errors in a document fail the check (exit 1) with no gate flags at all', () => {
    // Every other item scored: the one error is the malformed score (unscored items are errors too).
    const others = defaultScheme().items.filter((i) => i.id !== '5.1.1.1').map((i) => `- [${i.id}] 100% 证据：记录`).join('\n');
    const root = makeTree({ 'report.md': `---\ntype: audit\n---\n# 报告\n\n- [5.1.1.1] 很好 证据：x\n${others}\n` });
    try {
      const r = run(['check', '.'], { cwd: root });
      assert.equal(r.code, 1);
      assert.match(r.stdout, /^report\.md:6:\d+: error: .*\[(missing|malformed)-score\]$/m);
      assert.match(r.stdout, /^ {2}✗ 1 error\(s\) \(must be 0\)$/m);
    } finally {
      removeTree(root);
    }
  });

  it('bad usage exits 2 with a clear message: unknown flag, bad format, bad gate values, unknown command', () => {
    const cases: [string[], RegExp][] = [
      [['check', 'samples', '--bogus'], /unknown option '--bogus'/],
      [['check', 'samples', '--format', 'xml'], /--format must be one of text, json, sarif, github, markdown, gitlab, junit, not "xml"/],
      [['check', 'samples', '--min-score', 'abc'], /--min-score expects a number ≥ 0, not "abc"/],
      [['check', 'samples', '--max-warnings', '1.5'], /--max-warnings expects a whole number ≥ 0/],
      [['check', 'samples', '--max-open-nc', '-1'], /--max-open-nc expects a whole number ≥ 0, not "-1"/],
      [['check', 'samples', '--as-of', '2027-02-30'], /--as-of expects a date like 2027-06-30, not "2027-02-30"/],
      [['score', 'samples/audit/2027-监督审核报告.md', '--as-of', 'tomorrow'], /--as-of expects a date/],
      [['check', 'samples', '--min-star', 'seven-star'], /--min-star "seven-star" is not a star tier/],
      [['check', 'samples', '--locale', 'fr'], /--locale must be en or zh \(also en-US, zh-CN, zh_CN …\), not "fr"/],
      [['check', 'samples', '--scheme', 'no-such-scheme'], /--scheme no-such-scheme/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['check', 'samples', '--base', 'no-such-ref-xyz'], /--base no-such-ref-xyz: no such commit/],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.match(r.stderr, /^gbt27922: /, args.join(' '));
      assert.ok(noStackTrace(r), r.stderr);
      assert.equal(r.stdout, '', `${args.join(' ')} prints nothing on stdout`);
    }
  });

  it('unreadable input exits 2: a missing path, a binary file, an undecodable file', () => {
    const root = makeTree({
      'manual.md': MANUAL,
      'binary.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
      'latin1.md': new Uint8Array([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x20, 0x81, 0x20, 0x0a]),
    });
    try {
      const missing = run(['check', 'nope.md'], { cwd: root });
      assert.equal(missing.code, 2);
      assert.equal(missing.stderr, 'gbt27922: cannot read nope.md: no such file or directory\n');
      const bad = run(['check', '.', '-f', 'json'], { cwd: root });
      assert.equal(bad.code, 2, bad.stderr);
      assert.match(bad.stderr, /^gbt27922: cannot read binary\.md: contains NUL bytes .*binary file$/m);
      assert.match(bad.stderr, /^gbt27922: cannot read latin1\.md: not valid UTF-8 \(at byte 2\) nor GB18030\/GBK.*save the file as UTF-8$/m);
      assert.ok(noStackTrace(bad));
      // The readable files are still analysed and reported.
      const report = json(bad);
      assert.equal(report.exitCode, 2);
      assert.equal(report.result, 'fail', 'an unreadable file is never a pass');
      assert.equal(report.coverage.coveredCount, 1);
      assert.deepEqual(
        report.files.filter((f) => f.kind === 'unreadable').map((f) => f.file),
        ['binary.md', 'latin1.md'],
      );
    } finally {
      removeTree(root);
    }
  });

  it('a malformed config file exits 2 naming the file, line and column', () => {
    const cases: [string, RegExp][] = [
      ['{ "scheme": "gbt27922-2011", }x', /gbt27922\.config\.json:1:\d+: invalid JSON/],
      ['{ "schme": "gbt27922-2011" }', /gbt27922\.config\.json:1:\d+: unknown setting "schme"/],
      ['{ "maxFileSizeMB": "big" }', /gbt27922\.config\.json:1:3: .*maxFileSizeMB.*must be/],
      ['{ "scheme": "nonexistent.json" }', /gbt27922\.config\.json:1:3: unknown scheme "nonexistent\.json"/],
    ];
    for (const [config, message] of cases) {
      const root = makeTree({ 'gbt27922.config.json': config, 'manual.md': MANUAL });
      try {
        const r = run(['check', '.'], { cwd: root });
        assert.equal(r.code, 2, `${config}: ${r.stderr}`);
        assert.match(r.stderr, /^gbt27922: cannot use the config file:$/m, config);
        assert.match(r.stderr, message, config);
        assert.ok(noStackTrace(r));
      } finally {
        removeTree(root);
      }
    }
  });

  it('--help and --version exit 0', () => {
    const help = run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Commands:[\s\S]*check[\s\S]*score[\s\S]*init[\s\S]*catalog/);
    const v = run(['--version']);
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
    const checkHelp = run(['check', '--help']);
    assert.equal(checkHelp.code, 0);
    assert.match(checkHelp.stdout, /--min-coverage <percent>/);
  });
});
