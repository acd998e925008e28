/**
 * Issue 18, items 4–10: files and forms users write must be read, or get a hint that says what
 * was not understood. Silence is the one wrong answer.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
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

describe('cli: forms users write are read, or get a hint (items 5–9)', () => {
  it('full-width square brackets ［５．２．４．１］ and the full-width hyphen in a range 【５．２．４．１－５．２．４．３】 are read (item 5)', () => {
    const root = makeTree({
      'manual.md': '---\ntype: manual\n---\n# 手册\n\n## 报修与维修 【５．２．４．１－５．２．４．３】\n\n报修渠道：电话、网站。\n\n## 网点 ［５．１．１．２］\n\n网点齐全。\n',
      'report.md': fullReport({ '5.2.4.1': null }).replace('- [5.1.1.1] 100%', '- ［５．１．１．１］ 80%') + '- ［５．２．４．１］ 90% 证据：报修记录\n',
    });
    try {
      const r = run(['check', '.', '-f', 'json'], { cwd: root });
      const j = json(r);
      assert.deepEqual(j.coverage.uncovered.length, 46);
      assert.ok(!j.coverage.uncovered.some((i) => ['5.2.4.1', '5.2.4.2', '5.2.4.3', '5.1.1.2'].includes(i.id)));
      const a = j.audits[0];
      assert.equal(a.verdict, 'tier');
      assert.equal(a.total, '99.70'); // 5.1.1.1 at 80% (−0.2), 5.2.4.1 at 90% (−0.1)
      assert.deepEqual(j.problems.filter((p) => p.file === 'report.md'), []);
    } finally {
      removeTree(root);
    }
  });

  it('audit table rows whose clause cell has no brackets are read when the header names a clause column (item 6)', () => {
    const rows = fullReport()
      .split('\n')
      .filter((l) => l.startsWith('- ['))
      .map((l) => l.replace(/^- \[([\d.]+)\] (\S+) 证据：(.*)$/, (_, id, s, ev) => `| ${id} | ${id === '5.1.1.1' ? '80%' : s} | ${ev} |`));
    const root = makeTree({ 'report.md': `---\ntype: audit\n---\n# 报告\n\n| 条款 | 得分 | 证据 |\n| --- | --- | --- |\n${rows.join('\n')}\n` });
    try {
      const j = json(run(['check', '.', '-f', 'json'], { cwd: root }));
      assert.equal(j.audits[0].verdict, 'tier');
      assert.equal(j.audits[0].total, '99.80');
      assert.deepEqual(j.problems, []);
    } finally {
      removeTree(root);
    }
  });

  it('a tagged heading with the score on the first line under it is the entry (item 7)', () => {
    const text = fullReport({ '5.1.3.2': null, '5.1.3.3': null }) + '\n#### [5.1.3.2] 内部保障\n\n80%，证据：培训记录、员工关怀台账\n\n#### [5.1.3.3] 基础设施\n\n办公场所齐备（没有写得分）。\n';
    const root = makeTree({ 'report.md': text });
    try {
      const r = run(['check', '.', '-f', 'json'], { cwd: root });
      const j = json(r);
      const a = j.audits[0];
      assert.deepEqual(a.unscored.map((i) => i.id), ['5.1.3.3']);
      // 5.1.3.2 scored 80% of 2 points from the line under its heading
      assert.equal(a.verdict, 'incomplete');
      assert.equal(a.total, '97.60');
      const hint = j.problems.find((p) => p.code === 'heading-tag-not-scored')!;
      assert.ok(hint, JSON.stringify(j.problems.map((p) => p.code)));
      assert.equal(hint.line, text.split('\n').indexOf('#### [5.1.3.3] 基础设施') + 1);
      assert.match(hint.message, /5\.1\.3\.3.*first line under the heading.*80%，证据：/);
    } finally {
      removeTree(root);
    }
  });

  it('points written on special entries are not silently ignored: what counts is said (item 8)', () => {
    const text = fullReport() + '\n## 特别扣分与加分\n\n- [扣分] 2分 未按规定明示收费标准\n- [扣分] 1分 回访记录缺失\n- [加分] 0.5分 行业领先的备件直达\n- [加分] 2分 获省级服务标杆\n';
    const root = makeTree({ 'report.md': text });
    try {
      const j = json(run(['check', '.', '-f', 'json'], { cwd: root }));
      const notes = j.problems.filter((p) => p.code === 'special-points-ignored');
      const lineOf = (s: string) => text.split('\n').indexOf(s) + 1;
      assert.deepEqual(
        notes.map((p) => p.line),
        [lineOf('- [扣分] 2分 未按规定明示收费标准'), lineOf('- [加分] 0.5分 行业领先的备件直达'), lineOf('- [加分] 2分 获省级服务标杆')],
      );
      assert.match(notes[0].message, /"2分" is not what counts: under scheme gbt27922-2011 each special deduction counts 1 point/);
      assert.match(notes[1].message, /"0\.5分" is not what counts: under scheme gbt27922-2011 each special bonus counts 1 point, at most 1 point in all/);
      // What the report scores: 2 deductions of 1 point, bonus capped at 1.
      assert.equal(j.audits[0].total, '99.00');
    } finally {
      removeTree(root);
    }
  });

  it('"无", "-" and "n/a" are not reasons for N/A, in lists and in tables (item 9)', () => {
    const list = fullReport({ '5.2.5.5': '不适用：无', '5.2.5.4': '不适用 -' });
    const table = '---\ntype: audit\n---\n# 报告\n\n| 条款 | 得分 | 证据 | 备注 |\n| --- | --- | --- | --- |\n' + fullReport().split('\n').filter((l) => l.startsWith('- [')).map((l) => {
      const id = /\[([\d.]+)\]/.exec(l)![1];
      if (id === '5.2.5.5') return `| [${id}] | 不适用 |  | 无 |`;
      if (id === '5.2.5.4') return `| [${id}] | N/A |  | n/a |`;
      if (id === '5.2.5.3') return `| [${id}] | 不适用 |  | 贸易型企业，不生产商品 |`;
      return `| [${id}] | 100% | 记录 |  |`;
    }).join('\n') + '\n';
    const root = makeTree({ 'list.md': list, 'table.md': table });
    try {
      const j = json(run(['check', '.', '-f', 'json'], { cwd: root }));
      const na = (file: string) => j.problems.filter((p) => p.file === file && p.code === 'na-without-reason').map((p) => p.itemId).sort();
      assert.deepEqual(na('list.md'), ['5.2.5.4', '5.2.5.5']);
      assert.deepEqual(na('table.md'), ['5.2.5.4', '5.2.5.5']);
      const t = j.audits.find((a) => a.file === 'table.md')!;
      assert.equal(t.notApplicable, 1, '5.2.5.3 has a real reason');
    } finally {
      removeTree(root);
    }
  });
});

describe('cli: generated templates work when their instructions are followed (items 9–10)', () => {
  /** Follow the checklist's instructions: a score and evidence in every row, a value after every metric's colon. */
  function fillChecklist(text: string, metrics: Record<string, string>): string {
    let out = text.replace(/^\| \[([\d.]+)\] \| ([^|]*)\| {2}\| {2}\| {2}\|$/gm, (_, id, requirement) => `| [${id}] | ${requirement}| 90% | 检查记录 ${id} |  |`);
    for (const [id, value] of Object.entries(metrics)) out = out.replace(new RegExp(`^(\\s+${id}:)(\\s*)(#.*)?$`, 'm'), `$1 ${value}$2$3`);
    return out;
  }

  for (const [scheme, metrics, expected] of [
    ['gbt27922-2011', {}, ['90.00', 'four-star']],
    ['gbt27922-2011-dual-score', { serviceCharacteristicScore: '96' }, ['90.00', 'four-star']],
    ['ten-star', { customerSatisfaction: '93%', firstTimeFixRate: '91%' }, ['90.00', 'four-star']],
  ] as const) {
    for (const locale of ['zh', 'en']) {
      it(`init audit --scheme ${scheme} --locale ${locale}: filled in as it says, it reads back with no problem`, () => {
        const root = makeTree({});
        try {
          const init = run(['init', 'audit', '--scheme', scheme, '--locale', locale, '-o', 'report.md'], { cwd: root });
          assert.equal(init.code, 0, init.stderr);
          const text = fs.readFileSync(`${root}/report.md`, 'utf8');
          // The requirement text is not in a column read as a reason or as notes: the last column starts empty.
          const rows = text.split('\n').filter((l) => /^\| \[\d/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
          assert.equal(rows.length, 50);
          for (const cells of rows) assert.equal(cells[cells.length - 1], '', cells.join(' | '));
          const blank = json(run(['check', '.', '-f', 'json'], { cwd: root }));
          assert.deepEqual(blank.problems.filter((p) => p.code.startsWith('front-matter')), [], 'the blank template has valid front matter');
          fs.writeFileSync(`${root}/report.md`, fillChecklist(text, metrics));
          const r = run(['check', '.', '-f', 'json'], { cwd: root });
          const j = json(r);
          assert.deepEqual(j.problems.map((p) => `${p.line} ${p.code} ${p.message}`), []);
          assert.deepEqual([j.audits[0].total, j.audits[0].tier.id], [...expected]);
          for (const g of j.audits[0].failedGates) assert.fail(`gate ${g.id} failed: ${g.actual}`);
        } finally {
          removeTree(root);
        }
      });
    }
  }

  it('a checklist row marked 不适用 with nothing else is not applicable without a reason (the requirement is not a reason)', () => {
    const root = makeTree({});
    try {
      run(['init', 'audit', '-o', 'report.md'], { cwd: root });
      const text = fs.readFileSync(`${root}/report.md`, 'utf8').replace(/^\| \[5\.2\.5\.5\] \| ([^|]*)\| {2}\|/m, '| [5.2.5.5] | $1| 不适用 |');
      fs.writeFileSync(`${root}/report.md`, text);
      const j = json(run(['check', '.', '-f', 'json'], { cwd: root }));
      assert.deepEqual(j.problems.filter((p) => p.itemId === '5.2.5.5').map((p) => p.code), ['na-without-reason']);
    } finally {
      removeTree(root);
    }
  });

  for (const locale of ['zh', 'en']) {
    it(`init manual --locale ${locale}: every section written as it says, the manual covers everything with no problem`, () => {
      const root = makeTree({});
      try {
        run(['init', 'manual', '--locale', locale, '-o', 'manual/README.md'], { cwd: root });
        const text = fs.readFileSync(`${root}/manual/README.md`, 'utf8').replace(/^(#{3,4} .*\[[\d.]+\])$/gm, '$1\n\n本公司的做法、职责和记录。');
        fs.writeFileSync(`${root}/manual/README.md`, text);
        const j = json(run(['check', '.', '-f', 'json'], { cwd: root }));
        assert.deepEqual(j.problems, []);
        assert.equal(j.coverage.percentByPoints, '100.00');
      } finally {
        removeTree(root);
      }
    });
  }
});
