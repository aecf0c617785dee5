/**
 * carryover — this year's 二、上年结转 against last year's 四、结转下年度继续办理 of the same
 * body (rules.md "Across reports"; formats.md §6.4).
 */
import { describeColumn, displayFormat, elementName, formatNumber } from '../formats/wording.js';
import type { RuleFinding } from '../findings.js';
import { say } from '../findings.js';
import { numberAt, placeIn } from './support.js';
import type { Rule } from './types.js';

/** carryover — 二、上年结转 (this year) = 四、结转下年度继续办理 (last year), per column (formats.md §6.4). */
export const carryover: Rule = {
  id: 'carryover',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'across',
  needsPrevious: true,
  description: say('表三“二、上年结转”与上一年度报告的“四、结转下年度继续办理”不一致', '二、上年结转 differs from last year’s 四、结转下年度继续办理'),
  check(current, { previous }) {
    const out: RuleFinding[] = [];
    if (!previous) return out;
    const now = current.tables.table3;
    const before = previous.report.tables.table3;
    if (!now || !before) return out;
    for (const column of [...now.cells.values()].filter((c) => c.row === 'carried')) {
      const mine = numberAt(now, 'carried', column.column);
      const theirs = numberAt(before, 'next', column.column);
      if (!mine || !theirs || Math.abs(mine.value - theirs.value) < 1e-9) continue;
      const format = displayFormat(current, now);
      const name = describeColumn('table3', column.column, format);
      const place = placeIn(previous, theirs.cell);
      const carried = elementName('table3', 'carried', format);
      const next = elementName('table3', 'next', displayFormat(previous.report, before));
      out.push({
        related: [{ file: previous.uri ?? previous.file, range: theirs.cell.content, message: say(`上一年度“${next}”：${formatNumber(theirs.value)}`, `last year: ${formatNumber(theirs.value)}`) }],
        range: mine.cell.content,
        message: say(
          `表三“${carried}”（${name}）为 ${formatNumber(mine.value)}，但上一年度报告（${place.zh}）“${next}”为 ${formatNumber(theirs.value)}`,
          `Table 3 “${carried}” (${name}) is ${formatNumber(mine.value)}, but last year’s report (${place.en}) carried ${formatNumber(theirs.value)} forward`,
        ),
      });
    }
    return out;
  },
};
