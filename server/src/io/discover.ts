/**
 * Finding the Markdown files of a workspace on disk: walk the given paths, keep files that match
 * the config's `include` and not its `exclude` (globs on workspace-relative paths, `/`
 * separators), never enter `node_modules` or `.git`, and return them in a deterministic order
 * (by relative path, code-point order). Files over `maxFileSizeMB` are listed apart so the
 * caller can report 'file-too-large' instead of reading them.
 *
 * The one walker of the CLI and of the language server (start-up and files appearing later),
 * for repositories we did not write (docs/security.md):
 * - a symlinked folder is never entered (`ln -s . loop` would index everything again);
 * - only regular files are taken: no FIFO (reading one blocks), socket or device;
 * - a symlinked file is taken only when its real path is inside the workspace root, and then
 *   under that real path, so each real file is analysed once (`leak.md -> ../private-notes.md`
 *   is not read);
 * - a path named explicitly is followed if it is a link (the user named it), unless
 *   `followExplicitLinks` is false (the server: a link that appeared in the workspace).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { safeMatcher } from '../config/globs';

export interface DiscoverOptions {
  /** Workspace root (absolute); globs and relative paths are relative to it. */
  root: string;
  include: readonly string[];
  exclude: readonly string[];
  /** Files larger than this are not returned in `files` but in `tooLarge`. */
  maxFileSizeMB: number;
  /** Follow a symlink named in `paths` (default true: the user named it on the command line). */
  followExplicitLinks?: boolean;
}

export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** Workspace-relative path with `/` separators (may start with `../` for a file outside the root). */
  rel: string;
  size: number;
}

export interface DiscoverResult {
  files: DiscoveredFile[];
  tooLarge: DiscoveredFile[];
  /** Paths given that do not exist or cannot be read, with the reason. */
  unreadable: { path: string; reason: string }[];
}

/** Directory names never entered. */
export const ALWAYS_SKIPPED_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git']);

/** Workspace-relative path of an absolute path, `/`-separated. */
export function toRel(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return (rel === '' ? '.' : rel).split(path.sep).join('/');
}

export interface PathFilter {
  /** Whether a workspace-relative file path is included and not excluded. */
  file(rel: string): boolean;
  /** Whether an exclude pattern matches a workspace-relative path. */
  excluded(rel: string): boolean;
  /** Whether a directory can be skipped whole (an exclude pattern ending in `/**` matches it). */
  prunesDir(rel: string): boolean;
}

/**
 * The path with its extension in lower case (`docs/审核报告.MD` → `docs/审核报告.md`): file
 * extensions match without regard to case (Windows and macOS users save `.MD` files), while
 * folder and file names keep theirs.
 */
export function lowerExtension(rel: string): string {
  const slash = rel.lastIndexOf('/');
  const dot = rel.lastIndexOf('.');
  return dot > slash + 1 ? rel.slice(0, dot) + rel.slice(dot).toLowerCase() : rel;
}

export function createPathFilter(include: readonly string[], exclude: readonly string[]): PathFilter {
  // Globs come from the repository: only those within config/globs.ts's limits are compiled.
  const incPattern = safeMatcher(include);
  const inc = (rel: string) => incPattern(rel) || incPattern(lowerExtension(rel));
  const exc = safeMatcher(exclude, { dot: true });
  const dirExc = safeMatcher(
    exclude.filter((p) => p.endsWith('/**')).map((p) => p.slice(0, -3)),
    { dot: true },
  );
  return {
    file: (rel) => inc(rel) && !exc(rel),
    excluded: (rel) => exc(rel),
    prunesDir: (rel) => dirExc(rel),
  };
}

/**
 * Walk `paths` (files or directories, absolute or relative to `process.cwd()`). A file named
 * explicitly is taken whatever `include` says (but not when `exclude` matches it); directories
 * are walked with both.
 */
