/**
 * Text → file bytes in the encoding it was read in (the inverse of decode.ts: a BOM is written
 * back), for `gbt27922 check --fix`, which writes files on disk (Node only).
 */
import * as iconv from 'iconv-lite';
import type { TextEncodingName } from './decode';

/** Text → the bytes of a file in `encoding` (the inverse of decodeBytes: a BOM is written back). */
export function encodeText(text: string, encoding: TextEncodingName): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
  }
}
