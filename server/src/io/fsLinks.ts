/**
 * Evidence-link checking for analysis/workspace.ts: a relative link is resolved against the
 * file it is written in (a leading `/` means the workspace root, as on GitHub); URLs,
 * `mailto:`, other schemes and pure `#anchors` are skipped; `file:` URLs and drive paths are 'outside'; a target outside the workspace is
 * 'outside' and is never looked at. Existence is asked of a callback, so the same logic serves
 * the disk (CLI, server) and a git revision (`check --base`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LinkChecker } from '../analysis/workspace';
import { createLinkChecker } from './linkTargets';

export { createLinkChecker, resolveLinkTarget, type ResolvedLink } from './linkTargets';

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
