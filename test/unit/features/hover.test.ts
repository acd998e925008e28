import { strict as assert } from 'node:assert';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import { hover } from '../../../server/src/features/hover';
import { defaultScheme } from '../../../server/src/scheme/loader';
import { MemoryWorkspace, positionOf, uriOf } from './memoryWorkspace';
import { MANUAL_ORG, REPORT, workspaceFiles } from './fixtures';

function hoverAt(ws: MemoryWorkspace, path: string, needle: string, offset = 1, n = 0): Hover | null {
  return hover(ws, { textDocument: { uri: uriOf(path) }, position: positionOf(ws.textOf(path), needle, offset, n) });
}
const text = (h: Hover | null) => (h?.contents as MarkupContent).value;

describe('features/hover', () => {
  const ws = new MemoryWorkspace(workspaceFiles());

  it('an audit tag: ID, title, points, group path, requirement exactly, bands with the current one marked, the score, where the manual covers it (zh)', () => {
    const h = hoverAt(ws, 'audit/report.md', '[5.1.2.2]', 3);
    const requirement = '按服务管理人员总数的10%配置售后服务管理师, 负责对售后服务工作的管理和对售后服务活动的指导';
    assert.equal(defaultScheme().itemById.get('5.1.2.2')!.requirement, requirement);
    assert.equal(
      text(h),
      [
        '**5.1.2.2** 售后服务管理师配置 · **5 分**',
        '',
        '5.1 售后服务体系 › 5.1.2 人员配置',
        '',
        `> ${requirement}`,
        '',
        '| 得分率 | 得分 | 评分要点 |',
        '|---|---|---|',
        '| 0–20% | 0–1 | 在该评分项要求中水平很差，或没有描述结果，或结果很差 |',
        '| 20–40% | 1–2 | 在该评分项要求中结果很少，或在少数方面有一些改进和（或）处于初期绩效水平 |',
        '| 40–60% | 2–3 | 在该评分项要求的多数方面有改进和（或）良好水平 |',
        '| 60–80% | 3–4 | 在该评分项要求的大多数方面有改进趋势和（或）良好水平 |',
        '| ▶ 80–100% | 4–5 | 在该评分项要求重要的大多数方面，当前结果/水平/绩效达到优良水平 |',
        '',
        '**本报告得分**: 80% → 4 / 5 分',
        '',
        '**手册覆盖**:',
        '',
        '- [01-组织.md › 售后服务管理师配置](file:///ws/manual/01-%E7%BB%84%E7%BB%87.md#L19) (已声明但未阐述)',
      ].join('\n'),
    );
    // The hover's range is the ID inside the brackets (line 11 of the report).
    assert.deepEqual(h!.range, { start: { line: 10, character: 3 }, end: { line: 10, character: 10 } });
  });

  it('the same hover in English labels; the requirement stays as the standard writes it', () => {
    const h = hoverAt(ws.withLocale('en'), 'audit/report.md', '[5.1.2.2]', 3);
    const lines = text(h).split('\n');
    assert.equal(lines[0], '**5.1.2.2** Certified service managers at 10% of management staff · **5 points**');
    assert.equal(lines[2], '5.1 After-sales service system › 5.1.2 Staffing');
    assert.equal(lines[4], '> 按服务管理人员总数的10%配置售后服务管理师, 负责对售后服务工作的管理和对售后服务活动的指导');
    assert.equal(lines[6], '| Band | Points | Guidance |');
    assert.ok(lines.includes('**Score in this report**: 80% → 4 / 5 points'));
    assert.ok(lines.includes('- [01-组织.md › 售后服务管理师配置](file:///ws/manual/01-%E7%BB%84%E7%BB%87.md#L19) (claimed but not addressed)'));
  });

  it('hovering the score of an entry shows its item; a fraction score is reported as its percent and earned points', () => {
    const h = hoverAt(ws, 'audit/report.md', '3/3', 1);
    assert.match(text(h), /^\*\*5\.1\.1\.2\*\* /);
    assert.ok(text(h).includes('**本报告得分**: 100% → 3 / 3 分'));
    assert.ok(text(h).includes('| ▶ 80–100% | 2.4–3 |'));
    const na = hoverAt(ws, 'audit/report.md', '5.1.3.1', 2);
    assert.ok(text(na).includes('**本报告得分**: 不适用：本企业无经费科目'));
  });

  it('an item nobody addresses says so; a manual tag has no report score', () => {
    const h = hoverAt(ws, 'audit/report.md', '5.2.1.1', 2);
    assert.ok(text(h).includes('**手册覆盖**: 未覆盖'));
    assert.ok(text(h).includes('**本报告得分**: 60% → 0.6 / 1 分'));
    const m = hoverAt(ws, 'manual/01-组织.md', '[5.1.1.1]', 3);
    assert.ok(!text(m).includes('本报告得分'));
    assert.ok(text(m).endsWith('**手册覆盖**:\n\n- [01-组织.md › 售后服务部门设置](file:///ws/manual/01-%E7%BB%84%E7%BB%87.md#L5)'));
  });

  it('full-width digits and brackets: the normalised item, over the full-width ID', () => {
    const h = hoverAt(ws, 'manual/01-组织.md', '５．１．６．３', 2);
    assert.match(text(h), /^\*\*5\.1\.6\.3\*\* .* · \*\*1 分\*\*/);
    assert.deepEqual(h!.range, { start: { line: 28, character: 19 }, end: { line: 28, character: 26 } });
    assert.equal(MANUAL_ORG.split('\n')[28].slice(19, 26), '５．１．６．３');
  });

  it('a range tag names each item; the one under the cursor is shown', () => {
    const h = hoverAt(ws, 'manual/02-商品.md', '5.2.4.3', 2);
    assert.match(text(h), /^\*\*5\.2\.4\.3\*\* .* · \*\*3 分\*\*/);
  });

  it('an unknown ID: did-you-mean with titles and points', () => {
    assert.equal(
      text(hoverAt(ws, 'audit/report.md', '5.1.3.9', 2)),
      [
        '**5.1.3.9**：评价方案 gbt27922-2011 中没有此条款。',
        '',
        '您是否要写：',
        '',
        '- **5.1.3.1** 经费保障与专项经费 · 2 分',
        '- **5.1.3.2** 内部保障（培训、文化、激励） · 2 分',
        '- **5.1.3.3** 基础设施（场所、设施、备件） · 2 分',
      ].join('\n'),
    );
  });

  it('a group tag: its items with this report’s points and the subtotal', () => {
    const files = { ...workspaceFiles(), 'audit/report.md': REPORT.replace('## 5.1 售后服务体系', '## 售后服务体系 [5.1.2]') };
    const w = new MemoryWorkspace(files);
    assert.equal(
      text(hoverAt(w, 'audit/report.md', '[5.1.2]', 3)),
      [
        '**5.1.2** 人员配置 · **6 分** (2 项指标)',
        '',
        '5.1 售后服务体系',
        '',
        '| 条款 | 分值 | 内容 | 得分 |',
        '|---|---|---|---|',
        '| 5.1.2.1 | 1 | 技术人员与业务人员资质 | 1 |',
        '| 5.1.2.2 | 5 | 售后服务管理师配置 | 4 |',
        '',
        '**本报告小计**: 5 / 6 分 (83.33%)',
      ].join('\n'),
    );
  });

  it('document text in the hover is escaped: HTML and Markdown in a heading stay inert', () => {
    const files = { ...workspaceFiles(), 'manual/01-组织.md': MANUAL_ORG.replace('### 售后服务部门设置 [5.1.1.1]', '### <img src=x onerror=alert(1)> **部门** [5.1.1.1]') };
    const w = new MemoryWorkspace(files);
    const value = text(hoverAt(w, 'audit/report.md', '[5.1.1.1]', 3));
    assert.ok(value.endsWith('- [01-组织.md › \\<img src=x onerror=alert(1)\\> \\*\\*部门\\*\\*](file:///ws/manual/01-%E7%BB%84%E7%BB%87.md#L5)'), value.split('\n').pop());
    assert.ok(!/<img/.test(value.replace(/\\</g, '')));
  });

  it('nothing in a plain Markdown file or outside tags', () => {
    assert.equal(hoverAt(ws, 'notes.md', '5.1.1.1', 2), null);
    assert.equal(hoverAt(ws, 'audit/report.md', '部门设置合理', 1), null);
  });
});
