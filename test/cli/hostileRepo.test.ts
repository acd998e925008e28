/**
 * A hostile repository on the command line (issue 20, items 1, 2, 5, 12, 13): settings that
 * name devices, FIFOs and files outside the checkout; globs that backtrack or overflow; Markdown
 * symlinks out of the workspace; a directory loop; FIFOs and devices named `*.md`. Each run has
 * a hang timeout (it ran for minutes, grew past 8 GB or blocked for ever before).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HOSTILE_GLOBS, largeJson, link, LONG_NAME, makeFifo, secretNotes, SMALL_AUDIT, writeFile } from '../fixtures/hostile/hostile';
import { json, makeTree, removeTree, run } from './helpers';

/** A hang check (killed after this), not a benchmark: the bench measures the time. */
const HANG_MS = Number(process.env.GBT27922_HANG_MS) || 20000;

function check(root: string, args: string[] = []) {
  return run(['check', '.', ...args], { cwd: root, timeoutMs: HANG_MS });
}

describe('cli: settings files a repository names (issue 20, item 1)', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    root = makeTree({ 'report.md': SMALL_AUDIT });
    outside = makeTree({ 'outside.scheme.json': '{"id": "outside", "extends": "gbt27922-2011", "aws_secret_access_key": "AKIA-SECRET"}' });
  });
  afterEach(() => {
    removeTree(root);
    removeTree(outside);
  });

  const config = (o: object) => fs.writeFileSync(path.join(root, 'gbt27922.config.json'), JSON.stringify(o));

  it('{"scheme": "/dev/zero"} and a scheme symlinked to /dev/zero: exit 2 at once, "outside the workspace"', () => {
    config({ scheme: '/dev/zero' });
    let r = check(root);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /gbt27922\.config\.json:1:2: .*\/dev\/zero: it is outside the workspace/);
    link(root, 'zero.scheme.json', '/dev/zero');
    config({ scheme: './zero.scheme.json' });
    r = check(root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /zero\.scheme\.json: it is outside the workspace/);
  });

  it('a FIFO, a folder and a 2 MB file as the scheme: refused with the reason, nothing blocks', () => {
    makeFifo(path.join(root, 'fifo.scheme.json'));
    fs.mkdirSync(path.join(root, 'dir.scheme.json'));
    writeFile(root, 'large.scheme.json', largeJson(2 * 1024 * 1024));
    for (const [file, why] of [
      ['fifo.scheme.json', /named pipe \(FIFO\), not a regular file/],
      ['dir.scheme.json', /a directory, not a regular file/],
      ['large.scheme.json', /larger than 1 MB/],
    ] as const) {
      config({ scheme: `./${file}` });
      const r = check(root);
      assert.equal(r.code, 2, `${file}: ${r.stderr}`);
      assert.match(r.stderr, why, file);
    }
  });

  it('"extends" and front-matter "scheme:" are held to the same rules', () => {
    writeFile(root, 'a.scheme.json', JSON.stringify({ id: 'a', extends: '/dev/zero' }));
    writeFile(root, 'b.scheme.json', JSON.stringify({ id: 'b', extends: path.relative(root, path.join(outside, 'outside.scheme.json')) }));
    for (const file of ['a.scheme.json', 'b.scheme.json']) {
      config({ scheme: `./${file}` });
      const r = check(root);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /cannot extend .*: it is outside the workspace/);
      assert.ok(!r.stderr.includes('AKIA-SECRET') && !r.stderr.includes('aws_secret'), r.stderr);
    }
    fs.rmSync(path.join(root, 'gbt27922.config.json'));
    writeFile(root, 'report.md', SMALL_AUDIT.replace('type: audit', 'type: audit\nscheme: /dev/zero'));
    const r = json(check(root, ['-f', 'json']));
    const p = r.problems.find((x) => x.code === 'unknown-scheme');
    assert.ok(p, JSON.stringify(r.problems.map((x) => x.code)));
    assert.match(p.message, /it is outside the workspace/);
  });

  it('a config file that is a FIFO or a link out of the checkout: exit 2 with the reason', () => {
    makeFifo(path.join(root, 'gbt27922.config.json'));
    let r = check(root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read config file gbt27922\.config\.json: it is a named pipe/);
    fs.rmSync(path.join(root, 'gbt27922.config.json'));
    link(root, 'gbt27922.config.json', path.join(outside, 'outside.scheme.json'));
    r = check(root);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read config file gbt27922\.config\.json: it is outside the workspace/);
  });

  it('a --config or --scheme the user names outside the checkout is read, but its keys are not echoed', () => {
    const secret = path.join(outside, 'outside.scheme.json');
    for (const args of [['--scheme', secret], ['--config', secret]]) {
      const r = check(root, args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /details are not shown for a file outside the workspace/);
      assert.ok(!r.stderr.includes('aws_secret_access_key'), r.stderr);
    }
  });
});

