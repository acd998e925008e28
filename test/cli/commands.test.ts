/**
 * `init` (manual skeleton, audit checklist), `catalog` and `score <report>`.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CatalogReport } from '../../server/src/cli/commands/catalog';
import type { ScoreReport } from '../../server/src/cli/commands/score';
import { json, makeTree, noStackTrace, removeTree, run, SAMPLES } from './helpers';

describe('cli: init, catalog, score', () => {
  it('init writes a manual skeleton and an audit checklist that check reads back (every item tagged / listed)', () => {
    const root = makeTree({});
    try {
      const m = run(['init', 'manual', '-o', 'manual/README.md', '--organisation', '华东公司', '--locale', 'zh'], { cwd: root });
      assert.equal(m.code, 0, m.stderr);
      assert.equal(m.stderr, 'gbt27922: 已写入手册骨架（gbt27922-2011，50 项）→ manual/README.md\n');
      const a = run(['init', 'audit', '-o', 'audit/report.md', '--date', '2026-03-01'], { cwd: root });
      assert.equal(a.code, 0, a.stderr);
      const manualText = fs.readFileSync(path.join(root, 'manual/README.md'), 'utf8');
      assert.match(manualText, /^---\ntype: manual\norganisation: 华东公司\nroot: true\n---\n\n# 华东公司 售后服务手册\n/);
      const report = json(run(['check', '.', '-f', 'json'], { cwd: root }));
      assert.deepEqual(
        Object.fromEntries(report.files.map((f) => [f.file, f.kind])),
        { 'audit/report.md': 'audit', 'manual/README.md': 'manual' },
      );
      const codes: Record<string, number> = {};
      for (const p of report.problems) codes[`${p.file} ${p.code}`] = (codes[`${p.file} ${p.code}`] ?? 0) + 1;
      // Every item has its own section, each empty until written; every item a row waiting for a score.
      assert.deepEqual(codes, { 'audit/report.md missing-score': 50, 'manual/README.md empty-section': 50, 'manual/README.md uncovered-item': 50 });
      assert.equal(report.coverage.coveredCount, 0);
      // Written sections count: fill one and it is covered.
      fs.writeFileSync(path.join(root, 'manual/README.md'), manualText.replace(/(#### [^\n]*\[5\.1\.1\.1\]\n)/, '$1\n设立售后服务部，职责分工明确。\n'));
      const after = json(run(['check', 'manual', '-f', 'json'], { cwd: root }));
      assert.deepEqual([after.coverage.coveredCount, after.coverage.coveredPoints], [1, '1']);
    } finally {
      removeTree(root);
    }
  });

  it('init refuses to overwrite without --force, and rejects an unknown kind (exit 2)', () => {
    const root = makeTree({ 'a.md': 'keep me\n' });
    try {
      const r = run(['init', 'audit', '-o', 'a.md'], { cwd: root });
      assert.equal(r.code, 2);
      assert.equal(r.stderr, 'gbt27922: a.md already exists; use --force to overwrite it\n');
      assert.equal(fs.readFileSync(path.join(root, 'a.md'), 'utf8'), 'keep me\n');
      assert.equal(run(['init', 'audit', '-o', 'a.md', '--force'], { cwd: root }).code, 0);
      assert.match(fs.readFileSync(path.join(root, 'a.md'), 'utf8'), /^---\ntype: audit\n/);
      const bad = run(['init', 'report'], { cwd: root });
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /init expects "manual" .* or "audit" .*, not "report"/);
      assert.ok(noStackTrace(bad));
    } finally {
      removeTree(root);
    }
  });

  it('init audit to stdout with another scheme names it in the front matter and lists its metrics', () => {
    const r = run(['init', 'audit', '--scheme', 'ten-star']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^---\ntype: audit\nscheme: ten-star\n/);
    assert.match(r.stdout, /^metrics: {2}# .*\n {2}customerSatisfaction: +# Customer satisfaction\n {2}firstTimeFixRate: +# First-time fix rate\n---$/m);
    assert.equal((r.stdout.match(/^\| \[5\.\d\.\d\.\d\] \|/gm) ?? []).length, 50);
  });

  it('catalog --format json: 50 items, 100 points, requirement text as the standard writes it, tiers', () => {
    const r = run(['catalog', '--format', 'json']);
    assert.equal(r.code, 0);
    const c = json<CatalogReport>(r);
    assert.equal(c.scheme.id, 'gbt27922-2011');
    assert.equal(c.itemCount, 50);
    assert.equal(c.items.length, 50);
    assert.equal(Number(c.totalPoints), 100);
    const item = c.items.find((i) => i.id === '5.1.6.4')!;
    assert.equal(item.points, '1');
    assert.equal(item.requirement, '重视服务标准化工作，鼓励参与国家、行业有关标准的制定工作');
    assert.deepEqual(
      c.groups.filter((g) => !g.parent).map((g) => [g.id, Number(g.points)]),
      [['5.1', 40], ['5.2', 35], ['5.3', 25]],
    );
    assert.deepEqual(c.tiers.map((t) => [t.id, t.minScore]), [['compliant', 70], ['three-star', 80], ['four-star', 90], ['five-star', 95]]);
    const text = run(['catalog', '--locale', 'zh']).stdout;
    assert.match(text, /^ {4}5\.1\.6\.4 +1 分 {2}重视服务标准化工作/m);
    const ext = json<CatalogReport>(run(['catalog', '-f', 'json'], { cwd: path.join(SAMPLES, 'custom-scheme') }));
    assert.deepEqual([ext.scheme.id, ext.itemCount, Number(ext.totalPoints)], ['acme-extended', 51, 103]);
  });

  it('score <report>: total, star and group subtotals of one report; gates; a non-report is bad usage', () => {
    const r = run(['score', 'samples/audit/2026-审核报告.md', '-f', 'json', '--as-of', '2027-06-30']);
    assert.equal(r.code, 0, r.stderr);
    const s = json<ScoreReport>(r);
    assert.equal(s.audit.total, '92.00');
    assert.equal(s.audit.tier.id, 'four-star');
    const groups = Object.fromEntries(s.groups.filter((g) => g.level === 1).map((g) => [g.id, `${g.earned}/${g.applicable}/${g.max}`]));
    assert.deepEqual(groups, { '5.1': '36.40/40.00/40.00', '5.2': '30.70/33.00/35.00', '5.3': '23.06/25.00/25.00' });
    const ten = json<ScoreReport>(run(['score', 'samples/audit/2026-十星审核报告.md', '-f', 'json']));
    assert.deepEqual(
      Object.fromEntries(ten.groups.filter((g) => g.level === 1).map((g) => [g.id, g.earned])),
      { '5.1': '38.60', '5.2': '31.40', '5.3': '24.08' },
    );
    const text = run(['score', 'samples/audit/2026-审核报告.md', '--min-score', '95']);
    assert.equal(text.code, 1);
    assert.match(text.stdout, /^Total: 92\.00 — Four stars \(四星级\)$/m);
    assert.match(text.stdout, /^5\.2 +30\.70\/33\.00 +93\.03% +/m);
    assert.match(text.stdout, /^ {2}✗ samples\/audit\/2026-审核报告\.md: total 92\.00 \(required ≥ 95\.00\)$/m);
    const notReport = run(['score', 'samples/manual/README.md']);
    assert.equal(notReport.code, 2);
    assert.match(notReport.stderr, /samples\/manual\/README\.md is not an audit report/);
    const missing = run(['score', 'samples/nope.md']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, 'gbt27922: cannot read samples/nope.md: no such file\n');
  });
});
