/**
 * Replacing a file without ever leaving it half-written (`--fix`, `-o FILE`, `nianbao export`,
 * and new files of `nianbao import` and `nianbao next`): the bytes go to a
 * temporary file beside it, created exclusively (O_EXCL, O_NOFOLLOW) under a random name, flushed
 * to the disk (fsync), then renamed over the target. On any failure the temporary file is removed
 * and the target is as it was. The file functions can be replaced, so a test can make a step fail.
 *
 * What the rename would lose is kept or refused first (issue 14): a symbolic link is written
 * through to its real target (the link stays a link), the mode and the owner are copied to the
 * temporary file (as root with fchown), a read-only file is refused unless asked for, and a file
 * with more than one hard link is refused, since a rename would split it from its other names
 * and writing it in place would lose the guarantee that a kill leaves it original or fixed.
 */
import * as fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** The file functions a write uses. */
export type AtomicFs = Pick<
  typeof fs,
  'openSync' | 'writeSync' | 'fsyncSync' | 'closeSync' | 'chmodSync' | 'renameSync' | 'unlinkSync' | 'statSync' | 'lstatSync' | 'realpathSync' | 'fchownSync' | 'accessSync' | 'readSync' | 'fstatSync'
>;

/** Why a write was refused before anything was written. */
export type WriteRefusalKind = 'read-only' | 'hard-links' | 'symlink' | 'dangling-link' | 'loop' | 'not-regular' | 'owner' | 'replaced' | 'changed' | 'exists';

/** A write refused before anything was written, with its reason in both languages. */
export class WriteRefusal extends Error {
  /** Why. */
  readonly kind: WriteRefusalKind;
  /** The reason in Chinese. */
  readonly zh: string;

  constructor(kind: WriteRefusalKind, zh: string, en: string) {
    super(en);
    this.kind = kind;
    this.zh = zh;
  }
}

/** How a write may treat what is already at the path. */
export interface WriteOptions {
  /** Write a file the user has no write permission for (`--fix-read-only`). */
  readonly allowReadOnly?: boolean;
  /** Write through a symbolic link to its target (default true); false refuses a link. */
  readonly followLinks?: boolean;
  /** The file as it was read: a different file at the path now is refused, never overwritten. */
  readonly expected?: { readonly dev: number; readonly ino: number };
  /** A device or FIFO at the path (`-o /dev/null`) is written into directly instead of refused. */
  readonly writeSpecial?: boolean;
}

/** The reason of a failed write in the user's language. */
export function describeWriteError(error: unknown, language: 'zh' | 'en'): string {
  if (error instanceof WriteRefusal) return language === 'zh' ? error.zh : error.message;
  return (error as Error).message;
}

// O_EXCL already refuses any existing name, a planted link included; O_NOFOLLOW says so twice
// where it exists (not on Windows).
const TEMPORARY_FLAGS = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | (fs.constants.O_NOFOLLOW ?? 0);

