/**
 * balance — 表三, per column: 一 + 二 = （七）总计 + 四, the 勾稽关系 printed in the table's own
 * note (formats.md §6.1 T3-A; “本列” makes it per column). The findings are made with the other
 * arithmetic rules' (arithmetic.ts): on the wrong cell where the table's relations single it out.
 */
import { arithmeticFindings } from './arithmetic.js';
import { type Rule } from './types.js';
import { say } from '../findings.js';

/** The balance rule. */
export const balance: Rule = {
  id: 'balance',
  defaultSeverity: 'error',
  fix: 'unsafe',
  category: 'tables',
  description: say('表三：一 + 二 ≠ （七）总计 + 四（表中注明的勾稽关系）', 'Table 3: 一 + 二 ≠ （七）总计 + 四 (the relation printed in the table)'),
  check: (report, context) => [...(arithmeticFindings(report, context).get('balance') ?? [])],
};
