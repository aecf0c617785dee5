/**
 * Document formatting: aligns the standard tables so their columns line up in a monospaced
 * editor (a Chinese character counts as two columns). Only the white space around cell
 * contents and the dashes of the delimiter row change; nothing outside the tables does.
 */
import type { Report } from './model/report.js';
import { rowCellsEnd, type GridRow } from './model/grid.js';
import type { TextEdit } from './findings.js';
import { displayWidth } from './text/width.js';

const DELIMITER_CELL = /^\s*(:?)-+(:?)\s*$/;

function splitDelimiter(line: string): string[] | undefined {
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells = body.split('|');
  return cells.every((c) => DELIMITER_CELL.test(c)) ? cells : undefined;
}

/** Edits that align every standard table of the report. */
export function formatTables(report: Report): TextEdit[] {
  const edits: TextEdit[] = [];
  const { lines, text } = report;
  for (const table of Object.values(report.tables)) {
    for (const grid of table?.grids ?? []) {
      const rows: readonly GridRow[] = grid.rows;
      if (rows.length === 0 || grid.source !== 'gfm') continue;
      const delimiterLine = rows[0]!.line + 1;
      const delimiter = splitDelimiter(lines.lineText(delimiterLine));
      if (!delimiter) continue;
      const columns = Math.max(delimiter.length, ...rows.map((r) => r.cells.length));
      const widths = new Array<number>(columns).fill(3);
      for (const row of rows) row.cells.forEach((cell, j) => (widths[j] = Math.max(widths[j]!, displayWidth(cell.text))));
      const render = (cells: readonly string[]): string =>
        `| ${cells.map((c, j) => c + ' '.repeat(Math.max(0, widths[j]! - displayWidth(c)))).join(' | ')} |`;
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
        replace(row.line, render(row.cells.map((c) => c.text)) + (directive ? ` ${directive}` : ''));
      }
      const dashes = delimiter.map((cell, j) => {
        const [, left, right] = DELIMITER_CELL.exec(cell)!;
        const width = widths[j] ?? 3;
        return `${left}${'-'.repeat(Math.max(3, width - left!.length - right!.length))}${right}`;
      });
      replace(delimiterLine, `| ${dashes.join(' | ')} |`);
    }
  }
  return edits;
}
