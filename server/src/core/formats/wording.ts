/**
 * The wording of messages, from the format data: names of cells, columns and sections as the
 * format in force writes them, and figures as a cell shows them. Rules, cross-report checks,
 * explanations and rewrites all name things through these, never by typing a label.
 */
import type { LocalizedText } from '../findings.js';
import { say } from '../findings.js';
import { elementLabel, tableElements, TABLE_NAMES } from './elements.js';
import { standardHeading, type SectionDef } from './sections.js';
import { TABLE4_GROUPS } from './table4.js';
import type { FormatId, TableId } from './types.js';

/** What {@link displayFormat} reads of a report (the model's `Report`). */
export interface FormatsOfReport {
  readonly requiredFormat: FormatId | undefined;
  readonly tablesFormat: FormatId | 'mixed' | 'common';
}

/** What {@link displayFormat} reads of a table (the model's `ObservedTable`). */
export interface FormatOfTable {
  readonly usedFormat: FormatId | 'mixed' | 'common';
}

/** The format wording is shown in: the required one, else the tables' own, else 2021. */
export function displayFormat(report: FormatsOfReport, table?: FormatOfTable): FormatId {
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
export function describeCell(table: { readonly id: TableId }, cell: { readonly row: string; readonly column: string }, format: FormatId): LocalizedText {
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

/** 「“三、收到和处理政府信息公开申请情况”」 for a section. */
export function sectionName(def: SectionDef): LocalizedText {
  return say(`“${standardHeading(def)}”`, `“${standardHeading(def)}” (section ${def.index})`);
}
