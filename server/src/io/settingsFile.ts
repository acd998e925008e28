/**
 * Reading settings files — the project config and the scheme files it, a report's front matter or
 * an `extends` names — under the rules of safeRead.ts: a regular file of at most 1 MB, decoded
 * like Markdown files; and when the reference comes from the repository (`roots` given), only a
 * file inside one of those folders once symlinks are resolved: `{"scheme": "/dev/zero"}`,
 * `"extends": "../../home/me/.ssh/config.json"` or a `scheme.json -> /etc/shadow` link are
 * refused with a reason, never read.
 *
 * The folders are the workspace: the workspace folders (the CLI: the current directory and the
 * project root) and the git checkout they are in (`checkoutRoot`), so a config in
 * `reports/2026/` may name `../../schemes/ours.json` of the same repository.
 */
import * as fs from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { LoadOptions } from '../scheme/loader';
import { decodeBytes } from './decode';
import { MAX_SETTINGS_FILE_BYTES, readRegularFile, resolvesInside } from './safeRead';

export interface SettingsIo extends Required<Pick<LoadOptions, 'readFile' | 'resolvePath'>> {
  /** Why the last read of `path` gave nothing (for the message), if it did. */
  why(path: string): string | undefined;
  /** Whether `path` is inside the workspace roots (always true for a reader without roots). */
  inWorkspace(path: string): boolean;
  /** A read was refused because the workspace is not trusted (`untrusted`). */
  readonly refusedUntrusted: boolean;
}

/** Why a scheme file is not read in an untrusted workspace (VS Code's Restricted Mode). */
export const UNTRUSTED_REASON = 'the workspace is not trusted (Restricted Mode): only built-in schemes are used';

export interface SettingsIoOptions {
  /** Paths must resolve inside one of these folders (they come from the repository). Undefined: any path (the user named it). */
  roots?: readonly string[];
  /** Text of a file the editor has open (not yet saved), which wins over the disk. */
  buffer?: (path: string) => string | undefined;
  /** Read nothing: the workspace is not trusted and these are scheme files (built-in schemes only). */
  untrusted?: boolean;
}

/**
 * The git checkout `dir` is in (the nearest folder above it with a `.git`), unless that is the
 * home folder or above it (a home directory kept in git is not one repository's checkout).
 */
export function checkoutRoot(dir: string): string | undefined {
  let home: string | undefined;
  try {
    home = path.resolve(homedir());
  } catch {
    home = undefined;
  }
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (home !== undefined && (d === home || home.startsWith(d + path.sep) || d === path.parse(d).root)) return undefined;
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** The folders repository-named settings files must be in: `dirs` and their git checkouts. */
export function workspaceRoots(dirs: readonly (string | undefined)[]): string[] {
  const out = new Set<string>();
  for (const d of dirs) {
    if (!d) continue;
    out.add(path.resolve(d));
    const top = checkoutRoot(d);
    if (top) out.add(top);
  }
  return [...out];
}

function inAny(roots: readonly string[], file: string): boolean {
  return roots.some((r) => resolvesInside(r, file));
}

/** Read one settings file: its text, or why not. */
export function readSettingsText(file: string, roots?: readonly string[]): { text: string } | { reason: string } {
  if (roots !== undefined && !inAny(roots, file)) return { reason: 'it is outside the workspace' };
  const r = readRegularFile(file, MAX_SETTINGS_FILE_BYTES);
  if (!r.ok) return { reason: r.notRegular ? `it is ${r.reason}, not a regular file` : r.reason };
  const d = decodeBytes(r.bytes);
  return d.ok ? { text: d.text } : { reason: d.reason };
}

export function settingsIo(options: SettingsIoOptions = {}): SettingsIo {
  const reasons = new Map<string, string>();
  let refusedUntrusted = false;
  return {
    readFile: (p) => {
      if (options.untrusted) {
        reasons.set(p, UNTRUSTED_REASON);
        refusedUntrusted = true;
        return undefined;
      }
      if (options.roots !== undefined && !inAny(options.roots, p)) {
        reasons.set(p, 'it is outside the workspace');
        return undefined;
      }
      const buffered = options.buffer?.(p);
      if (buffered !== undefined) return buffered;
      const r = readSettingsText(p);
      if ('reason' in r) {
        reasons.set(p, r.reason);
        return undefined;
      }
      reasons.delete(p);
      return r.text;
    },
    resolvePath: (from, relative) => path.resolve(path.dirname(from), relative),
    why: (p) => reasons.get(p),
    inWorkspace: (p) => options.roots === undefined || inAny(options.roots, p),
    get refusedUntrusted() {
      return refusedUntrusted;
    },
  };
}
