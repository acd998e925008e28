/**
 * Reading a file a repository names (docs/security.md, "What the product reads"): only a regular
 * file, never more than a cap, never blocking, and — for a path that comes from the repository
 * — only inside the workspace once symlinks are resolved.
 *
 * - Opened with O_NONBLOCK, so a FIFO named `*.md` or `x.scheme.json` opens at once (without a
 *   writer it would block the thread for ever); then fstat on the open descriptor: anything
 *   but a regular file (FIFO, socket, device such as a link to /dev/zero, directory) is refused.
 * - At most `maxBytes + 1` bytes are read, whatever fstat says (a /proc or /sys file reports
 *   size 0 and goes on for ever); one byte more than the cap means "too large".
 * - `inside(root, path)`: the real path (every symlink resolved) lies in the real root.
 * Pure Node; never throws.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';

export type SafeRead = { ok: true; bytes: Buffer } | { ok: false; reason: string; tooLarge?: number; notRegular?: boolean; missing?: boolean };

/** Settings files (config, schemes) larger than this are not read. */
export const MAX_SETTINGS_FILE_BYTES = 1024 * 1024;

const { O_RDONLY, O_NONBLOCK } = fs.constants;
const FLAGS = O_RDONLY | (O_NONBLOCK ?? 0);
const CHUNK = 1 << 16;

function kind(st: fs.Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

function why(e: unknown): SafeRead {
  const err = e as NodeJS.ErrnoException;
  const reason = err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.code === 'ELOOP' ? 'too many symbolic links' : (err.code ?? String(err.message ?? e));
  return { ok: false, reason, missing: err.code === 'ENOENT' || err.code === 'ENOTDIR' };
}

/** Refused for its size: `size` is what fstat said, or at least the cap + 1 when the file grew past it while being read. */
function tooLarge(maxBytes: number, size = maxBytes + 1): SafeRead {
  return { ok: false, reason: `larger than ${maxBytes >= 1024 * 1024 ? `${(maxBytes / 1024 / 1024).toFixed(maxBytes % (1024 * 1024) ? 1 : 0)} MB` : `${maxBytes} bytes`}`, tooLarge: size };
}

/** Read a regular file of at most `maxBytes` bytes (see the module comment). */
export function readRegularFile(file: string, maxBytes: number): SafeRead {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, FLAGS);
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, reason: kind(st), notRegular: true };
    if (st.size > maxBytes) return tooLarge(maxBytes, st.size);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total) || 1);
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > maxBytes) return tooLarge(maxBytes);
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return why(e);
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // nothing to do
      }
    }
  }
}

/** The same without blocking the thread (large files on the language server's main thread). */
export async function readRegularFileAsync(file: string, maxBytes: number): Promise<SafeRead> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(file, FLAGS);
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, reason: kind(st), notRegular: true };
    if (st.size > maxBytes) return tooLarge(maxBytes, st.size);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(Math.max(CHUNK, st.size + 1), maxBytes + 1 - total) || 1;
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return tooLarge(maxBytes);
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return why(e);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function realOrUndefined(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

export function isInsideDir(dir: string, p: string): boolean {
  const r = path.relative(dir, p);
  return r === '' || (!r.startsWith('..' + path.sep) && r !== '..' && !path.isAbsolute(r));
}

/**
 * Is `file` inside `root` once every symlink is resolved? A missing file is judged by its
 * lexical path under the real root (it will not be read anyway).
 */
export function resolvesInside(root: string, file: string): boolean {
  const realRoot = realOrUndefined(root) ?? path.resolve(root);
  const real = realOrUndefined(file);
  if (real !== undefined) return isInsideDir(realRoot, real);
  return isInsideDir(path.resolve(root), path.resolve(file));
}
