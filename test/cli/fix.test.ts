/**
 * `gbt27922 check --fix`: the editor's fix all, on disk. It writes the safe fixes, reports each
 * change (text on stdout, `fixes` in JSON, stderr for the machine formats), reports on the
 * files as changed, keeps each file's encoding and mode, leaves suppressed problems alone, and
 * writes nothing through a symlink nor anything without --fix.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { json, makeTree, removeTree, run } from './helpers';

const REPORT = '---\ntype: audit\n---\n# 报告\n\n- [5.1.1.2] 4/5 证据：网点清单\n- [5.1.2.22] 80% 证据：证书\n- 【５．１．３．９】 80% 证据：账目\n- 【５．１．５．１】 100% 证据：记录\n';

describe('cli: check --fix', () => {
  it('applies the safe fixes, lists them, and reports on the fixed files; ambiguous IDs stay', () => {
    const t = makeTree({ 'r.md': REPORT });
    try {
      const r = run(['check', '.', '--fix'], { cwd: t });
      const lines = r.stdout.split('\n');
      assert.deepEqual(lines.slice(0, 3), ['r.md:6:13: fixed: 4/5 → 2.4/3 [max-mismatch]', 'r.md:7:4: fixed: 5.1.2.22 → 5.1.2.2 [unknown-clause]', 'fixed: 2 (1 file)']);
      assert.equal(fs.readFileSync(path.join(t, 'r.md'), 'utf8'), REPORT.replace('4/5', '2.4/3').replace('5.1.2.22', '5.1.2.2'));
      // The report describes the fixed file: only the ambiguous ID is still an error.
      // Besides the items the small report leaves unscored (errors too), the one problem left is the ambiguous ID.
      assert.deepEqual(
        r.stdout.match(/^r\.md:\d+:\d+: error: .*$/gm)!.filter((l) => !l.endsWith('[unscored-item]')),
        ['r.md:8:4: error: Unknown clause 5.1.3.9 in scheme gbt27922-2011. Did you mean 5.1.3.1, 5.1.3.2, 5.1.3.3? [unknown-clause]'],
      );
      assert.equal(r.code, 1);
      // Run again: nothing left to fix.
      const again = json(run(['check', '.', '--fix', '-f', 'json'], { cwd: t }));
      assert.deepEqual(again.fixes, []);
    } finally {
      removeTree(t);
    }
  });

  it('--fix-ascii-ids also rewrites full-width IDs; JSON lists the changes; machine formats list them on stderr', () => {
    const t = makeTree({ 'r.md': REPORT });
    try {
      const r = json(run(['check', '.', '--fix-ascii-ids', '-f', 'json'], { cwd: t }));
      assert.deepEqual(
        r.fixes.map((f) => [f.line, f.column, f.kind, f.before, f.after]),
        [
          [6, 13, 'max-mismatch', '4/5', '2.4/3'],
          [7, 4, 'unknown-clause', '5.1.2.22', '5.1.2.2'],
          [8, 4, 'full-width-id', '５．１．３．９', '5.1.3.9'],
          [9, 4, 'full-width-id', '５．１．５．１', '5.1.5.1'],
        ],
      );
      assert.ok(fs.readFileSync(path.join(t, 'r.md'), 'utf8').includes('- 【5.1.5.1】 100%'));
      fs.writeFileSync(path.join(t, 'r.md'), REPORT);
      const gl = run(['check', '.', '--fix', '-f', 'gitlab'], { cwd: t });
      assert.ok(Array.isArray(JSON.parse(gl.stdout)));
      assert.match(gl.stderr, /^gbt27922: r\.md:6:13: fixed: 4\/5 → 2\.4\/3 \[max-mismatch\]$/m);
    } finally {
      removeTree(t);
    }
  });

  it('keeps the encoding (GB18030, UTF-8 with BOM, UTF-16 LE) and the file mode; leaves suppressed problems alone', () => {
    const suppressed = REPORT.replace('- [5.1.1.2] 4/5', '<!-- gbt27922-disable-next-line max-mismatch -- 原始记录如此 -->\n- [5.1.1.2] 4/5');
    const t = makeTree({
      'gbk.md': iconv.encode(REPORT, 'gb18030'),
      'bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(REPORT.replace(/\n/g, '\r\n'))]),
      'utf16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REPORT, 'utf16le')]),
      'kept.md': suppressed,
    });
    try {
      fs.chmodSync(path.join(t, 'gbk.md'), 0o640);
      const r = json(run(['check', '.', '--fix', '-f', 'json'], { cwd: t }));
      assert.deepEqual([...new Set(r.fixes.map((f) => f.file))].sort(), ['bom.md', 'gbk.md', 'kept.md', 'utf16.md']);
      const fixed = REPORT.replace('4/5', '2.4/3').replace('5.1.2.22', '5.1.2.2');
      assert.equal(iconv.decode(fs.readFileSync(path.join(t, 'gbk.md')), 'gb18030'), fixed);
      assert.equal(fs.statSync(path.join(t, 'gbk.md')).mode & 0o777, 0o640);
      const bom = fs.readFileSync(path.join(t, 'bom.md'));
      assert.deepEqual([...bom.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(bom.subarray(3).toString('utf8'), fixed.replace(/\n/g, '\r\n'));
      const u16 = fs.readFileSync(path.join(t, 'utf16.md'));
      assert.deepEqual([...u16.subarray(0, 2)], [0xff, 0xfe]);
      assert.equal(u16.subarray(2).toString('utf16le'), fixed);
      assert.deepEqual(r.files.filter((f) => f.file !== 'kept.md').map((f) => f.encoding).sort(), ['gb18030', 'utf-16le', 'utf-8-bom']);
      const kept = fs.readFileSync(path.join(t, 'kept.md'), 'utf8');
      assert.ok(kept.includes('- [5.1.1.2] 4/5') && kept.includes('- [5.1.2.2] 80%'), kept);
      assert.ok(r.suppressed.some((p) => p.file === 'kept.md' && p.code === 'max-mismatch'));
    } finally {
      removeTree(t);
    }
  });

  it('never writes through a symlink, and writes nothing without --fix', () => {
    const t = makeTree({ 'real/r.md': REPORT, 'docs/.keep': '' });
    try {
      fs.symlinkSync(path.join(t, 'real/r.md'), path.join(t, 'docs/link.md'));
      run(['check', 'docs', '--fix'], { cwd: t });
      assert.equal(fs.readFileSync(path.join(t, 'real/r.md'), 'utf8'), REPORT, 'the link target is untouched');
      assert.ok(fs.lstatSync(path.join(t, 'docs/link.md')).isSymbolicLink());
      // Named on the command line, the link is read, but --fix refuses to write through it.
      const named = run(['check', 'docs/link.md', '--fix'], { cwd: t });
      assert.equal(named.code, 2);
      assert.match(named.stderr, /^gbt27922: --fix: refusing to write .*link\.md: it is a symbolic link/m);
      assert.equal(fs.readFileSync(path.join(t, 'real/r.md'), 'utf8'), REPORT);
      const plain = run(['check', 'real'], { cwd: t });
      assert.equal(plain.code, 1);
      assert.equal(fs.readFileSync(path.join(t, 'real/r.md'), 'utf8'), REPORT);
      assert.doesNotMatch(plain.stdout, /fixed/);
    } finally {
      removeTree(t);
    }
  });
});
