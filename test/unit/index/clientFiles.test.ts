/**
 * File access through the client, both ends: the server's ClientFiles (server/src/index/
 * clientFiles.ts) sends its requests, through a JSON round trip as over a real transport, to the
 * client's WorkspaceFiles (client/src/workspaceFiles.ts), which answers from an in-memory file
 * system standing in for `vscode.workspace.fs` on github.dev (`vscode-vfs://github/o/r`).
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import { WorkspaceFiles, insideWorkspace } from '../../../client/src/workspaceFiles';
import { ClientFiles } from '../../../server/src/index/clientFiles';
import { fromBase64, toBase64, toBase64Url } from '../../../server/src/io/base64';
import { MemoryFileSystem, parseUri as parse, type MemoryEntry } from '../../../bench/memoryFiles';
import { pathToUri, uriToPath } from '../../../server/src/index/uri';

const FOLDER = 'vscode-vfs://github/o/r';

/** Server ↔ client with every message through JSON, as on the wire. */
function connect(files: Record<string, MemoryEntry>, bytesPerRequest?: number) {
  const mem = new MemoryFileSystem(FOLDER, files);
  const client = new WorkspaceFiles({ fs: mem, parse, folders: () => [parse(FOLDER)] });
  const requests: string[] = [];
  /** Bytes carried by each file-read answer. */
  const answerBytes: number[] = [];
  const handlers: Record<string, (p: never) => Promise<unknown>> = {
    'gbt27922/files/readDirectories': (p) => client.readDirectories(p),
    'gbt27922/files/read': (p) => client.readFiles(p),
    'gbt27922/files/stat': (p) => client.stat(p),
  };
  const server = new ClientFiles(async <P, R>(method: string, params: P): Promise<R> => {
    requests.push(method);
    const answer = await handlers[method](JSON.parse(JSON.stringify(params)) as never);
    if (method === 'gbt27922/files/read') answerBytes.push((answer as { base64?: string }[]).reduce((n, a) => n + ((a.base64?.length ?? 0) * 3) / 4, 0));
    return JSON.parse(JSON.stringify(answer)) as R;
  }, undefined, bytesPerRequest);
  return { server, client, mem, requests, answerBytes };
}

const root = uriToPath(FOLDER)!;
const at = (rel: string) => uriToPath(`${FOLDER}/${rel}`)!;
const DEFAULT = { root, include: ['**/*.md', '**/*.markdown'], exclude: ['drafts/**'], maxFileSizeMB: 10 };

