/**
 * File access through the client (workspaceFiles.ts): for a workspace the server cannot see on a
 * disk of its own — every folder in VS Code for the Web, a desktop window on a virtual file
 * system. Each method is one or a few custom requests (protocol.ts, "Workspace files through the
 * client"), batched; the client answers with `vscode.workspace.fs` and refuses anything outside
 * the workspace folders, symbolic links and files over the size asked for.
 *
 * The folder walk is the disk walker's (io/discover.ts): the same include/exclude filter and
 * pruning, never into `node_modules` or `.git`, never through a symbolic link; one request per
 * level of the tree. A file's size is not known before it is read here, so every file is
 * "small" to the index and a file over the limit is reported when read.
 */
import { fromBase64 } from '../io/base64';
import { decodeBytes } from '../io/decode';
import { ALWAYS_SKIPPED_DIRS, createPathFilter, toRel, type DiscoveredFile, type DiscoverOptions, type DiscoverResult } from '../io/pathFilter';
import {
  FILE_TYPE,
  READ_DIRECTORIES_REQUEST,
  READ_FILES_REQUEST,
  STAT_FILES_REQUEST,
  type FileBytes,
  type ReadDirectoriesParams,
  type ReadDirectoriesResult,
  type ReadFilesParams,
  type ReadFilesResult,
  type StatFilesParams,
  type StatFilesResult,
} from '../protocol';
import { contentHash } from './contentHash';
import type { FileRead, ReadJob } from './fileRead';
import { isInside, pathToUri } from './uri';
import { OUTSIDE_WORKSPACE, type Classified, type PathKind, type SettingsRead, type WorkspaceFileAccess } from './workspaceFiles';
import * as path from 'node:path';

/** Sends a request to the client (the connection's `sendRequest`). */
export type ClientRequest = <P, R>(method: string, params: P) => Promise<R>;

/** Settings files (config, schemes) larger than this are not read (as on disk: io/safeRead.ts). */
const MAX_SETTINGS_BYTES = 1024 * 1024;
/** Directories per request. */
const DIRECTORIES_PER_REQUEST = 256;
/** Files per request, and the bytes one answer may carry before the rest wait for the next. */
const FILES_PER_REQUEST = 64;
const BYTES_PER_REQUEST = 8 * 1024 * 1024;
/** Paths per stat request. */
const STATS_PER_REQUEST = 512;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function kindOf(type: number): PathKind {
  if (type & FILE_TYPE.symbolicLink) return 'other';
  if (type & FILE_TYPE.file) return 'file';
  if (type & FILE_TYPE.directory) return 'directory';
  return 'other';
}

export class ClientFiles implements WorkspaceFileAccess {
  /** Requests that failed (the client does not answer them): logged once. */
  private warned = false;

  constructor(
    private readonly request: ClientRequest,
    private readonly log: (message: string) => void = () => {},
    /** Bytes one answer may carry (tests make it small). */
    private readonly bytesPerRequest = BYTES_PER_REQUEST,
  ) {}

  private async send<P, R>(method: string, params: P, fallback: R): Promise<R> {
    try {
      const r = await this.request<P, R>(method, params);
      return r ?? fallback;
    } catch (e) {
      if (!this.warned) {
        this.warned = true;
        this.log(`the client did not answer ${method}: ${e instanceof Error ? e.message : String(e)}; files of this workspace cannot be read`);
      }
      return fallback;
    }
  }

  async stat(paths: readonly string[]): Promise<PathKind[]> {
    const out: PathKind[] = [];
    for (const part of chunks(paths, STATS_PER_REQUEST)) {
      const uris = part.map(pathToUri);
      const answer = await this.send<StatFilesParams, StatFilesResult>(STAT_FILES_REQUEST, { uris }, []);
      part.forEach((_, i) => {
        const a = answer[i];
        out.push(a === 'outside' || a === undefined ? 'unknown' : a === null ? 'missing' : typeof a === 'object' && typeof a.type === 'number' ? kindOf(a.type) : 'unknown');
      });
    }
    return out;
  }

