/**
 * Display width in a monospaced editor or terminal: CJK and full-width characters take two
 * columns (used to align tables and CLI output).
 */

/** The number of columns `text` takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code === 0x201c || code === 0x201d ||
      code >= 0x20000;
    width += wide ? 2 : 1;
  }
  return width;
}
