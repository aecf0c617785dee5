/**
 * Which files a CLI run checks: named files as they are; directories searched recursively for
 * Markdown files that are annual reports (others are skipped and listed with --verbose).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeText, writesBackExactly, type TextEncoding } from '../shell/encoding.js';

/** A file to check, and whether it was named on the command line. */
export interface Target {
  readonly path: string;
  readonly explicit: boolean;
}

/** A path that could not be used. */
export interface PathProblem {
  readonly path: string;
  readonly reason: 'missing' | 'not-markdown' | 'unreadable';
  readonly detail?: string;
}

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

function walk(directory: string, found: string[]): void {
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name) && !entry.name.startsWith('.')) walk(path, found);
    } else if (entry.isFile() && /\.(md|markdown)$/i.test(entry.name)) {
      found.push(path);
    }
  }
}

/** Expands the command-line paths into files. */
export function expandPaths(paths: readonly string[]): { targets: Target[]; problems: PathProblem[] } {
  const targets: Target[] = [];
  const problems: PathProblem[] = [];
  for (const path of paths) {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      problems.push({ path, reason: 'missing' });
      continue;
    }
    if (stats.isDirectory()) {
      const found: string[] = [];
      try {
        walk(path, found);
      } catch (error) {
        problems.push({ path, reason: 'unreadable', detail: (error as Error).message });
      }
      targets.push(...found.map((f) => ({ path: f, explicit: false })));
    } else {
      targets.push({ path, explicit: true });
    }
  }
  return { targets, problems };
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
  const decoded = decodeText(bytes);
  if (!decoded) return { ok: false, reason: 'not-text' };
  return { ok: true, text: decoded.text, encoding: { encoding: decoded.encoding, bom: decoded.bom }, exact: writesBackExactly(bytes, decoded) };
}
