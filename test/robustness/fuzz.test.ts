/**
 * Fuzzing over LSP: random edits (inserts, deletes, pastes of Chinese text, tags, tables,
 * broken front matter, emoji, CRLF, code fences, non-conformities, follow-ups, sampled scores,
 * audit dates and previous reports) to an open audit report or manual chapter. After each step the
 * server answers, the diagnostics it publishes for the final version equal those of a fresh
 * analysis of the same text (a second document opened with that text, and the model's
 * whole-text parse in-process), and no range falls outside the document.
 *
 * Bounded: FUZZ_RUNS runs (default 60) of at most 12 edits, inside a 75 s time budget.
 * Reproduce a failure with FUZZ_SEED=<seed> FUZZ_PATH=<path> (printed by fast-check).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DocumentSymbolRequest, type Diagnostic, type DocumentSymbol, type TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { parseDocument } from '../../server/src/model';
import { defaultScheme } from '../../server/src/scheme/loader';
import { renderProblem } from '../../server/src/analysis/workspace';
import { SuggestionEngine } from '../../server/src/suggest/engine';
import { suggestDocument } from '../../server/src/suggest/sections';
import {
  auditWorkspace,
  cleanupTemp,
  diagnosticsForVersion,
  DOCUMENT_SCORE,
  fileUri,
  lineStarts,
  normalizeDiagnostics,
  positionAt,
  rangeProblems,
  SAMPLES,
  snapOffset,
  startServer,
  type LspClient,
} from './helpers';

/** Codes that come from more than one file's model (workspace analysis, links, reading). */
const WORKSPACE_CODES = new Set([
  'uncovered-item',
  'unscored-item',
  'deductions-over-limit',
  'bonus-over-cap',
  'broken-evidence-link',
  'evidence-link-outside',
  'unknown-scheme',
  'invalid-scheme',
  'invalid-config',
  'file-too-large',
  'not-text',
  // Non-conformities against the date, the score and the certification cycle (other reports).
  'nc-overdue',
  'nc-full-score',
  'nc-item-capped',
  'nc-blocks-star',
  'nc-not-followed-up',
  'follow-up-unknown-nc',
  'follow-up-no-previous',
  'surveillance-late',
  'item-score-dropped',
  'previous-not-found',
  'previous-not-audit',
  'previous-loop',
  'previous-chain-too-long',
  'previous-not-earlier',
]);

/** Clause-tag suggestion hints: checked against a whole-text suggestion run, not the model's problems. */
const HINT_CODES = new Set(['suggested-clause', 'clause-may-be-wrong']);

const ITEM_IDS = ['5.1.1.1', '5.1.2.2', '5.1.4.1', '5.2.2.3', '5.3.1.1', '5.3.4.2'];
const SCORES = ['80%', '4/5', '3分', '不适用 本企业为生产型', 'N/A', '120%', '9/10', 'abc', '', '82.5%'];

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('售后服务', '配置售后服务管理师 2 名。', '证据：人员名册 HR-03', '顾客满意度调查', '，', '。', '（', '）') },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom('- ', '', '* ', '1. '), fc.constantFrom('[', '【'), fc.constantFrom(...ITEM_IDS, '5.9.9.9', '５．１．２．２', '5.1.2', '5.2.2.1-5.2.2.4'), fc.constantFrom(...SCORES), fc.constantFrom(' 证据：记录', ' Evidence: [x](evidence/org-chart.md)', ' 证据：[缺](missing.md)', ' 证据：[外](../../etc/passwd)', ''))
      .map(([bullet, open, id, score, ev]) => `\n${bullet}${open}${id}${open === '[' ? ']' : '】'} ${score}${ev}\n`),
  },
  { weight: 2, arbitrary: fc.constantFrom('\n| 条款 | 得分 | 证据 |\n| --- | --- | --- |\n| [5.1.2.1] | 80% | 名册 |\n', '| [5.2.1.1] | 4分 | x |\n', '| a | b |\n', '\n|---|\n') },
  { weight: 2, arbitrary: fc.constantFrom('---\ntype: audit\n', '---\n', 'organisation: [unclosed\n', '不适用:\n  5.1.1.1: 理由\n', 'metrics: {a: 1\n', '---\ntype: manual\nclauses: [5.1.1.1]\n---\n') },
  { weight: 2, arbitrary: fc.constantFrom('👍🏽', '🧑‍🔧', '😀', '\u{20BB7}', '\uFEFF', '\u200B') },
  { weight: 3, arbitrary: fc.constantFrom('\r\n', '\n', '\n\n', '\r\n\r\n', '\r') },
  { weight: 2, arbitrary: fc.constantFrom('\n# 标题 [5.1.1]\n', '\n## [5.1.2.2] 人员\n', '\n```\n', '\n~~~md\n[5.1.1.1] 80%\n', '`[5.1.1.1]`', '<!-- clause: 5.1.3.1 -->', '<!--', '-->', '\n<div>\n', '[扣分] 投诉处理超时\n', '[bonus] 获奖\n') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '\n- [NC-01] [5.1.1.1] 一般：记录不全。整改期限：2027-01-31\n',
      '  - 纠正措施：补记录\n',
      '  - 验证：2027-01-20 已关闭\n',
      '\n- [NC-01] [5.9.9.9] 严重：x\n',
      '\n[NC-7] minor: late. due: 2027-02-30\n',
      '\n- [跟踪 NC-02] 已关闭\n',
      '\n[follow-up NC-9] in progress\n',
      ' 抽查 20 份，合格 18 份',
      ' sampled 0, conforming 0',
      'auditDate: 2027-02-30\n',
      'auditType: 监督审核\n',
      'previous: 2026-审核报告.md\n',
      'previous: missing.md\n',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 6 }) },
);

