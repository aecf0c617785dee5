/**
 * The Node language server's host (../host.ts): the workspace's files on disk, read the way the
 * CLI reads them. The search for reports is `shell/walk.ts` (no link followed, ignore files
 * honoured), every read `shell/read-regular-file.ts` (a regular file only, capped, without
 * blocking), config files `shell/config.ts`; a file to import is read only inside a workspace
 * folder after its links are resolved (issue 18). Only `file:` URIs name files here: any other
 * scheme is a file the server does not reach. The rule pages are the installed extension's
 * `docs/rules/*.md`, and V8's `gc` keeps the memory flat.
 */
import { existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ConfigCache, type LoadedConfig } from '../../shell/config.js';
import { readRegularFile } from '../../shell/read-regular-file.js';
import { readSource } from '../../shell/read-source.js';
import { IgnoreRules, walkMarkdown, type IgnoreFileProblem } from '../../shell/walk.js';
import type { FileRead, FileStamp, SearchLimits, ServerFiles, ServerHost } from '../host.js';

/** The path on disk a `file:` URI names; undefined for any other URI. */
function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function inside(path: string, directory: string): boolean {
  const rel = relative(directory, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `path` if it and its real path lie inside a workspace folder, else undefined. */
async function inWorkspace(path: string, folders: readonly string[]): Promise<string | undefined> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return undefined;
  }
  for (const folder of folders) {
    const root = pathOf(folder);
    if (root === undefined) continue;
    try {
      if (inside(real, await realpath(root))) return real;
    } catch {
      // A folder that does not resolve holds nothing.
    }
  }
  return undefined;
}

/** The workspace's files on disk. */
export class DiskFiles implements ServerFiles {
  readonly changesAnnounced = false;
  private readonly configs = new ConfigCache();

  async markdownFiles(folders: readonly string[], limits: SearchLimits, onIgnoreProblem?: IgnoreFileProblem): Promise<string[]> {
    const found: string[] = [];
    for (const folder of folders) {
      const root = pathOf(folder);
      const left = limits.maxFiles - found.length;
      if (root === undefined || left <= 0) continue;
      try {
        // The CLI's walk: the same skipped directories and ignore files, read from the folder down.
        found.push(...walkMarkdown(root, { ignore: new IgnoreRules(root, onIgnoreProblem), maxDepth: limits.maxDepth, maxFiles: left }));
      } catch {
        // A folder that cannot be read has no reports to offer.
      }
    }
    return found.map((path) => pathToFileURL(path).toString());
  }

  async stat(uri: string): Promise<FileStamp | undefined> {
    const path = pathOf(uri);
    if (path === undefined) return undefined;
    try {
      const info = await stat(path);
      return { mtime: info.mtimeMs, size: info.size };
    } catch {
      return undefined;
    }
  }

  read(uri: string, limit: number): Promise<FileRead> {
    const path = pathOf(uri);
    return path === undefined ? Promise.resolve({ ok: false, refusal: { kind: 'missing' } }) : this.readPath(path, limit, false);
  }

  async readHead(uri: string, bytes: number, cap: number): Promise<FileRead> {
    const path = pathOf(uri);
    if (path === undefined) return { ok: false, refusal: { kind: 'missing' } };
    const read = await this.readPath(path, bytes, true);
    // The cap is checked on the size: a file that would be refused whole is refused at its first look.
    return read.ok && read.size > cap ? { ok: false, refusal: { kind: 'too-large', size: read.size, limit: cap } } : read;
  }

  async readToImport(uri: string, folders: readonly string[], limit: number): Promise<FileRead | 'outside'> {
    const path = pathOf(uri);
    const real = path === undefined ? undefined : await inWorkspace(path, folders);
    // The check and the read on one descriptor: a path swapped for a FIFO in between is caught.
    return real === undefined ? 'outside' : this.readPath(real, limit, false);
  }

  private async readPath(path: string, limit: number, head: boolean): Promise<FileRead> {
    const result = await readRegularFile(path, limit, head);
    return result.ok ? { ok: true, data: result.data, size: result.stats.size } : result;
  }

  async configOf(uri: string): Promise<LoadedConfig | undefined> {
    const path = pathOf(uri);
    return path === undefined ? undefined : this.configs.configForAsync(path);
  }

  forgetConfigs(): void {
    this.configs.clear();
  }

  name(uri: string): string {
    return pathOf(uri) ?? uri;
  }

  display(uri: string, folders: readonly string[]): string {
    const path = pathOf(uri);
    if (path === undefined) return uri;
    for (const folder of folders) {
      const root = pathOf(folder);
      if (root === undefined) continue;
      const rel = relative(root, path);
      if (!rel.startsWith('..')) return rel;
    }
    return path;
  }
}

/** The folder holding package.json: dist/.. when bundled, the repository root when run from source. */
export function extensionRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5 && !existsSync(join(dir, 'package.json')); i++) dir = join(dir, '..');
  return dir;
}

/** V8's full collection, when the flag can still be set; undefined otherwise. */
function v8Collection(): (() => void) | undefined {
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}

/** The host of the Node server. */
export function nodeHost(): ServerHost {
  const pages = new Map<string, string | undefined>();
  return {
    files: new DiskFiles(),
    initialize: () => undefined,
    // A `file:` URL of the installed page (shipped in the .vsix, see .vscodeignore), so it opens
    // offline. package.json names no repository, so there is no public URL to link instead.
    ruleUrl(rule) {
      if (!pages.has(rule)) {
        const path = join(extensionRoot(), 'docs', 'rules', `${rule}.md`);
        pages.set(rule, /^[a-z][a-z0-9-]*$/.test(rule) && existsSync(path) ? pathToFileURL(path).href : undefined);
      }
      return pages.get(rule);
    },
    collectGarbage: v8Collection(),
    readOtherFile: readSource,
  };
}
