/**
 * Verdicts a certification body can trust (issue 18, items 1–2): the total as reported decides
 * the star, the gates and the points to the next tier (rounding is the scheme's, 2 decimals
 * half-up by default); a report with unscored applicable items is incomplete, never a pass.
 */
import { strict as assert } from 'node:assert';
import type { ScoreReport } from '../../server/src/cli/commands/score';
import { EMPTY_AUDIT, fullReport, MEETING_NOTE, NEAR_90, ONE_ROW_DELETED } from '../fixtures/verdicts';
import { copySamples, json, makeTree, removeTree, run, writeFiles } from './helpers';

const report = fullReport;

describe('cli: the reported total decides the verdict (item 1)', () => {
  let root: string;
  before(() => {
    root = makeTree({
      'near90.md': NEAR_90,
      'truncate/gbt27922.config.json': '{ "scheme": "truncating.json" }',
      'truncate/truncating.json': JSON.stringify({ id: 'truncating', extends: 'gbt27922-2011', rounding: { decimals: 2, mode: 'truncate' } }),
      'truncate/near90.md': NEAR_90,
      'whole/gbt27922.config.json': '{ "scheme": "whole.json" }',
      'whole/whole.json': JSON.stringify({ id: 'whole', extends: 'gbt27922-2011', rounding: { decimals: 0 } }),
      'whole/near90.md': report({ '5.3.2.2': '0%', '5.1.2.2': '40%', '5.1.1.1': '50%' }),
    });
  });
  after(() => removeTree(root));

  it('89.999 reported as 90.00 is Four stars, and Five stars needs 5.00 (not "Three stars", not "needs 0.00")', () => {
    const r = run(['check', 'near90.md'], { cwd: root });
    assert.match(r.stdout, /^Audit report near90\.md: total 90\.00, Four stars \(四星级\)$/m, r.stdout);
    assert.match(r.stdout, /^ {2}Next: Five stars \(五星级\) needs 5\.00 points$/m, r.stdout);
    assert.doesNotMatch(r.stdout, /needs 0\.00|Three stars/);
    const j = json(run(['check', 'near90.md', '-f', 'json'], { cwd: root }));
    assert.equal(j.audits[0].total, '90.00');
    assert.equal(j.audits[0].tier.id, 'four-star');
    assert.equal(j.audits[0].next.pointsNeeded, '5.00');
  });

  it('--min-score 90 and --min-star four-star pass on the reported 90.00, in every format', () => {
    const r = run(['check', 'near90.md', '--min-score', '90', '--min-star', 'four-star'], { cwd: root });
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /✓ near90\.md: total 90\.00 \(required ≥ 90\.00\)/);
    const shows: Record<string, RegExp> = {
      markdown: /\| Audit report `near90\.md` \| \*\*90\.00\*\* · Four stars \(四星级\) \|/,
      github: /^Audit report near90\.md: total 90\.00, Four stars \(四星级\)$/m,
      sarif: /"total": "90\.00",\s+"exactTotal": "89\.999",/,
    };
    for (const [format, shown] of Object.entries(shows)) {
      const f = run(['check', 'near90.md', '--min-score', '90', '-f', format], { cwd: root });
      assert.equal(f.code, 0, `${format}: ${f.stdout}`);
      assert.match(f.stdout, shown, `${format}: ${f.stdout.slice(0, 3000)}`);
      assert.doesNotMatch(f.stdout, /Three stars|needs 0\.00/, format);
    }
  });

  it('score shows the total as reported, and --verbose also the unrounded value and the rounding rule', () => {
    const r = run(['score', 'near90.md'], { cwd: root });
    assert.match(r.stdout, /^Total: 90\.00 — Four stars \(四星级\)$/m, r.stdout);
    assert.doesNotMatch(r.stdout, /89\.999/);
    const v = run(['score', 'near90.md', '--verbose'], { cwd: root });
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, /unrounded 89\.999\b.*2 decimals, half-up/, v.stdout);
    const j = json<ScoreReport>(run(['score', 'near90.md', '-f', 'json'], { cwd: root }));
    assert.equal(j.audit.total, '90.00');
    assert.equal(j.audit.exactTotal, '89.999');
  });

  it('a scheme that truncates: 89.99, Three stars, Four stars needs 0.01; --min-score 90 fails', () => {
    const r = run(['check', '.', '--min-score', '90'], { cwd: `${root}/truncate` });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^Audit report near90\.md: total 89\.99, Three stars \(三星级\)$/m, r.stdout);
    assert.match(r.stdout, /Next: Four stars \(四星级\) needs 0\.01 points$/m);
    assert.match(r.stdout, /✗ near90\.md: total 89\.99 \(required ≥ 90\.00\)/);
  });

  it('a scheme that rounds to whole points: 89.5 is reported 90, Four stars, and Five stars needs 5', () => {
    // 100 − 7 − 3 − 0.5 (5.1.1.1 at 50%) = 89.5 → 90 (half-up, 0 decimals)
    const r = run(['check', '.', '-f', 'json'], { cwd: `${root}/whole` });
    const a = json(r).audits[0];
    assert.equal(a.total, '90');
    assert.equal(a.tier.id, 'four-star');
    assert.equal(a.next.pointsNeeded, '5');
  });
});

