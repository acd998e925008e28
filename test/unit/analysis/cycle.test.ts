/**
 * Non-conformities against an as-of date, the scheme's ncRules, sampled scores and the
 * certification cycle (analysis/nonconformities.ts, analysis/cycle.ts), on in-memory workspaces
 * and on the samples (samples/EXPECTED.md §3, §5 as of 2027-06-30).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeAudit } from '../../../server/src/analysis/workspace';
import { analyzeCycle, MAX_CHAIN, type CycleSource, type PreviousLookup } from '../../../server/src/analysis/cycle';
import { ncStatus } from '../../../server/src/analysis/nonconformities';
import { scoreAudit } from '../../../server/src/analysis/scoring';
import { scoringInputFromModel } from '../../../server/src/analysis/scoringInput';
import { parseDocument } from '../../../server/src/model';
import { problemMessage } from '../../../server/src/model/problems';
import { defaultScheme, loadSchemeText } from '../../../server/src/scheme/loader';
import type { Scheme } from '../../../server/src/scheme/types';
import { MemoryWorkspace, uriOf } from '../features/memoryWorkspace';

const SAMPLES = join(__dirname, '..', '..', '..', 'samples');
const sample = (rel: string) => readFileSync(join(SAMPLES, rel), 'utf8');
const scheme = defaultScheme();

function audit(text: string, asOf = '2027-06-30', s: Scheme = scheme) {
  return analyzeAudit({ uri: 'r.md', model: parseDocument(text, s) }, s, { asOf });
}

const NC = (due: string, extra = '') => `---\ntype: audit\n---\n- [5.1.1.1] 80% 证据：x\n- [NC-1] [5.1.1.1] 一般：记录不全。整改期限：${due}\n${extra}`;

describe('analysis: NC status against the as-of date', () => {
  it('closed, action planned, open, overdue — due on the as-of date is not yet overdue', () => {
    const st = (text: string, asOf: string) => audit(text, asOf).ncs[0].status;
    assert.equal(st(NC('2027-06-30'), '2027-06-30'), 'open');
    assert.equal(st(NC('2027-06-29'), '2027-06-30'), 'overdue');
    assert.equal(st(NC('2027-06-30', '  - 纠正措施：补记录\n'), '2027-06-30'), 'action-planned');
    assert.equal(st(NC('2027-06-01', '  - 纠正措施：补记录\n  - 验证：2027-06-20 已关闭\n'), '2030-01-01'), 'closed');
    assert.equal(st(NC('2027-06-01', '  - 纠正措施：补记录\n  - 验证：2027-06-20 未关闭\n'), '2030-01-01'), 'overdue');
    const a = audit(NC('2027-06-20'), '2027-06-30');
    assert.equal(a.ncs[0].daysToDue, -10);
    assert.deepEqual(a.problems.filter((p) => p.code === 'nc-overdue').map((p) => p.args), [{ id: 'NC-1', due: '2027-06-20', days: 10, asOf: '2027-06-30' }]);
    assert.equal(audit(NC('2027-07-05'), '2027-06-30').ncs[0].daysToDue, 5);
    assert.equal(ncStatus(a.ncs[0].nc, '2027-06-19'), 'open');
  });

  it('counts by severity and status; what --max-open-nc counts (observations left out)', () => {
    const text = `---\ntype: audit\n---\n- [5.1.1.1] 80% 证据：x\n- [NC-1] [5.1.1.1] 严重：a。整改期限：2027-01-01\n  - 纠正措施：b\n- [NC-2] [5.1.1.1] 一般：c。整改期限：2028-01-01\n- [NC-3] [5.1.1.1] 观察项：d\n- [NC-4] [5.1.1.1] 一般：e。整改期限：2027-01-01\n  - 纠正措施：f\n  - 验证：2026-12-01 已关闭\n`;
    const a = audit(text);
    assert.deepEqual(a.ncCounts.bySeverity, { major: 1, minor: 2, observation: 1, unknown: 0 });
    assert.deepEqual(a.ncCounts.byStatus, { overdue: 1, open: 2, 'action-planned': 0, closed: 1 });
    assert.deepEqual(a.open.map((n) => `${n.id} ${n.severity} ${n.status}`), ['NC-1 major overdue', 'NC-2 minor open']);
  });

  it('nc-full-score: a major or minor NC on an item scored 100 % (not an observation)', () => {
    const text = `---\ntype: audit\n---\n- [5.1.1.1] 100% 证据：x\n- [5.1.1.2] 3/3 证据：y\n- [NC-1] [5.1.1.1] 一般：a。整改期限：2028-01-01\n  - 纠正措施：b\n- [NC-2] [5.1.1.2] 观察项：c\n`;
    const p = audit(text).problems.filter((x) => x.code === 'nc-full-score');
    assert.deepEqual(p.map((x) => [x.args.item, x.args.id, x.range.start.line]), [['5.1.1.1', 'NC-1', 5]]);
    assert.equal(problemMessage(p[0].code, p[0].args, 'zh'), '5.1.1.1 评为满分，但存在一般不符合项 NC-1。');
  });
});

describe('analysis: sampled scores and the scheme\'s ncRules', () => {
  it('18 of 20 conforming is exactly 90 % of the item\'s points', () => {
    const a = audit('---\ntype: audit\n---\n- [5.2.4.3] 抽查 20 份，合格 18 份 证据：x\n- [5.3.2.2] 抽查 7 份，合格 6 份 证据：y\n');
    const r = a.score.items.find((x) => x.item.id === '5.2.4.3')!;
    assert.equal(r.percent!.toScore(), '90.00');
    assert.equal(r.earned.toScore(), '2.70');
    assert.deepEqual(r.sample, { size: 20, conforming: 18 });
    // 6/7 of 7 points is exactly 6 points, no rounding on the way.
    assert.equal(a.score.items.find((x) => x.item.id === '5.3.2.2')!.earned.toScore(10), '6.0000000000');
  });

  it('ncRules off in the built-in scheme; a scheme that sets them caps items and blocks any star', () => {
    assert.equal(scheme.ncRules, undefined);
    assert.equal(scheme.surveillanceMonths, 12);
    const loaded = loadSchemeText(JSON.stringify({ id: 'strict', extends: 'gbt27922-2011', ncRules: { itemCapPercent: { major: 60, minor: 90 }, majorBlocksStarAt: 1 }, surveillanceMonths: 6 }), 'strict.json');
    assert.ok(loaded.ok);
    const strict = loaded.scheme;
    assert.deepEqual([strict.ncRules, strict.surveillanceMonths], [{ itemCapPercent: { major: 60, minor: 90 }, majorBlocksStarAt: 1 }, 6]);
    const text = sample('audit/2027-监督审核报告.md');
    const plain = audit(text, '2027-06-30', scheme);
    const capped = audit(text, '2027-06-30', strict);
    // NC-2027-03 (major) on 5.1.2.2 scored 60 %: the cap changes nothing; NC-2027-01 (minor) on
    // 5.2.3.2 scored 80 %: no change; NC-2027-02 (minor) on 5.2.4.6 scored 70 %: none either.
    assert.equal(capped.score.baseScore.toScore(6), plain.score.baseScore.toScore(6));
    assert.equal(capped.score.verdict, 'blocked-by-nc');
    assert.equal(capped.score.tier, undefined);
    assert.equal(capped.score.next, undefined);
    const block = capped.problems.find((p) => p.code === 'nc-blocks-star')!;
    assert.deepEqual(block.args, { count: 1, ids: 'NC-2027-03', limit: 1, scheme: 'strict' });
    // A cap that bites: 5.2.3.2 written as 100 % with a minor NC counts 90 %.
    const bitten = audit(text.replace('- [5.2.3.2] 80% ', '- [5.2.3.2] 100% '), '2027-06-30', strict);
    const r = bitten.score.items.find((x) => x.item.id === '5.2.3.2')!;
    assert.deepEqual([r.cappedFrom!.toScore(), r.percent!.toScore(), r.earned.toScore()], ['100.00', '90.00', '2.70']);
    assert.deepEqual(bitten.problems.filter((p) => p.code === 'nc-item-capped').map((p) => p.args.item), ['5.2.3.2']);
    assert.ok(bitten.problems.some((p) => p.code === 'nc-full-score' && p.args.item === '5.2.3.2'), 'scored 100 % as written');
    // Closing the major NC lifts the block.
    const closed = audit(text.replace('  - 纠正措施：2027 年 6 月前安排 3 人参加售后服务管理师培训并取证', '  - 纠正措施：培训取证\n  - 验证：2027-06-01 已关闭'), '2027-06-30', strict);
    assert.equal(closed.score.verdict, 'tier');
    // An extending scheme inherits the rules and may override one of them.
    const child = loadSchemeText(JSON.stringify({ id: 'child', extends: 'strict.json', ncRules: { majorBlocksStarAt: 3 } }), 'child.json', { readFile: () => JSON.stringify({ id: 'strict', extends: 'gbt27922-2011', ncRules: { itemCapPercent: { major: 60 }, majorBlocksStarAt: 1 } }), resolvePath: (_f, r) => r });
    assert.ok(child.ok);
    assert.deepEqual(child.scheme.ncRules, { itemCapPercent: { major: 60 }, majorBlocksStarAt: 3 });
    const bad = loadSchemeText(JSON.stringify({ id: 'bad', extends: 'gbt27922-2011', ncRules: { itemCapPercent: { major: 160 }, blockAll: true }, surveillanceMonths: 0 }), 'bad.json');
    assert.ok(!bad.ok);
    assert.deepEqual(bad.problems.map((p) => `${p.path}: ${p.message}`).sort(), [
      '/ncRules/itemCapPercent/major: must be <= 100',
      '/ncRules: unknown property "blockAll"',
      '/surveillanceMonths: must be >= 1',
    ]);
  });
});

/** A cycle source over texts by name (as the server's and the CLI's are over files). */
function source(texts: Record<string, string>, s: Scheme = scheme): CycleSource & { reads: number } {
  const models = new Map(Object.entries(texts).map(([k, t]) => [k, parseDocument(t, s)]));
  const src = {
    reads: 0,
    name: (uri: string) => uri,
    previous(from: string, target: string): PreviousLookup {
      src.reads++;
      const m = models.get(target);
      if (!m) return { kind: 'unreadable', uri: target, detail: 'no such file', detailZh: '文件不存在' };
      return m.kind === 'audit' ? { kind: 'report', report: { uri: target, model: m, scheme: s } } : { kind: 'not-audit', uri: target };
    },
  };
  return src;
}

