/**
 * Where a position is in a standard table, in the user's words (issue 21): the lines of the
 * tables (the client's `nianbao.inTable`), a figure cell's hover text, and the answer of
 * TABLE_CELL_REQUEST — the cell there, or the cell a spreadsheet key moves to, or the table and
 * row of a label. All from the core's `cellAt`, `cellMove` and `tablePlaceAt`.
 */
import { cellAt, cellMove, localize, tablePlaceAt, type FigureCell, type Report } from '../core/index.js';
import type { TableCellAnswer, TableLinesWire } from '../protocol.js';
import { toLspRange } from './convert.js';
import type { Language } from './locale.js';

/** The lines of the report's standard tables, for the client's `nianbao.inTable`. */
export function tableLines(report: Report): TableLinesWire[] {
  const lines: TableLinesWire[] = [];
  for (const table of Object.values(report.tables)) {
    if (!table) continue;
    lines.push({ table: table.id, start: report.lines.lineAt(table.range.start), end: report.lines.lineAt(Math.max(table.range.start, table.range.end - 1)) });
  }
  return lines.sort((a, b) => a.start - b.start);
}

/** The hover's Markdown of a figure cell: its name in bold, then each relation it takes part in. */
export function cellHoverText(cell: FigureCell, language: Language): string {
  return [`**${localize(cell.title, language)}**`, ...(cell.relations.length > 0 ? ['', ...cell.relations.map((r) => `- ${localize(r, language)}`)] : [])].join('\n');
}

function answerOf(report: Report, cell: FigureCell, language: Language): TableCellAnswer {
  return {
    title: localize(cell.title, language),
    relations: cell.relations.map((r) => localize(r, language)),
    range: toLspRange(report.lines, cell.target),
    isTotal: cell.isTotal,
  };
}

/** The answer of TABLE_CELL_REQUEST at an offset: the cell there, the cell a key moves to, or the table and row of a label. */
export function tableCellAnswer(report: Report, offset: number, move: 'next' | 'previous' | 'down' | 'up' | undefined, language: Language): TableCellAnswer | null {
  if (move) {
    const target = cellMove(report, offset, move);
    return target ? answerOf(report, target, language) : null;
  }
  const cell = cellAt(report, offset);
  if (cell) return answerOf(report, cell, language);
  const place = tablePlaceAt(report, offset);
  if (!place) return null;
  // On a label or a header: the table and the row as written.
  const title = [place.tableName, place.rowLabel ?? place.cellText].filter((part): part is string => Boolean(part)).join(' · ');
  return { title, relations: [] };
}