describe('cli: an incomplete report is never a pass (item 2)', () => {
  let root: string;
  before(() => {
    root = makeTree({
      'deleted-row.md': ONE_ROW_DELETED,
      'blank-row.md': '---\ntype: audit\n---\n# 报告\n\n| 条款 | 得分 | 证据 |\n| --- | --- | --- |\n' + report().split('\n').filter((l) => l.startsWith('- [')).map((l) => l.replace(/^- \[([\d.]+)\] 100% 证据：(.*)$/, (_, id, ev) => (id === '5.1.1.1' ? `| [${id}] |  |  |` : `| [${id}] | 100% | ${ev} |`))).join('\n') + '\n',
      'empty/审核报告.md': EMPTY_AUDIT,
    });
  });
  after(() => removeTree(root));

  it('a deleted item row is an error, the verdict says "incomplete: 1 item unscored", and check fails', () => {
    const r = run(['check', 'deleted-row.md'], { cwd: root });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^deleted-row\.md:\d+:\d+: error: 5\.1\.1\.1 \(worth 1\) is applicable but not scored/m, r.stdout);
    assert.match(r.stdout, /^Audit report deleted-row\.md: Incomplete: 1 item unscored \(provisional total 99\.00\)$/m, r.stdout);
    assert.doesNotMatch(r.stdout, /Five stars|Four stars/);
    assert.match(r.stdout, /^Result: fail$/m);
  });

  it('a blank checklist row says the same: incomplete, no star', () => {
    const r = run(['check', 'blank-row.md', '-f', 'json'], { cwd: root });
    assert.equal(r.code, 1);
    const a = json(r).audits[0];
    assert.equal(a.verdict, 'incomplete');
    assert.equal(a.tier, undefined);
    assert.equal(a.star, 'Incomplete: 1 item unscored (provisional total 99.00)');
    assert.deepEqual(a.unscored.map((i) => i.id), ['5.1.1.1']);
  });

  it('a type: audit file with no entries is incomplete (50 items unscored), not "total 0.00 … pass"', () => {
    const r = run(['check', 'empty'], { cwd: root });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /^Audit report empty\/审核报告\.md: Incomplete: 50 items unscored \(provisional total 0\.00\)$/m, r.stdout);
    assert.match(r.stdout, /^Result: fail$/m);
    const zh = run(['check', 'empty', '--locale', 'zh'], { cwd: root });
    assert.match(zh.stdout, /^审核报告 empty\/审核报告\.md: 未完成：50 项未评分（暂计总分 0\.00）$/m, zh.stdout);
  });

  it('with unscored-item turned down to a warning the report still gets no star, and --min-star / --min-score fail', () => {
    const cfg = makeTree({ 'gbt27922.config.json': '{ "severity": { "unscored-item": "warning" } }', 'r.md': report({ '5.1.1.1': null }) });
    try {
      const plain = run(['check', '.'], { cwd: cfg });
      assert.equal(plain.code, 0, plain.stdout);
      assert.match(plain.stdout, /warning: 5\.1\.1\.1 \(worth 1\) is applicable but not scored/);
      assert.match(plain.stdout, /Incomplete: 1 item unscored \(provisional total 99\.00\)/);
      const gated = run(['check', '.', '--min-star', 'compliant', '--min-score', '50'], { cwd: cfg });
      assert.equal(gated.code, 1, gated.stdout);
      assert.match(gated.stdout, /✗ r\.md: Incomplete: 1 item unscored \(provisional total 99\.00\) \(required ≥ Compliant/);
      assert.match(gated.stdout, /✗ r\.md: incomplete, provisional total 99\.00 \(required ≥ 50\.00\)/);
    } finally {
      removeTree(cfg);
    }
  });

  it('score of an incomplete report: no star, the provisional total, and which items are missing', () => {
    const r = run(['score', 'deleted-row.md'], { cwd: root });
    assert.match(r.stdout, /^Total: 99\.00 — Incomplete: 1 item unscored \(provisional total 99\.00\)$/m, r.stdout);
    assert.doesNotMatch(r.stdout, /^Next:/m);
  });
});

