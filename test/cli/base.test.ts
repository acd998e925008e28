/**
 * `check --base <ref>`: a temporary git repository made here (the samples committed, then
 * changed in the working tree) and the comparison a reviewer reads: coverage delta, items newly
 * uncovered and newly covered, each report's total and star change.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { copySamples, json, noStackTrace, removeTree, run } from './helpers';

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function edit(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${file} should contain ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

describe('cli: check --base (comparison with a git revision)', () => {
  let repo: string;
  let baseCommit: string;
  before(() => {
    repo = copySamples();
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'samples');
    baseCommit = git(repo, 'rev-parse', 'HEAD');
    // The pull request: 5.1.2.2 (5 points) loses its tag, 5.1.6.4 (1 point) gets a section,
    // and the audit drops 5.1.5.2 from 85 % to 0 % (92.00 四星级 → 86.80 三星级).
    const org = path.join(repo, 'manual', '01-组织与资源.md');
    edit(org, '### 售后服务管理师配置 [5.1.2.2]', '### 售后服务管理师配置');
    fs.appendFileSync(org, '\n### 参与标准制定 [5.1.6.4]\n\n公司参与家电售后服务行业标准的起草工作。\n');
    edit(path.join(repo, 'audit', '2026-审核报告.md'), '- [5.1.5.2] 85% ', '- [5.1.5.2] 0% ');
  });
  after(() => removeTree(repo));

  it('reports the coverage delta, newly uncovered and newly covered items, and the star change (JSON)', () => {
    const r = run(['check', '.', '--base', 'HEAD', '-f', 'json'], { cwd: repo });
    assert.equal(r.code, 0, r.stderr);
    const report = json(r);
    const cmp = report.comparison;
    assert.equal(cmp.base, 'HEAD');
    assert.equal(cmp.commit, baseCommit);
    assert.deepEqual(
      { before: cmp.coverage.before.coveredPoints, after: cmp.coverage.after.coveredPoints, deltaPoints: cmp.coverage.deltaPoints, deltaPercent: cmp.coverage.deltaPercent },
      { before: '99', after: '95', deltaPoints: '-4', deltaPercent: '-4.00' },
    );
    assert.deepEqual(cmp.coverage.newlyUncovered.map((i) => i.id), ['5.1.2.2']);
    assert.deepEqual(cmp.coverage.newlyCovered.map((i) => i.id), ['5.1.6.4']);
    const byFile = Object.fromEntries(cmp.audits.map((a) => [a.file, a]));
    const changed = byFile['audit/2026-审核报告.md'];
    assert.deepEqual(
      { status: changed.status, before: changed.before.total, after: changed.after.total, delta: changed.deltaTotal, from: changed.before.tier, to: changed.after.tier, star: changed.starChange },
      { status: 'changed', before: '92.00', after: '86.80', delta: '-5.20', from: 'four-star', to: 'three-star', star: 'down' },
    );
    const same = byFile['audit/2026-十星审核报告.md'];
    assert.deepEqual([same.status, same.deltaTotal, same.starChange], ['unchanged', '0.00', 'same']);
    // The working tree's own results are those of the changed files.
    assert.equal(report.coverage.uncovered.map((i) => i.id).join(), '5.1.2.2');
  });

  it('prints the comparison for people (text) and as the PR summary (markdown)', () => {
    const text = run(['check', '.', '--base', 'HEAD'], { cwd: repo });
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.split('\n');
    assert.ok(lines.includes(`Compared with HEAD (${baseCommit.slice(0, 7)}):`), text.stdout);
    assert.ok(lines.includes('  Manual coverage: 99.00% → 95.00% (-4.00%, -4 points)'), text.stdout);
    assert.ok(lines.some((l) => l.startsWith('    Newly uncovered: 5.1.2.2 ')), text.stdout);
    assert.ok(lines.some((l) => l.startsWith('    Newly covered: 5.1.6.4 ')), text.stdout);
    assert.ok(lines.includes('  audit/2026-审核报告.md: 92.00 → 86.80 (-5.20), Four stars (四星级) → Three stars (三星级) ▼'), text.stdout);
    const md = run(['check', '.', '--base', 'HEAD', '-f', 'markdown'], { cwd: repo }).stdout.split('\n');
    assert.ok(md.includes('| | Value | Change |'), md.join('\n'));
    assert.ok(md.includes('| Manual coverage (gbt27922-2011) | **95.00%** · 95/100 points · 49/50 items | ▼ -4.00% (-4 points) |'), md.join('\n'));
    assert.ok(md.includes('| Audit report `audit/2026-审核报告.md` | **86.80** · Three stars (三星级) | ▼ -5.20 · Four stars (四星级) → Three stars (三星级) |'), md.join('\n'));
    assert.ok(md.some((l) => l.startsWith('**Newly uncovered:** 5.1.2.2 ')));
  });

  it('sees added and removed reports, and works from a sub-folder of the repository', () => {
    const sub = path.join(repo, 'audit');
    fs.copyFileSync(path.join(sub, '2026-审核报告.md'), path.join(sub, '2027-审核报告.md'));
    fs.renameSync(path.join(sub, '2026-十星审核报告.md'), path.join(repo, 'ten-star.md.bak'));
    try {
      const report = json(run(['check', 'audit', '--base', baseCommit.slice(0, 10), '-f', 'json'], { cwd: repo }));
      const status = Object.fromEntries(report.comparison.audits.map((a) => [a.file, a.status]));
      // The surveillance report did not change; what it compares with (its previous report) did.
      assert.deepEqual(status, { 'audit/2026-审核报告.md': 'changed', 'audit/2026-十星审核报告.md': 'removed', 'audit/2027-审核报告.md': 'added', 'audit/2027-监督审核报告.md': 'unchanged' });
      assert.equal(report.audits.find((a) => a.file === 'audit/2027-监督审核报告.md')!.previous.total, '86.80');
      const fromSub = json(run(['check', '.', '--base', 'HEAD', '-f', 'json'], { cwd: sub }));
      assert.deepEqual(
        Object.fromEntries(fromSub.comparison.audits.map((a) => [a.file, a.status])),
        { '2026-审核报告.md': 'changed', '2026-十星审核报告.md': 'removed', '2027-审核报告.md': 'added', '2027-监督审核报告.md': 'unchanged' },
      );
    } finally {
      fs.rmSync(path.join(sub, '2027-审核报告.md'));
      fs.renameSync(path.join(repo, 'ten-star.md.bak'), path.join(sub, '2026-十星审核报告.md'));
    }
  });

  it('reads a scheme file named by a report (outside the workspace folder) from the revision too', () => {
    const report = json(run(['check', 'custom-scheme', '--base', 'HEAD', '-f', 'json'], { cwd: repo }));
    assert.equal(report.scheme.id, 'acme-extended');
    assert.deepEqual(report.comparison.problems.before, { errors: 0, warnings: 0, information: 0, hints: 0, suppressed: 0 });
    assert.deepEqual(
      report.comparison.audits.map((a) => [a.file, a.status, a.before.total, a.before.tier]),
      [['custom-scheme/2026-内部评价报告.md', 'unchanged', '96.00', 'five-star']],
    );
  });

  it('outside a git repository, --base is bad usage (exit 2) with the reason', () => {
    const plain = copySamples();
    try {
      const r = run(['check', '.', '--base', 'HEAD'], { cwd: plain });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^gbt27922: --base needs a git repository/m);
      assert.ok(noStackTrace(r));
    } finally {
      removeTree(plain);
    }
  });
});
