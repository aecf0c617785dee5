/**
 * What looks like a table but is none of the standard tables nianbao reads: a table in a layout
 * it does not know, text laid out with tabs, a table pasted as an image (formats.md §10 E4).
 * missing-table must never insert a template next to such a block; table-unreadable reports it,
 * with what was recognised in it.
 */
import { elementWordings, tableElements } from '../formats/elements.js';
import type { TableId } from '../formats/types.js';
import type { TextRange } from '../text/lines.js';
import { labelKey } from '../text/normalize.js';
import type { Block } from './blocks.js';
import type { Grid } from './grid.js';

/** A block that looks like a table nianbao cannot read. */
export interface UnreadTable {
  readonly range: TextRange;
  /** `table`: a table (GFM, HTML or pasted) that is no standard table; `image`: a picture. */
  readonly kind: 'table' | 'image';
  /** The source form of a table. */
  readonly source?: Grid['source'];
  /** Standard labels found in it, as written (at most a few). */
  readonly labels: readonly string[];
  readonly rows: number;
}

const TABLE_IDS: readonly TableId[] = ['table2', 'table3', 'table4'];
const STANDARD_LABELS = new Set(
  TABLE_IDS.flatMap((id) => tableElements(id).flatMap((e) => elementWordings(e).map((w) => labelKey(w.text)))),
);
const IMAGE = /!\[[^\]\n]*\]\([^)\n]*\)|<img[\s>/]|\[image\s*:[^\]\n]*\]/gi;
const MAX_LABELS = 4;

function labelsOf(grid: Grid): string[] {
  const found: string[] = [];
  for (const row of grid.rows) {
    for (const cell of row.cells) {
      if (cell.text === '' || found.length >= MAX_LABELS) continue;
      if (STANDARD_LABELS.has(labelKey(cell.text)) && !found.includes(cell.text)) found.push(cell.text);
    }
  }
  return found;
}

/** A grid laid out like a table: at least three rows of two cells or more. */
function isTabular(grid: Grid): boolean {
  return grid.rows.filter((r) => r.cells.filter((c) => c.text !== '').length >= 2).length >= 3;
}

/**
 * The unread tables of a draft: table blocks that are no standard table (`isStandard` false),
 * pasted text that is laid out like a table but is none, and images.
 */
export function findUnreadTables(
  blocks: readonly Block[],
  unreadGrids: readonly Grid[],
  isStandard: (grid: Grid) => boolean,
  text: string,
): UnreadTable[] {
  const found: UnreadTable[] = [];
  for (const block of blocks) {
    if (block.grid) {
      if (!isStandard(block.grid)) found.push({ range: block.range, kind: 'table', source: block.grid.source, labels: labelsOf(block.grid), rows: block.grid.rows.length });
      continue;
    }
    if (block.type === 'table') continue;
    const body = text.slice(block.range.start, block.range.end);
    IMAGE.lastIndex = 0;
    for (let m = IMAGE.exec(body); m; m = IMAGE.exec(body)) {
      const start = block.range.start + m.index;
      found.push({ range: { start, end: start + m[0].length }, kind: 'image', labels: [], rows: 0 });
    }
  }
  for (const grid of unreadGrids) {
    if (isTabular(grid)) found.push({ range: grid.range, kind: 'table', source: grid.source, labels: labelsOf(grid), rows: grid.rows.length });
  }
  return found.sort((a, b) => a.range.start - b.range.start);
}
