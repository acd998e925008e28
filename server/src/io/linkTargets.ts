/**
 * Where a relative evidence link points and whether it is checked (pure: no file access, so the
 * CLI, the Node server and the web build share it; io/fsLinks.ts asks the disk, the server its
 * file access).
 */
import * as path from 'node:path';
import type { LinkChecker, LinkStatus } from '../analysis/workspace';

export type ResolvedLink = { status: 'skip' | 'outside' } | { status: 'inside'; rel: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Where a link written in the workspace-relative file `fromRel` points, as a workspace-relative
 * path (`/` separators, no `#fragment` or `?query`), or why it is not checked.
 */
export function resolveLinkTarget(fromRel: string, target: string): ResolvedLink {
  let t = target.trim();
  if (t.startsWith('<') && t.endsWith('>')) t = t.slice(1, -1).trim();
  // A file on this machine (file:…, C:\…) is outside the workspace by definition: say so, never look.
  if (/^file:/i.test(t) || /^[a-z]:[\\/]/i.test(t)) return { status: 'outside' };
  if (t === '' || t.startsWith('#') || t.startsWith('//') || SCHEME.test(t)) return { status: 'skip' };
  t = t.replace(/[?#].*$/s, '');
  if (t === '') return { status: 'skip' };
  try {
    t = decodeURIComponent(t);
  } catch {
    // keep as written
  }
  t = t.replace(/\\/g, '/');
  const joined = t.startsWith('/') ? t.replace(/^\/+/, '') : path.posix.join(path.posix.dirname(fromRel), t);
  const rel = path.posix.normalize(joined === '' ? '.' : joined).replace(/\/+$/, '') || '.';
  if (rel === '..' || rel.startsWith('../') || path.posix.isAbsolute(rel)) return { status: 'outside' };
  return { status: 'inside', rel };
}

/**
 * A LinkChecker over workspace-relative URIs. `relOf` maps a file URI to its workspace-relative
 * path (identity in the CLI); `exists` answers for a workspace-relative path (file or directory).
 */
export function createLinkChecker(exists: (rel: string) => boolean, relOf: (uri: string) => string = (u) => u): LinkChecker {
  return (fromUri: string, target: string): LinkStatus => {
    const r = resolveLinkTarget(relOf(fromUri), target);
    if (r.status !== 'inside') return r.status;
    return exists(r.rel) ? 'ok' : 'missing';
  };
}