  async discover(paths: readonly string[], options: DiscoverOptions): Promise<DiscoverResult> {
    const root = options.root;
    const filter = createPathFilter(options.include, options.exclude);
    const found = new Map<string, DiscoveredFile>();
    const unreadable: DiscoverResult['unreadable'] = [];
    const add = (abs: string) => {
      if (!found.has(abs)) found.set(abs, { path: abs, rel: toRel(root, abs), size: 0 });
    };
    let level: string[] = [];
    const kinds = await this.stat(paths);
    paths.forEach((p, i) => {
      const k = kinds[i];
      if (k === 'directory') level.push(p);
      else if (k === 'file') {
        if (!filter.excluded(toRel(root, p))) add(p);
      } else unreadable.push({ path: p, reason: k === 'missing' ? 'no such file or directory' : k === 'unknown' ? 'outside the workspace' : 'not a regular file or directory' });
    });
    while (level.length > 0) {
      const next: string[] = [];
      for (const part of chunks(level, DIRECTORIES_PER_REQUEST)) {
        const answer = await this.send<ReadDirectoriesParams, ReadDirectoriesResult>(READ_DIRECTORIES_REQUEST, { uris: part.map(pathToUri) }, []);
        part.forEach((dir, i) => {
          const a = answer[i];
          if (!a || 'error' in a) {
            unreadable.push({ path: dir, reason: a && 'error' in a ? String(a.error) : 'no answer' });
            return;
          }
          for (const [name, type] of a.entries) {
            // A name with a separator (or `.`/`..`) is not a directory entry.
            if (typeof name !== 'string' || name === '' || name === '.' || name === '..' || /[/\\\0]/.test(name)) continue;
            if (type & FILE_TYPE.symbolicLink) continue;
            const abs = path.join(dir, name);
            if (type & FILE_TYPE.directory) {
              if (ALWAYS_SKIPPED_DIRS.has(name) || filter.prunesDir(toRel(root, abs))) continue;
              next.push(abs);
            } else if (type & FILE_TYPE.file) {
              if (filter.file(toRel(root, abs))) add(abs);
            }
          }
        });
      }
      level = next;
    }
    const files = [...found.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    return { files, tooLarge: [], unreadable };
  }

  /** The bytes of files (in order), each answer within BYTES_PER_REQUEST: what did not fit is asked for again. */
  private async readBytes(files: readonly { path: string; maxBytes: number }[]): Promise<FileBytes[]> {
    const out: FileBytes[] = [];
    for (const part of chunks(files, FILES_PER_REQUEST)) {
      const answer = await this.send<ReadFilesParams, ReadFilesResult>(READ_FILES_REQUEST, { files: part.map((f) => ({ uri: pathToUri(f.path), maxBytes: f.maxBytes })), budgetBytes: this.bytesPerRequest }, []);
      for (let i = 0; i < part.length; i++) {
        const a = answer[i];
        if (a?.kind === 'later') out.push(...(await this.readBytes([part[i]])));
        else out.push(a ?? { kind: 'unreadable', reason: 'no answer' });
      }
    }
    return out;
  }

  async readFiles(jobs: readonly ReadJob[]): Promise<FileRead[]> {
    const answers = await this.readBytes(jobs);
    return answers.map((a): FileRead => {
      if (a.kind === 'too-large') return { kind: 'too-large', bytes: a.bytes };
      if (a.kind !== 'bytes') return { kind: 'unreadable' };
      const bytes = fromBase64(a.base64);
      if (!bytes) return { kind: 'unreadable' };
      const decoded = decodeBytes(bytes);
      if (!decoded.ok) return { kind: 'not-text', reason: decoded.reason };
      return { kind: 'text', text: decoded.text, hash: contentHash(decoded.text) };
    });
  }

  async readSettings(p: string, roots: readonly string[] | undefined): Promise<SettingsRead> {
    if (roots !== undefined && !roots.some((r) => isInside(r, p))) return { reason: OUTSIDE_WORKSPACE };
    const [a] = await this.readBytes([{ path: p, maxBytes: MAX_SETTINGS_BYTES }]);
    if (a.kind === 'too-large') return { reason: `larger than 1 MB` };
    if (a.kind === 'unreadable') return { reason: a.reason, missing: a.missing };
    if (a.kind !== 'bytes') return { reason: 'unreadable' };
    const bytes = fromBase64(a.base64);
    const decoded = bytes ? decodeBytes(bytes) : undefined;
    if (!decoded) return { reason: 'unreadable' };
    return decoded.ok ? { text: decoded.text } : { reason: decoded.reason };
  }

  async classify(root: string, p: string): Promise<Classified> {
    if (!isInside(root, p)) return { kind: 'skip' };
    // The client's stat never follows a link for us: a symbolic link is 'other', never read.
    const [kind] = await this.stat([p]);
    return kind === 'file' ? { kind: 'file', path: p, size: 0 } : kind === 'directory' ? { kind: 'dir' } : { kind: 'skip' };
  }

  settingsRoots(folderRoots: readonly string[]): string[] {
    return [...folderRoots];
  }

  readsSync(): boolean {
    return false;
  }

  readTextSync(): string | undefined {
    return undefined;
  }

  existsSync(): boolean | undefined {
    return undefined;
  }

  statInsideSync(): undefined {
    return undefined;
  }

  readFileSync(): undefined {
    return undefined;
  }
}
