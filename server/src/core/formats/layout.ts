/**
 * The official layout of the standard tables: every cell with its merges (rowspan/colspan), as
 * printed in the formats (formats.md §4–5). Derived from the same format data as
 * `renderTable` (template.ts), which is this layout flattened: a merged cell's text in the
 * top-left slot, the slots it covers empty (markdown-convention.md "The one rule for tables").
 * Used by the export to .docx and .html.
 */
import { TABLE2_CONTENT_HEADER, TABLE2_ITEMS, itemTitle } from './table2.js';
import { TABLE3_APPLICANTS, TABLE3_COLUMNS, TABLE3_LEGAL_PERSONS, TABLE3_NOTE, TABLE3_ROWS, TABLE3_TOTAL_COLUMN } from './table3.js';
import { TABLE4_GROUPS, TABLE4_OUTCOMES, TABLE4_ROW, table4ColumnKey } from './table4.js';
import { table2Width, type CellText } from './template.js';
import { labelIn, type FormatId, type TableId } from './types.js';

/** A cell of the official layout: where it starts is given by its row and the cells before it. */
export interface LaidOutCell {
  /** The label, or the value the {@link CellText} gave (empty when none). */
  readonly text: string;
  /** Number of rows the cell spans (1 when not merged). */
  readonly rowspan: number;
  /** Number of columns the cell spans (1 when not merged). */
  readonly colspan: number;
  /** A label or header cell (printed centred and bold). */
  readonly header: boolean;
  /** A value cell (printed right-aligned). */
  readonly numeric: boolean;
  /**
   * What the cell stands for: `row|column` for a value cell, the element key (formats/elements.ts:
   * `i1`, `i1.issued`, `granted`, `review.total`) for a label of one; none for a header that
   * labels no element (申请人情况, 三、本年度办理结果, 行政诉讼).
   */
  readonly key?: string;
}

/**
 * The rows of a laid-out table, as in HTML: each row lists only the cells that start in it,
 * left to right; slots covered by a cell from a row above are not listed.
 */
export type TableLayout = readonly (readonly LaidOutCell[])[];

/** Builds a layout slot by slot, so that every row lists its cells in column order. */
class LayoutBuilder {
  private readonly rows: { column: number; cell: LaidOutCell }[][] = [];

  /** Places a cell with its top-left slot at (row, column). */
  put(row: number, column: number, text: string, options: { rowspan?: number; colspan?: number; numeric?: boolean; key?: string } = {}): void {
    while (this.rows.length <= row) this.rows.push([]);
    const numeric = options.numeric ?? false;
    const cell: LaidOutCell = { text, rowspan: options.rowspan ?? 1, colspan: options.colspan ?? 1, header: !numeric, numeric };
    this.rows[row]!.push({ column, cell: options.key === undefined ? cell : { ...cell, key: options.key } });
  }

  /** The rows, each sorted by column. */
  build(): LaidOutCell[][] {
    return this.rows.map((row) => row.sort((a, b) => a.column - b.column).map((entry) => entry.cell));
  }
}

/**
 * 表二: each 第二十条 item is a title row spanning the width, a 信息内容 header row and its
 * data rows; in a row with fewer columns than the widest item the last cell spans the rest.
 */
function layoutTable2(format: FormatId, cell: CellText): LaidOutCell[][] {
  const width = table2Width(format);
  const builder = new LayoutBuilder();
  let r = 0;
  for (const item of TABLE2_ITEMS.filter((i) => i.formats.includes(format))) {
    const columns = item.columns.filter((c) => c.formats.includes(format));
    const rest = (index: number): number => (index === columns.length - 1 ? width - columns.length : 1);
    builder.put(r++, 0, itemTitle(item), { colspan: width, key: item.key });
    builder.put(r, 0, TABLE2_CONTENT_HEADER);
    columns.forEach((c, i) => builder.put(r, 1 + i, labelIn(c.label, format), { colspan: rest(i), key: `${item.key}.${c.key}` }));
    r++;
    for (const row of item.rows.filter((x) => x.formats.includes(format))) {
      const rowKey = `${item.key}.${row.key}`;
      builder.put(r, 0, labelIn(row.label, format), { key: rowKey });
      columns.forEach((c, i) => {
        const columnKey = `${item.key}.${c.key}`;
        builder.put(r, 1 + i, cell(rowKey, columnKey) ?? '', { colspan: rest(i), numeric: true, key: `${rowKey}|${columnKey}` });
      });
      r++;
    }
  }
  return builder.build();
}

/** Number of label columns of 表三: level 1 (一、…), level 2 (（一）…), level 3 (1.…). */
const TABLE3_LABEL_COLUMNS = 3;
/** Number of header rows of 表三: 申请人情况, then 自然人 · 法人或其他组织 · 总计, then the five 法人 columns. */
const TABLE3_HEADER_ROWS = 3;

/**
 * 表三: the note block (3×3), 申请人情况 over the seven value columns, 自然人 and 总计 over two
 * header rows, 法人或其他组织 over its five columns; each row's label spans the label columns
 * its level leaves free, and each parent label spans the rows under it.
 */
