/**
 * `file:` URIs ↔ paths on this machine (Node). The web build replaces this module with
 * fileUri.browser.ts: a web worker has no disk, so there `file:` URIs are like any other scheme
 * (see uri.ts, "virtual paths").
 */
import { fileURLToPath } from 'node:url';

/** Paths of `file:` URIs are paths on this machine. */
export const NATIVE_FILES = true;

/** The path of a `file:` URI; undefined when malformed. */
export function fileUriToPath(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
