/**
 * The figure cells of the standard tables as a drafter fills them (issue 21): each cell named as
 * the official table names it (「表三 · （一）予以公开 · 商业企业」) with the 勾稽关系 it takes
 * part in, the cells of a table in the order they are written, and the cell a spreadsheet's Tab,
 * Shift+Tab, Enter would move to. Whatever form the table is written in (GFM, HTML, pasted text):
 * the model's cells carry their ranges. The editor's hover, status bar and navigation, and a form
 * of the table, are built on these.
 */
import type { LocalizedText } from './findings.js';
import { say } from './findings.js';
import { TABLE_NAMES } from './formats/elements.js';
import type { RelationDef } from './formats/relations.js';
import { TABLE3_ROWS } from './formats/table3.js';
import { TABLE4_GROUPS, TABLE4_OUTCOMES } from './formats/table4.js';
import { TABLE2_ITEMS } from './formats/table2.js';
import type { FormatId, TableId } from './formats/types.js';
import { displayFormat, elementName } from './formats/wording.js';
import type { Report } from './model/report.js';
import type { ObservedCell, ObservedTable } from './model/tables/types.js';
import { relationsOf } from './rules/relation-check.js';
import type { TextRange } from './text/lines.js';
import { describeRelation } from './explain.js';

/** The relations whose one cell is a total of the others (what 计算合计 fills): not the balance T3-A. */
export const TOTAL_RULES: readonly RelationDef['rule'][] = ['row-total', 'results-total', 'review-total'];

/** A figure cell of a standard table, as the editor shows and moves to it. */
export interface FigureCell {
  readonly table: TableId;
  /** The standard row and column keys (formats/). */
  readonly row: string;
  readonly column: string;
  /** 「表三 · （一）予以公开 · 商业企业」: table, row label, column, as the official table names them. */
  readonly title: LocalizedText;
  /** The parts of the title: table, then the row's labels (its merged parent first), then the column's. */
  readonly path: readonly LocalizedText[];
  /** The cell's text as written (blank: ''). */
  readonly text: string;
  /** Between the pipes (inside the `<td>`, after the tab). */
  readonly inner: TextRange;
  /**
   * What a move to the cell selects, so that typing replaces it: the figure as written, or in a
   * blank GFM cell the spaces inside its padding (typing there keeps `| 5 |`).
   */
  readonly target: TextRange;
  /** The cell is a total of others (the one cell of a 计算合计 relation on its own side). */
  readonly isTotal: boolean;
  /** The relations the cell takes part in, each with the table's figures and whether it holds. */
  readonly relations: readonly LocalizedText[];
}

/** Where a spreadsheet's keys move: Tab, Shift+Tab, Enter, Shift+Enter. */
export type CellMove = 'next' | 'previous' | 'down' | 'up';

const SEPARATOR = ' · ';

function inside(offset: number, range: TextRange): boolean {
  return range.start <= offset && offset <= range.end;
}

/** The row's labels: 表三's merged parent of a numbered sub-row first (（三）不予公开 · 1.属于国家秘密). */
function rowPath(table: TableId, row: string, format: FormatId): LocalizedText[] {
  if (table === 'table4') return [];
  if (table === 'table3') {
    const def = TABLE3_ROWS.find((r) => r.key === row);
    const own = elementName(table, row, format);
    const parent = def && def.parents.length >= 2 ? def.parents[def.parents.length - 1]! : undefined;
    return parent ? [say(parent, parent), say(own, own)] : [say(own, own)];
  }
  // 表二: the 第二十条 item, then the row.
  const item = TABLE2_ITEMS.find((i) => row.startsWith(`${i.key}.`));
  const own = elementName(table, row, format);
  return item ? [say(`第二十条第（${item.numeral}）项`, `Article 20 item (${item.numeral})`), say(own, own)] : [say(own, own)];
}

/** The column's labels: 表四's group (and 行政诉讼 above two of them), then the outcome. */
function columnPath(table: TableId, column: string, format: FormatId): LocalizedText[] {
  if (table !== 'table4') {
    const name = elementName(table, column, format);
    return [say(name, name)];
  }
  const [groupKey, outcomeKey] = column.split('.');
  const group = TABLE4_GROUPS.find((g) => g.key === groupKey);
  const outcome = TABLE4_OUTCOMES.find((o) => o.key === outcomeKey)?.label ?? outcomeKey ?? column;
  return [...(group?.parent ? [group.parent] : []), group?.label ?? groupKey ?? column, outcome].map((label) => say(label, label));
}

