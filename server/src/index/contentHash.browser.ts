/**
 * The web build's contentHash.ts: the same SHA-1 (base64url) from @noble/hashes, because Web
 * Crypto's digest is asynchronous and the index hashes while it assembles.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { toBase64Url } from '../io/base64';

const encoder = new TextEncoder();

export function contentHash(text: string): string {
  return toBase64Url(sha1(encoder.encode(text)));
}