/** A complete, flushed temporary copy of `data` beside `path`, created exclusively under a random name. */
export function writeTemporary(path: string, data: Uint8Array, files: AtomicFs, owner?: { uid: number; gid: number }): string {
  const temporary = join(dirname(path), `.${basename(path)}.nianbao-${randomBytes(8).toString('hex')}.tmp`);
  const fd = files.openSync(temporary, TEMPORARY_FLAGS, 0o600);
  try {
    try {
      let written = 0;
      while (written < data.length) written += files.writeSync(fd, data, written, data.length - written);
      if (owner) files.fchownSync(fd, owner.uid, owner.gid);
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

/** Removes a file, if it is still there. */
export function removeQuietly(path: string, files: AtomicFs): void {
  try {
    files.unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** The rename itself reaches the disk with the directory; not every system can fsync one. */
export function syncDirectory(path: string): void {
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

const isRoot = (): boolean => process.getuid?.() === 0;

/** Whether the user may write the file: root may write anything with a write bit set, as `test -w` would not tell. */
function writable(path: string, stats: fs.Stats, files: AtomicFs): boolean {
  if (isRoot()) return (stats.mode & 0o222) !== 0;
  try {
    files.accessSync(path, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The real file a write of `path` replaces and what it is now (undefined: no file yet), or a
 * refusal when replacing it would lose something.
 */
export function resolveTarget(path: string, files: AtomicFs, options: WriteOptions): { target: string; stats: fs.Stats | undefined } {
  let link: fs.Stats;
  try {
    link = files.lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { target: path, stats: undefined };
    throw error;
  }
  let target = path;
  let stats = link;
  if (link.isSymbolicLink()) {
    if (options.followLinks === false) {
      throw new WriteRefusal('symlink', '是符号链接，且不是在命令行上直接指定的，未写入（直接指定它才会修复其目标）', 'is a symbolic link not named on the command line; not written (name it to fix its target)');
    }
    try {
      target = files.realpathSync(path);
      stats = files.statSync(target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw new WriteRefusal('loop', '符号链接形成循环，未写入', 'is a symbolic link loop; not written');
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new WriteRefusal('dangling-link', '是指向不存在文件的符号链接，未写入', 'is a symbolic link to nothing; not written');
      throw error;
    }
  }
  if (options.expected && (stats.dev !== options.expected.dev || stats.ino !== options.expected.ino)) {
    throw new WriteRefusal('replaced', '在检查期间被另一个文件替换，未写入', 'was replaced by another file while it was checked; not written');
  }
  if (!stats.isFile()) {
    if (stats.isDirectory() || !options.writeSpecial) throw new WriteRefusal('not-regular', '不是普通文件，未写入', 'is not a regular file; not written');
    return { target, stats };
  }
  if (!options.allowReadOnly && !writable(target, stats, files)) {
    throw new WriteRefusal('read-only', '是只读文件，未写入（加 --fix-read-only 仍然修复）', 'is read-only; not written (add --fix-read-only to fix it anyway)');
  }
  if (stats.nlink > 1) {
    throw new WriteRefusal(
      'hard-links',
      `有 ${stats.nlink} 个硬链接，替换它会断开其他链接，未写入（可用 --fix-dry-run 查看修改后手动修改）`,
      `has ${stats.nlink} hard links, which replacing it would break; not written (--fix-dry-run shows the changes to make by hand)`,
    );
  }
  return { target, stats };
}

/**
 * Writes `data` to `path` atomically, keeping the mode and owner of an existing file and writing
 * through a symbolic link; throws a `WriteRefusal` (nothing written) where that cannot be kept.
 */
export function writeAtomically(path: string, data: Uint8Array | string, files: AtomicFs = fs, options: WriteOptions = {}): void {
  const { target, stats } = resolveTarget(path, files, options);
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  if (stats && !stats.isFile()) {
    // A device or FIFO named as the output (-o /dev/null) takes the bytes as a shell redirection would.
    fs.writeFileSync(target, bytes);
    return;
  }
  renameInto(prepareReplacement(target, stats, bytes, files), target, files);
}

/** The last step of a replacement: the temporary file renamed over `target` (removed if that fails), the directory flushed. */
export function renameInto(temporary: string, target: string, files: AtomicFs): void {
  try {
    files.renameSync(temporary, target);
  } catch (error) {
    removeQuietly(temporary, files);
    throw error;
  }
  syncDirectory(target);
}

/**
 * The complete, flushed temporary file that is to replace `target` (as `stats` describes it, or
 * a new file), with its mode and owner; renaming it over `target` is the caller's last step.
 */
export function prepareReplacement(target: string, stats: fs.Stats | undefined, bytes: Uint8Array, files: AtomicFs): string {
  let owner: { uid: number; gid: number } | undefined;
  if (stats && (stats.uid !== (process.getuid?.() ?? stats.uid) || stats.gid !== (process.getgid?.() ?? stats.gid))) owner = { uid: stats.uid, gid: stats.gid };
  let temporary: string;
  try {
    temporary = writeTemporary(target, bytes, files, owner);
  } catch (error) {
    if (owner && (error as NodeJS.ErrnoException).code === 'EPERM') {
      throw new WriteRefusal('owner', '属于另一个用户，替换它会改变文件所有者，未写入', 'belongs to another user, which replacing it would change; not written');
    }
    throw error;
  }
  try {
    // After the chown, which clears set-user-ID bits.
    files.chmodSync(temporary, stats ? stats.mode & 0o7777 : 0o666 & ~process.umask());
  } catch (error) {
    removeQuietly(temporary, files);
    throw error;
  }
  return temporary;
}

/**
 * Writes a new file (`nianbao import`, `nianbao next`, `nianbao export`): atomically, and never
 * over an existing file unless `overwrite`. Without it the complete copy is hard-linked into
 * place, which fails with EEXIST when the name is taken (a symbolic link there too, even a
 * dangling one), even by a file that appeared after any check; a file system without hard links
 * falls back to a rename after checking the name is free. With it, `options` say how to treat
 * what is there (`followLinks: false`: never through a link the user did not name).
 */
export function writeNewFile(path: string, data: Uint8Array | string, overwrite: boolean, options: WriteOptions = {}): void {
  if (overwrite) {
    writeAtomically(path, data, fs, options);
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
      if (fs.existsSync(path) || isLink(path)) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
      fs.renameSync(temporary, path);
    }
  } finally {
    removeQuietly(temporary, fs);
  }
  syncDirectory(path);
}

function isLink(path: string): boolean {
  try {
    return fs.lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
