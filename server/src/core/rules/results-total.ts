/**
 * results-total — 表三: per column, （七）总计 must be the sum of the outcome rows （一）…（六）:
 * 19 rows in the 2019 format, 21 in the 2021 format (formats.md §6.2 T3-C; EXPECTED.md notes
 * the spec's earlier 18/20 count was wrong).
 */
import { TABLE3_ROWS } from '../formats/table3.js';
import { labelIn, type FormatId } from '../formats/types.js';
import { brokenRelations } from './relation-check.js';
import { totalFinding } from './arithmetic.js';
import { describeColumn, displayFormat } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say } from '../findings.js';

/** 「（四）1.本机关不掌握相关政府信息」: a sub-row named with its group's numbering. */
function outcomeName(key: string, format: FormatId): string {
  const row = TABLE3_ROWS.find((r) => r.key === key);
  if (!row) return key;
  // The counting note of （二） is part of its label but would drown the message.
  const label = labelIn(row.label, format).replace(/（[^（）]*）$/, '');
  const group = row.parents[1];
  const numbering = group ? /^（.）/.exec(group)?.[0] ?? '' : '';
  return `${numbering}${label}`;
}

/** The results-total rule. */
export const resultsTotal: Rule = {
  id: 'results-total',
  defaultSeverity: 'error',
  fix: 'unsafe',
  category: 'tables',
  description: say('表三：（七）总计不等于各项办理结果之和', 'Table 3: （七）总计 differs from the sum of the outcome rows'),
  check(report) {
    return brokenRelations(report, 'results-total').map((b) => {
      const format = displayFormat(report, b.table);
      const column = describeColumn('table3', b.target.column, format);
      const addends = b.right.map((a) => ({ name: outcomeName(a.cell.row, format), value: a.value, cell: a.cell }));
      return totalFinding(b, addends, {
        subject: say(`表三“${column}”列：（七）总计`, `Table 3, column “${column}”: （七）总计`),
        addendsIntro: say('各项办理结果之和：', `sum of the ${b.right.length} outcome rows: `),
        allZero: say('各项办理结果均为 0', 'every outcome row is 0'),
        fixVerb: say('将（七）总计改为', 'Set （七）总计 to'),
      });
    });
  },
};
