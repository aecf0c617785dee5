/**
 * Which GFM tables are which standard table, and which of them belong together (表二 written as
 * one table per item, 表三 split by a page break).
 */
import { TABLE3_HEADER_LABELS, TABLE3_ROWS } from '../../formats/table3.js';
import { TABLE4_GROUPS, TABLE4_LITIGATION, TABLE4_OUTCOMES } from '../../formats/table4.js';
import type { TableId } from '../../formats/types.js';
import type { LineIndex } from '../../text/lines.js';
import { labelKey } from '../../text/normalize.js';
import type { Block, HeadingLine } from '../blocks.js';
import type { Grid } from '../grid.js';
import { itemOfTitle, isTable2Label, readTable2, type Table2Segment } from './table2.js';
import { readTable3 } from './table3.js';
import { readTable4 } from './table4.js';
import type { ObservedTable } from './types.js';

/** Labels only 表三 has: its header labels and the labels of its rows and their groups. */
const TABLE3_KEYS = new Set(
  [
    ...TABLE3_HEADER_LABELS.filter((l) => !TABLE4_OUTCOMES.some((o) => o.label === l)),
    ...TABLE3_ROWS.flatMap((r) => [r.label as string, ...r.parents]),
  ].map(labelKey),
);
const TABLE4_GROUP_KEYS = new Set(TABLE4_GROUPS.map((g) => labelKey(g.label)));
const TABLE4_LITIGATION_KEYS = new Set([TABLE4_LITIGATION, ...TABLE4_GROUPS.filter((g) => g.parent).map((g) => g.label)].map(labelKey));

/** Which standard table a GFM table is, if any. */
export function classifyGrid(grid: Grid): TableId | undefined {
  let t2 = 0;
  let t3 = 0;
  let review = false;
  let litigation = false;
  for (const row of grid.rows) {
    for (const cell of row.cells) {
      if (cell.text === '') continue;
      const key = labelKey(cell.text);
      if (TABLE3_KEYS.has(key)) t3++;
      if (TABLE4_GROUP_KEYS.has(key) && !TABLE4_LITIGATION_KEYS.has(key)) review = true;
      if (TABLE4_LITIGATION_KEYS.has(key)) litigation = true;
      if (isTable2Label(cell.text)) t2++;
    }
  }
  if (t3 > 0 && t3 >= t2) return 'table3';
  if (review && litigation) return 'table4';
  if (t2 > 0) return 'table2';
  return undefined;
}

/** The standard tables of a document. */
export function readTables(
  blocks: readonly Block[],
  lines: readonly HeadingLine[],
  sectionStarts: readonly number[],
  index: LineIndex,
): Partial<Record<TableId, ObservedTable>> {
  interface Group {
    readonly id: TableId;
    readonly segments: Table2Segment[];
  }
  const groups: Group[] = [];
  let current: Group | undefined;
  let lastEnd = 0;
  blocks.forEach((block, i) => {
    const grid = block.grid;
    if (block.type !== 'table' || !grid) return;
    const id = classifyGrid(grid);
    if (!id) return;
    const sectionBetween = sectionStarts.some((s) => s >= lastEnd && s < block.range.start);
    const previous = blocks[i - 1];
    const titleLine = previous && previous.type !== 'table' ? lines.find((l) => l.block === i - 1 && itemOfTitle(l.text) !== undefined) : undefined;
    const segment: Table2Segment = titleLine ? { grid, title: { text: titleLine.text, range: titleLine.content } } : { grid };
    if (current && current.id === id && !sectionBetween) current.segments.push(segment);
    else {
      current = { id, segments: [segment] };
      groups.push(current);
    }
    lastEnd = block.range.end;
  });
  const tables: Partial<Record<TableId, ObservedTable>> = {};
  for (const group of groups) {
    if (tables[group.id]) continue;
    if (group.id === 'table2') tables.table2 = readTable2(group.segments, index);
    else if (group.id === 'table3') tables.table3 = readTable3(group.segments.map((s) => s.grid), index);
    else tables.table4 = readTable4(group.segments.map((s) => s.grid), index);
  }
  return tables;
}
