/**
 * The character encodings a report file can be read in. The core never reads files: the caller
 * decodes them (server/src/shell/encoding.ts) and passes the encoding as
 * `CheckOptions.encoding`, for the rule `file-encoding`.
 */

/** How a report file was encoded on disk; `utf-8` with or without a byte order mark. */
export type SourceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** The encoding's name in messages. */
export function encodingLabel(encoding: SourceEncoding): string {
  switch (encoding) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-16le':
      return 'UTF-16LE';
    case 'utf-16be':
      return 'UTF-16BE';
    case 'gb18030':
      return 'GB18030';
  }
}
