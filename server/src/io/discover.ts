/**
 * Finding the Markdown files of a workspace on disk: walk the given paths, keep files that match
 * the config's `include` and not its `exclude` (globs on workspace-relative paths, `/`
 * separators), never enter `node_modules` or `.git`, and return them in a deterministic order
 * (by relative path, code-point order). Files over `maxFileSizeMB` are listed apart so the
 * caller can report 'file-too-large' instead of reading them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';

export interface DiscoverOptions {
  /** Workspace root (absolute); globs and relative paths are relative to it. */
  root: string;
  include: readonly string[];
  exclude: readonly string[];
  /** Files larger than this are not returned in `files` but in `tooLarge`. */
  maxFileSizeMB: number;
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
  const incPattern = include.length ? picomatch([...include]) : () => false;
  const inc = (rel: string) => incPattern(rel) || incPattern(lowerExtension(rel));
  const exc = exclude.length ? picomatch([...exclude], { dot: true }) : () => false;
  const dirPatterns = exclude.filter((p) => p.endsWith('/**')).map((p) => p.slice(0, -3));
  const dirExc = dirPatterns.length ? picomatch(dirPatterns, { dot: true }) : () => false;
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

  const walk = (dir: string) => {
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
        walk(abs);
      } else if (ent.isFile() || ent.isSymbolicLink()) {
        const rel = toRel(root, abs);
        if (!filter.file(rel)) continue;
        let st: fs.Stats;
        try {
          st = fs.statSync(abs);
        } catch {
          continue; // a dangling symlink
        }
        if (st.isFile()) add(abs, st.size);
      }
    }
  };

  for (const p of paths) {
    const abs = path.resolve(p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      unreadable.push({ path: p, reason: errorReason(e) });
      continue;
    }
    if (st.isDirectory()) walk(abs);
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
