/**
 * One problem, one line (issue 23): the findings of a check grouped by their cause, for the
 * reviewer's answers and the stylish report (the JSON keeps every finding). Pure: it reads the
 * report the findings were made on and changes none of them.
 *
 * - A table left blank (at most one of its rows filled, the rest wholly empty) is one line,
 *   「表三未填写」, not one per row.
 * - Relations of one table that the solver cannot pin on a cell (formats/solve.ts, an
 *   `undetermined` diagnosis) share that cause: one line naming the relations. A cell the solver
 *   names is already one finding with every relation it breaks (rules/arithmetic.ts).
 * - Findings standing on the same value cell are one line, the most serious first.
 *
 * Each group also names the value cells it is about, as `row|column` keys of the official layout
 * (`formats.tableLayout`), so a drawn table can mark them.
 */
import { say, SEVERITIES, type Finding, type LocalizedText } from './findings.js';
import { TABLE_NAMES } from './formats/elements.js';
import type { TableId } from './formats/types.js';
import { displayFormat, elementName } from './formats/wording.js';
import type { Report } from './model/report.js';
import type { ObservedCell, ObservedTable } from './model/tables/types.js';
import { relationBroken, undeterminedWhy } from './rules/arithmetic.js';
import { solveTable } from './rules/relation-check.js';

/** A value cell of a standard table, as the official layout keys it. */
export interface CellMark {
  readonly table: TableId;
  /** `row|column`, the `key` of the laid-out value cell. */
  readonly key: string;
  /** `blank`: a cell of a table left blank; `wrong`: a cell a problem stands on. */
  readonly kind: 'wrong' | 'blank';
}

/** Findings shown as one line. */
export interface FindingGroup {
  /** Indices into the findings, the one that leads (most serious, first in the text) first. */
  readonly members: readonly number[];
  /** The line of a group of several; absent: the lead's own message. */
  readonly message?: LocalizedText;
  /** What the group's kind is: `blank-table`, `undetermined`, `same-cell`, or `single`. */
  readonly kind: 'blank-table' | 'undetermined' | 'same-cell' | 'single';
  /** The value cells the line is about. */
  readonly cells: readonly CellMark[];
}

const ARITHMETIC = new Set(['row-total', 'results-total', 'balance', 'review-total']);

function inside(offset: number, range: { readonly start: number; readonly end: number }): boolean {
  return range.start <= offset && offset <= range.end;
}

