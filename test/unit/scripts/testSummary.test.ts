/**
 * `npm test`'s closing line (scripts/test-summary.mjs) is what CI trusts. Under CI=true it must
 * fail the run on a skipped test that is not on the allowlist (test/skip-allowlist.mjs) and on a
 * layer that passed nothing; and mocha must refuse a left-over `.only` (forbidOnly) in every layer.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SUMMARY = path.join(REPO, 'scripts', 'test-summary.mjs');

interface Row {
  layer: string;
  passed: number;
  failed: number;
  skipped: number;
  skippedTitles?: string[];
}

function summary(rows: Row[], env: Record<string, string>): { code: number | null; out: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt-summary-'));
  try {
    fs.mkdirSync(path.join(dir, 'test-results'));
    fs.writeFileSync(path.join(dir, 'test-results', 'counts.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = spawnSync(process.execPath, [SUMMARY], { cwd: dir, env: { ...process.env, CI: '', ...env }, encoding: 'utf8' });
    return { code: r.status, out: r.stdout + r.stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('scripts/test-summary.mjs: what CI trusts', () => {
  const good: Row = { layer: 'unit', passed: 10, failed: 0, skipped: 0, skippedTitles: [] };

  it('passes a clean run, in CI and outside', () => {
    assert.equal(summary([good, { ...good, layer: 'cli' }], { CI: 'true' }).code, 0);
    assert.equal(summary([good], {}).code, 0);
  });

  it('under CI=true, a skip that is not on the allowlist fails the run, and the test is named', () => {
    const rows = [good, { layer: 'protocol', passed: 5, failed: 0, skipped: 1, skippedTitles: ['protocol: Neovim as the client (headless) "before all" hook'] }];
    const ci = summary(rows, { CI: 'true' });
    assert.equal(ci.code, 1, ci.out);
    assert.match(ci.out, /Neovim as the client/);
    assert.match(ci.out, /skip-allowlist/);
    // Outside CI a skip is reported, not fatal (a developer may lack a tool).
    assert.equal(summary(rows, {}).code, 0);
  });

  it('under CI=true, a skip on the allowlist passes', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { ALLOWED_SKIPS } = require(path.join(REPO, 'test', 'skip-allowlist.cjs')) as { ALLOWED_SKIPS: { layer: string; title: string; why: string }[] };
    assert.ok(ALLOWED_SKIPS.length > 0 && ALLOWED_SKIPS.length <= 10, 'a short list');
    for (const a of ALLOWED_SKIPS) assert.ok(a.why.length > 20, `every entry says why: ${a.title}`);
    const a = ALLOWED_SKIPS[0];
    const r = summary([good, { layer: a.layer, passed: 3, failed: 0, skipped: 1, skippedTitles: [a.title] }], { CI: 'true' });
    assert.equal(r.code, 0, r.out);
  });

  it('under CI=true, a layer with zero passes fails the run even when the others pass', () => {
    const r = summary([good, { layer: 'vscode', passed: 0, failed: 0, skipped: 0, skippedTitles: [] }], { CI: 'true' });
    assert.equal(r.code, 1, r.out);
    assert.match(r.out, /vscode.*no test passed/);
  });

  it('under CI=true, a skip count without the names of the skipped tests fails (a layer must say what it skipped)', () => {
    const r = summary([good, { layer: 'cli', passed: 3, failed: 0, skipped: 2 }], { CI: 'true' });
    assert.equal(r.code, 1, r.out);
  });
});

describe('mocha forbids .only in every layer', function () {
  this.timeout(60_000);
  const configs = ['.mocharc.json', '.mocharc.cli.json', '.mocharc.protocol.json', '.mocharc.robustness.json'];

  for (const config of configs) {
    it(`${config} sets forbid-only`, () => {
      const c = JSON.parse(fs.readFileSync(path.join(REPO, config), 'utf8')) as Record<string, unknown>;
      assert.equal(c['forbid-only'], true);
    });
  }

  it('a spec with it.only fails under the unit config', () => {
    // A clean clone has no test-results/ yet when the unit layer runs first.
    fs.mkdirSync(path.join(REPO, 'test-results'), { recursive: true });
    const dir = fs.mkdtempSync(path.join(REPO, 'test-results', 'only-'));
    try {
      const spec = path.join(dir, 'only.test.ts');
      fs.writeFileSync(spec, "it.only('left over', () => {});\nit('other', () => {});\n");
      // The unit layer's own config, pointed at this one spec only.
      const config = { ...JSON.parse(fs.readFileSync(path.join(REPO, '.mocharc.json'), 'utf8')), spec: [spec], reporter: 'dot' };
      fs.writeFileSync(path.join(dir, 'mocharc.json'), JSON.stringify(config));
      const r = spawnSync(process.execPath, [path.join(REPO, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', path.join(dir, 'mocharc.json')], {
        cwd: REPO,
        env: { ...process.env, TEST_LAYER: 'only-probe' },
        encoding: 'utf8',
      });
      assert.notEqual(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout + r.stderr, /only|forbid/i);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the extension-host suite runs mocha with forbidOnly', () => {
    const src = fs.readFileSync(path.join(REPO, 'test', 'vscode', 'suite', 'index.ts'), 'utf8');
    assert.match(src, /forbidOnly:\s*true/);
  });
});
