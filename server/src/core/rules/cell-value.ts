/**
 * cell-value — every value cell holds a plain number (formats.md §6.3, §11): not blank, not
 * 无/—//, no unit or note in the cell, counts whole and not negative (2019 本年增/减 may be
 * negative; 2021 收费金额 and 2019 采购总金额 may be decimal). One finding per row and kind.
 * 无/—// → 0 is a safe fix; filling a blank cell asserts a figure and is unsafe.
 */
import { TABLE_NAMES } from '../formats/elements.js';
import type { CellValue } from '../model/cell-value.js';
import type { ObservedCell, ObservedTable } from '../model/tables/types.js';
import type { Report } from '../model/report.js';
import { canEdit, setCell } from './support.js';
import { describeColumn, displayFormat, elementName } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say, type LocalizedText, type RuleFinding } from '../findings.js';

type Problem = 'placeholder' | 'empty' | 'invalid';

function problemOf(cell: ObservedCell): { kind: Problem; why?: LocalizedText } | undefined {
  const value: CellValue = cell.value;
  if (value.type === 'empty') return { kind: 'empty' };
  if (value.type === 'placeholder') return { kind: 'placeholder' };
  if (value.type === 'invalid') {
    const why =
      value.reason === 'unit'
        ? say(`填写为“${value.text}”，单元格中只应填写数字，单位写在表头`, `holds “${value.text}”; write the number only, the unit belongs in the header`)
        : value.reason === 'note'
          ? say(`填写为“${value.text}”，说明文字应写在正文中`, `holds “${value.text}”; notes belong in the text`)
          : say(`填写为“${value.text}”，不是数字`, `holds “${value.text}”, which is not a number`);
    return { kind: 'invalid', why };
  }
  if (value.value < 0 && cell.kind !== 'signed') return { kind: 'invalid', why: say(`为负数 ${value.text}，不能小于 0`, `is negative (${value.text})`) };
  if (!Number.isInteger(value.value) && cell.kind !== 'amount') return { kind: 'invalid', why: say(`为小数 ${value.text}，件数应为整数`, `is fractional (${value.text}); counts are whole numbers`) };
  return undefined;
}

function rowName(report: Report, table: ObservedTable, row: string): LocalizedText {
  const short = TABLE_NAMES[table.id].zh.slice(0, 2);
  if (table.id === 'table4') return say(`${short}数据行`, `${TABLE_NAMES[table.id].en}, data row`);
  const label = elementName(table.id, row, displayFormat(report, table));
  return say(`${short}“${label}”一行`, `${TABLE_NAMES[table.id].en}, row “${label}”`);
}

/**
 * One finding for a table none of whose cells is filled (a table just inserted from a template,
 * issue 20): the list of what is left to fill says 「表三尚未填写」 once, not once per row. No fix:
 * filling a whole table with 0 would assert every figure.
 */
function unfilledTable(table: ObservedTable): RuleFinding | undefined {
  const cells = [...table.cells.values()];
  if (table.rows.length < 2 || cells.length === 0 || !cells.every((c) => c.value.type === 'empty')) return undefined;
  const first = table.rows.find((r) => r.key !== undefined);
  const own = cells.filter((c) => c.row === first?.key);
  const range = own.length > 0 ? { start: Math.min(...own.map((c) => c.inner.start)), end: Math.max(...own.map((c) => c.inner.end)) } : table.range;
  const name = TABLE_NAMES[table.id];
  return {
    range,
    message: say(
      `${name.zh.slice(0, 2)}尚未填写：全部 ${cells.length} 个单元格为空。请逐格填写数字，没有的填 0（空白不等于 0，无法核对勾稽关系）`,
      `${name.en.charAt(0).toUpperCase()}${name.en.slice(1)} is not filled in: all ${cells.length} cells are blank. Write a number in each, 0 for none (a blank is not 0, and cannot be checked)`,
    ),
  };
}

