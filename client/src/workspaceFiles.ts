/**
 * The client side of the server's file access in a virtual workspace (VS Code for the Web,
 * github.dev, vscode.dev, or a desktop window on a virtual file system): the server cannot read
 * files there, so it asks, and this module answers through `vscode.workspace.fs`
 * (server/src/protocol.ts, "Workspace files through the client").
 *
 * The rules are the Node server's (docs/security.md): only what lies inside a workspace folder
 * (same scheme and authority, a path under the folder's, no `.`/`..` segments), only regular
 * files (a symbolic link is not followed: its target could be anywhere), never more than the
 * size the server asks for (the size is checked before the file is read, and again after).
 *
 * No `vscode` import: the file system and the folders are given, so the unit tests drive it with
 * an in-memory file system.
 */
import { toBase64 } from '../../server/src/io/base64';
import { FILE_TYPE, type FileBytes, type ReadDirectoriesParams, type ReadDirectoriesResult, type ReadFilesParams, type ReadFilesResult, type StatFilesParams, type StatFilesResult } from '../../server/src/protocol';

/** What this module needs of a URI (`vscode.Uri` has it). */
export interface UriLike {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
  readonly query: string;
  readonly fragment: string;
}

/** What this module needs of `vscode.workspace.fs`. */
export interface FileSystemLike<U extends UriLike> {
  stat(uri: U): PromiseLike<{ type: number; size: number }>;
  readFile(uri: U): PromiseLike<Uint8Array>;
  readDirectory(uri: U): PromiseLike<[string, number][]>;
}

export interface WorkspaceFilesHost<U extends UriLike> {
  fs: FileSystemLike<U>;
  /** URI text → URI (`vscode.Uri.parse`). */
  parse(uri: string): U;
  /** The workspace folders now. */
  folders(): readonly U[];
}

/** Reads at once at most this many files (each read is a round trip to the file system provider). */
const PARALLEL = 16;

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

function describe(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  if (code === 'FileNotFound' || code === 'EntryNotFound') return 'no such file';
  if (code === 'NoPermissions') return 'permission denied';
  return e instanceof Error ? e.message : String(e);
}

function isMissing(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'FileNotFound' || code === 'EntryNotFound' || code === 'EntryNotADirectory';
}

/** Is `uri` inside one of `folders` (or one of them)? A path with `.` or `..` segments never is. */
export function insideWorkspace(uri: UriLike, folders: readonly UriLike[]): boolean {
  if (uri.query || uri.fragment) return false;
  const segments = uri.path.split('/');
  if (segments.some((s) => s === '.' || s === '..')) return false;
  return folders.some((f) => {
    if (f.scheme.toLowerCase() !== uri.scheme.toLowerCase() || f.authority.toLowerCase() !== uri.authority.toLowerCase()) return false;
    const root = f.path.endsWith('/') ? f.path.slice(0, -1) : f.path;
    return uri.path === root || uri.path.startsWith(`${root}/`) || root === '';
  });
}

export class WorkspaceFiles<U extends UriLike> {
  constructor(private readonly host: WorkspaceFilesHost<U>) {}

  /** The URI if the server may see it, else undefined. */
  private allowed(text: string): U | undefined {
    let uri: U;
    try {
      uri = this.host.parse(text);
    } catch {
      return undefined;
    }
    return insideWorkspace(uri, this.host.folders()) ? uri : undefined;
  }

  async readDirectories(params: ReadDirectoriesParams): Promise<ReadDirectoriesResult> {
    const uris = Array.isArray(params?.uris) ? params.uris : [];
    return mapLimited(uris, PARALLEL, async (text) => {
      const uri = typeof text === 'string' ? this.allowed(text) : undefined;
      if (!uri) return { error: 'outside the workspace' };
      try {
        const entries = await this.host.fs.readDirectory(uri);
        return { entries: entries.filter((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number') };
      } catch (e) {
        return { error: describe(e) };
      }
    });
  }

  async readFiles(params: ReadFilesParams): Promise<ReadFilesResult> {
    const files = Array.isArray(params?.files) ? params.files : [];
    const budget = typeof params?.budgetBytes === 'number' && params.budgetBytes > 0 ? params.budgetBytes : Infinity;
    // Bytes promised to this answer so far: a file is read only if it fits (or is the first).
    let promised = 0;
    let first = true;
    const reserve = (size: number): boolean => {
      if (!first && promised + size > budget) return false;
      first = false;
      promised += size;
      return true;
    };
    return mapLimited(files, PARALLEL, (f) => this.readOne(f?.uri, f?.maxBytes, reserve));
  }

  private async readOne(text: unknown, maxBytes: unknown, reserve: (size: number) => boolean = () => true): Promise<FileBytes> {
    const uri = typeof text === 'string' ? this.allowed(text) : undefined;
    if (!uri) return { kind: 'unreadable', reason: 'outside the workspace' };
    const limit = typeof maxBytes === 'number' && maxBytes >= 0 ? maxBytes : 0;
    try {
      const st = await this.host.fs.stat(uri);
      if (st.type & FILE_TYPE.symbolicLink) return { kind: 'unreadable', reason: 'a symbolic link (not followed)' };
      if (!(st.type & FILE_TYPE.file)) return { kind: 'unreadable', reason: st.type & FILE_TYPE.directory ? 'a directory' : 'not a regular file' };
      if (st.size > limit) return { kind: 'too-large', bytes: st.size };
      if (!reserve(st.size)) return { kind: 'later' };
      const bytes = await this.host.fs.readFile(uri);
      // The file grew between stat and read: the limit holds whatever stat said.
      if (bytes.length > limit) return { kind: 'too-large', bytes: bytes.length };
      return { kind: 'bytes', base64: toBase64(bytes) };
    } catch (e) {
      return { kind: 'unreadable', reason: describe(e), missing: isMissing(e) || undefined };
    }
  }

  async stat(params: StatFilesParams): Promise<StatFilesResult> {
    const uris = Array.isArray(params?.uris) ? params.uris : [];
    return mapLimited(uris, PARALLEL, async (text) => {
      const uri = typeof text === 'string' ? this.allowed(text) : undefined;
      if (!uri) return 'outside' as const;
      try {
        const st = await this.host.fs.stat(uri);
        return { type: st.type, size: st.size };
      } catch {
        return null;
      }
    });
  }
}
