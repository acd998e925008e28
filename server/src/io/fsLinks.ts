/**
 * Evidence-link checking for analysis/workspace.ts: a relative link is resolved against the
 * file it is written in (a leading `/` means the workspace root, as on GitHub); URLs,
 * `mailto:`, other schemes and pure `#anchors` are skipped; `file:` URLs and drive paths are 'outside'; a target outside the workspace is
 * 'outside' and is never looked at. Existence is asked of a callback, so the same logic serves
 * the disk (CLI, server) and a git revision (`check --base`).
 */
import * as fs from 'node:fs';
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

/** `exists` on disk under `root`, cached; never looks outside `root`. */
export function fsExists(root: string): (rel: string) => boolean {
  const cache = new Map<string, boolean>();
  const base = path.resolve(root);
  return (rel) => {
    let hit = cache.get(rel);
    if (hit === undefined) {
      const abs = path.resolve(base, rel);
      hit = (abs === base || abs.startsWith(base + path.sep)) && fs.existsSync(abs);
      cache.set(rel, hit);
    }
    return hit;
  };
}

/** A LinkChecker for a workspace on disk whose file URIs are workspace-relative paths. */
export function createFsLinkChecker(root: string): LinkChecker {
  return createLinkChecker(fsExists(root));
}
