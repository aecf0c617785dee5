/**
 * table-shape — a standard table has every standard row and column of its format, no unknown or
 * repeated rows, and full rows (formats.md §4–5). Elements of one format only are left to
 * format-version when the table holds the other format's (EXPECTED.md seed 002: report once).
 * The unsafe fix inserts a missing row (or 表二 item) with empty cells.
 */
import { elementLabel, elementsIn, TABLE_NAMES, type TableElement } from '../formats/elements.js';
import { TABLE2_ITEMS } from '../formats/table2.js';
import { TABLE3_ROWS } from '../formats/table3.js';
import { EMPTY_CELLS, renderRow, renderTable2Item } from '../formats/template.js';
import type { FormatId } from '../formats/types.js';
import type { Report } from '../model/report.js';
import type { ObservedTable } from '../model/tables/types.js';
import { insertLinesAfter, insertLinesBefore, lineRangeAt } from './support.js';
import { describeColumn } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say, type Fix, type RuleFinding, type TextEdit } from '../findings.js';

function formatOf(report: Report, table: ObservedTable): FormatId {
  if (report.requiredFormat) return report.requiredFormat;
  return table.usedFormat === '2019' ? '2019' : '2021';
}

function rowLine(table: ObservedTable, element: TableElement, format: FormatId): string {
  const width = Math.max(table.width, 2);
  const cells = new Array<string>(width).fill('');
  const labelColumns = table.rows[0]?.labelColumns ?? 1;
  const depth = table.id === 'table3' ? TABLE3_ROWS.find((r) => r.key === element.key)?.parents.length ?? 0 : 0;
  cells[Math.min(depth, Math.max(labelColumns - 1, 0))] = elementLabel(element, format);
  return renderRow(cells);
}

/** Where a missing element goes: before the next present element of its item/table, else after the last. */
function placeOf(table: ObservedTable, element: TableElement, all: readonly TableElement[]): { before?: number; after?: number } {
  const sameGroup = (e: TableElement): boolean => e.role === element.role && e.item === element.item;
  const next = all.find((e) => e.order > element.order && sameGroup(e) && table.present.has(e.key));
  const row = next && table.rows.find((r) => r.key === next.key);
  if (row) return { before: row.range.start };
  const previous = [...all].reverse().find((e) => e.order < element.order && sameGroup(e) && table.present.has(e.key));
  const previousRow = previous && table.rows.find((r) => r.key === previous.key);
  if (previousRow) return { after: previousRow.range.start };
  const itemLabel = element.item ? table.labels.filter((l) => l.key?.startsWith(`${element.item}`)).at(-1) : undefined;
  if (itemLabel) return { after: itemLabel.range.start };
  return { after: table.rows.at(-1)?.range.start ?? table.range.start };
}

/** The table-shape rule. */
export const tableShape: Rule = {
  id: 'table-shape',
  defaultSeverity: 'error',
  fix: 'unsafe',
  category: 'tables',
  description: say('表格缺少标准行或列、含有未知的行，或某行单元格数目不对', 'A standard row or column is missing, an unknown row is present, or a row has too few cells'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const table of Object.values(report.tables)) {
      if (!table) continue;
      const format = formatOf(report, table);
      const name = TABLE_NAMES[table.id];
      const short = name.zh.slice(0, 2);
      const holdsOther = table.labels.some((l) => l.key !== undefined && l.formats.length === 1 && l.formats[0] !== format);
      // An inserted row is GFM text: it fits only a GFM table (convert an HTML or pasted one first).
      const gfm = table.grids.every((g) => g.source === 'gfm');

      for (const label of table.unknownRows) {
        findings.push({
          range: label.text === '' ? lineRangeAt(report, label.range.start) : label.range,
          message: label.text === ''
            ? say(`${short}中有一行没有标签，无法对应到标准行`, `${name.en} has a row without a label`)
            : say(`${short}中的“${label.text}”不是${format}版格式的标准${label.role === 'column' ? '列' : '行'}`, `“${label.text}” is not a standard ${label.role === 'column' ? 'column' : 'row'} of ${name.en} in the ${format} format`),
        });
      }
      for (const label of table.duplicateRows) {
        findings.push({ range: label.range, message: say(`${short}“${label.standard ?? label.text}”一行重复出现`, `The row “${label.standard ?? label.text}” appears twice in ${name.en}`) });
      }

      const expected = elementsIn(table.id, format);
      const missingItems = new Set<string>();
      for (const element of expected) {
        if (table.present.has(element.key)) continue;
        if (element.formats.length === 1 && holdsOther) continue;
        if (element.item && missingItems.has(element.item)) continue;
        const label = elementLabel(element, format);
        const place = placeOf(table, element, expected);
        const anchor = place.before ?? place.after!;
        const range = lineRangeAt(report, anchor);
        let fix: Fix | undefined;
        if (!gfm) {
          if (element.role === 'item') missingItems.add(element.key);
        } else if (element.role === 'item') {
          missingItems.add(element.key);
          const item = TABLE2_ITEMS.find((i) => i.key === element.key)!;
          const lines = renderTable2Item(format, item, EMPTY_CELLS, Math.max(table.width, 2));
          const edit: TextEdit = place.before !== undefined ? insertLinesBefore(report, anchor, lines) : insertLinesAfter(report, anchor, lines);
          fix = { title: say(`插入“${label}”（空白）`, `Insert “${label}” with empty cells`), safety: 'unsafe', edits: [edit] };
        } else if (element.role === 'row' && table.rows.length > 0) {
          const line = rowLine(table, element, format);
          const edit: TextEdit = place.before !== undefined ? insertLinesBefore(report, anchor, [line]) : insertLinesAfter(report, anchor, [line]);
          fix = { title: say(`插入“${label}”一行（空白）`, `Insert the row “${label}” with empty cells`), safety: 'unsafe', edits: [edit] };
        }
        const kind = element.role === 'item' ? say('项目', 'item') : element.role === 'column' ? say('列', 'column') : say('行', 'row');
        findings.push({
          range: element.role === 'column' && table.id !== 'table2' ? lineRangeAt(report, table.range.start) : range,
          message: say(`${short}缺少标准${kind.zh}“${table.id === 'table4' ? describeColumn('table4', element.key, format) : label}”`, `${name.en} lacks the standard ${kind.en} “${label}”`),
          fixes: fix ? [fix] : [],
        });
      }

      for (const row of table.rows) {
        if (row.missingCells.length === 0) continue;
        const columns = row.missingCells.map((c) => `“${describeColumn(table.id, c, format)}”`).join('');
        findings.push({
          range: row.range,
          message: say(`${short}“${row.label.standard ?? row.label.text}”一行的单元格不足，缺少${columns}列`, `${name.en}, row “${row.label.standard ?? row.label.text}”: too few cells, ${row.missingCells.length} value column(s) missing`),
        });
      }
      if (table.id === 'table4' && table.rows.length === 0) {
        findings.push({ range: lineRangeAt(report, table.range.start), message: say('表四没有填写数据的行', 'Table 4 has no data row') });
      }
    }
    return findings;
  },
};
