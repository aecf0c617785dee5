/**
 * `--fix` replaces a file only while it still holds, byte for byte, what was read (issue 18).
 * Checking the inode is not enough: an in-place save (VS Code's default, `echo >>`, most editors)
 * keeps it. The check runs as late as the platform allows, around the one atomic step:
 *
 * 1. the fixed text is written to a temporary file beside the target and flushed (atomic-write.ts);
 * 2. the target is opened and read through: the same file as read, the same bytes, else refused;
 * 3. just before the rename: still that file at the path (not renamed over by a save) and
 *    unchanged since step 2 (size and time stamp of the open descriptor);
 * 4. rename; the replaced file stays open;
 * 5. right after, and once more when the whole run has written (`settle`): the replaced file
 *    still holds the bytes read. A save that wrote into it between step 2 and the rename (it
 *    opened the file before the rename) is caught here and put back: the target gets that
 *    content again, so the edit is kept and the fix is not applied. Should the target have been
 *    changed again meanwhile, the caught content goes to a file beside it instead of over it.
 *
 * POSIX has no compare-and-swap on file contents: what remains is a save renamed over the path
 * in the microseconds between step 3 and the rename, and a writer still writing into the
 * replaced file after the run ends.
 */
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { prepareReplacement, removeQuietly, renameInto, resolveTarget, WriteRefusal, type AtomicFs, type WriteOptions } from './atomic-write.js';

/** A file replaced by {@link replaceIfUnchanged}: the replaced content is held open until settled. */
export interface Replacement {
  /**
   * Checks once more that the replaced file still holds what was read, puts an edit made into
   * it back, and lets it go. A refusal says what happened (nothing lost); undefined: the fix stands.
   */
  settle(): WriteRefusal | undefined;
}

const READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0);

function changedRefusal(): WriteRefusal {
  return new WriteRefusal('changed', '在检查期间被修改（内容与读取时不同），未写入修复，修改保留（可重新运行 --fix）', 'was changed while it was checked (its content differs from what was read); the fixes were not written and the change is kept (run --fix again)');
}

function replacedRefusal(): WriteRefusal {
  return new WriteRefusal('replaced', '在检查期间被另一个文件替换，未写入', 'was replaced by another file while it was checked; not written');
}

/** All bytes of an open file from its start, or undefined when it holds more than `limit`. */
function readAll(fd: number, files: AtomicFs, limit: number): Buffer | undefined {
  const size = files.fstatSync(fd).size;
  if (size > limit) return undefined;
  let buffer = Buffer.alloc(Math.max(size, 4096) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) return undefined;
      const larger = Buffer.alloc(buffer.length * 2);
      buffer.copy(larger);
      buffer = larger;
    }
    const n = files.readSync(fd, buffer, length, buffer.length - length, length);
    if (n === 0) break;
    length += n;
  }
  return length > limit ? undefined : buffer.subarray(0, length);
}

/** Whether an open file holds exactly `expected`. */
function holds(fd: number, expected: Uint8Array, files: AtomicFs): boolean {
  const now = readAll(fd, files, expected.length);
  return now !== undefined && Buffer.compare(now, expected) === 0;
}

