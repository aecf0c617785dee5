/**
 * row-total — 表三: a row's 总计 must be the sum of its six applicant columns
 * (formats.md §6.2 T3-B: the column is headed 总计 and there is no subtotal column).
 */
import { brokenRelations } from './relation-check.js';
import { addendLocations, addendsText } from './arithmetic.js';
import { describeColumn, displayFormat, elementName, formatNumber, setCell } from './support.js';
import { say, type Rule } from './types.js';

/** The row-total rule. */
export const rowTotal: Rule = {
  id: 'row-total',
  defaultSeverity: 'error',
  fix: 'unsafe',
  category: 'tables',
  description: say('表三：某行的总计不等于六类申请人之和', 'Table 3: a row’s 总计 differs from the sum of its six applicant columns'),
  check(report) {
    return brokenRelations(report, 'row-total').map((b) => {
      const format = displayFormat(report, b.table);
      const row = elementName('table3', b.target.row, format);
      const addends = b.right.map((a) => ({ name: describeColumn('table3', a.cell.column, format), value: a.value, cell: a.cell }));
      const parts = addendsText(addends, say('六类申请人均为 0', 'all six applicant columns are 0'));
      const expected = formatNumber(b.expected);
      const actual = formatNumber(b.leftSum);
      return {
        range: b.target.content,
        message: say(
          `表三“${row}”一行：总计应为 ${expected}（${parts.zh}），实为 ${actual}`,
          `Table 3, row “${row}”: 总计 (total) should be ${expected} (${parts.en}), but is ${actual}`,
        ),
        related: addendLocations(addends),
        fixes: [{ title: say(`将总计改为 ${expected}`, `Set 总计 to ${expected}`), safety: 'unsafe', edits: [setCell(b.target, expected)] }],
      };
    });
  },
};
