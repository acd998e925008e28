import { strict as assert } from 'node:assert';
import { dirname, join } from 'node:path';
import { loadConfigText, resolveSchemeRef, effectiveSeverity, DEFAULT_CONFIG } from '../../../server/src/config/config';
import { formatSchemeProblems } from '../../../server/src/scheme/loader';

describe('project config', () => {
  it('reads settings and keeps defaults for the rest', () => {
    const r = loadConfigText('{ "scheme": "ten-star", "manualRoot": "manual/README.md", "severity": { "missing-evidence": "error", "group-tag": "off" } }', 'gbt27922.config.json');
    assert.deepEqual(r.problems, []);
    assert.equal(r.config.scheme, 'ten-star');
    assert.equal(r.config.manualRoot, 'manual/README.md');
    assert.deepEqual(r.config.include, DEFAULT_CONFIG.include);
    assert.equal(effectiveSeverity('missing-evidence', r.config), 'error');
    assert.equal(effectiveSeverity('group-tag', r.config), 'off');
    assert.equal(effectiveSeverity('unknown-clause', r.config), 'error');
  });

  it('reports bad settings with position and falls back to defaults for them only', () => {
    const text = '{\n  "scheme": "ten-star",\n  "maxFileSizeMB": "big",\n  "colour": 1,\n  "severity": { "no-such-code": "error" }\n}';
    const r = loadConfigText(text, 'gbt27922.config.json');
    assert.equal(r.config.scheme, 'ten-star');
    assert.equal(r.config.maxFileSizeMB, DEFAULT_CONFIG.maxFileSizeMB);
    const msg = formatSchemeProblems(r.problems);
    assert.match(msg, /gbt27922\.config\.json:3:3: \/maxFileSizeMB: must be number/);
    assert.match(msg, /unknown setting "colour"/);
    assert.match(msg, /gbt27922\.config\.json:5:17: \/severity\/no-such-code: unknown problem code "no-such-code"/);
    assert.match(msg, /gbt27922\.config\.json:4:3: \(root\): unknown setting "colour"/);
  });

  it('survives broken JSON with defaults and a positioned message', () => {
    const r = loadConfigText('{ "scheme": ', 'c.json');
    assert.equal(r.config.scheme, DEFAULT_CONFIG.scheme);
    assert.match(formatSchemeProblems(r.problems), /^c\.json:1:\d+: \(root\): invalid JSON/);
  });

  it('resolves a scheme reference: built-in ID or a file next to the config', () => {
    const files = new Map([['/ws/schemes/acme.json', '{ "id": "acme", "extends": "gbt27922-2011", "items": [{ "id": "5.1.1.1", "points": 2 }] }']]);
    const io = { readFile: (p: string) => files.get(p), resolvePath: (from: string, rel: string) => join(dirname(from), rel) };
    const b = resolveSchemeRef('gbt27922-2011-dual-score', '/ws/gbt27922.config.json', io);
    assert.ok(b.ok && b.scheme.id === 'gbt27922-2011-dual-score');
    const f = resolveSchemeRef('schemes/acme.json', '/ws/gbt27922.config.json', io);
    assert.ok(f.ok && f.scheme.itemById.get('5.1.1.1')!.points === '2');
    const m = resolveSchemeRef('nope.json', '/ws/gbt27922.config.json', io);
    assert.ok(!m.ok && /neither a built-in scheme .* nor a readable file/.test(m.problems[0].message));
  });
});
