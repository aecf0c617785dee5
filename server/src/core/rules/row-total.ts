/**
 * row-total — 表三: a row's 总计 must be the sum of its six applicant columns
 * (formats.md §6.2 T3-B: the column is headed 总计 and there is no subtotal column).
 */
import { brokenRelations } from './relation-check.js';
import { totalFinding } from './arithmetic.js';
import { describeColumn, displayFormat, elementName } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say } from '../findings.js';

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
      return totalFinding(b, addends, {
        subject: say(`表三“${row}”一行：总计`, `Table 3, row “${row}”: 总计 (total)`),
        addendsIntro: say('', ''),
        allZero: say('六类申请人均为 0', 'all six applicant columns are 0'),
        fixVerb: say('将总计改为', 'Set 总计 to'),
      });
    });
  },
};
