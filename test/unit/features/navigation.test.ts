import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { loadSchemeText } from '../../../server/src/scheme/loader';
import { SymbolKind, type DocumentSymbol, type Location, type LocationLink, type Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { definition } from '../../../server/src/features/definition';
import { references } from '../../../server/src/features/references';
import { documentSymbols, workspaceSymbols } from '../../../server/src/features/symbols';
import { MemoryWorkspace, positionOf, uriOf } from './memoryWorkspace';
import { MANUAL_GOODS, MANUAL_ORG, REPORT, workspaceFiles } from './fixtures';

const r = (sl: number, sc: number, el: number, ec: number): Range => ({ start: { line: sl, character: sc }, end: { line: el, character: ec } });
const slice = (text: string, range: Range) => {
  const doc = TextDocument.create('x', 'markdown', 0, text);
  return text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
};

describe('features/definition', () => {
  const ws = new MemoryWorkspace(workspaceFiles());

  it('an audit tag goes to the manual section covering the item (link: origin = the ID, target = section, selection = heading)', () => {
    const links = definition(ws, { textDocument: { uri: uriOf('audit/report.md') }, position: positionOf(REPORT, '5.1.1.1', 2) }, { linkSupport: true }) as LocationLink[];
    assert.equal(links.length, 1);
    assert.equal(links[0].targetUri, uriOf('manual/01-组织.md'));
    assert.deepEqual(links[0].originSelectionRange, r(8, 3, 8, 10));
    assert.equal(slice(MANUAL_ORG, links[0].targetSelectionRange), '### 售后服务部门设置 [5.1.1.1]');
    assert.equal(slice(MANUAL_ORG, links[0].targetRange), '### 售后服务部门设置 [5.1.1.1]\n\n公司设立客户服务部，下设三个科室。');
    const locs = definition(ws, { textDocument: { uri: uriOf('audit/report.md') }, position: positionOf(REPORT, '5.1.1.1', 2) }) as Location[];
    assert.deepEqual(locs, [{ uri: uriOf('manual/01-组织.md'), range: r(4, 0, 4, 22) }]);
  });

  it('an item covered by a range tag in a heading, and by a block tag: the section / the block', () => {
    const files = { ...workspaceFiles(), 'audit/report.md': REPORT + '\n- [5.2.4.2] 80% 证据：工单\n- [5.1.6.3] 80% 证据：证书\n' };
    const w = new MemoryWorkspace(files);
    const text = w.textOf('audit/report.md');
    const toRange = definition(w, { textDocument: { uri: uriOf('audit/report.md') }, position: positionOf(text, '5.2.4.2', 1) }) as Location[];
    assert.deepEqual(toRange.map((l) => [l.uri, slice(MANUAL_GOODS, l.range)]), [[uriOf('manual/02-商品.md'), '## 报修与维修 [5.2.4.1-5.2.4.3]']]);
    const toBlock = definition(w, { textDocument: { uri: uriOf('audit/report.md') }, position: positionOf(text, '5.1.6.3', 1) }, { linkSupport: true }) as LocationLink[];
    assert.equal(slice(MANUAL_ORG, toBlock[0].targetRange), '公司已通过 ISO 9001 认证。【５．１．６．３】');
  });

  it('a manual tag goes to the item’s catalog entry in the built-in scheme JSON', () => {
    const locs = definition(ws, { textDocument: { uri: uriOf('manual/01-组织.md') }, position: positionOf(MANUAL_ORG, '5.1.1.1', 2) }) as Location[];
    assert.equal(locs.length, 1);
    assert.match(locs[0].uri, /\/server\/src\/scheme\/builtin\/gbt27922-2011\.json$/);
    const json = readFileSync(fileURLToPath(locs[0].uri), 'utf8');
    assert.equal(slice(json, locs[0].range), '"5.1.1.1"');
  });

  it('with a workspace scheme that extends the built-in one: its own item, or its override and then the built-in entry', () => {
    const file = resolve(__dirname, '../../../samples/schemes/acme-extended.json');
    const loaded = loadSchemeText(readFileSync(file, 'utf8'), file);
    assert.ok(loaded.ok);
    const manual = '---\ntype: manual\n---\n# 手册\n\n## 在线自助服务 [5.4.1.1]\n\n开通小程序报修。\n\n## 投诉处理 [5.3.2.2]\n\n专人处理投诉。\n';
    const w = new MemoryWorkspace({ 'm.md': manual }, { scheme: loaded.scheme });
    const at = (needle: string) => (definition(w, { textDocument: { uri: uriOf('m.md') }, position: positionOf(manual, needle, 2) }) as Location[]).map((l) => [l.uri.replace(/^.*\//, ''), slice(readFileSync(fileURLToPath(l.uri), 'utf8'), l.range)]);
    assert.deepEqual(at('5.4.1.1'), [['acme-extended.json', '"5.4.1.1"']]);
    assert.deepEqual(at('5.3.2.2'), [['acme-extended.json', '"5.3.2.2"'], ['gbt27922-2011.json', '"5.3.2.2"']]);
  });

  it('an unknown ID and plain text have no definition', () => {
    assert.equal(definition(ws, { textDocument: { uri: uriOf('audit/report.md') }, position: positionOf(REPORT, '5.1.3.9', 2) }), null);
    assert.equal(definition(ws, { textDocument: { uri: uriOf('notes.md') }, position: { line: 2, character: 6 } }), null);
  });
});

describe('features/references', () => {
  const ws = new MemoryWorkspace(workspaceFiles());
  const refs = (path: string, needle: string, includeDeclaration: boolean) =>
    references(ws, { textDocument: { uri: uriOf(path) }, position: positionOf(ws.textOf(path), needle, 1), context: { includeDeclaration } }) ?? [];

  it('every use across the workspace, the catalog entry and manual claims counting as declarations', () => {
    const all = refs('audit/report.md', '5.1.1.1', true);
    assert.deepEqual(
      all.map((l) => `${decodeURIComponent(l.uri.replace(/^.*\/ws\//, '').replace(/^.*builtin\//, 'builtin/'))}:${l.range.start.line}:${l.range.start.character}`),
      ['builtin/gbt27922-2011.json:138:12', 'audit/report.md:8:3', 'manual/01-组织.md:4:14'],
    );
    // The code span in notes.md is not a reference.
    const uses = refs('audit/report.md', '5.1.1.1', false);
    assert.deepEqual(uses, [{ uri: uriOf('audit/report.md'), range: r(8, 3, 8, 10) }]);
  });

  it('a file that is not ours names nothing: its tag of an unknown ID is no reference of that ID', () => {
    // notes.md tags 5.1.3.9 (no item of the scheme): the parse keeps the tag, the file is not ours.
    const w = new MemoryWorkspace({ ...workspaceFiles(), 'notes.md': '# 会议纪要\n\n讨论了 [5.1.3.9] 的写法。\n' });
    assert.equal(w.model(uriOf('notes.md'))?.kind, 'none');
    assert.equal(w.model(uriOf('notes.md'))?.tags.length, 1);
    const got = references(w, { textDocument: { uri: uriOf('audit/report.md') }, position: positionOf(REPORT, '5.1.3.9', 2), context: { includeDeclaration: true } })!;
    assert.deepEqual(
      got.map((l) => decodeURIComponent(l.uri.slice(11))),
      ['audit/report.md'],
    );
  });

  it('a range tag references each item inside it; full-width IDs are the same item', () => {
    assert.equal(refs('manual/02-商品.md', '5.2.4.1', true).filter((l) => l.uri.startsWith('file:///ws/')).length, 1);
    const files = { ...workspaceFiles(), 'audit/report.md': REPORT + '\n- [5.1.6.3] 80% 证据：证书\n- [5.2.4.2] 80% 证据：工单\n' };
    const w = new MemoryWorkspace(files);
    const got = references(w, { textDocument: { uri: uriOf('manual/01-组织.md') }, position: positionOf(MANUAL_ORG, '５．１．６．３', 1), context: { includeDeclaration: true } })!;
    assert.deepEqual(got.filter((l) => l.uri.startsWith('file:///ws/')).map((l) => [decodeURIComponent(l.uri.slice(11)), l.range]), [
      ['audit/report.md', r(21, 3, 21, 10)],
      ['manual/01-组织.md', r(28, 19, 28, 26)],
    ]);
  });
});

describe('features/symbols', () => {
  const ws = new MemoryWorkspace(workspaceFiles());

  it('a manual’s outline: headings by level, tagged ones named by ID with their points, blocks under their heading', () => {
    const syms = documentSymbols(ws, { textDocument: { uri: uriOf('manual/01-组织.md') } })!;
    const flat = (s: DocumentSymbol, depth = 0): string[] => [`${'  '.repeat(depth)}${s.name}${s.detail ? ` (${s.detail})` : ''}`, ...(s.children ?? []).flatMap((c) => flat(c, depth + 1))];
    assert.deepEqual(syms.flatMap((s) => flat(s)), [
      '第一章 组织与资源',
      '  5.1.1 组织架构',
      '    5.1.1.1 售后服务部门设置 (1 分)',
      '    5.1.1.2 服务网点 (3 分)',
      '  5.1.2 人员配置',
      '    5.1.2.1 技术人员与业务人员 (1 分)',
      '    5.1.2.2 售后服务管理师配置 (5 分 · 已声明但未阐述)',
      '  5.1.6 改进',
      '    5.1.6.1 市场信息反馈 (2 分)',
      '    认证情况',
      '      5.1.6.3 品牌、安全或管理认证 (1 分)',
    ]);
    const section = syms[0].children![0].children![0];
    assert.equal(section.kind, SymbolKind.Class);
    assert.equal(slice(MANUAL_ORG, section.range), '### 售后服务部门设置 [5.1.1.1]\n\n公司设立客户服务部，下设三个科室。');
  });

  it('a report’s outline: entries with their scores', () => {
    const syms = documentSymbols(ws, { textDocument: { uri: uriOf('audit/report.md') } })!;
    const entries = syms[0].children![0].children!;
    assert.deepEqual(
      entries.map((e) => `${e.name.split(' ')[0]} ${e.detail}`),
      ['5.1.1.1 80% → 0.8 / 1 分', '5.1.1.2 100% → 3 / 3 分', '5.1.2.2 80% → 4 / 5 分', '5.1.2.1 100% → 1 / 1 分', '5.1.3.1 不适用：本企业无经费科目'],
    );
  });

  it('workspace symbols by ID (full-width query too) and by title', () => {
    const byId = workspaceSymbols([ws], { query: '5.1.2.2' });
    assert.deepEqual(
      byId.map((s) => `${decodeURIComponent(s.location.uri.slice(11))} ${s.name.split(' ')[0]} ${s.containerName}`),
      ['audit/report.md 5.1.2.2 report.md · 80% → 4 / 5 分', 'manual/01-组织.md 5.1.2.2 01-组织.md'],
    );
    assert.equal(workspaceSymbols([ws], { query: '５．１．２．２' }).length, 2);
    assert.deepEqual(workspaceSymbols([ws], { query: '以旧换新' }).map((s) => s.name), ['5.2.6.1, 5.2.6.2 以旧换新']);
  });
});
