'use strict';
// Minimal test runner for the fixture (plain JS, no build, no mocha).
// runSuite(tests) runs each async test in order, prints one line per test and
// a closing "N passed, N failed" line, and rejects if any test failed — which
// is how the extension host learns the exit code (run() rejecting => exit 1).

async function runSuite(name, tests) {
  let passed = 0;
  let failed = 0;
  console.log(`suite: ${name}`);
  for (const [title, fn] of tests) {
    const t0 = Date.now();
    try {
      await fn();
      passed++;
      console.log(`  ✓ ${title} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      console.log(`  ✗ ${title}\n    ${(err && err.stack) || err}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} test(s) failed`);
}

function waitFor(predicate, what, timeoutMs = 10000) {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      let value;
      try { value = predicate(); } catch (e) { return reject(e); }
      if (value) return resolve(value);
      if (Date.now() - t0 > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 50);
    };
    tick();
  });
}

module.exports = { runSuite, waitFor };
