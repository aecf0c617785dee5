/**
 * Display width in a monospaced editor or terminal: CJK and full-width characters take two
 * columns (used to align tables and CLI output).
 */

/** Whether a code point is drawn wide by a CJK font (a terminal's two columns), “ and ” aside. */
function isCjkWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}

/** The number of columns `text` takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const wide = isCjkWide(code) || code === 0x201c || code === 0x201d;
    width += wide ? 2 : 1;
  }
  return width;
}

/**
 * How a code editor draws `text`: how many characters come from the CJK font (ideographs,
 * full-width forms, U+3000) and how many from the monospaced Latin font, whose widths are in no
 * fixed ratio (format-tables.ts `CJK_LATIN_RATIO`). “ and ” are drawn by the Latin font, which
 * has them (measured: one Latin width).
 */
export function editorWidths(text: string): { readonly wide: number; readonly narrow: number } {
  let wide = 0;
  let narrow = 0;
  for (const ch of text) {
    if (isCjkWide(ch.codePointAt(0)!)) wide++;
    else narrow++;
  }
  return { wide, narrow };
}
