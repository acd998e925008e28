/**
 * File access on the disk, for the Node server (workspaceFiles.ts), under the rules of
 * docs/security.md that io/ implements: the one walker (io/discover.ts: never into a symlinked
 * folder, regular files only, a linked file under its real path inside the root), reads of
 * regular files only, capped, never blocking (io/safeRead.ts), settings files inside the
 * workspace once symlinks are resolved (io/settingsFile.ts).
 *
 * How files are read for indexing, as measured (docs/benchmark.md): with parse workers, batches
 * of small files are read, decoded and hashed on the workers; without, small files are read
 * synchronously here (~20 µs from the page cache, where an fs.promises read is four thread-pool
 * round trips); large files are always read without blocking this thread.
 */
import * as fs from 'node:fs';
import { decodeBytes } from '../io/decode';
import { classifyPath, discoverFiles, type DiscoverOptions, type DiscoverResult } from '../io/discover';
import { readRegularFile } from '../io/safeRead';
import { readSettingsText, workspaceRoots } from '../io/settingsFile';
import { readFileForIndex, readFileForIndexAsync, type FileRead, type ReadJob } from './fileRead';
import type { WorkerPool } from './workerPool';
import { isInside } from './uri';
import type { Classified, InsideStat, PathKind, SettingsRead, WorkspaceFileAccess } from './workspaceFiles';

/** Files up to this size are read synchronously (or on the workers) when indexed. */
export const SYNC_READ_MAX_BYTES = 256 * 1024;

export class NodeFiles implements WorkspaceFileAccess {
  /** @param pool the parse workers, which also read batches of small files when there are any */
  constructor(private readonly pool?: WorkerPool) {}

  async discover(paths: readonly string[], options: DiscoverOptions): Promise<DiscoverResult> {
    return discoverFiles(paths, options);
  }

  async classify(root: string, p: string): Promise<Classified> {
    return classifyPath(root, p);
  }

  async readFiles(jobs: readonly ReadJob[]): Promise<FileRead[]> {
    const small = (j: ReadJob) => j.size !== undefined && j.size <= SYNC_READ_MAX_BYTES;
    const out = new Array<FileRead>(jobs.length);
    const onWorkers: number[] = [];
    await Promise.all(
      jobs.map(async (j, i) => {
        if (!small(j)) out[i] = await readFileForIndexAsync(j);
        // Until a file turned out to be ours (and started the workers), files are read here: a
        // workspace of someone else's Markdown starts no worker thread (issue 17).
        else if (this.pool && this.pool.live > 0) onWorkers.push(i);
        else out[i] = readFileForIndex(j);
      }),
    );
    if (onWorkers.length > 0) {
      const reads = await this.pool!.read(onWorkers.map((i) => jobs[i]));
      onWorkers.forEach((i, k) => (out[i] = reads[k]));
    }
    return out;
  }

  async stat(paths: readonly string[]): Promise<PathKind[]> {
    return paths.map((p) => {
      try {
        const st = fs.statSync(p);
        return st.isFile() ? 'file' : st.isDirectory() ? 'directory' : 'other';
      } catch {
        return 'missing';
      }
    });
  }

  async readSettings(p: string, roots: readonly string[] | undefined): Promise<SettingsRead> {
    return readSettingsText(p, roots);
  }

  settingsRoots(folderRoots: readonly string[]): string[] {
    return workspaceRoots(folderRoots);
  }

  readsSync(): boolean {
    return true;
  }

  readTextSync(p: string, maxBytes: number): string | undefined {
    // A regular file within the size limit, never a FIFO or device (io/safeRead.ts).
    const r = readRegularFile(p, maxBytes);
    if (!r.ok) return undefined;
    const d = decodeBytes(r.bytes);
    return d.ok ? d.text : undefined;
  }

  existsSync(p: string): boolean {
    return fs.existsSync(p);
  }

  statInsideSync(root: string, p: string): InsideStat {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
      // A symlink may point anywhere: only a regular file whose real path is inside the workspace is read.
      if (!isInside(fs.realpathSync(root), fs.realpathSync(p))) return { kind: 'outside' };
    } catch {
      return { kind: 'missing' };
    }
    return stat.isFile() ? { kind: 'file', size: stat.size, mtimeMs: stat.mtimeMs } : { kind: 'not-file' };
  }

  readFileSync(job: ReadJob): FileRead {
    return readFileForIndex(job);
  }
}
