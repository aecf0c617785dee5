/**
 * 计算合计 (issue 21): the totals of a standard table computed from their parts, by the
 * relations of formats.md §6.2 whose one cell is the sum of the others — 表三's row totals
 * (T3-B) and （七）总计 (T3-C), 表四's 总计 (T4-A). Not the balance (T3-A): 四、结转下年度继续办理
 * is a figure the drafter reports, not a sum. Blank is not zero (formats.md §11): a total with
 * a blank or non-numeric part is left as it is and said so.
 */
import type { TextEdit } from './findings.js';
import type { CellRef } from './formats/relations.js';
import type { TableId } from './formats/types.js';
import { displayFormat, formatNumber } from './formats/wording.js';
import { numericValue } from './model/cell-value.js';
import type { Report } from './model/report.js';
import { cellKey, type ObservedCell } from './model/tables/types.js';
import { relationsOf } from './rules/relation-check.js';
import { setCell } from './rules/support.js';
import { TOTAL_RULES } from './table-cells.js';
import { describeCell } from './formats/wording.js';
import type { LocalizedText } from './findings.js';

/** Which totals to fill: only the blank ones (the default), or every one, overwriting. */
export type TotalsScope = 'blank' | 'all';

/** One total and what 计算合计 does with it. */
export interface TotalOutcome {
  readonly row: string;
  readonly column: string;
  /** 「表三“（七）总计”行“自然人”列」. */
  readonly cell: LocalizedText;
  /** As written ('' when blank). */
  readonly written: string;
  /** The sum of its parts, when every part has a number. */
  readonly computed?: number;
  /**
   * `filled`: an edit writes the sum; `same`: it already holds it; `kept`: written and left (scope
   * `blank`); `parts-blank`: a part is blank or no number; `no-cell`: the row is short of it, or
   * it is a slot of a merged HTML cell, which takes no edit.
   */
  readonly status: 'filled' | 'same' | 'kept' | 'parts-blank' | 'no-cell';
}

/** The totals of a table computed, and the edits that write them. */
export interface TotalsResult {
  readonly table: TableId;
  readonly edits: readonly TextEdit[];
  readonly totals: readonly TotalOutcome[];
}

function isBlank(cell: ObservedCell): boolean {
  return cell.text.trim() === '';
}

/**
 * The totals of a standard table from their parts. A total that is itself a part of another
 * (（七）总计's 总计 column) is computed first and its sum used, so one run fills the whole
 * table; with scope `blank` a total already written is kept and its figure used as written.
 */
export function computeTotals(report: Report, tableId: TableId, scope: TotalsScope = 'blank'): TotalsResult {
  const table = report.tables[tableId];
  if (!table) return { table: tableId, edits: [], totals: [] };
  const format = displayFormat(report, table);
  const relations = relationsOf(table).filter((r) => TOTAL_RULES.includes(r.rule));
  const cellOf = (ref: CellRef): ObservedCell | undefined => table.cells.get(cellKey(ref.row, ref.column));
  const targets = new Map<string, CellRef>();
  for (const relation of relations) targets.set(cellKey(relation.fixTarget.row, relation.fixTarget.column), relation.fixTarget);
  // The totals this run computes; every other cell counts as written.
  const toCompute = new Set<string>();
  for (const [key, ref] of targets) {
    const cell = cellOf(ref);
    if (cell && !cell.virtual && (scope === 'all' || isBlank(cell))) toCompute.add(key);
  }
  const computed = new Map<string, number>();
  const valueOf = (ref: CellRef): number | undefined => {
    const key = cellKey(ref.row, ref.column);
    if (toCompute.has(key)) return computed.get(key);
    const cell = cellOf(ref);
    return cell ? numericValue(cell.value) : undefined;
  };
  // Until nothing more can be computed: a total whose parts are totals waits for them.
  for (let progress = true; progress; ) {
    progress = false;
    for (const relation of relations) {
      const key = cellKey(relation.fixTarget.row, relation.fixTarget.column);
      if (!toCompute.has(key) || computed.has(key)) continue;
      let sum = 0;
      for (const part of relation.right) {
        const value = valueOf(part);
        if (value === undefined) {
          sum = Number.NaN;
          break;
        }
        sum += value;
      }
      if (Number.isNaN(sum)) continue;
      computed.set(key, Math.round(sum * 1e6) / 1e6);
      progress = true;
    }
  }
  const edits: TextEdit[] = [];
  const totals: TotalOutcome[] = [];
  for (const [key, ref] of targets) {
    const cell = cellOf(ref);
    const base = { row: ref.row, column: ref.column, cell: describeCell(table, ref, format), written: cell?.text.trim() ?? '' };
    if (!cell || cell.virtual) {
      totals.push({ ...base, status: 'no-cell' });
      continue;
    }
    if (!toCompute.has(key)) {
      totals.push({ ...base, status: 'kept' });
      continue;
    }
    const value = computed.get(key);
    if (value === undefined) {
      totals.push({ ...base, status: 'parts-blank' });
      continue;
    }
    const text = formatNumber(value);
    if (cell.text.trim() === text) {
      totals.push({ ...base, computed: value, status: 'same' });
      continue;
    }
    edits.push(setCell(cell, text));
    totals.push({ ...base, computed: value, status: 'filled' });
  }
  edits.sort((a, b) => a.range.start - b.range.start);
  return { table: tableId, edits, totals };
}
