/**
 * The content hash of a document's text (disk cache key, "unchanged since it was read"): SHA-1,
 * base64url. Node's crypto here; the web build uses contentHash.browser.ts (the same digest in
 * JavaScript: Web Crypto has no synchronous digest).
 */
import { createHash } from 'node:crypto';

export function contentHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
