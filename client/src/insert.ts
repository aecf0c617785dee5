/**
 * Where and how to insert a block (a table) at the cursor so that it stands on its own lines
 * with a blank line before and after it, as a GFM table must. Pure: no vscode import.
 */

/** The cursor's line and its neighbours. */
export interface CursorLine {
  /** The text of the cursor's line, without its line break. */
  readonly text: string;
  /** The cursor's column (UTF-16 code units). */
  readonly character: number;
  /** The line above; undefined on the first line. */
  readonly previous?: string;
  /** The line below; undefined on the last line. */
  readonly next?: string;
}

/** Replace columns `start`–`end` of the cursor's line with `text`. */
export interface BlockInsertion {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const blank = (line: string | undefined): boolean => line === undefined || line.trim() === '';

/**
 * Inserts `block` at the cursor: text before the cursor stays on its line, text after it moves
 * below the block, and blank lines separate the block from its neighbours (none is doubled).
 * Line breaks in `block` become `eol`; leading and trailing blank lines of `block` are dropped.
 */
export function blockInsertion(line: CursorLine, block: string, eol: string): BlockInsertion {
  const body = block.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd().replace(/\r?\n/g, eol);
  const before = line.text.slice(0, line.character);
  const after = line.text.slice(line.character);
  let start: number;
  let prefix: string;
  if (before.trim()) {
    start = before.trimEnd().length;
    prefix = eol + eol;
  } else {
    start = 0;
    prefix = line.previous === undefined || blank(line.previous) ? '' : eol;
  }
  let end: number;
  let suffix: string;
  if (after.trim()) {
    end = line.character + (after.length - after.trimStart().length);
    suffix = eol + eol;
  } else {
    end = line.text.length;
    // The line's own break follows the block; add one more for the blank line, or end the file with one.
    suffix = line.next === undefined || !blank(line.next) ? eol : '';
  }
  return { start, end, text: prefix + body + suffix };
}
