/**
 * One side of a check (the working tree, or the `--base` revision): read every file once,
 * decode it, parse it once (chunks on worker threads when there is much to parse, shared by
 * both sides through one chunk cache), pick each report's scheme, then run the workspace
 * analysis the language server runs.
 */
import { availableParallelism } from 'node:os';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeWorkspace, type FileModel, type WorkspaceAnalysis } from '../analysis/workspace';
import { applySuppressions, type SuppressedProblem } from '../analysis/suppressions';
import { effectiveSeverity, resolveSchemeRef } from '../config/config';
import { analyzeText, analyzeTextAsync, type ParseMany, type SchemeChooser } from '../index/analyzer';
import { ChunkCache } from '../index/chunkCache';
import { WorkerPool, type ParseBudget } from '../index/workerPool';
import { decodeBytes, type TextEncodingName } from '../io/decode';
import { createLinkChecker } from '../io/fsLinks';
import { mayBeOurs } from '../model/prefilter';
import type { DocumentModel, Problem, Range } from '../model/types';
import { BUILTIN_SCHEME_FILES, formatSchemeProblems } from '../scheme/loader';
import type { Scheme } from '../scheme/types';
import { rel, type Project } from './project';
import type { FileProblem, OutFile } from './report';
import type { SourceTree } from './sources';
import { CliCycleSource } from './cycle';

export interface AnalysedFile {
  rel: string;
  abs: string;
  /** As shown to the user. */
  display: string;
  kind: OutFile['kind'];
  encoding?: TextEncodingName;
  text?: string;
  model?: DocumentModel;
  /** The scheme the file was analysed with. */
  scheme?: Scheme;
}

export interface Side {
  tree: SourceTree;
  files: AnalysedFile[];
  models: FileModel[];
  workspace: WorkspaceAnalysis;
  /** Every problem shown: config, unreadable files, report schemes, the model's and the workspace's. */
  problems: FileProblem[];
  /** Problems hidden by suppression comments, with the comment's reason. */
  suppressed: FileSuppressed[];
  /** Files that could not be read or decoded (exit code 2 on the working tree). */
  unreadable: { file: string; reason: string }[];
  /** Paths named on the command line that were not found on this side. */
  missing: { path: string; reason: string }[];
}

export interface FileSuppressed extends SuppressedProblem {
  file: string;
}

export interface Parser {
  cache: ChunkCache;
  /**
   * How to parse `chars` characters of text: on worker threads (the pool starts on the first call
   * with something to parse and serves later calls); undefined: here (nothing to parse, or no
   * worker bundle, as under tsx).
   */
  parseManyFor(chars: number): ParseMany | undefined;
  dispose(): Promise<void>;
}

/** Above this many characters of text, parsing goes to worker threads (when the bundle has them). */
const WORKER_THRESHOLD = 400_000;

/** The threshold, lowered by GBT27922_WORKER_THRESHOLD (tests use it to force the worker path). */
function workerThreshold(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.GBT27922_WORKER_THRESHOLD);
  return Number.isFinite(n) && n >= 0 && env.GBT27922_WORKER_THRESHOLD !== '' && env.GBT27922_WORKER_THRESHOLD !== undefined ? n : WORKER_THRESHOLD;
}

/** The parse budget, changed by GBT27922_PARSE_BUDGET_MS (a fixed time per chunk instead of 3 s + 20 s/MB) and GBT27922_PARSE_MEMORY_MB. */
export function parseBudgetFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<ParseBudget> {
  const budget: Partial<ParseBudget> = {};
  const ms = Number(env.GBT27922_PARSE_BUDGET_MS);
  const mb = Number(env.GBT27922_PARSE_MEMORY_MB);
  if (env.GBT27922_PARSE_BUDGET_MS && Number.isFinite(ms) && ms > 0) Object.assign(budget, { baseMs: ms, msPerMB: 0 });
  if (env.GBT27922_PARSE_MEMORY_MB && Number.isFinite(mb) && mb >= 16) budget.memoryMB = mb;
  return budget;
}

/**
 * A chunk cache shared by both sides, and a pool of parse workers once there is something to
 * parse: at least one, since a repository's Markdown is parsed only under the parse budget
 * (index/workerPool.ts), which a worker thread enforces; more when the input is large. Files the
 * prefilter rejects are never parsed, so a run where none passes starts no worker thread.
 */
