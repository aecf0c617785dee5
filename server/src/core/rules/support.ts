/**
 * Small helpers the rules share: edits that write into a cell or insert lines, and where things
 * are in a report. The wording of messages is the format data's (formats/wording.ts).
 */
import { SECTIONS, standardHeading, type SectionDef } from '../formats/sections.js';
import { numericValue } from '../model/cell-value.js';
import type { Report } from '../model/report.js';
import type { OtherReport } from '../cross/previous.js';
import { cellKey, type ObservedCell, type ObservedTable } from '../model/tables/types.js';
import type { UnreadTable } from '../model/unread-tables.js';
import type { TextRange } from '../text/lines.js';
import type { TextEdit } from '../findings.js';

/** Whether a fix can write into every one of these cells (a slot a merged HTML cell covers cannot). */
export function canEdit(...cells: readonly ObservedCell[]): boolean {
  return cells.every((c) => !c.virtual);
}

/** An edit that writes `value` into a cell, keeping the cell's padding. */
export function setCell(cell: ObservedCell, value: string): TextEdit {
  if (cell.content.end > cell.content.start || cell.bare) return { range: cell.content, newText: value };
  return { range: cell.inner, newText: ` ${value} ` };
}

/** The heading of a section as the document writes section headings. */
export function headingMarkup(report: Report, def: SectionDef): string {
  const heading = standardHeading(def);
  const style = report.sections.style;
  if (style?.startsWith('heading:')) return `${'#'.repeat(Number(style.slice(8)))} ${heading}`;
  if (style === 'bold') return `**${heading}**`;
  if (style === 'plain') return heading;
  return `## ${heading}`;
}

/** The blocks in a range that look like a table nianbao cannot read (model/unread-tables.ts). */
export function unreadTablesIn(report: Report, range: TextRange): readonly UnreadTable[] {
  return report.unreadTables.filter((t) => t.range.start >= range.start && t.range.start < range.end);
}

/** The section definitions, re-exported for rules. */
export { SECTIONS };

/** The range of a whole line holding an offset. */
export function lineRangeAt(report: Report, offset: number): TextRange {
  const line = report.lines.lineAt(offset);
  return { start: report.lines.lineStart(line), end: report.lines.lineEnd(line) };
}

/** The range of the last non-blank line of the document. */
export function lastLineRange(report: Report): TextRange {
  for (let line = report.lines.lineCount - 1; line >= 0; line--) {
    if (report.lines.lineText(line).trim() !== '') return { start: report.lines.lineStart(line), end: report.lines.lineEnd(line) };
  }
  return { start: 0, end: 0 };
}

/** An edit inserting whole lines before the line that holds `offset`. */
export function insertLinesBefore(report: Report, offset: number, lines: readonly string[]): TextEdit {
  const at = report.lines.lineStart(report.lines.lineAt(offset));
  return { range: { start: at, end: at }, newText: lines.map((l) => l + report.eol).join('') };
}

/** An edit inserting whole lines after the line that holds `offset`. */
export function insertLinesAfter(report: Report, offset: number, lines: readonly string[]): TextEdit {
  const line = report.lines.lineAt(offset);
  const at = report.lines.lineEnd(line);
  return { range: { start: at, end: at }, newText: lines.map((l) => report.eol + l).join('') };
}

/** A cell of a table and its number, when it has one. */
export function numberAt(table: ObservedTable | undefined, row: string, column: string): { cell: ObservedCell; value: number } | undefined {
  const cell = table?.cells.get(cellKey(row, column));
  const value = cell ? numericValue(cell.value) : undefined;
  return cell && value !== undefined ? { cell, value } : undefined;
}

/** Where a cell of another report is, as messages name it: 「2023.md 第 12 行」. */
export function placeIn(previous: OtherReport, cell: ObservedCell): { zh: string; en: string } {
  const line = previous.report.lines.lineAt(cell.content.start) + 1;
  return { zh: `${previous.file} 第 ${line} 行`, en: `${previous.file}, line ${line}` };
}
