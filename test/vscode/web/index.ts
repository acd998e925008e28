/**
 * The suite's entry in the web build's run (`npm run test:vscode-web`): the extension's
 * `browser` entry in code-server's web worker extension host, in a virtual workspace (the
 * harness's mirror file system, as github.dev's `vscode-vfs://`). A web worker has no Node: the
 * suite is one bundle (test/vscode/runTests.ts --web) with mocha's browser build, the tests
 * `require`d here in order, and the counts written through `vscode.workspace.fs` to the file the
 * outer runner reads (as test/vscode/suite/index.ts does with `fs`).
 *
 * Which tests: every feature of the extension in the browser (diagnostics, hover, completion,
 * definition, references, symbols, quick fixes, code lens, fix all on save, the score panel and
 * status bar, the certification cycle's panel, the catalog tree and the generate commands) — the desktop suite's files that
 * drive them, unchanged — plus the web-only ones in this folder (the host, evidence links through
 * `workspace.fs.stat`); and in a second workspace (GBT_VSCODE_SUITE=web-index), the bench's
 * 200-file corpus indexed without a disk cache or worker threads.
 * Not here: what only a desktop has (the packaged .vsix on disk, the server's process, crashes).
 */
import 'mocha/mocha.js';
import * as vscode from 'vscode';
import type { Counts } from '../suite/index';
import { harness } from '../suite/util';

function loadTests(suite: string | undefined): number {
  /* eslint-disable @typescript-eslint/no-require-imports */
  // The second workspace of the web run: the bench's 200-file corpus.
  if (suite === 'web-index') return [require('./20-index-200.test')].length;
  const files = [
    require('./00-web-host.test'),
    require('../suite/02-diagnostics.test'),
    require('../suite/03-hover-completion.test'),
    require('../suite/04-score.test'),
    require('../suite/04-cycle.test'),
    require('../suite/04b-verdicts.test'),
    require('../suite/05-quick-fix.test'),
    require('../suite/05b-fix-all-on-save.test'),
    require('../suite/08-navigation.test'),
    require('../suite/09-catalog-generate.test'),
    require('./10-web-files.test'),
  ];
  /* eslint-enable @typescript-eslint/no-require-imports */
  return files.length;
}

/** printf-style formatting as Node's util.format does it for what mocha's reporters print (VS Code forwards console lines unformatted). */
function format(...args: unknown[]): string {
  if (typeof args[0] !== 'string') return args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  let i = 1;
  const head = args[0].replace(/%([sdifjoO%])/g, (m, c: string) => {
    if (c === '%') return '%';
    if (i >= args.length) return m;
    const v = args[i++];
    if (c === 'd' || c === 'i') return String(Math.trunc(Number(v)));
    if (c === 'f') return String(Number(v));
    if (c === 'j' || c === 'o' || c === 'O') return JSON.stringify(v);
    return String(v);
  });
  return [head, ...args.slice(i).map((a) => (typeof a === 'string' ? a : JSON.stringify(a)))].join(' ');
}

export function run(): Promise<void> {
  const h = harness();
  const countsFile = h.env('GBT_VSCODE_COUNTS_FILE');
  let written: Promise<void> = Promise.resolve();
  class CountingSpec extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      const failures: Counts['failures'] = [];
      const skippedTitles: string[] = [];
      const t0 = Date.now();
      runner.on('pending', (test) => skippedTitles.push(test.fullTitle()));
      runner.on('fail', (test, err: Error) => failures.push({ title: test.fullTitle(), message: String(err?.message ?? err).slice(0, 2000) }));
      runner.once('end', () => {
        if (!countsFile) return;
        const s = this.stats;
        const counts: Counts = { passed: s.passes, failed: s.failures, skipped: s.pending, skippedTitles, failures, durationMs: Date.now() - t0 };
        written = Promise.resolve(vscode.workspace.fs.writeFile(h.hostFileUri(countsFile), new TextEncoder().encode(JSON.stringify(counts))));
      });
    }
  }
  Mocha.reporters.Base.useColors = false;
  (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = (...args) => console.log(format(...args));
  mocha.setup({
    ui: 'bdd',
    color: false,
    reporter: CountingSpec,
    timeout: Number(h.env('GBT_VSCODE_TEST_TIMEOUT_MS') ?? 45_000),
    slow: 5_000,
    forbidOnly: true,
    grep: h.env('GBT_VSCODE_GREP') || undefined,
  });
  const files = loadTests(h.env('GBT_VSCODE_SUITE'));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        console.log(`vscode web suite: ${files} files, ${failures} failed`);
        written.then(
          () => (failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()),
          (e: unknown) => reject(new Error(`could not write the counts: ${String(e)}`)),
        );
      });
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
