/**
 * Report files as bytes ⇄ text, shared by the CLI and the language server (every read of a
 * report from disk goes through `decodeText`). Files are UTF-8 (with or without a byte order
 * mark) above all, but GBK drafts saved on Chinese Windows are common, and some tools save
 * UTF-16. The order, never guessing beyond it:
 *
 * 1. a byte order mark names the encoding: EF BB BF UTF-8, FF FE UTF-16LE, FE FF UTF-16BE
 *    (the bytes must then decode in it);
 * 2. otherwise UTF-8, if the bytes are valid UTF-8;
 * 3. otherwise GB18030 (a superset of GBK and GB2312), if the bytes are valid GB18030 and
 *    hold no NUL (binary data often decodes as GB18030, text never has NUL);
 * 4. otherwise not text: `undefined`.
 *
 * Decoding uses the platform's fatal `TextDecoder` (the WHATWG encodings, built into Node and
 * Electron). Node has no GB18030 encoder, so `encodeText` uses iconv-lite for it, with the few
 * two-byte codes where iconv-lite's tables (GB18030-2005) and the decoder (GB18030-2022, as
 * WHATWG) differ mapped as the decoder reads them. `writesBackExactly` tells whether unchanged
 * text encodes to the very bytes it was read from (a few GB18030 byte sequences decode to the
 * same character as another and cannot); `--fix` writes only files for which it holds.
 *
 * The decoding is in `decode-text.ts` (no Buffer, no iconv-lite: the browser's language server
 * reads with it too). Pure apart from iconv-lite's use of Buffer: no file access here.
 */
import iconv from 'iconv-lite';
import { BOM, decodeStrictly, type DecodedText, type TextEncoding } from './decode-text.js';

export { decodeText, type DecodedText, type TextEncoding } from './decode-text.js';

/**
 * The two-byte GB18030 codes whose character GB18030-2022 changed (from the private use area
 * to the vertical forms U+FE10–FE19 and the ideographs U+9FB4–9FBB). iconv-lite encodes those
 * characters with four bytes; when this platform's decoder reads these codes as those
 * characters, they are encoded back as the two bytes they were read from.
 */
const CHANGED_IN_2022 = ['a6d9', 'a6da', 'a6db', 'a6dc', 'a6dd', 'a6de', 'a6df', 'a6ec', 'a6ed', 'a6f3', 'fe59', 'fe61', 'fe66', 'fe67', 'fe6d', 'fe7e', 'fe90', 'fea0'];

let overrides: { pattern: RegExp; bytes: Map<string, Buffer> } | undefined;

function gb18030Overrides(): { pattern: RegExp; bytes: Map<string, Buffer> } {
  if (!overrides) {
    const bytes = new Map<string, Buffer>();
    for (const hex of CHANGED_IN_2022) {
      const code = Buffer.from(hex, 'hex');
      const char = decodeStrictly('gb18030', code, false);
      if (char !== undefined && !iconv.encode(char, 'gb18030').equals(code)) bytes.set(char, code);
    }
    const chars = [...bytes.keys()].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    overrides = { pattern: new RegExp(chars ? `[${chars}]` : '(?!)', 'g'), bytes };
  }
  return overrides;
}

function encodeGb18030(text: string): Buffer {
  const { pattern, bytes } = gb18030Overrides();
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return iconv.encode(text, 'gb18030');
  const parts: Buffer[] = [];
  let from = 0;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    parts.push(iconv.encode(text.slice(from, m.index), 'gb18030'), bytes.get(m[0])!);
    from = m.index + m[0].length;
  }
  parts.push(iconv.encode(text.slice(from), 'gb18030'));
  return Buffer.concat(parts);
}

/** Encodes text as `how` says, with a byte order mark if it had one. */
export function encodeText(text: string, how: TextEncoding): Uint8Array {
  const full = how.bom ? BOM + text : text;
  switch (how.encoding) {
    case 'utf-8':
      return Buffer.from(full, 'utf8');
    case 'utf-16le':
      return Buffer.from(full, 'utf16le');
    case 'utf-16be':
      return Buffer.from(full, 'utf16le').swap16();
    case 'gb18030':
      return encodeGb18030(full);
  }
}

/** Whether the decoded text, unchanged, encodes back to exactly `bytes`. */
export function writesBackExactly(bytes: Uint8Array, text: DecodedText): boolean {
  // Valid UTF-8 and UTF-16 always do; only GB18030 has codes two byte sequences share.
  if (text.encoding !== 'gb18030') return true;
  return Buffer.from(encodeText(text.text, text)).equals(bytes);
}
