/**
 * Entry point loaded by VS Code in the extension host (the `run()` contract of
 * @vscode/test-electron, also used by test/vscode-harness/runInCodeServer.ts): runs every
 * `*.test.js` next to this file with mocha, in name order, and writes the counts to the file
 * named by GBT_VSCODE_COUNTS_FILE, which the outer runner (test/vscode/runTests.ts) turns into
 * the `vscode` row of test-results/counts.jsonl.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  /** Full titles of the skipped tests (CI refuses skips not on test/skip-allowlist.cjs). */
  skippedTitles: string[];
  failures: Array<{ title: string; message: string }>;
  durationMs: number;
}

/** Mocha's spec reporter (plain text: it goes through VS Code's log), plus the counts file. */
class CountingSpec extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const failures: Counts['failures'] = [];
    const skippedTitles: string[] = [];
    runner.on('pending', (test) => skippedTitles.push(test.fullTitle()));
    const t0 = Date.now();
    runner.on('fail', (test, err: Error) => failures.push({ title: test.fullTitle(), message: String(err?.message ?? err).slice(0, 2000) }));
    runner.once('end', () => {
      const file = process.env.GBT_VSCODE_COUNTS_FILE;
      if (!file) return;
      const s = this.stats;
      const counts: Counts = { passed: s.passes, failed: s.failures, skipped: s.pending, skippedTitles, failures, durationMs: Date.now() - t0 };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(counts));
    });
  }
}

export function run(): Promise<void> {
  Mocha.reporters.Base.useColors = false;
  // VS Code forwards console lines without printf substitution: format them here
  (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = (...args) => console.log(format(...args));
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: CountingSpec,
    // each test is bounded; the whole run is bounded again by the outer runner
    timeout: Number(process.env.GBT_VSCODE_TEST_TIMEOUT_MS ?? 45_000),
    slow: 5_000,
    // a left-over `.only` would silently run one test
    forbidOnly: true,
    grep: process.env.GBT_VSCODE_GREP || undefined,
  });
  // Two runs share this suite: the main one (samples/, Workspace Trust off) and the Restricted Mode
  // one (an untrusted hostile folder, GBT_VSCODE_SUITE=restricted), which runs the restricted-* files.
  const restricted = process.env.GBT_VSCODE_SUITE === 'restricted';
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js') && f.startsWith('restricted-') === restricted)
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        console.log(`vscode suite: ${files.length} files, ${failures} failed`);
        if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
        else resolve();
      });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
