/**
 * Where `check` reads files from: the working tree on disk, or a git revision (`--base`).
 * Both give the same thing — the workspace's Markdown files, chosen by the same paths and
 * config globs, with their bytes read once — so one pipeline analyses either side.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileIo } from '../scheme/loader';
import { decodeBytes } from '../io/decode';
import { ALWAYS_SKIPPED_DIRS, createPathFilter, discoverFiles, errorReason, toRel } from '../io/discover';
import { fsExists } from '../io/fsLinks';
import { UsageError } from './errors';
import { isInside, type Project } from './project';
import { MAX_SETTINGS_FILE_BYTES } from '../io/safeRead';

export interface CollectedFile {
  /** Workspace-relative, `/` separators. */
  rel: string;
  abs: string;
  size: number;
  bytes?: Uint8Array;
  tooLarge?: boolean;
  /** Why the file could not be read. */
  error?: string;
}

export interface Collected {
  files: CollectedFile[];
  /** Paths named on the command line that do not exist (on this side). */
  missing: { path: string; reason: string }[];
}

export interface SourceTree {
  /** "working tree" or "origin/main (1a2b3c4)". */
  label: string;
  collect(paths: string[]): Collected;
  /** Whether a workspace-relative path (file or directory) exists on this side (evidence links). */
  exists(rel: string): boolean;
  /** File access for scheme files named by reports on this side. */
  io: FileIo;
  /**
   * A workspace-relative file on this side that `collect` did not give (a previous report outside
   * the checked paths): only a regular file inside the workspace, at most `maxBytes`.
   */
  readRel(rel: string, maxBytes: number): ReadRel;
}

export type ReadRel = { bytes: Uint8Array } | { tooLarge: number } | { error: string };

export class WorkingTree implements SourceTree {
  readonly label = 'working tree';
  readonly io: FileIo;
  readonly exists: (rel: string) => boolean;

  constructor(private readonly project: Project) {
    this.exists = fsExists(project.root);
    this.io = project.io;
  }

  readRel(rel: string, maxBytes: number): ReadRel {
    const abs = path.join(this.project.root, ...rel.split('/'));
    try {
      // A symlink may lead anywhere: only what really lies inside the workspace is read.
      if (!isInside(fs.realpathSync(this.project.root), fs.realpathSync(abs))) return { error: 'it leads outside the workspace, and is not read' };
      const stat = fs.statSync(abs);
      if (!stat.isFile()) return { error: 'not a file' };
      if (stat.size > maxBytes) return { tooLarge: stat.size };
      return { bytes: fs.readFileSync(abs) };
    } catch (e) {
      return { error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : errorReason(e) };
    }
  }

  collect(paths: string[]): Collected {
    const { root, config } = this.project;
    const found = discoverFiles(
      paths.map((p) => path.resolve(this.project.cwd, p)),
      { root, include: config.include, exclude: config.exclude, maxFileSizeMB: config.maxFileSizeMB },
    );
    const files: CollectedFile[] = [];
    for (const f of found.files) {
      try {
        files.push({ rel: f.rel, abs: f.path, size: f.size, bytes: fs.readFileSync(f.path) });
      } catch (e) {
        files.push({ rel: f.rel, abs: f.path, size: f.size, error: errorReason(e) });
      }
    }
    for (const f of found.tooLarge) files.push({ rel: f.rel, abs: f.path, size: f.size, tooLarge: true });
    files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    return { files, missing: found.unreadable };
  }
}

// ---------------------------------------------------------------------------------------------
// git

function git(cwd: string, args: string[], input?: string): Buffer {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 2 * 1024 * 1024 * 1024, windowsHide: true });
  if (r.error) throw new UsageError(`cannot run git: ${r.error.message}`);
  if (r.status !== 0) {
    const msg = r.stderr.toString('utf8').trim().split('\n')[0] || `git ${args[0]} failed`;
    throw new UsageError(`git ${args[0]}: ${msg}`);
  }
  return r.stdout;
}

/** The repository's top folder, or a UsageError. */
export function gitToplevel(dir: string): string {
  const r = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, windowsHide: true });
  if (r.error) throw new UsageError(`--base needs git: ${r.error.message}`);
  if (r.status !== 0) throw new UsageError(`--base needs a git repository, and ${dir} is not in one`);
  return fs.realpathSync(r.stdout.toString('utf8').trim());
}

/** Read many blobs with one `git cat-file --batch`. */
function readBlobs(top: string, specs: string[]): (Buffer | undefined)[] {
  if (specs.length === 0) return [];
  const out = git(top, ['cat-file', '--batch'], specs.join('\n') + '\n');
  const result: (Buffer | undefined)[] = [];
  let pos = 0;
  for (let i = 0; i < specs.length; i++) {
    const nl = out.indexOf(10, pos);
    if (nl < 0) break;
    const header = out.toString('utf8', pos, nl);
    pos = nl + 1;
    const m = /^\S+ (\S+) (\d+)$/.exec(header);
    if (!m) {
      result.push(undefined); // "<spec> missing"
      continue;
    }
    const size = Number(m[2]);
    result.push(m[1] === 'blob' ? out.subarray(pos, pos + size) : undefined);
    pos += size + 1;
  }
  return result;
}

export class GitRevision implements SourceTree {
  readonly label: string;
  readonly commit: string;
  private readonly top: string;
  /** Workspace root relative to the repository top ('' when the same). */
  private readonly prefix: string;
  /** Workspace-relative path → size, for every blob of the revision under the root. */
  private readonly tree = new Map<string, number>();
  private readonly dirs = new Set<string>();
  readonly io: FileIo;

