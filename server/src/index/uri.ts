/**
 * File URIs. Clients spell the same file differently (VS Code percent-encodes `:` `[` `@` …,
 * Neovim does not), so the index keys documents by a canonical form: the one VS Code's
 * `URI.file(path).toString()` produces. The spelling a client used is remembered for replies.
 */
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

/** Runs of characters VS Code percent-encodes in a path (everything but unreserved and `/`). */
const RESERVED_RUN = /[^A-Za-z0-9\-._~/]+/g;

function encodeRun(run: string): string {
  return encodeURIComponent(run).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** `/a b/手册.md` → `file:///a%20b/%E6%89%8B%E5%86%8C.md` (VS Code's encoding). */
export function pathToUri(filePath: string): string {
  let p = path.resolve(filePath);
  if (path.sep === '\\') {
    p = p.replace(/\\/g, '/');
    if (/^[A-Za-z]:/.test(p)) p = '/' + p[0].toLowerCase() + p.slice(1);
  }
  return 'file://' + p.replace(RESERVED_RUN, encodeRun);
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
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
});

/** The file path of a `file:` URI (undefined for other schemes or malformed URIs). */
export function uriToPath(uri: string): string | undefined {
  return uriToPathMemo(uri);
}

const canonicalMemo = memo((uri) => {
  const p = uriToPath(uri);
  return p === undefined ? uri : pathToUri(p);
});

/** The canonical spelling of a URI (file URIs re-encoded; other schemes unchanged). */
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
