/**
 * Output files in a repository we did not write (issue 20, item 9), as CI meets them: the
 * README's own Action example writes `--sarif-file gbt27922.sarif` in the checkout of a pull
 * request, where that name (or a folder on the way) can be a committed symlink; a full disk
 * (here `ulimit -f`) must leave the old file whole; `-o` must not overwrite an input; `init`
 * must not follow a dangling symlink. Every case also checks that nothing outside was touched.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { link, SMALL_AUDIT } from '../fixtures/hostile/hostile';
import { CLI, makeTree, removeTree, run } from './helpers';

describe('cli: output files never follow a symlink, never half-written, never onto an input (issue 20, item 9)', () => {
  let root: string;
  let outside: string;
  const victim = () => path.join(outside, 'victim.txt');
  beforeEach(() => {
    root = makeTree({ 'report.md': SMALL_AUDIT, 'manual.md': '---\ntype: manual\n---\n# 手册 [5.1.1.1]\n\n设立售后服务部门。\n' });
    outside = makeTree({ 'victim.txt': 'precious\n' });
  });
  afterEach(() => {
    removeTree(root);
    removeTree(outside);
  });

  const untouched = () => {
    assert.equal(fs.readFileSync(victim(), 'utf8'), 'precious\n', 'the file outside the checkout is unchanged');
    assert.deepEqual(fs.readdirSync(outside), ['victim.txt'], 'nothing new outside the checkout');
  };

  it('--sarif-file gbt27922.sarif committed as a symlink (the README example): exit 2, the link target untouched', () => {
    link(root, 'gbt27922.sarif', victim());
    const r = run(['check', '.', '--format', 'github', '--sarif-file', 'gbt27922.sarif'], { cwd: root });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /refusing to write gbt27922\.sarif: it is a symbolic link/);
    untouched();
  });

  it('a dangling symlink at -o or --summary-file: refused, nothing created where it points', () => {
    link(root, 'out.json', path.join(outside, 'new.json'));
    link(root, 'summary.md', path.join(outside, 'summary.md'));
    assert.equal(run(['check', '.', '-f', 'json', '-o', 'out.json'], { cwd: root }).code, 2);
    const s = run(['check', '.', '--summary-file', 'summary.md'], { cwd: root });
    assert.equal(s.code, 2);
    assert.match(s.stderr, /symbolic link/);
    untouched();
  });

  it('a symlinked folder on the way out of the checkout (reports -> elsewhere): refused before any folder is made', () => {
    link(root, 'reports', outside);
    const r = run(['check', '.', '--sarif-file', 'reports/sub/gbt27922.sarif'], { cwd: root });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /symbolic link that leads outside/);
    untouched();
    // A path the user names outside the checkout is theirs to choose.
    const chosen = path.join(outside, 'chosen.sarif');
    assert.equal(run(['check', '.', '--sarif-file', chosen], { cwd: root }).code, 1);
    assert.ok(JSON.parse(fs.readFileSync(chosen, 'utf8')).runs);
  });

  it('a write cut short by the file size limit (ulimit -f, as on a full disk) leaves the old file whole and no temporary file', () => {
    fs.writeFileSync(path.join(root, 'out.json'), '{"old": true}\n');
    // Enough problems for the JSON to pass 8 KB.
    for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(root, `r${i}.md`), SMALL_AUDIT);
    const r = spawnSync('bash', ['-c', `ulimit -f 8; exec "${process.execPath}" "${CLI}" check . -f json -o out.json`], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 2, `exit ${r.status} ${r.signal ?? ''}: ${r.stderr}`);
    assert.match(r.stderr, /cannot write out\.json: EFBIG/);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'out.json'), 'utf8')), { old: true });
    assert.deepEqual(fs.readdirSync(root).filter((f) => f.endsWith('.tmp')), []);
  });

  it('-o onto one of the inputs (also by another path to it): refused, the input unchanged', () => {
    for (const target of ['report.md', './sub/../report.md']) {
      const r = run(['check', 'report.md', '-o', target], { cwd: root });
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /one of the input files/);
      assert.equal(fs.readFileSync(path.join(root, 'report.md'), 'utf8'), SMALL_AUDIT);
    }
  });

  it('init onto a dangling symlink (which passes an exists-check): refused, with or without --force; the link is never followed', () => {
    link(root, 'new-manual.md', path.join(outside, 'planted.md'));
    const r = run(['init', 'manual', '-o', 'new-manual.md'], { cwd: root });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /refusing to write new-manual\.md: it is a symbolic link/);
    const forced = run(['init', 'manual', '-o', 'new-manual.md', '--force'], { cwd: root });
    assert.equal(forced.code, 2);
    assert.match(forced.stderr, /symbolic link/);
    untouched();
  });
});
