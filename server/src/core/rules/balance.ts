/**
 * balance — 表三, per column: 一 + 二 = （七）总计 + 四, the 勾稽关系 printed in the table's own
 * note (formats.md §6.1 T3-A; “本列” makes it per column).
 */
import { brokenRelations } from './relation-check.js';
import { setCell } from './support.js';
import { describeColumn, displayFormat, formatNumber } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say, type Fix } from '../findings.js';

/** The balance rule. */
export const balance: Rule = {
  id: 'balance',
  defaultSeverity: 'error',
  fix: 'unsafe',
  category: 'tables',
  description: say('表三：一 + 二 ≠ （七）总计 + 四（表中注明的勾稽关系）', 'Table 3: 一 + 二 ≠ （七）总计 + 四 (the relation printed in the table)'),
  check(report) {
    return brokenRelations(report, 'balance').map((b) => {
      const column = describeColumn('table3', b.target.column, displayFormat(report, b.table));
      const [first, second] = b.left.map((c) => formatNumber(c.value));
      const [total, next] = b.right.map((c) => formatNumber(c.value));
      const lhs = formatNumber(b.leftSum);
      const rhs = formatNumber(b.rightSum);
      const expected = formatNumber(b.expected);
      const fixable = b.expected >= 0;
      const fixes: Fix[] = fixable
        ? [{ title: say(`将“四、结转下年度继续办理”改为 ${expected}`, `Set 四、结转下年度继续办理 to ${expected}`), safety: 'unsafe', edits: [setCell(b.target, expected)] }]
        : [];
      return {
        range: b.target.content,
        message: say(
          `表三“${column}”列勾稽关系不成立：一 + 二 = ${first} + ${second} = ${lhs}，（七）总计 + 四 = ${total} + ${next} = ${rhs}` +
            (fixable ? `；“四、结转下年度继续办理”应为 ${expected}` : ''),
          `Table 3, column “${column}”: 一 + 二 = ${first} + ${second} = ${lhs}, but （七）总计 + 四 = ${total} + ${next} = ${rhs}` +
            (fixable ? `; 四 (carried forward) should be ${expected}` : ''),
        ),
        related: [...b.left, ...b.right].map((c) => ({ range: c.cell.content, message: say(formatNumber(c.value), formatNumber(c.value)) })),
        fixes,
      };
    });
  },
};
