/**
 * Letting the connection answer between pieces of work (indexing, emitting diagnostics): Node's
 * setImmediate here; the web build's yield.browser.ts posts to itself through a MessageChannel
 * (a web worker has no setImmediate, and nested setTimeout(0) is clamped to 4 ms).
 */

/** Run `fn` after the I/O and messages already waiting. */
export function soon(fn: () => void): void {
  setImmediate(fn);
}

/** Resolves after the I/O and messages already waiting. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
