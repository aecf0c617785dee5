/**
 * Which Markdown files a search for reports skips: dot directories, `node_modules`, `dist`, `out`,
 * and whatever a `.gitignore` or `.nianbaoignore` (gitignore syntax, read by the `ignore` package)
 * says, read in every directory from the top down to the file (deeper files override shallower
 * ones, as in git, and a path is matched relative to the directory of the ignore file). The rules
 * read no disk: `walk.ts` gives them Node's paths and its safe reader, the browser's language
 * server the '/' paths of the workspace's URIs and the ignore files the client read.
 */
import ignore, { type Ignore } from 'ignore';
import { ignoreFileLines, usablePatterns } from './ignore-patterns.js';

/** Directories never searched (besides dot directories). */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

/** The ignore files read in each directory, in this order (later rules win). */
export const IGNORE_FILES: readonly string[] = ['.gitignore', '.nianbaoignore'];

/** Larger ignore files are not read (no real one comes near). */
export const IGNORE_FILE_MAX_BYTES = 1024 * 1024;

/** Whether a file name is a Markdown file's. */
export function isMarkdownName(name: string): boolean {
  return /\.(md|markdown)$/i.test(name);
}

/** The path functions the rules use, on absolute paths of one kind (`relative` answers with `/`). */
export interface TreePaths {
  resolve(path: string): string;
  dirname(path: string): string;
  join(directory: string, name: string): string;
  relative(from: string, to: string): string;
  isAbsolute(path: string): boolean;
}

/** Whether `path` is `directory` or inside it. */
export function isInside(path: string, directory: string, paths: TreePaths): boolean {
  const rel = paths.relative(directory, path);
  return rel === '' || (!rel.startsWith('..') && !paths.isAbsolute(rel));
}

/** A pattern of an ignore file that is not used, told to whoever reads the rules. */
export type IgnoreFileProblem = (file: string, line: number, message: string) => void;

/**
 * The gitignore rules of a tree: the ignore files of every directory from `top` down, read by
 * `read` (undefined: no such file). A pattern that is too long or does not compile is left out
 * and told to `onProblem` (issue 18).
 */
export class TreeIgnoreRules {
  private readonly cache = new Map<string, Ignore | null>();
  /** The top directory, absolute. */
  readonly top: string;

  constructor(
    top: string,
    private readonly paths: TreePaths,
    private readonly read: (path: string) => string | undefined,
    private readonly onProblem?: IgnoreFileProblem,
  ) {
    this.top = paths.resolve(top);
  }

  private rulesOf(directory: string): Ignore | null {
    let rules = this.cache.get(directory);
    if (rules !== undefined) return rules;
    rules = null;
    for (const name of IGNORE_FILES) {
      const path = this.paths.join(directory, name);
      const text = this.read(path);
      if (text === undefined) continue;
      const usable = usablePatterns(ignoreFileLines(text));
      for (const problem of usable.problems) this.onProblem?.(path, problem.line, problem.message);
      rules ??= ignore();
      rules.add(usable.patterns);
    }
    this.cache.set(directory, rules);
    return rules;
  }

  /** Whether the ignore files in the directories above it, up to the top, ignore this entry itself. */
  private ignoresEntry(path: string, isDirectory: boolean): boolean {
    const { dirname } = this.paths;
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
      const rel = this.paths.relative(directory, path) + (isDirectory ? '/' : '');
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
    const absolute = this.paths.resolve(path);
    if (!isInside(absolute, this.top, this.paths) || absolute === this.top) return false;
    const parts = this.paths.relative(this.top, absolute).split('/');
    let current = this.top;
    for (let i = 0; i < parts.length; i++) {
      current = this.paths.join(current, parts[i]!);
      const last = i === parts.length - 1;
      if (this.ignoresEntry(current, last ? isDirectory : true)) return true;
    }
    return false;
  }

  /** Whether a walk under the top skips this entry: only the entry itself is tested (its parents were when the walk entered them). */
  skips(path: string, isDirectory: boolean): boolean {
    return this.ignoresEntry(this.paths.resolve(path), isDirectory);
  }
}