  constructor(
    private readonly project: Project,
    readonly ref: string,
  ) {
    const rootReal = fs.realpathSync(project.root);
    this.top = gitToplevel(rootReal);
    if (!isInside(this.top, rootReal)) throw new UsageError(`the workspace ${project.root} is not inside the git repository ${this.top}`);
    const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: this.top, windowsHide: true });
    if (r.status !== 0) throw new UsageError(`--base ${ref}: no such commit, branch or tag in ${this.top}`);
    this.commit = r.stdout.toString('utf8').trim();
    this.label = `${ref} (${this.commit.slice(0, 7)})`;
    this.prefix = toRel(this.top, rootReal).replace(/^\.$/, '');
    const listing = git(this.top, ['ls-tree', '-r', '-l', '-z', '--full-tree', this.commit]).toString('utf8');
    for (const entry of listing.split('\0')) {
      if (!entry) continue;
      const tab = entry.indexOf('\t');
      const [, type, , size] = entry.slice(0, tab).split(/ +/);
      if (type !== 'blob') continue;
      const full = entry.slice(tab + 1);
      const rel = this.prefix ? (full.startsWith(this.prefix + '/') ? full.slice(this.prefix.length + 1) : undefined) : full;
      if (rel === undefined) continue;
      this.tree.set(rel, Number(size) || 0);
      for (let d = path.posix.dirname(rel); d !== '.' && !this.dirs.has(d); d = path.posix.dirname(d)) this.dirs.add(d);
    }
    const cache = new Map<string, string | undefined>();
    this.io = {
      resolvePath: (from, relative) => path.resolve(path.dirname(from), relative),
      readFile: (abs: string) => {
        if (cache.has(abs)) return cache.get(abs);
        // Scheme files may live anywhere in the repository (`../schemes/x.json` from a report).
        const inRepo = toRel(this.top, path.resolve(rootReal, path.relative(project.root, abs)));
        let text: string | undefined;
        if (inRepo !== '.' && !inRepo.startsWith('../') && !path.isAbsolute(inRepo) && this.blobSize(inRepo) <= MAX_SETTINGS_FILE_BYTES) {
          const [bytes] = readBlobs(this.top, [`${this.commit}:${inRepo}`]);
          const d = bytes ? decodeBytes(bytes) : undefined;
          text = d?.ok ? d.text : undefined;
        }
        cache.set(abs, text);
        return text;
      },
    };
  }

  /** Size of a blob of the revision (Infinity when it is not a blob). */
  private blobSize(inRepo: string): number {
    const r = spawnSync('git', ['cat-file', '--batch-check'], { cwd: this.top, input: `${this.commit}:${inRepo}\n`, windowsHide: true });
    const m = /^\S+ blob (\d+)$/m.exec(r.stdout?.toString('utf8') ?? '');
    return m ? Number(m[1]) : Infinity;
  }

  private fullPath(rel: string): string {
    return this.prefix ? `${this.prefix}/${rel}` : rel;
  }

  exists(rel: string): boolean {
    return rel === '.' || this.tree.has(rel) || this.dirs.has(rel);
  }

  readRel(rel: string, maxBytes: number): ReadRel {
    const size = this.tree.get(rel);
    if (size === undefined) return { error: `not in ${this.label}` };
    if (size > maxBytes) return { tooLarge: size };
    const [bytes] = readBlobs(this.top, [`${this.commit}:${this.fullPath(rel)}`]);
    return bytes ? { bytes } : { error: `cannot read it from ${this.label}` };
  }

  collect(paths: string[]): Collected {
    const { root, config, cwd } = this.project;
    const filter = createPathFilter(config.include, config.exclude);
    const limit = config.maxFileSizeMB * 1024 * 1024;
    const targets = paths.map((p) => toRel(root, path.resolve(cwd, p)));
    const explicit = new Set<string>();
    const dirs: string[] = [];
    const missing: Collected['missing'] = [];
    for (const t of targets) {
      if (this.tree.has(t)) explicit.add(t);
      else if (t === '.' || this.dirs.has(t)) dirs.push(t);
      else if (!t.startsWith('../')) missing.push({ path: t, reason: `not in ${this.label}` });
    }
    const selected: string[] = [];
    for (const rel of this.tree.keys()) {
      if (explicit.has(rel)) {
        if (!filter.excluded(rel)) selected.push(rel);
        continue;
      }
      if (!dirs.some((d) => d === '.' || rel.startsWith(d + '/'))) continue;
      if (!filter.file(rel)) continue;
      const segs = rel.split('/');
      let skip = false;
      for (let i = 1; i < segs.length && !skip; i++) {
        if (ALWAYS_SKIPPED_DIRS.has(segs[i - 1]) || filter.prunesDir(segs.slice(0, i).join('/'))) skip = true;
      }
      if (!skip) selected.push(rel);
    }
    selected.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const toRead = selected.filter((rel) => this.tree.get(rel)! <= limit);
    const blobs = readBlobs(this.top, toRead.map((rel) => `${this.commit}:${this.fullPath(rel)}`));
    const byRel = new Map(toRead.map((rel, i) => [rel, blobs[i]]));
    const files: CollectedFile[] = selected.map((rel) => {
      const size = this.tree.get(rel)!;
      const abs = path.join(root, ...rel.split('/'));
      if (size > limit) return { rel, abs, size, tooLarge: true };
      const bytes = byRel.get(rel);
      return bytes ? { rel, abs, size, bytes } : { rel, abs, size, error: `cannot read it from ${this.label}` };
    });
    return { files, missing };
  }
}
