/**
 * Replacing a file without ever leaving it half-written (`--fix`, `-o FILE`): the bytes go to a
 * temporary file beside it, created exclusively (O_EXCL) under a random name, flushed to the
 * disk (fsync), then renamed over the target. On any failure the temporary file is removed and
 * the target is as it was. The file functions can be replaced, so a test can make a step fail.
 */
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** The file functions a write uses. */
export type AtomicFs = Pick<typeof fs, 'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'chmodSync' | 'renameSync' | 'unlinkSync' | 'statSync'>;

/** Writes `data` to `path` atomically, keeping the permissions of an existing file. */
export function writeAtomically(path: string, data: Uint8Array, files: AtomicFs = fs): void {
  let mode: number | undefined;
  try {
    mode = files.statSync(path).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temporary = join(dirname(path), `.${basename(path)}.nianbao-${randomBytes(8).toString('hex')}.tmp`);
  // 'wx': O_CREAT | O_EXCL, so an existing file (or a link planted under the name) is never written through.
  const fd = files.openSync(temporary, 'wx', 0o600);
  let renamed = false;
  try {
    try {
      let written = 0;
      while (written < data.length) written += files.writeSync(fd, data, written, data.length - written);
      files.fsyncSync(fd);
    } finally {
      files.closeSync(fd);
    }
    files.chmodSync(temporary, mode ?? 0o666 & ~process.umask());
    files.renameSync(temporary, path);
    renamed = true;
  } finally {
    if (!renamed) {
      try {
        files.unlinkSync(temporary);
      } catch {
        // Already gone.
      }
    }
  }
  // The rename itself reaches the disk with the directory; not every system can fsync one.
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
