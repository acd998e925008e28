/**
 * Clause-tag suggestions over LSP, the way an editor sees them: the information diagnostic on an
 * untagged heading, its quick fixes (top three), the hover with the matched terms, the
 * "suggest for this file" edit, and the uncovered-item diagnostic naming a closed file's section.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeActionRequest, DiagnosticSeverity, HoverRequest, type CodeAction, type Diagnostic, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { SUGGEST_FILE_REQUEST, type SuggestFileResult } from '../../server/src/protocol';
import { applyTextEdits, fileUri, LspClient } from './lspClient';

const MANUAL = [
  '---',
  'type: manual',
  'root: true',
  '---',
  '',
  '# 售后服务手册',
  '',
  '## 第一章 总则',
  '',
  '为规范本公司售后服务工作，特制定本手册。',
  '',
  '## 备用机服务',
  '',
  '空调返厂维修超过七天的，服务中心免费为顾客提供同类备用机，修复后上门换回。',
  '',
  '## 服务热线 [5.3.1.1]',
  '',
  '全国统一服务热线400-800-0000，每天8:00-20:00人工受理。',
  '',
  '## 零部件供应 [5.2.4.6]',
  '',
  '常用零部件区域中心备货，原厂零部件经来料检验，48小时内发往网点，严禁使用翻新件。',
  '',
].join('\n');

const OTHER = ['---', 'type: manual', '---', '', '# 第二章', '', '## 以旧换新与回收', '', '回收的旧机统一运至持有废弃电器电子产品处理资格的拆解企业处理，留存交接联单。', ''].join('\n');

describe('protocol: clause-tag suggestions', function () {
  this.timeout(60_000);
  let dir: string;
  let client: LspClient;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gbt27922-suggest-'));
    fs.writeFileSync(path.join(dir, 'manual.md'), MANUAL);
    fs.writeFileSync(path.join(dir, 'other.md'), OTHER);
    client = await LspClient.start({ folders: [dir], initializationOptions: { cacheDir: null } });
    await client.waitForIndexed();
  });
  afterEach(async () => {
    await client?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const uri = () => fileUri(path.join(dir, 'manual.md'));
  const codes = (d: Diagnostic[]) => d.filter((x) => x.code === 'suggested-clause' || x.code === 'clause-may-be-wrong');

  it('an untagged heading gets an information diagnostic; its quick fixes offer the top three; applied, the hint goes', async () => {
    await client.open(uri(), MANUAL);
    const diags = await client.waitForDiagnostics(uri(), (d) => codes(d).length === 2);
    const hint = diags.find((d) => d.code === 'suggested-clause')!;
    assert.equal(hint.severity, DiagnosticSeverity.Information);
    assert.equal(hint.range.start.line, 11);
    assert.match(hint.message, /^Looks like 5\.2\.4\.6 Substitute products during long repairs \(1 pts\), from 备用机.*: tag it\?$/);
    assert.ok(!diags.some((d) => d.range.start.line === 7 && d.code === 'suggested-clause'), '总则 gets nothing');
    const wrong = diags.find((d) => d.code === 'clause-may-be-wrong')!;
    assert.equal(wrong.range.start.line, 19);
    assert.match(wrong.message, /^Tagged 5\.2\.4\.6, but the text fits 5\.2\.4\.5 /);

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri() }, range: hint.range, context: { diagnostics: [hint] } })) as CodeAction[];
    const tagFixes = actions.filter((a) => a.title.startsWith('Tag as '));
    assert.ok(tagFixes.length >= 2 && tagFixes.length <= 3, actions.map((a) => a.title).join('\n'));
    assert.match(tagFixes[0].title, /^Tag as 5\.2\.4\.6 Substitute products during long repairs \(0\.\d\d\)$/);
    assert.equal(tagFixes[0].isPreferred, true);
    const edits = tagFixes[0].edit!.changes![uri()];
    const fixed = applyTextEdits(MANUAL, edits);
    assert.match(fixed, /^## 备用机服务 \[5\.2\.4\.6\]$/m);
    await client.change(uri(), fixed);
    await client.waitForDiagnostics(uri(), (d) => !codes(d).some((x) => x.range.start.line === 11));

    const retag = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri() }, range: wrong.range, context: { diagnostics: [wrong] } })) as CodeAction[];
    assert.match(retag[0].title, /^Retag as 5\.2\.4\.5 /);
    assert.match(applyTextEdits(fixed, retag[0].edit!.changes![uri()]), /^## 零部件供应 \[5\.2\.4\.5\]$/m);
  });

  it('hover on the heading shows the matched terms and where', async () => {
    await client.open(uri(), MANUAL);
    await client.waitForDiagnostics(uri(), (d) => codes(d).length === 2);
    const h = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri() }, position: { line: 11, character: 4 } })) as Hover;
    const value = (h.contents as MarkupContent).value;
    assert.match(value, /\*\*Clause suggestions\*\*/);
    assert.match(value, /\*\*5\.2\.4\.6\*\* Substitute products during long repairs · confidence 0\.\d\d/);
    assert.match(value, /matched: 备用机 \(heading and text\)/);
  });

  it('"suggest for this file" is one edit of every confident suggestion', async () => {
    await client.open(uri(), MANUAL);
    const r = await client.requestRaw<SuggestFileResult>(SUGGEST_FILE_REQUEST, { uri: uri() });
    assert.equal(r.count, 1);
    const out = applyTextEdits(MANUAL, r.edit.changes![uri()]);
    assert.match(out, /^## 备用机服务 \[5\.2\.4\.6\]$/m);
    assert.match(out, /^## 第一章 总则$/m);
    assert.match(out, /^## 零部件供应 \[5\.2\.4\.6\]$/m, 'existing tags are not changed by the file command');
  });

  it('an uncovered item names the best untagged section of a closed file, and a quick fix tags it', async () => {
    const named = (y: Diagnostic) => y.code === 'uncovered-item' && y.message.startsWith('5.2.6.2 ') && /以旧换新与回收/.test(y.message);
    const d = await client.waitForDiagnostics(uri(), (x) => x.some(named), 20_000);
    const u = d.find(named)!;
    assert.match(u.message, /^5\.2\.6\.2 \(worth 1\) is not covered by the manual: .* — may be addressed by "以旧换新与回收" \(other\.md, line 7\): tag it\?$/);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: uri() }, range: u.range, context: { diagnostics: [u] } })) as CodeAction[];
    assert.equal(actions[0].title, 'Tag "以旧换新与回收" (line 7) with 5.2.6.2');
    const other = fileUri(path.join(dir, 'other.md'));
    assert.match(applyTextEdits(OTHER, actions[0].edit!.changes![other]), /^## 以旧换新与回收 \[5\.2\.6\.2\]$/m);
  });

  it('a suppression comment hides a hint, like any problem', async () => {
    const text = MANUAL.replace('## 备用机服务', '<!-- gbt27922-disable-next-line suggested-clause -- 内部说明，不是指标 -->\n## 备用机服务');
    await client.open(uri(), text);
    const diags = await client.waitForDiagnostics(uri(), (d) => codes(d).length === 1);
    assert.deepEqual(codes(diags).map((d) => d.code), ['clause-may-be-wrong']);
    assert.ok(!diags.some((d) => d.code === 'unused-suppression'), 'the comment is used');
  });

  it('speaks Chinese to a Chinese client', async () => {
    await client.stop();
    client = await LspClient.start({ folders: [dir], locale: 'zh-cn', initializationOptions: { cacheDir: null } });
    await client.waitForIndexed();
    await client.open(uri(), MANUAL);
    const diags = await client.waitForDiagnostics(uri(), (d) => codes(d).length === 2);
    assert.match(diags.find((x) => x.code === 'suggested-clause')!.message, /^看起来是 5\.2\.4\.6 维修期间提供代用品（1 分），依据：备用机.*。要加标记吗？$/);
  });
});
