/**
 * Tables pasted as text (shared/fixtures/pasted/README.md): what a drafter gets by copying a
 * Word table or a PDF into a `.md` file.
 *
 * - Word: one cell per line, indented by a tab, a blank line between rows; merged cells are
 *   collapsed (a vertically merged continuation is an empty `\t` line, a horizontal merge one
 *   line), and a cell whose text wrapped continues on a line without the tab (`结果` / `维持`).
 * - PDF: one row per line, cells separated by tabs, merged cells as empty cells (not always),
 *   a page break repeating the header rows and breaking a label across two lines.
 *
 * Both are read into a grid whose rows are as written; the table readers align the values
 * by the labels, since the merged cells are gone (source `pasted`). Conversion leftovers such
 * as `[bookmark: _GoBack]` are not part of a cell's text.
 */
import type { LineIndex, TextRange } from '../text/lines.js';
import type { Grid, GridCell, GridRow } from './grid.js';

type Kind = 'separator' | 'cell' | 'row' | 'text' | 'continuation' | 'joiner';

const BLANK = /[\s\u00a0\u3000\u200b\ufeff]/;
/** Conversion leftovers: `[image: ]`, `[bookmark: _GoBack]`. */
export const LEFTOVER = /\[(?:image|bookmark)\s*:[^\]\n]*\]/g;
const LEADING_LEFTOVER = /^\[(?:image|bookmark)\s*:[^\]\n]*\]/;
const SECTION_LIKE = /^[\s\u3000]*[一二三四五六七八九十]+[、.．]/;
const MAX_CONTINUATION = 30;
/** A wrapped end of a row's last cell is short (`件数`, `位：万元）`); a longer line after a row is text. */
const MAX_TRAILING_CONTINUATION = 8;

function kindOf(line: string): Kind {
  if (!line.includes('\t')) return line.trim() === '' ? 'separator' : 'text';
  const firstSolid = line.search(/[^\t]/);
  if (firstSolid === -1) return line.length >= 2 ? 'row' : 'cell';
  return line.indexOf('\t', firstSolid) !== -1 ? 'row' : line.startsWith('\t') ? 'cell' : 'text';
}

function trimmed(text: string, start: number, end: number): TextRange {
  let s = start;
  let e = end;
  for (;;) {
    while (s < e && BLANK.test(text[s]!)) s++;
    const leftover = LEADING_LEFTOVER.exec(text.slice(s, e));
    if (!leftover) break;
    s += leftover[0].length;
  }
  while (e > s && BLANK.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}

function cellOf(text: string, inner: TextRange, index: LineIndex): GridCell {
  const content = trimmed(text, inner.start, inner.end);
  const value = text.slice(content.start, content.end).replace(LEFTOVER, '').replace(/\r?\n|\r/g, '');
  return { inner, content: value === '' ? { start: content.start, end: content.start } : content, text: value, line: index.lineAt(content.start), bare: true };
}

/** The cells of a PDF row line: the pieces between its tabs. */
function splitTabs(text: string, start: number, end: number, index: LineIndex): GridCell[] {
  const cells: GridCell[] = [];
  let pieceStart = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text[i] !== '\t') continue;
    cells.push(cellOf(text, { start: pieceStart, end: i }, index));
    pieceStart = i + 1;
  }
  return cells;
}

/** A stretch of lines that is a pasted table: [first, last] lines, both inclusive. */
interface Region {
  readonly first: number;
  readonly last: number;
  readonly kinds: readonly Kind[];
}

function isCellOrRow(kind: Kind | undefined): boolean {
  return kind === 'cell' || kind === 'row';
}

/**
 * A short text line between two cell lines is the wrapped end of the cell before it (`结果` /
 * `维持`), even with a blank line before it (seed 001), unless it reads like a section heading;
 * so is a very short one that ends a row (`现行有效` / `件数`).
 */
function continuationAt(lines: LineIndex, kinds: readonly Kind[], line: number): 'direct' | 'after-blank' | undefined {
  if (kinds[line] !== 'text' || line === 0) return undefined;
  const source = lines.lineText(line).trim();
  if (source.length > MAX_CONTINUATION || /[。；]/.test(source) || SECTION_LIKE.test(source)) return undefined;
  if (!isCellOrRow(kinds[line + 1])) {
    const endsRow = kinds[line + 1] === 'separator' || line + 1 >= kinds.length;
    return endsRow && kinds[line - 1] === 'cell' && source.length <= MAX_TRAILING_CONTINUATION ? 'direct' : undefined;
  }
  if (isCellOrRow(kinds[line - 1])) return 'direct';
  if (kinds[line - 1] === 'separator' && line >= 2 && kinds[line - 2] === 'cell') return 'after-blank';
  return undefined;
}