function layoutTable3(format: FormatId, cell: CellText): LaidOutCell[][] {
  const builder = new LayoutBuilder();
  const values = TABLE3_COLUMNS.length;
  const legal = TABLE3_COLUMNS.filter((c) => c.key !== TABLE3_COLUMNS[0]!.key && c.key !== TABLE3_TOTAL_COLUMN);
  builder.put(0, 0, TABLE3_NOTE, { rowspan: TABLE3_HEADER_ROWS, colspan: TABLE3_LABEL_COLUMNS });
  builder.put(0, TABLE3_LABEL_COLUMNS, TABLE3_APPLICANTS, { colspan: values });
  builder.put(1, TABLE3_LABEL_COLUMNS, TABLE3_COLUMNS[0]!.label as string, { rowspan: 2, key: TABLE3_COLUMNS[0]!.key });
  builder.put(1, TABLE3_LABEL_COLUMNS + 1, TABLE3_LEGAL_PERSONS, { colspan: legal.length });
  builder.put(1, TABLE3_LABEL_COLUMNS + values - 1, TABLE3_COLUMNS.at(-1)!.label as string, { rowspan: 2, key: TABLE3_COLUMNS.at(-1)!.key });
  legal.forEach((c, i) => builder.put(2, TABLE3_LABEL_COLUMNS + 1 + i, c.label as string, { key: c.key }));
  const rows = TABLE3_ROWS.filter((row) => row.formats.includes(format));
  const placed = new Set<string>();
  rows.forEach((row, index) => {
    const r = TABLE3_HEADER_ROWS + index;
    row.parents.forEach((parent, level) => {
      const path = row.parents.slice(0, level + 1).join('/');
      if (placed.has(path)) return;
      placed.add(path);
      const under = rows.filter((other) => other.parents.slice(0, level + 1).join('/') === path).length;
      builder.put(r, level, parent, { rowspan: under });
    });
    builder.put(r, row.parents.length, labelIn(row.label, format), { colspan: TABLE3_LABEL_COLUMNS - row.parents.length, key: row.key });
    TABLE3_COLUMNS.forEach((c, i) => builder.put(r, TABLE3_LABEL_COLUMNS + i, cell(row.key, c.key) ?? '', { numeric: true, key: `${row.key}|${c.key}` }));
  });
  return builder.build();
}

/**
 * 表四: a group without a parent header (行政复议) spans its outcome columns in the first row
 * and its outcomes span the two lower header rows; groups under one parent (行政诉讼) share it
 * in the first row, carry their own label in the second and their outcomes in the third.
 */
function layoutTable4(cell: CellText): LaidOutCell[][] {
  const builder = new LayoutBuilder();
  const size = TABLE4_OUTCOMES.length;
  const parentsPlaced = new Set<string>();
  TABLE4_GROUPS.forEach((group, g) => {
    const column = g * size;
    if (group.parent === undefined) {
      builder.put(0, column, group.label, { colspan: size });
      TABLE4_OUTCOMES.forEach((o, i) => builder.put(1, column + i, o.label, { rowspan: 2, key: table4ColumnKey(group.key, o.key) }));
    } else {
      if (!parentsPlaced.has(group.parent)) {
        parentsPlaced.add(group.parent);
        const groups = TABLE4_GROUPS.filter((other) => other.parent === group.parent).length;
        builder.put(0, column, group.parent, { colspan: groups * size });
      }
      builder.put(1, column, group.label, { colspan: size });
      TABLE4_OUTCOMES.forEach((o, i) => builder.put(2, column + i, o.label, { key: table4ColumnKey(group.key, o.key) }));
    }
    TABLE4_OUTCOMES.forEach((o, i) => {
      const key = table4ColumnKey(group.key, o.key);
      builder.put(3, column + i, cell(TABLE4_ROW, key) ?? '', { numeric: true, key: `${TABLE4_ROW}|${key}` });
    });
  });
  return builder.build();
}

/**
 * The official layout of a standard table in a format, with the values `cell` gives
 * (row and column keys as in {@link CellText}). Flattened — each cell's text in its
 * top-left slot, covered slots empty — it is exactly the grid `renderTable` writes.
 */
export function tableLayout(table: TableId, format: FormatId, cell: CellText): TableLayout {
  if (table === 'table2') return layoutTable2(format, cell);
  if (table === 'table3') return layoutTable3(format, cell);
  return layoutTable4(cell);
}

/** Number of columns of a layout (the slots its first row covers). */
export function layoutWidth(layout: TableLayout): number {
  return (layout[0] ?? []).reduce((sum, c) => sum + c.colspan, 0);
}

/**
 * A layout as a full grid of slots: each slot holds the cell covering it and whether it is
 * that cell's top-left slot. Throws when two cells overlap or a slot of the width stays empty,
 * so a layout that does not tile its grid is caught where it is used.
 */
export function layoutSlots(layout: TableLayout): { cell: LaidOutCell; origin: boolean }[][] {
  const width = layoutWidth(layout);
  const slots: ({ cell: LaidOutCell; origin: boolean } | undefined)[][] = layout.map(() => new Array(width).fill(undefined));
  layout.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (c < width && slots[r]![c] !== undefined) c++;
      for (let dr = 0; dr < cell.rowspan; dr++) {
        for (let dc = 0; dc < cell.colspan; dc++) {
          const target = slots[r + dr];
          if (target === undefined || c + dc >= width) throw new Error(`cell “${cell.text}” at row ${r} overflows the table`);
          if (target[c + dc] !== undefined) throw new Error(`cell “${cell.text}” at row ${r} overlaps another`);
          target[c + dc] = { cell, origin: dr === 0 && dc === 0 };
        }
      }
      c += cell.colspan;
    }
  });
  return slots.map((row, r) =>
    row.map((slot, c) => {
      if (slot === undefined) throw new Error(`slot ${r},${c} is not covered`);
      return slot;
    }),
  );
}

/** The layout flattened as the Markdown convention writes it: text in the top-left slot, covered slots empty. */
export function flattenLayout(layout: TableLayout): string[][] {
  return layoutSlots(layout).map((row) => row.map((slot) => (slot.origin ? slot.cell.text : '')));
}
