import { strict as assert } from 'node:assert';
import { codeLenses, OPEN_PANEL_COMMAND } from '../../../server/src/features/codeLens';
import { MemoryWorkspace, uriOf } from './memoryWorkspace';
import { REPORT, workspaceFiles } from './fixtures';

const lensesOf = (ws: MemoryWorkspace, path: string) => (codeLenses(ws, { textDocument: { uri: uriOf(path) } }) ?? []).map((l) => `${l.range.start.line}: ${l.command!.title}`);

describe('features/codeLens', () => {
  const ws = new MemoryWorkspace(workspaceFiles());

  it('a report: total and star on the title, subtotals on group headings, points and score on each entry (zh)', () => {
    assert.deepEqual(lensesOf(ws, 'audit/report.md'), [
      '4: 未完成：44 项未评分（暂计总分 9.59）',
      '6: 5.1 小计 8.80 / 38 分（满分 40） · 13 项未评分',
      '8: 1 分 · 已评 0.8 分（80%）',
      '9: 3 分 · 已评 3 分（100%）',
      '10: 5 分 · 已评 4 分（80%）',
      '11: 1 分 · 已评 1 分（100%）',
      '12: 2 分 · 不适用',
      '15: 5.2 小计 0.60 / 35 分 · 23 项未评分',
      '19: 1 分 · 已评 0.6 分（60%）',
    ]);
    const [total] = codeLenses(ws, { textDocument: { uri: uriOf('audit/report.md') } })!;
    assert.equal(total.command!.command, OPEN_PANEL_COMMAND);
  });

  it('the same in English; a duplicate entry and a missing score say so', () => {
    const text = REPORT.replace('- [5.1.3.9] 60% 证据：经费预算', '- [5.1.1.1] 40% 证据：复查\n- [5.1.3.2] 证据：培训计划');
    const w = new MemoryWorkspace({ ...workspaceFiles(), 'audit/report.md': text }, { locale: 'en' });
    assert.deepEqual(lensesOf(w, 'audit/report.md'), [
      '4: Incomplete: 44 items unscored (provisional total 9.59)',
      '6: 5.1 subtotal 8.80 / 38 points (of 40) · 13 not scored',
      '8: 1 point · scored 0.8 (80%)',
      '9: 3 points · scored 3 (100%)',
      '10: 5 points · scored 4 (80%)',
      '11: 1 point · scored 1 (100%)',
      '12: 2 points · N/A',
      '13: 1 point · duplicate, not counted',
      '14: 2 points · not scored',
      '16: 5.2 subtotal 0.60 / 35 points · 23 not scored',
      '20: 1 point · scored 0.6 (60%)',
    ]);
  });

  it('a report that reaches a tier: stars and tier name', () => {
    const entries = ws.scheme.items.map((it) => `- [${it.id}] 96% 证据：记录 ${it.id}`).join('\n');
    const w = new MemoryWorkspace({ 'r.md': `---\ntype: audit\n---\n# 报告\n\n${entries}\n` });
    assert.equal(lensesOf(w, 'r.md')[0], '3: 总分 96.00 · ★★★★★ 五星级');
  });

  it('a manual: coverage on the root file’s title, points on tagged headings, coverage on group headings', () => {
    assert.deepEqual(lensesOf(ws, 'manual/README.md'), ['4: 手册覆盖 18 / 100 分 · 12 / 50 项 · 38 项未覆盖', '6: 1 分']);
    assert.deepEqual(lensesOf(ws, 'manual/01-组织.md'), [
      '2: 5.1.1 组织架构 · 4 分 · 已覆盖 2/2 项',
      '4: 1 分',
      '8: 3 分',
      '12: 5.1.2 人员配置 · 6 分 · 已覆盖 1/2 项',
      '14: 1 分',
      '18: 5 分 · 已声明但未阐述',
      '20: 5.1.6 改进 · 5 分 · 已覆盖 2/4 项',
      '22: 2 分',
    ]);
    assert.deepEqual(lensesOf(ws, 'manual/02-商品.md'), ['2: 3 项 · 5 分', '6: 2 项 · 2 分']);
  });

  it('nothing for a plain Markdown file', () => {
    assert.equal(codeLenses(ws, { textDocument: { uri: uriOf('notes.md') } }), null);
  });
});
