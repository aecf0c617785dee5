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
// Largest spans honoured: a typo such as `rowspan="200"` must not make a grid of millions of slots.
import { INPUT_LIMITS, MAX_COLSPAN, MAX_ROWSPAN } from './input-guard.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];


/**
 * What the HTML tables of one draft may still expand to, and where they went past it (issue 18).
 * Each cell's span is capped, a whole table was not: 300 rows of 100 cells that all say
 * `rowspan=100 colspan=40` expanded until Node ran out of memory. Counted on what the expansion
 * produces (every slot a merged cell covers, filled or not) before it is produced, against
 * `INPUT_LIMITS.tableSlots`; a standard 表三 is 28 × 10 slots.
 */
export class SlotBudget {
  private used = 0;
  /** Where the budget ran out: the offset of the cell whose slots went past it, and the slots counted then. */
  exceeded: { readonly offset: number; readonly slots: number } | undefined;

  constructor(readonly limit: number = INPUT_LIMITS.tableSlots) {}

  /** Takes `n` slots for the cell at `offset`; false (and `exceeded` set) when they are more than are left. */
  take(n: number, offset: number): boolean {
    if (this.exceeded) return false;
    this.used += n;
    if (this.used <= this.limit) return true;
    this.exceeded = { offset, slots: this.used };
    return false;
  }
}
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

/** The text of a cell in source order; iterative, so no nesting depth overflows the stack. */
function textPieces(node: Node, out: TextPiece[]): void {
  const stack: Node[] = [...childrenOf(node)].reverse();
  while (stack.length > 0) {
    const child = stack.pop()!;
    if (child.nodeName === '#text' && 'value' in child) {
      const loc = child.sourceCodeLocation;
      if (loc) out.push({ value: child.value, start: loc.startOffset, end: loc.endOffset });
    } else if (isElement(child) && !SKIPPED.has(child.tagName) && child.tagName !== 'table') {
      const children = childrenOf(child);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
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

/** The grid of one `<table>` element: merged cells expanded, every slot a cell; undefined past the budget. */
function gridOf(table: Element, text: string, offset: number, index: LineIndex, budget: SlotBudget): Grid | undefined {
  const trs = rowsOf(table);
  const slots: (GridCell | undefined)[][] = trs.map(() => []);
  for (let r = 0; r < trs.length; r++) {
    let c = 0;
    for (const child of childrenOf(trs[r]!)) {
      if (!isElement(child) || (child.tagName !== 'td' && child.tagName !== 'th') || !child.sourceCodeLocation) continue;
      while (slots[r]![c] !== undefined) c++;
      const rowspan = Math.min(span(child, 'rowspan', MAX_ROWSPAN), trs.length - r);
      const colspan = span(child, 'colspan', MAX_COLSPAN);
      if (!budget.take(rowspan * colspan, offset + child.sourceCodeLocation.startOffset)) return undefined;
      const cell = readCell(child, text, offset);
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) {
          if (dr === 0 && dc === 0) slots[r]![c] = cell;
          else slots[r + dr]![c + dc] ??= virtualCell(cell.inner.end);
        }
      }
      c += colspan;
    }
  }
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

/** The outermost tables under `node`, in source order; iterative, as {@link textPieces}. */
function collectTables(node: Node, out: Element[]): void {
  const stack: Node[] = [...childrenOf(node)].reverse();
  while (stack.length > 0) {
    const child = stack.pop()!;
    if (!isElement(child) || SKIPPED.has(child.tagName)) continue;
    if (child.tagName === 'table') {
      out.push(child);
      continue;
    }
    const children = childrenOf(child);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

/**
 * The outermost tables in `text.slice(start, end)`, in order, as grids with offsets into `text`.
 * Tables with no rows are left out. Never throws. Past the budget no more table is read and
 * `budget.exceeded` says where.
 */
export function readHtmlTables(text: string, start: number, end: number, index: LineIndex, budget: SlotBudget = new SlotBudget()): HtmlTable[] {
  let fragment: DefaultTreeAdapterMap['documentFragment'];
  try {
    fragment = parseFragment(text.slice(start, end), { sourceCodeLocationInfo: true });
  } catch {
    return [];
  }
  const tables: Element[] = [];
  collectTables(fragment, tables);
  const read: HtmlTable[] = [];
  for (const table of tables) {
    if (!table.sourceCodeLocation) continue;
    const grid = gridOf(table, text, start, index, budget);
    if (!grid) break;
    if (grid.rows.length > 0) read.push({ grid, closed: table.sourceCodeLocation.endTag !== undefined });
  }
  return read;
}
