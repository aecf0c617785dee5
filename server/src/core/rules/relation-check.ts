/**
 * Evaluates the 勾稽关系 of formats.md §6 on the observed tables. A relation with a blank,
 * 无 or non-numeric cell cannot be verified and is never reported (formats.md §11).
 */
import { table3Relations, table4Relations, type CellRef, type RelationDef, type RelationRule } from '../formats/relations.js';
import { TABLE3_ROWS } from '../formats/table3.js';
import type { FormatId } from '../formats/types.js';
import { numericValue } from '../model/cell-value.js';
import type { Report } from '../model/report.js';
import { cellKey, type ObservedCell, type ObservedTable } from '../model/tables/types.js';

/** A relation that does not hold, with the figures. */
export interface BrokenRelation {
  readonly relation: RelationDef;
  readonly table: ObservedTable;
  readonly left: readonly { cell: ObservedCell; value: number }[];
  readonly right: readonly { cell: ObservedCell; value: number }[];
  readonly leftSum: number;
  readonly rightSum: number;
  readonly target: ObservedCell;
  /** The value of the target cell that makes the relation hold. */
  readonly expected: number;
}

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

const EPSILON = 1e-9;

function resolve(table: ObservedTable, refs: readonly CellRef[]): { cell: ObservedCell; value: number }[] | undefined {
  const out: { cell: ObservedCell; value: number }[] = [];
  for (const ref of refs) {
    const cell = table.cells.get(cellKey(ref.row, ref.column));
    if (!cell) return undefined;
    const value = numericValue(cell.value);
    if (value === undefined) return undefined;
    out.push({ cell, value });
  }
  return out;
}

/** A relation evaluated on the figures, whether it holds or not. */
export interface EvaluatedRelation extends BrokenRelation {
  readonly holds: boolean;
}

/** Every relation of the report's tables whose cells all hold numbers, evaluated. */
export function evaluateRelations(report: Report, rule?: RelationRule): EvaluatedRelation[] {
  const evaluated: EvaluatedRelation[] = [];
  for (const table of Object.values(report.tables)) {
    if (!table) continue;
    for (const relation of relationsOf(table)) {
      if (rule !== undefined && relation.rule !== rule) continue;
      const left = resolve(table, relation.left);
      const right = resolve(table, relation.right);
      if (!left || !right) continue;
      const leftSum = left.reduce((s, c) => s + c.value, 0);
      const rightSum = right.reduce((s, c) => s + c.value, 0);
      const holds = Math.abs(leftSum - rightSum) < EPSILON;
      const targetRef = relation.fixTarget;
      const onLeft = relation.left.some((r) => r.row === targetRef.row && r.column === targetRef.column);
      const side = onLeft ? left : right;
      const target = side.find((c) => c.cell.row === targetRef.row && c.cell.column === targetRef.column)!;
      const others = side.reduce((s, c) => s + c.value, 0) - target.value;
      const expected = (onLeft ? rightSum : leftSum) - others;
      evaluated.push({ relation, table, left, right, leftSum, rightSum, target: target.cell, expected, holds });
    }
  }
  return evaluated.sort((a, b) => a.target.content.start - b.target.content.start);
}

/** The relations of one rule that the report's tables break. */
export function brokenRelations(report: Report, rule: RelationRule): BrokenRelation[] {
  return evaluateRelations(report, rule).filter((r) => !r.holds);
}
