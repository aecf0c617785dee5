/**
 * review-total — 表四: in each group (行政复议, 未经复议直接起诉, 复议后起诉), 总计 = 结果维持 +
 * 结果纠正 + 其他结果 + 尚未审结 (formats.md §6.2 T4-A). A group's five cells lie on this one
 * relation only, so one wrong cell is usually any of five: the finding says so and offers each
 * correction (arithmetic.ts), unless the others would have to be negative.
 */
import { arithmeticFindings } from './arithmetic.js';
import { type Rule } from './types.js';
import { say } from '../findings.js';

/** The review-total rule. */
export const reviewTotal: Rule = {
  id: 'review-total',
  defaultSeverity: 'error',
  fix: 'unsafe',
  category: 'tables',
  description: say('表四：某组的总计不等于四项结果之和', 'Table 4: a group’s 总计 differs from the sum of its four outcomes'),
  check: (report, context) => [...(arithmeticFindings(report, context).get('review-total') ?? [])],
};
