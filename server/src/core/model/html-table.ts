/**
 * HTML `<table>` blocks read into the same grid as a GFM table (markdown-convention.md "Tolerated
 * variants": what Word→HTML converters such as mammoth and government web pages produce).
 *
 * parse5 reads the HTML with source locations; `rowspan`/`colspan` are expanded the way the
 * Markdown convention flattens merged cells (the text in the top-left slot, the covered slots
 * empty), and every cell keeps the exact range of the text inside its `<td>`, after any
 * `<p>`/`<span>`/`<strong>` around it, so a fix edits the right cell.
 */
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import type { LineIndex, TextRange } from '../text/lines.js';
import type { Grid, GridCell, GridRow } from './grid.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Largest spans honoured: a typo such as `rowspan="200"` must not make a grid of millions of slots. */
const MAX_ROWSPAN = 100;
const MAX_COLSPAN = 40;
const SKIPPED = new Set(['script', 'style', 'template']);
const SECTIONS = new Set(['thead', 'tbody', 'tfoot']);

/** White space as a draft writes it in HTML source: characters and the entities for them. */
const LEADING_BLANK = /^(?:[\s\u00a0\u3000\u200b\ufeff]|&(?:nbsp|ensp|emsp|thinsp|#160|#xa0|#12288|#x3000);)+/i;
const TRAILING_BLANK = /(?:[\s\u00a0\u3000\u200b\ufeff]|&(?:nbsp|ensp|emsp|thinsp|#160|#xa0|#12288|#x3000);)+$/i;

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function childrenOf(node: Node): readonly Node[] {
  return 'childNodes' in node ? (node.childNodes as readonly Node[]) : [];
}

function span(element: Element, name: string, max: number): number {
  const raw = element.attrs.find((a) => a.name === name)?.value;
  const n = raw === undefined ? 1 : Number.parseInt(raw, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, max) : 1;
}

/** The rows of a table, in order: its own `<tr>`s and those of its row groups, not a nested table's. */
function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of childrenOf(table)) {
    if (!isElement(child)) continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (SECTIONS.has(child.tagName)) for (const tr of childrenOf(child)) if (isElement(tr) && tr.tagName === 'tr') rows.push(tr);
  }
  return rows;
}

interface TextPiece {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

function textPieces(node: Node, out: TextPiece[]): void {
  for (const child of childrenOf(node)) {
    if (child.nodeName === '#text' && 'value' in child) {
      const loc = child.sourceCodeLocation;
      if (loc) out.push({ value: child.value, start: loc.startOffset, end: loc.endOffset });
    } else if (isElement(child) && !SKIPPED.has(child.tagName) && child.tagName !== 'table') textPieces(child, out);
  }
}

/** A cell's text and the source range of it, white space and `&nbsp;` trimmed at both ends. */
function readCell(cell: Element, text: string, offset: number): GridCell {
  const loc = cell.sourceCodeLocation!;
  const innerStart = offset + (loc.startTag?.endOffset ?? loc.startOffset);
  const innerEnd = offset + (loc.endTag?.startOffset ?? loc.endOffset);
  const pieces: TextPiece[] = [];
  textPieces(cell, pieces);
  const value = pieces.map((p) => p.value).join('').replace(/^[\s\u00a0\u3000\u200b\ufeff]+|[\s\u00a0\u3000\u200b\ufeff]+$/g, '');
  const inner = { start: innerStart, end: Math.max(innerStart, innerEnd) };
  const solid = pieces.filter((p) => p.value.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '') !== '');
  if (value === '' || solid.length === 0) return { inner, content: { start: innerStart, end: innerStart }, text: '', bare: true };
  let start = offset + solid[0]!.start;
  let end = offset + solid.at(-1)!.end;
  start += LEADING_BLANK.exec(text.slice(start, end))?.[0].length ?? 0;
  end -= TRAILING_BLANK.exec(text.slice(start, end))?.[0].length ?? 0;
  return { inner, content: { start, end: Math.max(start, end) }, text: value, bare: true };
}

function virtualCell(at: number): GridCell {
  const empty: TextRange = { start: at, end: at };
  return { inner: empty, content: empty, text: '', virtual: true };
}

/**
 * Where a row is written: its `<tr>`, or — for a row the parser implied (`<table><td>…`, no
 * `<tr>` in the source) — from its first cell to its last; undefined when nothing of it is.
 */
function rowRange(tr: Element, offset: number): TextRange | undefined {
  const own = tr.sourceCodeLocation;
  if (own) return { start: offset + own.startOffset, end: offset + own.endOffset };
  const cells = childrenOf(tr).filter(isElement).map((c) => c.sourceCodeLocation).filter((l) => l !== null && l !== undefined);
  if (cells.length === 0) return undefined;
  return { start: offset + cells[0]!.startOffset, end: offset + cells.at(-1)!.endOffset };
}

/** The grid of one `<table>` element: merged cells expanded, every slot a cell. */
function gridOf(table: Element, text: string, offset: number, index: LineIndex): Grid {
  const trs = rowsOf(table);
  const slots: (GridCell | undefined)[][] = trs.map(() => []);
  trs.forEach((tr, r) => {
    let c = 0;
    for (const child of childrenOf(tr)) {
      if (!isElement(child) || (child.tagName !== 'td' && child.tagName !== 'th') || !child.sourceCodeLocation) continue;
      while (slots[r]![c] !== undefined) c++;
      const cell = readCell(child, text, offset);
      const rowspan = Math.min(span(child, 'rowspan', MAX_ROWSPAN), trs.length - r);
      const colspan = span(child, 'colspan', MAX_COLSPAN);
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) {
          if (dr === 0 && dc === 0) slots[r]![c] = cell;
          else slots[r + dr]![c + dc] ??= virtualCell(cell.inner.end);
        }
      }
      c += colspan;
    }
  });
  const rows: GridRow[] = [];
  trs.forEach((tr, r) => {
    const range = rowRange(tr, offset);
    if (!range) return;
    const cells = Array.from(slots[r]!, (cell) => cell ?? virtualCell(range.start));
    rows.push({
      line: index.lineAt(range.start),
      range,
      cells: cells.map((cell) => (cell.virtual ? cell : { ...cell, line: index.lineAt(cell.content.start) })),
    });
  });
  const loc = table.sourceCodeLocation!;
  return { range: { start: offset + loc.startOffset, end: offset + loc.endOffset }, rows, source: 'html' };
}

/** An HTML table found in a stretch of the draft. */
export interface HtmlTable {
  readonly grid: Grid;
  /** Whether the source closes the table with `</table>`. */
  readonly closed: boolean;
}

function collectTables(node: Node, out: Element[]): void {
  for (const child of childrenOf(node)) {
    if (!isElement(child) || SKIPPED.has(child.tagName)) continue;
    if (child.tagName === 'table') out.push(child);
    else collectTables(child, out);
  }
}

/**
 * The outermost tables in `text.slice(start, end)`, in order, as grids with offsets into `text`.
 * Tables with no rows are left out. Never throws.
 */
export function readHtmlTables(text: string, start: number, end: number, index: LineIndex): HtmlTable[] {
  let fragment: DefaultTreeAdapterMap['documentFragment'];
  try {
    fragment = parseFragment(text.slice(start, end), { sourceCodeLocationInfo: true });
  } catch {
    return [];
  }
  const tables: Element[] = [];
  collectTables(fragment, tables);
  return tables
    .filter((t) => t.sourceCodeLocation)
    .map((t) => ({ grid: gridOf(t, text, start, index), closed: t.sourceCodeLocation!.endTag !== undefined }))
    .filter((t) => t.grid.rows.length > 0);
}
