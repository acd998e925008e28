/**
 * Text → bytes in the encoding a file was read in (decode.ts), so a tool that edits a file in
 * place (`suggest --apply`) leaves a GB18030 file GB18030 and keeps a BOM where there was one.
 */
import * as iconv from 'iconv-lite';
import type { TextEncodingName } from './decode';

export function encodeText(text: string, encoding: TextEncodingName): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    case 'gb18030':
      return iconv.encode(text, 'gb18030');
  }
}
