/**
 * Bad files: invalid YAML front matter, config and scheme files with JSON errors or schema
 * violations, a binary file named .md, a 20 MB Markdown file, 10,000 tags in one file, lists
 * and block quotes nested 1,000 deep. Each gets a clear diagnostic; the server stays up and
 * another file still gets its diagnostics promptly; the CLI exits 2 with one clear message and
 * no stack trace for unreadable input, a bad config and a bad scheme.
 */
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { DocumentSymbolRequest, HoverRequest } from 'vscode-languageserver-protocol';
import {
  cleanupTemp,
  cliAvailable,
  delay,
  diagnosticsForVersion,
  DOCUMENT_SCORE,
  fileUri,
  rangeProblems,
  runCli,
  STACK_FRAME,
  startServer,
  tempDir,
  writeTree,
  type LspClient,
} from './helpers';
import { readFileSync } from 'node:fs';
import { defaultScheme } from '../../server/src/scheme/loader';

const MB = 1024 * 1024;

const GOOD_REPORT = `---
type: audit
organisation: 测试公司
---

# 审核报告

- [5.1.1.1] 80% 设立售后服务部。证据：组织架构图
- [5.1.1.2] 4分 网点覆盖全部地级市。
`;

const BAD_YAML = `---
type: audit
organisation: [unclosed
metrics: {a: 1
---

- [5.1.1.1] 80% 证据：组织架构图
`;

/** A manual with 10,000 tags: the scheme's items in turn, and an unknown ID in every 100th tag. */
function tenThousandTags(): string {
  const ids = defaultScheme().items.map((it) => it.id);
  const lines = ['---', 'type: manual', '---', '', '# 服务手册', ''];
  for (let i = 0; i < 10000; i++) lines.push(i % 100 === 99 ? `- 条目 ${i} [5.9.9.${i % 7}]` : `- 条目 ${i} [${ids[i % ids.length]}]`);
  return lines.join('\n') + '\n';
}

/** A list nested `depth` levels deep on one line (`- - - … [5.1.1.1]`), with a tag at the bottom. */
function deepListOneLine(depth: number): string {
  return `---\ntype: manual\n---\n\n${'- '.repeat(depth)}[5.1.1.1] 最深处 [5.9.9.9]\n`;
}

/** A list nested `depth` levels by indentation (the file grows with depth²), with a tag at the bottom. */
function deepList(depth: number): string {
  const lines = ['---', 'type: manual', '---', ''];
  for (let i = 0; i < depth; i++) lines.push(`${'  '.repeat(i)}- level ${i}`);
  lines.push(`${'  '.repeat(depth)}- [5.1.1.1] 最深处 [5.9.9.9]`);
  return lines.join('\n') + '\n';
}

function deepQuote(depth: number): string {
  return `---\ntype: manual\n---\n\n${'>'.repeat(depth)} [5.1.1.2] 引用 [5.9.9.8]\n`;
}

/** About `bytes` of realistic Markdown (a big manual section repeated). */
function bigMarkdown(bytes: number): string {
  const block = '## 服务网点 [5.1.1.2]\n\n自营服务中心 6 个、授权网点 412 家，覆盖全部销售区域地级市；网点准入、月度考核和退出机制运行有效。\n\n| 区域 | 网点 | 考核 |\n| --- | --- | --- |\n| 华东 | 120 | 合格 |\n\n';
  const n = Math.ceil(bytes / Buffer.byteLength(block));
  return '---\ntype: manual\n---\n\n# 手册\n\n' + block.repeat(n);
}

function codes(ds: Diagnostic[]): string[] {
  return ds.map((d) => String(d.code));
}