function cycleOf(texts: Record<string, string>, head: string, asOf = '2030-01-01') {
  const src = source(texts);
  const model = parseDocument(texts[head], scheme);
  const score = scoreAudit(scheme, scoringInputFromModel(model, scheme));
  return { cycle: analyzeCycle({ uri: head, model, scheme }, score, [], src, asOf), src };
}

const R = (date: string, previous?: string, body = '- [5.1.1.1] 80% 证据：x\n') => `---\ntype: audit\nauditDate: ${date}\n${previous ? `previous: ${previous}\n` : ''}---\n# R\n\n${body}`;

describe('analysis: the previous: chain never hangs', () => {
  it('a loop of two and a report naming itself: previous-loop with the chain, one lookup per report', () => {
    const { cycle, src } = cycleOf({ a: R('2027-01-01', 'b'), b: R('2026-01-01', 'a') }, 'a');
    assert.equal(cycle.broken, 'loop');
    assert.deepEqual(cycle.problems.map((p) => [p.code, p.args.chain, p.range.start.line]), [['previous-loop', 'a → b → a', 3]]);
    assert.equal(src.reads, 2);
    assert.deepEqual(cycle.chain.map((e) => e.uri), ['b', 'a']);
    const self = cycleOf({ s: R('2027-01-01', 's') }, 's');
    assert.deepEqual(self.cycle.problems.map((p) => [p.code, p.args.chain]), [['previous-loop', 's → s']]);
    assert.deepEqual(self.cycle.chain.map((e) => e.uri), ['s']);
    // A loop further back (a → b → c → b) stops the walk as well.
    const deep = cycleOf({ a: R('2028-01-01', 'b'), b: R('2027-01-01', 'c'), c: R('2026-01-01', 'b') }, 'a');
    assert.deepEqual(deep.cycle.problems.map((p) => [p.code, p.args.chain]), [['previous-loop', 'a → b → c → b']]);
  });

  it(`a chain of 50 reports is walked whole, oldest first; one of ${MAX_CHAIN + 20} stops at ${MAX_CHAIN} with a warning`, () => {
    const texts: Record<string, string> = {};
    for (let i = 0; i < 50; i++) texts[`r${i}`] = R(`${2000 + i}-01-01`, i ? `r${i - 1}` : undefined);
    const { cycle } = cycleOf(texts, 'r49');
    assert.equal(cycle.chain.length, 50);
    assert.deepEqual([cycle.chain[0].uri, cycle.chain[49].uri, cycle.broken], ['r0', 'r49', undefined]);
    assert.deepEqual(cycle.problems, [], 'exactly 12 months apart is not late');
    const late = cycleOf({ ...texts, r50: R('2050-01-02', 'r49') }, 'r50');
    assert.deepEqual(late.cycle.problems.map((p) => [p.code, p.args.months]), [['surveillance-late', '12 months and 1 day(s)']]);
    const long: Record<string, string> = {};
    for (let i = 0; i < MAX_CHAIN + 20; i++) long[`r${i}`] = R('2030-01-01', i ? `r${i - 1}` : undefined);
    const far = cycleOf(long, `r${MAX_CHAIN + 19}`);
    assert.equal(far.cycle.chain.length, MAX_CHAIN + 1);
    assert.equal(far.cycle.broken, 'limit');
    assert.equal(far.src.reads, MAX_CHAIN);
    assert.deepEqual(far.cycle.problems.map((p) => p.code), ['previous-chain-too-long', 'previous-not-earlier']);
  });

  it('missing and non-audit previous reports: a clear error on the head only', () => {
    const missing = cycleOf({ a: R('2027-01-01', 'gone') }, 'a');
    assert.deepEqual(missing.cycle.problems.map((p) => [p.code, problemMessage(p.code, p.args, 'en')]), [['previous-not-found', 'The previous report "gone" cannot be read: no such file.']]);
    assert.equal(missing.cycle.previous, undefined);
    const manual = cycleOf({ a: R('2027-01-01', 'm'), m: '---\ntype: manual\n---\n# 手册\n\n## 组织 [5.1.1.1]\n\n内容。\n' }, 'a');
    assert.deepEqual(manual.cycle.problems.map((p) => p.code), ['previous-not-audit']);
    // b's own previous is missing: a's chain stops there, and only b reports it.
    const further = cycleOf({ a: R('2027-01-01', 'b'), b: R('2026-06-01', 'gone') }, 'a');
    assert.deepEqual([further.cycle.broken, further.cycle.problems.map((p) => p.code)], ['unreadable', []]);
    assert.deepEqual(further.cycle.chain.map((e) => e.uri), ['b', 'a']);
  });
});

