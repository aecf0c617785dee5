/**
 * Small helpers the rules share: describing cells and sections in messages, and edits that
 * write into a cell or insert lines.
 */
import { elementLabel, tableElements, TABLE_NAMES } from '../formats/elements.js';
import { SECTIONS, standardHeading, type SectionDef } from '../formats/sections.js';
import { TABLE4_GROUPS } from '../formats/table4.js';
import type { FormatId, TableId } from '../formats/types.js';
import type { Report } from '../model/report.js';
import type { ObservedCell, ObservedTable } from '../model/tables/types.js';
import type { UnreadTable } from '../model/unread-tables.js';
import type { TextRange } from '../text/lines.js';
import { say, type LocalizedText, type TextEdit } from '../findings.js';

/** The format wording is shown in: the required one, else the tables' own, else 2021. */
export function displayFormat(report: Report, table?: ObservedTable): FormatId {
  if (report.requiredFormat) return report.requiredFormat;
  const used = table?.usedFormat ?? report.tablesFormat;
  return used === '2019' ? '2019' : '2021';
}

/** The standard wording of a table element by key. */
export function elementName(table: TableId, key: string, format: FormatId): string {
  const element = tableElements(table).find((e) => e.key === key);
  return element ? elementLabel(element, format) : key;
}

/** 「表三“（七）总计”行“自然人”列」 and its English. */
export function describeCell(table: ObservedTable, cell: ObservedCell, format: FormatId): LocalizedText {
  const row = table.id === 'table4' ? undefined : elementName(table.id, cell.row, format);
  const column = describeColumn(table.id, cell.column, format);
  const name = TABLE_NAMES[table.id];
  const short = name.zh.slice(0, 2);
  return row
    ? say(`${short}“${row}”行“${column}”列`, `${name.en}, row “${row}”, column “${column}”`)
    : say(`${short}“${column}”列`, `${name.en}, column “${column}”`);
}

/** A column's name; 表四 columns carry their group (行政复议·总计). */
export function describeColumn(table: TableId, key: string, format: FormatId): string {
  if (table !== 'table4') return elementName(table, key, format);
  const [group] = key.split('.');
  const groupLabel = TABLE4_GROUPS.find((g) => g.key === group)?.label ?? group;
  return `${groupLabel}·${elementName(table, key, format)}`;
}

/** The text a cell should show for a number. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
}

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

/** 「“三、收到和处理政府信息公开申请情况”」 for a section. */
export function sectionName(def: SectionDef): LocalizedText {
  return say(`“${standardHeading(def)}”`, `“${standardHeading(def)}” (section ${def.index})`);
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