export function discoverFiles(paths: readonly string[], options: DiscoverOptions): DiscoverResult {
  const root = path.resolve(options.root);
  const filter = createPathFilter(options.include, options.exclude);
  const limit = options.maxFileSizeMB * 1024 * 1024;
  const seen = new Set<string>();
  const found: DiscoveredFile[] = [];
  const unreadable: DiscoverResult['unreadable'] = [];

  const add = (abs: string, size: number) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    found.push({ path: abs, rel: toRel(root, abs), size });
  };
  const realRoot = realOrSelf(root);
  /**
   * A symlinked file: its real path if that is a regular file inside the root — and, met while
   * walking a folder, inside that folder (`check docs` does not reach `real/` through
   * `docs/link.md`; a walk of `real/` finds the file there) — named by its path under the root.
   */
  const linkedFile = (abs: string, within?: string): { path: string; size: number } | undefined => {
    let real: string;
    let st: fs.Stats;
    try {
      real = fs.realpathSync(abs);
      st = fs.statSync(real);
    } catch {
      return undefined; // dangling
    }
    if (!st.isFile()) return undefined;
    const outside = (base: string) => {
      const r = path.relative(base, real);
      return r === '..' || r.startsWith('..' + path.sep) || path.isAbsolute(r);
    };
    if (outside(realRoot) || (within !== undefined && outside(realOrSelf(within)))) return undefined;
    return { path: path.join(root, path.relative(realRoot, real)), size: st.size };
  };
  const visitedDirs = new Set<string>();

  const walk = (dir: string, top: string) => {
    // A folder reached twice (a bind mount, a loop through a mount point) is walked once.
    const real = realOrSelf(dir);
    if (visitedDirs.has(real)) return;
    visitedDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      unreadable.push({ path: dir, reason: errorReason(e) });
      return;
    }
    for (const ent of entries) {
      const abs = path.join(dir, ent.name);
      if (ent.isDirectory()) {
        if (ALWAYS_SKIPPED_DIRS.has(ent.name) || filter.prunesDir(toRel(root, abs))) continue;
        walk(abs, top);
      } else if (ent.isFile()) {
        const rel = toRel(root, abs);
        if (!filter.file(rel)) continue;
        let st: fs.Stats;
        try {
          st = fs.lstatSync(abs);
        } catch {
          continue; // gone meanwhile
        }
        if (st.isFile()) add(abs, st.size);
      } else if (ent.isSymbolicLink()) {
        // Never a folder (not entered); a file only when it really lives inside the root.
        if (!filter.file(toRel(root, abs))) continue;
        const target = linkedFile(abs, top);
        if (target && filter.file(toRel(root, target.path))) add(target.path, target.size);
      }
      // FIFOs, sockets and devices are never taken.
    }
  };

  for (const p of paths) {
    const abs = path.resolve(p);
    let st: fs.Stats;
    try {
      st = options.followExplicitLinks === false ? fs.lstatSync(abs) : fs.statSync(abs);
    } catch (e) {
      unreadable.push({ path: p, reason: errorReason(e) });
      continue;
    }
    if (st.isSymbolicLink()) {
      const target = linkedFile(abs);
      if (target && filter.file(toRel(root, target.path))) add(target.path, target.size);
      continue;
    }
    if (st.isDirectory()) walk(abs, abs);
    else if (st.isFile()) {
      const rel = toRel(root, abs);
      if (!filter.excluded(rel)) add(abs, st.size);
    } else unreadable.push({ path: p, reason: 'not a regular file or directory' });
  }

  found.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  return {
    files: found.filter((f) => f.size <= limit),
    tooLarge: found.filter((f) => f.size > limit),
    unreadable,
  };
}

/**
 * What a path that appeared in the workspace is, by the walker's rules: a regular file (a
 * symlinked one under its real path inside `root`), a real folder (never a linked one), or
 * something never read (a FIFO, socket or device, a link out of the workspace, a dangling link).
 */
export function classifyPath(root: string, abs: string): { kind: 'file'; path: string; size: number } | { kind: 'dir' } | { kind: 'skip' } {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(abs);
  } catch {
    return { kind: 'skip' };
  }
  if (!st.isFile() && !st.isDirectory() && !st.isSymbolicLink()) return { kind: 'skip' };
  // Through a symlinked folder on the way (`loop/manual/a.md`) or a link itself: the real path,
  // named under the root, or nothing when it leads out of the workspace.
  let real: string;
  let target: fs.Stats;
  try {
    real = fs.realpathSync(abs);
    target = st.isSymbolicLink() ? fs.statSync(real) : st;
  } catch {
    return { kind: 'skip' };
  }
  const r = path.relative(realOrSelf(root), real);
  if (r === '..' || r.startsWith('..' + path.sep) || path.isAbsolute(r)) return { kind: 'skip' };
  const canonical = path.join(root, r);
  if (target.isDirectory()) return st.isDirectory() && canonical === path.resolve(abs) ? { kind: 'dir' } : { kind: 'skip' };
  if (!target.isFile()) return { kind: 'skip' };
  return { kind: 'file', path: canonical, size: target.size };
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

/** A short human reason for a file-system error ("no such file or directory", …). */
export function errorReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return err?.message ?? String(e);
  }
}
