/**
 * Which files a CLI run checks: named files as they are; directories searched recursively for
 * Markdown files that are annual reports (others are skipped and listed with --verbose); an
 * argument with glob characters that is not an existing path expanded by tinyglobby, relative
 * to the working directory (matched files are treated like files found in a directory, matched
 * directories are searched). The directory search and glob results honour `.gitignore` and
 * `.nianbaoignore` (server/src/shell/walk.ts); a file named explicitly is always checked.
 * Every file is read through server/src/shell/read-regular-file.ts: only a regular file, up to
 * the size cap, never blocking on a FIFO or a device (issue 14). Globs, like the walk, do not
 * follow symbolic links, so a workspace cannot lead a run (and `--fix`) out of itself.
 */
import { lstatSync, statSync, type Stats } from 'node:fs';
import { basename, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type { Language } from '../core/index.js';
import { decodeText, writesBackExactly, type TextEncoding } from '../shell/encoding.js';
import { DEFAULT_MAX_FILE_BYTES, describeRefusal, readRegularFileSync, type ReadRefusal } from '../shell/read-regular-file.js';
import { kindOfName } from '../shell/file-kind.js';
import { IgnoreRules, ignoreTop, SKIPPED_DIRECTORIES, walkMarkdown } from '../shell/walk.js';

/** A file to check, and whether it was named on the command line. */
export interface Target {
  readonly path: string;
  readonly explicit: boolean;
}

/** A path that could not be used. */
export interface PathProblem {
  readonly path: string;
  /**
   * `no-match`: a glob that matched no file (detail `ignored`: only ignored ones); `refused`: a
   * Markdown name that is no regular file, or a symbolic link loop (`refusal` says which).
   */
  readonly reason: 'missing' | 'no-match' | 'not-markdown' | 'unreadable' | 'refused';
  readonly detail?: string;
  readonly refusal?: ReadRefusal;
}

/**
 * Whether a file name is one a reviewer's folder holds reports in (issue 22): Markdown, pasted
 * text, Word (.docx, and .doc/.wps, which are named and explained), saved web pages and PDFs.
 * Word's lock files (`~$名称.docx`) are none.
 */
export function isReportName(name: string): boolean {
  return kindOfName(name) !== undefined && !name.startsWith('~$');
}

/** Whether a command-line argument is a glob pattern (it has `*`, `?`, `[` or `{`). */
export function isGlob(argument: string): boolean {
  return /[*?[{]/.test(argument);
}

/** A pattern of an ignore file left out, as `file:line: message` (issue 18: the others still apply). */
export interface IgnoreProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

/** The ignore rules that apply at `path`, one set per top directory. */
function rulesFor(path: string, cwd: string, cache: Map<string, IgnoreRules>, problems: IgnoreProblem[]): IgnoreRules {
  const top = ignoreTop(path, cwd);
  let rules = cache.get(top);
  if (!rules) cache.set(top, (rules = new IgnoreRules(top, (file, line, message) => problems.push({ file, line, message }))));
  return rules;
}

/** Expands the command-line paths into files, each once, in the order given. */
/** What `expandPaths` found. */
export interface ExpandedPaths {
  targets: Target[];
  problems: PathProblem[];
  ignored: string[];
  ignoreProblems: IgnoreProblem[];
  /** Files a directory held that are of no report's format (pictures, spreadsheets, Word's lock files). */
  others: string[];
}

export function expandPaths(paths: readonly string[], cwd: string = process.cwd()): ExpandedPaths {
  const targets: Target[] = [];
  /** Files and directories left out by the ignore files. */
  const ignored: string[] = [];
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  const rulesCache = new Map<string, IgnoreRules>();
  const ignoreProblems: IgnoreProblem[] = [];
  const others: string[] = [];
  const add = (path: string, explicit: boolean): void => {
    const key = resolve(cwd, path);
    if (seen.has(key)) return;
    seen.add(key);
    targets.push({ path, explicit });
  };
  const walkDirectory = (path: string): boolean => {
    try {
      const walked = walkMarkdown(path, {
        ignore: rulesFor(resolve(cwd, path), cwd, rulesCache, ignoreProblems),
        onIgnored: (p) => ignored.push(p),
        onUnreadable: (p, error) => problems.push({ path: p, reason: 'unreadable', detail: error.code ?? error.message }),
        onNotRegular: (p, what) => problems.push({ path: p, reason: 'refused', refusal: { kind: 'not-regular', what } }),
        match: isReportName,
        onOther: (p) => others.push(p),
      });
      for (const found of walked) add(found, false);
      return true;
    } catch (error) {
      problems.push({ path, reason: 'unreadable', detail: (error as Error).message });
      return false;
    }
  };
  for (const path of paths) {
    let stats: Stats | undefined;
    let code: string | undefined;
    try {
      stats = statSync(path);
    } catch (error) {
      code = (error as NodeJS.ErrnoException).code;
    }
    if (code === 'ELOOP') {
      problems.push({ path, reason: 'refused', refusal: { kind: 'loop' } });
      continue;
    }
    if (!stats && isGlob(path)) {
      let matches: string[];
      try {
        matches = globSync(process.platform === 'win32' ? path.replace(/\\/g, '/') : path, {
          cwd,
          onlyFiles: false,
          dot: false,
          expandDirectories: false,
          followSymbolicLinks: false,
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
          // A link to a directory is not followed, as the walk follows none.
          if (isDirectory && lstatSync(absolute).isSymbolicLink()) continue;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ELOOP') problems.push({ path: match, reason: 'refused', refusal: { kind: 'loop' } });
          continue;
        }
        const name = match.replace(/\/$/, '');
        if (rulesFor(absolute, cwd, rulesCache, ignoreProblems).ignores(absolute, isDirectory)) {
          ignored.push(name);
          continue;
        }
        // A directory with a Markdown name is refused as the walk refuses it; a glob meant a file.
        if (isDirectory && isReportName(basename(name))) problems.push({ path: name, reason: 'refused', refusal: { kind: 'not-regular', what: 'directory' } });
        else if (isDirectory) walkDirectory(name);
        else add(match, false);
      }
      if (targets.length === before) problems.push({ path, reason: 'no-match', ...(ignoredBefore < ignored.length ? { detail: 'ignored' } : {}) });
      continue;
    }
    if (!stats) {
      problems.push(code === 'ENOENT' || code === 'ENOTDIR' || code === undefined ? { path, reason: 'missing' } : { path, reason: 'unreadable', detail: code });
      continue;
    }
    if (stats.isDirectory()) {
      walkDirectory(path);
    } else {
      add(path, true);
    }
  }
  return { targets, problems, ignored, ignoreProblems, others };
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
      /** The file read (absent for standard input): `--fix` writes only over this very file. */
      readonly identity?: { readonly dev: number; readonly ino: number };
      /** The bytes read: `--fix` writes only while the file still holds exactly these (cli/unchanged-write.ts). */
      readonly bytes: Uint8Array;
    }
  | { readonly ok: false; readonly reason: 'unreadable' | 'not-text' | 'refused'; readonly detail?: string; readonly refusal?: ReadRefusal };

/**
 * Reads a file as UTF-8, GB18030 or UTF-16 with a byte order mark (server/src/shell/encoding.ts),
 * refusing anything else, and only a regular file of at most `limit` bytes.
 */
export function readText(path: string, limit: number = DEFAULT_MAX_FILE_BYTES): ReadResult {
  const read = readRegularFileSync(path, limit);
  if (!read.ok) return { ok: false, reason: 'refused', refusal: read.refusal, ...(read.refusal.kind === 'unreadable' ? { detail: read.refusal.detail } : {}) };
  const decoded = decodeBytes(read.data);
  return decoded.ok ? { ...decoded, identity: { dev: read.stats.dev, ino: read.stats.ino } } : decoded;
}

/** Bytes read elsewhere (standard input) as `readText` reads a file's. */
export function decodeBytes(bytes: Buffer): ReadResult {
  const decoded = decodeText(bytes);
  if (!decoded) return { ok: false, reason: 'not-text' };
  return { ok: true, text: decoded.text, encoding: { encoding: decoded.encoding, bom: decoded.bom }, exact: writesBackExactly(bytes, decoded), bytes };
}

/**
 * Why a path was not read, named, in the CLI's message language: `“x.md”是命名管道（FIFO），不是普通文件，已跳过`.
 * A file above the cap says how to raise it.
 */
export function refusalMessage(display: string, refusal: ReadRefusal, language: Language): string {
  const hint = refusal.kind === 'too-large' ? (language === 'zh' ? '（用 --max-file-size 调整上限）' : ' (--max-file-size sets the limit)') : '';
  return language === 'zh' ? `“${display}”${describeRefusal(refusal, 'zh')}${hint}` : `“${display}” ${describeRefusal(refusal, 'en')}${hint}`;
}

/** `--max-file-size <MB>` as bytes, or undefined when the value is no positive number. */
export function parseMaxFileSize(value: string | undefined): number | undefined {
  if (value === undefined) return DEFAULT_MAX_FILE_BYTES;
  if (!/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  const bytes = Math.floor(Number(value) * 1024 * 1024);
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}
