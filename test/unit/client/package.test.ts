/**
 * What `npm run package` puts in the .vsix: exactly the bundles, the manifest and its strings,
 * grammar, snippets, media, l10n, the two JSON Schemas the manifest points at, and the README —
 * never node_modules, sources, tests, bench, samples or source maps.
 *
 * Fast: it asks vsce for the file list (the same code `vsce ls` and `vsce package` use) over a
 * scratch copy of the repo's layout, and over the repo itself for what the manifest references;
 * when a .vsix built after the last manifest/.vscodeignore change is in dist/, it also reads
 * that zip's central directory and checks its entries.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..', '..');
const VSIX = path.join(REPO, 'dist', 'gbt27922.vsix');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const vsce = require('@vscode/vsce') as { listFiles(o: { cwd: string; packageManager: number }): Promise<string[]> };
const PACKAGE_MANAGER_NONE = 2;

const DIST = ['dist/extension.js', 'dist/server.js', 'dist/parseWorker.js', 'dist/cli.js'];
const SCHEMAS = ['server/src/config/config.schema.json', 'server/src/scheme/scheme.schema.json'];
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

/** What must never be packaged. */
const FORBIDDEN =
  /^(node_modules|client|test|bench|samples|scripts|docs|out|\.git|test-results|bench-results)\/|\.map$|\.vsix$|\.ts$|^server\/src\/(?!config\/config\.schema\.json$|scheme\/scheme\.schema\.json$|scheme\/builtin\/[^/]+\.json$)/;

function sorted(a: Iterable<string>): string[] {
  return [...a].map((f) => f.replace(/\\/g, '/')).sort();
}

/** Names of the entries of a zip file, read from its central directory (no dependency). */
export function zipEntries(file: string): string[] {
  const buf = fs.readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
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

  it('the built .vsix holds only what it should (packaged here when missing or older than the manifest)', function () {
    // A fresh clone has no .vsix yet when this layer runs (the real-VS-Code layer packages later):
    // package it now rather than skip (about 5 s).
    this.timeout(180_000);
    const stale = () => !fs.existsSync(VSIX) || fs.statSync(VSIX).mtimeMs < Math.max(...['package.json', '.vscodeignore'].map((f) => fs.statSync(path.join(REPO, f)).mtimeMs));
    if (stale()) {
      const r = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO, encoding: 'utf8', timeout: 150_000 });
      assert.equal(r.status, 0, `npm run package failed: ${r.stderr || r.stdout}`);
      assert.ok(!stale(), 'npm run package wrote dist/gbt27922.vsix');
    }
    const entries = zipEntries(VSIX).filter((e) => !e.endsWith('/'));
    const inExtension = entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
    assert.deepEqual(sorted(entries.filter((e) => !e.startsWith('extension/'))), ['[Content_Types].xml', 'extension.vsixmanifest']);
    assert.deepEqual(inExtension.filter((f) => FORBIDDEN.test(f)), [], 'forbidden files in the .vsix');
    const lower = new Set(inExtension.map((f) => f.toLowerCase()));
    for (const f of ['package.json', 'readme.md', ...DIST, ...SCHEMAS, 'package.nls.json', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.zh-cn.json', 'media/panel.js', 'media/icon.png']) {
      assert.ok(lower.has(f.toLowerCase()), `${f} is in the .vsix`);
    }
    const size = fs.statSync(VSIX).size;
    assert.ok(size < 5 * 1024 * 1024, `the .vsix is ${size} bytes`);
  });
});
