/**
 * An in-memory file system behind client/src/workspaceFiles.ts, standing in for
 * `vscode.workspace.fs` on a virtual workspace (github.dev's `vscode-vfs://`): used by the unit
 * test of file access through the client and by the bench's web worker run (bench/webPage.ts),
 * so both drive the client's real request handlers.
 */
import { FILE_TYPE } from '../server/src/protocol';
import type { FileSystemLike, UriLike } from '../client/src/workspaceFiles';

/** A file's content: text (UTF-8), bytes, a symbolic link to a file, or a symbolic link to a folder. */
export type MemoryEntry = string | Uint8Array | { link: string } | { dirLink: string };

interface Entry {
  type: number;
  bytes?: Uint8Array;
}

const URI = /^([a-z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i;

/** URI text → its parts (the path percent-decoded), as `vscode.Uri.parse` gives them. */
export function parseUri(text: string): UriLike {
  const m = URI.exec(text);
  if (!m) throw new Error(`bad URI ${text}`);
  return { scheme: m[1], authority: m[2] ?? '', path: decodeURIComponent(m[3]), query: m[4] ?? '', fragment: m[5] ?? '' };
}

const key = (u: UriLike) => `${u.scheme}://${u.authority}${u.path}`;

export class MemoryFileSystem implements FileSystemLike<UriLike> {
  private readonly entries = new Map<string, Entry>();
  readonly calls = { stat: 0, readFile: 0, readDirectory: 0, bytesRead: 0 };

  /** @param folder the folder URI (`vscode-vfs://github/o/r`), files by path relative to it */
  constructor(
    readonly folder: string,
    files: Record<string, MemoryEntry>,
  ) {
    const root = key(parseUri(folder));
    this.entries.set(root, { type: FILE_TYPE.directory });
    const encoder = new TextEncoder();
    for (const [rel, v] of Object.entries(files)) {
      const p = `${root}/${rel}`;
      const parts = p.slice(root.length + 1).split('/');
      for (let i = 1; i < parts.length; i++) {
        const d = `${root}/${parts.slice(0, i).join('/')}`;
        if (!this.entries.has(d)) this.entries.set(d, { type: FILE_TYPE.directory });
      }
      if (typeof v === 'string') this.entries.set(p, { type: FILE_TYPE.file, bytes: encoder.encode(v) });
      else if (v instanceof Uint8Array) this.entries.set(p, { type: FILE_TYPE.file, bytes: v });
      else if ('link' in v) this.entries.set(p, { type: FILE_TYPE.file | FILE_TYPE.symbolicLink, bytes: encoder.encode(v.link) });
      else this.entries.set(p, { type: FILE_TYPE.directory | FILE_TYPE.symbolicLink });
    }
  }

  private notFound(u: UriLike): Error {
    return Object.assign(new Error(`not found: ${key(u)}`), { code: 'FileNotFound' });
  }

  async stat(u: UriLike): Promise<{ type: number; size: number }> {
    this.calls.stat++;
    const e = this.entries.get(key(u));
    if (!e) throw this.notFound(u);
    return { type: e.type, size: e.bytes?.length ?? 0 };
  }

  async readFile(u: UriLike): Promise<Uint8Array> {
    this.calls.readFile++;
    const e = this.entries.get(key(u));
    if (!e?.bytes) throw this.notFound(u);
    this.calls.bytesRead += e.bytes.length;
    return e.bytes;
  }

  async readDirectory(u: UriLike): Promise<[string, number][]> {
    this.calls.readDirectory++;
    const dir = key(u);
    const e = this.entries.get(dir);
    if (!e || !(e.type & FILE_TYPE.directory)) throw this.notFound(u);
    const out: [string, number][] = [];
    for (const [p, x] of this.entries) {
      if (p.startsWith(`${dir}/`) && !p.slice(dir.length + 1).includes('/')) out.push([p.slice(dir.length + 1), x.type]);
    }
    return out;
  }
}
