/**
 * The one search for Markdown files, shared by `nianbao check` (directories on the command line,
 * glob results) and the language server's workspace search (`server/workspace-reports.ts`).
 *
 * Skipped: dot directories, `node_modules`, `dist`, `out`, and whatever a `.gitignore` or
 * `.nianbaoignore` says (`ignore-rules.ts`, whose rules the browser's language server applies to
 * the files the client finds). Here the ignore files are read from disk, in every directory from
 * the top (`IgnoreRules.top`) down to the file. With `config.ts`, the only modules under `shell/`
 * that read the disk, so the CLI and the Node server search the same way.
 *
 * Symbolic links are never followed (a workspace cannot lead the search out of itself or round
 * a loop); a Markdown name that is a directory, a FIFO, a device or a socket is no report and is
 * not searched (told to `onNotRegular`); a subdirectory that cannot be read is told to
 * `onUnreadable` and the walk goes on.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { readRegularFileSync } from './read-regular-file.js';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { IGNORE_FILE_MAX_BYTES, isInside, isMarkdownName, SKIPPED_DIRECTORIES, TreeIgnoreRules, type IgnoreFileProblem, type TreePaths } from './ignore-rules.js';

export { IGNORE_FILES, isMarkdownName, SKIPPED_DIRECTORIES, type IgnoreFileProblem } from './ignore-rules.js';

/** On disk: Node's path functions, the files read the one safe way (a FIFO or a device by an ignore file's name must not block the walk). */
const DISK: TreePaths = { resolve, dirname, join, relative: (from, to) => relative(from, to).split(sep).join('/'), isAbsolute };

/** The nearest directory at or above `start` that holds `.git` (a directory or a worktree file). */
export function gitRoot(start: string): string | undefined {
  let directory = resolve(start);
  for (;;) {
    try {
      statSync(join(directory, '.git'));
      return directory;
    } catch {
      // not here
    }
    const parent = dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/**
 * Where the ignore files above a path stop being read: the git root of `start` if there is one,
 * else `fallback` (the CLI's working directory) when `start` is inside it, else `start` itself.
 */
export function ignoreTop(start: string, fallback: string): string {
  const absolute = resolve(start);
  const root = gitRoot(absolute);
  if (root !== undefined) return root;
  const base = resolve(fallback);
  return isInside(absolute, base, DISK) ? base : absolute;
}

function readIgnoreFile(path: string): string | undefined {
  const read = readRegularFileSync(path, IGNORE_FILE_MAX_BYTES);
  return read.ok ? read.data.toString('utf8') : undefined;
}

/**
 * The gitignore rules of a tree on disk: the ignore files of every directory from `top` down. A
 * pattern that is too long or does not compile is left out and told to `onProblem` (issue 18).
 */
export class IgnoreRules extends TreeIgnoreRules {
  constructor(top: string, onProblem?: IgnoreFileProblem) {
    super(top, DISK, readIgnoreFile, onProblem);
  }
}

/** How a walk searches. */
export interface WalkOptions {
  /** The ignore rules; absent: no ignore file is read. */
  readonly ignore?: IgnoreRules;
  /** Directories below the start searched at most (default: no limit). */
  readonly maxDepth?: number;
  /** Files found at most (default: no limit). */
  readonly maxFiles?: number;
  /** Told of each Markdown file or directory the ignore rules skip. */
  readonly onIgnored?: (path: string) => void;
  /** Told of each subdirectory that cannot be read (the walk goes on without it). */
  readonly onUnreadable?: (path: string, error: NodeJS.ErrnoException) => void;
  /** Told of each other regular file (not a dot file, not ignored): `nianbao check` lists them as skipped. */
  readonly onOther?: (path: string) => void;
  /** Which file names are wanted (default: Markdown names); `nianbao check` also wants Word files, pages, PDFs and pasted text. */
  readonly match?: (name: string) => boolean;
  /** Told of each entry with a Markdown name that is no regular file (not searched, not returned). */
  readonly onNotRegular?: (path: string, what: 'directory' | 'fifo' | 'device' | 'socket') => void;
}

function specialKind(entry: Dirent): 'fifo' | 'device' | 'socket' | undefined {
  if (entry.isFIFO()) return 'fifo';
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return 'device';
  if (entry.isSocket()) return 'socket';
  return undefined;
}

/**
 * The Markdown files under `directory`, sorted by name in each directory, directories after
 * the walk entered them. Throws if `directory` itself cannot be read; a subdirectory that
 * cannot be read is passed over (and told to `onUnreadable`).
 */
export function walkMarkdown(directory: string, options: WalkOptions = {}): string[] {
  const found: string[] = [];
  const maxDepth = options.maxDepth ?? Infinity;
  const maxFiles = options.maxFiles ?? Infinity;
  const wanted = options.match ?? isMarkdownName;
  const visit = (current: string, depth: number, top: boolean): void => {
    if (depth > maxDepth || found.length >= maxFiles) return;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      if (top) throw error;
      options.onUnreadable?.(current, error as NodeJS.ErrnoException);
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (found.length >= maxFiles) return;
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_DIRECTORIES.has(entry.name) || entry.name.startsWith('.')) continue;
        if (wanted(entry.name)) {
          // Its name says it is a report file; searching it would surprise more than help.
          if (!options.ignore?.skips(path, true)) options.onNotRegular?.(path, 'directory');
          continue;
        }
        if (options.ignore?.skips(path, true)) {
          options.onIgnored?.(path);
          continue;
        }
        visit(path, depth + 1, false);
      } else if (entry.isFile() && wanted(entry.name)) {
        if (options.ignore?.skips(path, false)) {
          options.onIgnored?.(path);
          continue;
        }
        found.push(path);
      } else if (entry.isFile() && options.onOther && !entry.name.startsWith('.') && !options.ignore?.skips(path, false)) {
        options.onOther(path);
      } else if (wanted(entry.name)) {
        const what = specialKind(entry);
        if (what && !options.ignore?.skips(path, false)) options.onNotRegular?.(path, what);
      }
    }
  };
  visit(directory, 0, true);
  return found;
}
