/**
 * How deep a JSON (with comments) text nests, measured before it is parsed (issue 18):
 * jsonc-parser's tree builder recurses once per level, and a config nested some ten thousand
 * levels deep overflowed the stack, which stopped every check with a stack trace. One linear
 * pass over the text, strings and comments skipped.
 */

/** The deepest a config nests: a real one nests 3 levels. */
export const MAX_JSON_DEPTH = 64;

/** Where a text first nests deeper than `limit` (the offset of the bracket), or undefined. */
export function tooDeepAt(text: string, limit: number = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: to its closing quote, past escapes.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      while (i < text.length && text.charCodeAt(i) !== 0x0a) i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return i;
    } else if (c === 0x7d || c === 0x5d) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