describe('robustness: bad files', function () {
  this.timeout(120000);
  let client: LspClient;
  let main: string;
  const roots: Record<string, string> = {};

  before(async () => {
    main = tempDir();
    const binary = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), randomBytes(64 * 1024)]);
    writeTree(main, {
      'good.md': GOOD_REPORT,
      'bad-yaml.md': BAD_YAML,
      'binary.md': binary,
      'huge.md': bigMarkdown(20 * MB),
      'tags.md': tenThousandTags(),
      'nested-list.md': deepListOneLine(100),
      'nested-indent.md': deepList(200),
      'nested-quote.md': deepQuote(100),
      'too-deep-list.md': deepListOneLine(1000) + '\n## 后文 [5.9.9.7]\n\n内容。\n',
      'too-deep-quote.md': deepQuote(1000),
    });
    roots.configSyntax = tempDir();
    writeTree(roots.configSyntax, { 'gbt27922.config.json': '{\n  "scheme": "gbt27922-2011",\n  "maxFileSizeMB": 10,,\n', 'report.md': GOOD_REPORT });
    roots.configSchema = tempDir();
    writeTree(roots.configSchema, {
      'gbt27922.config.json': JSON.stringify({ maxFileSizeMB: 'ten', colour: 'red', severity: { 'missing-evidence': 'loud' } }, null, 2),
      'report.md': GOOD_REPORT,
    });
    roots.schemeSyntax = tempDir();
    writeTree(roots.schemeSyntax, {
      'gbt27922.config.json': JSON.stringify({ scheme: './broken.scheme.json' }),
      'broken.scheme.json': '{ "id": "broken", "extends": "gbt27922-2011", "items": [ { "id": "5.4.1.1", ',
      'report.md': GOOD_REPORT,
    });
    roots.schemeSchema = tempDir();
    writeTree(roots.schemeSchema, {
      'gbt27922.config.json': JSON.stringify({ scheme: './wrong.scheme.json' }),
      'wrong.scheme.json': JSON.stringify({ id: 'wrong', extends: 'gbt27922-2011', points: 'a lot', items: [{ id: 'not an id', points: -3 }] }, null, 2),
      'report.md': GOOD_REPORT,
    });
    client = await startServer([main, ...Object.values(roots)]);
    await client.waitForIndexed(60000);
  });

  after(async () => {
    await client?.stop();
    cleanupTemp();
  });

  const diags = (root: string, rel: string, predicate: (d: Diagnostic[]) => boolean = (d) => d.length > 0) =>
    client.waitForDiagnostics(fileUri(join(root, rel)), predicate, 30000);

  it('invalid YAML front matter: one front-matter-invalid error with the YAML message, the body still analysed', async () => {
    const ds = await diags(main, 'bad-yaml.md', (d) => codes(d).includes('front-matter-invalid'));
    const fm = ds.filter((d) => d.code === 'front-matter-invalid');
    assert.equal(fm.length, 1, JSON.stringify(ds));
    assert.match(fm[0].message, /^Front matter is not valid YAML: .{10,}/);
    assert.ok(fm[0].range.start.line <= 4, 'points into the front matter');
    assert.deepEqual(rangeProblems(BAD_YAML, ds), []);
  });

  it('a binary file named .md: one not-text warning, nothing else', async () => {
    const ds = await diags(main, 'binary.md');
    assert.deepEqual(codes(ds), ['not-text']);
    assert.match(ds[0].message, /^File is not readable text \(.+\): it is not analysed\.$/);
  });

  it('a 20 MB Markdown file on disk: file-too-large (default limit 10 MB), not parsed', async () => {
    const ds = await diags(main, 'huge.md');
    assert.deepEqual(codes(ds), ['file-too-large']);
    assert.match(ds[0].message, /^File is 20\.\d MB, over the 10 MB limit: it is not analysed\.$/);
  });

  it('a 20 MB document opened in the editor: file-too-large, and the server keeps answering', async () => {
    const uri = fileUri(join(main, 'huge.md'));
    const text = readFileSync(join(main, 'huge.md'), 'utf8');
    await client.open(uri, text);
    const ds = await diagnosticsForVersion(client, uri, 1, 30000);
    assert.deepEqual(codes(ds), ['file-too-large']);
    const started = Date.now();
    const hover = await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 6, character: 10 } });
    assert.equal(hover, null, 'no hover on a file that is not analysed');
    assert.ok(Date.now() - started < 5000, `hover answered in ${Date.now() - started} ms`);
    await client.close(uri);
  });

  it('10,000 tags in one file: every unknown one reported (100), ranges inside the file', async () => {
    const text = tenThousandTags();
    const ds = await diags(main, 'tags.md');
    const unknown = ds.filter((d) => d.code === 'unknown-clause');
    assert.equal(unknown.length, 100, `unknown-clause count (codes: ${[...new Set(codes(ds))].join(', ')})`);
    assert.deepEqual(rangeProblems(text, ds), []);
  });

  it('a list nested 100 levels deep (on one line) and 200 deep (by indentation): analysed, tags found', async () => {
    const oneLine = await diags(main, 'nested-list.md', (d) => codes(d).includes('unknown-clause'));
    const unknown = oneLine.filter((d) => d.code === 'unknown-clause');
    assert.equal(unknown.length, 1, JSON.stringify(oneLine.slice(0, 5)));
    assert.deepEqual(unknown[0].range.start, { line: 4, character: 215 });
    assert.deepEqual(rangeProblems(deepListOneLine(100), oneLine), []);
    const indented = await diags(main, 'nested-indent.md', (d) => codes(d).includes('unknown-clause'));
    assert.deepEqual(
      indented.filter((d) => d.code === 'unknown-clause').map((d) => d.range.start.line),
      [204],
    );
  });

  it('block quotes nested 100 deep: analysed, no crash', async () => {
    const ds = await diags(main, 'nested-quote.md', (d) => codes(d).includes('unknown-clause'));
    assert.equal(ds.filter((d) => d.code === 'unknown-clause').length, 1, JSON.stringify(ds.slice(0, 5)));
  });

  it('lists or quotes opened 1,000 deep on one line (87 s for 10,000 before): one too-complex warning there, the rest of the file analysed', async () => {
    const list = await diags(main, 'too-deep-list.md', (d) => codes(d).includes('too-complex') && codes(d).includes('unknown-clause'));
    assert.deepEqual(list.filter((d) => d.code === 'too-complex').map((d) => [d.range.start.line, d.severity]), [[4, 2]]);
    assert.match(list.find((d) => d.code === 'too-complex')!.message, /a line opens 1000 nested lists or block quotes \(the limit is 100\)/);
    assert.deepEqual(list.filter((d) => d.code === 'unknown-clause').map((d) => d.range.start.line), [6], 'the section after it is read');
    const quote = await diags(main, 'too-deep-quote.md', (d) => codes(d).includes('too-complex'));
    assert.deepEqual(quote.map((d) => d.code), ['too-complex']);
  });

  it('a config file with a JSON syntax error: invalid-config on the config file, defaults used', async () => {
    const ds = await diags(roots.configSyntax, 'gbt27922.config.json');
    assert.ok(ds.length >= 1 && ds.every((d) => d.code === 'invalid-config'), JSON.stringify(ds));
    assert.match(ds[0].message, /^Config file problem: .*invalid JSON/);
    assert.equal(ds[0].range.start.line, 2, 'points at the second comma');
    const report = await diags(roots.configSyntax, 'report.md');
    assert.ok(codes(report).includes('missing-evidence'), 'the report is analysed with the defaults');
  });

  it('a config file that breaks its JSON Schema: each wrong setting named, defaults used', async () => {
    const ds = await diags(roots.configSchema, 'gbt27922.config.json', (d) => d.length >= 3);
    assert.ok(ds.every((d) => d.code === 'invalid-config'), JSON.stringify(ds));
    const text = ds.map((d) => d.message).join('\n');
    assert.match(text, /maxFileSizeMB/);
    assert.match(text, /colour/);
    assert.match(text, /missing-evidence|loud|severity/);
    const report = await diags(roots.configSchema, 'report.md');
    assert.ok(codes(report).includes('missing-evidence'));
  });

  it('a scheme file with a JSON syntax error: invalid-scheme, the report falls back to the default scheme', async () => {
    const ds = await diags(roots.schemeSyntax, 'broken.scheme.json');
    assert.ok(ds.length >= 1 && ds.every((d) => d.code === 'invalid-scheme'), JSON.stringify(ds));
    assert.match(ds[0].message, /^Scheme file problem: /);
    const report = await diags(roots.schemeSyntax, 'report.md');
    assert.ok(codes(report).includes('missing-evidence'));
  });

  it('a scheme file that breaks the scheme JSON Schema: invalid-scheme naming the paths', async () => {
    const ds = await diags(roots.schemeSchema, 'wrong.scheme.json');
    assert.ok(ds.length >= 1 && ds.every((d) => d.code === 'invalid-scheme'), JSON.stringify(ds));
    assert.match(ds.map((d) => d.message).join('\n'), /items|points/);
  });

  it('after all of that the server is still up and a new file gets its diagnostics within 5 s', async () => {
    assert.ok(client.isRunning);
    const uri = fileUri(join(main, 'new.md'));
    const started = Date.now();
    await client.open(uri, GOOD_REPORT.replace('4分', '2分 证据：记录'));
    const ds = await diagnosticsForVersion(client, uri, 1, 5000);
    const ms = Date.now() - started;
    assert.ok(ds.some((d) => d.code === 'unscored-item'), JSON.stringify(ds.slice(0, 3)));
    const payload = await client.requestRaw<{ kind: string; audit?: { scoredCount: number } }>(DOCUMENT_SCORE, { uri });
    assert.equal(payload.kind, 'audit');
    assert.equal(payload.audit?.scoredCount, 2);
    console.log(`      new file diagnosed in ${ms} ms`);
    assert.ok(!/uncaught exception|unhandled rejection/i.test(client.stderr), client.stderr.slice(-2000));
  });

  // Last in this server's life: while it is blocked, every other request waits too.
  it('the outline (documentSymbol) of the 10,000-tag file answers within 10 s (hang check)', async () => {
    const uri = fileUri(join(main, 'tags.md'));
    const started = Date.now();
    // A hang check, not a benchmark: the outline of this file must not freeze the server.
    const symbols = await Promise.race([
      client.request(DocumentSymbolRequest.type, { textDocument: { uri } }),
      delay(10000).then(() => 'no answer in 10 s' as const),
    ]);
    const ms = Date.now() - started;
    console.log(`      documentSymbol of 10,000 tags: ${ms} ms`);
    assert.ok(Array.isArray(symbols), `documentSymbol answered (${ms} ms): the server's main thread is blocked while it sorts 10,000 leaves`);
  });
});

