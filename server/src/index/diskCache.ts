/**
 * On-disk cache of parsed chunks, so reopening a workspace does not re-parse unchanged files.
 * One file per workspace folder under the cache directory (never inside the user's workspace):
 * a v8-serialised map content-hash → chunk entries, tagged with the model version (a hash of
 * the server bundle), so a new build never reads models an older parser produced.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ChunkEntry } from './analyzer';

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

export function defaultCacheDir(): string {
  return path.join(tmpdir(), 'gbt27922-cache');
}

/** A version for cached models: the hash of the running bundle (changes with any code change). */
export function bundleVersion(file: string = __filename): string {
  try {
    return createHash('sha1').update(readFileSync(file)).digest('hex').slice(0, 16);
  } catch {
    return 'dev';
  }
}

interface CacheFile {
  format: 1;
  version: string;
  folder: string;
  entries: [string, ChunkEntry[]][];
}

export class DiskCache {
  /** @param dir cache directory; undefined disables the cache. */
  constructor(
    readonly dir: string | undefined,
    readonly version: string,
    private readonly log: (message: string) => void = () => {},
  ) {
    if (dir) {
      try {
        mkdirSync(dir, { recursive: true });
      } catch (e) {
        this.log(`cache directory ${dir} unusable: ${(e as Error).message}`);
        this.dir = undefined;
      }
    }
  }

  fileFor(folderKey: string): string | undefined {
    if (!this.dir) return undefined;
    return path.join(this.dir, `${createHash('sha1').update(folderKey).digest('hex').slice(0, 20)}.bin`);
  }

  async load(folderKey: string): Promise<Map<string, ChunkEntry[]>> {
    const file = this.fileFor(folderKey);
    if (!file) return new Map();
    try {
      const data = deserialize(await readFile(file)) as CacheFile;
      if (data.format !== 1 || data.version !== this.version || data.folder !== folderKey) return new Map();
      return new Map(data.entries);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`ignoring unreadable cache ${file}: ${(e as Error).message}`);
      return new Map();
    }
  }

  async save(folderKey: string, entries: Map<string, ChunkEntry[]>): Promise<void> {
    const file = this.fileFor(folderKey);
    if (!file) return;
    const data: CacheFile = { format: 1, version: this.version, folder: folderKey, entries: [...entries] };
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(tmp, serialize(data));
      await rename(tmp, file);
    } catch (e) {
      this.log(`cannot write cache ${file}: ${(e as Error).message}`);
    }
  }
}
