import * as assert from 'node:assert/strict';
import { buildViewModel, barPercentOf, documentNameOf, isKnownLink, linksOf, starsOf, statusOf } from '../../../client/src/panel/viewModel';
import { auditPayload, manualPayload, MANUAL_URI, REPORT_URI } from './payloads';

describe('panel view model', () => {
  it('keeps the server’s exact numbers and names for an audit report', () => {
    const vm = buildViewModel(auditPayload());
    assert.equal(vm.kind, 'audit');
    assert.equal(vm.documentName, '审核报告.md');
    assert.equal(vm.organisation, '某某电器有限公司');
    assert.equal(vm.locale, 'zh');
    const a = vm.audit!;
    assert.equal(a.total, '86.25');
    assert.equal(a.baseScore, '86.25');
    assert.equal(a.tierName, '三星级');
    assert.equal(a.verdictText, '三星级');
    assert.deepEqual(a.next, { tierName: '四星级', stars: 4, pointsNeeded: '3.75', gatesNeeded: [] });
    assert.deepEqual(
      a.groups.map((g) => [g.id, g.level, g.value, g.max, g.percentText, g.barPercent]),
      [
        ['5.1', 1, '34.5', '40', '86.25', 86.25],
        ['5.1.1', 2, '6', '6', '100', 100],
        ['5.2', 1, '30', '35', '85.71', 85.71],
        ['5.3', 1, '21.75', '25', '87', 87],
      ],
    );
    assert.equal(a.scoredCount, 47);
    assert.equal(a.applicableCount, 48);
    assert.equal(a.unscored[0].id, '5.1.6.4');
    assert.deepEqual(a.unscored[0].link, { uri: REPORT_URI, range: { start: { line: 40, character: 0 }, end: { line: 40, character: 12 } } });
  });

  it('draws the tier’s stars out of five', () => {
    assert.equal(buildViewModel(auditPayload()).audit!.stars.text, '★★★☆☆');
    const p = auditPayload();
    p.audit!.tier = { id: 'qualified', name: '达标级', stars: 2, minScore: 70 };
    p.audit!.verdictText = '达标级';
    const s = buildViewModel(p).audit!.stars;
    assert.deepEqual([s.filled, s.max, s.text], [2, 5, '★★☆☆☆']);
    const five = starsOf({ id: 'five', name: '五星级', stars: 5, minScore: 95 }, undefined);
    assert.equal(five.text, '★★★★★');
  });

  it('draws more slots when the scheme has more tiers (ten-star)', () => {
    const s = starsOf({ id: 'five', name: '五星级', stars: 5, minScore: 95 }, { id: 'ten', name: '十星级', stars: 10, minScore: 95 });
    assert.deepEqual([s.filled, s.max], [5, 10]);
    assert.equal(s.text, '★★★★★☆☆☆☆☆');
  });

  it('shows no stars below the threshold or when deductions fail the report', () => {
    const below = auditPayload();
    below.audit!.verdict = 'below-threshold';
    below.audit!.tier = undefined;
    below.audit!.verdictText = '未达标';
    below.audit!.next = { tier: { id: 'qualified', name: '达标级', stars: 2, minScore: 70 }, pointsNeeded: '4.5', gatesNeeded: [] };
    const b = buildViewModel(below).audit!;
    assert.equal(b.stars.text, '☆☆☆☆☆');
    assert.equal(b.tierName, undefined);
    const failed = auditPayload();
    failed.audit!.verdict = 'failed-deductions';
    failed.audit!.verdictText = '不通过';
    failed.audit!.deductions = { count: 6, points: '6', limit: 5, overLimit: true };
    const f = buildViewModel(failed).audit!;
    assert.equal(f.stars.filled, 0);
    assert.equal(f.tierName, undefined, 'a tier sent along with a failed verdict is not shown');
    assert.equal(f.deductions.overLimit, true);
  });

  it('lists gates with unentered metrics as a dash', () => {
    const p = auditPayload();
    const gate = { tier: '五星级', id: 'characteristics', description: '服务特性测评 ≥ 95', metric: 'characteristics', min: 95, passed: false };
    p.audit!.gates = [gate, { ...gate, id: 'total', description: 'total', metric: 'total', min: 95, actual: '96', passed: true }];
    p.audit!.failedGates = [gate];
    const a = buildViewModel(p).audit!;
    assert.deepEqual(a.gates.map((g) => [g.actual, g.entered, g.passed, g.min]), [['—', false, false, '95'], ['96', true, true, '95']]);
    assert.equal(a.failedGates.length, 1);
  });

  it('covers a manual by points, with the uncovered list navigable', () => {
    const vm = buildViewModel(manualPayload());
    assert.equal(vm.kind, 'manual');
    const m = vm.manual!;
    assert.equal(m.percentByPoints, '99');
    assert.equal(m.barPercent, 99);
    assert.deepEqual(m.uncovered.map((i) => i.id), ['5.1.6.4']);
    assert.equal(m.root, 'samples/manual/index.md');
    assert.deepEqual(linksOf(vm), [m.uncovered[0].link]);
  });

  it('falls back to the document itself when an item has no location', () => {
    const p = manualPayload();
    delete p.manual!.uncovered[0].location;
    const link = buildViewModel(p).manual!.uncovered[0].link;
    assert.deepEqual(link, { uri: MANUAL_URI, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
  });

  it('handles the empty state, non-documents and a kind without its body', () => {
    assert.equal(buildViewModel(undefined).kind, 'empty');
    assert.equal(buildViewModel(manualPayload({ kind: 'none', manual: undefined })).kind, 'none');
    assert.equal(buildViewModel(auditPayload({ audit: undefined })).kind, 'none');
  });

  it('never trusts a percentage for a bar width', () => {
    assert.equal(barPercentOf('42.5'), 42.5);
    assert.equal(barPercentOf('150'), 100);
    assert.equal(barPercentOf('-3'), 0);
    assert.equal(barPercentOf('"><script>'), 0);
    assert.equal(barPercentOf(undefined), 0);
    assert.equal(barPercentOf('NaN'), 0);
  });

  it('opens only places it shows', () => {
    const vm = buildViewModel(auditPayload());
    const link = vm.audit!.unscored[0].link;
    assert.equal(isKnownLink(vm, link), true);
    assert.equal(isKnownLink(vm, { uri: 'file:///etc/passwd', range: link.range }), false);
    assert.equal(isKnownLink(vm, { uri: link.uri, range: { ...link.range, start: { line: 1, character: 0 } } }), false);
    assert.equal(isKnownLink(vm, { uri: link.uri }), false);
    assert.equal(isKnownLink(vm, { uri: 42, range: link.range }), false);
  });

  it('NC rows, follow-ups, not-followed-up NCs and the trend: words from the l10n bundle, links the panel may open', () => {
    const vm = buildViewModel(auditPayload());
    const n = vm.audit!.ncs;
    assert.deepEqual(n.bySeverity.map((s) => `${s.text} ${s.count}`), ['major 1', 'minor 1', 'observation 0']);
    assert.deepEqual(n.rows.map((r) => [r.id, r.severityText, r.statusText, r.clauses, r.dueText]), [
      ['NC-01', 'minor', 'closed', '5.2.3.2', 'due 2027-04-30'],
      ['NC-02', 'major', 'overdue', '5.1.2.2', 'due 2027-05-31 (30 days past due)'],
    ]);
    const c = vm.audit!.cycle;
    assert.deepEqual(c.trend.map((t) => [t.auditDate, t.auditTypeText, t.total, t.openNcs, t.current]), [
      ['2026-03-18', '初次认证', '84.00', 1, false],
      ['2027-03-20', '监督审核', '86.25', 1, true],
    ]);
    assert.equal(c.previous!.change, '+2.25');
    for (const link of [n.rows[1].link, n.followUps[0].link, n.notFollowedUp[0].link, c.trend[0].link]) assert.equal(isKnownLink(vm, link), true, JSON.stringify(link));
    assert.equal(isKnownLink(vm, { uri: n.rows[1].link.uri, range: { start: { line: 62, character: 0 }, end: { line: 62, character: 12 } } }), false);
    // A payload from a server without NC data still renders (nothing to show).
    const bare = auditPayload();
    bare.audit!.ncs = undefined;
    bare.audit!.cycle = undefined;
    const b = buildViewModel(bare).audit!;
    assert.deepEqual([b.ncs.total, b.ncs.rows, b.cycle.trend, b.cycle.previous], [0, [], [], undefined]);
  });

  it('names documents by their decoded last path segment', () => {
    assert.equal(documentNameOf('file:///a/b/%E6%89%8B%E5%86%8C.md'), '手册.md');
    assert.equal(documentNameOf('untitled:Untitled-1'), 'untitled:Untitled-1');
    assert.equal(documentNameOf('file:///a/%E0%A4%A.md'), '%E0%A4%A.md');
  });
});

describe('status bar view', () => {
  it('shows stars and total for an audit report', () => {
    const s = statusOf(auditPayload());
    assert.equal(s.visible, true);
    assert.equal(s.text, '★★★☆☆ 86.25');
    assert.equal(s.severity, 'ok');
    assert.match(s.tooltip, /86\.25/);
    assert.match(s.tooltip, /3\.75/);
  });

  it('says the report failed when deductions exceed the limit', () => {
    const p = auditPayload();
    p.audit!.verdict = 'failed-deductions';
    p.audit!.verdictText = '不通过';
    p.audit!.total = '79.5';
    const s = statusOf(p);
    assert.equal(s.text, '$(error) 不通过 79.5');
    assert.equal(s.severity, 'error');
  });

  it('shows coverage for a manual and hides itself otherwise', () => {
    const m = statusOf(manualPayload());
    assert.equal(m.text, '$(checklist) 99%');
    assert.equal(m.severity, 'ok');
    assert.equal(statusOf(undefined).visible, false);
    assert.equal(statusOf(manualPayload({ kind: 'none', manual: undefined })).visible, false);
  });

  it('an incomplete report: a warning with the verdict and the provisional total, no star', () => {
    const p = auditPayload();
    p.audit!.verdict = 'incomplete';
    p.audit!.verdictText = '未完成：1 项未评分（暂计总分 86.25）';
    delete p.audit!.tier;
    delete p.audit!.next;
    const s = statusOf(p);
    assert.equal(s.text, '$(warning) 未完成：1 项未评分（暂计总分 86.25）');
    assert.equal(s.severity, 'warning');
    assert.equal(buildViewModel(p).audit!.stars.filled, 0);
  });

  it('when only a gate is missing for the next tier, the tooltip names the gate, never "0.00 more points"', () => {
    const p = auditPayload();
    p.audit!.next = {
      tier: { id: 'ten-star', name: '十星级', stars: 10, minScore: 95 },
      pointsNeeded: '0.00',
      gatesNeeded: [{ tier: 'ten-star', id: 'first-time-fix-rate', description: '问题首次解决率≥90%', metric: 'firstTimeFixRate', min: 90, actual: '88.00', passed: false }],
    };
    const s = statusOf(p);
    assert.doesNotMatch(s.tooltip, /0\.00/);
    assert.match(s.tooltip, /十星级.*问题首次解决率≥90%/);
  });

  it('a tagged file left out of a declared manual says so instead of showing coverage', () => {
    const p = manualPayload();
    p.manual!.counted = false;
    const s = statusOf(p);
    assert.match(s.text, /^\$\(circle-slash\) /);
    assert.match(s.tooltip, /type: manual/);
  });
});
