/**
 * results-total — 表三: per column, （七）总计 must be the sum of the outcome rows （一）…（六）:
 * 19 rows in the 2019 format, 21 in the 2021 format (formats.md §6.2 T3-C; EXPECTED.md notes
 * the spec's earlier 18/20 count was wrong). The findings are made with the other arithmetic
 * rules' (arithmetic.ts): on the wrong cell where the table's relations single it out.
 */
import { arithmeticFindings } from './arithmetic.js';
import { type Rule } from './types.js';
import { say } from '../findings.js';

/** The results-total rule. */
export const resultsTotal: Rule = {
  id: 'results-total',
  defaultSeverity: 'error',
  fix: 'unsafe',
  category: 'tables',
  description: say('表三：（七）总计不等于各项办理结果之和', 'Table 3: （七）总计 differs from the sum of the outcome rows'),
  check: (report, context) => [...(arithmeticFindings(report, context).get('results-total') ?? [])],
};
