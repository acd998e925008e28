/**
 * The server's file access: everything the workspace index reads goes through this one
 * interface, which each build implements (as vscode-markdown-languageservice's injected
 * `IWorkspace` does for VS Code's Markdown service):
 *
 * - nodeFiles.ts: the disk, under docs/security.md's rules (regular files only, inside the
 *   workspace once symlinks are resolved, size caps, reads that never block), with the worker
 *   threads reading and hashing batches when there are any;
 * - clientFiles.ts: the client's `vscode.workspace.fs`, through custom requests (VS Code for the
 *   Web, and a desktop window on a virtual file system), where the client enforces the same rules.
 *
 * routedFiles() picks one per path: a virtual path (uri.ts) is the client's, any other the disk's.
 * Every method but the `…Sync` ones is asynchronous: the client is a round trip away. What the index
 * must know synchronously (a scheme while assembling, whether an evidence link's target exists
 * while scoring) it reads ahead of time and keeps (settingsFiles.ts, linkTargets.ts).
 */
import type { DiscoverOptions, DiscoverResult } from '../io/pathFilter';
import type { FileRead, ReadJob } from './fileRead';
import { isVirtualPath } from './uri';

/** What is at a path: a regular file, a directory, something else, nothing, or `unknown` (the client will not look there). */
export type PathKind = 'file' | 'directory' | 'other' | 'missing' | 'unknown';

/** Why a file a repository named is not read: it is outside the workspace (the wording of io/settingsFile.ts). */
export const OUTSIDE_WORKSPACE = 'it is outside the workspace';

/** A settings file's text, or why it was not read (`missing`: nothing is there). */
export type SettingsRead = { text: string } | { reason: string; missing?: boolean };

/**
 * A file a document names (the report its `previous:` names) as `statInsideSync` sees it: a
 * regular file inside the folder once symlinks are resolved (with what tells a changed file), a
 * path leading outside, nothing, or something that is not a regular file.
 */
export type InsideStat = { kind: 'file'; size: number; mtimeMs: number } | { kind: 'outside' } | { kind: 'missing' } | { kind: 'not-file' };

/** What a path that appeared in a folder is, by the walker's rules (io/discover.ts classifyPath). */
export type Classified = { kind: 'file'; path: string; size: number } | { kind: 'dir' } | { kind: 'skip' };

export interface WorkspaceFileAccess {
  /**
   * The Markdown files under `paths` (directories, or files named directly) that the folder's
   * include/exclude take, sorted by relative path; only regular files, never through a symlinked
   * folder. Files over the size limit are listed apart when their size is known before reading.
   */
  discover(paths: readonly string[], options: DiscoverOptions): Promise<DiscoverResult>;
  /**
   * A path a file watcher reported in the folder `root`: a regular file (under the path it is
   * indexed by), a real folder, or something never read (a link out of the workspace, a FIFO).
   */
  classify(root: string, path: string): Promise<Classified>;
  /** Read, decode and hash files for the index, in order. Never rejects. */
  readFiles(jobs: readonly ReadJob[]): Promise<FileRead[]>;
  /** What is at each path (evidence links, a folder created). Never rejects. */
  stat(paths: readonly string[]): Promise<PathKind[]>;
  /**
   * A settings file (config, scheme) of at most 1 MB. With `roots` (the path comes from the
   * repository) only inside one of them; without, wherever the user named it.
   */
  readSettings(path: string, roots: readonly string[] | undefined): Promise<SettingsRead>;
  /** The folders repository-named settings files must be in, for these workspace folders. */
  settingsRoots(folderRoots: readonly string[]): string[];
  /**
   * Whether `readTextSync` can read this path (the disk): then the index drops the text of a
   * closed file and reads it again when a request needs it; otherwise (the client) it keeps the
   * text of the files it read.
   */
  readsSync(path: string): boolean;
  /** A document's text now (a regular file within `maxBytes`), when `readsSync`. */
  readTextSync(path: string, maxBytes: number): string | undefined;
  /** Whether something is at `path` now, when `readsSync` (a document closed in the editor whose file is gone is dropped at once); else undefined. */
  existsSync(path: string): boolean | undefined;
  /** What is at `path` inside the folder `root` now, when `readsSync`; else undefined (read it with `readFiles`). */
  statInsideSync(root: string, path: string): InsideStat | undefined;
  /** Read a file for the index now, when `readsSync`; else undefined. */
  readFileSync(job: ReadJob): FileRead | undefined;
}

/** One access for both kinds of path: virtual paths through `client` (if there is one), the others through `disk`. */
export function routedFiles(disk: WorkspaceFileAccess | undefined, client: WorkspaceFileAccess | undefined): WorkspaceFileAccess {
  const none = noFiles();
  const pick = (p: string) => (isVirtualPath(p) ? (client ?? none) : (disk ?? none));
  const split = async <T, R>(items: readonly T[], pathOf: (t: T) => string, run: (a: WorkspaceFileAccess, part: T[]) => Promise<R[]>): Promise<R[]> => {
    const out = new Array<R>(items.length);
    const groups = new Map<WorkspaceFileAccess, number[]>();
    items.forEach((item, i) => {
      const a = pick(pathOf(item));
      if (!groups.has(a)) groups.set(a, []);
      groups.get(a)!.push(i);
    });
    await Promise.all(
      [...groups].map(async ([a, idx]) => {
        const got = await run(a, idx.map((i) => items[i]));
        idx.forEach((i, k) => (out[i] = got[k]));
      }),
    );
    return out;
  };
  return {
    discover: (paths, options) => pick(options.root).discover(paths, options),
    classify: (root, p) => pick(root).classify(root, p),
    readFiles: (jobs) => split(jobs, (j) => j.path, (a, part) => a.readFiles(part)),
    stat: (paths) => split(paths, (p) => p, (a, part) => a.stat(part)),
    readSettings: (p, roots) => pick(p).readSettings(p, roots),
    settingsRoots: (roots) => [...(disk?.settingsRoots(roots.filter((r) => !isVirtualPath(r))) ?? []), ...(client?.settingsRoots(roots.filter(isVirtualPath)) ?? [])],
    readsSync: (p) => pick(p).readsSync(p),
    readTextSync: (p, max) => pick(p).readTextSync(p, max),
    existsSync: (p) => pick(p).existsSync(p),
    statInsideSync: (root, p) => pick(p).statInsideSync(root, p),
    readFileSync: (job) => pick(job.path).readFileSync(job),
  };
}

/** No file system at all (a client that cannot answer file requests, for a virtual path). */
export function noFiles(): WorkspaceFileAccess {
  return {
    discover: async () => ({ files: [], tooLarge: [], unreadable: [] }),
    classify: async () => ({ kind: 'skip' as const }),
    readFiles: async (jobs) => jobs.map(() => ({ kind: 'unreadable' as const })),
    stat: async (paths) => paths.map(() => 'unknown' as const),
    readSettings: async () => ({ reason: 'no file system for this folder' }),
    settingsRoots: (roots) => [...roots],
    readsSync: () => false,
    readTextSync: () => undefined,
    existsSync: () => undefined,
    statInsideSync: () => undefined,
    readFileSync: () => undefined,
  };
}
