import { strict as assert } from 'node:assert';
import { dirname, join } from 'node:path';
import { loadSchemeText, formatSchemeProblems, type LoadOptions } from '../../../server/src/scheme/loader';

const files = new Map<string, string>();
const options: LoadOptions = {
  readFile: (p) => files.get(p),
  resolvePath: (from, rel) => join(dirname(from), rel),
};

describe('scheme loader', () => {
  it('extends the default: overrides points, adds items, groups, tiers, gates and metrics', () => {
    const text = JSON.stringify({
      id: 'acme',
      extends: 'gbt27922-2011',
      groups: [{ id: '5.4', title: { zh: '数字化服务', en: 'Digital service' } }, { id: '5.4.1', title: { zh: '在线服务' } }],
      items: [
        { id: '5.1.1.1', points: 2 },
        { id: '5.4.1.1', points: 3, requirement: '提供在线自助报修', title: { en: 'Online self-service repair' } },
        { id: '5.2.6.2', remove: true },
      ],
      metrics: [{ id: 'nps', unit: 'points', aliases: ['净推荐值'] }],
      tiers: [
        { id: 'six-star', stars: 6, minScore: 98, name: { zh: '六星级' }, gates: [{ id: 'nps', metric: 'nps', min: 50 }] },
        { id: 'five-star', gates: [{ id: 'nps-five', metric: 'nps', min: 30 }] },
      ],
    });
    const r = loadSchemeText(text, '/ws/acme.scheme.json', options);
    assert.ok(r.ok, r.ok ? '' : formatSchemeProblems(r.problems));
    const s = r.scheme;
    assert.equal(s.items.length, 50);
    assert.equal(s.itemById.get('5.1.1.1')!.points, '2');
    assert.equal(s.itemById.get('5.1.1.1')!.requirement.startsWith('设立或指定'), true);
    assert.equal(s.itemById.get('5.4.1.1')!.section, '5.4');
    assert.equal(s.itemById.has('5.2.6.2'), false);
    assert.equal(s.items.at(-1)!.id, '5.4.1.1');
    assert.deepEqual(s.tiers.map((t) => t.id), ['compliant', 'three-star', 'four-star', 'five-star', 'six-star']);
    assert.deepEqual(s.tiers.find((t) => t.id === 'five-star')!.gates.map((g) => g.id), ['nps-five']);
    assert.deepEqual(s.extendsChain, ['gbt27922-2011']);
  });

  it('extends a scheme file by relative path, and that one extends a built-in', () => {
    files.set('/ws/schemes/base.json', JSON.stringify({ id: 'base', extends: 'ten-star', items: [{ id: '5.3.2.2', points: 8 }] }));
    const r = loadSchemeText(JSON.stringify({ id: 'child', extends: './base.json' }), '/ws/schemes/child.json', options);
    assert.ok(r.ok);
    assert.equal(r.scheme.itemById.get('5.3.2.2')!.points, '8');
    assert.deepEqual(r.scheme.extendsChain, ['base', 'ten-star', 'gbt27922-2011']);
  });

  it('rejects a bad scheme with the file, the line, the JSON path and what is wrong', () => {
    const text = '{\n  "id": "bad",\n  "extends": "gbt27922-2011",\n  "items": [\n    { "id": "5.1.1.1", "points": "two" }\n  ]\n}\n';
    const r = loadSchemeText(text, 'schemes/bad.json', options);
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(formatSchemeProblems(r.problems), 'schemes/bad.json:5:24: /items/0/points: must be number');
  });

  it('names unknown properties, missing fields and unknown gate metrics', () => {
    const text = JSON.stringify({ id: 'x', extends: 'gbt27922-2011', colour: 'red', items: [{ id: '5.9.9.9', points: 1 }], tiers: [{ id: 'five-star', gates: [{ id: 'g', metric: 'happiness', min: 1 }] }] }, null, 2);
    const r1 = loadSchemeText(text, 'x.json', options);
    assert.equal(r1.ok, false);
    if (r1.ok) return;
    assert.match(formatSchemeProblems(r1.problems), /x\.json:\d+:\d+: \(root\): unknown property "colour"/);
    const r2 = loadSchemeText(JSON.stringify({ id: 'x', extends: 'gbt27922-2011', items: [{ id: '5.9.9.9', points: 1 }], tiers: [{ id: 'five-star', gates: [{ id: 'g', metric: 'happiness', min: 1 }] }] }), 'x.json', options);
    assert.equal(r2.ok, false);
    if (r2.ok) return;
    const msg = formatSchemeProblems(r2.problems);
    assert.match(msg, /\/items\/0: new item 5\.9\.9\.9 needs a "requirement"/);
    assert.match(msg, /item 5\.9\.9\.9 belongs to group 5\.9\.9, which the scheme does not define/);
    assert.match(msg, /gate "g" uses metric "happiness", which is neither "total" nor a metric of the scheme/);
  });

  it('reports JSON syntax errors with their position, unknown and circular extends', () => {
    const r = loadSchemeText('{ "id": "x", ', 'broken.json', options);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(formatSchemeProblems(r.problems), /^broken\.json:1:\d+: \(root\): invalid JSON: /);
    const u = loadSchemeText('{ "id": "x", "extends": "gbt-9999" }', '/ws/x.json', options);
    assert.equal(u.ok, false);
    if (!u.ok) assert.match(formatSchemeProblems(u.problems), /cannot extend "gbt-9999": no built-in scheme has that ID/);
    files.set('/ws/a.json', '{ "id": "a", "extends": "./b.json" }');
    files.set('/ws/b.json', '{ "id": "b", "extends": "./a.json" }');
    const c = loadSchemeText(files.get('/ws/a.json')!, '/ws/a.json', options);
    assert.equal(c.ok, false);
    if (!c.ok) assert.match(formatSchemeProblems(c.problems), /circular "extends": \/ws\/a\.json → \/ws\/b\.json → \/ws\/a\.json/);
    const e = loadSchemeText('', 'empty.json', options);
    assert.equal(e.ok, false);
  });
});