function joinPath(path: readonly LocalizedText[]): LocalizedText {
  return say(path.map((p) => p.zh).join(SEPARATOR), path.map((p) => p.en).join(SEPARATOR));
}

/** What typing into a cell replaces: its figure, or the spaces inside a blank GFM cell's padding. */
function targetOf(cell: ObservedCell, text: string): TextRange {
  if (cell.content.end > cell.content.start || cell.bare) return cell.content;
  const { start, end } = cell.inner;
  if (end - start < 2 || text[start] !== ' ') return { start: Math.min(start + (end > start ? 1 : 0), end), end: Math.min(start + (end > start ? 1 : 0), end) };
  return { start: start + 1, end: Math.max(start + 1, end - 1) };
}

function refersTo(relation: RelationDef, cell: ObservedCell): boolean {
  return [...relation.left, ...relation.right].some((ref) => ref.row === cell.row && ref.column === cell.column);
}

function figureCell(report: Report, table: ObservedTable, cell: ObservedCell, relations: readonly RelationDef[], format: FormatId): FigureCell {
  const short = TABLE_NAMES[table.id].zh.slice(0, 2);
  const tableName = say(short, short);
  const path = [tableName, ...rowPath(table.id, cell.row, format), ...columnPath(table.id, cell.column, format)];
  const own = relations.filter((r) => refersTo(r, cell));
  return {
    table: table.id,
    row: cell.row,
    column: cell.column,
    title: joinPath(path),
    path,
    text: cell.text,
    inner: cell.inner,
    target: targetOf(cell, report.text),
    isTotal: own.some((r) => TOTAL_RULES.includes(r.rule) && r.fixTarget.row === cell.row && r.fixTarget.column === cell.column),
    relations: own.map((r) => describeRelation(table, r, format)),
  };
}

/**
 * The figure cells of a standard table in the order they are written (a spreadsheet's Tab
 * order), each with its name and relations; none when the draft has no such table. A slot that a
 * merged HTML cell covers has no text of its own and is left out.
 */
export function tableCells(report: Report, tableId: TableId): FigureCell[] {
  const table = report.tables[tableId];
  if (!table) return [];
  const format = displayFormat(report, table);
  const relations = relationsOf(table);
  return [...table.cells.values()]
    .filter((cell) => !cell.virtual)
    .sort((a, b) => a.inner.start - b.inner.start)
    .map((cell) => figureCell(report, table, cell, relations, format));
}

/** The standard table whose range holds an offset. */
export function tableAt(report: Report, offset: number): TableId | undefined {
  return (Object.values(report.tables) as (ObservedTable | undefined)[]).find((t) => t && inside(offset, t.range))?.id;
}

/** The figure cell at an offset (between its pipes, inside its `<td>`, on its pasted line), if any. */
export function cellAt(report: Report, offset: number): FigureCell | undefined {
  const tableId = tableAt(report, offset);
  if (!tableId) return undefined;
  const table = report.tables[tableId]!;
  const cell = [...table.cells.values()].find((c) => !c.virtual && (inside(offset, c.inner) || inside(offset, c.content)));
  return cell ? figureCell(report, table, cell, relationsOf(table), displayFormat(report, table)) : undefined;
}

/**
 * The cell a spreadsheet's key moves to from an offset in a standard table: `next`/`previous`
 * the following or preceding figure cell in the order written (from a label, the first after
 * it or the last before it), `down`/`up` the same column of the next or previous row that has
 * it. Undefined outside the tables and past the table's first or last cell.
 */
export function cellMove(report: Report, offset: number, move: CellMove): FigureCell | undefined {
  const tableId = tableAt(report, offset);
  if (!tableId) return undefined;
  const cells = tableCells(report, tableId);
  const here = cells.findIndex((c) => inside(offset, c.inner) || inside(offset, c.target));
  if (move === 'next') return here >= 0 ? cells[here + 1] : cells.find((c) => c.inner.start > offset);
  if (move === 'previous') return here >= 0 ? cells[here - 1] : [...cells].reverse().find((c) => c.inner.end < offset);
  if (here < 0) return undefined;
  const column = cells[here]!.column;
  const sameColumn = (c: FigureCell): boolean => c.column === column;
  return move === 'down' ? cells.slice(here + 1).find(sameColumn) : cells.slice(0, here).reverse().find(sameColumn);
}
