/**
 * Fix all (analysis/safeFixes.ts and the `source.fixAll.gbt27922` code action): only certain
 * edits — an unknown ID with exactly one known ID a single edit away, an earned/max whose max is
 * not the item's points (rescaled when exact), full-width IDs in ASCII when the user opted in —
 * never a problem the user suppressed or turned off; applied at once they clear those problems
 * and nothing else.
 */
import { strict as assert } from 'node:assert';
import { CodeActionKind } from 'vscode-languageserver';
import { planSafeFixes, rescaledScores } from '../../../server/src/analysis/safeFixes';
import { applySuppressions } from '../../../server/src/analysis/suppressions';
import { codeActions, FIX_ALL_KIND } from '../../../server/src/features/codeActions';
import { parseDocument } from '../../../server/src/model';
import { defaultScheme } from '../../../server/src/scheme/loader';
import { MemoryWorkspace, uriOf } from '../features/memoryWorkspace';

const scheme = defaultScheme();
const REPORT = [
  '---',
  'type: audit',
  'clauses: ５．１．７．１',
  '---',
  '# 报告',
  '',
  '- [5.1.1.2] 4/5 证据：网点清单', // 3 points: 2.4/3
  '- [5.1.2.2] 1/3 证据：名册', // 5 points: 5/3 is not exact to 2 decimals → 33.33…% neither: left
  '- [5.1.2.22] 80% 证据：证书', // one candidate: 5.1.2.2
  '- 【５．１．３．９】 80% 证据：账目', // three candidates: left
  '- 【５．１．４．２２】 50% 证据：法规', // one candidate, full-width: kept full-width
  '- 【５．１．５．１】 100% 证据：记录', // full-width, known
  '- [5.2.4.1-５．２．４．２] 不适用 外包',
  '',
].join('\n');

function fixes(text: string, asciiIds = false) {
  const model = parseDocument(text, scheme);
  return planSafeFixes(model, text, scheme, applySuppressions(model, model.problems).problems, { asciiIds }).map((f) => `${f.range.start.line + 1}:${f.kind}:${f.oldText}→${f.newText}`);
}

describe('fix all: the safe fixes', () => {
  it('rescales an earned/max with the wrong max only when exact; replaces an unknown ID with its only near candidate, in the author’s digits', () => {
    assert.deepEqual(fixes(REPORT), ['7:max-mismatch:4/5→2.4/3', '9:unknown-clause:5.1.2.22→5.1.2.2', '11:unknown-clause:５．１．４．２２→５．１．４．２']);
    assert.deepEqual(rescaledScores('1/3', '5'), {});
    assert.deepEqual(rescaledScores('４／５', '1'), { scaled: '0.8/1', percent: '80%' });
  });

  it('with the opt-in, also every full-width ID in ASCII (tags, ranges, front matter; brackets stay), and fixed IDs in ASCII', () => {
    assert.deepEqual(fixes(REPORT, true), [
      '3:full-width-id:５．１．７．１→5.1.7.1',
      '7:max-mismatch:4/5→2.4/3',
      '9:unknown-clause:5.1.2.22→5.1.2.2',
      '10:full-width-id:５．１．３．９→5.1.3.9',
      '11:unknown-clause:５．１．４．２２→5.1.4.2',
      '12:full-width-id:５．１．５．１→5.1.5.1',
      '13:full-width-id:5.2.4.1-５．２．４．２→5.2.4.1-5.2.4.2',
    ]);
  });

  it('leaves a problem the user suppressed alone', () => {
    const text = REPORT.replace('- [5.1.2.22]', '<!-- gbt27922-disable-next-line unknown-clause -- 新版方案的条款 -->\n- [5.1.2.22]');
    assert.ok(!fixes(text).some((f) => f.includes('5.1.2.22')));
  });

  it('the source.fixAll.gbt27922 action: only when asked for; its one edit clears exactly the fixed problems; the setting adds the ASCII rewrite', () => {
    const ws = new MemoryWorkspace({ 'r.md': REPORT }, { locale: 'en' });
    const ask = (only?: string[], asciiIds = false) =>
      codeActions(ws, { textDocument: { uri: uriOf('r.md') }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only } }, { asciiIds }) ?? [];
    const kinds = (only?: string[]) => ask(only).map((a) => a.kind);
    assert.ok(!kinds(undefined).includes(FIX_ALL_KIND), 'not in the light bulb');
    assert.deepEqual(kinds([CodeActionKind.QuickFix]), []);
    const [viaGeneric] = ask([CodeActionKind.SourceFixAll]);
    assert.equal(viaGeneric.kind, FIX_ALL_KIND);
    const [fix] = ask([FIX_ALL_KIND]);
    assert.equal(fix.title, 'Fix all safe problems (3)');
    const before = ws.diagnostics('r.md').map((d) => `${d.range.start.line + 1}:${d.code}`);
    ws.apply(fix.edit);
    const after = ws.diagnostics('r.md').map((d) => `${d.range.start.line + 1}:${d.code}`);
    assert.deepEqual(
      before.filter((d) => !after.includes(d)),
      ['7:max-mismatch', '9:unknown-clause', '11:unknown-clause'],
    );
    assert.ok(after.includes('10:unknown-clause'), 'the ambiguous one is left');
    assert.ok(ws.textOf('r.md').includes('- 【５．１．５．１】'));
    const [ascii] = ask([FIX_ALL_KIND], true);
    ws.apply(ascii.edit);
    assert.ok(ws.textOf('r.md').includes('- 【5.1.5.1】 100%') && ws.textOf('r.md').includes('clauses: 5.1.7.1'), ws.textOf('r.md'));
    assert.deepEqual(ask([FIX_ALL_KIND], true), [], 'nothing left to fix');
  });
});