function regionsOf(lines: LineIndex, excluded: (line: number) => boolean): Region[] {
  const count = lines.lineCount;
  const kinds: Kind[] = [];
  for (let line = 0; line < count; line++) {
    const kind = kindOf(lines.lineText(line));
    // Only a line with a tab can be part of a table: ask about the others no further.
    kinds.push((kind === 'cell' || kind === 'row') && excluded(line) ? 'text' : kind);
  }
  for (let line = 0; line < count; line++) {
    const continuation = continuationAt(lines, kinds, line);
    if (!continuation) continue;
    kinds[line] = 'continuation';
    if (continuation === 'after-blank') kinds[line - 1] = 'joiner';
  }
  const regions: Region[] = [];
  let line = 0;
  while (line < count) {
    if (!isCellOrRow(kinds[line])) {
      line++;
      continue;
    }
    const first = line;
    let last = line;
    for (let next = line + 1; next < count; next++) {
      const kind = kinds[next];
      if (isCellOrRow(kind) || kind === 'continuation') last = next;
      else if (kind === 'text') break;
    }
    regions.push({ first, last, kinds });
    line = last + 1;
  }
  return regions;
}

function rowOf(cells: GridCell[], index: LineIndex, first: number, last: number): GridRow {
  const start = index.lineStart(first);
  return { line: first, range: { start, end: index.lineEnd(last) }, cells };
}

function gridOf(region: Region, text: string, index: LineIndex): Grid | undefined {
  const { first, last, kinds } = region;
  let cellLines = 0;
  let rowLines = 0;
  for (let line = first; line <= last; line++) {
    if (kinds[line] === 'cell') cellLines++;
    else if (kinds[line] === 'row') rowLines++;
  }
  const rows: GridRow[] = [];
  if (rowLines > cellLines) {
    // PDF text: a line is a row.
    for (let line = first; line <= last; line++) {
      if (kinds[line] === 'separator' || kinds[line] === 'joiner') continue;
      const cells = splitTabs(text, index.lineStart(line), index.lineEnd(line), index);
      if (cells.every((c) => c.text === '')) continue;
      rows.push(rowOf(cells, index, line, line));
    }
  } else {
    // Word: a line is a cell, a blank line ends a row.
    let cells: GridCell[] = [];
    let rowFirst = first;
    let rowLast = first;
    const flush = (): void => {
      if (cells.length > 0 && cells.some((c) => c.text !== '')) rows.push(rowOf(cells, index, rowFirst, rowLast));
      cells = [];
    };
    for (let line = first; line <= last; line++) {
      const kind = kinds[line];
      if (kind === 'separator') {
        flush();
        continue;
      }
      if (kind === 'joiner') continue;
      if (cells.length === 0) rowFirst = line;
      rowLast = line;
      const start = index.lineStart(line);
      const end = index.lineEnd(line);
      if (kind === 'continuation') {
        // A cell's text wrapped onto a line without the tab.
        const previous = cells.pop();
        const innerStart = previous ? previous.inner.start : start;
        cells.push(cellOf(text, { start: innerStart, end }, index));
        continue;
      }
      let s = start;
      while (s < end && text[s] === '\t') s++;
      if (kind === 'row') cells.push(...splitTabs(text, s, end, index));
      else cells.push(cellOf(text, { start: s, end }, index));
    }
    flush();
  }
  const cellCount = rows.reduce((n, r) => n + r.cells.length, 0);
  if (rows.length < 2 || cellCount < 6) return undefined;
  return { range: { start: rows[0]!.range.start, end: rows.at(-1)!.range.end }, rows, source: 'pasted' };
}

/**
 * The tables pasted as text in a draft, as grids in document order. Lines for which `excluded`
 * is true (fenced code, HTML tables) are never part of one. Standard or not: the caller decides.
 */
export function readPastedTables(text: string, index: LineIndex, excluded: (line: number) => boolean): Grid[] {
  if (!text.includes('\t')) return [];
  const grids: Grid[] = [];
  for (const region of regionsOf(index, excluded)) {
    const grid = gridOf(region, text, index);
    if (grid) grids.push(grid);
  }
  return grids;
}
