/**
 * What the walker keeps (io/discover.ts on disk, index/clientFiles.ts through the client): the
 * config's `include` and `exclude` globs on workspace-relative paths (`/` separators), folders
 * never entered, and the walker's result types. No file access here, so both walkers and the
 * web build share it.
 */
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