/** The cell-value rule. */
export const cellValue: Rule = {
  id: 'cell-value',
  defaultSeverity: 'warning',
  fix: 'safe+unsafe',
  category: 'tables',
  description: say('应填数字的单元格为空、填写“无”“—”“/”，或不是有效的数字', 'A cell that must hold a number is blank, says 无/—//, or is not a valid number'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const table of Object.values(report.tables)) {
      if (!table) continue;
      const format = displayFormat(report, table);
      const blank = unfilledTable(table);
      if (blank) {
        findings.push(blank);
        continue;
      }
      for (const row of table.rows) {
        const groups: Record<Problem, { cell: ObservedCell; why?: LocalizedText }[]> = { placeholder: [], empty: [], invalid: [] };
        for (const cell of table.cells.values()) {
          if (cell.row !== row.key) continue;
          const problem = problemOf(cell);
          if (problem) groups[problem.kind].push({ cell, ...(problem.why ? { why: problem.why } : {}) });
        }
        const name = rowName(report, table, row.key!);
        const rowCells = [...table.cells.values()].filter((c) => c.row === row.key).length;
        const columns = (cells: readonly { cell: ObservedCell }[]): string => {
          if (cells.length === 1) return `“${describeColumn(table.id, cells[0]!.cell.column, format)}”`;
          if (cells.length === rowCells) return `全部 ${cells.length} 个单元格`;
          const named = cells.slice(0, 2).map((c) => `“${describeColumn(table.id, c.cell.column, format)}”`).join('');
          return cells.length > 2 ? `${named}等 ${cells.length} 个单元格` : `${named}两个单元格`;
        };
        // Cells come in column order, which is not document order when a table's groups are written out of order.
        const span = (cells: readonly { cell: ObservedCell }[]) => ({
          start: Math.min(...cells.map((c) => c.cell.inner.start)),
          end: Math.max(...cells.map((c) => c.cell.inner.end)),
        });
        const related = (cells: readonly { cell: ObservedCell }[]) =>
          cells.map((c) => ({
            range: c.cell.inner,
            message: say(describeColumn(table.id, c.cell.column, format), describeColumn(table.id, c.cell.column, format)),
          }));
        const placeholders = groups.placeholder;
        if (placeholders.length) {
          const written = [...new Set(placeholders.map((c) => (c.cell.value as { text: string }).text))].map((t) => `“${t}”`).join('');
          findings.push({
            range: span(placeholders),
            message: say(
              `${name.zh}：${columns(placeholders)}填写为${written}；应填写数字，没有的填 0`,
              `${name.en}: ${placeholders.length} cell(s) say ${written} instead of a number; write 0 for none`,
            ),
            related: related(placeholders),
            fixes: [{ title: say(`将${written}改为 0`, `Replace ${written} with 0`), safety: 'safe', inPlace: true, edits: placeholders.map((c) => setCell(c.cell, '0')) }],
          });
        }
        const empties = groups.empty;
        if (empties.length) {
          findings.push({
            range: span(empties),
            message: say(
              `${name.zh}：${columns(empties)}未填写；应填写数字，没有的填 0（空白无法核对勾稽关系）`,
              `${name.en}: ${empties.length} cell(s) are blank; write a number, 0 for none (blank cells cannot be checked)`,
            ),
            related: related(empties),
            fixes: canEdit(...empties.map((c) => c.cell))
              ? [{ title: say('在空白单元格中填入 0', 'Fill the blank cells with 0'), safety: 'unsafe', edits: empties.map((c) => setCell(c.cell, '0')) }]
              : [],
          });
        }
        const invalid = groups.invalid;
        if (invalid.length) {
          findings.push({
            range: span(invalid),
            message: say(
              `${name.zh}：${invalid.map((c) => `“${describeColumn(table.id, c.cell.column, format)}”${c.why!.zh}`).join('；')}`,
              `${name.en}: ${invalid.map((c) => `“${describeColumn(table.id, c.cell.column, format)}” ${c.why!.en}`).join('; ')}`,
            ),
            related: related(invalid),
          });
        }
      }
    }
    return findings;
  },
};
