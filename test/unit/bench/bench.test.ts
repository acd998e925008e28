/**
 * The benchmark's own parts, checked fast (no timing): the corpus generator is deterministic
 * and writes the documents it claims (Chinese prose, tables, lists, links, tags in every form,
 * audits our model scores, manuals it covers); the edit generator's mirror stays equal to the
 * text the server would hold; statistics and target verdicts are right.
 */
import { strict as assert } from 'node:assert';
import { generateCorpus, generateLargeReport } from '../../../bench/corpus';
import { Doc, editStream, parseIndexedLog, type EditPlan } from '../../../bench/lsp';
import { Rng } from '../../../bench/corpus';
import { evaluateTargets, type BenchResults } from '../../../bench/report';
import { percentile, summarize } from '../../../bench/stats';
import { parseDocument } from '../../../server/src/model';
import { defaultScheme } from '../../../server/src/scheme/loader';
import { applyTextEdits } from '../../protocol/lspClient';

describe('bench: corpus generator', () => {
  const spec = { name: 't', files: 24, bytes: 120_000, seed: 27922 };

  it('gives byte-identical files for the same seed and different ones for another seed', () => {
    const a = generateCorpus(spec);
    const b = generateCorpus(spec);
    assert.deepEqual(a, b);
    const c = generateCorpus({ ...spec, seed: 1 });
    assert.notDeepEqual(
      a.map((f) => f.text),
      c.map((f) => f.text),
    );
  });

  it('writes the requested number of files near the requested size, with the content it promises', () => {
    const files = generateCorpus(spec);
    assert.equal(files.length, 24);
    const all = files.map((f) => f.text).join('\n');
    const bytes = Buffer.byteLength(all);
    assert.ok(bytes > 70_000 && bytes < 200_000, `size ${bytes}`);
    const cjk = (all.match(/[\u4e00-\u9fff]/g) ?? []).length;
    assert.ok(cjk > all.length / 4, 'mostly Chinese text');
    assert.match(all, /^\| --- \| --- \|/m, 'GFM tables');
    assert.match(all, /^[-*] \S/m, 'bullet lists');
    assert.match(all, /^1\. \S/m, 'ordered lists');
    assert.match(all, /\]\((?:https:\/\/|\.\.\/)[^)]+\)/, 'links, absolute and relative');
    assert.match(all, /\[5\.\d\.\d\.\d\]/, 'bracket tags');
    assert.match(all, /【5\.\d\.\d\.\d/, 'full-width bracket tags');
    assert.match(all, /```text\n/, 'code blocks');
    assert.match(all, /^---\n(?:type|类型): /m, 'front matter');
  });

  it('writes audits our model scores and manuals it covers (not documents we ignore)', () => {
    const scheme = defaultScheme();
    const files = generateCorpus(spec);
    const models = files.map((f) => ({ path: f.path, model: parseDocument(f.text, scheme) }));
    const audits = models.filter((m) => m.path.includes('审核'));
    const manuals = models.filter((m) => m.path.includes('手册'));
    const notes = models.filter((m) => m.path.includes('记录'));
    assert.ok(audits.length > 0 && manuals.length > 0);
    for (const a of audits) {
      assert.equal(a.model.kind, 'audit', a.path);
      assert.ok(a.model.entries.length >= 40, `${a.path}: ${a.model.entries.length} entries`);
    }
    for (const m of manuals) assert.equal(m.model.kind, 'manual', m.path);
    assert.ok(manuals.reduce((n, m) => n + m.model.coverage.length, 0) >= 40, 'the manual covers most items');
    for (const n of notes) assert.equal(n.model.kind, 'none', n.path);
  });

  it('writes the large report with exactly the requested number of lines', () => {
    const text = generateLargeReport(27922, 1200);
    assert.equal(text.split('\n').length - 1, 1200);
    assert.ok(text.endsWith('\n'));
    assert.equal(text, generateLargeReport(27922, 1200));
  });
});

describe('bench: edit stream', () => {
  it('keeps its mirror equal to the text after applying each change as the server does', () => {
    let text = generateLargeReport(5, 600);
    const doc = new Doc(text);
    const stream = editStream(doc, new Rng(8));
    const kinds = new Set<string>();
    for (let i = 0; i < 120; i++) {
      const e = stream.next().value as EditPlan;
      kinds.add(e.kind);
      const range = e.change as { range: Parameters<typeof applyTextEdits>[1][number]['range']; text: string };
      text = applyTextEdits(text, [{ range: range.range, newText: range.text }]);
      assert.equal(doc.text(), text, `after edit ${i} (${e.kind})`);
    }
    assert.deepEqual([...kinds].sort(), ['backspace', 'newline', 'score', 'type']);
  });
});

describe('bench: statistics and targets', () => {
  it('interpolates percentiles between ranks', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    assert.equal(percentile(xs, 50), 5.5);
    assert.ok(Math.abs(percentile(xs, 95) - 9.55) < 1e-9);
    assert.equal(percentile([7], 95), 7);
    const s = summarize([3, 1, 2]);
    assert.deepEqual([s.n, s.median, s.min, s.max, s.mean], [3, 2, 1, 3, 2]);
  });

  it('reads the server indexing log line', () => {
    const s = parseIndexedLog('indexed 2000 files in 21345 ms (1990 parsed, 10 from the disk cache, 0 unchanged, 0 not ours; 13000 chunks parsed on 2 worker(s), 2 started)');
    assert.deepEqual(s, { files: 2000, ms: 21345, parsed: 1990, fromDiskCache: 10, unchanged: 0, notOurs: 0, chunks: 13000, workers: 2, workersStarted: 2 });
    const withPhases = parseIndexedLog(
      'indexed 2000 files in 1800 ms (0 parsed, 2000 from the disk cache, 0 unchanged, 3 not ours; 0 chunks parsed on 2 worker(s), 0 started; ms: disk cache 250, discovery 120, files 900, diagnostics 400)',
    );
    assert.equal(withPhases?.notOurs, 3);
    assert.deepEqual(withPhases?.phases, { diskCache: 250, discover: 120, files: 900, publish: 400 });
    assert.equal(parseIndexedLog('something else'), undefined);
  });

  it('marks each target PASS, MISS or SKIP from the numbers of the run', () => {
    const summary = (median: number, p95 = median) => ({ n: 5, median, p95, min: median, max: p95, mean: median });
    const r = {
      analysis: [
        { corpus: 'small', files: 1, bytes: 10, reps: 1, floorMs: summary(1), markdownlintMs: summary(1), oursMs: summary(5), oursOverFloor: 5, oursOverMarkdownlint: 5, markdownlintOverFloor: 1 },
        { corpus: 'big', files: 9, bytes: 1000, reps: 1, floorMs: summary(10), markdownlintMs: summary(12), oursMs: summary(12), oursOverFloor: 1.2, oursOverMarkdownlint: 1.01, markdownlintOverFloor: 1.2, prefilterMs: summary(0.3), prefilterOverOurs: 0.025 },
        // Larger than every generated corpus, but judged by its own targets.
        { corpus: 'foreign', files: 700, bytes: 5000, reps: 1, floorMs: summary(8000), markdownlintMs: summary(7000), oursMs: summary(40), oursOverFloor: 0.005, oursOverMarkdownlint: 0.006, markdownlintOverFloor: 0.9 },
      ],
      cli: [{ corpus: 'foreign', files: 700, bytes: 5000, wallMs: summary(800.5), exitCode: 0 }],
      lsp: {
        serverBundle: 'dist/server.js',
        initializationOptions: {},
        errors: [],
        didChange: { ...summary(10, 31), failures: 0, lines: 5000, bytes: 1, edits: 5, kinds: {} },
        hover: { ...summary(1, 5), failures: 0 },
        foreignIndex: { corpus: 'foreign', files: 700, bytes: 5000, runs: [], serverMs: 300, wallMs: 700, rssMB: 100.4 },
      },
    } as unknown as BenchResults;
    const t = new Map(evaluateTargets(r).map((x) => [x.id, x.status]));
    assert.equal(t.get('analysis-vs-floor'), 'PASS', 'judged on the largest corpus');
    assert.equal(t.get('analysis-vs-markdownlint'), 'MISS');
    assert.equal(t.get('didchange-p95'), 'MISS');
    assert.equal(t.get('hover-p95'), 'PASS', 'inclusive bound');
    assert.equal(t.get('completion-p95'), 'SKIP');
    assert.equal(t.get('server-memory'), 'SKIP');
    assert.equal(t.get('prefilter-cost'), 'MISS', '2.5 % of the analysis of the largest generated corpus');
    assert.equal(t.get('foreign-check'), 'MISS', '800.5 ms ÷ 8000 ms');
    assert.equal(t.get('foreign-index'), 'PASS');
    assert.equal(t.get('foreign-rss'), 'MISS');
  });
});