function shortName(id: TableId): string {
  return TABLE_NAMES[id].zh.slice(0, 2);
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The standard table whose range holds an offset. */
function tableAt(report: Report, offset: number): ObservedTable | undefined {
  return Object.values(report.tables).find((t): t is ObservedTable => t !== undefined && inside(offset, t.range));
}

/** The value cell an offset is in. */
function cellAt(table: ObservedTable, offset: number): ObservedCell | undefined {
  for (const cell of table.cells.values()) if (!cell.virtual && (inside(offset, cell.content) || inside(offset, cell.inner))) return cell;
  return undefined;
}

const keyOf = (cell: ObservedCell): string => `${cell.row}|${cell.column}`;

/** The cells a finding stands on: its own cell, and for cell-value each cell it lists. */
function cellsOf(report: Report, finding: Finding): { table: ObservedTable; cells: ObservedCell[] } | undefined {
  const table = tableAt(report, finding.range.start);
  if (!table) return undefined;
  const cells: ObservedCell[] = [];
  const own = cellAt(table, finding.range.start);
  if (own) cells.push(own);
  if (finding.rule === 'cell-value') {
    for (const related of finding.related) {
      const cell = cellAt(table, related.range.start);
      if (cell && !cells.includes(cell)) cells.push(cell);
    }
  }
  return { table, cells };
}

/**
 * A table left blank: at most one row holds a figure and at least two rows are wholly empty.
 * The row filled is named (表三's 二、上年结转 comes filled in a draft made from last year's).
 */
function blankTable(report: Report, table: ObservedTable): { line: LocalizedText; empty: ObservedCell[] } | undefined {
  const cells = [...table.cells.values()].filter((c) => !c.virtual);
  if (cells.length === 0) return undefined;
  const empty = cells.filter((c) => c.value.type === 'empty');
  const filledRows = [...new Set(cells.filter((c) => c.value.type !== 'empty').map((c) => c.row))];
  const emptyRows = [...new Set(empty.map((c) => c.row))].filter((row) => !filledRows.includes(row));
  if (filledRows.length > 1 || emptyRows.length < 2) return undefined;
  const name = shortName(table.id);
  const format = displayFormat(report, table);
  if (filledRows.length === 0) {
    return {
      empty,
      line: say(
        `${name}未填写：全部 ${cells.length} 个单元格为空。请逐格填写数字，没有的填 0（空白不等于 0，无法核对勾稽关系）`,
        `${capitalized(TABLE_NAMES[table.id].en)} is not filled in: all ${cells.length} cells are blank. Write a number in each, 0 for none`,
      ),
    };
  }
  const row = elementName(table.id, filledRows[0]!, format);
  return {
    empty,
    line: say(
      `${name}未填写：除“${row}”一行外，${empty.length} 个单元格为空。请逐格填写数字，没有的填 0（空白不等于 0，无法核对勾稽关系）`,
      `${capitalized(TABLE_NAMES[table.id].en)} is not filled in: but for the row “${row}”, ${empty.length} cells are blank. Write a number in each, 0 for none`,
    ),
  };
}

/** The findings of a check of `report` grouped by cause, in the order of their leads. */
export function groupFindings(report: Report, findings: readonly Finding[]): FindingGroup[] {
  const taken = new Set<number>();
  const groups: FindingGroup[] = [];
  const placed = findings.map((finding) => cellsOf(report, finding));
  const marks = (indices: readonly number[], kind: CellMark['kind']): CellMark[] => {
    const seen = new Set<string>();
    const out: CellMark[] = [];
    for (const i of indices) {
      const at = placed[i];
      if (!at) continue;
      for (const cell of at.cells) {
        const key = `${at.table.id}/${keyOf(cell)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ table: at.table.id, key: keyOf(cell), kind });
      }
    }
    return out;
  };
  for (const table of Object.values(report.tables)) {
    if (!table) continue;
    // A table left blank: its cell-value findings are one line.
    const blank = blankTable(report, table);
    if (blank) {
      const members = findings.map((_, i) => i).filter((i) => findings[i]!.rule === 'cell-value' && placed[i]?.table === table);
      if (members.length > 1) {
        members.forEach((i) => taken.add(i));
        groups.push({ kind: 'blank-table', members, message: blank.line, cells: blank.empty.map((c) => ({ table: table.id, key: keyOf(c), kind: 'blank' })) });
      }
    }
    // Relations whose wrong cells cannot be told: one cause, one line.
    const solved = solveTable(table);
    const format = displayFormat(report, table);
    for (const diagnosis of solved.solution.diagnoses) {
      if (diagnosis.kind !== 'undetermined' || diagnosis.broken.length < 2) continue;
      const members: number[] = [];
      for (const relation of diagnosis.broken) {
        const target = solved.cellAt(relation.fixTarget);
        const onTarget = (f: Finding, j: number): boolean =>
          !taken.has(j) && !members.includes(j) && f.rule === relation.rule && f.range.start === target?.content.start;
        const i = findings.findIndex(onTarget);
        if (i >= 0) members.push(i);
      }
      if (members.length < 2) continue;
      members.forEach((i) => taken.add(i));
      const relations = diagnosis.broken.map((r) => relationBroken(solved, r, format));
      const why = undeterminedWhy(diagnosis.size);
      groups.push({
        kind: 'undetermined',
        members,
        message: say(
          `${shortName(table.id)}有 ${relations.length} 处勾稽关系不成立：${relations.map((r) => r.zh).join('；')}。${why.zh}`,
          `${capitalized(TABLE_NAMES[table.id].en)}: ${relations.length} relations do not hold: ${relations.map((r) => r.en).join('; ')}. ${capitalized(why.en)}`,
        ),
        cells: marks(members, 'wrong'),
      });
    }
  }
  // Findings on one value cell: one line.
  const byCell = new Map<string, number[]>();
  findings.forEach((_, i) => {
    const own = placed[i];
    if (taken.has(i) || !own || own.cells.length === 0) return;
    const cell = cellAt(own.table, findings[i]!.range.start);
    if (!cell) return;
    const key = `${own.table.id}/${keyOf(cell)}`;
    byCell.set(key, [...(byCell.get(key) ?? []), i]);
  });
  const rank = (i: number): number => SEVERITIES.indexOf(findings[i]!.severity) * 2 + (ARITHMETIC.has(findings[i]!.rule) ? 0 : 1);
  for (const members of byCell.values()) {
    if (members.length < 2) continue;
    const ordered = [...members].sort((a, b) => rank(a) - rank(b) || a - b);
    ordered.forEach((i) => taken.add(i));
    const [lead, ...others] = ordered.map((i) => findings[i]!);
    groups.push({
      kind: 'same-cell',
      members: ordered,
      message: say(
        `${lead!.message.zh}（同一格另有：${others.map((f) => f.message.zh).join('；')}）`,
        `${lead!.message.en} (the same cell also: ${others.map((f) => f.message.en).join('; ')})`,
      ),
      cells: marks(ordered, 'wrong'),
    });
  }
  findings.forEach((_, i) => {
    if (!taken.has(i)) groups.push({ kind: 'single', members: [i], cells: marks([i], 'wrong') });
  });
  // In the order of the text: each line where its first finding stands.
  const start = (g: FindingGroup): number => Math.min(...g.members.map((i) => findings[i]!.range.start));
  return groups.sort((a, b) => start(a) - start(b) || a.members[0]! - b.members[0]!);
}
