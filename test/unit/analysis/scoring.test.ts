import { strict as assert } from 'node:assert';
import { defaultScheme, getBuiltinScheme } from '../../../server/src/scheme/loader';
import { Rational } from '../../../server/src/analysis/rational';
import { scoreAudit, bandFor, type ItemScoreInput, type ScoringInput } from '../../../server/src/analysis/scoring';
import { computeCoverage } from '../../../server/src/analysis/coverage';
import type { Scheme } from '../../../server/src/scheme/types';

const scheme = defaultScheme();
const pct = (itemId: string, p: string): ItemScoreInput => ({ itemId, kind: 'percent', percent: Rational.parse(p)! });
const allAt = (s: Scheme, p: string) => s.items.map((i) => pct(i.id, p));
const input = (scores: ItemScoreInput[], more: Partial<ScoringInput> = {}): ScoringInput => ({ scores, deductions: 0, bonuses: 0, ...more });

/** Every item at `p`%, except 5.1.1.1 (1 point) lowered by 1 percentage point of the total: total = p − 0.01. */
function justBelow(s: Scheme, p: number) {
  return s.items.map((i) => (i.id === '5.1.1.1' ? pct(i.id, String(p - 1)) : pct(i.id, String(p))));
}

describe('scoring engine', () => {
  it('scores every item at 100% as 100 and five stars', () => {
    const r = scoreAudit(scheme, input(allAt(scheme, '100')));
    assert.equal(r.total.toFixed(2), '100');
    assert.equal(r.tier!.id, 'five-star');
    assert.equal(r.unscored.length, 0);
    assert.equal(r.next, undefined);
  });

  for (const [boundary, atTier, belowTier] of [
    [70, 'compliant', undefined],
    [80, 'three-star', 'compliant'],
    [90, 'four-star', 'three-star'],
    [95, 'five-star', 'four-star'],
  ] as const) {
    it(`reaches ${atTier} at exactly ${boundary} and not at ${boundary - 0.01}`, () => {
      const at = scoreAudit(scheme, input(allAt(scheme, String(boundary))));
      assert.ok(at.total.eq(Rational.of(boundary)), at.total.toString());
      assert.equal(at.tier?.id, atTier);
      const below = scoreAudit(scheme, input(justBelow(scheme, boundary)));
      assert.equal(below.total.toFixed(4), (boundary - 0.01).toFixed(2));
      assert.equal(below.tier?.id, belowTier);
      assert.equal(below.verdict, belowTier ? 'tier' : 'below-threshold');
      assert.equal(below.next!.tier.id, atTier);
      assert.equal(below.next!.pointsNeeded.toFixed(4), '0.01');
    });
  }

  it('decides boundaries exactly where floating point would not (1.5-point items at 70%)', () => {
    // 0.7 * 1.5 etc. summed in binary floating point drifts below 70; exact arithmetic does not.
    const scores = allAt(scheme, '70');
    const r = scoreAudit(scheme, input(scores));
    assert.equal(r.total.cmp(Rational.of(70)), 0);
    assert.equal(r.tier!.id, 'compliant');
  });

  it('accepts points earned and fractions of the item maximum', () => {
    const scores = allAt(scheme, '100').filter((s) => s.itemId !== '5.3.2.2');
    scores.push({ itemId: '5.3.2.2', kind: 'points', earned: Rational.parse('3.5')! });
    const r = scoreAudit(scheme, input(scores));
    assert.equal(r.total.toFixed(2), '96.5');
    assert.equal(r.items.find((i) => i.item.id === '5.3.2.2')!.percent!.toFixed(2), '50');
  });

  it('excludes N/A items and normalises the rest to 100', () => {
    // 5.2.5.5 (2 points, trading firms only) does not apply; every other item at 95%.
    const scores = allAt(scheme, '95').filter((s) => s.itemId !== '5.2.5.5');
    scores.push({ itemId: '5.2.5.5', kind: 'not-applicable', reason: '生产型企业，不涉及贸易' });
    const r = scoreAudit(scheme, input(scores));
    assert.equal(r.applicablePoints.toFixed(2), '98');
    assert.ok(r.total.eq(Rational.of(95)));
    assert.equal(r.tier!.id, 'five-star');
    assert.deepEqual(r.notApplicable.map((i) => i.id), ['5.2.5.5']);
    // The same via front matter's not-applicable list.
    const r2 = scoreAudit(scheme, input(allAt(scheme, '95').filter((s) => s.itemId !== '5.2.5.5'), { notApplicable: [{ itemId: '5.2.5.5', reason: '不涉及' }] }));
    assert.ok(r2.total.eq(Rational.of(95)));
    // An N/A that lifts a report over a boundary: 5.1.1.1 at 0 would cost 1 point; excluded it costs nothing.
    const s3 = allAt(scheme, '80').filter((s) => s.itemId !== '5.1.1.1');
    const withZero = scoreAudit(scheme, input([...s3, pct('5.1.1.1', '0')]));
    assert.equal(withZero.total.toFixed(2), '79.2');
    assert.equal(withZero.tier!.id, 'compliant');
    const withNa = scoreAudit(scheme, input([...s3, { itemId: '5.1.1.1', kind: 'not-applicable', reason: '无' }]));
    assert.ok(withNa.total.eq(Rational.of(80)));
    assert.equal(withNa.tier!.id, 'three-star');
  });

  it('counts unscored applicable items as zero (a provisional total), lists them in clause order, and gives no star: incomplete', () => {
    const scores = allAt(scheme, '100').filter((s) => !['5.3.1.4', '5.1.2.2'].includes(s.itemId));
    const r = scoreAudit(scheme, input(scores));
    assert.deepEqual(r.unscored.map((i) => i.id), ['5.1.2.2', '5.3.1.4']);
    assert.ok(r.total.eq(Rational.of(90)));
    assert.equal(r.verdict, 'incomplete');
    assert.equal(r.tier, undefined);
    assert.equal(r.next, undefined);
    assert.deepEqual(r.failedGates, []);
  });

  it('rounds the total once, to the scheme (2 decimals half-up by default), and lets that total decide the tier and the points to the next', () => {
    // 100 − 7 − 3 − 0.001 = 89.999 exactly
    const scores = allAt(scheme, '100').map((s) =>
      s.itemId === '5.3.2.2' ? pct(s.itemId, '0') : s.itemId === '5.1.2.2' ? pct(s.itemId, '40') : s.itemId === '5.1.1.1' ? pct(s.itemId, '99.9') : s,
    );
    const r = scoreAudit(scheme, input(scores));
    assert.equal(r.exactTotal.toExact(), '89.999');
    assert.equal(r.total.toScore(r.decimals), '90.00');
    assert.equal(r.tier!.id, 'four-star');
    assert.equal(r.next!.pointsNeeded.toScore(r.decimals), '5.00');
    const truncating = { ...scheme, rounding: { decimals: 2, mode: 'truncate' as const } };
    const t = scoreAudit(truncating, input(scores));
    assert.equal(t.total.toScore(t.decimals), '89.99');
    assert.equal(t.tier!.id, 'three-star');
    assert.equal(t.next!.pointsNeeded.toScore(t.decimals), '0.01');
    // A tier boundary finer than the reported decimals: the points needed round up, never "0.00".
    const odd = { ...scheme, rounding: { decimals: 2, mode: 'truncate' as const }, tiers: scheme.tiers.map((x) => (x.id === 'four-star' ? { ...x, minScore: 89.995 } : x)) };
    const o = scoreAudit(odd, input(scores));
    assert.equal(o.tier!.id, 'three-star');
    assert.equal(o.next!.pointsNeeded.toScore(o.decimals), '0.01');
  });

  it('subtracts special deductions; 5 points pass, 6 points fail whatever the total', () => {
    const five = scoreAudit(scheme, input(allAt(scheme, '100'), { deductions: 5 }));
    assert.ok(five.total.eq(Rational.of(95)));
    assert.equal(five.verdict, 'tier');
    assert.equal(five.tier!.id, 'five-star');
    const six = scoreAudit(scheme, input(allAt(scheme, '100'), { deductions: 6 }));
    assert.ok(six.total.eq(Rational.of(94)));
    assert.equal(six.verdict, 'failed-deductions');
    assert.equal(six.tier, undefined);
    assert.equal(six.next, undefined);
  });

  it('caps the special bonus at 1 point', () => {
    const one = scoreAudit(scheme, input(allAt(scheme, '90'), { bonuses: 1 }));
    assert.ok(one.total.eq(Rational.of(91)));
    assert.equal(one.bonusCapped, false);
    const three = scoreAudit(scheme, input(allAt(scheme, '94'), { bonuses: 3 }));
    assert.ok(three.bonusClaimed.eq(Rational.of(3)));
    assert.ok(three.bonusApplied.eq(Rational.of(1)));
    assert.equal(three.bonusCapped, true);
    assert.ok(three.total.eq(Rational.of(95)));
    assert.equal(three.tier!.id, 'five-star');
  });

  it('gives per-group subtotals for first- and second-level groups', () => {
    const scores = allAt(scheme, '100').map((s) => (s.itemId.startsWith('5.3.2.') ? pct(s.itemId, '50') : s));
    const r = scoreAudit(scheme, input(scores));
    assert.equal(r.groups.get('5.3.2')!.earned.toFixed(2), '5');
    assert.equal(r.groups.get('5.3.2')!.percent.toFixed(2), '50');
    assert.equal(r.groups.get('5.3')!.earned.toFixed(2), '20');
    assert.equal(r.groups.get('5.1')!.earned.toFixed(2), '40');
    assert.equal(r.groups.get('5.2.2')!.maxPoints.toFixed(2), '6');
  });

  it('finds the scoring band of a percentage', () => {
    assert.equal(bandFor(scheme, Rational.of(80))!.id, '80-100');
    assert.equal(bandFor(scheme, Rational.of(79))!.id, '60-80');
    assert.equal(bandFor(scheme, Rational.of(0))!.id, '0-20');
  });
});

