/**
 * valid-count-chain — 现行有效件数 against last year's (rules.md "Across reports"; formats.md §6.4).
 */
import { elementName, formatNumber } from '../formats/wording.js';
import type { RuleFinding } from '../findings.js';
import { say } from '../findings.js';
import { numberAt, placeIn } from './support.js';
import type { Rule } from './types.js';

/** valid-count-chain — 2021 format: 现行有效件数 = last year's + 本年制发件数 − 本年废止件数 (formats.md §6.4). */
export const validCountChain: Rule = {
  id: 'valid-count-chain',
  defaultSeverity: 'info',
  fix: 'none',
  category: 'across',
  needsPrevious: true,
  description: say('现行有效件数 ≠ 上年现行有效件数 + 本年制发件数 − 本年废止件数', '现行有效件数 ≠ last year’s + 本年制发件数 − 本年废止件数'),
  check(current, { previous }) {
    const out: RuleFinding[] = [];
    if (!previous) return out;
    const now = current.tables.table2;
    const before = previous.report.tables.table2;
    for (const row of ['i1.regulation', 'i1.normative']) {
      const valid = numberAt(now, row, 'i1.valid');
      const issued = numberAt(now, row, 'i1.issued');
      const repealed = numberAt(now, row, 'i1.repealed');
      const last = numberAt(before, row, 'i1.valid');
      if (!valid || !issued || !repealed || !last) continue;
      const expected = last.value + issued.value - repealed.value;
      if (Math.abs(expected - valid.value) < 1e-9) continue;
      const label = elementName('table2', row, '2021');
      const place = placeIn(previous, last.cell);
      out.push({
        related: [{ file: previous.uri ?? previous.file, range: last.cell.content, message: say(`上一年度现行有效件数：${formatNumber(last.value)}`, `last year: ${formatNumber(last.value)}`) }],
        range: valid.cell.content,
        message: say(
          `表二“${label}”现行有效件数为 ${formatNumber(valid.value)}，按上一年度报告（${place.zh}）的 ${formatNumber(last.value)} + 本年制发 ${formatNumber(issued.value)} − 本年废止 ${formatNumber(repealed.value)} 应为 ${formatNumber(expected)}（文件也可能因失效而减少）`,
          `Table 2 “${label}”: 现行有效件数 is ${formatNumber(valid.value)}; last year’s ${formatNumber(last.value)} (${place.en}) + ${formatNumber(issued.value)} issued − ${formatNumber(repealed.value)} repealed gives ${formatNumber(expected)} (documents may also expire)`,
        ),
      });
    }
    return out;
  },
};
