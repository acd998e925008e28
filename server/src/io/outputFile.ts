/**
 * Writing an output file the user asked for (`-o`, `--sarif-file`, `--summary-file`, exports,
 * `init`, `import`), in a repository we did not write. The rules (docs/security.md):
 * - never through a symlink: a `gbt27922.sarif -> /etc/…` committed to a pull request must not
 *   make CI write outside the checkout;
 * - never half-written: the bytes go to a temporary file in the same folder, flushed, then
 *   renamed over the target (a full disk leaves the old file, not 8 KB of invalid JSON);
 * - never onto one of the inputs (`check report.md -o report.md`);
 * - a missing parent folder is created;
 * - `exclusive`: fail if anything, even a dangling symlink, already has the name;
 * - `append` (the GitHub step summary): opened without following a symlink, regular files only;
 * - `confine`: a target named inside this folder (the checkout) must stay inside it once symlinked
 *   folders on the way are resolved (`reports -> /elsewhere` committed, `--sarif-file reports/x`).
 * Pure Node; no editor imports. Errors are `OutputFileError` with one clear line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export class OutputFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutputFileError';
  }
}

export interface OutputFileOptions {
  /** Fail if the name exists at all (also a dangling symlink). Default: replace a regular file. */
  exclusive?: boolean;
  /** Append to the file (created if missing); regular files only. */
  append?: boolean;
  /** Files read by this command: writing onto one of them is refused. */
  inputs?: readonly string[];
  /** Mode of a created file (default 0o666 & ~umask). */
  mode?: number;
  /** A target lexically inside this folder must really be inside it (no symlinked folder on the way out). */
  confine?: string;
}

/** Writes `data` to `target` (an absolute path) under the rules above. */
export function writeOutputFile(target: string, data: string | Uint8Array, options: OutputFileOptions = {}): void {
  const file = path.resolve(target);
  const dir = path.dirname(file);
  // Before any folder is created: mkdir would follow the link too.
  if (options.confine && escapesThroughLink(path.resolve(options.confine), dir)) {
    throw new OutputFileError(target, `refusing to write ${target}: a folder on its path is a symbolic link that leads outside ${options.confine}`);
  }
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new OutputFileError(target, `cannot create the folder ${dir}: ${reason(e)}`);
  }
  const existing = lstatOrUndefined(file);
  if (existing?.isSymbolicLink()) {
    throw new OutputFileError(target, `refusing to write ${target}: it is a symbolic link (remove it, or choose another output file)`);
  }
  if (existing && options.exclusive) throw new OutputFileError(target, `${target} already exists`);
  if (existing && !existing.isFile()) throw new OutputFileError(target, `refusing to write ${target}: it is not a regular file`);
  if (existing && options.inputs?.length && isOneOf(file, options.inputs)) {
    throw new OutputFileError(target, `refusing to write ${target}: it is one of the input files`);
  }
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (options.append) return appendNoFollow(target, file, bytes, options.mode);

  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // 'wx': O_CREAT|O_EXCL, which never follows a symlink planted at the temporary name.
    fd = fs.openSync(tmp, 'wx', options.mode ?? 0o666);
    writeAll(fd, bytes);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    if (options.exclusive) {
      // link(2) fails with EEXIST when the name exists in any form: the exclusive create is atomic.
      fs.linkSync(tmp, file);
      fs.unlinkSync(tmp);
    } else {
      fs.renameSync(tmp, file);
    }
  } catch (e) {
    if (fd !== undefined) closeQuietly(fd);
    unlinkQuietly(tmp);
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && options.exclusive) throw new OutputFileError(target, `${target} already exists`);
    throw new OutputFileError(target, `cannot write ${target}: ${reason(e)}`);
  }
}

function appendNoFollow(target: string, file: string, bytes: Uint8Array, mode: number | undefined): void {
  const { O_WRONLY, O_APPEND, O_CREAT, O_NOFOLLOW, O_NONBLOCK } = fs.constants;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, O_WRONLY | O_APPEND | O_CREAT | (O_NOFOLLOW ?? 0) | (O_NONBLOCK ?? 0), mode ?? 0o666);
    if (!fs.fstatSync(fd).isFile()) throw new OutputFileError(target, `refusing to write ${target}: it is not a regular file`);
    writeAll(fd, bytes);
  } catch (e) {
    if (e instanceof OutputFileError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new OutputFileError(target, `refusing to write ${target}: it is a symbolic link (remove it, or choose another output file)`);
    }
    throw new OutputFileError(target, `cannot write ${target}: ${reason(e)}`);
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += fs.writeSync(fd, bytes, off, bytes.length - off);
}

function isOneOf(file: string, inputs: readonly string[]): boolean {
  const real = realOrSelf(file);
  return inputs.some((i) => realOrSelf(path.resolve(i)) === real);
}

/** `dir` is inside `root` as written but its real path (symlinks resolved) is not inside root's. */
function escapesThroughLink(root: string, dir: string): boolean {
  const inside = (base: string, p: string) => {
    const r = path.relative(base, p);
    return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
  };
  if (!inside(root, dir)) return false;
  // The nearest folder that exists, resolved; the missing rest is created under it.
  let existing = dir;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return !inside(realOrSelf(root), path.join(realOrSelf(existing), path.relative(existing, dir)));
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    /* already closed */
  }
}

function unlinkQuietly(p: string): void {
  try {
    fs.unlinkSync(p);
  } catch {
    /* not there */
  }
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}${err.syscall ? ` (${err.syscall})` : ''}` : String(err.message ?? err);
}
