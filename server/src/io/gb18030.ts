/**
 * GB18030 (GBK, GB2312) bytes → text, for decode.ts: iconv-lite in Node. The web build uses
 * gb18030.browser.ts (the browser's own decoder). Undefined when the bytes do not decode.
 */
import * as iconv from 'iconv-lite';

export function decodeGb18030(bytes: Uint8Array): string | undefined {
  try {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030');
  } catch {
    return undefined;
  }
}
