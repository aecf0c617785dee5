/**
 * The path part of a document URI, for matching `nianbao.files` globs (file, untitled and
 * virtual-workspace schemes alike).
 */
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
};