describe('cli: include / exclude globs (issue 20, item 2)', () => {
  let root: string;
  beforeEach(() => {
    root = makeTree({ 'report.md': SMALL_AUDIT, [LONG_NAME]: SMALL_AUDIT });
  });
  afterEach(() => removeTree(root));

  for (const [name, glob] of Object.entries(HOSTILE_GLOBS)) {
    it(`a ${name} glob: exit 2 with an invalid-config message at its position, no hang, no internal error`, () => {
      fs.writeFileSync(path.join(root, 'gbt27922.config.json'), `{\n  "include": ["**/*.md", ${JSON.stringify(glob)}]\n}\n`);
      const r = check(root);
      assert.equal(r.code, 2, r.stderr.slice(0, 500));
      assert.match(r.stderr, /gbt27922\.config\.json:2:26: \/include\/1: glob not used: /);
      assert.ok(!/internal error/.test(r.stderr));
      assert.ok(r.stderr.length < 2000, 'the message does not repeat a 70,000-character glob');
    });
  }
});

describe('cli: files that are not what they seem (issue 20, items 5, 12, 13)', () => {
  let root: string;
  let outside: string;
  beforeEach(() => {
    outside = makeTree({ 'private-notes.md': secretNotes('9.8.7.6') });
    root = makeTree({ 'docs/report.md': SMALL_AUDIT, 'docs/manual.md': secretNotes('5.1.1.1').replace('私人笔记', '手册') });
  });
  afterEach(() => {
    removeTree(root);
    removeTree(outside);
  });

  it('a Markdown symlink out of the workspace is not read (its tags are nowhere in the output); one inside is analysed once, by its real path', () => {
    link(root, 'docs/leak.md', path.join(outside, 'private-notes.md'));
    link(root, 'docs/alias.md', 'manual.md');
    const r = check(root, ['-f', 'json']);
    const report = json(r);
    assert.deepEqual(report.files.map((f) => f.file).sort(), ['docs/manual.md', 'docs/report.md']);
    assert.ok(!r.stdout.includes('9.8.7.6') && !r.stdout.includes('私人笔记'), 'nothing of the private file is printed');
  });

  it('a directory loop (ln -s . loop) is not walked: every file once', () => {
    link(root, 'loop', '.');
    link(root, 'docs/up', '..');
    const report = json(check(root, ['-f', 'json']));
    assert.deepEqual(report.files.map((f) => f.file).sort(), ['docs/manual.md', 'docs/report.md']);
  });

  it('FIFOs and a link to /dev/zero named *.md are skipped without blocking', () => {
    for (let i = 0; i < 4; i++) makeFifo(path.join(root, `docs/fifo-${i}.md`));
    link(root, 'docs/zero.md', '/dev/zero');
    const report = json(check(root, ['-f', 'json']));
    assert.deepEqual(report.files.map((f) => f.file).sort(), ['docs/manual.md', 'docs/report.md']);
  });
});
