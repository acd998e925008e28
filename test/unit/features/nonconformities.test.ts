/**
 * The editor's views of non-conformities and the certification cycle, on the samples' cycle
 * (samples/EXPECTED.md §3 and §5, as of 2027-06-30): hover on an NC and on a follow-up, the item
 * hover's NC list, completion of the previous report's NC IDs in a follow-up and of the cycle's
 * front-matter keys, the catalog's NCs per item, and the panel payload's NC section and trend —
 * plus hostile NC text, escaped wherever it is shown.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionList, Hover, MarkupContent } from 'vscode-languageserver';
import { hover } from '../../../server/src/features/hover';
import { completion } from '../../../server/src/features/completion';
import { buildCatalog } from '../../../server/src/features/catalog';
import { buildDocumentScorePayload } from '../../../server/src/features/panel';
import type { CatalogNode } from '../../../server/src/protocol';
import { renderPanelHtml } from '../../../client/src/panel/html';
import { applyEdits, MemoryWorkspace, positionOf, uriOf } from './memoryWorkspace';

const SAMPLES = join(__dirname, '..', '..', '..', 'samples');
const INITIAL = 'audit/2026-审核报告.md';
const SURVEILLANCE = 'audit/2027-监督审核报告.md';
const files = () => ({ [INITIAL]: readFileSync(join(SAMPLES, INITIAL), 'utf8'), [SURVEILLANCE]: readFileSync(join(SAMPLES, SURVEILLANCE), 'utf8') });
const text = (h: Hover | null) => (h?.contents as MarkupContent).value;

describe('features: non-conformities and the cycle (samples, as of 2027-06-30)', () => {
  const ws = new MemoryWorkspace(files());
  const hoverAt = (path: string, needle: string, offset = 1, w = ws) => hover(w, { textDocument: { uri: uriOf(path) }, position: positionOf(w.textOf(path), needle, offset) });

  it('hover on an NC: severity, status with days past due, finding, corrective action (zh and en)', () => {
    const h = hoverAt(SURVEILLANCE, '[NC-2027-02]', 3);
    assert.equal(
      text(h),
      [
        '**NC-2027-02** 一般不符合 · **已逾期**',
        '',
        '条款: 5.2.4.6',
        '',
        '> 网点层面仍未储备代用机，抽查 3 家网点均无代用机台账。',
        '',
        '- 整改期限: 2027-04-30（逾期 61 天，截至 2027-06-30）',
        '- 纠正措施: 总部统一采购代用机，按网点月均报修量配置',
      ].join('\n'),
    );
    assert.deepEqual(h!.range, { start: { line: 90, character: 3 }, end: { line: 90, character: 13 } });
    const en = text(hoverAt(SURVEILLANCE, '[NC-2027-03]', 3, ws.withLocale('en')));
    assert.ok(en.startsWith('**NC-2027-03** major · **action planned**'), en);
    assert.ok(en.includes('- Due: 2027-09-30 (92 days left, as of 2027-06-30)'), en);
  });

  it('hover on an NC a later report followed up links to that follow-up; hover on a follow-up shows the NC it follows up', () => {
    const h = text(hoverAt(INITIAL, '[NC-02]', 3));
    assert.ok(h.startsWith('**NC-02** 一般不符合 · **已逾期**'), h);
    assert.match(h, /- 后续跟踪 \[2027-监督审核报告\.md\]\(file:\/\/\/ws\/audit\/2027-.*#L101\): 已关闭/);
    const f = text(hoverAt(SURVEILLANCE, '[跟踪 NC-02]', 5));
    assert.ok(f.startsWith('**跟踪 NC-02** · 已关闭'), f);
    assert.match(f, /上次报告 \[audit\/2026-审核报告\.md\]\(file:\/\/\/ws\/audit\/2026-.*#L128\): 一般不符合 · 已逾期（逾期 365 天） · 5\.1\.5\.2/);
    assert.ok(f.includes('> 西北地区上门时效连续两个季度未达承诺'), f);
  });

  it('an item’s hover lists the NCs raised against it', () => {
    const h = text(hoverAt(SURVEILLANCE, '[5.1.2.2]', 3));
    assert.ok(h.includes('**不符合项**:\n\n- NC-2027-03: 严重不符合 · 整改中（还有 92 天） · 5.1.2.2'), h);
  });

  it('completion in a follow-up: the previous report’s NC IDs, those still to follow up first', () => {
    const added = ws.textOf(SURVEILLANCE).replace('## 特别项', '- [跟踪 \n\n## 特别项');
    const w = new MemoryWorkspace({ ...files(), [SURVEILLANCE]: added });
    const pos = positionOf(added, '- [跟踪 \n', 6);
    const list = completion(w, { textDocument: { uri: uriOf(SURVEILLANCE) }, position: pos, context: { triggerKind: 2, triggerCharacter: ' ' } }) as CompletionList;
    const sorted = [...list.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    assert.deepEqual(sorted.map((i) => `${i.label} ${i.detail}`), [
      'NC-03 一般不符合 · 已逾期（逾期 273 天） · 5.1.6.4',
      'NC-04 观察项 · 未整改 · 5.3.2.3',
      'NC-01 一般不符合 · 已关闭 · 5.1.4.2',
      'NC-02 一般不符合 · 已逾期（逾期 365 天） · 5.1.5.2',
    ]);
    const accepted = applyEdits(added, [sorted[0].textEdit as { range: never; newText: string }]);
    assert.ok(accepted.includes('- [跟踪 NC-03]\n'), 'the ID and the closing bracket');
    // Front matter: the cycle's keys and the audit types.
    const fm = '---\ntype: audit\n\n---\n# 报告\n';
    const keys = completion(new MemoryWorkspace({ 'r.md': fm }), { textDocument: { uri: uriOf('r.md') }, position: { line: 2, character: 0 } }) as CompletionList;
    for (const k of ['auditType', '审核类型', 'auditDate', 'previous', '上次审核']) assert.ok(keys.items.some((i) => i.label === k), k);
    const types = completion(new MemoryWorkspace({ 'r.md': '---\ntype: audit\n审核类型: \n---\n# 报告\n' }), { textDocument: { uri: uriOf('r.md') }, position: { line: 2, character: 6 } }) as CompletionList;
    assert.deepEqual(types.items.map((i) => i.label), ['初次认证', '监督审核', '再认证']);
  });

  it('the catalog hangs each NC under its item, with status and a jump to it', () => {
    const uri = uriOf(SURVEILLANCE);
    const tree = buildCatalog({ scheme: ws.schemeFor(uri), locale: 'zh', audit: ws.audit(uri), auditModel: ws.model(uri) });
    const find = (nodes: CatalogNode[], id: string): CatalogNode | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const hit = find(n.children ?? [], id);
        if (hit) return hit;
      }
      return undefined;
    };
    const item = find(tree, '5.2.4.6')!;
    assert.equal(item.ncCount, 1);
    const nc = item.children![0];
    assert.deepEqual([nc.kind, nc.id, nc.ncSeverity, nc.ncStatus, nc.title], ['nc', 'NC-2027-02', 'minor', 'overdue', '一般不符合 · 已逾期 — 网点层面仍未储备代用机，抽查 3 家网点均无代用机台账。']);
    assert.equal(nc.location!.range.start.line, 90);
    assert.equal(find(tree, '5.1.1.1')!.ncCount, undefined);
  });

  it('the panel payload: NC section and the cycle with the trend', () => {
    const uri = uriOf(SURVEILLANCE);
    const p = buildDocumentScorePayload({ uri, model: ws.model(uri), scheme: ws.schemeFor(uri), locale: 'zh', audit: ws.audit(uri), problems: { errors: 0, warnings: 2 }, relativeName: (u) => decodeURIComponent(u.slice('file:///ws/'.length)) });
    const n = p.audit!.ncs!;
    assert.deepEqual([n.asOf, n.bySeverity, n.byStatus, n.open], ['2027-06-30', { major: 1, minor: 2, observation: 1 }, { overdue: 1, open: 1, 'action-planned': 1, closed: 1 }, 2]);
    assert.deepEqual(n.rows.map((r) => `${r.id} ${r.severity} ${r.status} ${r.location.range.start.line}`), ['NC-2027-01 minor closed 86', 'NC-2027-02 minor overdue 90', 'NC-2027-03 major action-planned 93', 'NC-2027-04 observation open 96']);
    assert.deepEqual(n.followUps.map((f) => `${f.id} ${f.status} ${f.known}`), ['NC-02 closed true']);
    assert.deepEqual(n.notFollowedUp.map((f) => `${f.id} ${f.location.uri === uriOf(INITIAL)} ${f.location.range.start.line}`), ['NC-03 true 130']);
    const c = p.audit!.cycle!;
    assert.deepEqual([c.auditType, c.auditTypeText, c.auditDate], ['surveillance', '监督审核', '2027-03-12']);
    assert.deepEqual([c.previous!.file, c.previous!.total, c.previous!.verdictText, c.previous!.change], ['audit/2026-审核报告.md', '92.00', '四星级', '+1.57']);
    assert.deepEqual(c.trend.map((e) => `${e.auditDate} ${e.auditTypeText} ${e.total} ${e.stars} ${e.openNcs} ${e.current}`), ['2026-03-18 初次认证 92.00 4 1 false', '2027-03-12 监督审核 93.57 4 2 true']);
  });

  it('hostile HTML in an NC’s finding, ID-like text and a follow-up is escaped in the panel', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const report = `---\ntype: audit\nprevious: prev.md\n---\n# R\n\n- [5.1.1.1] 80% 证据：x\n- [NC-1] [5.1.1.1] 一般：${evil}</section><script>alert(2)</script>。整改期限：2027-01-01\n  - 纠正措施："><svg onload=alert(3)>\n- [跟踪 NC-9] 已关闭：${evil}\n`;
    const prev = `---\ntype: audit\n---\n# P\n\n- [5.1.1.1] 80% 证据：x\n- [NC-9] [5.1.1.1] 一般：<b>bold</b> ${evil}。整改期限：2026-01-01\n  - 纠正措施：y\n`;
    const w = new MemoryWorkspace({ 'r.md': report, 'prev.md': prev });
    const uri = uriOf('r.md');
    const payload = buildDocumentScorePayload({ uri, model: w.model(uri), scheme: w.schemeFor(uri), locale: 'en', audit: w.audit(uri), problems: { errors: 0, warnings: 0 } });
    const html = renderPanelHtml(payload, { nonce: 'n', cspSource: 's:', scriptUri: 's:/p.js', styleUri: 's:/p.css' });
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;&lt;/section&gt;&lt;script&gt;alert(2)&lt;/script&gt;'), 'shown as text');
    assert.ok(!/<img|<svg onload|<script>alert|<b>bold/.test(html), 'no markup from the document');
    assert.ok(html.includes('&quot;&gt;&lt;svg onload=alert(3)&gt;') || !html.includes('svg onload'), 'the corrective action is text if shown');
    assert.equal((html.match(/<script/g) ?? []).length, 1, 'only the panel’s own script');
    assert.equal((html.match(/<section/g) ?? []).length, (html.match(/<\/section>/g) ?? []).length, 'sections balanced');
    const h = text(hover(w, { textDocument: { uri }, position: positionOf(report, '[NC-1]', 2) }));
    assert.ok(!/(^|[^\\])</.test(h), `every < in the hover is escaped: ${h}`);
  });
});
