/**
 * What `npm run package` puts in the .vsix: exactly the bundles, the manifest and its strings,
 * grammar, snippets, media, l10n, the two JSON Schemas the manifest points at, and the README —
 * never node_modules, sources, tests, bench, samples or source maps.
 *
 * Fast: it asks vsce for the file list (the same code `vsce ls` and `vsce package` use) over a
 * scratch copy of the repo's layout, and over the repo itself for what the manifest references.
 * The built .vsix itself is checked where it exists: in the real-VS-Code layer, which packages
 * the extension before it runs (test/vscode/suite/07-package.test.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const vsce = require('@vscode/vsce') as { listFiles(o: { cwd: string; packageManager: number }): Promise<string[]> };
const PACKAGE_MANAGER_NONE = 2;

import { DIST, FORBIDDEN, SCHEMAS } from '../../vsixContents';
/** Built-in scheme JSON: go to definition on a clause ID opens the scheme it comes from. */
const BUILTIN_SCHEMES = filesUnder('server/src/scheme/builtin').filter((f) => f.endsWith('.json'));
const TOP = ['package.json', 'package.nls.json', 'package.nls.zh-cn.json', 'README.md'];

function filesUnder(rel: string): string[] {
  const dir = path.join(REPO, rel);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => `${rel}/${e.name}`);
}

/** Files shipped from the source folders (whatever they hold now). */
function assetFiles(): string[] {
  return [...filesUnder('syntaxes'), ...filesUnder('snippets'), ...filesUnder('media'), ...filesUnder('l10n')];
}


function sorted(a: Iterable<string>): string[] {
  return [...a].map((f) => f.replace(/\\/g, '/')).sort();
}

describe('the .vsix contents', function () {
  this.timeout(30_000);

  it('.vscodeignore lets through exactly what the extension needs (checked on a scratch copy of the layout)', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt-vsix-'));
    try {
      const copy = (rel: string) => {
        fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
        fs.copyFileSync(path.join(REPO, rel), path.join(tmp, rel));
      };
      const touch = (rel: string) => {
        fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
        fs.writeFileSync(path.join(tmp, rel), 'x');
      };
      for (const f of [...TOP, '.vscodeignore']) copy(f);
      for (const f of [...DIST, ...SCHEMAS, ...BUILTIN_SCHEMES, ...assetFiles()]) touch(f);
      // what a working tree also holds
      const noise = [
        'dist/extension.js.map', 'dist/server.js.map', 'dist/gbt27922.vsix', 'dist/other.js',
        'node_modules/vscode-languageclient/lib/main.js', 'node_modules/.bin/vsce',
        'client/src/extension.ts', 'server/src/server.ts', 'server/src/scheme/builtin/notes.md', 'server/src/model/index.ts', 'server/src/features/hover.ts',
        'test/unit/client/html.test.ts', 'test/vscode/runTests.ts', 'bench/run.ts', 'samples/manual/README.md', 'samples/EXPECTED.md',
        'scripts/build.mjs', 'docs/vscode-tests.md', 'out/test/index.js', 'test-results/counts.jsonl', 'bench-results/x.json',
        'tsconfig.json', 'eslint.config.mjs', '.mocharc.json', 'package-lock.json', '.git/HEAD', '.gitignore', 'media/notes.md',
      ];
      for (const f of noise) touch(f);
      const listed = sorted(await vsce.listFiles({ cwd: tmp, packageManager: PACKAGE_MANAGER_NONE }));
      const expected = sorted([...TOP, ...DIST, ...SCHEMAS, ...BUILTIN_SCHEMES, ...assetFiles()]);
      assert.deepEqual(listed, expected);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('every file the manifest and the client refer to is packaged (repo as it is; needs `npm run build`)', async function () {
    if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
    const listed = new Set(sorted(await vsce.listFiles({ cwd: REPO, packageManager: PACKAGE_MANAGER_NONE })));
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      main: string;
      icon: string;
      l10n: string;
      contributes: {
        grammars: { path: string }[];
        snippets: { path: string }[];
        jsonValidation: { url: string }[];
        viewsContainers: { activitybar: { icon: string }[] };
        views: Record<string, { icon?: string }[]>;
      };
    };
    const norm = (p: string) => path.posix.normalize(p.replace(/^\.\//, ''));
    const referenced = [
      pkg.main,
      pkg.icon,
      `${norm(pkg.l10n)}/bundle.l10n.zh-cn.json`,
      ...pkg.contributes.grammars.map((g) => g.path),
      ...pkg.contributes.snippets.map((s) => s.path),
      ...pkg.contributes.jsonValidation.map((j) => j.url).filter((u) => !/^https?:/.test(u)),
      ...pkg.contributes.viewsContainers.activitybar.map((v) => v.icon),
      ...Object.values(pkg.contributes.views).flatMap((vs) => vs.map((v) => v.icon).filter((i): i is string => !!i)),
      // loaded at run time by the client and the server
      'dist/server.js',
      'dist/parseWorker.js',
      'media/panel.js',
      'media/panel.css',
      'media/star.svg',
      'package.nls.zh-cn.json',
    ].map(norm);
    const missing = referenced.filter((f) => !listed.has(f));
    assert.deepEqual(missing, [], 'referenced but not packaged');
    for (const f of referenced) assert.ok(fs.existsSync(path.join(REPO, f)), `${f} exists`);
    assert.deepEqual([...listed].filter((f) => FORBIDDEN.test(f)), [], 'packaged but forbidden');
  });
});
