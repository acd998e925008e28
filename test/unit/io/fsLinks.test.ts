import { strict as assert } from 'node:assert';
import { createLinkChecker, resolveLinkTarget } from '../../../server/src/io/fsLinks';

describe('evidence links', () => {
  it('resolve relative to the file, a leading / from the workspace root, and drop #fragments and ?queries', () => {
    assert.deepEqual(resolveLinkTarget('audit/report.md', 'evidence/org-chart.md#top'), { status: 'inside', rel: 'audit/evidence/org-chart.md' });
    assert.deepEqual(resolveLinkTarget('audit/report.md', '../manual/README.md'), { status: 'inside', rel: 'manual/README.md' });
    assert.deepEqual(resolveLinkTarget('audit/report.md', '/manual/%E6%89%8B%E5%86%8C.md?x=1'), { status: 'inside', rel: 'manual/手册.md' });
  });

  it('skip URLs and anchors; call file: URLs, drive paths and anything above the root outside', () => {
    for (const t of ['https://example.com/a.md', 'mailto:a@b.c', '#anchor', '//cdn/x']) assert.deepEqual(resolveLinkTarget('r.md', t), { status: 'skip' }, t);
    for (const t of ['file:///etc/passwd', 'C:\\Windows\\win.ini', 'd:/x.md', '../../etc/passwd', 'a/../../b.md', '..%2Fx.md']) {
      assert.deepEqual(resolveLinkTarget('r.md', t), { status: 'outside' }, t);
    }
  });

  it('a checker asks about inside paths only, and reports missing ones', () => {
    const asked: string[] = [];
    const check = createLinkChecker((rel) => (asked.push(rel), rel === 'audit/evidence/a.md'));
    assert.equal(check('audit/r.md', 'evidence/a.md'), 'ok');
    assert.equal(check('audit/r.md', 'evidence/b.md'), 'missing');
    assert.equal(check('audit/r.md', 'file:///etc/passwd'), 'outside');
    assert.deepEqual(asked, ['audit/evidence/a.md', 'audit/evidence/b.md']);
  });
});
