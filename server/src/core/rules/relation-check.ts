/**
 * The 勾稽关系 of formats.md §6 on the observed tables: which relations a table is subject to,
 * and the table's relations solved together (formats/solve.ts), once per table. A relation with
 * a blank, 无 or non-numeric cell cannot be verified and is never reported (formats.md §11).
 */
import type { CellRef, RelationDef } from '../formats/relations.js';
import { table3Relations, table4Relations } from '../formats/relations.js';
import { cellRefKey, correctionsKeepHolding, isCount, solveRelations, type CellCorrection, type RelationSolution } from '../formats/solve.js';
import { TABLE3_ROWS } from '../formats/table3.js';
import type { FormatId } from '../formats/types.js';
import { numericValue } from '../model/cell-value.js';
import { cellKey, type ObservedCell, type ObservedTable } from '../model/tables/types.js';

const OUTCOME_SETS: Record<FormatId, string[]> = {
  '2019': TABLE3_ROWS.filter((r) => r.role === 'outcome' && r.formats.includes('2019')).map((r) => r.key),
  '2021': TABLE3_ROWS.filter((r) => r.role === 'outcome' && r.formats.includes('2021')).map((r) => r.key),
};

/** The outcome rows a 表三 uses, when it has all of one format's (19 or 21 rows); else none. */
function outcomeRows(table: ObservedTable): string[] | undefined {
  for (const format of ['2021', '2019'] as const) {
    if (OUTCOME_SETS[format].every((key) => table.present.has(key))) return OUTCOME_SETS[format];
  }
  return undefined;
}

/** The relations a table is subject to, for the rows it has. */
export function relationsOf(table: ObservedTable): RelationDef[] {
  if (table.id === 'table4') return table4Relations();
  if (table.id !== 'table3') return [];
  const rows = table.rows.map((r) => r.key!).filter((k) => k !== undefined);
  const outcomes = outcomeRows(table);
  return table3Relations(rows, outcomes ?? []).filter((r) => r.rule !== 'results-total' || outcomes !== undefined);
}

/** A table's relations solved together, with the cells they name. */
export interface SolvedTable {
  readonly table: ObservedTable;
  readonly relations: readonly RelationDef[];
  readonly solution: RelationSolution;
  /** The cell of the table a relation names (undefined when the table lacks it). */
  cellAt(ref: CellRef): ObservedCell | undefined;
  /** The number a cell holds (undefined: blank, 无, text, or no such cell). */
  valueOf(ref: CellRef): number | undefined;
  /**
   * Whether setting these cells leaves no relation broken that held before: the table's
   * relations evaluated again on the corrected values (issue 20: never offer a figure that makes
   * things worse).
   */
  keepsHolding(corrections: readonly CellCorrection[]): boolean;
}

const SOLVED = new WeakMap<ObservedTable, SolvedTable>();

/** The relations of a table solved together (computed once per table). */
export function solveTable(table: ObservedTable): SolvedTable {
  const known = SOLVED.get(table);
  if (known) return known;
  const relations = relationsOf(table);
  const cellAt = (ref: CellRef): ObservedCell | undefined => table.cells.get(cellKey(ref.row, ref.column));
  const valueOf = (ref: CellRef): number | undefined => {
    const cell = cellAt(ref);
    return cell ? numericValue(cell.value) : undefined;
  };
  const accepts = (ref: CellRef, value: number): boolean => {
    const kind = cellAt(ref)?.kind ?? 'count';
    if (kind === 'signed') return Number.isInteger(value);
    if (kind === 'amount') return value >= 0;
    return isCount(value);
  };
  const solved: SolvedTable = {
    table,
    relations,
    solution: solveRelations({ relations, valueOf, accepts }),
    cellAt,
    valueOf,
    keepsHolding: (corrections) => correctionsKeepHolding(relations, valueOf, corrections),
  };
  SOLVED.set(table, solved);
  return solved;
}

/** Whether a cell reference names this observed cell. */
export function isCell(ref: CellRef, cell: ObservedCell): boolean {
  return ref.row === cell.row && ref.column === cell.column;
}

export { cellRefKey };
