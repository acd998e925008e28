/**
 * File URIs. Clients spell the same file differently (VS Code percent-encodes `:` `[` `@` …,
 * Neovim does not), so the index keys documents by a canonical form: the one VS Code's
 * `URI.file(path).toString()` produces. The spelling a client used is remembered for replies.
 */
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const UNRESERVED = /[A-Za-z0-9\-._~/]/;

/** `/a b/手册.md` → `file:///a%20b/%E6%89%8B%E5%86%8C.md` (VS Code's encoding). */
export function pathToUri(filePath: string): string {
  let p = path.resolve(filePath);
  if (path.sep === '\\') {
    p = p.replace(/\\/g, '/');
    if (/^[A-Za-z]:/.test(p)) p = '/' + p[0].toLowerCase() + p.slice(1);
  }
  let out = '';
  for (const ch of p) out += UNRESERVED.test(ch) ? ch : encodeURIComponent(ch).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return 'file://' + out;
}

/** The file path of a `file:` URI (undefined for other schemes or malformed URIs). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The canonical spelling of a URI (file URIs re-encoded; other schemes unchanged). */
export function canonicalUri(uri: string): string {
  const p = uriToPath(uri);
  return p === undefined ? uri : pathToUri(p);
}

/** Is `child` the same as or inside directory `parent` (both absolute paths)? */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function isMarkdownPath(p: string): boolean {
  return /\.(md|markdown)$/i.test(p);
}