export function createParser(workerFile = path.join(__dirname, 'parseWorker.js')): Parser {
  const cache = new ChunkCache(256 * 1024 * 1024);
  let pool: WorkerPool | undefined;
  return {
    cache,
    parseManyFor(chars) {
      if (!pool) {
        if (chars === 0 || !fs.existsSync(workerFile)) return undefined;
        const cores = availableParallelism();
        const threshold = workerThreshold();
        const size = chars < threshold || cores < 2 ? 1 : Math.max(1, Math.min(cores, 8, Math.ceil(chars / Math.max(1, threshold))));
        pool = new WorkerPool(workerFile, size, () => {}, () => {}, parseBudgetFromEnv());
        if (process.env.GBT27922_DEBUG) process.stderr.write(`gbt27922: parsing ${chars} characters on ${pool.size} worker threads\n`);
      }
      const p = pool;
      return p.size > 0 ? (chunks) => p.run(chunks) : undefined;
    },
    dispose: async () => {
      await pool?.dispose();
    },
  };
}

export interface SideOptions {
  /** The date NC statuses are computed against (ISO); default today. */
  asOf?: string;
}

export async function analyseSide(project: Project, tree: SourceTree, paths: string[], parser: Parser, collected = tree.collect(paths), options: SideOptions = {}): Promise<Side> {
  const problems: FileProblem[] = [];
  const unreadable: Side['unreadable'] = [];
  const files: AnalysedFile[] = [];
  const limitMB = project.config.maxFileSizeMB;

  for (const c of collected.files) {
    const display = rel(project.cwd, c.abs);
    if (c.tooLarge) {
      files.push({ rel: c.rel, abs: c.abs, display, kind: 'too-large' });
      problems.push({ file: display, problem: fileProblem('file-too-large', { size: (c.size / 1024 / 1024).toFixed(1), limit: limitMB }) });
      continue;
    }
    if (!c.bytes) {
      const reason = c.error ?? 'cannot be read';
      files.push({ rel: c.rel, abs: c.abs, display, kind: 'unreadable' });
      unreadable.push({ file: display, reason });
      problems.push({ file: display, problem: fileProblem('not-text', { detail: reason }) });
      continue;
    }
    const decoded = decodeBytes(c.bytes);
    if (!decoded.ok) {
      files.push({ rel: c.rel, abs: c.abs, display, kind: 'unreadable' });
      unreadable.push({ file: display, reason: decoded.reason });
      problems.push({ file: display, problem: fileProblem('not-text', { detail: decoded.reason }) });
      continue;
    }
    files.push({ rel: c.rel, abs: c.abs, display, kind: 'none', encoding: decoded.encoding, text: decoded.text });
  }

  // Schemes named by front matter, resolved once per reference.
  const schemeCache = new Map<string, { scheme?: Scheme; problem?: Omit<Problem, 'range'> }>();
  const schemeProblems = new Map<AnalysedFile, Omit<Problem, 'range'>>();
  const chooserFor =
    (f: AnalysedFile): SchemeChooser =>
    (model) => {
      const ref = model.frontMatter.scheme?.trim();
      if (!ref || ref === project.scheme.id) return undefined;
      const key = ref in BUILTIN_SCHEME_FILES ? `builtin:${ref}` : tree.io.resolvePath(f.abs, ref);
      let hit = schemeCache.get(key);
      if (!hit) {
        hit = resolveReportScheme(ref, f.abs, tree);
        schemeCache.set(key, hit);
      }
      if (hit.problem) schemeProblems.set(f, hit.problem);
      return hit.scheme;
    };

  // The prefilter (model/prefilter.ts): a file that cannot be ours costs one scan of its text and
  // no parse; it stays in the list as a file of kind 'none', which is what its parse would give.
  const texts = files.filter((f) => f.text !== undefined && mayBeOurs(f.text, project.scheme));
  const chars = texts.reduce((n, f) => n + f.text!.length, 0);
  if (process.env.GBT27922_DEBUG) process.stderr.write(`gbt27922: ${texts.length} of ${files.length} files may be ours (${chars} characters to parse)\n`);
  const parseMany = parser.parseManyFor(chars);
  const results = parseMany
    ? await Promise.all(texts.map((f) => analyzeTextAsync(f.text!, project.scheme, parser.cache, parseMany, { chooseScheme: chooserFor(f) })))
    : texts.map((f) => analyzeText(f.text!, project.scheme, parser.cache, chooserFor(f)));
  texts.forEach((f, i) => {
    const r = results[i]!;
    f.model = r.model;
    f.scheme = r.scheme;
    f.kind = r.model.kind;
  });
  for (const [f, p] of schemeProblems) {
    if (f.model && f.model.kind !== 'none') problems.push({ file: f.display, problem: { ...p, range: schemeRange(f) } });
  }

  const models: FileModel[] = texts.map((f) => ({ uri: f.rel, model: f.model! }));
  const schemeByUri = new Map(texts.map((f) => [f.rel, f.scheme!]));
  const displayByRel = new Map(files.map((f) => [f.rel, f.display]));
  const cycle = new CliCycleSource({
    tree,
    maxBytes: limitMB * 1024 * 1024,
    analysed: new Map(texts.map((f) => [f.rel, { model: f.model!, scheme: f.scheme! }])),
    parse: (text, relPath) => {
      const abs = path.join(project.root, ...relPath.split('/'));
      const r = analyzeText(text, project.scheme, parser.cache, (model) => {
        const ref = model.frontMatter.scheme?.trim();
        if (!ref || ref === project.scheme.id) return undefined;
        return resolveReportScheme(ref, abs, tree).scheme;
      });
      return { model: r.model, scheme: r.scheme };
    },
    display: (relPath) => displayByRel.get(relPath) ?? rel(project.cwd, path.join(project.root, ...relPath.split('/'))),
  });
  const workspace = analyzeWorkspace(models, project.scheme, {
    // Workspace-relative, as the file URIs here are ("./manual/README.md" → "manual/README.md").
    manualRoot: project.config.manualRoot !== undefined ? path.posix.normalize(project.config.manualRoot.replace(/\\/g, '/')) : undefined,
    checkLink: project.config.checkEvidenceLinks ? createLinkChecker((r) => tree.exists(r)) : undefined,
    schemeForAudit: (fm) => schemeByUri.get(fm.uri),
    asOf: options.asOf,
    cycle,
  });
  for (const [uri, ps] of workspace.problems) {
    const display = displayByRel.get(uri) ?? uri;
    for (const p of ps) problems.push({ file: display, problem: p });
  }
  const { shown, suppressed } = suppress(problems, files, project);
  return { tree, files, models, workspace, problems: shown, suppressed, unreadable, missing: collected.missing };
}

