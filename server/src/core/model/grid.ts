/**
 * A table as rows of cells with their exact source ranges, whatever form it was written in: a GFM
 * table (split here on unescaped pipes, so every cell keeps its raw text — NBSP, U+3000, `<br>` —
 * and the offsets a fix edits), an HTML `<table>` (html-table.ts) or a table pasted from Word or a
 * PDF (pasted-table.ts).
 */
import type { LineIndex, TextRange } from '../text/lines.js';

/** One cell as written. */
export interface GridCell {
  /** Between the two pipes. */
  readonly inner: TextRange;
  /** The inner range without surrounding white space of any kind; empty at the inner start when blank. */
  readonly content: TextRange;
  /** The content text (for HTML: entities decoded, tags removed). */
  readonly text: string;
  /** 0-based line of the content, where it is not the row's line (a pasted cell on a line of its own). */
  readonly line?: number;
  /**
   * No source text of its own: a slot an HTML `rowspan`/`colspan` covers, or padding added to
   * align a pasted row. Its ranges are empty and no fix may write into it.
   */
  readonly virtual?: boolean;
  /** Written without the padding spaces of a GFM cell (HTML, pasted): a value goes in as is. */
  readonly bare?: boolean;
}

/** One row of a table (a GFM delimiter row is not one). */
export interface GridRow {
  /** 0-based line. */
  readonly line: number;
  readonly range: TextRange;
  readonly cells: readonly GridCell[];
}

/**
 * How a table was written. Only `gfm` rows can take GFM text (an inserted row, realigned pipes);
 * a `pasted` table's rows lost their merged cells, so its columns are found by its labels.
 */
export type GridSource = 'gfm' | 'html' | 'pasted';

/** A table as rows of cells. */
export interface Grid {
  readonly range: TextRange;
  readonly rows: readonly GridRow[];
  readonly source: GridSource;
}

const BLANK = /[\s\u00a0\u3000\u200b\ufeff]/;

function isBlank(ch: string | undefined): boolean {
  return ch !== undefined && BLANK.test(ch);
}

/** A `<!-- nianbao-disable-line … -->` (or any nianbao directive) at the end of a row line (suppressions.ts). */
const TRAILING_DIRECTIVE = /[ \t]*<!--[ \t]*nianbao-[^\n]*?-->[ \t]*$/;

/** Where a row line's cells end: before a nianbao directive comment at its end, which is no cell text. */
export function rowCellsEnd(text: string, start: number, end: number): number {
  const line = text.slice(start, end);
  if (!line.includes('<!--')) return end;
  const m = TRAILING_DIRECTIVE.exec(line);
  return m ? start + m.index : end;
}

/** Splits one table row line into cells. */
export function splitRow(text: string, start: number, lineEnd: number): GridCell[] {
  const end = rowCellsEnd(text, start, lineEnd);
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
  return { range, rows, source: 'gfm' };
}
