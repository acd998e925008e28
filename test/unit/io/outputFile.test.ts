import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { OutputFileError, writeOutputFile } from '../../../server/src/io/outputFile';

describe('output files (io/outputFile)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt27922-out-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const entries = () => fs.readdirSync(dir).sort();

  it('writes, replaces a regular file, and creates missing parent folders', () => {
    const f = path.join(dir, 'a', 'b', 'out.json');
    writeOutputFile(f, '{"x":1}');
    writeOutputFile(f, '{"x":2}');
    assert.equal(fs.readFileSync(f, 'utf8'), '{"x":2}');
    assert.deepEqual(fs.readdirSync(path.dirname(f)), ['out.json'], 'no temporary file is left');
  });

  it('refuses to write through a symlink, dangling or not, and leaves its target alone', () => {
    const outside = path.join(dir, 'outside.txt');
    fs.writeFileSync(outside, 'precious');
    fs.symlinkSync(outside, path.join(dir, 'gbt27922.sarif'));
    fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling.md'));
    for (const name of ['gbt27922.sarif', 'dangling.md']) {
      for (const options of [{}, { append: true }, { exclusive: true }]) {
        assert.throws(() => writeOutputFile(path.join(dir, name), 'evil', options), (e: Error) => e instanceof OutputFileError && /symbolic link|already exists/.test(e.message), `${name} ${JSON.stringify(options)}`);
      }
    }
    assert.equal(fs.readFileSync(outside, 'utf8'), 'precious');
    assert.equal(fs.existsSync(path.join(dir, 'nowhere')), false);
  });

  it('exclusive: fails when the name exists; append: appends to a regular file only', () => {
    const f = path.join(dir, 'manual.md');
    writeOutputFile(f, 'one', { exclusive: true });
    assert.throws(() => writeOutputFile(f, 'two', { exclusive: true }), /already exists/);
    writeOutputFile(f, '+more', { append: true });
    assert.equal(fs.readFileSync(f, 'utf8'), 'one+more');
    assert.throws(() => writeOutputFile(dir, 'x', { append: true }), OutputFileError);
  });

  it('refuses to write onto one of the inputs, also through another path to it', () => {
    const input = path.join(dir, 'report.md');
    fs.writeFileSync(input, '# report');
    assert.throws(() => writeOutputFile(path.join(dir, '.', 'report.md'), 'x', { inputs: [input] }), /one of the input files/);
    assert.equal(fs.readFileSync(input, 'utf8'), '# report');
  });

  it('a write cut short (file size limit, as on a full disk) leaves the old file whole', () => {
    const f = path.join(dir, 'out.json');
    fs.writeFileSync(f, 'old');
    const mod = path.resolve('server/src/io/outputFile.ts');
    const script = `process.on('SIGXFSZ', () => {}); const { writeOutputFile } = require(${JSON.stringify(mod)}); try { writeOutputFile(${JSON.stringify(f)}, 'x'.repeat(64 * 1024)); } catch (e) { console.log(e.message); process.exit(3); }`;
    const r = spawnSync('bash', ['-c', `ulimit -f 8; exec "${process.execPath}" --import tsx -e "$0"`, script], { encoding: 'utf8' });
    assert.equal(r.status, 3, `the write must fail: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /cannot write .*EFBIG/);
    assert.equal(fs.readFileSync(f, 'utf8'), 'old');
    assert.deepEqual(entries(), ['out.json'], 'the temporary file is removed');
  });
});
