/**
 * Replacing a file without ever leaving it half-written (`--fix`, `-o FILE`, `nianbao export`,
 * and new files of `nianbao import` and `nianbao next`): the bytes go to a
 * temporary file beside it, created exclusively (O_EXCL) under a random name, flushed to the
 * disk (fsync), then renamed over the target. On any failure the temporary file is removed and
 * the target is as it was. The file functions can be replaced, so a test can make a step fail.
 */
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** The file functions a write uses. */
export type AtomicFs = Pick<typeof fs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'chmodSync' | 'renameSync' | 'unlinkSync' | 'statSync'>;

/** A complete, flushed temporary copy of `data` beside `path`, created exclusively under a random name. */
function writeTemporary(path: string, data: Uint8Array, files: AtomicFs): string {
  const temporary = join(dirname(path), `.${basename(path)}.nianbao-${randomBytes(8).toString('hex')}.tmp`);
  // 'wx': O_CREAT | O_EXCL, so an existing file (or a link planted under the name) is never written through.
  const fd = files.openSync(temporary, 'wx', 0o600);
  try {
    try {
      let written = 0;
      while (written < data.length) written += files.writeSync(fd, data, written, data.length - written);
      files.fsyncSync(fd);
    } finally {
      files.closeSync(fd);
    }
  } catch (error) {
    removeQuietly(temporary, files);
    throw error;
  }
  return temporary;
}

function removeQuietly(path: string, files: AtomicFs): void {
  try {
    files.unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** The rename itself reaches the disk with the directory; not every system can fsync one. */
function syncDirectory(path: string): void {
  try {
    const directory = fs.openSync(dirname(path), 'r');
    try {
      fs.fsyncSync(directory);
    } finally {
      fs.closeSync(directory);
    }
  } catch {
    // Windows, or a file system that does not support it.
  }
}

/** Writes `data` to `path` atomically, keeping the permissions of an existing file. */
export function writeAtomically(path: string, data: Uint8Array | string, files: AtomicFs = fs): void {
  let mode: number | undefined;
  try {
    mode = files.statSync(path).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const temporary = writeTemporary(path, bytes, files);
  try {
    files.chmodSync(temporary, mode ?? 0o666 & ~process.umask());
    files.renameSync(temporary, path);
  } catch (error) {
    removeQuietly(temporary, files);
    throw error;
  }
  syncDirectory(path);
}

/**
 * Writes a new file (`nianbao import`, `nianbao next`): atomically, and never over an existing
 * file unless `overwrite`. Without it the complete copy is hard-linked into place, which fails
 * with EEXIST when the name is taken, even by a file that appeared after any check; a file
 * system without hard links falls back to a rename after checking the name is free.
 */
export function writeNewFile(path: string, data: Uint8Array | string, overwrite: boolean): void {
  if (overwrite) {
    writeAtomically(path, data);
    return;
  }
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const temporary = writeTemporary(path, bytes, fs);
  try {
    fs.chmodSync(temporary, 0o666 & ~process.umask());
    try {
      fs.linkSync(temporary, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
      if (fs.existsSync(path)) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
      fs.renameSync(temporary, path);
    }
  } finally {
    removeQuietly(temporary, fs);
  }
  syncDirectory(path);
}