describe('robustness: a file that is slow to parse does not block the others', function () {
  this.timeout(120000);
  let client: LspClient;

  after(async () => {
    await client?.stop();
    cleanupTemp();
  });

  it('while a 400-level nested list (165 KB, seconds of remark) is indexed on a worker, an open report gets diagnostics and hovers', async () => {
    const root = tempDir();
    writeTree(root, { 'slow.md': deepList(400) });
    client = await startServer([root]);
    // Indexing has begun (the slow file is on a worker) before the report is opened.
    await client.waitFor(() => [...client.progress.values()].some((p) => p.begin !== undefined), 10000, 'indexing to begin');
    const uri = fileUri(join(root, 'report.md'));
    const started = Date.now();
    await client.open(uri, GOOD_REPORT);
    const ds = await diagnosticsForVersion(client, uri, 1, 5000);
    const ms = Date.now() - started;
    const indexingDone = [...client.progress.values()].every((p) => p.end !== undefined);
    assert.ok(codes(ds).includes('unscored-item'), JSON.stringify(ds.slice(0, 3)));
    const hover = await client.request(HoverRequest.type, { textDocument: { uri }, position: { line: 7, character: 5 } });
    assert.ok(hover && JSON.stringify(hover.contents).includes('5.1.1.1'), 'hover answers');
    assert.ok(!indexingDone, 'the slow file was still being indexed (else this test proves nothing)');
    console.log(`      report diagnosed in ${ms} ms while indexing`);
    await client.waitForIndexed(90000);
    const slow = await client.waitForDiagnostics(fileUri(join(root, 'slow.md')), (d) => d.length > 0, 10000);
    assert.deepEqual(
      slow.filter((d) => d.code === 'unknown-clause').map((d) => d.range.start.line),
      [404],
    );
  });
});

