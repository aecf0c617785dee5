/**
 * The arithmetic relations (勾稽关系) of formats.md §6, derived from the table data.
 * A relation says sum(left) = sum(right); its rule reports a broken one, and its unsafe fix
 * sets {@link RelationDef.fixTarget} to the value that makes it hold.
 */
import { TABLE3_APPLICANT_COLUMNS, TABLE3_COLUMNS, TABLE3_ROWS, TABLE3_TOTAL_COLUMN } from './table3.js';
import { TABLE4_GROUPS, TABLE4_OUTCOMES, TABLE4_ROW, table4ColumnKey } from './table4.js';
import type { FormatId, TableId } from './types.js';

/** A cell of a standard table by row and column key. */
export interface CellRef {
  readonly table: TableId;
  readonly row: string;
  readonly column: string;
}

/** The rules that report broken relations. */
export type RelationRule = 'row-total' | 'results-total' | 'balance' | 'review-total';

/** One equation between cells. */
export interface RelationDef {
  readonly rule: RelationRule;
  readonly left: readonly CellRef[];
  readonly right: readonly CellRef[];
  /** The cell the unsafe fix sets; it stands alone on its side or with the other cells of that side. */
  readonly fixTarget: CellRef;
}

const t3 = (row: string, column: string): CellRef => ({ table: 'table3', row, column });

/**
 * The relations of 表三 for the rows a table has: T3-B (row total) for every row, T3-C
 * (results total) over the outcome rows present, T3-A (balance) per column.
 * @param outcomeRows keys of the outcome rows the table uses (19 in 2019, 21 in 2021).
 */
export function table3Relations(rowKeys: readonly string[], outcomeRows: readonly string[]): RelationDef[] {
  const relations: RelationDef[] = [];
  for (const row of rowKeys) {
    const target = t3(row, TABLE3_TOTAL_COLUMN);
    relations.push({ rule: 'row-total', left: [target], right: TABLE3_APPLICANT_COLUMNS.map((c) => t3(row, c.key)), fixTarget: target });
  }
  const totalRow = TABLE3_ROWS.find((r) => r.role === 'outcomeTotal')!.key;
  const intake = TABLE3_ROWS.filter((r) => r.role === 'intake').map((r) => r.key);
  const carryForward = TABLE3_ROWS.find((r) => r.role === 'carryForward')!.key;
  for (const column of TABLE3_COLUMNS) {
    const target = t3(totalRow, column.key);
    relations.push({ rule: 'results-total', left: [target], right: outcomeRows.map((r) => t3(r, column.key)), fixTarget: target });
  }
  for (const column of TABLE3_COLUMNS) {
    relations.push({
      rule: 'balance',
      left: intake.map((r) => t3(r, column.key)),
      right: [t3(totalRow, column.key), t3(carryForward, column.key)],
      fixTarget: t3(carryForward, column.key),
    });
  }
  return relations;
}

/** T4-A: for each group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
export function table4Relations(): RelationDef[] {
  return TABLE4_GROUPS.map((group) => {
    const target: CellRef = { table: 'table4', row: TABLE4_ROW, column: table4ColumnKey(group.key, 'total') };
    return {
      rule: 'review-total' as const,
      left: [target],
      right: TABLE4_OUTCOMES.filter((o) => o.key !== 'total').map((o) => ({ table: 'table4' as const, row: TABLE4_ROW, column: table4ColumnKey(group.key, o.key) })),
      fixTarget: target,
    };
  });
}

/**
 * The relations of a complete standard table in a format (a table as the format prints it, every
 * row present): what an editor form holding the values of a whole table checks. 表二 has none.
 */
export function standardRelations(table: TableId, format: FormatId): RelationDef[] {
  if (table === 'table4') return table4Relations();
  if (table === 'table2') return [];
  const rows = TABLE3_ROWS.filter((r) => r.formats.includes(format));
  return table3Relations(
    rows.map((r) => r.key),
    rows.filter((r) => r.role === 'outcome').map((r) => r.key),
  );
}
