/**
 * Bytes → text for Markdown files read from disk (CLI, and the language server for files not
 * open in the editor). Accepts UTF-8 (with or without BOM), UTF-16 LE/BE with a BOM, and
 * GB18030 (a superset of GBK and GB2312, common for Chinese documents). Anything else, or a
 * binary file, is refused with a reason a user can act on.
 *
 * The BOM is NOT part of the returned text (as in VS Code, whose documents never contain it),
 * so positions computed on `text` match what the editor shows. `encoding` says whether there
 * was one.
 */
import * as iconv from 'iconv-lite';
import { TextDecoder } from 'node:util';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodeResult = { ok: true; text: string; encoding: TextEncodingName } | { ok: false; reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true });

/** Decode file bytes; see the module comment for what is accepted. Never throws. */
export function decodeBytes(buf: Uint8Array): DecodeResult {
  const n = buf.length;
  if (n >= 4 && buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) {
    return { ok: false, reason: 'UTF-32 text is not supported; save the file as UTF-8' };
  }
  if (n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const r = strictDecode(utf8, buf.subarray(3));
    if (r === undefined) return { ok: false, reason: `starts with a UTF-8 BOM but is not valid UTF-8 (at byte ${firstInvalidUtf8(buf, 3)})` };
    return checkText(r, 'utf-8-bom');
  }
  if (n >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    const le = buf[0] === 0xff;
    const body = buf.subarray(2);
    if (body.length % 2 !== 0) return { ok: false, reason: `starts with a UTF-16 ${le ? 'LE' : 'BE'} BOM but has an odd number of bytes` };
    const r = strictDecode(le ? utf16le : utf16be, body);
    if (r === undefined) return { ok: false, reason: `starts with a UTF-16 ${le ? 'LE' : 'BE'} BOM but is not valid UTF-16` };
    return checkText(r, le ? 'utf-16le' : 'utf-16be');
  }
  const nul = buf.indexOf(0);
  if (nul >= 0) {
    return { ok: false, reason: looksLikeBomlessUtf16(buf) ? 'looks like UTF-16 without a byte order mark; save it as UTF-8 (or UTF-16 with BOM)' : `contains NUL bytes (at byte ${nul}): looks like a binary file` };
  }
  const asUtf8 = strictDecode(utf8, buf);
  if (asUtf8 !== undefined) return checkText(asUtf8, 'utf-8');
  const badUtf8 = firstInvalidUtf8(buf, 0);
  const badGb = firstInvalidGb18030(buf);
  if (badGb < 0) {
    const text = iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), 'gb18030');
    if (!text.includes('\uFFFD')) return checkText(text, 'gb18030');
  }
  return {
    ok: false,
    reason: `not valid UTF-8 (at byte ${badUtf8}) nor GB18030/GBK${badGb >= 0 ? ` (at byte ${badGb})` : ''}; save the file as UTF-8`,
  };
}

function strictDecode(decoder: TextDecoder, bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Refuse text full of control characters (a binary file that happens to decode). */
function checkText(text: string, encoding: TextEncodingName): DecodeResult {
  let control = 0;
  const limit = Math.min(text.length, 65536);
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return { ok: false, reason: `contains NUL characters (${encoding}): looks like a binary file` };
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11 && c !== 27) control++;
  }
  if (limit > 0 && control / limit > 0.1) return { ok: false, reason: `mostly control characters (${encoding}): looks like a binary file` };
  return { ok: true, text, encoding };
}

function looksLikeBomlessUtf16(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return false;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenNul++;
    if (buf[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  return (evenNul >= half * 0.1 && oddNul <= evenNul * 0.1) || (oddNul >= half * 0.1 && evenNul <= oddNul * 0.1);
}

/** Offset of the first byte that breaks UTF-8 well-formedness, or -1. */
function firstInvalidUtf8(b: Uint8Array, start: number): number {
  let i = start;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= n) return i;
    const b1 = b[i + 1];
    if (b1 === undefined || b1 < lo || b1 > hi) return i;
    for (let k = 2; k <= need; k++) {
      const bk = b[i + k];
      if (bk === undefined || bk < 0x80 || bk > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Offset of the first byte sequence that is not well-formed GB18030, or -1. Structure:
 * 00–7F; lead 81–FE + trail 40–7E/80–FE; or lead 81–FE, 30–39, 81–FE, 30–39.
 */
function firstInvalidGb18030(b: Uint8Array): number {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c === 0x80 || c === 0xff || i + 1 >= n) return i;
    const c2 = b[i + 1];
    if ((c2 >= 0x40 && c2 <= 0x7e) || (c2 >= 0x80 && c2 <= 0xfe)) {
      i += 2;
      continue;
    }
    if (c2 >= 0x30 && c2 <= 0x39 && i + 3 < n) {
      const c3 = b[i + 2];
      const c4 = b[i + 3];
      if (c3 >= 0x81 && c3 <= 0xfe && c4 >= 0x30 && c4 <= 0x39) {
        i += 4;
        continue;
      }
    }
    return i;
  }
  return -1;
}