interface Edit {
  at: number;
  del: number;
  insert: string;
}

const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.nat({ max: 40 }) }, { weight: 1, arbitrary: fc.nat({ max: 2000 }) }),
  insert: fc.oneof({ weight: 4, arbitrary: piece }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.array(piece, { maxLength: 5 }).map((a) => a.join('')) }),
});

/** Apply one edit to `text`; returns the new text and the LSP change event. */
function applyEdit(text: string, e: Edit): { text: string; change: TextDocumentContentChangeEvent } {
  const starts = lineStarts(text);
  const start = snapOffset(text, Math.floor(e.at * text.length));
  const end = snapOffset(text, Math.min(text.length, start + e.del));
  let insert = e.insert;
  // Editors keep line breaks whole: an edit never joins a \r and a \n into one CRLF (the
  // server's TextDocument would then count lines differently from a fresh one; see the report).
  if (text.charCodeAt(start - 1) === 13 && (insert + text.slice(end)).startsWith('\n')) insert = ' ' + insert;
  if ((text.slice(0, start) + insert).endsWith('\r') && text.charCodeAt(end) === 10) insert += ' ';
  const range = { start: positionAt(text, start, starts), end: positionAt(text, end, starts) };
  return { text: text.slice(0, start) + insert + text.slice(end), change: { range, text: insert } };
}

/** A payload as plain data with its own URI replaced by a placeholder and no version. */
function comparable(p: { uri?: string; version?: number }, uri: string, name: string): unknown {
  const { version: _v, ...rest } = p;
  const json = JSON.stringify(rest).split(JSON.stringify(uri).slice(1, -1)).join('<doc>');
  // A manual's file list names the document (workspace-relative).
  return JSON.parse(json.replace(new RegExp(`audit/${name}-\\d+\\.md`, 'g'), 'audit/<doc>.md'));
}

function allSymbolRanges(symbols: DocumentSymbol[], out: { range: Diagnostic['range']; what: string }[] = []) {
  for (const s of symbols) {
    out.push({ range: s.range, what: `symbol ${s.name} range` }, { range: s.selectionRange, what: `symbol ${s.name} selectionRange` });
    if (s.children) allSymbolRanges(s.children, out);
  }
  return out;
}