describe('analysis: the samples\' cycle (samples/EXPECTED.md §5, as of 2027-06-30)', () => {
  const ws = new MemoryWorkspace({ 'audit/2026-审核报告.md': sample('audit/2026-审核报告.md'), 'audit/2027-监督审核报告.md': sample('audit/2027-监督审核报告.md') });
  const initial = ws.audit(uriOf('audit/2026-审核报告.md'))!;
  const surv = ws.audit(uriOf('audit/2027-监督审核报告.md'))!;

  it('the surveillance audit: previous total, star and date; per-group change; the items that fell 20 points', () => {
    const c = surv.cycle!;
    assert.equal(surv.score.total.toScore(), '93.57');
    assert.deepEqual([c.previous!.name, c.previous!.auditDate, c.previous!.score.total.toScore(), c.previous!.score.tier!.id], ['audit/2026-审核报告.md', '2026-03-18', '92.00', 'four-star']);
    assert.deepEqual(
      c.groupChanges.filter((g) => g.id.split('.').length === 2).map((g) => `${g.id} ${g.before.toScore()} ${g.after.toScore()}`),
      ['5.1 91.00 91.25', '5.2 93.03 91.82', '5.3 92.24 95.68'],
    );
    assert.deepEqual(surv.problems.filter((p) => p.code === 'item-score-dropped').map((p) => `${p.args.id} ${p.args.before}→${p.args.after} line ${p.range.start.line + 1}`), ['5.1.2.2 80.00→60.00 line 31', '5.2.3.2 100.00→80.00 line 59']);
  });

  it('one NC closed, one followed up, one overdue, one not followed up', () => {
    assert.deepEqual(surv.ncs.map((s) => `${s.nc.id} ${s.status}`), ['NC-2027-01 closed', 'NC-2027-02 overdue', 'NC-2027-03 action-planned', 'NC-2027-04 open']);
    assert.deepEqual(surv.cycle!.followUps.map((f) => `${f.followUp.id} ${f.followUp.status} ← ${f.nc?.nc.severity} ${f.nc?.status}`), ['NC-02 closed ← minor overdue']);
    assert.deepEqual(surv.cycle!.notFollowedUp.map((s) => s.nc.id), ['NC-03']);
    const nf = surv.problems.find((p) => p.code === 'nc-not-followed-up')!;
    assert.equal(nf.range.start.line + 1, 8, 'on the previous: line');
    assert.equal(problemMessage(nf.code, nf.args, 'zh'), '上次报告（audit/2026-审核报告.md）的 NC-03 未关闭，本报告未跟踪：请添加“[跟踪 NC-03]”并写明状态。');
    assert.deepEqual(surv.problems.map((p) => p.code).sort(), ['item-score-dropped', 'item-score-dropped', 'nc-not-followed-up', 'nc-overdue']);
  });

  it('the initial audit: NC-02 followed up by the surveillance audit is no longer reported overdue there; NC-03 is', () => {
    assert.deepEqual(initial.ncs.map((s) => `${s.nc.id} ${s.status} ${s.followedUp ? `→ ${s.followedUp.status}` : ''}`.trim()), ['NC-01 closed', 'NC-02 overdue → closed', 'NC-03 overdue', 'NC-04 open']);
    assert.deepEqual(initial.problems.map((p) => `${p.code} ${p.args.id}`), ['nc-overdue NC-03']);
    assert.deepEqual(initial.open.map((n) => n.id), ['NC-03']);
    assert.deepEqual(surv.open.map((n) => n.id), ['NC-2027-02', 'NC-2027-03']);
  });

  it('the trend: oldest first, with the open NCs each report still tracks', () => {
    assert.deepEqual(
      surv.cycle!.chain.map((e) => [e.name, e.auditType, e.auditDate, e.score.total.toScore(), e.open.map((n) => n.id)]),
      [
        ['audit/2026-审核报告.md', 'initial', '2026-03-18', '92.00', ['NC-03']],
        ['audit/2027-监督审核报告.md', 'surveillance', '2027-03-12', '93.57', ['NC-2027-02', 'NC-2027-03']],
      ],
    );
  });
});
