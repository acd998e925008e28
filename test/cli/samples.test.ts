/**
 * `gbt27922 check samples` must print exactly the results samples/EXPECTED.md states, and the
 * CLI must report the same problems, in the same words, as the shared workspace analysis the
 * language server runs.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeWorkspace, renderProblem, type FileModel } from '../../server/src/analysis/workspace';
import { parseDocument } from '../../server/src/model';
import { problemMessage } from '../../server/src/model/problems';
import { defaultScheme } from '../../server/src/scheme/loader';
import { json, run } from './helpers';

const ESC = '\u001b[';

/** The as-of date samples/EXPECTED.md is written for (NC statuses depend on it). */
const AS_OF = ['--as-of', '2027-06-30'];

describe('cli: check samples (samples/EXPECTED.md)', () => {
  it('prints coverage 99/100 points, 49/50 items, 5.1.6.4 uncovered, and every report total and star; exits 0', () => {
    const r = run(['check', 'samples', ...AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.ok(lines.includes('Manual coverage (gbt27922-2011): 49/50 items, 99/100 points (99.00%)'), r.stdout);
    assert.ok(lines.includes('  Uncovered: 5.1.6.4 Commitment to service standardisation (1 point)'), r.stdout);
    assert.ok(lines.includes('Audit report samples/audit/2026-审核报告.md: total 92.00, Four stars (四星级)'), r.stdout);
    assert.ok(lines.includes('Audit report samples/audit/2026-十星审核报告.md: total 96.00, Five stars (五星级) (scheme ten-star)'), r.stdout);
    assert.ok(lines.includes('  gate failed: First-time fix rate ≥ 90% (88.00)'), r.stdout);
    assert.ok(lines.includes('  Next: Five stars (五星级) needs 3.00 points'), r.stdout);
    assert.match(r.stdout, /^samples\/manual\/README\.md:\d+:\d+: warning: 5\.1\.6\.4 .*\[uncovered-item\]$/m);
    // The certification cycle: the surveillance report, its previous audit and the NCs of both.
    assert.ok(lines.includes('Audit report samples/audit/2027-监督审核报告.md: total 93.57, Four stars (四星级)'), r.stdout);
    assert.ok(lines.includes('  Next: Five stars (五星级) needs 1.43 points'), r.stdout);
    assert.ok(lines.includes('  Previous audit: samples/audit/2026-审核报告.md (2026-03-18): 92.00, Four stars (四星级) → 93.57 (+1.57)'), r.stdout);
    assert.ok(lines.includes('    change by group: 5.1 91.00% → 91.25% (+0.25); 5.2 93.03% → 91.82% (-1.21); 5.3 92.24% → 95.68% (+3.44)'), r.stdout);
    assert.ok(lines.includes('    NC-2027-02 [5.2.4.6] minor · overdue, due 2027-04-30, 61 day(s) past due (line 91)'), r.stdout);
    assert.ok(lines.includes('    NC-2027-03 [5.1.2.2] major · action planned, due 2027-09-30, 92 day(s) left (line 94)'), r.stdout);
    assert.ok(lines.includes('    NC-02 [5.1.5.2] minor · overdue, due 2026-06-30, 365 day(s) past due — followed up in samples/audit/2027-监督审核报告.md: closed (line 128)'), r.stdout);
    assert.ok(lines.includes('  Follow-ups: NC-02 closed'), r.stdout);
    assert.deepEqual(
      lines.filter((l) => /^samples\/audit\//.test(l)).map((l) => l.replace(/: .*\[/, ' [')),
      [
        'samples/audit/2026-审核报告.md:131:68 [nc-overdue]',
        'samples/audit/2027-监督审核报告.md:8:11 [nc-not-followed-up]',
        'samples/audit/2027-监督审核报告.md:31:13 [item-score-dropped]',
        'samples/audit/2027-监督审核报告.md:59:13 [item-score-dropped]',
        'samples/audit/2027-监督审核报告.md:91:62 [nc-overdue]',
      ],
    );
    assert.ok(lines.includes('Problems: 0 errors, 4 warnings, 2 notes (7 files analysed: 4 manual, 3 audit reports)'), r.stdout);
    assert.ok(lines.includes('Result: pass'), r.stdout);
    assert.equal(r.stderr, '');
    assert.ok(!r.stdout.includes(ESC), 'no colour when stdout is not a TTY');
  });

  it('gives the exact values as JSON', () => {
    const r = run(['check', 'samples', ...AS_OF, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = json(r);
    assert.equal(report.asOf, '2027-06-30');
    assert.equal(report.result, 'pass');
    assert.equal(report.exitCode, 0);
    assert.deepEqual(
      {
        points: `${report.coverage.coveredPoints}/${report.coverage.totalPoints}`,
        items: `${report.coverage.coveredCount}/${report.coverage.totalCount}`,
        percent: report.coverage.percentByPoints,
        byCount: report.coverage.percentByCount,
        uncovered: report.coverage.uncovered.map((i: { id: string }) => i.id),
        root: report.coverage.root,
      },
      { points: '99/100', items: '49/50', percent: '99.00', byCount: '98.00', uncovered: ['5.1.6.4'], root: 'samples/manual/README.md' },
    );
    const byFile = new Map(report.audits.map((a) => [a.file, a]));
    const plain = byFile.get('samples/audit/2026-审核报告.md')!;
    assert.equal(plain.total, '92.00');
    assert.equal(plain.baseScore, '92.00');
    assert.equal(plain.tier.id, 'four-star');
    assert.equal(plain.tier.stars, 4);
    assert.equal(plain.scheme.id, 'gbt27922-2011');
    assert.deepEqual(plain.deductions, { count: 1, points: '1.00', limit: 5 });
    assert.equal(plain.bonus.applied, '1.00');
    assert.equal(plain.applicable, 49);
    assert.equal(plain.notApplicable, 1);
    assert.deepEqual(plain.failedGates, []);
    assert.equal(plain.next.tier.id, 'five-star');
    assert.equal(plain.next.pointsNeeded, '3.00');
    const ten = byFile.get('samples/audit/2026-十星审核报告.md')!;
    assert.equal(ten.total, '96.00');
    assert.equal(ten.scheme.id, 'ten-star');
    assert.equal(ten.tier.id, 'five-star');
    assert.deepEqual(
      ten.failedGates.map((g) => [g.tier, g.id, g.actual, g.passed]),
      [['ten-star', 'first-time-fix-rate', '88.00', false]],
    );
    assert.equal(ten.next.tier.id, 'ten-star');
    assert.equal(ten.next.pointsNeeded, '0.00');
    assert.deepEqual(ten.next.gatesNeeded.map((g) => g.id), ['first-time-fix-rate']);
    // The initial audit: four NCs, one of them followed up by the surveillance audit.
    assert.equal(plain.auditType, 'initial');
    assert.equal(plain.auditDate, '2026-03-18');
    assert.equal(plain.previous, undefined);
    assert.deepEqual(
      plain.nonconformities.map((n) => [n.id, n.clauses, n.severity, n.status, n.due, n.line, n.followedUp?.status ?? null]),
      [
        ['NC-01', ['5.1.4.2'], 'minor', 'closed', '2026-04-30', 124, null],
        ['NC-02', ['5.1.5.2'], 'minor', 'overdue', '2026-06-30', 128, 'closed'],
        ['NC-03', ['5.1.6.4'], 'minor', 'overdue', '2026-09-30', 131, null],
        ['NC-04', ['5.3.2.3'], 'observation', 'open', null, 133, null],
      ],
    );
    assert.equal(plain.openNonconformities, 1);
    // The surveillance audit: previous report, sampled scores, NCs and the follow-up.
    const surv = byFile.get('samples/audit/2027-监督审核报告.md')!;
    assert.deepEqual([surv.total, surv.baseScore, surv.tier.id, surv.auditType, surv.auditDate], ['93.57', '92.57', 'four-star', 'surveillance', '2027-03-12']);
    assert.deepEqual(surv.previous, { file: 'samples/audit/2026-审核报告.md', auditDate: '2026-03-18', total: '92.00', star: 'Four stars (四星级)', auditType: 'initial' });
    assert.deepEqual(
      surv.groupChanges.filter((g) => g.level === 1).map((g) => `${g.id} ${g.before} ${g.after} ${g.change}`),
      ['5.1 91.00 91.25 +0.25', '5.2 93.03 91.82 -1.21', '5.3 92.24 95.68 +3.44'],
    );
    assert.deepEqual(
      surv.items.filter((i) => i.sample).map((i) => [i.id, i.sample, i.percent, i.earned]),
      [
        ['5.1.2.1', { size: 20, conforming: 20 }, '100.00', '1.00'],
        ['5.2.1.2', { size: 20, conforming: 19 }, '95.00', '1.90'],
        ['5.2.4.3', { size: 20, conforming: 18 }, '90.00', '2.70'],
        ['5.3.2.2', { size: 25, conforming: 24 }, '96.00', '6.72'],
      ],
    );
    assert.deepEqual(
      surv.nonconformities.map((n) => ({ id: n.id, clauses: n.clauses, severity: n.severity, status: n.status, due: n.due, line: n.line })),
      [
        { id: 'NC-2027-01', clauses: ['5.2.3.2'], severity: 'minor', status: 'closed', due: '2027-04-15', line: 87 },
        { id: 'NC-2027-02', clauses: ['5.2.4.6'], severity: 'minor', status: 'overdue', due: '2027-04-30', line: 91 },
        { id: 'NC-2027-03', clauses: ['5.1.2.2'], severity: 'major', status: 'action-planned', due: '2027-09-30', line: 94 },
        { id: 'NC-2027-04', clauses: ['5.3.1.5'], severity: 'observation', status: 'open', due: null, line: 97 },
      ],
    );
    assert.deepEqual(surv.followUps, [{ id: 'NC-02', status: 'closed', line: 101, previous: { severity: 'minor', status: 'overdue' } }]);
    assert.equal(surv.openNonconformities, 2);
    assert.deepEqual(
      report.problems.map((p) => [p.file, p.line, p.severity, p.code, p.itemId ?? null]),
      [
        ['samples/audit/2026-审核报告.md', 131, 'warning', 'nc-overdue', null],
        ['samples/audit/2027-监督审核报告.md', 8, 'warning', 'nc-not-followed-up', null],
        ['samples/audit/2027-监督审核报告.md', 31, 'information', 'item-score-dropped', '5.1.2.2'],
        ['samples/audit/2027-监督审核报告.md', 59, 'information', 'item-score-dropped', '5.2.3.2'],
        ['samples/audit/2027-监督审核报告.md', 91, 'warning', 'nc-overdue', null],
        ['samples/manual/README.md', 7, 'warning', 'uncovered-item', '5.1.6.4'],
      ],
    );
    assert.match(report.problems[1].message, /^NC-03 of the previous report \(samples\/audit\/2026-审核报告\.md\) was not closed there and is not followed up here/);
    assert.deepEqual(report.counts, { errors: 0, warnings: 4, information: 2, hints: 0, suppressed: 0 });
    // custom-scheme/** is excluded by the config; plain Markdown files are listed as 'none'.
    assert.ok(!report.files.some((f) => f.file.startsWith('samples/custom-scheme/')));
    assert.equal(report.files.find((f) => f.file === 'samples/plain/notes.md')?.kind, 'none');
    assert.equal(report.files.find((f) => f.file === 'samples/EXPECTED.md')?.kind, 'none');
  });

  it('speaks Chinese with --locale zh (and from LANG)', () => {
    const r = run(['check', 'samples', '--locale', 'zh', ...AS_OF]);
    assert.equal(r.code, 0);
    assert.ok(r.stdout.includes('审核报告 samples/audit/2026-审核报告.md: 总分 92.00, 四星级'), r.stdout);
    assert.ok(r.stdout.includes('手册覆盖率 (gbt27922-2011): 49/50 项, 99/100 分 (99.00%)'), r.stdout);
    assert.ok(r.stdout.includes('    NC-2027-02 [5.2.4.6] 一般 · 已逾期，整改期限 2027-04-30，逾期 61 天（第 91 行）'), r.stdout);
    const fromEnv = run(['check', 'samples', ...AS_OF], { env: { LANG: 'zh_CN.UTF-8' } });
    assert.equal(fromEnv.stdout, r.stdout);
  });

  it('analyses custom-scheme/ as its own workspace with the extended scheme: 96.00, 五星级', () => {
    const r = run(['check', 'samples/custom-scheme', '-f', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const report = json(r);
    assert.equal(report.scheme.id, 'acme-extended');
    assert.equal(report.audits.length, 1);
    assert.equal(report.audits[0].total, '96.00');
    assert.equal(report.audits[0].tier.id, 'five-star');
    assert.deepEqual(report.problems, []);
  });

  it('reports the same problems, codes and words as the shared workspace analysis (server parity)', () => {
    // A workspace with many kinds of problems: analysed in-process with the server's analysis…
    const files: Record<string, string> = {
      'manual.md': '---\ntype: manual\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n\n## 空节 [5.1.2.1]\n\n## 错误 [5.9.9.9]\n\n正文。\n',
      'audit.md':
        '---\ntype: audit\n---\n# 报告\n\n- [5.1.1.1] 80% 证据：组织架构图\n- [5.1.1.2] 120% 证据：网点\n- [5.1.1.1] 90% 证据：重复\n- [5.1.2.1] 70%\n- [5.1.2.2] 4/4 证据：名册\n- [5.1.3.1] 好 证据：x\n- [5.2.5.5] 不适用\n- [扣分] 超时\n',
    };
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt27922-parity-'));
    try {
      for (const [rel, text] of Object.entries(files)) fs.writeFileSync(path.join(root, rel), text);
      const scheme = defaultScheme();
      const models: FileModel[] = Object.entries(files).map(([uri, text]) => ({ uri, model: parseDocument(text, scheme) }));
      const ws = analyzeWorkspace(models, scheme, {});
      const expected: string[] = [];
      for (const [uri, ps] of ws.problems) {
        for (const p of ps) {
          const r = renderProblem(p, 'en');
          if (r) expected.push(`${uri}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.severity} ${r.code} ${r.message}`);
        }
      }
      // What the fixture must produce, pinned (not taken from the analysis under test): every
      // problem with its line, column, severity and item; the two per-item floods by count.
      const pinned = (list: string[]) => {
        const bulk = new Map<string, number>();
        const single: string[] = [];
        for (const p of list) {
          const m = /^(\S+ \S+ (?:uncovered-item|unscored-item)) /.exec(p);
          if (m) bulk.set(m[1], (bulk.get(m[1]) ?? 0) + 1);
          else single.push(p.replace(/^(\S+ \S+ \S+ \S+) .*$/, '$1'));
        }
        return { single: single.sort(), bulk: Object.fromEntries([...bulk].sort()) };
      };
      const PINNED = {
        single: [
          'audit.md:10:13 error max-mismatch 5.1.2.2',
          'audit.md:11:3 error missing-score 5.1.3.1',
          'audit.md:12:13 error na-without-reason 5.2.5.5',
          'audit.md:7:13 error score-above-max 5.1.1.2',
          'audit.md:8:3 error duplicate-score 5.1.1.1',
          'audit.md:9:3 warning missing-evidence 5.1.2.1',
          'manual.md:10:1 warning empty-section -',
          'manual.md:12:8 error unknown-clause -',
        ],
        bulk: { 'audit.md:4:1 error unscored-item': 44, 'manual.md:4:1 warning uncovered-item': 49 },
      };
      const withItem = (uri: string, r: { range: { start: { line: number; character: number } }; severity: string; code: string; data?: { itemId?: unknown }; message: string }) =>
        `${uri}:${r.range.start.line + 1}:${r.range.start.character + 1} ${r.severity} ${r.code} ${typeof r.data?.itemId === 'string' ? r.data.itemId : '-'} ${r.message}`;
      const analysed: string[] = [];
      for (const [uri, ps] of ws.problems) for (const p of ps) analysed.push(withItem(uri, renderProblem(p, 'en')!));
      assert.deepEqual(pinned(analysed), PINNED, 'the shared analysis finds exactly the pinned problems');
      // …and by the command line.
      const r = run(['check', '.', '-f', 'json'], { cwd: root });
      assert.equal(r.code, 1, 'errors found → exit 1');
      const problems = json(r).problems;
      assert.deepEqual(pinned(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.itemId ?? '-'} ${p.message}`)), PINNED, 'the command line finds exactly the pinned problems');
      // …in the same words as the server's analysis.
      const got = problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}`);
      assert.deepEqual([...got].sort(), [...expected].sort());
      // The words are the editor's (model/problems.ts), e.g. for the unknown clause:
      const unknown = json(r).problems.find((p) => p.code === 'unknown-clause')!;
      assert.ok(unknown.message.startsWith(problemMessage('unknown-clause', { id: '5.9.9.9', scheme: 'gbt27922-2011', didYouMean: '' }, 'en').trim()), unknown.message);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('cli: parsing on worker threads (large input)', () => {
  it('gives exactly the same report as parsing on the main thread', function () {
    const plain = run(['check', 'samples', '-f', 'json', '--base', 'HEAD']);
    const pooled = run(['check', 'samples', '-f', 'json', '--base', 'HEAD'], { env: { GBT27922_WORKER_THRESHOLD: '1', GBT27922_DEBUG: '1' } });
    if (!/parsing \d+ characters on [2-9] worker threads/.test(pooled.stderr)) {
      // One core (or no dist/parseWorker.js): the pool is not used and there is nothing to compare.
      assert.match(pooled.stderr, /^$/);
      this.skip();
    }
    assert.equal(pooled.code, plain.code);
    assert.deepEqual(json(pooled), json(plain));
  });
});
