/**
 * Base64 without `Buffer` (a web worker has none): file bytes cross the client/server protocol
 * as base64 strings (protocol.ts, "Workspace files through the client"), and the panel's CSP
 * nonce and style hash are base64 too. Plain functions, the same in Node and in a browser.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;
INDEX['-'.charCodeAt(0)] = 62;
INDEX['_'.charCodeAt(0)] = 63;

const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
const ascii = new TextDecoder();

/** Bytes → base64 (with `=` padding). The characters are written as bytes and decoded once: megabytes in milliseconds. */
export function toBase64(bytes: Uint8Array): string {
  const n = bytes.length;
  const out = new Uint8Array(Math.ceil(n / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out[o++] = CODES[v >> 18];
    out[o++] = CODES[(v >> 12) & 63];
    out[o++] = CODES[(v >> 6) & 63];
    out[o++] = CODES[v & 63];
  }
  if (i < n) {
    const two = i + 1 < n;
    const v = (bytes[i] << 16) | ((two ? bytes[i + 1] : 0) << 8);
    out[o++] = CODES[v >> 18];
    out[o++] = CODES[(v >> 12) & 63];
    out[o++] = two ? CODES[(v >> 6) & 63] : 61;
    out[o++] = 61;
  }
  return ascii.decode(out);
}

/** Bytes → base64url (RFC 4648 §5, no padding). */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Base64 or base64url → bytes; undefined when `text` is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  const s = text.replace(/=+$/, '');
  if (s.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? INDEX[c] : -1;
    if (v < 0) return undefined;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
