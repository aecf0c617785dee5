/**
 * Report files as bytes → text (the order of encodings is described in `encoding.ts`, which
 * adds the encoder): the platform's fatal `TextDecoder` only, which Node and browsers both have,
 * so the language server in a browser decodes GB18030 and UTF-16 files as the CLI does.
 */
import type { SourceEncoding } from '../core/index.js';

/** How text is (to be) encoded: the encoding, and whether it starts with a byte order mark. */
export interface TextEncoding {
  readonly encoding: SourceEncoding;
  readonly bom: boolean;
}

/** Decoded bytes: the text without its byte order mark, and how it was encoded. */
export interface DecodedText extends TextEncoding {
  readonly text: string;
}

/** The byte order mark, as text. */
export const BOM = '\ufeff';

/** Decodes with the platform's fatal decoder; undefined when the bytes are not valid in `label`. */
export function decodeStrictly(label: string, bytes: Uint8Array, prefix: boolean): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes, { stream: prefix });
  } catch {
    return undefined;
  }
}

function decoded(encoding: SourceEncoding, text: string | undefined): DecodedText | undefined {
  if (text === undefined) return undefined;
  const bom = text.startsWith(BOM);
  return { encoding, bom, text: bom ? text.slice(1) : text };
}

/**
 * Decodes a file's bytes, or returns undefined when they are not text in any of the encodings
 * read. With `prefix`, the bytes are the head of a file: a character cut at the end is dropped
 * rather than taken for an error.
 */
export function decodeText(bytes: Uint8Array, prefix = false): DecodedText | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return decoded('utf-8', decodeStrictly('utf-8', bytes, prefix));
  if (a === 0xff && b === 0xfe) return decoded('utf-16le', decodeStrictly('utf-16le', bytes, prefix));
  if (a === 0xfe && b === 0xff) return decoded('utf-16be', decodeStrictly('utf-16be', bytes, prefix));
  const utf8 = decodeStrictly('utf-8', bytes, prefix);
  if (utf8 !== undefined) return decoded('utf-8', utf8);
  const gb18030 = decodeStrictly('gb18030', bytes, prefix);
  if (gb18030 !== undefined && !gb18030.includes('\u0000')) return decoded('gb18030', gb18030);
  return undefined;
}
