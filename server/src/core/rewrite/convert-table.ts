/**
 * Converts a standard table to the other format (the unsafe fix of format-version): every value
 * whose meaning is the same in both formats is carried over — same element key, same meaning —
 * and nothing is invented (formats.md §7; §6.4: 对外公开总数量 is not 现行有效件数).
 */
import { TABLE3_OTHER_SPLIT } from '../formats/table3.js';
import { renderTable, type CellText, type LabelText, type RowFilter } from '../formats/template.js';
import type { FormatId } from '../formats/types.js';
import { numericValue } from '../model/cell-value.js';
import { cellKey, type ObservedTable } from '../model/tables/types.js';
import { formatNumber } from '../formats/wording.js';
import { escapeHtmlText } from '../text/literal.js';

/**
 * A cell's text as GFM cell content: one line, pipes escaped. Text read from an HTML table is
 * decoded (`&lt;` is `<` there): written back with character references, so that it stays text
 * and no tag or `<!-- nianbao-disable -->` comment appears that the table did not have (issue 18).
 */
export function gfmCellText(text: string, decoded = false): string {
  const line = text.replace(/\r\n|\r|\n/g, '').replace(/(?<!\\)\|/g, '\\|');
  return decoded ? escapeHtmlText(line) : line;
}

/** Whether a table's cell texts are decoded text (read from HTML), not Markdown source. */
function decodedText(table: ObservedTable): boolean {
  return table.grids.some((grid) => grid.source === 'html');
}

/**
 * The labels of a table as written where they differ from the standard wording only by a typo,
 * a truncation or a note (so the conversion keeps what table-label reports); labels that are
 * the standard ones after normalisation (`(一)`, `商业<br>企业`) are written in the standard way.
 */
export function writtenLabels(table: ObservedTable): LabelText {
  const written = new Map<string, string>();
  for (const label of table.labels) {
    if (label.key !== undefined && (label.quality === 'fuzzy' || label.quality === 'note') && !written.has(label.key)) written.set(label.key, gfmCellText(label.text, decodedText(table)));
  }
  return (key) => written.get(key);
}

/** The Markdown lines of `table` in `format`, with the values that carry over. */
export function convertTable(table: ObservedTable, format: FormatId, label?: LabelText, rows?: RowFilter): string[] {
  const decoded = decodedText(table);
  const raw = (row: string, column: string): string | undefined => {
    const cell = table.cells.get(cellKey(row, column));
    return cell ? gfmCellText(cell.text, decoded) : undefined;
  };
  const value = (row: string, column: string): number | undefined => {
    const cell = table.cells.get(cellKey(row, column));
    return cell ? numericValue(cell.value) : undefined;
  };
  const { single, carriedTo, zeroOnlyWhenSingleIsZero } = TABLE3_OTHER_SPLIT;
  const split: readonly string[] = [carriedTo, ...zeroOnlyWhenSingleIsZero];
  const cell: CellText = (row, column) => {
    const same = raw(row, column);
    if (same !== undefined) return same;
    if (table.id !== 'table3') return undefined;
    if (row === carriedTo) return raw(single, column);
    if ((zeroOnlyWhenSingleIsZero as readonly string[]).includes(row)) return value(single, column) === 0 ? '0' : undefined;
    if (row === single) {
      const parts = split.map((r) => value(r, column));
      return parts.every((p) => p !== undefined) ? formatNumber(parts.reduce((a, b) => a! + b!, 0)!) : undefined;
    }
    return undefined;
  };
  return renderTable(table.id, format, cell, label, rows);
}
