/**
 * The web build's gb18030.ts: the browser's own GB18030 decoder (the Encoding Standard's, which
 * every browser has), so no `Buffer` or iconv tables ship to the web worker.
 */
let decoder: InstanceType<typeof TextDecoder> | undefined;

export function decodeGb18030(bytes: Uint8Array): string | undefined {
  try {
    decoder ??= new TextDecoder('gb18030', { fatal: true });
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}
