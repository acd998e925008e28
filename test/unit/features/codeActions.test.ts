import { strict as assert } from 'node:assert';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { codeActions, INSERT_STUBS_KIND, resolveCodeAction } from '../../../server/src/features/codeActions';
import { MemoryWorkspace, uriOf } from './memoryWorkspace';
import { MANUAL_ORG, MANUAL_GOODS, REPORT, workspaceFiles } from './fixtures';

function actionsFor(ws: MemoryWorkspace, path: string, diag: Diagnostic, only?: string[]): CodeAction[] {
  return codeActions(ws, { textDocument: { uri: uriOf(path) }, range: diag.range, context: { diagnostics: [diag], only } }) ?? [];
}

function diagFor(ws: MemoryWorkspace, path: string, code: string, itemId?: string): Diagnostic {
  const d = ws.diagnostics(path).find((x) => x.code === code && (itemId === undefined || (x.data as { itemId?: string })?.itemId === itemId));
  assert.ok(d, `no ${code} ${itemId ?? ''} on ${path}`);
  return d;
}

const uncoveredIds = (ws: MemoryWorkspace) => ws.diagnostics('manual/README.md').filter((d) => d.code === 'uncovered-item').map((d) => (d.data as { itemId: string }).itemId);

describe('features/codeActions', () => {
  describe('insert a stub section for an uncovered item', () => {
    it('goes into the manual file holding the previous item, after that item’s section (a body tag places its heading)', () => {
      const ws = new MemoryWorkspace(workspaceFiles());
      const [fix] = actionsFor(ws, 'manual/README.md', diagFor(ws, 'manual/README.md', 'uncovered-item', '5.1.6.4'));
      assert.equal(fix.title, '插入 5.1.6.4 的章节（按条款顺序，在 01-组织.md）');
      assert.equal(fix.kind, CodeActionKind.QuickFix);
      assert.equal(fix.isPreferred, true);
      assert.deepEqual(Object.keys(fix.edit!.changes!), [uriOf('manual/01-组织.md')]);
      ws.apply(fix.edit);
      assert.equal(
        ws.textOf('manual/01-组织.md'),
        MANUAL_ORG +
          '\n### [5.1.6.4] 参与服务标准化\n\n' +
          '> 要求（1 分）：重视服务标准化工作，鼓励参与国家、行业有关标准的制定工作\n\n' +
          'TODO：说明本企业如何满足本条要求。\n',
      );
      // Re-analysed: the item is covered, nothing new is reported in the edited file.
      assert.ok(!uncoveredIds(ws).includes('5.1.6.4'));
      assert.deepEqual(ws.diagnostics('manual/01-组织.md').map((d) => d.code), ['empty-section']);
    });

    it('between two sections of the same group, before the next heading', () => {
      const ws = new MemoryWorkspace(workspaceFiles());
      const [fix] = actionsFor(ws, 'manual/README.md', diagFor(ws, 'manual/README.md', 'uncovered-item', '5.1.6.2'));
      ws.apply(fix.edit);
      const expected = MANUAL_ORG.replace(
        '### 认证情况',
        '### [5.1.6.2] 疑难问题研究与咨询\n\n' +
          '> 要求（1 分）：对售后服务中发现的难以解决的问题，设立有关的服务研究部门或委托专业机构进行研究和咨询\n\n' +
          'TODO：说明本企业如何满足本条要求。\n\n### 认证情况',
      );
      assert.equal(ws.textOf('manual/01-组织.md'), expected);
      assert.ok(!uncoveredIds(ws).includes('5.1.6.2'));
    });

    it('a group the manual has no heading for gets one, at the level of its sibling groups', () => {
      const ws = new MemoryWorkspace(workspaceFiles());
      const [fix] = actionsFor(ws, 'manual/README.md', diagFor(ws, 'manual/README.md', 'uncovered-item', '5.1.3.1'));
      ws.apply(fix.edit);
      assert.equal(
        ws.textOf('manual/01-组织.md'),
        MANUAL_ORG.replace(
          '## 5.1.6 改进',
          '## 5.1.3 资源配置\n\n### [5.1.3.1] 经费保障与专项经费\n\n' +
            '> 要求（2 分）：应提供充足的经费保障, 并能提前准备应对特定问题的专项经费\n\nTODO：说明本企业如何满足本条要求。\n\n## 5.1.6 改进',
        ),
      );
      assert.ok(!uncoveredIds(ws).includes('5.1.3.1'));
      assert.deepEqual(ws.diagnostics('manual/01-组织.md').map((d) => d.code), ['empty-section']);
    });

    it('an item of a group only another file addresses goes there (5.3.2.1 next to 5.3.1.2 in 02-商品.md)', () => {
      const ws = new MemoryWorkspace(workspaceFiles());
      const [fix] = actionsFor(ws, 'manual/README.md', diagFor(ws, 'manual/README.md', 'uncovered-item', '5.3.2.1'));
      assert.deepEqual(Object.keys(fix.edit!.changes!), [uriOf('manual/02-商品.md')]);
      ws.apply(fix.edit);
      assert.ok(ws.textOf('manual/02-商品.md').startsWith(MANUAL_GOODS + '\n## [5.3.2.1] 投诉记录与投诉档案\n'));
    });

    it('a CRLF manual in English gets a CRLF stub in English, after the previous item’s section', () => {
      const text = '---\r\ntype: manual\r\n---\r\n# Service manual\r\n\r\n## Department [5.1.1.1]\r\n\r\nWe run a service department.\r\n\r\n## Staff [5.1.2.1]\r\n\r\nQualified staff.\r\n';
      const ws = new MemoryWorkspace({ 'm.md': text }, { locale: 'en' });
      const d = ws.diagnostics('m.md').find((x) => (x.data as { itemId?: string }).itemId === '5.1.1.2')!;
      const [fix] = actionsFor(ws, 'm.md', d);
      assert.equal(fix.title, 'Insert a section for 5.1.1.2 (in clause order)');
      ws.apply(fix.edit);
      assert.equal(
        ws.textOf('m.md'),
        text.replace(
          '## Staff',
          '## [5.1.1.2] Service outlets cover the sales area and are managed\r\n\r\n' +
            `> Requirement (3 points): ${ws.scheme.itemById.get('5.1.1.2')!.requirement}\r\n\r\n` +
            'TODO: describe how the organisation meets this requirement.\r\n\r\n## Staff',
        ),
      );
      assert.ok(!ws.diagnostics('m.md').some((x) => (x.data as { itemId?: string }).itemId === '5.1.1.2'));
    });

    it('an item claimed by an empty section gets no second section', () => {
      const ws = new MemoryWorkspace(workspaceFiles());
      const titles = actionsFor(ws, 'manual/README.md', diagFor(ws, 'manual/README.md', 'uncovered-item', '5.1.2.2')).map((a) => a.title);
      assert.ok(!titles.some((t) => t.startsWith('插入 5.1.2.2')), titles.join('; '));
    });

    it('“insert all” (source action, resolved lazily) stubs every uncovered item, each in its file, and clears them all', () => {
      const ws = new MemoryWorkspace(workspaceFiles());
      assert.equal(uncoveredIds(ws).length, 38);
      const lazy = codeActions(ws, { textDocument: { uri: uriOf('manual/README.md') }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: [CodeActionKind.Source] } }, { resolveEdit: true })!;
      assert.equal(lazy.length, 1);
      assert.equal(lazy[0].kind, INSERT_STUBS_KIND);
      assert.equal(lazy[0].title, '为全部 37 项未覆盖指标插入章节');
      assert.equal(lazy[0].edit, undefined);
      const resolved = resolveCodeAction(ws, JSON.parse(JSON.stringify(lazy[0])));
      assert.deepEqual(Object.keys(resolved.edit!.changes!).sort(), [uriOf('manual/01-组织.md'), uriOf('manual/02-商品.md'), uriOf('manual/README.md')].sort());
      ws.apply(resolved.edit);
      // Only the claimed-but-empty 5.1.2.2 is left: its section needs text, not a stub.
      assert.deepEqual(uncoveredIds(ws), ['5.1.2.2']);
      for (const p of ['manual/README.md', 'manual/01-组织.md', 'manual/02-商品.md']) {
        assert.deepEqual(ws.diagnostics(p).map((d) => d.code).filter((c) => c !== 'uncovered-item' && c !== 'empty-section'), [], p);
      }
      // Clause order is kept in the edited files: 5.1.5.1 comes after 5.1.4.2 and before 5.1.6.
      const org = ws.textOf('manual/01-组织.md');
      assert.ok(org.indexOf('[5.1.4.2]') < org.indexOf('[5.1.5.1]') && org.indexOf('[5.1.5.1]') < org.indexOf('## 5.1.6 改进'));
    });
  });

  describe('replace an unknown ID', () => {
    it('offers each suggestion; applying one fixes the tag and the problem', () => {
      const ws = new MemoryWorkspace(workspaceFiles());
      const actions = actionsFor(ws, 'audit/report.md', diagFor(ws, 'audit/report.md', 'unknown-clause'), [CodeActionKind.QuickFix]);
      assert.deepEqual(
        actions.map((a) => a.title),
        ['改为 5.1.3.1（经费保障与专项经费）', '改为 5.1.3.2（内部保障（培训、文化、激励））', '改为 5.1.3.3（基础设施（场所、设施、备件））', '在此行抑制 unknown-clause'],
      );
      ws.apply(actions[1].edit);
      assert.equal(ws.textOf('audit/report.md'), REPORT.replace('[5.1.3.9]', '[5.1.3.2]'));
      assert.ok(!ws.diagnostics('audit/report.md').some((d) => d.code === 'unknown-clause'));
      assert.ok(!ws.diagnostics('audit/report.md').some((d) => d.code === 'unscored-item' && (d.data as { itemId: string }).itemId === '5.1.3.2'));
    });

    it('full-width digits stay full-width; one suggestion is preferred; English titles', () => {
      const files = { ...workspaceFiles(), 'audit/report.md': REPORT.replace('[5.1.3.9]', '【５．１．２．７】') };
      const ws = new MemoryWorkspace(files, { locale: 'en' });
      const actions = actionsFor(ws, 'audit/report.md', diagFor(ws, 'audit/report.md', 'unknown-clause'), [CodeActionKind.QuickFix]);
      assert.equal(actions[0].title, 'Change to 5.1.2.1 (Qualified technical and business service staff)');
      ws.apply(actions[0].edit);
      assert.ok(ws.textOf('audit/report.md').includes('- 【５．１．２．１】 60% 证据：经费预算'));
      assert.ok(!ws.diagnostics('audit/report.md').some((d) => d.code === 'unknown-clause'));
    });
  });

  describe('add a missing evidence field', () => {
    it('appends `证据：` to the entry; once the user writes the evidence the problem is gone', () => {
      const ws = new MemoryWorkspace(workspaceFiles());
      const actions = actionsFor(ws, 'audit/report.md', diagFor(ws, 'audit/report.md', 'missing-evidence', '5.1.2.1'), [CodeActionKind.QuickFix]);
      assert.deepEqual(actions.map((a) => a.title), ['添加“证据：”', '在此行抑制 missing-evidence']);
      ws.apply(actions[0].edit);
      const after = REPORT.replace('- [5.1.2.1] 100% 技术人员持证', '- [5.1.2.1] 100% 技术人员持证 证据：');
      assert.equal(ws.textOf('audit/report.md'), after);
      // The empty field still needs its evidence, and is not offered a second time.
      const again = diagFor(ws, 'audit/report.md', 'missing-evidence', '5.1.2.1');
      assert.deepEqual(actionsFor(ws, 'audit/report.md', again, [CodeActionKind.QuickFix]).map((a) => a.title), ['在此行抑制 missing-evidence']);
      const typed = new MemoryWorkspace({ ...workspaceFiles(), 'audit/report.md': after.replace('持证 证据：', '持证 证据：上岗证复印件') });
      assert.ok(!typed.diagnostics('audit/report.md').some((d) => d.code === 'missing-evidence'));
    });

    it('`Evidence: ` in an English report, CRLF line ends kept', () => {
      const text = '---\r\ntype: audit\r\n---\r\n# Audit report\r\n\r\n- [5.1.1.1] 80% The department exists. Evidence: org chart\r\n- [5.1.1.2] 60% Outlets cover the region\r\n';
      const ws = new MemoryWorkspace({ 'r.md': text }, { locale: 'en' });
      const [fix] = actionsFor(ws, 'r.md', diagFor(ws, 'r.md', 'missing-evidence', '5.1.1.2'), [CodeActionKind.QuickFix]);
      assert.equal(fix.title, 'Add "Evidence:"');
      ws.apply(fix.edit);
      assert.equal(ws.textOf('r.md'), text.replace('cover the region\r\n', 'cover the region Evidence: \r\n'));
    });
  });

  describe('unscored items in a report', () => {
    it('inserts an entry stub in clause order, in the form of its neighbours; the unscored problem becomes a score to fill in', () => {
      const ws = new MemoryWorkspace(workspaceFiles());
      const actions = actionsFor(ws, 'audit/report.md', diagFor(ws, 'audit/report.md', 'unscored-item', '5.1.3.2'), [CodeActionKind.QuickFix]);
      assert.deepEqual(actions.map((a) => a.title), ['插入 5.1.3.2 的评分条目', '为全部 44 项未评分指标插入评分条目', '在此行抑制 unscored-item']);
      ws.apply(actions[0].edit);
      assert.equal(ws.textOf('audit/report.md'), REPORT.replace('本企业无经费科目\n', '本企业无经费科目\n- [5.1.3.2] %  证据：\n'));
      const codes = ws.diagnostics('audit/report.md').filter((d) => (d.data as { itemId?: string })?.itemId === '5.1.3.2').map((d) => d.code);
      assert.deepEqual(codes, ['missing-score']);
    });

    it('a table report gets table rows', () => {
      const ws = new MemoryWorkspace(workspaceFiles());
      const [fix] = actionsFor(ws, 'audit/report.md', diagFor(ws, 'audit/report.md', 'unscored-item', '5.2.1.2'), [CodeActionKind.QuickFix]);
      ws.apply(fix.edit);
      assert.ok(ws.textOf('audit/report.md').endsWith('| [5.2.1.1] | 60% | 商品说明书 |\n| [5.2.1.2] |  |  |\n'));
    });
  });

  it('a max that is not the item’s points: the same ratio on the item’s scale, or as a percentage', () => {
    const ws = new MemoryWorkspace({ ...workspaceFiles(), 'audit/report.md': REPORT.replace('3/3 网点齐全', '4/5 网点齐全') });
    const d = diagFor(ws, 'audit/report.md', 'max-mismatch', '5.1.1.2');
    const actions = actionsFor(ws, 'audit/report.md', d, [CodeActionKind.QuickFix]);
    assert.deepEqual(actions.map((a) => `${a.title}${a.isPreferred ? ' *' : ''}`), ['改为 2.4/3 *', '改为 80%', '在此行抑制 max-mismatch']);
    const scoreOf = () => ws.audit(uriOf('audit/report.md'))!.score.items.find((r) => r.item.id === '5.1.1.2')!;
    assert.equal(scoreOf().state, 'unscored');
    ws.apply(actions[0].edit);
    assert.ok(ws.textOf('audit/report.md').includes('- [5.1.1.2] 2.4/3 网点齐全。证据：网点清单'));
    assert.ok(!ws.diagnostics('audit/report.md').some((x) => x.code === 'max-mismatch'));
    assert.equal(scoreOf().earned.toFixed(2), '2.4');
  });

  it('nothing for a plain Markdown file', () => {
    const ws = new MemoryWorkspace(workspaceFiles());
    assert.equal(codeActions(ws, { textDocument: { uri: uriOf('notes.md') }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), null);
  });
});