describe('gates of the extra schemes', () => {
  const dual = getBuiltinScheme('gbt27922-2011-dual-score')!;
  const ten = getBuiltinScheme('ten-star')!;

  it('dual score: five stars need 服务特性测评 ≥ 95; otherwise four stars and the failed gate is named', () => {
    const pass = scoreAudit(dual, input(allAt(dual, '96'), { metrics: { serviceCharacteristicScore: 95 } }));
    assert.equal(pass.tier!.id, 'five-star');
    assert.equal(pass.failedGates.length, 0);
    const fail = scoreAudit(dual, input(allAt(dual, '96'), { metrics: { serviceCharacteristicScore: 94.5 } }));
    assert.equal(fail.tier!.id, 'four-star');
    assert.deepEqual(fail.failedGates.map((g) => [g.gate.id, g.actual?.toFixed(2)]), [['service-characteristics', '94.5']]);
    const missing = scoreAudit(dual, input(allAt(dual, '96')));
    assert.equal(missing.tier!.id, 'four-star');
    assert.equal(missing.failedGates[0].actual, undefined);
    assert.deepEqual(missing.next!.gatesNeeded.map((g) => g.gate.id), ['service-characteristics']);
    assert.ok(missing.next!.pointsNeeded.isZero());
  });

  it('dual score: the management audit gate (≥ 85) holds whenever the total reaches 95', () => {
    const r = scoreAudit(dual, input(allAt(dual, '95'), { metrics: { serviceCharacteristicScore: 99 } }));
    const g = r.gates.find((x) => x.gate.id === 'management-audit')!;
    assert.equal(g.passed, true);
  });

  it('ten stars: ≥ 95 plus customer satisfaction ≥ 90% and first-time fix rate ≥ 90%', () => {
    const both = scoreAudit(ten, input(allAt(ten, '95'), { metrics: { customerSatisfaction: 90, firstTimeFixRate: 92 } }));
    assert.equal(both.tier!.id, 'ten-star');
    assert.equal(both.tier!.stars, 10);
    const lowFix = scoreAudit(ten, input(allAt(ten, '95'), { metrics: { customerSatisfaction: 95, firstTimeFixRate: 89.9 } }));
    assert.equal(lowFix.tier!.id, 'five-star');
    assert.deepEqual(lowFix.failedGates.map((g) => g.gate.id), ['first-time-fix-rate']);
    const lowSat = scoreAudit(ten, input(allAt(ten, '95'), { metrics: { customerSatisfaction: 89, firstTimeFixRate: 95 } }));
    assert.deepEqual(lowSat.failedGates.map((g) => g.gate.id), ['customer-satisfaction']);
    const lowTotal = scoreAudit(ten, input(justBelow(ten, 95), { metrics: { customerSatisfaction: 99, firstTimeFixRate: 99 } }));
    assert.equal(lowTotal.tier!.id, 'four-star');
    assert.equal(lowTotal.failedGates.length, 0);
  });
});

