/**
 * Text normalisation shared by the report model and the rules.
 *
 * Real drafts write the same label in many ways (formats.md §8, markdown-convention.md
 * "Tolerated variants"): full- and half-width brackets, `1、` for `1.`, `<br>` and stray
 * spaces inside a label, NBSP and U+3000, full-width digits. Labels are compared in a
 * normalised space, so the official label and the observed one go through the same function.
 */

const BR = /<br\s*\/?>/gi;
const WHITESPACE = /[\s\u00a0\u3000\u200b\ufeff]+/g;

/** Removes `<br>`, Markdown emphasis markers and backslash escapes from inline text. */
export function stripInlineMarkup(text: string): string {
  return text.replace(BR, '').replace(/\*\*|__/g, '').replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
}

/**
 * The comparison key of a label: NFKC (full-width digits and brackets become ASCII),
 * no white space at all, `1、` → `1.`, curly and straight quotes unified.
 */
export function labelKey(text: string): string {
  let key = keyCache.get(text);
  if (key === undefined) {
    // Drafts repeat the same few labels and numbers; a bounded memo keeps this off the profile.
    if (keyCache.size > 20000) keyCache.clear();
    key = computeLabelKey(text);
    keyCache.set(text, key);
  }
  return key;
}

const keyCache = new Map<string, string>();

function computeLabelKey(text: string): string {
  return stripInlineMarkup(text)
    .normalize('NFKC')
    .replace(WHITESPACE, '')
    .replace(/[“”„‟"＂]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/^(\d+)[、，,．]/, '$1.')
    .replace(/[：]/g, ':');
}

/** Trims every kind of white space a draft contains (ASCII, NBSP, U+3000, zero-width). */
export function trimAll(text: string): string {
  return text.replace(/^[\s\u00a0\u3000\u200b\ufeff]+|[\s\u00a0\u3000\u200b\ufeff]+$/g, '');
}

/** True when the character is white space of any kind a draft contains. */
export function isBlankText(text: string): boolean {
  return trimAll(stripInlineMarkup(text)) === '';
}

/** Removes a trailing parenthetical note, e.g. 湖北's annotated labels (formats.md §4.1). */
export function stripTrailingNote(key: string): string {
  return key.replace(/\([^()]*\)$/, '');
}
