/**
 * The `nianbao.files` globs (and the config file's `files`, merged into them by settings.ts),
 * compiled once per settings change instead of once per glob per check (issue 14). A glob whose
 * braces expand past `MAX_BRACE_EXPANSIONS` is refused before minimatch expands it: a workspace
 * setting is untrusted input, and `{a,b}` twenty times over is a million patterns, compiled on
 * every check of every Markdown file. A refused or broken glob is named once in the output.
 */
import { Minimatch } from 'minimatch';
import { URI } from './uri.js';

/** Brace expansions a glob may have; past this it is refused. Real globs have a handful. */
export const MAX_BRACE_EXPANSIONS = 256;

/** Longer globs are refused (minimatch itself throws past 64 K). */
const MAX_GLOB_LENGTH = 4096;

/** Counts above this are all "too many": keeps the products from overflowing. */
const SATURATED = 1e9;

const saturate = (n: number): number => (n > SATURATED ? SATURATED : n);

/** The index of the `}` closing the `{` at `open`, or -1 when it has none (then it is literal). */
function closingBrace(glob: string, open: number): number {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The top-level comma-separated parts of a brace group's inside. */
function alternatives(inner: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      parts.push(inner.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(inner.slice(from));
  return parts;
}

function sequenceLength(inner: string): number | undefined {
  const numeric = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(inner);
  if (numeric) {
    const step = Math.max(1, Math.abs(Number(numeric[3] ?? 1)));
    return saturate(Math.floor(Math.abs(Number(numeric[2]) - Number(numeric[1])) / step) + 1);
  }
  const alpha = /^([a-zA-Z])\.\.([a-zA-Z])(?:\.\.(-?\d+))?$/.exec(inner);
  if (alpha) {
    const step = Math.max(1, Math.abs(Number(alpha[3] ?? 1)));
    return Math.floor(Math.abs(alpha[2]!.charCodeAt(0) - alpha[1]!.charCodeAt(0)) / step) + 1;
  }
  return undefined;
}

/**
 * How many patterns brace expansion makes of a glob, without expanding it (an upper bound of
 * what brace-expansion, minimatch's expander, makes: `{a,b}` alternatives add up, groups side by
 * side multiply, `{1..9}` counts its members, an unclosed or comma-less `{` is literal).
 */
export function braceExpansions(glob: string): number {
  let total = 1;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '{') continue;
    const close = closingBrace(glob, i);
    if (close < 0) continue;
    const inner = glob.slice(i + 1, close);
    const parts = alternatives(inner);
    const n = parts.length > 1 ? parts.reduce((sum, part) => saturate(sum + braceExpansions(part)), 0) : (sequenceLength(inner) ?? braceExpansions(inner));
    total = saturate(total * n);
    i = close;
  }
  return total;
}

/** A glob that is not used, and why. */
export interface GlobProblem {
  readonly glob: string;
  readonly reason: { readonly zh: string; readonly en: string };
}

interface CompiledGlob {
  /** Against the whole path (a glob without `/` against the file name). */
  readonly whole: Minimatch;
  /** Against the path relative to a workspace folder. */
  readonly relative: Minimatch;
  /** The glob under any directory (a relative glob, for a file outside every folder). */
  readonly anywhere: Minimatch | undefined;
}

/** The compiled globs of one `files` list. */
export class FileGlobs {
  private readonly compiled: CompiledGlob[] = [];
  /** The globs refused or broken, each with its reason. */
  readonly problems: GlobProblem[] = [];

  constructor(globs: readonly string[]) {
    for (const glob of globs) {
      const problem = refusal(glob);
      if (problem) {
        this.problems.push({ glob, reason: problem });
        continue;
      }
      try {
        this.compiled.push({
          whole: new Minimatch(glob, { dot: true, matchBase: !glob.includes('/') }),
          relative: new Minimatch(glob, { dot: true }),
          anywhere: glob.startsWith('/') ? undefined : new Minimatch(`**/${glob}`, { dot: true }),
        });
      } catch (error) {
        this.problems.push({ glob, reason: { zh: `无法解析（${(error as Error).message}）`, en: `cannot be parsed (${(error as Error).message})` } });
      }
    }
  }

  /**
   * Whether a document path matches one of the globs: relative to a workspace folder, absolute,
   * or — for a relative glob and a file outside any folder — anywhere in its path.
   */
  matches(uri: string, folders: readonly string[]): boolean {
    if (this.compiled.length === 0) return false;
    const path = URI.path(uri);
    const roots = folders.map((folder) => URI.path(folder).replace(/\/$/, ''));
    const inFolder = roots.some((root) => path.startsWith(`${root}/`));
    for (const glob of this.compiled) {
      if (glob.whole.match(path)) return true;
      for (const root of roots) {
        if (path.startsWith(`${root}/`) && glob.relative.match(path.slice(root.length + 1))) return true;
      }
      if (glob.anywhere && !inFolder && glob.anywhere.match(path)) return true;
    }
    return false;
  }
}

function refusal(glob: string): GlobProblem['reason'] | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return { zh: `过长（${glob.length} 个字符，上限 ${MAX_GLOB_LENGTH}）`, en: `is too long (${glob.length} characters, the limit is ${MAX_GLOB_LENGTH})` };
  const expansions = braceExpansions(glob);
  if (expansions > MAX_BRACE_EXPANSIONS) {
    const count = expansions >= SATURATED ? `> ${SATURATED}` : String(expansions);
    return { zh: `花括号展开过多（${count} 种，上限 ${MAX_BRACE_EXPANSIONS}），已忽略`, en: `has too many brace expansions (${count}, the limit is ${MAX_BRACE_EXPANSIONS}): ignored` };
  }
  return undefined;
}

/**
 * The compiled globs per `files` list, until the settings change (`clear`). Each refused glob is
 * passed to `report` once, however many documents and checks use it.
 */
export class GlobCache {
  private readonly cache = new Map<string, FileGlobs>();
  private readonly reported = new Set<string>();

  constructor(private readonly report: (problem: GlobProblem) => void = () => undefined) {}

  /** The compiled form of a `files` list. */
  get(globs: readonly string[]): FileGlobs {
    const key = JSON.stringify(globs);
    let compiled = this.cache.get(key);
    if (!compiled) {
      compiled = new FileGlobs(globs);
      // Bounded: one entry per distinct list, and the settings of a few folders give a few lists.
      if (this.cache.size >= 64) this.cache.clear();
      this.cache.set(key, compiled);
      for (const problem of compiled.problems) {
        if (this.reported.has(problem.glob)) continue;
        this.reported.add(problem.glob);
        this.report(problem);
      }
    }
    return compiled;
  }

  /** Forgets the compiled globs (the settings changed); a refused glob is still named only once. */
  clear(): void {
    this.cache.clear();
  }
}
