/**
 * Explains a total or balance cell: which relation of formats.md §6 it closes, with the
 * figures, and what it should be. The editor shows this on hover.
 */
import type { RelationDef } from './formats/relations.js';
import { numericValue } from './model/cell-value.js';
import type { Report } from './model/report.js';
import { cellKey, type ObservedCell, type ObservedTable } from './model/tables/types.js';
import { relationsOf } from './rules/relation-check.js';
import { describeCell, describeColumn, displayFormat, elementName, formatNumber } from './formats/wording.js';
import { say, type LocalizedText } from './findings.js';
import type { TextRange } from './text/lines.js';

/** What a hover shows for a cell. */
export interface CellExplanation {
  readonly range: TextRange;
  /** The cell, e.g. 「表三“（七）总计”行“自然人”列」. */
  readonly title: LocalizedText;
  /** One line per relation the cell closes. */
  readonly relations: readonly LocalizedText[];
}

const RELATION_NAMES: Record<RelationDef['rule'], LocalizedText> = {
  'row-total': say('行总计（六类申请人之和）', 'row total (sum of the six applicant columns)'),
  'results-total': say('办理结果总计（各项办理结果之和）', 'results total (sum of the outcome rows)'),
  balance: say('勾稽关系：一 + 二 = （七）总计 + 四', 'printed relation: 一 + 二 = （七）总计 + 四'),
  'review-total': say('总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结', '总计 = the sum of the four outcomes'),
};

function termName(table: ObservedTable, cell: ObservedCell, relation: RelationDef, format: '2019' | '2021'): string {
  if (relation.rule === 'row-total') return describeColumn(table.id, cell.column, format);
  if (table.id === 'table4') return describeColumn(table.id, cell.column, format).split('·')[1] ?? '';
  return elementName(table.id, cell.row, format).replace(/（[^（）]*）$/, '');
}

function side(table: ObservedTable, refs: RelationDef['left'], relation: RelationDef, format: '2019' | '2021'): { text: string; sum: number | undefined } {
  const terms: string[] = [];
  let sum: number | undefined = 0;
  for (const ref of refs) {
    const cell = table.cells.get(cellKey(ref.row, ref.column));
    const value = cell ? numericValue(cell.value) : undefined;
    if (value === undefined) sum = undefined;
    else if (sum !== undefined) sum += value;
    if (cell && (value !== 0 || refs.length <= 4)) terms.push(`${termName(table, cell, relation, format)} ${value === undefined ? '□' : formatNumber(value)}`);
  }
  return { text: terms.join(' + ') || '0', sum };
}

/**
 * One relation with the table's figures: its name, both sides with what each cell holds, and
 * whether it holds (「行总计（六类申请人之和）：… = 12；… = 12。✓ 相符」). A side with a blank
 * or non-numeric cell (□) cannot be verified (formats.md §11).
 */
export function describeRelation(table: ObservedTable, relation: RelationDef, format: '2019' | '2021'): LocalizedText {
  const left = side(table, relation.left, relation, format);
  const right = side(table, relation.right, relation, format);
  const name = RELATION_NAMES[relation.rule];
  if (left.sum === undefined || right.sum === undefined) {
    return say(`${name.zh}：含空白或非数字的单元格（□），无法核对`, `${name.en}: a blank or non-numeric cell (□) makes it impossible to verify`);
  }
  const ok = Math.abs(left.sum - right.sum) < 1e-9;
  const verdict = ok ? say('✓ 相符', '✓ holds') : say(`✗ 不相符，相差 ${formatNumber(Math.abs(left.sum - right.sum))}`, `✗ off by ${formatNumber(Math.abs(left.sum - right.sum))}`);
  return say(
    `${name.zh}：${left.text} = ${formatNumber(left.sum)}；${right.text} = ${formatNumber(right.sum)}。${verdict.zh}`,
    `${name.en}: ${left.text} = ${formatNumber(left.sum)}; ${right.text} = ${formatNumber(right.sum)}. ${verdict.en}`,
  );
}

/** The explanation of the total or balance cell at `offset`, if there is one. */
export function explainCellAt(report: Report, offset: number): CellExplanation | undefined {
  for (const table of Object.values(report.tables)) {
    if (!table || offset < table.range.start || offset > table.range.end) continue;
    const cell = [...table.cells.values()].find((c) => offset >= c.inner.start && offset <= c.inner.end);
    if (!cell) return undefined;
    const format = displayFormat(report, table);
    const lines = relationsOf(table)
      .filter((relation) => relation.fixTarget.row === cell.row && relation.fixTarget.column === cell.column)
      .map((relation) => describeRelation(table, relation, format));
    if (lines.length === 0) return undefined;
    return { range: cell.content.end > cell.content.start ? cell.content : cell.inner, title: describeCell(table, cell, format), relations: lines };
  }
  return undefined;
}
