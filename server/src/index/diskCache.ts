/**
 * On-disk cache of parsed chunks, so reopening a workspace does not re-parse unchanged files.
 * One file per workspace folder under the cache directory (never inside the user's workspace):
 * a map content-hash → chunk entries, tagged with the model version (a hash of the server
 * bundle), so a new build never reads models an older parser produced.
 *
 * The folder is private to the user (docs/security.md): the client's storage folder, else
 * `$XDG_CACHE_HOME/gbt27922`, `~/.cache/gbt27922`, or a 0700 folder in the temp directory named
 * after the user id. It is used only if it is a real directory (not a symlink) owned by this user
 * and writable by nobody else; a shared `/tmp/gbt27922-cache` another user could create first
 * (and fill with symlinks or poisoned entries) is never used. Cache files are opened without
 * following symlinks, written to a fresh temporary file and renamed, and an entry that does not
 * validate against the text (cacheEntry.ts) is treated as absent.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ChunkEntry } from './analyzer';

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

/** Where the cache goes when the client names no storage folder (see the module comment). */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'gbt27922');
  let home = '';
  try {
    home = homedir();
  } catch {
    home = '';
  }
  if (home && path.isAbsolute(home) && isDirectory(home)) return path.join(home, '.cache', 'gbt27922');
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return path.join(tmpdir(), `gbt27922-cache-${uid}`);
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Create `dir` (mode 0700) if missing and say why it may not be used, or undefined when it may:
 * a directory, not a symlink, owned by this user, not writable by group or others.
 */
export function privateDirProblem(dir: string): string | undefined {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    return (e as Error).message;
  }
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch (e) {
    return (e as Error).message;
  }
  if (st.isSymbolicLink()) return 'it is a symbolic link';
  if (!st.isDirectory()) return 'it is not a directory';
  if (typeof process.getuid === 'function') {
    if (st.uid !== process.getuid()) return `it belongs to another user (uid ${st.uid})`;
    if ((st.mode & 0o022) !== 0) return `others may write to it (mode ${(st.mode & 0o777).toString(8)})`;
  }
  return undefined;
}

/** A version for cached models: the hash of the running bundle (changes with any code change). */
export function bundleVersion(file: string = __filename): string {
  try {
    return createHash('sha1').update(fs.readFileSync(file)).digest('hex').slice(0, 16);
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
      const problem = privateDirProblem(dir);
      if (problem) {
        this.log(`cache directory ${dir} not used: ${problem}`);
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
      const data = JSON.parse(readPrivateFile(file)) as CacheFile;
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
    const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      // 'wx' (O_CREAT | O_EXCL) never follows a symlink planted at the temporary name.
      const handle = await open(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(`${head},"entries":{${parts.join(',')}}}`);
      } finally {
        await handle.close();
      }
      await rename(tmp, file);
      // The v8-serialised cache of earlier versions, now never read.
      await rm(file.replace(/\.chunks\.json$/, '.bin'), { force: true });
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      this.log(`cannot write cache ${file}: ${(e as Error).message}`);
    }
  }
}

/** A cache file's text: a regular file of this user, opened without following a symlink. */
function readPrivateFile(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error('not a regular file');
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) throw new Error(`owned by another user (uid ${st.uid})`);
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}
