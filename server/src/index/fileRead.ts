/**
 * Reading a workspace file for the index: bytes → text (decode.ts) → content hash, or why the
 * file cannot be indexed. Pure data out, so the parse workers can do it for the main thread
 * (on a warm reopen, reading, decoding and hashing 2,000 files was a third of the main
 * thread's work) and the main thread can do it itself when there are no workers.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { decodeBytes } from '../io/decode';
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

function fromBytes(buf: Buffer, maxBytes: number): FileRead {
  if (buf.length > maxBytes) return { kind: 'too-large', bytes: buf.length };
  const decoded = decodeBytes(buf);
  if (!decoded.ok) return { kind: 'not-text', reason: decoded.reason };
  return { kind: 'text', text: decoded.text, hash: contentHash(decoded.text) };
}

/** Read synchronously (small files, or on a worker thread). Never throws. */
export function readFileForIndex(job: ReadJob): FileRead {
  let fd: number | undefined;
  try {
    fd = fs.openSync(job.path, 'r');
    const size = fs.fstatSync(fd).size;
    if (size > job.maxBytes) return { kind: 'too-large', bytes: size };
    return fromBytes(fs.readFileSync(fd), job.maxBytes);
  } catch {
    return { kind: 'unreadable' };
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already reported as unreadable, or the text is in hand
      }
    }
  }
}

/** Read without blocking the thread (large files on the main thread). Never throws. */
export async function readFileForIndexAsync(job: ReadJob): Promise<FileRead> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(job.path, 'r');
    const size = (await handle.stat()).size;
    if (size > job.maxBytes) return { kind: 'too-large', bytes: size };
    return fromBytes(await handle.readFile(), job.maxBytes);
  } catch {
    return { kind: 'unreadable' };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
