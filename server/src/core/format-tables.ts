/**
 * Document formatting: aligns the standard tables so their columns line up in the editor. Only
 * the white space around cell contents and the dashes of the delimiter row change; nothing
 * outside the tables does.
 *
 * A CJK character is not two Latin widths in a code editor ({@link CJK_LATIN_RATIO}), so padding
 * with spaces alone drifts. Labels and
 * headers are padded with U+3000 (an ideographic space, drawn by the same CJK font, so exactly
 * one CJK width whatever the font) up to the column's most CJK characters, then with spaces up to
 * its most Latin ones: every label cell of a column has the same width in any font, and every
 * figure cell too (figures are padded with spaces only: a figure cell holds its figure and
 * nothing a spreadsheet or another Markdown reader would take for text). Data rows, which hold
 * labels and figures, therefore align exactly; only a header row (CJK headers above figure
 * columns) can be off from the data rows by a fraction of a character per column, where no
 * padding can be exact (by under 0.2 of a character per CJK character of the header, with
 * {@link CJK_LATIN_RATIO}).
 */
import type { Report } from './model/report.js';
import { rowCellsEnd, type GridCell, type GridRow } from './model/grid.js';
import type { TextEdit } from './findings.js';
import { editorWidths } from './text/width.js';

const DELIMITER_CELL = /^\s*(:?)-+(:?)\s*$/;
const IDEOGRAPHIC_SPACE = '\u3000';

function splitDelimiter(line: string): string[] | undefined {
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells = body.split('|');
  return cells.every((c) => DELIMITER_CELL.test(c)) ? cells : undefined;
}

/**
 * How many Latin widths a CJK character takes in the editor, for what no U+3000 can pad: a
 * figure cell under a CJK header and the delimiter row's dashes. Measured in VS Code 1.139
 * (code-server, Chromium, default font settings, 14 px): 1.645 on Linux; the fonts' advance widths
 * give 1.66 on macOS (Menlo + PingFang) and 1.82 on Windows (Consolas + Microsoft YaHei). 1.65 is
 * off by under 0.2 of a character per CJK character on all three; a terminal's 2 would be off by
 * 0.35 on Linux and macOS (test/e2e/ui/measure-widths.ts, README).
 */
export const CJK_LATIN_RATIO = 1.65;

/** A column: its label cells' most CJK and most Latin characters, the widest figure (in Latin widths), and the spaces label cells add for it. */
interface ColumnWidth {
  wide: number;
  narrow: number;
  figure: number;
}

/** Edits that align every standard table of the report. */
export function formatTables(report: Report): TextEdit[] {
  const edits: TextEdit[] = [];
  const { lines, text } = report;
  for (const table of Object.values(report.tables)) {
    if (!table) continue;
    // The figure cells (filled, blank or 无) of the model: spaces only.
    const figures = new Set([...table.cells.values()].filter((c) => !c.virtual).map((c) => c.inner.start));
    const isFigure = (cell: GridCell): boolean => figures.has(cell.inner.start);
    for (const grid of table.grids) {
      const rows: readonly GridRow[] = grid.rows;
      if (rows.length === 0 || grid.source !== 'gfm') continue;
      const delimiterLine = rows[0]!.line + 1;
      const delimiter = splitDelimiter(lines.lineText(delimiterLine));
      if (!delimiter) continue;
      const columns = Math.max(delimiter.length, ...rows.map((r) => r.cells.length));
      const widths: ColumnWidth[] = Array.from({ length: columns }, () => ({ wide: 0, narrow: 0, figure: 0 }));
      for (const row of rows) {
        row.cells.forEach((cell, j) => {
          const column = widths[j]!;
          const { wide, narrow } = editorWidths(cell.text);
          if (isFigure(cell)) column.figure = Math.max(column.figure, Math.round(wide * CJK_LATIN_RATIO) + narrow);
          else {
            column.wide = Math.max(column.wide, wide);
            column.narrow = Math.max(column.narrow, narrow);
          }
        });
      }
      // A column's width in Latin widths, as drawn; label cells pad with spaces to a figure wider than them.
      const labelWidth = (c: ColumnWidth): number => Math.round(c.wide * CJK_LATIN_RATIO) + c.narrow;
      const width = (c: ColumnWidth): number => Math.max(3, labelWidth(c), c.figure);
      const pad = (cell: GridCell, j: number): string => {
        const column = widths[j]!;
        const { wide, narrow } = editorWidths(cell.text);
        if (isFigure(cell)) return cell.text + ' '.repeat(Math.max(0, width(column) - Math.round(wide * CJK_LATIN_RATIO) - narrow));
        // The column's most CJK characters (U+3000 is one in any font) and the same Latin widths in every label cell.
        return cell.text + IDEOGRAPHIC_SPACE.repeat(column.wide - wide) + ' '.repeat(column.narrow - narrow + width(column) - labelWidth(column));
      };
      const replace = (line: number, next: string): void => {
        const start = lines.lineStart(line);
        const end = lines.lineEnd(line);
        const indent = /^[ \t]*/.exec(text.slice(start, end))![0];
        if (text.slice(start, end) !== indent + next) edits.push({ range: { start, end }, newText: indent + next });
      };
      for (const row of rows) {
        // A nianbao directive at the end of the row (suppressions.ts) stays there.
        const cellsEnd = rowCellsEnd(text, row.range.start, row.range.end);
        const directive = text.slice(cellsEnd, row.range.end).trim();
        replace(row.line, `| ${row.cells.map((cell, j) => pad(cell, j)).join(' | ')} |${directive ? ` ${directive}` : ''}`);
      }
      const dashes = delimiter.map((cell, j) => {
        const [, left, right] = DELIMITER_CELL.exec(cell)!;
        const width = widths[j] ? Math.max(3, labelWidth(widths[j]!), widths[j]!.figure) : 3;
        return `${left}${'-'.repeat(Math.max(3, width - left!.length - right!.length))}${right}`;
      });
      replace(delimiterLine, `| ${dashes.join(' | ')} |`);
    }
  }
  return edits;
}
