/**
 * Reading settings files — the project config and the scheme files it, a report's front matter or
 * an `extends` names — under the rules of safeRead.ts: a regular file of at most 1 MB, decoded
 * like Markdown files; and when the reference comes from the repository (`root` given), only a
 * file inside that folder once symlinks are resolved: `{"scheme": "/dev/zero"}`,
 * `"extends": "../../home/me/.ssh/config.json"` or a `scheme.json -> /etc/shadow` link are
 * refused with a reason, never read.
 */
import * as path from 'node:path';
import type { LoadOptions } from '../scheme/loader';
import { decodeBytes } from './decode';
import { MAX_SETTINGS_FILE_BYTES, readRegularFile, resolvesInside } from './safeRead';

export interface SettingsIo extends Required<Pick<LoadOptions, 'readFile' | 'resolvePath'>> {
  /** Why the last read of `path` gave nothing (for the message), if it did. */
  why(path: string): string | undefined;
}

export interface SettingsIoOptions {
  /** Paths must resolve inside this folder (they come from the repository). Undefined: any path (the user named it). */
  root?: string;
  /** Text of a file the editor has open (not yet saved), which wins over the disk. */
  buffer?: (path: string) => string | undefined;
}

/** Read one settings file: its text, or why not. */
export function readSettingsText(file: string, root?: string): { text: string } | { reason: string } {
  if (root !== undefined && !resolvesInside(root, file)) return { reason: 'it is outside the workspace' };
  const r = readRegularFile(file, MAX_SETTINGS_FILE_BYTES);
  if (!r.ok) return { reason: r.notRegular ? `it is ${r.reason}, not a regular file` : r.reason };
  const d = decodeBytes(r.bytes);
  return d.ok ? { text: d.text } : { reason: d.reason };
}

export function settingsIo(options: SettingsIoOptions = {}): SettingsIo {
  const reasons = new Map<string, string>();
  return {
    readFile: (p) => {
      if (options.root !== undefined && !resolvesInside(options.root, p)) {
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
  };
}