describe('robustness: bad input to the CLI', function () {
  this.timeout(120000);
  let ws: string;

  before(function () {
    if (!cliAvailable()) {
      // The CLI bundle (server/src/cli/main.ts → dist/cli.js) has not landed yet.
      this.skip();
    }
    ws = tempDir();
    writeTree(ws, {
      'ok/report.md': GOOD_REPORT,
      'badconfig/gbt27922.config.json': '{ "scheme": ',
      'badconfig/report.md': GOOD_REPORT,
      'badscheme/gbt27922.config.json': JSON.stringify({ scheme: './s.scheme.json' }),
      'badscheme/s.scheme.json': JSON.stringify({ id: 'x', extends: 'gbt27922-2011', items: 'none' }),
      'badscheme/report.md': GOOD_REPORT,
      'binary/binary.md': Buffer.concat([Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0]), randomBytes(4096)]),
    });
  });

  after(() => cleanupTemp());

  function expectUsageError(args: string[], cwd: string, pattern: RegExp): void {
    const r = runCli(args, cwd);
    const out = `exit ${r.status}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
    assert.equal(r.status, 2, out);
    assert.doesNotMatch(r.stderr, STACK_FRAME, `no stack trace\n${out}`);
    assert.match(r.stderr, pattern, out);
    assert.ok(r.stderr.trim().split('\n').length <= 5, `a short message\n${out}`);
  }

  it('a path that does not exist: exit 2, "cannot read"', () => {
    expectUsageError(['check', 'no/such/file.md'], ws, /no[/\\]such[/\\]file\.md/);
  });

  it('a config file with a JSON error: exit 2 naming the file', () => {
    expectUsageError(['check', '.'], join(ws, 'badconfig'), /gbt27922\.config\.json/);
  });

  it('an explicit --config that does not exist: exit 2', () => {
    expectUsageError(['check', '--config', 'nope.json', '.'], join(ws, 'ok'), /nope\.json/);
  });

  it('a scheme file that breaks the schema: exit 2 naming the file', () => {
    expectUsageError(['check', '.'], join(ws, 'badscheme'), /s\.scheme\.json/);
  });

  it('an unknown --scheme: exit 2', () => {
    expectUsageError(['check', '--scheme', 'no-such-scheme', '.'], join(ws, 'ok'), /no-such-scheme/);
  });

  it('a binary .md named on the command line: a clear message, no stack trace', () => {
    const r = runCli(['check', 'binary/binary.md'], ws);
    const out = `exit ${r.status}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`;
    assert.ok(r.status === 1 || r.status === 2, out);
    assert.doesNotMatch(r.stderr + r.stdout, STACK_FRAME, out);
    assert.match(r.stderr + r.stdout, /binary\.md/, out);
  });
});
