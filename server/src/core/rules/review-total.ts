/**
 * review-total — 表四: in each group (行政复议, 未经复议直接起诉, 复议后起诉), 总计 = 结果维持 +
 * 结果纠正 + 其他结果 + 尚未审结 (formats.md §6.2 T4-A).
 */
import { TABLE4_GROUPS, TABLE4_OUTCOMES } from '../formats/table4.js';
import { brokenRelations } from './relation-check.js';
import { totalFinding } from './arithmetic.js';
import { type Rule } from './types.js';
import { say } from '../findings.js';

/** The review-total rule. */
export const reviewTotal: Rule = {
  id: 'review-total',
  defaultSeverity: 'error',
  fix: 'unsafe',
  category: 'tables',
  description: say('表四：某组的总计不等于四项结果之和', 'Table 4: a group’s 总计 differs from the sum of its four outcomes'),
  check(report) {
    return brokenRelations(report, 'review-total').map((b) => {
      const [groupKey] = b.target.column.split('.');
      const group = TABLE4_GROUPS.find((g) => g.key === groupKey)!.label;
      const addends = b.right.map((a) => ({ name: TABLE4_OUTCOMES.find((o) => a.cell.column.endsWith(`.${o.key}`))!.label, value: a.value, cell: a.cell }));
      return totalFinding(b, addends, {
        subject: say(`表四“${group}”：总计`, `Table 4, “${group}”: 总计`),
        addendsIntro: say('', ''),
        allZero: say('四项结果均为 0', 'all four outcomes are 0'),
        fixVerb: say(`将“${group}”总计改为`, `Set the 总计 of “${group}” to`),
      });
    });
  },
};
