/**
 * Reading a workspace file for the index: bytes → text (decode.ts) → content hash, or why the
 * file cannot be indexed. Pure data out, so the parse workers can do it for the main thread
 * (on a warm reopen, reading, decoding and hashing 2,000 files was a third of the main
 * thread's work) and the main thread can do it itself when there are no workers.
 */
import { decodeBytes } from '../io/decode';
import { readRegularFile, readRegularFileAsync, type SafeRead } from '../io/safeRead';
import { contentHash } from './diskCache';

export type FileRead =
  | { kind: 'text'; text: string; hash: string }
  /** Larger than the limit (not read past the size check). */
  | { kind: 'too-large'; bytes: number }
  | { kind: 'not-text'; reason: string }
  /** Gone, a directory now, or no permission. */
  | { kind: 'unreadable' };

export interface ReadJob {
  path: string;
  maxBytes: number;
}

/**
 * Only a regular file, opened without blocking (a FIFO that appeared as `x.md` would hold the
 * reading thread for ever), and never more than the limit whatever its size says
 * (io/safeRead.ts). A FIFO, device or socket is 'unreadable': the index drops it.
 */
function fromRead(r: SafeRead): FileRead {
  if (!r.ok) return r.tooLarge !== undefined ? { kind: 'too-large', bytes: r.tooLarge } : { kind: 'unreadable' };
  const decoded = decodeBytes(r.bytes);
  if (!decoded.ok) return { kind: 'not-text', reason: decoded.reason };
  return { kind: 'text', text: decoded.text, hash: contentHash(decoded.text) };
}

/** Read synchronously (small files, or on a worker thread). Never throws. */
export function readFileForIndex(job: ReadJob): FileRead {
  return fromRead(readRegularFile(job.path, job.maxBytes));
}

/** Read without blocking the thread (large files on the main thread). Never throws. */
export async function readFileForIndexAsync(job: ReadJob): Promise<FileRead> {
  return fromRead(await readRegularFileAsync(job.path, job.maxBytes));
}
