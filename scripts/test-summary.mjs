// Prints one closing line over all test layers run since `--reset`: "N passed, N failed, N skipped".
import { existsSync, readFileSync, rmSync } from 'node:fs';

const file = 'test-results/counts.jsonl';
if (process.argv.includes('--reset')) {
  rmSync(file, { force: true });
  process.exit(0);
}
const rows = existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
const total = { passed: 0, failed: 0, skipped: 0 };
for (const r of rows) {
  console.log(`  ${r.layer.padEnd(10)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
  total.passed += r.passed;
  total.failed += r.failed;
  total.skipped += r.skipped;
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.passed === 0 ? 1 : 0);
