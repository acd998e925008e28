/**
 * The quick fix "Suppress on this line": it offers to hide a problem with a gbt27922 comment,
 * the comment hides exactly that problem once applied, and the document renders the same as
 * before (checked by rendering both with micromark + GFM and dropping the comments): no
 * paragraph split, no list or table broken, no front matter touched.
 */
import { strict as assert } from 'node:assert';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { codeActions } from '../../../server/src/features/codeActions';
import { planSuppression } from '../../../server/src/features/suppressFix';
import { parseDocument } from '../../../server/src/model';
import { defaultScheme } from '../../../server/src/scheme/loader';
import { applyEdits, MemoryWorkspace, uriOf } from './memoryWorkspace';

/** What a Markdown viewer shows (HTML, comments dropped, whitespace between blocks normalised). */
function rendered(text: string): string {
  const html = micromark(text.replace(/^---\n[\s\S]*?\n---\n/, ''), { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/\s*\n\s*/g, '');
}

function suppressFix(ws: MemoryWorkspace, path: string, d: Diagnostic): CodeAction | undefined {
  const actions = codeActions(ws, { textDocument: { uri: uriOf(path) }, range: d.range, context: { diagnostics: [d] } }) ?? [];
  return actions.find((a) => /^Suppress |抑制 /.test(a.title));
}

const AUDIT = [
  '---',
  'type: audit',
  '---',
  '# 审核报告',
  '',
  '- [5.1.1.1] 80% 证据：名册',
  '- [5.1.1.2] 3/3',
  '  - [5.1.2.1] 100%',
  '',
  '- [5.1.2.2] 4分',
  '',
  '> [5.1.3.1] 2分 证据：账目',
  '> 另见 [5.9.9.8]。',
  '',
  '[5.1.3.3] 2分 证据：照片',
  '另见 [5.9.9.9]。',
  '',
  '| 条款 | 得分 | 证据 |',
  '| --- | --- | --- |',
  '| [5.1.4.2] | 2分 | 法规清单 |',
  '| [5.1.5.1] | 1分 | |',
  '',
  '1. [5.1.5.2] 6分 证据：奖惩记录',
  '2. [5.1.6.1] 2分',
  '',
].join('\n');

describe('features: the "Suppress on this line" quick fix', () => {
  // Problems in each kind of place (the ID they are about), and the comment form that fits there.
  const cases: [string, string, RegExp][] = [
    ['missing-evidence', '5.1.1.2', /^Suppress missing-evidence on this line$/],
    ['missing-evidence', '5.1.2.1', /^Suppress missing-evidence on this line$/],
    ['missing-evidence', '5.1.2.2', /^Suppress missing-evidence on this line$/],
    ['unknown-clause', '5.9.9.8', /^Suppress unknown-clause in this paragraph$/],
    ['unknown-clause', '5.9.9.9', /^Suppress unknown-clause in this paragraph$/],
    ['missing-evidence', '5.1.5.1', /^Suppress missing-evidence in this table$/],
    ['missing-evidence', '5.1.6.1', /^Suppress missing-evidence on this line$/],
    ['unscored-item', '5.3.2.3', /^Suppress unscored-item on this line$/],
  ];
  for (const [code, id, title] of cases) {
    it(`${code} of ${id}: hidden after the fix, everything else as before, and the document renders the same`, () => {
      const ws = new MemoryWorkspace({ 'r.md': AUDIT }, { locale: 'en' });
      const before = ws.diagnostics('r.md');
      const d = before.find((x) => x.code === code && ((x.data as { itemId?: string }).itemId === id || x.message.includes(id)));
      assert.ok(d, `${code} on ${id}: ${before.map((x) => `${x.code}/${JSON.stringify(x.data)}`).join(' ')}`);
      const fix = suppressFix(ws, 'r.md', d);
      assert.ok(fix, 'offered');
      assert.match(fix.title, title);
      ws.apply(fix.edit);
      const text = ws.textOf('r.md');
      assert.equal(rendered(text), rendered(AUDIT), text);
      const after = ws.diagnostics('r.md');
      const key = (x: { code?: unknown; message: string }) => `${x.code}/${x.message}`;
      const hidden = ws.suppressed('r.md').map((s) => key({ code: s.problem.code, message: ws.diagnosticMessage(s.problem) }));
      assert.ok(hidden.includes(key(d)), hidden.join(' '));
      // Nothing else changed: the other problems are all still there (a table or paragraph comment may hide its neighbours' too).
      for (const b of before) if (key(b) !== key(d)) assert.ok(after.some((a) => key(a) === key(b)) || hidden.includes(key(b)), key(b));
      assert.ok(!after.some((a) => a.code === 'unused-suppression'), after.map(key).join(' '));
      // The scores are what they were.
      const plain = new MemoryWorkspace({ 'r.md': AUDIT });
      assert.equal(ws.audit(uriOf('r.md'))!.score.total.toFixed(2), plain.audit(uriOf('r.md'))!.score.total.toFixed(2));
    });
  }

  it('a second problem on the same line is added to the comment already there', () => {
    const text = '---\ntype: audit\n---\n# R\n\n- [5.1.1.1] 80% 证据：x\n- [5.1.1.1] 70%\n';
    const ws = new MemoryWorkspace({ 'r.md': text }, { locale: 'zh' });
    const evidence = ws.diagnostics('r.md').find((x) => x.code === 'missing-evidence')!;
    ws.apply(suppressFix(ws, 'r.md', evidence)!.edit);
    const dup = ws.diagnostics('r.md').find((x) => x.code === 'duplicate-score')!;
    const fix = suppressFix(ws, 'r.md', dup)!;
    assert.equal(fix.title, '在此行抑制 duplicate-score');
    ws.apply(fix.edit);
    assert.equal(ws.textOf('r.md'), text.replace('证据：x\n', '证据：x\n  <!-- gbt27922-disable-next-line missing-evidence, duplicate-score -->\n'));
    assert.deepEqual(ws.suppressed('r.md').map((s) => s.problem.code).sort(), ['duplicate-score', 'missing-evidence']);
    assert.equal(rendered(ws.textOf('r.md')), rendered(text));
  });

  it('a problem in the front matter is suppressed for the file, after the front matter', () => {
    const text = '---\ntype: audit\nnot-applicable:\n  5.2.5.5:\n---\n# R\n\n- [5.1.1.1] 80% 证据：x\n';
    const ws = new MemoryWorkspace({ 'r.md': text }, { locale: 'en' });
    const d = ws.diagnostics('r.md').find((x) => x.code === 'na-without-reason')!;
    const fix = suppressFix(ws, 'r.md', d)!;
    assert.equal(fix.title, 'Suppress na-without-reason in this file');
    ws.apply(fix.edit);
    assert.equal(ws.textOf('r.md'), text.replace('---\n# R', '---\n<!-- gbt27922-disable-file na-without-reason -->\n# R'));
    assert.ok(!ws.diagnostics('r.md').some((x) => x.code === 'na-without-reason'));
    assert.equal(rendered(ws.textOf('r.md')), rendered(text));
  });

  it('a tag further down a manual paragraph: the paragraph is wrapped, not split; CRLF documents keep CRLF', () => {
    const text = '---\r\ntype: manual\r\n---\r\n# 手册\r\n\r\n## 组织 [5.1.1.1]\r\n\r\n第一行，\r\n第二行提到 [5.9.9.9]。\r\n第三行。\r\n';
    const ws = new MemoryWorkspace({ 'm.md': text }, { locale: 'en' });
    const d = ws.diagnostics('m.md').find((x) => x.code === 'unknown-clause')!;
    ws.apply(suppressFix(ws, 'm.md', d)!.edit);
    assert.equal(ws.textOf('m.md'), text.replace('第一行', '<!-- gbt27922-disable unknown-clause -->\r\n第一行').replace('第三行。\r\n', '第三行。\r\n<!-- gbt27922-enable unknown-clause -->\r\n'));
    assert.equal(rendered(ws.textOf('m.md').replace(/\r\n/g, '\n')), rendered(text.replace(/\r\n/g, '\n')));
    assert.ok(!ws.diagnostics('m.md').some((x) => x.code === 'unknown-clause'));
  });

  it('is not offered for the comments’ own problems', () => {
    const ws = new MemoryWorkspace({ 'r.md': '---\ntype: audit\n---\n# R\n\n<!-- gbt27922-disable-next-line missing-evidence -->\n- [5.1.1.1] 80% 证据：x\n' }, { locale: 'en' });
    const d = ws.diagnostics('r.md').find((x) => x.code === 'unused-suppression');
    assert.ok(d);
    assert.equal(suppressFix(ws, 'r.md', d), undefined);
  });

  it('planSuppression, directly: a list item after a blank line in a list goes into the item before', () => {
    const text = '# R\n\n- a\n\n- [5.1.1.1] 80%\n';
    const plan = planSuppression(text, parseDocument(text, defaultScheme()), 4, 'missing-evidence');
    assert.deepEqual(plan.edits, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '  <!-- gbt27922-disable-next-line missing-evidence -->\n' }]);
    assert.equal(rendered(applyEdits(text, plan.edits)), rendered(text));
  });
});