function sameFile(a: fs.Stats, b: fs.Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** Whether a path holds exactly `expected` (the fixed text this run wrote there). */
function pathHolds(path: string, expected: Uint8Array, files: AtomicFs): boolean {
  let fd: number;
  try {
    fd = files.openSync(path, READ_FLAGS);
  } catch {
    return false;
  }
  try {
    return files.fstatSync(fd).isFile() && holds(fd, expected, files);
  } finally {
    files.closeSync(fd);
  }
}

/**
 * The replaced file was edited after it was compared: its content goes back to the target (or
 * beside it, when the target changed too). Returns the refusal that tells the user.
 */
function putBack(target: string, held: number, written: Uint8Array, files: AtomicFs): WriteRefusal {
  const edited = readAll(held, files, Number.MAX_SAFE_INTEGER) ?? Buffer.alloc(0);
  const stats = files.fstatSync(held);
  if (pathHolds(target, written, files)) {
    renameInto(prepareReplacement(target, stats, edited, files), target, files);
    return new WriteRefusal('changed', '在写入修复的同时被修改：已恢复为修改后的内容，修复未应用（可重新运行 --fix）', 'was changed while its fixes were written: the changed content is back in place and the fixes were not applied (run --fix again)');
  }
  const aside = join(dirname(target), `${basename(target)}.nianbao-kept-${randomBytes(4).toString('hex')}`);
  renameInto(prepareReplacement(aside, stats, edited, files), aside, files);
  return new WriteRefusal(
    'changed',
    `在写入修复的同时被修改了两次：文件保留最后一次修改，较早的一次修改另存为“${basename(aside)}”，请核对后合并`,
    `was changed twice while its fixes were written: the file keeps the last change; the earlier one was saved as “${basename(aside)}” — compare and merge them`,
  );
}

/**
 * Whether a file may be renamed over while this process holds it open: not on Windows, whose
 * rename fails then, so there the checks end just before the rename (steps 4–5 are skipped).
 */
const RENAME_OVER_OPEN = process.platform !== 'win32';

/**
 * Replaces `path` with `data` if it still holds exactly `expected` (the bytes read), atomically;
 * throws a `WriteRefusal` (nothing written) when it does not or cannot be replaced safely. The
 * caller settles the returned replacement once its run has written everything.
 */
export function replaceIfUnchanged(
  path: string,
  data: Uint8Array,
  expected: Uint8Array,
  options: WriteOptions = {},
  files: AtomicFs = fs,
  renameOverOpen: boolean = RENAME_OVER_OPEN,
): Replacement {
  const { target, stats } = resolveTarget(path, files, options);
  if (!stats) throw new WriteRefusal('changed', '在检查期间被删除或移走，未写入', 'was deleted or moved away while it was checked; not written');
  if (!stats.isFile()) throw new WriteRefusal('not-regular', '不是普通文件，未写入', 'is not a regular file; not written');
  const temporary = prepareReplacement(target, stats, data, files);
  let held: number | undefined;
  try {
    held = files.openSync(target, READ_FLAGS);
    const compared = files.fstatSync(held);
    if (!sameFile(compared, stats)) throw replacedRefusal();
    if (!holds(held, expected, files)) throw changedRefusal();
    // The last look before the rename: still this file at the path, and untouched since the comparison.
    const now = files.fstatSync(held);
    if (now.size !== compared.size || now.mtimeMs !== compared.mtimeMs) throw changedRefusal();
    if (!sameFile(files.lstatSync(target), compared)) throw replacedRefusal();
    if (!renameOverOpen) {
      // Windows refuses to rename over a file that is open (EPERM): the last look is the one above.
      files.closeSync(held);
      held = undefined;
    }
  } catch (error) {
    removeQuietly(temporary, files);
    if (held !== undefined) files.closeSync(held);
    throw error;
  }
  try {
    renameInto(temporary, target, files);
  } catch (error) {
    if (held !== undefined) files.closeSync(held);
    throw error;
  }
  if (held === undefined) return { settle: () => undefined };
  const fd = held;
  const check = (): WriteRefusal | undefined => (holds(fd, expected, files) ? undefined : putBack(target, fd, data, files));
  // An in-place save that slipped in before the rename is caught now, not only at the end of the run.
  let early: WriteRefusal | undefined;
  try {
    early = check();
  } catch (error) {
    files.closeSync(fd);
    throw error;
  }
  if (early) {
    files.closeSync(fd);
    throw early;
  }
  let open = true;
  return {
    settle() {
      if (!open) return undefined;
      open = false;
      try {
        return check();
      } finally {
        files.closeSync(fd);
      }
    },
  };
}
