import { strict as assert } from 'node:assert';
import { CompletionTriggerKind, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver';
import { completion } from '../../../server/src/features/completion';
import { getBuiltinScheme } from '../../../server/src/scheme/loader';
import { MemoryWorkspace, applyEdits, positionOf, uriOf } from './memoryWorkspace';
import { REPORT, workspaceFiles } from './fixtures';

/** A workspace whose report has `line` added before `## 5.2`; completion at the end of it. */
function atLine(line: string, options: { locale?: 'zh' | 'en'; path?: string; base?: string; trigger?: string } = {}) {
  const path = options.path ?? 'audit/report.md';
  const base = options.base ?? REPORT;
  const text = base.includes('## 5.2 商品服务') ? base.replace('## 5.2 商品服务', `${line}\n\n## 5.2 商品服务`) : `${base}${line}\n`;
  const ws = new MemoryWorkspace({ ...workspaceFiles(), [path]: text }, { locale: options.locale ?? 'zh' });
  const position = positionOf(text, `${line}\n`, line.length);
  const context = options.trigger ? { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: options.trigger } : { triggerKind: CompletionTriggerKind.Invoked };
  const list = completion(ws, { textDocument: { uri: uriOf(path) }, position, context }) as CompletionList | null;
  /** The document after accepting `label`. */
  const accept = (label: string) => {
    const item = list!.items.find((i) => i.label === label);
    assert.ok(item, `no item ${label}`);
    return applyEdits(text, [item.textEdit as TextEdit]).split('\n')[position.line];
  };
  return { list, items: list?.items ?? [], accept, ws };
}

const byLabel = (items: CompletionItem[], label: string) => items.find((i) => i.label === label)!;

describe('features/completion', () => {
  it('clause IDs after `- [` in a report: all 50 items, unscored ones first, title and points shown, closing bracket added', () => {
    const { items, accept } = atLine('- [', { trigger: '[' });
    // Items only (no group IDs at an audit entry's start), plus the two special entries.
    assert.equal(items.length, 52);
    assert.deepEqual(items.slice(50).map((i) => `${i.label} | ${i.detail}`), ['扣分 | 特别扣分 · 每项 1 分', '加分 | 特别加分 · 最多 1 分']);
    assert.equal(accept('扣分'), '- [扣分] ');
    const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((i) => i.label);
    assert.deepEqual(sorted.slice(0, 3), ['5.1.3.2', '5.1.3.3', '5.1.4.1']); // 5.1.1.x, 5.1.2.x scored, 5.1.3.1 N/A
    const it = byLabel(items, '5.1.2.2');
    assert.equal(it.detail, '5 分 · 已评分');
    assert.deepEqual(it.labelDetails, { detail: ' ✓ 售后服务管理师配置', description: 'Certified service managers at 10% of management staff' });
    assert.equal(byLabel(items, '5.1.3.2').detail, '2 分 · 未评分');
    assert.equal(byLabel(items, '5.2.2.1').detail, '1.5 分 · 未评分');
    assert.equal(accept('5.1.3.2'), '- [5.1.3.2]');
  });

  it('a partly typed ID is replaced whole; English UI words', () => {
    const { items, accept } = atLine('- [5.1.3', { locale: 'en' });
    const it = byLabel(items, '5.1.3.3');
    assert.equal(it.detail, '2 points · not scored');
    assert.deepEqual((it.textEdit as TextEdit).range.end.character - (it.textEdit as TextEdit).range.start.character, 5);
    assert.equal(accept('5.1.3.3'), '- [5.1.3.3]');
    assert.equal(byLabel(items, '5.1.1.1').detail, '1 point · scored');
  });

  it('full-width bracket and digits: matched by the full-width text, replaced by the normalised ID and 】', () => {
    const { items, accept } = atLine('- 【５．１．３');
    const it = byLabel(items, '5.1.3.1');
    assert.equal(it.filterText, '５．１．３．１');
    assert.equal(accept('5.1.3.1'), '- 【5.1.3.1】');
  });

  it('in a manual heading: items not yet covered first, groups offered too', () => {
    const { items, accept } = atLine('## 经费 [', { path: 'manual/01-组织.md', base: workspaceFiles()['manual/01-组织.md'] });
    assert.equal(items.length, 50 + 18);
    assert.equal(byLabel(items, '5.1.1.1').detail, '1 分 · 已覆盖');
    assert.equal(byLabel(items, '5.1.2.2').detail, '5 分 · 未覆盖'); // claimed, but its section is empty
    assert.equal(byLabel(items, '5.1.2').detail, '6 分 · 分组');
    assert.equal(accept('5.1.3.1'), '## 经费 [5.1.3.1]');
  });

  it('score forms after an entry’s tag: band percentages with earned points, earned/max, points, N/A', () => {
    const { items, accept } = atLine('- [5.1.3.2] ');
    assert.deepEqual(
      items.map((i) => `${i.label} | ${i.detail}`),
      [
        '100% | 2 / 2 分 · 80–100%',
        '80% | 1.6 / 2 分 · 80–100%',
        '60% | 1.2 / 2 分 · 60–80%',
        '40% | 0.8 / 2 分 · 40–60%',
        '20% | 0.4 / 2 分 · 20–40%',
        '0% | 0 / 2 分 · 0–20%',
        '2/2 | 得分/满分（满分须为该指标分值）',
        '2分 | 得分（分）',
        '不适用  | 不适用：须写明理由，该项不计入总分',
      ],
    );
    assert.equal(accept('80%'), '- [5.1.3.2] 80% ');
    assert.equal(accept('2/2'), '- [5.1.3.2] 2/2 ');
  });

  it('a partly typed score is replaced; a table’s score cell gets the same forms', () => {
    const { accept } = atLine('- [5.2.2.1] 8');
    assert.equal(accept('1.5/1.5'), '- [5.2.2.1] 1.5/1.5 ');
    const t = atLine('| [5.2.1.2] | ', { base: REPORT.replace('## 5.2 商品服务', '## 5.2') });
    assert.equal(byLabel(t.items, '100%').detail, '2 / 2 分 · 80–100%');
  });

  it('the evidence marker after a score', () => {
    const { items, accept } = atLine('- [5.1.3.2] 80% 有培训计划');
    assert.deepEqual(items.map((i) => i.label), ['证据：']);
    assert.equal(accept('证据：'), '- [5.1.3.2] 80% 有培训计划 证据：');
  });

  it('front matter: type values and clause IDs under `clauses:`', () => {
    const base = '---\ntype: manual\nclauses:\n  - 5.1.1.1\n---\n# 手册\n';
    const ws = new MemoryWorkspace({ 'm.md': base });
    const typeList = completion(ws, { textDocument: { uri: uriOf('m.md') }, position: { line: 1, character: 6 } }) as CompletionList;
    assert.deepEqual(typeList.items.map((i) => `${i.label}:${i.detail}`), ['manual:售后服务手册', 'audit:审核报告']);
    const ids = completion(ws, { textDocument: { uri: uriOf('m.md') }, position: { line: 3, character: 9 } }) as CompletionList;
    assert.ok(ids.items.some((i) => i.label === '5.1.1.1'));
  });

  it('front matter keys: those not yet present, the document’s language first, inserted with their colon', () => {
    const text = '---\ntype: audit\n\n---\n# 审核报告\n';
    const ws = new MemoryWorkspace({ 'r.md': text });
    const list = completion(ws, { textDocument: { uri: uriOf('r.md') }, position: { line: 2, character: 0 } }) as CompletionList;
    const sorted = [...list.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    assert.deepEqual(sorted.slice(0, 7).map((i) => i.label), ['评价方案', '企业名称', '企业类型', '不适用', '指标', '条款', '主文件']);
    assert.ok(!list.items.some((i) => i.label === 'type' || i.label === '类型'));
    assert.equal(applyEdits(text, [byLabel(list.items, 'organisation').textEdit as TextEdit]), '---\ntype: audit\norganisation: \n---\n# 审核报告\n');
    const typed = completion(ws, { textDocument: { uri: uriOf('r.md') }, position: { line: 1, character: 2 } });
    assert.equal(typed, null, 'a key that is already written is not offered again on its own line');
  });

  it('metric IDs of the document’s scheme under `metrics:`', () => {
    const text = '---\ntype: audit\nscheme: ten-star\nmetrics:\n  cu\n---\n# 报告\n';
    const ws = new MemoryWorkspace({ 'r.md': text }, { schemes: { 'r.md': getBuiltinScheme('ten-star')! } });
    const list = completion(ws, { textDocument: { uri: uriOf('r.md') }, position: { line: 4, character: 4 } }) as CompletionList;
    assert.deepEqual(list.items.map((i) => `${i.label} | ${i.detail}`), ['customerSatisfaction | 客户满意度 · % (0–100)', 'firstTimeFixRate | 问题首次解决率 · % (0–100)']);
    assert.equal(applyEdits(text, [list.items[0].textEdit as TextEdit]).split('\n')[4], '  customerSatisfaction: ');
  });

  it('nothing inside code, and nothing on a bare `[` in a plain Markdown file', () => {
    const fenced = atLine('```\n- [', {});
    assert.equal(fenced.list, null);
    const span = atLine('写法 `[', {});
    assert.equal(span.list, null);
    const plain = new MemoryWorkspace({ 'notes.md': '# 纪要\n\n见 [\n' });
    assert.equal(completion(plain, { textDocument: { uri: uriOf('notes.md') }, position: { line: 2, character: 3 }, context: { triggerKind: CompletionTriggerKind.TriggerCharacter, triggerCharacter: '[' } }), null);
  });
});
