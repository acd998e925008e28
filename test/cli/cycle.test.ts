/**
 * The certification cycle on the command line: `score` and `history` of the samples' surveillance
 * audit (samples/EXPECTED.md §5, as of 2027-06-30), and every way a `previous:` chain can go
 * wrong — a loop, a report naming itself, a missing or non-audit file, one outside the workspace
 * or behind a symlink, a chain of 50 reports and one longer than the limit — each with a clear
 * message and in bounded time.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HistoryReport } from '../../server/src/cli/commands/history';
import type { ScoreReport } from '../../server/src/cli/commands/score';
import { MAX_CHAIN } from '../../server/src/analysis/cycle';
import { json, makeTree, removeTree, run } from './helpers';

const SURVEILLANCE = 'samples/audit/2027-监督审核报告.md';
const AS_OF = ['--as-of', '2027-06-30'];

/** An audit report of one scored item with a date and a previous report. */
function report(date: string, previous?: string, extra = ''): string {
  return `---\ntype: audit\nauditType: surveillance\nauditDate: ${date}\n${previous ? `previous: ${previous}\n` : ''}---\n# 报告 ${date}\n\n- [5.1.1.1] 80% 证据：组织架构图\n${extra}`;
}

describe('cli: the certification cycle (samples/EXPECTED.md §5)', () => {
  it('score <surveillance report>: the previous audit, per-group change, NCs and follow-ups, reading the previous report itself', () => {
    const r = run(['score', SURVEILLANCE, ...AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.ok(lines.includes('Total: 93.57 — Four stars (四星级)'), r.stdout);
    assert.ok(lines.includes('Previous audit: samples/audit/2026-审核报告.md (2026-03-18): 92.00, Four stars (四星级) → 93.57 (+1.57)'), r.stdout);
    assert.ok(lines.includes('Non-conformities (4):'), r.stdout);
    assert.ok(lines.includes('  NC-2027-01 [5.2.3.2] minor · closed, due 2027-04-15 (line 87)'), r.stdout);
    assert.ok(lines.includes('Follow-ups: NC-02 closed'), r.stdout);
    assert.match(r.stdout, /^samples\/audit\/2027-监督审核报告\.md:8:11: warning: NC-03 of the previous report .*\[nc-not-followed-up\]$/m);
    const s = json<ScoreReport>(run(['score', SURVEILLANCE, ...AS_OF, '-f', 'json']));
    assert.equal(s.asOf, '2027-06-30');
    assert.deepEqual(s.audit.previous, { file: 'samples/audit/2026-审核报告.md', auditDate: '2026-03-18', total: '92.00', star: 'Four stars (四星级)', auditType: 'initial' });
    assert.deepEqual(Object.keys(s.audit.nonconformities[0]).slice(0, 6), ['id', 'clauses', 'severity', 'status', 'due', 'line']);
    const md = run(['score', SURVEILLANCE, ...AS_OF, '-f', 'markdown', '--locale', 'zh']).stdout;
    assert.ok(md.includes('| NC-2027-02 | 5.2.4.6 | 一般 | 已逾期 | 2027-04-30 | 网点层面仍未储备代用机，抽查 3 家网点均无代用机台账。 |'), md);
    // As of the audit day nothing of it is overdue yet; the initial report's NC-03 already was.
    const early = json<ScoreReport>(run(['score', SURVEILLANCE, '--as-of', '2027-03-12', '-f', 'json']));
    assert.deepEqual(early.audit.nonconformities.map((n) => n.status), ['closed', 'action-planned', 'action-planned', 'open']);
    assert.deepEqual(early.problems.map((p) => p.code), ['nc-not-followed-up', 'item-score-dropped', 'item-score-dropped']);
  });

  it('--fail-on-major-nc and --max-open-nc on score', () => {
    const r = run(['score', SURVEILLANCE, ...AS_OF, '--fail-on-major-nc', '--max-open-nc', '2']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^ {2}✗ samples\/audit\/2027-监督审核报告\.md: 1 major non-conformity\(ies\) not closed \(NC-2027-03\) \(must be 0\)$/m);
    assert.match(r.stdout, /^ {2}✓ samples\/audit\/2027-监督审核报告\.md: 2 non-conformity\(ies\) not closed \(NC-2027-02, NC-2027-03\) \(at most 2\)$/m);
  });

  it('history: the chain oldest first with date, type, total, star and open NCs (text, JSON, Markdown)', () => {
    const zh = run(['history', SURVEILLANCE, ...AS_OF, '--locale', 'zh']);
    assert.equal(zh.code, 0, zh.stderr);
    assert.deepEqual(zh.stdout.split('\n'), [
      '认证周期: samples/audit/2027-监督审核报告.md (截至 2027-06-30)',
      '',
      '审核日期    审核类型  总分   星级    未关闭不符合项              报告',
      '2026-03-18  初次认证  92.00  四星级  1 (NC-03)                   samples/audit/2026-审核报告.md',
      '2027-03-12  监督审核  93.57  四星级  2 (NC-2027-02, NC-2027-03)  samples/audit/2027-监督审核报告.md',
      '',
    ]);
    const h = json<HistoryReport>(run(['history', SURVEILLANCE, ...AS_OF, '-f', 'json']));
    assert.deepEqual(
      h.chain.map((e) => [e.file, e.auditDate, e.auditType, e.total, e.tier, e.openNonconformities, e.nonconformities]),
      [
        ['samples/audit/2026-审核报告.md', '2026-03-18', 'initial', '92.00', 'four-star', ['NC-03'], 4],
        ['samples/audit/2027-监督审核报告.md', '2027-03-12', 'surveillance', '93.57', 'four-star', ['NC-2027-02', 'NC-2027-03'], 4],
      ],
    );
    assert.equal(h.broken, undefined);
    const md = run(['history', SURVEILLANCE, ...AS_OF, '-f', 'markdown']).stdout.split('\n');
    assert.ok(md.includes('| 2027-03-12 | surveillance | 93.57 | Four stars (四星级) | 2 (NC-2027-02, NC-2027-03) | samples/audit/2027-监督审核报告.md |'), md.join('\n'));
    const first = json<HistoryReport>(run(['history', 'samples/audit/2026-审核报告.md', ...AS_OF, '-f', 'json']));
    assert.deepEqual(first.chain.map((e) => e.file), ['samples/audit/2026-审核报告.md']);
  });
});

describe('cli: previous: chains that go wrong (never hang, always say why)', () => {
  let root: string;
  afterEach(() => {
    if (root) removeTree(root);
  });

  const check = (paths: string[] = ['.']) => {
    const started = Date.now();
    const r = run(['check', ...paths, '-f', 'json', '--as-of', '2030-01-01'], { cwd: root });
    return { r, ms: Date.now() - started, report: json(r) };
  };
  // Each of these one-item reports also has 49 unscored items: those are not what is tested here.
  const cycleProblems = (report: ReturnType<typeof check>['report'], file: string) => report.problems.filter((p) => p.file === file && p.code !== 'unscored-item');
  const codesOf = (report: ReturnType<typeof check>['report'], file: string) => cycleProblems(report, file).map((p) => `${p.line} ${p.code}`);

  it('a loop of two, a report naming itself: previous-loop on each, with the chain', () => {
    root = makeTree({ 'a.md': report('2027-01-10', 'b.md'), 'b.md': report('2026-01-10', 'a.md'), 'self.md': report('2026-05-01', './self.md') });
    const { r, report: out } = check();
    assert.equal(r.code, 1, 'a loop is an error');
    assert.deepEqual(codesOf(out, 'a.md'), ['5 previous-loop']);
    assert.deepEqual(codesOf(out, 'self.md'), ['5 previous-loop']);
    assert.equal(cycleProblems(out, 'a.md')[0].message, 'The chain of previous reports loops: a.md → b.md → a.md.');
    // b.md (2026) also names a later report as its previous one.
    assert.deepEqual(codesOf(out, 'b.md'), ['4 previous-not-earlier', '5 previous-loop']);
    assert.equal(cycleProblems(out, 'b.md')[1].message, 'The chain of previous reports loops: b.md → a.md → b.md.');
    assert.equal(cycleProblems(out, 'self.md')[0].message, 'The chain of previous reports loops: self.md → self.md.');
    const h = json<HistoryReport>(run(['history', 'a.md', '-f', 'json'], { cwd: root }));
    assert.deepEqual(h.chain.map((e) => e.file), ['b.md', 'a.md']);
    assert.equal(h.broken?.reason, 'loop');
  });

  it('a missing file, a manual, a file outside the workspace, a symlink out of it: each named with the reason', () => {
    const outside = makeTree({ 'old.md': report('2025-01-01') });
    try {
      root = makeTree({
        'gbt27922.config.json': '{}',
        'missing.md': report('2027-01-10', 'gone/2026.md'),
        'manual-prev.md': report('2027-01-10', 'manual.md'),
        'manual.md': '---\ntype: manual\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n设立售后服务部门。\n',
        'outside.md': report('2027-01-10', `../${path.basename(outside)}/old.md`),
        'linked.md': report('2027-01-10', 'link.md'),
      });
      fs.symlinkSync(path.join(outside, 'old.md'), path.join(root, 'link.md'));
      // link.md itself is not among the files checked: only as linked.md's previous report is it looked at.
      const { report: out } = check(['linked.md', 'missing.md', 'manual-prev.md', 'outside.md', 'manual.md']);
      const msg = (file: string) => cycleProblems(out, file)[0].message;
      assert.equal(msg('missing.md'), 'The previous report "gone/2026.md" cannot be read: no such file.');
      assert.equal(msg('manual-prev.md'), '"manual.md" is not an audit report (no scored entries and no "type: audit").');
      assert.equal(msg('outside.md'), `The previous report "../${path.basename(outside)}/old.md" cannot be read: it is outside the workspace, and is not read.`);
      assert.equal(msg('linked.md'), 'The previous report "link.md" cannot be read: it leads outside the workspace, and is not read.');
    } finally {
      removeTree(outside);
    }
  });

  it(`a chain of 50 reports: history lists all 50 oldest first, quickly; past ${MAX_CHAIN} the chain stops with a warning`, () => {
    const files: Record<string, string> = {};
    const day = (i: number) => `20${String(30 + Math.floor(i / 12)).padStart(2, '0')}-${String((i % 12) + 1).padStart(2, '0')}-15`;
    for (let i = 0; i < 50; i++) files[`r${String(i).padStart(3, '0')}.md`] = report(day(i), i > 0 ? `r${String(i - 1).padStart(3, '0')}.md` : undefined);
    root = makeTree(files);
    const started = Date.now();
    const h = json<HistoryReport>(run(['history', 'r049.md', '-f', 'json'], { cwd: root }));
    assert.ok(Date.now() - started < 20_000, `history took ${Date.now() - started} ms`);
    assert.equal(h.chain.length, 50);
    assert.equal(h.chain[0].file, 'r000.md');
    assert.equal(h.chain[49].file, 'r049.md');
    assert.equal(h.broken, undefined);
    const { report: out, ms } = check();
    assert.ok(ms < 30_000, `check of 50 linked reports took ${ms} ms`);
    assert.deepEqual(out.problems.filter((p) => /^(previous|surveillance)/.test(p.code)), [], 'monthly audits are never late, and no chain is broken');
    removeTree(root);
    const long: Record<string, string> = {};
    for (let i = 0; i < MAX_CHAIN + 5; i++) long[`r${String(i).padStart(3, '0')}.md`] = report('2030-01-01', i > 0 ? `r${String(i - 1).padStart(3, '0')}.md` : undefined);
    root = makeTree(long);
    const far = json<HistoryReport>(run(['history', `r${MAX_CHAIN + 4}.md`, '-f', 'json'], { cwd: root }));
    assert.equal(far.chain.length, MAX_CHAIN + 1);
    assert.equal(far.broken?.reason, 'limit');
    assert.equal(far.broken?.message, `The chain of previous reports is longer than ${MAX_CHAIN}: older reports are not read.`);
  });

  it('surveillance-late past the scheme\'s 12 months; previous-not-earlier; a follow-up of an NC the previous report does not have', () => {
    root = makeTree({
      'y2026.md': report('2026-01-10', undefined, '- [NC-1] [5.1.1.1] 一般：x。整改期限：2026-02-01\n  - 纠正措施：y\n'),
      'y2027.md': report('2027-01-11', 'y2026.md', '- [跟踪 NC-1] 已关闭\n- [跟踪 NC-7] 已关闭\n'),
      'back.md': report('2025-12-31', 'y2026.md', '- [跟踪 NC-1] 整改中\n'),
    });
    const { report: out } = check();
    assert.deepEqual(codesOf(out, 'y2027.md'), ['4 surveillance-late', '11 follow-up-unknown-nc']);
    assert.equal(out.problems.find((p) => p.code === 'surveillance-late')!.message, '12 months and 1 day(s) between the previous audit (2026-01-10) and this one (2027-01-11): scheme gbt27922-2011 expects an audit at least every 12 months.');
    assert.deepEqual(codesOf(out, 'back.md'), ['4 previous-not-earlier']);
    // NC-1 is followed up by two later reports: the first one (in path order) is shown; it is not overdue any more.
    assert.deepEqual(codesOf(out, 'y2026.md'), []);
  });
});
