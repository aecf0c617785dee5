/**
 * The one search for Markdown files, shared by `nianbao check` (directories on the command line,
 * glob results) and the language server's workspace search (`server/workspace-reports.ts`).
 *
 * Skipped: dot directories, `node_modules`, `dist`, `out`, and whatever a `.gitignore` or
 * `.nianbaoignore` (gitignore syntax, read by the `ignore` package) says. The ignore files are
 * read in every directory from the top (`IgnoreRules.top`) down to the file: deeper files
 * override shallower ones, as in git, and a path is always matched relative to the directory of
 * the ignore file. The only module under `shell/` that reads the disk (directories and ignore
 * files), so the CLI and the server search the same way.
 *
 * Symbolic links are never followed (a workspace cannot lead the search out of itself or round
 * a loop); a Markdown name that is a directory, a FIFO, a device or a socket is no report and is
 * not searched (told to `onNotRegular`); a subdirectory that cannot be read is told to
 * `onUnreadable` and the walk goes on.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { readRegularFileSync } from './read-regular-file.js';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { ignoreFileLines, usablePatterns } from './ignore-patterns.js';

/** Directories never searched (besides dot directories). */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

/** The ignore files read in each directory, in this order (later rules win). */
export const IGNORE_FILES: readonly string[] = ['.gitignore', '.nianbaoignore'];

/** Larger ignore files are not read (no real one comes near). */
const IGNORE_FILE_MAX_BYTES = 1024 * 1024;

/** Whether a file name is a Markdown file's. */
export function isMarkdownName(name: string): boolean {
  return /\.(md|markdown)$/i.test(name);
}

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
  return isInside(absolute, base) ? base : absolute;
}

function isInside(path: string, directory: string): boolean {
  const rel = relative(directory, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** A pattern of an ignore file that is not used, told to whoever reads the rules. */
export type IgnoreFileProblem = (file: string, line: number, message: string) => void;

/**
 * The gitignore rules of a tree: the ignore files of every directory from `top` down. A pattern
 * that is too long or does not compile is left out and told to `onProblem` (issue 18).
 */
export class IgnoreRules {
  private readonly cache = new Map<string, Ignore | null>();
  /** The top directory, absolute. */
  readonly top: string;

  constructor(
    top: string,
    private readonly onProblem?: IgnoreFileProblem,
  ) {
    this.top = resolve(top);
  }

  private rulesOf(directory: string): Ignore | null {
    let rules = this.cache.get(directory);
    if (rules !== undefined) return rules;
    rules = null;
    for (const name of IGNORE_FILES) {
      // An ignore file that is a FIFO or a device must not block the walk.
      const read = readRegularFileSync(join(directory, name), IGNORE_FILE_MAX_BYTES);
      if (!read.ok) continue;
      const usable = usablePatterns(ignoreFileLines(read.data.toString('utf8')));
      for (const problem of usable.problems) this.onProblem?.(join(directory, name), problem.line, problem.message);
      rules ??= ignore();
      rules.add(usable.patterns);
    }
    this.cache.set(directory, rules);
    return rules;
  }

  /** Whether the ignore files in the directories above it, up to the top, ignore this entry itself. */
  private ignoresEntry(path: string, isDirectory: boolean): boolean {
    const parent = dirname(path);
    const chain: string[] = [];
    for (let directory = parent; ; directory = dirname(directory)) {
      chain.unshift(directory);
      if (directory === this.top || dirname(directory) === directory) break;
    }
    let ignored = false;
    for (const directory of chain) {
      const rules = this.rulesOf(directory);
      if (!rules) continue;
      const rel = relative(directory, path).split(sep).join('/') + (isDirectory ? '/' : '');
      const verdict = rules.test(rel);
      if (verdict.ignored) ignored = true;
      else if (verdict.unignored) ignored = false;
    }
    return ignored;
  }

  /**
   * Whether a path under the top is ignored: it is itself, or a directory between the top and
   * it is (git never looks inside an ignored directory). A path outside the top is not ignored.
   */
  ignores(path: string, isDirectory = false): boolean {
    const absolute = resolve(path);
    if (!isInside(absolute, this.top) || absolute === this.top) return false;
    const parts = relative(this.top, absolute).split(sep);
    let current = this.top;
    for (let i = 0; i < parts.length; i++) {
      current = join(current, parts[i]!);
      const last = i === parts.length - 1;
      if (this.ignoresEntry(current, last ? isDirectory : true)) return true;
    }
    return false;
  }

  /** Whether a walk under the top skips this entry: only the entry itself is tested (its parents were when the walk entered them). */
  skips(path: string, isDirectory: boolean): boolean {
    return this.ignoresEntry(resolve(path), isDirectory);
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
        if (isMarkdownName(entry.name)) {
          // Its name says it is a report file; searching it would surprise more than help.
          if (!options.ignore?.skips(path, true)) options.onNotRegular?.(path, 'directory');
          continue;
        }
        if (options.ignore?.skips(path, true)) {
          options.onIgnored?.(path);
          continue;
        }
        visit(path, depth + 1, false);
      } else if (entry.isFile() && isMarkdownName(entry.name)) {
        if (options.ignore?.skips(path, false)) {
          options.onIgnored?.(path);
          continue;
        }
        found.push(path);
      } else if (isMarkdownName(entry.name)) {
        const what = specialKind(entry);
        if (what && !options.ignore?.skips(path, false)) options.onNotRegular?.(path, what);
      }
    }
  };
  visit(directory, 0, true);
  return found;
}
