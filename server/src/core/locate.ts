/**
 * Where an offset of a draft is in the report's own terms (issue 22): the standard table, the
 * row and column of its grid as written (1-based, header rows counted, merged cells expanded), the
 * row's label as written and the column's standard name. A finding in a Word file, a PDF or a web
 * page is told this way, since the unit never saw the Markdown its position would otherwise be in.
 */
import { TABLE_NAMES } from './formats/elements.js';
import type { TableId } from './formats/types.js';
import { describeColumn, displayFormat } from './formats/wording.js';
import type { Report } from './model/report.js';

/** A place in a standard table. */
export interface TablePlace {
  readonly table: TableId;
  /** 表二, 表三, 表四. */
  readonly tableName: string;
  /** The row of the table as written (1-based; its header rows and the rows of all its parts counted). */
  readonly row: number;
  /** The column as written (1-based, merged cells expanded), when the offset is in a cell. */
  readonly column?: number;
  /** The row's label as written, when the row has one the checker read. */
  readonly rowLabel?: string;
  /** The column's standard name, when the offset is in a value cell. */
  readonly columnLabel?: string;
  /** The text of the cell the offset is in, when it is no value cell (a label, a header). */
  readonly cellText?: string;
}

function inside(offset: number, range: { readonly start: number; readonly end: number }): boolean {
  return range.start <= offset && offset <= range.end;
}

/** The place in a standard table of an offset of the report's text, or undefined outside the tables. */
export function tablePlaceAt(report: Report, offset: number): TablePlace | undefined {
  for (const table of Object.values(report.tables)) {
    if (!table || !inside(offset, table.range)) continue;
    const format = displayFormat(report, table);
    let rowNumber = 0;
    const grids = [...table.grids].sort((a, b) => a.range.start - b.range.start);
    for (const grid of grids) {
      for (const row of grid.rows) {
        rowNumber++;
        if (!inside(offset, row.range)) continue;
        const columnIndex = row.cells.findIndex((cell) => !cell.virtual && (inside(offset, cell.inner) || inside(offset, cell.content)));
        const value = [...table.cells.values()].find((cell) => !cell.virtual && (inside(offset, cell.inner) || inside(offset, cell.content)));
        const observed = table.rows.find((r) => inside(r.label.range.start, row.range));
        // 表四's one row of figures has no label of its own: its columns say it all.
        const label = table.id === 'table4' ? undefined : (observed?.label.text ?? table.labels.find((l) => inside(l.range.start, row.range) && l.role !== 'column')?.text);
        return {
          table: table.id,
          tableName: TABLE_NAMES[table.id].zh.slice(0, 2),
          row: rowNumber,
          ...(columnIndex >= 0 ? { column: columnIndex + 1 } : {}),
          ...(label ? { rowLabel: label.replace(/\s+/g, '') } : {}),
          ...(value ? { columnLabel: describeColumn(table.id, value.column, format) } : {}),
          ...(!value && columnIndex >= 0 && row.cells[columnIndex]!.text !== '' && row.cells[columnIndex]!.text !== label ? { cellText: row.cells[columnIndex]!.text.replace(/\s+/g, '') } : {}),
        };
      }
    }
    return { table: table.id, tableName: TABLE_NAMES[table.id].zh.slice(0, 2), row: 0 };
  }
  return undefined;
}