/** Each file's suppression comments applied to all of its problems (analysis/suppressions.ts). */
function suppress(problems: FileProblem[], files: AnalysedFile[], project: Project): { shown: FileProblem[]; suppressed: FileSuppressed[] } {
  const byFile = new Map<string, Problem[]>();
  for (const p of problems) {
    if (!byFile.has(p.file)) byFile.set(p.file, []);
    byFile.get(p.file)!.push(p.problem);
  }
  const models = new Map(files.map((f) => [f.display, f.model]));
  const isShown = (p: Problem) => effectiveSeverity(p.code, project.config) !== 'off';
  const shown: FileProblem[] = [];
  const suppressed: FileSuppressed[] = [];
  for (const [file, ps] of byFile) {
    const r = applySuppressions(models.get(file), ps, isShown);
    for (const problem of r.problems) shown.push({ file, problem });
    for (const s of r.suppressed) suppressed.push({ file, ...s });
  }
  return { shown, suppressed };
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function fileProblem(code: Problem['code'], args: Problem['args']): Problem {
  return { code, args, range: ZERO };
}

function resolveReportScheme(ref: string, reportAbs: string, tree: SourceTree): { scheme?: Scheme; problem?: Omit<Problem, 'range'> } {
  if (!(ref in BUILTIN_SCHEME_FILES)) {
    const target = tree.io.resolvePath(reportAbs, ref);
    if (tree.io.readFile(target) === undefined) {
      return {
        problem: {
          code: 'unknown-scheme',
          args: { scheme: ref, detail: `not a built-in scheme (${Object.keys(BUILTIN_SCHEME_FILES).join(', ')}) nor a readable file${tree.io.why?.(target) ? ` (${tree.io.why(target)})` : ''}` },
        },
      };
    }
  }
  const r = resolveSchemeRef(ref, reportAbs, tree.io);
  if (r.ok) return { scheme: r.scheme };
  return { problem: { code: 'invalid-scheme', args: { detail: formatSchemeProblems(r.problems).split('\n').join('; ') } } };
}

/** Where a report's `scheme:` is written (its front-matter line), else the front matter, else the start. */
function schemeRange(f: AnalysedFile): Range {
  const fm = f.model?.frontMatter;
  if (!fm?.range || !f.text) return ZERO;
  const lines = f.text.split('\n', fm.range.end.line + 1);
  for (let i = fm.range.start.line; i <= fm.range.end.line && i < lines.length; i++) {
    const m = /^(\s*)(scheme|方案|评价方案)\s*[:：]/.exec(lines[i]);
    if (m) return { start: { line: i, character: m[1].length }, end: { line: i, character: lines[i].replace(/\r$/, '').length } };
  }
  return { start: fm.range.start, end: fm.range.start };
}
