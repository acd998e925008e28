// Mocha's spec reporter, plus a record of the counts in test-results/counts.jsonl so that
// `scripts/test-summary.mjs` can print one closing line over every test layer (and, in CI, refuse
// skips that are not on test/skip-allowlist.cjs: so the skipped tests are named).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

class CountingSpecReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const skippedTitles = [];
    runner.on('pending', (test) => skippedTitles.push(test.fullTitle()));
    runner.once('end', () => {
      const s = this.stats;
      const dir = path.resolve('test-results');
      fs.mkdirSync(dir, { recursive: true });
      const layer = process.env.TEST_LAYER || 'mocha';
      fs.appendFileSync(path.join(dir, 'counts.jsonl'), JSON.stringify({ layer, passed: s.passes, failed: s.failures, skipped: s.pending, skippedTitles }) + '\n');
    });
  }
}
module.exports = CountingSpecReporter;
