import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as path from 'node:path';
import { canonicalUri, pathToUri, uriToPath } from '../../../server/src/index/uri';

/** VS Code's `URI.file(p).toString()` for a POSIX path, written out character by character. */
function vscodeFileUri(p: string): string {
  let out = '';
  for (const ch of p) out += /[A-Za-z0-9\-._~/]/.test(ch) ? ch : encodeURIComponent(ch).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return 'file://' + out;
}

describe('file URIs', () => {
  it('encode a path as VS Code does: spaces, Chinese, reserved characters', () => {
    assert.equal(pathToUri('/a b/手册.md'), 'file:///a%20b/%E6%89%8B%E5%86%8C.md');
    assert.equal(pathToUri("/x/[5.1]@(v2)!'*#?.md"), 'file:///x/%5B5.1%5D%40%28v2%29%21%27%2A%23%3F.md');
    assert.equal(pathToUri('/plain/a-b_c.d~e/f.md'), 'file:///plain/a-b_c.d~e/f.md');
    assert.equal(pathToUri('/e/😀.md'), 'file:///e/%F0%9F%98%80.md');
  });

  it('equal the character-by-character encoding for any path, and decode back to it', () => {
    const segment = fc.string({ unit: fc.oneof(fc.constantFrom(...'aZ09-._~ %:@[]()!*\'#?&=+,;$'), fc.constantFrom(...'手册审核报告'), fc.constantFrom('😀')), minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        const p = path.resolve('/' + segments.filter((s) => s !== '.' && s !== '..').join('/'));
        const uri = pathToUri(p);
        assert.equal(uri, vscodeFileUri(p));
        assert.equal(uriToPath(uri), p);
        assert.equal(canonicalUri(uri), uri);
      }),
      { seed: 27922, numRuns: 300 },
    );
  });

  it('canonical form of a differently spelled URI, the same when asked again; other schemes unchanged', () => {
    for (let i = 0; i < 2; i++) {
      assert.equal(canonicalUri('file:///a/[x].md'), 'file:///a/%5Bx%5D.md');
      assert.equal(canonicalUri('file:///a/%E6%89%8B.md'), 'file:///a/%E6%89%8B.md');
      assert.equal(canonicalUri('untitled:Untitled-1'), 'untitled:Untitled-1');
      assert.equal(uriToPath('untitled:Untitled-1'), undefined);
      assert.equal(uriToPath('file://host:bad/%'), undefined);
    }
  });
});
