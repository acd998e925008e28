/**
 * Issue 18, items 4–10: files and forms users write must be read, or get a hint that says what
 * was not understood. Silence is the one wrong answer.
 */
import { strict as assert } from 'node:assert';
import { EMPTY_AUDIT, fullReport } from '../fixtures/verdicts';
import { json, makeTree, removeTree, run } from './helpers';

describe('cli: extensions match without regard to case (item 4)', () => {
  it('a folder with 审核报告.MD and 手册.Markdown: both are found and analysed', () => {
    const root = makeTree({
      'docs/审核报告.MD': fullReport(),
      'docs/手册.Markdown': '---\ntype: manual\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n',
      'docs/empty.MD': EMPTY_AUDIT,
    });
    try {
      const r = run(['check', 'docs'], { cwd: root });
      assert.match(r.stdout, /^Audit report docs\/审核报告\.MD: total 100\.00, Five stars \(五星级\)$/m, r.stdout);
      assert.match(r.stdout, /^Audit report docs\/empty\.MD: Incomplete: 50 items unscored/m, r.stdout);
      assert.match(r.stdout, /^Manual coverage \(gbt27922-2011\): 1\/50 items/m, r.stdout);
      assert.doesNotMatch(r.stdout, /No audit report found/);
      assert.equal(r.code, 1, 'the empty report fails the check');
      const j = json(run(['check', 'docs', '-f', 'json'], { cwd: root }));
      assert.deepEqual(j.files.map((f) => [f.file, f.kind]), [
        ['docs/empty.MD', 'audit'],
        ['docs/审核报告.MD', 'audit'],
        ['docs/手册.Markdown', 'manual'],
      ]);
    } finally {
      removeTree(root);
    }
  });

  it('include patterns of the config match any case of the extension too; other names keep their case', () => {
    const root = makeTree({
      'gbt27922.config.json': '{ "include": ["reports/**/*.md"] }',
      'reports/A.MD': fullReport(),
      'Reports/B.md': fullReport(),
    });
    try {
      const j = json(run(['check', '.', '-f', 'json'], { cwd: root }));
      assert.deepEqual(j.files.map((f) => f.file), ['reports/A.MD']);
    } finally {
      removeTree(root);
    }
  });
});