describe('coverage engine', () => {
  it('measures coverage by points and by count, overall and per group', () => {
    const covered = scheme.items.filter((i) => i.id !== '5.3.2.2' && i.id !== '5.1.1.1').map((i) => i.id);
    const c = computeCoverage(scheme, [...covered, '5.1', '9.9.9.9']);
    assert.equal(c.coveredPoints.toFixed(2), '92');
    assert.equal(c.percentByPoints.toFixed(2), '92');
    assert.equal(c.coveredCount, 48);
    assert.equal(c.percentByCount.toFixed(2), '96');
    assert.deepEqual(c.uncovered.map((i) => i.id), ['5.1.1.1', '5.3.2.2']);
    assert.equal(c.groups.get('5.3.2')!.coveredPoints.toFixed(2), '3');
    assert.equal(c.groups.get('5.3.2')!.totalPoints.toFixed(2), '10');
    assert.equal(c.groups.get('5.1.1')!.coveredCount, 1);
  });
  it('leaves excluded (not applicable) items out of both sides', () => {
    const c = computeCoverage(scheme, scheme.items.filter((i) => i.id !== '5.2.5.5').map((i) => i.id), ['5.2.5.5']);
    assert.equal(c.percentByPoints.toFixed(2), '100');
    assert.deepEqual(c.excluded.map((i) => i.id), ['5.2.5.5']);
  });
});
