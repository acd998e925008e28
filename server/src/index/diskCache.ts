/**
 * On-disk cache of parsed chunks, so reopening a workspace does not re-parse unchanged files.
 * One file per workspace folder under the cache directory (never inside the user's workspace):
 * a map content-hash → chunk entries, tagged with the model version (a hash of the server
 * bundle), so a new build never reads models an older parser produced.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
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

/**
 * The file: JSON, `{"format":2,"version":…,"folder":…,"entries":{"<content hash>":[chunk entries]}}`.
 * JSON rather than v8.serialize because the cache is read on the way to a warm reopen's first
 * diagnostics: JSON.parse of a 2,000-file workspace's 12 MB takes ~0.15 s, v8.deserialize ~0.35 s.
 * Chunk models are plain data, but front matter carries whatever YAML gave (`.nan`, `.inf`): a
 * file whose models would not come back from JSON exactly is left out of the cache (and parsed
 * again next time) rather than cached wrong.
 */
const FORMAT = 2;

interface CacheFile {
  format: number;
  version: string;
  folder: string;
  entries: Record<string, ChunkEntry[]>;
}

/** Does `value` come back from JSON.stringify → JSON.parse as an equal value? */
export function survivesJson(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every((v) => v !== undefined && survivesJson(v));
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const k in value) {
        const v = (value as Record<string, unknown>)[k];
        // An undefined property is dropped, which reads back the same (absent = undefined).
        if (v !== undefined && !survivesJson(v)) return false;
      }
      return true;
    }
    default:
      return false;
  }
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
    return path.join(this.dir, `${createHash('sha1').update(folderKey).digest('hex').slice(0, 20)}.chunks.json`);
  }

  /**
   * The cached chunk entries by content hash (empty when there is no usable cache). Read
   * synchronously: it is one local file, and indexing waits for it anyway.
   */
  load(folderKey: string): Map<string, ChunkEntry[]> {
    const file = this.fileFor(folderKey);
    if (!file) return new Map();
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (data?.format !== FORMAT || data.version !== this.version || data.folder !== folderKey || typeof data.entries !== 'object' || data.entries === null) return new Map();
      const entries = new Map(Object.entries(data.entries));
      // Front matter data is a null-prototype object (a YAML key `constructor` must not find
      // Object's): JSON gives a plain one back.
      for (const chunks of entries.values()) {
        for (const c of chunks) {
          const fm = c.model.frontMatter;
          if (fm?.data && typeof fm.data === 'object') Object.setPrototypeOf(fm.data, null);
        }
      }
      return entries;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`ignoring unreadable cache ${file}: ${(e as Error).message}`);
      return new Map();
    }
  }

  async save(folderKey: string, entries: Map<string, ChunkEntry[]>): Promise<void> {
    const file = this.fileFor(folderKey);
    if (!file) return;
    const parts: string[] = [];
    for (const [hash, chunks] of entries) if (survivesJson(chunks)) parts.push(`${JSON.stringify(hash)}:${JSON.stringify(chunks)}`);
    const head = JSON.stringify({ format: FORMAT, version: this.version, folder: folderKey }).slice(0, -1);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(tmp, `${head},"entries":{${parts.join(',')}}}`);
      await rename(tmp, file);
      // The v8-serialised cache of earlier versions, now never read.
      await rm(file.replace(/\.chunks\.json$/, '.bin'), { force: true });
    } catch (e) {
      this.log(`cannot write cache ${file}: ${(e as Error).message}`);
    }
  }
}