describe('file access through the client (virtual workspaces)', () => {
  it('virtual paths: a github.dev URI maps to a path and back, relative paths work on it', () => {
    assert.equal(pathToUri(at('docs/审核 报告.md')), `${FOLDER}/docs/%E5%AE%A1%E6%A0%B8%20%E6%8A%A5%E5%91%8A.md`);
    assert.equal(uriToPath('vscode-vfs://github/o/r/docs/%E5%AE%A1.md'), at('docs/审.md'));
    assert.ok(root.includes('\0'), 'a virtual path cannot be a real one');
    assert.equal(uriToPath('vscode-notebook-cell:/x.ipynb#W1'), undefined, 'a notebook cell has no path');
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
    assert.equal(uriToPath('vscode-vfs://github/o/r/%2F..%2Fetc'), undefined, 'an encoded separator is refused');
  });

  it('finds the Markdown files the folder takes: include/exclude, never node_modules/.git, never through a symlink', async () => {
    const { server, requests } = connect({
      'README.md': '# r',
      'docs/manual/a.md': '# a',
      'docs/manual/deep/b.markdown': '# b',
      'docs/notes.txt': 'no',
      'drafts/x.md': 'excluded',
      'node_modules/p/readme.md': 'no',
      '.git/x.md': 'no',
      'linked.md': { link: '/etc/passwd' },
      'linkdir': { dirLink: '/' },
    });
    const r = await server.discover([root], DEFAULT);
    assert.deepEqual(
      r.files.map((f) => f.rel),
      ['README.md', 'docs/manual/a.md', 'docs/manual/deep/b.markdown'],
    );
    assert.deepEqual(r.unreadable, []);
    // one stat, then one request per level of the tree (root, docs, docs/manual, docs/manual/deep)
    assert.deepEqual(requests, ['gbt27922/files/stat', ...Array(4).fill('gbt27922/files/readDirectories')]);
  });

  it('reads and decodes files like the disk: UTF-8, GB18030, UTF-16 with BOM; binary is not text', async () => {
    const gb = iconv.encode('# 售后服务手册 [5.1.2.2]\n', 'gb18030');
    const utf16 = Uint8Array.from([0xff, 0xfe, ...iconv.encode('# 审核\n', 'utf16le')]);
    const { server } = connect({ 'a.md': '# 手册\n', 'gb.md': new Uint8Array(gb), 'u16.md': utf16, 'bin.md': Uint8Array.from([0, 1, 2, 3, 0, 0]) });
    const reads = await server.readFiles(['a.md', 'gb.md', 'u16.md', 'bin.md', 'missing.md'].map((f) => ({ path: at(f), maxBytes: 1000 })));
    assert.deepEqual(reads.map((r) => r.kind), ['text', 'text', 'text', 'not-text', 'unreadable']);
    assert.equal(reads[0].kind === 'text' && reads[0].text, '# 手册\n');
    assert.equal(reads[1].kind === 'text' && reads[1].text, '# 售后服务手册 [5.1.2.2]\n');
    assert.equal(reads[2].kind === 'text' && reads[2].text, '# 审核\n');
    assert.ok(reads[0].kind === 'text' && /^[A-Za-z0-9_-]{27}$/.test(reads[0].hash), 'a SHA-1 content hash');
  });

  it('never reads more than the limit, a symbolic link, or anything outside the workspace folders', async () => {
    const { server, client, mem } = connect({ 'big.md': 'x'.repeat(5000), 'ok.md': 'fine', 'linked.md': { link: 'secret' } });
    const reads = await server.readFiles([
      { path: at('big.md'), maxBytes: 4096 },
      { path: at('linked.md'), maxBytes: 4096 },
      { path: uriToPath('vscode-vfs://github/o/other/x.md')!, maxBytes: 4096 },
      { path: at('ok.md'), maxBytes: 4096 },
    ]);
    assert.deepEqual(reads.map((r) => r.kind), ['too-large', 'unreadable', 'unreadable', 'text']);
    assert.equal(reads[0].kind === 'too-large' && reads[0].bytes, 5000);
    assert.equal(mem.calls.bytesRead, 4, 'only ok.md was read');
    // what the client refuses when asked directly (a hostile or confused server)
    const direct = await client.readFiles({ files: [`${FOLDER}/../other/x.md`, `${FOLDER}/ok.md?x=1`, 'vscode-vfs://github/o/r2/ok.md', 'file:///etc/passwd'].map((uri) => ({ uri, maxBytes: 4096 })) });
    assert.deepEqual(direct.map((d) => d.kind), ['unreadable', 'unreadable', 'unreadable', 'unreadable']);
    assert.ok(insideWorkspace(parse(`${FOLDER}/a/b.md`), [parse(FOLDER)]));
    assert.ok(!insideWorkspace(parse(`${FOLDER}/a/../../r2/b.md`), [parse(FOLDER)]));
    assert.ok(!insideWorkspace(parse('vscode-vfs://github/o/r2/b.md'), [parse(FOLDER)]), 'a sibling whose name starts the same');
  });

  it('a large batch arrives in several answers, none over the byte budget, every file read once', async () => {
    const files: Record<string, string> = {};
    // 20 files of 18 KB in one batch, answers of at most 64 KB (8 MB in the product)
    for (let i = 0; i < 20; i++) files[`f${String(i).padStart(2, '0')}.md`] = `# ${i}\n` + '字'.repeat(6_000);
    const { server, mem, answerBytes } = connect(files, 64 * 1024);
    const names = Object.keys(files);
    const reads = await server.readFiles(names.map((f) => ({ path: at(f), maxBytes: 10 * 1024 * 1024 })));
    reads.forEach((r, i) => assert.ok(r.kind === 'text' && r.text === files[names[i]], `${names[i]} read whole`));
    assert.equal(mem.calls.readFile, 20, 'each file read once');
    assert.ok(answerBytes.length >= 5, `${answerBytes.length} answers`);
    assert.ok(answerBytes.every((b) => b <= 64 * 1024), `answers of ${answerBytes.map((b) => (b / 1024).toFixed(1)).join(', ')} KB`);
  });

  it('stat: file, directory, nothing, and "cannot tell" outside the workspace', async () => {
    const { server } = connect({ 'a.md': 'x', 'evidence/roster.pdf': 'pdf' });
    assert.deepEqual(await server.stat([at('a.md'), at('evidence'), at('evidence/none.pdf'), uriToPath('vscode-vfs://github/x/y/z')!]), ['file', 'directory', 'missing', 'unknown']);
  });

  it('settings files: 1 MB at most, and inside the roots when the repository names them', async () => {
    const { server } = connect({ 'gbt27922.config.json': '{"scheme": "ten-star"}', 'big.scheme.json': ' '.repeat(1024 * 1024 + 1) });
    assert.deepEqual(await server.readSettings(at('gbt27922.config.json'), [root]), { text: '{"scheme": "ten-star"}' });
    assert.deepEqual(await server.readSettings(at('big.scheme.json'), [root]), { reason: 'larger than 1 MB' });
    assert.deepEqual(await server.readSettings(uriToPath('vscode-vfs://github/o/other/x.json')!, [root]), { reason: 'it is outside the workspace' });
    const missing = await server.readSettings(at('none.json'), [root]);
    assert.ok('reason' in missing && missing.missing === true);
  });

  it('a client that does not answer: nothing is read, nothing throws', async () => {
    const server = new ClientFiles(async () => {
      throw new Error('Unhandled method gbt27922/files/read');
    });
    assert.deepEqual(await server.readFiles([{ path: at('a.md'), maxBytes: 10 }]), [{ kind: 'unreadable' }]);
    assert.deepEqual(await server.stat([at('a.md')]), ['unknown']);
    assert.deepEqual((await server.discover([root], DEFAULT)).files, []);
  });

  it('base64 both ways, as Node writes it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        assert.equal(toBase64(bytes), Buffer.from(bytes).toString('base64'));
        assert.equal(toBase64Url(bytes), Buffer.from(bytes).toString('base64url'));
        assert.deepEqual(fromBase64(toBase64(bytes)), bytes);
        assert.deepEqual(fromBase64(toBase64Url(bytes)), bytes);
      }),
      { seed: 27922, numRuns: 300 },
    );
    assert.equal(fromBase64('not base64!'), undefined);
  });
});
