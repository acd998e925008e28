/**
 * Bench rows of issue 13 (Word import and clause-tag suggestions), each with a baseline from
 * the same run:
 * - the suggestion corpus (dev, holdout, fresh): top-1, top-3, sections about nothing kept quiet;
 * - `suggest` on a 300-section manual: the engine built and every section ranked (what suggest
 *   adds to reading the file), beside the parse of the same file that comes before it;
 * - import of a ~100-page .docx made by pandoc (pages counted by LibreOffice → PDF → pdfinfo),
 *   against mammoth's .docx → HTML alone on the same file, and the CLI end to end;
 * - typing in the 300-section manual opened in the server (every heading untagged, so every one
 *   has a hint): didChange → diagnostics with the hints on, against the same server with
 *   `suggestions: false`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { delay, fileUri, LspClient } from '../test/protocol/lspClient';
import { pandocDocx, soffice } from '../test/fixtures/word/make';
import { importDocument } from '../server/src/import';
import { parseDocument } from '../server/src/model';
import { defaultScheme } from '../server/src/scheme/loader';
import { SuggestionEngine } from '../server/src/suggest/engine';
import { suggestDocument } from '../server/src/suggest/sections';
import { CORPORA, loadCorpus, scoreCorpus, type CorpusSection } from './suggestCorpus';
import { BENCH_ROOT, Rng } from './corpus';
import { Doc, editStream, type EditPlan } from './lsp';
import { collectGarbage, round, summarize, type Summary } from './stats';

export interface WordBenchResults {
  corpus: { name: string; sections: number; indicatorSections: number; top1: number; top3: number; noneSections: number; quietNone: number; confidentRight: number; appliedExact: number; appliedWrong: number }[];
  suggest300?: { sections: number; bytes: number; ms: Summary; parseMs: Summary; ratio: number };
  import100?: { pages?: number; bytes: number; sections: number; ms: Summary; mammothMs: Summary; ratio: number; cliMs?: number };
  manualEdit?: { sections: number; edits: number; hintsOn: Summary; hintsOff: Summary; ratio: number; hints: number };
  errors: string[];
}

const ALL_SECTIONS = (): CorpusSection[] => CORPORA.flatMap((n) => loadCorpus(n));

/** A manual of `n` sections in chapters of 20, headings numbered, from the corpus (bodies varied by repetition). */
export function bigManual(n: number, repeatBody = 1): string {
  const all = ALL_SECTIONS();
  const out = ['---', 'type: manual', '---', '', '# 售后服务手册', ''];
  for (let i = 0; i < n; i++) {
    const s = all[i % all.length];
    if (i % 20 === 0) out.push(`## 第${i / 20 + 1}章`, '', `本章共 ${Math.min(20, n - i)} 节。`, '');
    const round = Math.floor(i / all.length);
    out.push(`### ${Math.floor(i / 20) + 1}.${(i % 20) + 1} ${s.heading.replace(/^[一二三四五六七八九十]+、|^第.+?章\s*/, '')}`, '');
    for (let r = 0; r < repeatBody; r++) out.push(`${s.body.trim()}${round ? `（第 ${round + 1} 版补充。）` : ''}`, '');
    if (i % 10 === 5) out.push('| 项目 | 要求 | 责任部门 |', '|---|---|---|', '| 响应 | 2 小时 | 客服中心 |', '| 上门 | 24 小时 | 服务网点 |', '');
    if (i % 5 === 2) out.push('- 记录保存三年', '- 每月汇总分析', '');
  }
  return out.join('\n');
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

export async function runWordBench(o: { distDir: string; log: (m: string) => void; quick: boolean }): Promise<WordBenchResults> {
  const res: WordBenchResults = { corpus: [], errors: [] };
  const scheme = defaultScheme();
  const dir = path.join(BENCH_ROOT, 'word');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });

  // 1. Corpus accuracy.
  const engine = new SuggestionEngine(scheme);
  for (const name of CORPORA) {
    const s = scoreCorpus(engine, loadCorpus(name));
    res.corpus.push({ name, sections: s.sections, indicatorSections: s.indicatorSections, top1: s.top1, top3: s.top3, noneSections: s.noneSections, quietNone: s.quietNone, confidentRight: s.confidentRight, appliedExact: s.appliedExact, appliedWrong: s.appliedWrong });
    o.log(`suggestion corpus ${name}: top-1 ${s.top1}/${s.indicatorSections}, top-3 ${s.top3}/${s.indicatorSections}, quiet ${s.quietNone}/${s.noneSections}`);
  }

  // 2. suggest on a 300-section manual: what `gbt27922 suggest` does after reading the file.
  const manual = bigManual(300);
  const reps = o.quick ? 5 : 15;
  const ms: number[] = [];
  const parseMs: number[] = [];
  let sections = 0;
  for (let i = 0; i <= reps; i++) {
    collectGarbage();
    const [model, p] = time(() => parseDocument(manual, scheme));
    const [sug, t] = time(() => suggestDocument(new SuggestionEngine(scheme), model, manual));
    sections = sug.length;
    if (i > 0) {
      ms.push(t);
      parseMs.push(p);
    }
  }
  res.suggest300 = { sections, bytes: Buffer.byteLength(manual), ms: summarize(ms), parseMs: summarize(parseMs), ratio: round(summarize(ms).median / summarize(parseMs).median) };
  o.log(`suggest on ${sections} sections: ${res.suggest300.ms.median} ms (parse alone ${res.suggest300.parseMs.median} ms)`);

  // 3. Import of a ~100-page .docx.
  try {
    const md = bigManual(300, 4).replace(/^---[\s\S]*?---\n/, '').replace(/^### (.*)$/gm, (_m, h: string) => `**${h}**`);
    const docx = pandocDocx(dir, md, 'manual-100p.docx');
    const bytes = fs.readFileSync(docx);
    let pages: number | undefined;
    try {
      const pdf = soffice(dir, docx, 'pdf');
      const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
      pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1]) || undefined;
    } catch (e) {
      res.errors.push(`page count: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    const mammoth = (await import('mammoth')).default;
    const runs = o.quick ? 2 : 4;
    const imp: number[] = [];
    const mam: number[] = [];
    let imported = 0;
    for (let i = 0; i <= runs; i++) {
      collectGarbage();
      let t = performance.now();
      await mammoth.convertToHtml({ buffer: bytes });
      const m = performance.now() - t;
      collectGarbage();
      t = performance.now();
      const r = await importDocument(bytes, { fileName: 'manual-100p.docx', assetsDir: 'manual-100p.assets', scheme, tags: 'suggest' });
      const d = performance.now() - t;
      imported = r.stats.headings;
      if (i > 0) {
        imp.push(d);
        mam.push(m);
      }
    }
    const t = performance.now();
    const cli = spawnSync(process.execPath, [path.join(o.distDir, 'cli.js'), 'import', docx, '-o', path.join(dir, 'out', 'manual.md'), '--force'], { encoding: 'utf8' });
    const cliMs = cli.status === 0 ? round(performance.now() - t) : undefined;
    if (cli.status !== 0) res.errors.push(`CLI import failed: ${cli.stderr.split('\n')[0]}`);
    res.import100 = { pages, bytes: bytes.length, sections: imported, ms: summarize(imp), mammothMs: summarize(mam), ratio: round(summarize(imp).median / summarize(mam).median), cliMs };
    o.log(`import of ${pages ?? '?'} pages (${(bytes.length / 1024).toFixed(0)} KB): ${res.import100.ms.median} ms (mammoth alone ${res.import100.mammothMs.median} ms), CLI ${cliMs ?? '—'} ms`);
  } catch (e) {
    res.errors.push(`import bench: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }

  // 4. Typing in a big untagged manual, hints on and off.
  try {
    const wsDir = path.join(dir, 'ws');
    fs.mkdirSync(wsDir, { recursive: true });
    const file = path.join(wsDir, 'manual.md');
    fs.writeFileSync(file, manual);
    const edits = o.quick ? 40 : 150;
    const measure = async (suggestions: boolean): Promise<{ s: Summary; hints: number }> => {
      const client = await LspClient.start({ folders: [wsDir], serverPath: path.join(o.distDir, 'server.js'), initializationOptions: { debounceMs: 0, cacheDir: null, suggestions } });
      try {
        await client.waitForIndexed(120_000);
        const uri = fileUri(file);
        await client.open(uri, manual);
        const first = await client.waitForDiagnostics(uri, (_d, v) => v === 1, 60_000);
        const hints = first.filter((d) => d.code === 'suggested-clause').length;
        const doc = new Doc(manual);
        const stream = editStream(doc, new Rng(13));
        const samples: number[] = [];
        for (let i = 0; i < 10 + edits; i++) {
          const e = stream.next().value as EditPlan;
          await delay(30);
          const t = performance.now();
          const version = await client.change(uri, [e.change]);
          await client.waitForDiagnostics(uri, (_d, v) => v === version, 10_000);
          if (i >= 10) samples.push(performance.now() - t);
        }
        return { s: summarize(samples), hints };
      } finally {
        await client.stop();
      }
    };
    const off = await measure(false);
    const on = await measure(true);
    res.manualEdit = { sections, edits, hintsOn: on.s, hintsOff: off.s, ratio: round(on.s.p95 / off.s.p95), hints: on.hints };
    o.log(`typing in the ${sections}-section manual: p95 ${on.s.p95} ms with ${on.hints} hints, ${off.s.p95} ms without`);
  } catch (e) {
    res.errors.push(`manual editing: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  return res;
}
