/**
 * The cells of a GFM table with their exact source ranges. The parse gives where each row starts;
 * the row is split here on unescaped pipes, so every cell keeps its raw text (NBSP, U+3000,
 * `<br>`) and the offsets a fix edits.
 */
import type { LineIndex, TextRange } from '../text/lines.js';

/** One cell as written. */
export interface GridCell {
  /** Between the two pipes. */
  readonly inner: TextRange;
  /** The inner range without surrounding white space of any kind; empty at the inner start when blank. */
  readonly content: TextRange;
  /** The content text. */
  readonly text: string;
}

/** One row of a GFM table (the delimiter row is not one). */
export interface GridRow {
  /** 0-based line. */
  readonly line: number;
  readonly range: TextRange;
  readonly cells: readonly GridCell[];
}

/** A GFM table as rows of cells. */
export interface Grid {
  readonly range: TextRange;
  readonly rows: readonly GridRow[];
}

const BLANK = /[\s\u00a0\u3000\u200b\ufeff]/;

function isBlank(ch: string | undefined): boolean {
  return ch !== undefined && BLANK.test(ch);
}

/** Splits one table row line into cells. */
export function splitRow(text: string, start: number, end: number): GridCell[] {
  let i = start;
  while (i < end && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === '|') i++;
  const cells: GridCell[] = [];
  let cellStart = i;
  for (let j = i; j <= end; j++) {
    const atEnd = j === end;
    if (!atEnd && text[j] === '\\') {
      j++;
      continue;
    }
    if (!atEnd && text[j] !== '|') continue;
    if (atEnd && text.slice(cellStart, end).trim() === '' && cells.length > 0) break;
    let s = cellStart;
    let e = j;
    while (s < e && isBlank(text[s])) s++;
    while (e > s && isBlank(text[e - 1])) e--;
    cells.push({ inner: { start: cellStart, end: j }, content: { start: s, end: e }, text: text.slice(s, e) });
    cellStart = j + 1;
  }
  return cells;
}

/** The rows and cells of a GFM table, given where its rows start and its range. */
export function readGrid(rowStarts: readonly number[], range: TextRange, text: string, index: LineIndex): Grid {
  const rows: GridRow[] = [];
  for (const start of rowStarts) {
    const line = index.lineAt(start);
    const lineEnd = index.lineEnd(line);
    rows.push({ line, range: { start, end: lineEnd }, cells: splitRow(text, start, lineEnd) });
  }
  return { range, rows };
}
