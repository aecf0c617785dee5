/**
 * row-total — 表三: a row's 总计 must be the sum of its six applicant columns
 * (formats.md §6.2 T3-B: the column is headed 总计 and there is no subtotal column).
 * The findings are made with the other arithmetic rules' (arithmetic.ts): on the wrong cell
 * where the table's relations single it out, not on the total.
 */
import { arithmeticFindings } from './arithmetic.js';
import { type Rule } from './types.js';
import { say } from '../findings.js';

/** The row-total rule. */
export const rowTotal: Rule = {
  id: 'row-total',
  defaultSeverity: 'error',
  fix: 'unsafe',
  category: 'tables',
  description: say('表三：某行的总计不等于六类申请人之和', 'Table 3: a row’s 总计 differs from the sum of its six applicant columns'),
  check: (report, context) => [...(arithmeticFindings(report, context).get('row-total') ?? [])],
};
