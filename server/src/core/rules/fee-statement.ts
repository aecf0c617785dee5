/**
 * fee-statement — in the 2021 format, section 六 reports the 信息处理费 charged under
 * 《政府信息公开信息处理费管理办法》 (formats.md §3.2). 表二's 行政事业性收费 is unrelated
 * and does not count. 六 is the section in 六's wording, whatever its number; its text under a
 * repeated heading counts too.
 */
import { sectionBodies } from '../model/sections.js';
import { displayFormat, sectionName } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say } from '../findings.js';

const MENTIONS_FEE = /信息处理费|收费通知/;

/** The fee-statement rule. */
export const feeStatement: Rule = {
  id: 'fee-statement',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'document',
  description: say('2021版格式的报告第六部分未说明信息处理费', 'A 2021-format report whose section 六 says nothing about 信息处理费'),
  check(report) {
    if (displayFormat(report) !== '2021') return [];
    const section = report.sections.sections.find((s) => s.def.index === 6);
    if (!section) return [];
    // 六 is found by its wording whatever its number (issue 13); its text under a repeated heading counts too (issue 24).
    const bodies = sectionBodies(report.sections, 6, (s) => s.heading.range.end);
    if (bodies.some((b) => MENTIONS_FEE.test(report.text.slice(b.start, b.end)))) return [];
    return [
      {
        range: section.heading.content,
        message: say(
          `${sectionName(section.def).zh}未说明信息处理费收取情况（2021版格式要求报告发出收费通知的件数和总金额、实际收取的总金额；未收取的也应写明）`,
          `${sectionName(section.def).en} says nothing about 信息处理费 (the 2021 format asks for the number and amount of fee notices and the amount collected, or a statement that none was charged)`,
        ),
      },
    ];
  },
};