describe('robustness: fuzzed edits over LSP', function () {
  this.timeout(180000);
  let client: LspClient;
  let ws: ReturnType<typeof auditWorkspace>;
  const scheme = defaultScheme();
  const manualText = readFileSync(join(SAMPLES, 'manual', '01-组织与资源.md'), 'utf8');

  before(async () => {
    ws = auditWorkspace();
    client = await startServer([ws.root]);
    await client.waitForIndexed();
  });

  after(async () => {
    await client?.stop();
    cleanupTemp();
  });

  it('after random edits the server answers and its diagnostics equal a fresh analysis of the final text', async () => {
    let run = 0;
    const started = Date.now();
    const property = fc.asyncProperty(fc.array(fc.array(edit, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 12 }), fc.boolean(), fc.boolean(), async (steps, burst, startFromManual) => {
      run++;
      const uri = fileUri(join(ws.root, 'audit', `fuzz-${run}.md`));
      const fresh = fileUri(join(ws.root, 'audit', `fresh-${run}.md`));
      let text = startFromManual ? manualText : ws.text;
      await client.open(uri, text);
      await diagnosticsForVersion(client, uri, 1);
      try {
        let version = 1;
        for (const step of steps) {
          const changes: TextDocumentContentChangeEvent[] = [];
          for (const e of step) {
            const r = applyEdit(text, e);
            text = r.text;
            changes.push(r.change);
          }
          version = await client.change(uri, changes);
          if (!burst) {
            const ds = await diagnosticsForVersion(client, uri, version);
            assert.deepEqual(rangeProblems(text, ds.map((d) => ({ range: d.range, what: `${d.code}` }))), [], `diagnostic ranges at version ${version}`);
            const step = await client.requestRaw<{ version?: number }>(DOCUMENT_SCORE, { uri });
            assert.equal(step.version, version, 'the score request answers for this version');
          }
        }
        // The server answers requests on the latest text.
        const symbols = (await client.request(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[] | null;
        assert.deepEqual(rangeProblems(text, allSymbolRanges(symbols ?? [])), [], 'document symbol ranges');
        const score = await client.requestRaw<{ uri: string; version?: number; kind: string }>(DOCUMENT_SCORE, { uri });
        assert.equal(score.version, version, 'documentScore answers for the latest version');
        const incremental = await diagnosticsForVersion(client, uri, version);
        assert.deepEqual(rangeProblems(text, incremental.map((d) => ({ range: d.range, what: `${d.code}` }))), [], 'final diagnostic ranges');

        // A fresh document with the same text, in the same folder (same relative links), once
        // the edited one is closed (so the workspace around it is the same: a manual's
        // coverage is the union over the open manual files).
        await client.close(uri);
        await client.open(fresh, text);
        const reference = await diagnosticsForVersion(client, fresh, 1);
        assert.deepEqual(normalizeDiagnostics(incremental, uri), normalizeDiagnostics(reference, fresh), 'incremental diagnostics = fresh document diagnostics');
        const freshSymbols = await client.request(DocumentSymbolRequest.type, { textDocument: { uri: fresh } });
        assert.deepEqual(symbols, freshSymbols, 'incremental document symbols = fresh document symbols');
        const freshScore = await client.requestRaw<{ uri: string; version?: number }>(DOCUMENT_SCORE, { uri: fresh });
        assert.deepEqual(comparable(score, uri, 'fuzz'), comparable(freshScore, fresh, 'fresh'), 'incremental panel payload = fresh document payload');

        // The model's own problems, from a whole-text parse in this process.
        const model = parseDocument(text, scheme, { whole: true });
        const expected = model.problems.map((p) => renderProblem(p, 'en')!).map((p) => ({ range: p.range, code: p.code, message: p.message }));
        const published = incremental.filter((d) => !WORKSPACE_CODES.has(String(d.code)) && !HINT_CODES.has(String(d.code))).map((d) => ({ range: d.range, code: d.code, message: d.message }));
        const key = (x: { range: unknown; code: unknown; message: string }) => JSON.stringify([x.range, x.code, x.message]);
        assert.deepEqual(published.map(key).sort(), expected.map(key).sort(), 'published model problems = whole-text parse problems');
        assert.equal(score.kind, model.kind, 'document kind');
        // The hints, from a whole-text suggestion run in this process (manuals only).
        const hints = model.kind !== 'manual' ? [] : suggestDocument(new SuggestionEngine(scheme), model, text).filter((x) => (x.suggestions[0]?.confidence ?? 0) >= 0.5);
        const hintKey = (range: unknown, code: string, id: unknown) => JSON.stringify([range, code, id]);
        assert.deepEqual(
          incremental.filter((d) => HINT_CODES.has(String(d.code))).map((d) => hintKey(d.range, String(d.code), (d.data as { itemId?: string } | undefined)?.itemId)).sort(),
          hints.map((x) => hintKey(x.headingRange, x.misfit ? 'clause-may-be-wrong' : 'suggested-clause', x.suggestions[0].id)).sort(),
          'published suggestion hints = whole-text suggestions',
        );
      } catch (e) {
        // Keep the text that failed, for the report.
        throw new Error(`${(e as Error).message}\nfinal text (${text.length} chars): ${JSON.stringify(text.length > 3000 ? text.slice(0, 3000) + '…' : text)}`);
      } finally {
        if (client.version(uri) !== undefined) await client.close(uri);
        if (client.version(fresh) !== undefined) await client.close(fresh);
      }
      assert.ok(client.isRunning, 'server still running');
    });
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
    await fc.assert(property, {
      numRuns: Number(process.env.FUZZ_RUNS ?? 60),
      seed,
      path: process.env.FUZZ_PATH,
      interruptAfterTimeLimit: 75000,
      markInterruptAsFailure: false,
      // Shrinking replays runs over LSP: bound it.
      endOnFailure: process.env.FUZZ_SHRINK !== '1',
    });
    console.log(`      ${run} fuzz runs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.ok(run >= 5, `at least 5 runs completed (got ${run})`);
  });
});