describe('cli: which files count as the manual (item 3)', () => {
  const NOTE = MEETING_NOTE;

  it('a meeting note that tags 5.1.6.4 does not complete a declared manual: 99 %, --min-coverage 100 fails, the note is "not counted"', () => {
    const root = copySamples();
    try {
      writeFiles(root, { 'plain/周例会纪要.md': NOTE });
      const r = run(['check', '.', '--min-coverage', '100'], { cwd: root });
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stdout, /^Manual coverage \(gbt27922-2011\): 49\/50 items, 99\/100 points \(99\.00%\)$/m, r.stdout);
      assert.match(r.stdout, /^plain\/周例会纪要\.md:3:10: info: Not counted as part of the manual: this file tags 5\.1\.6\.4 but does not declare "type: manual"/m, r.stdout);
      assert.match(r.stdout, /^ {2}Not counted as the manual: plain\/周例会纪要\.md \(clause tags, but no "type: manual" and not under the manual root's folder\)$/m, r.stdout);
      assert.match(r.stdout, /✗ coverage 99\.00% \(required ≥ 100\.00%\)/);
      const j = json(run(['check', '.', '-f', 'json'], { cwd: root }));
      assert.equal(j.coverage.basis, 'declared');
      assert.deepEqual(j.coverage.notCounted, ['plain/周例会纪要.md']);
      assert.deepEqual(
        j.coverage.files.map((f) => [f.file, f.reason]),
        [
          ['manual/01-组织与资源.md', 'declared'],
          ['manual/02-商品服务.md', 'declared'],
          ['manual/03-顾客服务.md', 'declared'],
          ['manual/README.md', 'declared'],
        ],
      );
    } finally {
      removeTree(root);
    }
  });

  it('with a manual root configured, a tagged file under its folder without a type counts; one elsewhere does not', () => {
    const root = makeTree({
      'gbt27922.config.json': '{ "manualRoot": "manual/README.md" }',
      'manual/README.md': '# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n',
      'manual/more.md': '# 人员\n\n## 配置 [5.1.1.2]\n\n网点人员配置。\n',
      'notes/todo.md': '# 待办\n\n- 补 [5.1.2.1]\n',
    });
    try {
      const j = json(run(['check', '.', '-f', 'json'], { cwd: root }));
      assert.deepEqual(j.coverage.files.map((f) => [f.file, f.reason]), [['manual/README.md', 'root-folder'], ['manual/more.md', 'root-folder']]);
      assert.deepEqual(j.coverage.notCounted, ['notes/todo.md']);
      assert.equal(j.coverage.coveredPoints, '4');
    } finally {
      removeTree(root);
    }
  });

  it('without a configured root, the declared root file (root: true) names the folder whose untyped tagged files count', () => {
    const root = makeTree({
      'manual/README.md': '---\ntype: manual\nroot: true\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n',
      'manual/chapters/more.md': '# 人员\n\n## 配置 [5.1.1.2]\n\n网点人员配置。\n',
      'meetings/2026-03.md': '# 例会\n\n- 补 [5.1.2.1]\n',
    });
    try {
      const j = json(run(['check', '.', '-f', 'json'], { cwd: root }));
      assert.deepEqual(j.coverage.files.map((f) => [f.file, f.reason]), [['manual/README.md', 'declared'], ['manual/chapters/more.md', 'root-folder']]);
      assert.deepEqual(j.coverage.notCounted, ['meetings/2026-03.md']);
    } finally {
      removeTree(root);
    }
  });

  it('with nothing declared every tagged file counts, and every output says which files were taken as the manual and why', () => {
    const root = makeTree({
      'a.md': '# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n',
      'b.md': NOTE,
    });
    try {
      const text = run(['check', '.'], { cwd: root });
      assert.match(text.stdout, /^ {2}Taken as the manual \(no file declares "type: manual" and no manualRoot is configured, so every file with clause tags counts\): a\.md, b\.md$/m, text.stdout);
      const md = run(['check', '.', '-f', 'markdown'], { cwd: root });
      assert.match(md.stdout, /Taken as the manual.*`a\.md`, `b\.md`/, md.stdout);
      const gh = run(['check', '.', '-f', 'github'], { cwd: root });
      assert.match(gh.stdout, /Taken as the manual .*: a\.md, b\.md/);
      const j = json(run(['check', '.', '-f', 'json'], { cwd: root }));
      assert.equal(j.coverage.basis, 'inferred');
      assert.deepEqual(j.coverage.files.map((f) => [f.file, f.reason]), [['a.md', 'inferred'], ['b.md', 'inferred']]);
      const sarif = JSON.parse(run(['check', '.', '-f', 'sarif'], { cwd: root }).stdout);
      assert.equal(sarif.runs[0].properties.coverage.basis, 'inferred');
      const zh = run(['check', '.', '--locale', 'zh'], { cwd: root });
      assert.match(zh.stdout, /^ {2}视为手册的文件（没有文件声明“type: manual”，也未配置 manualRoot，凡有条款标记的文件都计入）：a\.md、b\.md$/m, zh.stdout);
    } finally {
      removeTree(root);
    }
  });
});
