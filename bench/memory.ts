/**
 * Where the language server's memory goes once a corpus is indexed: builds the server's
 * workspace index in this process (parsing on this thread, no disk cache), then releases its
 * parts one at a time and measures the V8 heap after a full GC each time.
 *
 *     npx tsx --expose-gc bench/memory.ts [corpus name, default c2000]
 *
 * (Run `npm run bench` or `tsx bench/corpus.ts` first so the corpus is on disk.) The server
 * process holds this heap plus, per parse worker thread, that worker's own heap.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { serialize } from 'node:v8';
import { nodeIndexServices } from '../server/src/index/nodeServices';
import { WorkspaceIndex } from '../server/src/index/workspaceIndex';
import { pathToUri } from '../server/src/index/uri';
import { BENCH_ROOT } from './corpus';

const gc = (globalThis as { gc?: () => void }).gc;

function heapMB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

async function main(): Promise<void> {
  if (!gc) throw new Error('run with --expose-gc');
  const name = process.argv[2] ?? 'c2000';
  const dir = path.join(BENCH_ROOT, name);
  readFileSync(path.join(dir, '.bench-manifest'));
  const base = heapMB();
  const services = nodeIndexServices({ workers: 0, modelVersion: 'memory', log: () => {} });
  const index = new WorkspaceIndex({ locale: 'zh', debounceMs: 0, asyncThreshold: 20000, ...services, log: () => {}, onChange: () => {} });
  index.addFolder(pathToUri(dir));
  const t = performance.now();
  const stats = await index.indexAll();
  const ms = performance.now() - t;
  // What a diagnostics publish computes (audit scores, manual coverage) is cached too.
  for (const uri of index.docs.keys()) index.problemsOf(uri);
  const rows: [string, number][] = [];
  let last = heapMB();
  const total = last - base;
  const release = (what: string, fn: () => void) => {
    fn();
    const now = heapMB();
    rows.push([what, last - now]);
    last = now;
  };
  let chunkEntries = 0;
  let models = 0;
  for (const d of index.docs.values()) {
    chunkEntries += d.chunks?.length ?? 0;
    if (d.model) models++;
  }
  const cacheSize = index.cache.size;
  const serialized = serialize([...index.docs.values()].map((d) => d.model)).length / 2 ** 20;
  const chunkSerialized = serialize([...index.docs.values()].map((d) => d.chunks)).length / 2 ** 20;
  release(`chunk cache (${cacheSize} chunk texts as keys, with their models)`, () => index.cache.clear());
  release('audit and manual analyses (scores, coverage)', () => {
    for (const d of index.docs.values()) d.audit = undefined;
    for (const f of index.folders.values()) f.manualCache = undefined;
  });
  release(`chunk models kept per file (${chunkEntries} chunks)`, () => {
    for (const d of index.docs.values()) d.chunks = undefined;
    for (const f of index.folders.values()) f.diskEntries = new Map();
  });
  release(`document models (${models} files)`, () => {
    for (const d of index.docs.values()) d.model = undefined;
    // The index's memo of each folder's file models.
    (index as unknown as { filesMemo: Map<unknown, unknown> }).filesMemo.clear();
  });
  release('the rest (file states, URIs, folders)', () => {
    index.docs.clear();
    index.folders.clear();
  });
  rows.push(['still held (not attributed)', last - base]);
  await index.dispose();
  const fmt = (x: number) => `${x.toFixed(1).padStart(7)} MB`;
  process.stdout.write(
    [
      `${name}: ${stats.files} files indexed in ${(ms / 1000).toFixed(1)} s on this thread; heap after GC ${fmt(total)} above the baseline of ${fmt(base)}`,
      ...rows.map(([w, mb]) => `  ${fmt(mb)}  ${w}`),
      `  (v8.serialize size: document models ${fmt(serialized)}, chunk models ${fmt(chunkSerialized)})`,
    ].join('\n') + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
