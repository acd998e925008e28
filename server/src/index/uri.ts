/**
 * URIs and the paths the index works with.
 *
 * File URIs. Clients spell the same file differently (VS Code percent-encodes `:` `[` `@` …,
 * Neovim does not), so the index keys documents by a canonical form: the one VS Code's
 * `URI.file(path).toString()` produces. The spelling a client used is remembered for replies.
 *
 * Virtual paths. A workspace on another file system (github.dev's `vscode-vfs://github/o/r`,
 * `vscode-remote://…`, every folder in VS Code for the Web) has no path on this machine, but the
 * index reasons in paths (folders, include/exclude, relative links, `extends`). Such a URI maps to
 * a path in a namespace of its own, `/␀/<scheme>@<authority>/<path>` (on Windows the UNC path
 * `\\␀\<scheme>@<authority>\<path>`), and back. The NUL character cannot be in a real path, so a
 * virtual path can never be confused with one, and Node's `fs` refuses it outright if one ever
 * got there. Relative paths, `..` and "is inside" work on them as on real ones, and a path cannot
 * climb above its `<scheme>@<authority>` root. Their files are read through the client
 * (workspaceFiles.ts). URIs with a query or fragment (a notebook cell) and URIs without a path
 * (`untitled:Untitled-1`) have no path.
 */
import * as path from 'node:path';
import { fileUriToPath, NATIVE_FILES } from './fileUri';

/** Runs of characters VS Code percent-encodes in a path (everything but unreserved and `/`). */
const RESERVED_RUN = /[^A-Za-z0-9\-._~/]+/g;

function encodeRun(run: string): string {
  return encodeURIComponent(run).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Where virtual paths start: `/␀/` (POSIX, and the web build), `\\␀\` (Windows). */
const VIRTUAL_ROOT = path.sep === '\\' ? '\\\\\0\\' : '/\0/';

/** Is this path in the virtual namespace (a URI of another file system)? */
export function isVirtualPath(p: string): boolean {
  // Also the bare `/␀` a `..` too many leads to (it has no URI: see virtualPathToUri).
  return p.startsWith(VIRTUAL_ROOT.slice(0, -1));
}

/** `/a b/手册.md` → `file:///a%20b/%E6%89%8B%E5%86%8C.md` (VS Code's encoding); virtual paths → their URI. */
export function pathToUri(filePath: string): string {
  if (isVirtualPath(filePath)) return virtualPathToUri(filePath);
  let p = path.resolve(filePath);
  if (path.sep === '\\') {
    p = p.replace(/\\/g, '/');
    if (/^[A-Za-z]:/.test(p)) p = '/' + p[0].toLowerCase() + p.slice(1);
  }
  return 'file://' + p.replace(RESERVED_RUN, encodeRun);
}

const HIERARCHICAL = /^([A-Za-z][A-Za-z0-9+.-]*):(?:\/\/([^/?#]*))?(\/[^?#]*)$/;

/** `vscode-vfs://github/o/r/a%20b.md` → `/␀/vscode-vfs@github/o/r/a b.md`; undefined when it has no path. */
function uriToVirtualPath(uri: string): string | undefined {
  const m = HIERARCHICAL.exec(uri);
  if (!m) return undefined;
  const scheme = m[1].toLowerCase();
  const authority = (m[2] ?? '').toLowerCase();
  if (authority.includes('/') || authority.includes('\\') || authority.includes('\0')) return undefined;
  const segments: string[] = [];
  for (const raw of m[3].split('/').slice(1)) {
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    // A segment that decodes to a separator (or NUL) would change the path's shape.
    if (s.includes('/') || s.includes('\\') || s.includes('\0')) return undefined;
    if (s === '' || s === '.') continue;
    if (s === '..') {
      segments.pop();
      continue;
    }
    segments.push(s);
  }
  return VIRTUAL_ROOT + `${scheme}@${authority}` + (segments.length ? path.sep + segments.join(path.sep) : '');
}

function virtualPathToUri(p: string): string {
  const rest = p.slice(VIRTUAL_ROOT.length).split(path.sep);
  const head = rest[0];
  const at = head.indexOf('@');
  // Above every `<scheme>@<authority>` root: no file is there.
  if (at <= 0) return 'gbt27922-nowhere:/';
  const scheme = head.slice(0, at);
  const authority = head.slice(at + 1);
  const uriPath = '/' + rest.slice(1).filter((s) => s !== '').join('/');
  // VS Code writes `//` only before an authority (and always for file:).
  return `${scheme}:${authority || scheme === 'file' ? `//${authority}` : ''}${uriPath.replace(RESERVED_RUN, encodeRun)}`;
}

/**
 * A memo for a pure string function, emptied when it holds `max` entries. URI conversions run
 * for every file and every link when a workspace is indexed and its diagnostics published (a
 * `URL` parse each: ≈ 0.2 s of a 2,000-file reopen); the same few thousand URIs come back.
 */
function memo(fn: (s: string) => string | undefined, max = 20_000): (s: string) => string | undefined {
  const seen = new Map<string, string | undefined>();
  return (s) => {
    if (seen.has(s)) return seen.get(s);
    if (seen.size >= max) seen.clear();
    const v = fn(s);
    seen.set(s, v);
    return v;
  };
}

const uriToPathMemo = memo((uri) => {
  if (NATIVE_FILES && /^file:/i.test(uri)) return fileUriToPath(uri);
  return uriToVirtualPath(uri);
});

/**
 * The path of a URI: a `file:` URI's path on this machine (Node), a virtual path for a URI of
 * another file system; undefined for URIs without a path (`untitled:`, a query or fragment).
 */
export function uriToPath(uri: string): string | undefined {
  return uriToPathMemo(uri);
}

const canonicalMemo = memo((uri) => {
  const p = uriToPath(uri);
  return p === undefined ? uri : pathToUri(p);
});

/** The canonical spelling of a URI (re-encoded as VS Code would; URIs without a path unchanged). */
export function canonicalUri(uri: string): string {
  return canonicalMemo(uri)!;
}

/** Is `child` the same as or inside directory `parent` (both absolute paths)? */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function isMarkdownPath(p: string): boolean {
  return /\.(md|markdown)$/i.test(p);
}

/** The directory relative paths are taken from where nothing better is known (no disk in a web worker: the root). */
export function currentDirectory(): string {
  return typeof process !== 'undefined' && typeof process.cwd === 'function' ? process.cwd() : path.sep;
}
