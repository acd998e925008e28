/**
 * The .vsix under test holds exactly what it should: checked here, in the layer that builds the
 * package before it runs (test/vscode/runTests.ts packages the extension and names the file in
 * GBT_VSCODE_VSIX_FILE). The unit layer checks the file list vsce would package.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { FORBIDDEN, REQUIRED, zipEntries } from '../../vsixContents';

describe('the packaged .vsix under test', () => {
  it('holds the bundles, manifest, strings, schemas and media, and nothing it must not (sources, tests, maps, node_modules)', function () {
    const vsix = process.env.GBT_VSCODE_VSIX_FILE;
    // `--dev` runs test the working tree, not a package: nothing to check (never in CI).
    if (!vsix) this.skip();
    const entries = zipEntries(vsix).filter((e) => !e.endsWith('/'));
    assert.deepEqual(entries.filter((e) => !e.startsWith('extension/')).sort(), ['[Content_Types].xml', 'extension.vsixmanifest']);
    const inExtension = entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));
    assert.deepEqual(inExtension.filter((f) => FORBIDDEN.test(f)), [], 'forbidden files in the .vsix');
    const lower = new Set(inExtension.map((f) => f.toLowerCase()));
    assert.deepEqual(REQUIRED.filter((f) => !lower.has(f.toLowerCase())), [], 'missing from the .vsix');
    const size = fs.statSync(vsix).size;
    assert.ok(size < 5 * 1024 * 1024, `the .vsix is ${size} bytes`);
  });
});
