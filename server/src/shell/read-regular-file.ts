/**
 * Reads a report file from disk the one safe way, for the CLI, the language server's workspace
 * search and its file watcher (issue 14): only a regular file, and only up to a size cap. The
 * file is opened without blocking (a FIFO would otherwise wait for a writer forever), then its
 * open descriptor is checked, so a path swapped between a check and the open cannot slip a
 * device or a FIFO past the check; the read stops one byte past the cap (`/dev/zero` behind a
 * symlink is no regular file, and a file that grows while read is still bounded).
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { DEFAULT_MAX_FILE_BYTES, type ReadRefusal } from './read-refusal.js';

export { DEFAULT_MAX_FILE_BYTES, describeRefusal, type ReadRefusal } from './read-refusal.js';

/** The bytes of a regular file, or why it was not read. */
export type ReadResult =
  | { readonly ok: true; readonly data: Buffer; readonly stats: Stats }
  | { readonly ok: false; readonly refusal: ReadRefusal };

// O_NONBLOCK keeps open() of a FIFO from waiting for a writer; it does not change reads of a
// regular file. Windows has neither the flag nor FIFOs.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function kindOf(stats: Stats): ReadRefusal | undefined {
  if (stats.isFile()) return undefined;
  const what = stats.isDirectory() ? 'directory' : stats.isFIFO() ? 'fifo' : stats.isCharacterDevice() || stats.isBlockDevice() ? 'device' : stats.isSocket() ? 'socket' : 'other';
  return { kind: 'not-regular', what };
}

function refusalOf(error: unknown): ReadRefusal {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
  if (code === 'ELOOP') return { kind: 'loop' };
  if (code === 'EISDIR') return { kind: 'not-regular', what: 'directory' };
  if (code === 'ENXIO') return { kind: 'not-regular', what: 'socket' };
  return { kind: 'unreadable', detail: (error as Error).message };
}

// A file longer than its size said (it grew while read, or /proc reports 0) is read on to its
// end or one byte past the cap, never cut short at the size fstat gave.
function grown(buffer: Buffer, limit: number): Buffer {
  const larger = Buffer.alloc(Math.min(Math.max(buffer.length * 2, 64 * 1024), limit + 1));
  buffer.copy(larger);
  return larger;
}

function tooLarge(size: number, limit: number): ReadRefusal {
  return { kind: 'too-large', size, limit };
}

/** Why an opened file is not to be read, from its descriptor's stat; undefined when it is. */
function refusalBeforeRead(stats: Stats, limit: number, head: boolean): ReadRefusal | undefined {
  return kindOf(stats) ?? (!head && stats.size > limit ? tooLarge(stats.size, limit) : undefined);
}

/**
 * The bytes read so far, in a buffer sized from the stat that grows as a file turns out larger
 * (a file still being written, /proc) up to one byte past the cap.
 */
class Bytes {
  buffer: Buffer;
  length = 0;

  constructor(
    size: number,
    private readonly limit: number,
  ) {
    this.buffer = Buffer.alloc(Math.min(size, limit) + 1);
  }

  /** Counts `n` bytes read into the buffer; false once the file is read or the cap passed. */
  add(n: number): boolean {
    this.length += n;
    if (n === 0 || this.length > this.limit) return false;
    if (this.length === this.buffer.length) this.buffer = grown(this.buffer, this.limit);
    return true;
  }

  result(stats: Stats, head: boolean): ReadResult {
    if (this.length <= this.limit) return { ok: true, data: this.buffer.subarray(0, this.length), stats };
    return head ? { ok: true, data: this.buffer.subarray(0, this.limit), stats } : { ok: false, refusal: tooLarge(this.length, this.limit) };
  }
}

/**
 * Reads a regular file of at most `limit` bytes (the first `limit` bytes only, with
 * `head: true`: for a look at a file's beginning, a larger file is no refusal).
 */
export function readRegularFileSync(path: string, limit = DEFAULT_MAX_FILE_BYTES, head = false): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, refusal: refusalOf(error) };
  }
  try {
    const stats = fstatSync(fd);
    const refusal = refusalBeforeRead(stats, limit, head);
    if (refusal) return { ok: false, refusal };
    const bytes = new Bytes(stats.size, limit);
    while (bytes.add(readSync(fd, bytes.buffer, bytes.length, bytes.buffer.length - bytes.length, null)));
    return bytes.result(stats, head);
  } catch (error) {
    return { ok: false, refusal: refusalOf(error) };
  } finally {
    closeSync(fd);
  }
}

/** `readRegularFileSync`, without blocking the event loop: for the language server. */
export async function readRegularFile(path: string, limit = DEFAULT_MAX_FILE_BYTES, head = false): Promise<ReadResult> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, refusal: refusalOf(error) };
  }
  try {
    const stats = await handle.stat();
    const refusal = refusalBeforeRead(stats, limit, head);
    if (refusal) return { ok: false, refusal };
    const bytes = new Bytes(stats.size, limit);
    while (bytes.add((await handle.read(bytes.buffer, bytes.length, bytes.buffer.length - bytes.length, null)).bytesRead));
    return bytes.result(stats, head);
  } catch (error) {
    return { ok: false, refusal: refusalOf(error) };
  } finally {
    await handle.close();
  }
}
