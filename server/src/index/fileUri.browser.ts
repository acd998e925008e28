/**
 * The web build's fileUri.ts: a web worker has no disk, so a `file:` URI has no path of its own
 * here and is mapped like any other scheme (uri.ts, "virtual paths"), its files read through the
 * client.
 */

/** Paths of `file:` URIs are not paths on this machine. */
export const NATIVE_FILES = false;

export function fileUriToPath(_uri: string): string | undefined {
  return undefined;
}
