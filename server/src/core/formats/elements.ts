/**
 * Every labelled element of a standard table — items, columns and rows — as one flat list per
 * table, derived from the table data. Label matching, format detection (a wording valid in one
 * format only is that format's signature, formats.md §7) and the table-shape check read it.
 */
import { TABLE2_ITEMS, itemTitle } from './table2.js';
import { TABLE3_COLUMNS, TABLE3_ROWS } from './table3.js';
import { TABLE4_GROUPS, TABLE4_OUTCOMES, table4ColumnKey } from './table4.js';
import { labelIn, labelVariants, type FormatId, type Label, type TableId } from './types.js';

/** A labelled element of a standard table. */
export interface TableElement {
  readonly table: TableId;
  readonly role: 'item' | 'column' | 'row';
  /** Unique within the table: `i1`, `i1.issued`, `i1.regulation`; `granted`; `review.total`. */
  readonly key: string;
  readonly label: Label;
  readonly formats: readonly FormatId[];
  /** The enclosing 表二 item, for 表二 columns and rows. */
  readonly item?: string;
  /** Position in official order within the table (both formats merged). */
  readonly order: number;
}

function build(): Record<TableId, TableElement[]> {
  const table2: TableElement[] = [];
  for (const item of TABLE2_ITEMS) {
    table2.push({ table: 'table2', role: 'item', key: item.key, label: itemTitle(item), formats: item.formats, order: table2.length });
    for (const column of item.columns) {
      table2.push({ table: 'table2', role: 'column', key: `${item.key}.${column.key}`, label: column.label, formats: column.formats, item: item.key, order: table2.length });
    }
    for (const row of item.rows) {
      table2.push({ table: 'table2', role: 'row', key: `${item.key}.${row.key}`, label: row.label, formats: row.formats, item: item.key, order: table2.length });
    }
  }
  const table3: TableElement[] = [
    ...TABLE3_COLUMNS.map((c, i): TableElement => ({ table: 'table3', role: 'column', key: c.key, label: c.label, formats: c.formats, order: i })),
    ...TABLE3_ROWS.map((r, i): TableElement => ({ table: 'table3', role: 'row', key: r.key, label: r.label, formats: r.formats, order: TABLE3_COLUMNS.length + i })),
  ];
  const table4: TableElement[] = TABLE4_GROUPS.flatMap((g, gi) =>
    TABLE4_OUTCOMES.map((o, oi): TableElement => ({
      table: 'table4',
      role: 'column',
      key: table4ColumnKey(g.key, o.key),
      label: o.label,
      formats: g.formats,
      order: gi * TABLE4_OUTCOMES.length + oi,
    })),
  );
  return { table2, table3, table4 };
}

const ELEMENTS = build();

/** All elements of a table, both formats, in official order. */
export function tableElements(table: TableId): readonly TableElement[] {
  return ELEMENTS[table];
}

/** The elements a table has in one format. */
export function elementsIn(table: TableId, format: FormatId): TableElement[] {
  return ELEMENTS[table].filter((e) => e.formats.includes(format));
}

/** The official wording of an element in a format (its only wording if it has one). */
export function elementLabel(element: TableElement, format: FormatId): string {
  return labelIn(element.label, element.formats.includes(format) ? format : element.formats[0]!);
}

/** The distinct wordings of an element, each with the formats it is valid in. */
export function elementWordings(element: TableElement): { text: string; formats: FormatId[] }[] {
  return labelVariants(element.label, element.formats);
}

/** The Chinese name of a table as reviewers say it: 表二, 表三, 表四. */
export const TABLE_NAMES: Readonly<Record<TableId, { zh: string; en: string }>> = {
  table2: { zh: '表二（主动公开政府信息情况）', en: 'table 2 (proactive disclosure)' },
  table3: { zh: '表三（收到和处理政府信息公开申请情况）', en: 'table 3 (applications received and handled)' },
  table4: { zh: '表四（行政复议、行政诉讼情况）', en: 'table 4 (administrative review and litigation)' },
};
