/**
 * Markdown that is expensive to parse (issue 20, item 3), on the command line: each case of the
 * hostile fixture gets one clear "too complex to analyse" problem (or, for the front matter, its
 * own front-matter-invalid error), an ordinary manual beside it is analysed as usual, and the run
 * ends (hang timeout; the bench measures time and memory against the budget). The parse budget
 * itself (time, memory), made small here, turns a slow chunk into the same kind of problem.
 */
import { strict as assert } from 'node:assert';
import { EXPENSIVE_MARKDOWN, writeExpensiveMarkdown, writeFile } from '../fixtures/hostile/hostile';
import { json, makeTree, removeTree, run } from './helpers';

const HANG_MS = 30000;

describe('cli: Markdown that is expensive to parse (issue 20, item 3)', () => {
  for (const [name, c] of Object.entries(EXPENSIVE_MARKDOWN)) {
    it(`${c.what} (before: ${c.before}): one clear problem, the rest of the workspace analysed`, () => {
      const root = makeTree({});
      try {
        writeExpensiveMarkdown(root, [name]);
        const r = run(['check', '.', '-f', 'json'], { cwd: root, timeoutMs: HANG_MS });
        const report = json(r);
        const mine = report.problems.filter((p) => p.file === `${name}.md` && p.code !== 'uncovered-item');
        if (name === 'frontMatter') {
          // Our own scan of it is linear now: the YAML error is reported, the body analysed.
          assert.deepEqual(mine.map((p) => p.code), ['front-matter-invalid']);
        } else {
          assert.deepEqual(mine.map((p) => p.code), ['too-complex'], JSON.stringify(mine).slice(0, 500));
          assert.match(mine[0].message, /^Too complex to analyse: .*\. This part of the file is not analysed\.$/);
        }
        assert.ok(report.coverage, 'the manuals are analysed');
        assert.ok(!report.coverage.uncovered.some((i) => i.id === '5.1.1.1'), 'the ordinary manual still covers 5.1.1.1');
        assert.deepEqual(report.problems.filter((p) => p.file === 'ordinary.md' && p.code !== 'uncovered-item'), []);
      } finally {
        removeTree(root);
      }
    });
  }

  it('the parse budget: a chunk that runs over its time, or its memory, is too complex; the others are parsed', () => {
    const root = makeTree({});
    try {
      // 20,000 tag lines in one paragraph: seconds of parsing and well over 64 MB, but under every fixed limit.
      writeFile(root, 'slow.md', `---\ntype: manual\n---\n# 慢\n\n${'[5.1.2.1] 说明\n'.repeat(20000)}`);
      writeFile(root, 'ordinary.md', '---\ntype: manual\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n');
      for (const [env, why] of [
        [{ GBT27922_PARSE_BUDGET_MS: '200' }, /parsing took longer than 0\.\d s/],
        [{ GBT27922_PARSE_MEMORY_MB: '32' }, /parsing needed more than 32 MB of memory/],
      ] as const) {
        const report = json(run(['check', '.', '-f', 'json'], { cwd: root, env, timeoutMs: HANG_MS }));
        const slow = report.problems.filter((p) => p.file === 'slow.md' && p.code !== 'uncovered-item');
        assert.deepEqual(slow.map((p) => p.code), ['too-complex'], JSON.stringify(slow).slice(0, 300));
        assert.match(slow[0].message, why);
        assert.ok(slow[0].line >= 1 && slow[0].line <= 6, `reported where the part that was not analysed starts (line ${slow[0].line})`);
        assert.ok(!report.coverage.uncovered.some((i) => i.id === '5.1.1.1'), 'the ordinary manual is analysed');
      }
      // With the default budget such a file is analysed (smaller, so no machine is slow enough to miss the budget).
      writeFile(root, 'slow.md', `---\ntype: manual\n---\n# 慢\n\n${'[5.1.2.1] 说明\n'.repeat(2000)}`);
      const full = json(run(['check', '.', '-f', 'json'], { cwd: root, timeoutMs: 120000 }));
      assert.deepEqual(full.problems.filter((p) => p.file === 'slow.md' && p.code !== 'uncovered-item').map((p) => p.code), []);
      assert.ok(!full.coverage.uncovered.some((i) => i.id === '5.1.2.1'));
    } finally {
      removeTree(root);
    }
  });
});
