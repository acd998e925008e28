import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultScheme, getBuiltinScheme, builtinSchemeIds } from '../../../server/src/scheme/loader';
import { Rational, sum } from '../../../server/src/analysis/rational';
import { itemPoints } from '../../../server/src/analysis/scoring';
import { normalizeClauseId, suggestClauseIds, compareClauseIds } from '../../../server/src/scheme/clauseId';

/** Rows of seed 004's indicator table (a copy is kept in test/fixtures): id, requirement, points. */
function seedRows(): { id: string; requirement: string; points: string }[] {
  const text = readFileSync(join(__dirname, '../../fixtures/seed-004-indicator-table.txt'), 'utf8');
  const rows: { id: string; requirement: string; points: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    const cells = line.split('\t').map((c) => c.trim());
    cells.forEach((cell, i) => {
      const m = /^(5\.\d\.\d\.\d+)(.*)$/.exec(cell);
      if (m) rows.push({ id: m[1], requirement: m[2].trim(), points: cells.slice(i + 1).find((c) => c !== '')! });
    });
  }
  return rows;
}

describe('clause catalog gbt27922-2011', () => {
  const scheme = defaultScheme();

  it('has exactly the 50 items of seed 004 in clause order, with their points and requirement text', () => {
    const rows = seedRows();
    assert.equal(rows.length, 50);
    assert.deepEqual(scheme.items.map((i) => i.id), rows.map((r) => r.id));
    for (const row of rows) {
      const item = scheme.itemById.get(row.id)!;
      assert.equal(item.points, String(Number(row.points)), `points of ${row.id}`);
      assert.equal(item.requirement, row.requirement, `requirement of ${row.id}`);
      assert.ok(item.title.en && item.title.en.length > 5, `English title of ${row.id}`);
    }
  });

  it('sums to 100 points: 5.1 = 40, 5.2 = 35, 5.3 = 25', () => {
    const total = sum(scheme.items.map(itemPoints));
    assert.ok(total.eq(Rational.of(100)));
    const by = (s: string) => sum(scheme.items.filter((i) => i.section === s).map(itemPoints));
    assert.ok(by('5.1').eq(Rational.of(40)), '5.1');
    assert.ok(by('5.2').eq(Rational.of(35)), '5.2');
    assert.ok(by('5.3').eq(Rational.of(25)), '5.3');
    assert.equal(scheme.items.filter((i) => i.section === '5.1').length, 18);
    assert.equal(scheme.items.filter((i) => i.section === '5.2').length, 24);
    assert.equal(scheme.items.filter((i) => i.section === '5.3').length, 8);
  });

  it('names every first- and second-level group as the seed does', () => {
    assert.equal(scheme.groupById.get('5.1')!.title.zh, '售后服务体系');
    assert.equal(scheme.groupById.get('5.2.6')!.title.zh, '废弃商品回收');
    assert.equal(scheme.groupById.get('5.3.2')!.title.zh, '投诉处理');
    assert.equal(scheme.groupById.get('5.1.2')!.parent, '5.1');
    for (const item of scheme.items) {
      assert.ok(scheme.groupById.has(item.group), `${item.id} group ${item.group}`);
      assert.ok(scheme.groupById.has(item.section), `${item.id} section ${item.section}`);
    }
    assert.equal(scheme.groups.length, 18);
  });

  it('carries the special rules, the five bands and the four tiers of seed 004', () => {
    assert.equal(scheme.deduction.pointsEach, 1);
    assert.equal(scheme.deduction.failAbove, 5);
    assert.equal(scheme.bonus.cap, 1);
    assert.deepEqual(scheme.bands.map((b) => [b.min, b.max]), [[0, 20], [20, 40], [40, 60], [60, 80], [80, 100]]);
    assert.deepEqual(scheme.tiers.map((t) => [t.name.zh, t.minScore]), [['达标级', 70], ['三星级', 80], ['四星级', 90], ['五星级', 95]]);
  });

  it('ships the dual-score and ten-star schemes, marked as described by their source', () => {
    assert.deepEqual(builtinSchemeIds().sort(), ['gbt27922-2011', 'gbt27922-2011-dual-score', 'ten-star']);
    const dual = getBuiltinScheme('gbt27922-2011-dual-score')!;
    assert.match(dual.provenance!, /^as described by the source/);
    assert.equal(dual.items.length, 50);
    assert.deepEqual(dual.tiers.find((t) => t.id === 'five-star')!.gates.map((g) => [g.metric, g.min]), [['total', 85], ['serviceCharacteristicScore', 95]]);
    const ten = getBuiltinScheme('ten-star')!;
    assert.match(ten.provenance!, /^as described by the source/);
    assert.deepEqual(ten.tiers.map((t) => t.stars), [2, 3, 4, 5, 10]);
    assert.deepEqual(ten.extendsChain, ['gbt27922-2011']);
  });
});

describe('clause IDs', () => {
  it('normalises full-width digits and dots', () => {
    assert.equal(normalizeClauseId('５．１．２．２'), '5.1.2.2');
    assert.equal(normalizeClauseId(' 5。1.2 '), '5.1.2');
  });
  it('orders numerically, not lexically', () => {
    assert.ok(compareClauseIds('5.1.10', '5.1.9') > 0);
    assert.ok(compareClauseIds('5.1', '5.1.1') < 0);
  });
  it('suggests the closest known IDs for a typo', () => {
    const known = defaultScheme().items.map((i) => i.id);
    assert.equal(suggestClauseIds('5.1.2.3', known)[0], '5.1.2.1');
    assert.deepEqual(suggestClauseIds('5.2.7.1', known).slice(0, 2), ['5.1.7.1', '5.2.1.1']);
    assert.deepEqual(suggestClauseIds('9.9.9.9', known), []);
  });
});
