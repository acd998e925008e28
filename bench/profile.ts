/**
 * CPU profiles for the benchmark: take one of our in-process analysis (inspector, no flags
 * needed), and summarise V8 `.cpuprofile` files — ours, or the server's written by
 * `npm run bench -- --profile` (NODE_OPTIONS=--cpu-prof) — by function and by source file,
 * mapping positions in the bundles (dist/*.js) back to TypeScript through their source maps.
 *
 *     tsx bench/profile.ts bench-results/prof/edit [more files or dirs] [--top=30]
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WrittenCorpus } from './corpus';
import type { Ours } from './ours';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Profile our full analysis (parse → model → coverage → score) of a corpus, once, in this process. */
export async function profileOurs(ours: Ours, corpus: WrittenCorpus, dir: string): Promise<string> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const s = ours.begin(corpus.dir);
  for (const f of corpus.files) s.addFile(f.path, f.text);
  s.finish();
  const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
  session.disconnect();
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `ours-${corpus.name}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

export interface ProfileRow {
  /** Function name and its TypeScript (or package) location. */
  name: string;
  where: string;
  selfMs: number;
  totalMs: number;
}

export interface ProfileSummary {
  files: string[];
  totalMs: number;
  /** By function (self time, and inclusive time counted once per stack). */
  functions: ProfileRow[];
  /** By source file or package (self time). */
  places: { where: string; selfMs: number }[];
}

const maps = new Map<string, { map: SourceMap; dir: string } | null>();

function sourceMapFor(file: string): { map: SourceMap; dir: string } | null {
  if (!maps.has(file)) {
    try {
      maps.set(file, { map: new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))), dir: path.dirname(file) });
    } catch {
      maps.set(file, null);
    }
  }
  return maps.get(file)!;
}

/** Where a frame is: repo-relative TypeScript path (through the bundle's source map), or `pkg:<name>`. */
function locate(frame: CallFrame, repoRoot: string): { where: string; line: number } {
  if (!frame.url) return { where: frame.functionName.startsWith('(') ? frame.functionName : '(native)', line: 0 };
  let file = frame.url;
  if (file.startsWith('file://')) file = fileURLToPath(file);
  else if (!path.isAbsolute(file)) return { where: `node:${file.replace(/^node:/, '')}`, line: 0 };
  let line = frame.lineNumber + 1;
  if (/\.c?js$/.test(file) && !/[\\/]node_modules[\\/]/.test(file)) {
    const sm = sourceMapFor(file);
    const e = sm?.map.findEntry(frame.lineNumber, frame.columnNumber) as { originalSource?: string; originalLine?: number } | undefined;
    if (sm && e?.originalSource) {
      const src = e.originalSource.startsWith('file://') ? fileURLToPath(e.originalSource) : path.resolve(sm.dir, e.originalSource);
      file = src;
      line = (e.originalLine ?? 0) + 1;
    }
  }
  const pkg = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
  if (pkg) return { where: `pkg:${pkg[1]}`, line };
  return { where: path.relative(repoRoot, file).split(path.sep).join('/'), line };
}

function profileFiles(inputs: string[]): string[] {
  const out: string[] = [];
  for (const p of inputs) {
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p)) if (f.endsWith('.cpuprofile')) out.push(path.join(p, f));
    } else out.push(p);
  }
  return out;
}

export function summarizeProfiles(inputs: string[], o: { repoRoot: string }): ProfileSummary {
  const files = profileFiles(inputs);
  const fn = new Map<string, ProfileRow>();
  const places = new Map<string, number>();
  let totalUs = 0;
  for (const file of files) {
    const prof = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
    const byId = new Map<number, ProfileNode>();
    const parent = new Map<number, number>();
    for (const n of prof.nodes) {
      byId.set(n.id, n);
      for (const c of n.children ?? []) parent.set(c, n.id);
    }
    const keyOf = new Map<number, { key: string; where: string; name: string }>();
    for (const n of prof.nodes) {
      const loc = locate(n.callFrame, o.repoRoot);
      const name = n.callFrame.functionName || '(anonymous)';
      const where = loc.line ? `${loc.where}:${loc.line}` : loc.where;
      keyOf.set(n.id, { key: `${name}\u0000${loc.where.startsWith('pkg:') ? loc.where : where}`, where: loc.where.startsWith('pkg:') ? loc.where : where, name });
    }
    prof.samples.forEach((id, i) => {
      const dt = prof.timeDeltas[i] ?? 0;
      if (dt <= 0) return;
      const n = byId.get(id);
      const k = keyOf.get(id);
      if (!n || !k) return;
      if (k.name === '(idle)') return;
      totalUs += dt;
      const row = fn.get(k.key) ?? { name: k.name, where: k.where, selfMs: 0, totalMs: 0 };
      row.selfMs += dt / 1000;
      fn.set(k.key, row);
      const place = k.where.replace(/:\d+$/, '');
      places.set(place, (places.get(place) ?? 0) + dt / 1000);
      // Inclusive: every distinct function on the stack once.
      const seen = new Set<string>();
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        const kk = keyOf.get(cur)!;
        if (seen.has(kk.key)) continue;
        seen.add(kk.key);
        const r = fn.get(kk.key) ?? { name: kk.name, where: kk.where, selfMs: 0, totalMs: 0 };
        r.totalMs += dt / 1000;
        fn.set(kk.key, r);
      }
    });
  }
  return {
    files,
    totalMs: totalUs / 1000,
    functions: [...fn.values()].sort((a, b) => b.selfMs - a.selfMs),
    places: [...places.entries()].map(([where, selfMs]) => ({ where, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

export function renderProfile(s: ProfileSummary, top = 30): string {
  const pct = (x: number) => `${((100 * x) / (s.totalMs || 1)).toFixed(1)}%`;
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const out: string[] = [`CPU profile: ${s.files.length} file(s), ${ms(s.totalMs)} of samples (idle excluded)`, '', 'By source file or package (self time):'];
  for (const p of s.places.slice(0, 15)) out.push(`  ${pct(p.selfMs).padStart(6)}  ${ms(p.selfMs).padStart(9)}  ${p.where}`);
  out.push('', 'By function, self time (total = inclusive):');
  for (const f of s.functions.slice(0, top)) out.push(`  ${pct(f.selfMs).padStart(6)}  ${ms(f.selfMs).padStart(9)}  total ${pct(f.totalMs).padStart(6)}  ${f.name}  ${f.where}`);
  const ours = s.functions.filter((f) => /^(server|client|bench)\//.test(f.where)).sort((a, b) => b.totalMs - a.totalMs);
  out.push('', 'Our functions by inclusive time:');
  for (const f of ours.slice(0, top)) out.push(`  ${pct(f.totalMs).padStart(6)}  ${ms(f.totalMs).padStart(9)}  self ${pct(f.selfMs).padStart(6)}  ${f.name}  ${f.where}`);
  return out.join('\n');
}

if (process.argv[1] && /profile\.ts$/.test(process.argv[1])) {
  const args = process.argv.slice(2);
  const top = Number(args.find((a) => a.startsWith('--top='))?.split('=')[1] ?? 30);
  const inputs = args.filter((a) => !a.startsWith('--'));
  if (inputs.length === 0) {
    process.stderr.write('usage: tsx bench/profile.ts <file.cpuprofile | dir>... [--top=N]\n');
    process.exit(2);
  }
  process.stdout.write(renderProfile(summarizeProfiles(inputs, { repoRoot: path.resolve(__dirname, '..') }), top) + '\n');
}
