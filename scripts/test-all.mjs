// `npm test`: every check and test layer in order, each run even when an earlier one failed,
// then one closing line over all layers ("N passed, N failed, N skipped"). Exits 1 if any step
// failed. Layers write their counts to test-results/counts.jsonl (scripts/mocha-reporter.cjs).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts ?? {};
const only = process.env.TEST_LAYERS ? new Set(process.env.TEST_LAYERS.split(',')) : undefined;

/** [name, npm script]; the fast layers first. */
const steps = [
  ['build', 'build'],
  ['typecheck', 'typecheck'],
  ['lint', 'lint'],
  ['unit', 'test:unit'],
  ['cli', 'test:cli'],
  ['protocol', 'test:protocol'],
  ['robustness', 'test:robustness'],
  ['vscode', 'test:vscode'],
  // the web build (package.json `browser`) in Chromium's web worker extension host, virtual workspace
  ['vscode-web', 'test:vscode-web'],
];

const run = (args) => spawnSync('npm', args, { stdio: 'inherit' });
spawnSync(process.execPath, ['scripts/test-summary.mjs', '--reset'], { stdio: 'inherit' });
const failed = [];
const TEST_LAYER_NAMES = new Set(['unit', 'cli', 'protocol', 'robustness', 'vscode', 'vscode-web']);
let envReady = false;
const times = [];
for (const [name, script] of steps) {
  if (only && !only.has(name)) continue;
  if (!scripts[script]) {
    console.error(`\n!!! npm script "${script}" is missing`);
    failed.push(name);
    continue;
  }
  console.log(`\n=== ${name} (npm run ${script})`);
  const t0 = Date.now();
  // The test layers need code-server, Chromium, fonts, LibreOffice, pandoc and neovim
  // (scripts/vscode-env.sh: Debian packages and an npm install outside the repo; idempotent, under
  // a second once installed), so that `npm test` alone passes on a fresh machine. Set up once,
  // before the first layer that runs tests: the unit layer's grammar tests use VS Code's own
  // TextMate engine too. Not with a desktop VS Code given.
  if (!envReady && TEST_LAYER_NAMES.has(name) && !process.env.VSCODE_EXECUTABLE_PATH) {
    envReady = true;
    const env = spawnSync('bash', ['scripts/vscode-env.sh'], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (env.status !== 0) console.error('!!! scripts/vscode-env.sh failed: tests that need real software cannot run');
  }
  const r = run(['run', '--silent', script]);
  times.push(`${name} ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  if (r.status !== 0) failed.push(name);
  // Nothing else is worth running on a tree that does not build.
  if (name === 'build' && r.status !== 0) break;
}
console.log(`\n=== times: ${times.join(', ')}`);
if (failed.length) console.log(`=== failed steps: ${failed.join(', ')}`);
const summary = spawnSync(process.execPath, ['scripts/test-summary.mjs'], { stdio: 'inherit' });
process.exit(failed.length > 0 || summary.status !== 0 ? 1 : 0);
