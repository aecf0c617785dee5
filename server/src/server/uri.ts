/**
 * The parts of a document URI the server works with (file, untitled and virtual-workspace schemes
 * alike): its decoded path, for matching `nianbao.files` globs, and the '/' paths of a browser's
 * workspace, which the ignore rules walk as the disk's paths are walked in Node.
 */
import type { TreePaths } from '../shell/ignore-rules.js';

/** `scheme:` and `//authority` of a URI, and its path (query and fragment left out). */
const PARTS = /^([a-z][a-z0-9+.-]*:(?:\/\/[^/?#]*)?)([^?#]*)/i;

export const URI = {
  /** The decoded path of a URI (`file:///a/b.md` → `/a/b.md`). */
  path(uri: string): string {
    const match = /^[a-z][a-z0-9+.-]*:(?:\/\/[^/]*)?(.*)$/i.exec(uri);
    const raw = match ? match[1]! : uri;
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  },

  /**
   * The URIs of the directories holding `uri`, nearest first, up to the root of its path
   * (`vscode-vfs://github/o/r/a/b.md` → `…/r/a`, `…/r`, `…/o`, `vscode-vfs://github/`); none for a
   * URI without a path (`untitled:Untitled-1`).
   */
  *directories(uri: string): Generator<string> {
    const match = PARTS.exec(uri);
    if (!match || !match[2]!.startsWith('/')) return;
    const [, prefix, path] = match;
    for (let cut = path!.lastIndexOf('/'); cut >= 0; cut = path!.lastIndexOf('/', cut - 1)) {
      yield `${prefix}${path!.slice(0, cut) || '/'}`;
      if (cut === 0) return;
    }
  },

  /** `scheme:` and `//authority` of a URI: two URIs with the same are of one file system. */
  root(uri: string): string | undefined {
    return PARTS.exec(uri)?.[1];
  },

  /** The URI of `name` in the directory `directory` (a URI). */
  join(directory: string, name: string): string {
    return directory.endsWith('/') ? `${directory}${name}` : `${directory}/${name}`;
  },
};

/** `path` with `.`, `..`, repeated and trailing slashes resolved; '/' paths only. */
function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** The path functions of `shell/ignore-rules.ts` on the '/' paths of URIs. */
export const URI_PATHS: TreePaths = {
  resolve: normalize,
  dirname(path) {
    const cut = path.lastIndexOf('/');
    return cut <= 0 ? '/' : path.slice(0, cut);
  },
  join: (directory, name) => normalize(`${directory}/${name}`),
  relative(from, to) {
    const a = normalize(from).split('/').filter(Boolean);
    const b = normalize(to).split('/').filter(Boolean);
    let same = 0;
    while (same < a.length && same < b.length && a[same] === b[same]) same++;
    return [...a.slice(same).map(() => '..'), ...b.slice(same)].join('/');
  },
  isAbsolute: (path) => path.startsWith('/'),
};
