/**
 * Which files a CLI run checks: named files as they are; directories searched recursively for
 * Markdown files that are annual reports (others are skipped and listed with --verbose); an
 * argument with glob characters that is not an existing path expanded by tinyglobby, relative
 * to the working directory (matched files are treated like files found in a directory, matched
 * directories are searched). The directory search and glob results honour `.gitignore` and
 * `.nianbaoignore` (server/src/shell/walk.ts); a file named explicitly is always checked.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { decodeText, writesBackExactly, type TextEncoding } from '../shell/encoding.js';
import { IgnoreRules, ignoreTop, SKIPPED_DIRECTORIES, walkMarkdown } from '../shell/walk.js';

/** A file to check, and whether it was named on the command line. */
export interface Target {
  readonly path: string;
  readonly explicit: boolean;
}

/** A path that could not be used. */
export interface PathProblem {
  readonly path: string;
  /** `no-match`: a glob that matched no file (detail `ignored`: only ignored ones). */
  readonly reason: 'missing' | 'no-match' | 'not-markdown' | 'unreadable';
  readonly detail?: string;
}

/** Whether a command-line argument is a glob pattern (it has `*`, `?`, `[` or `{`). */
export function isGlob(argument: string): boolean {
  return /[*?[{]/.test(argument);
}

/** The ignore rules that apply at `path`, one set per top directory. */
function rulesFor(path: string, cwd: string, cache: Map<string, IgnoreRules>): IgnoreRules {
  const top = ignoreTop(path, cwd);
  let rules = cache.get(top);
  if (!rules) cache.set(top, (rules = new IgnoreRules(top)));
  return rules;
}

/** Expands the command-line paths into files, each once, in the order given. */
export function expandPaths(paths: readonly string[], cwd: string = process.cwd()): { targets: Target[]; problems: PathProblem[]; ignored: string[] } {
  const targets: Target[] = [];
  /** Files and directories left out by the ignore files. */
  const ignored: string[] = [];
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  const rulesCache = new Map<string, IgnoreRules>();
  const add = (path: string, explicit: boolean): void => {
    const key = resolve(cwd, path);
    if (seen.has(key)) return;
    seen.add(key);
    targets.push({ path, explicit });
  };
  const walkDirectory = (path: string): boolean => {
    try {
      for (const found of walkMarkdown(path, { ignore: rulesFor(resolve(cwd, path), cwd, rulesCache), onIgnored: (p) => ignored.push(p) })) add(found, false);
      return true;
    } catch (error) {
      problems.push({ path, reason: 'unreadable', detail: (error as Error).message });
      return false;
    }
  };
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      stats = undefined;
    }
    if (!stats && isGlob(path)) {
      let matches: string[];
      try {
        matches = globSync(process.platform === 'win32' ? path.replace(/\\/g, '/') : path, {
          cwd,
          onlyFiles: false,
          dot: false,
          expandDirectories: false,
          ignore: [...SKIPPED_DIRECTORIES].map((d) => `**/${d}/**`),
        });
      } catch (error) {
        problems.push({ path, reason: 'no-match', detail: (error as Error).message });
        continue;
      }
      matches.sort((a, b) => a.localeCompare(b));
      const before = targets.length;
      const ignoredBefore = ignored.length;
      for (const match of matches) {
        const absolute = resolve(cwd, match);
        let isDirectory = false;
        try {
          isDirectory = statSync(absolute).isDirectory();
        } catch {
          continue;
        }
        if (rulesFor(absolute, cwd, rulesCache).ignores(absolute, isDirectory)) {
          ignored.push(match.replace(/\/$/, ''));
          continue;
        }
        if (isDirectory) walkDirectory(match.replace(/\/$/, ''));
        else add(match, false);
      }
      if (targets.length === before) problems.push({ path, reason: 'no-match', ...(ignoredBefore < ignored.length ? { detail: 'ignored' } : {}) });
      continue;
    }
    if (!stats) {
      problems.push({ path, reason: 'missing' });
      continue;
    }
    if (stats.isDirectory()) {
      walkDirectory(path);
    } else {
      add(path, true);
    }
  }
  return { targets, problems, ignored };
}

/** A file's text, or why it cannot be checked. */
export type ReadResult =
  | {
      readonly ok: true;
      readonly text: string;
      /** How the file was encoded; `--fix` writes it back the same way. */
      readonly encoding: TextEncoding;
      /** Whether the text, unchanged, encodes back to the same bytes (`--fix` writes only then). */
      readonly exact: boolean;
    }
  | { readonly ok: false; readonly reason: 'unreadable' | 'not-text'; readonly detail?: string };

/** Reads a file as UTF-8, GB18030 or UTF-16 with a byte order mark (server/src/shell/encoding.ts), refusing anything else. */
export function readText(path: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
  return decodeBytes(bytes);
}

/** Bytes read elsewhere (standard input) as `readText` reads a file's. */
export function decodeBytes(bytes: Buffer): ReadResult {
  const decoded = decodeText(bytes);
  if (!decoded) return { ok: false, reason: 'not-text' };
  return { ok: true, text: decoded.text, encoding: { encoding: decoded.encoding, bom: decoded.bom }, exact: writesBackExactly(bytes, decoded) };
}
