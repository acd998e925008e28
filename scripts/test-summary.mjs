// Prints one closing line over all test layers run since `--reset`: "N passed, N failed, N skipped".
//
// Exit 1 when a test failed or nothing passed at all. Under CI=true, also when:
// - a test was skipped that is not on the allowlist in test/skip-allowlist.cjs (a skip in CI
//   means a tool is missing or a test stopped testing anything), or a layer reports skips
//   without naming them;
// - a layer passed no test (it ran nothing: a wrong glob, a runner that gave up).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const file = 'test-results/counts.jsonl';
if (process.argv.includes('--reset')) {
  rmSync(file, { force: true });
  process.exit(0);
}
const { ALLOWED_SKIPS } = createRequire(import.meta.url)('../test/skip-allowlist.cjs');
const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '');
const rows = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
const total = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
for (const r of rows) {
  console.log(`  ${r.layer.padEnd(10)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
  const titles = Array.isArray(r.skippedTitles) ? r.skippedTitles : [];
  for (const title of titles) {
    const allowed = ALLOWED_SKIPS.some((a) => a.layer === r.layer && a.title === title);
    console.log(`    skipped${allowed ? ' (allowed)' : ''}: ${title}`);
    if (!allowed) problems.push(`${r.layer}: skipped "${title}", which is not on the allowlist (test/skip-allowlist.cjs)`);
  }
  if (r.skipped > titles.length) problems.push(`${r.layer}: ${r.skipped - titles.length} skipped test(s) not named by the layer's reporter`);
  if (r.passed === 0) problems.push(`${r.layer}: no test passed`);
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
if (ci) for (const p of problems) console.log(`!!! CI: ${p}`);
else for (const p of problems) console.log(`(in CI this would fail the run: ${p})`);
process.exit(total.failed > 0 || total.passed === 0 || (ci && problems.length > 0) ? 1 : 0);
