/**
 * empty-section — a section that holds nothing, or only 无, where the format expects content
 * (formats.md §3.1: reviewers flag an empty 五; §3.3: 六 may say 无 in a 2019-format report).
 */
import { isBlankText, stripInlineMarkup } from '../text/normalize.js';
import { displayFormat, sectionName } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

const SAYS_NONE = /^(?:无|暂无|没有|无其他需要报告的事项|没有其他需要报告的事项|本年度无其他需要报告的事项)[。.]?$/;

/** The empty-section rule. */
export const emptySection: Rule = {
  id: 'empty-section',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'document',
  description: say('某部分没有内容或只写了“无”', 'A section holds nothing, or only 无'),
  check(report) {
    const findings: RuleFinding[] = [];
    const format = displayFormat(report);
    for (const section of report.sections.sections) {
      const bodyStart = report.lines.lineEnd(section.heading.line);
      const body = stripInlineMarkup(report.text.slice(bodyStart, section.range.end)).replace(/<!--[\s\S]*?-->/g, '');
      const compact = body.replace(/[\s\u00a0\u3000]+/g, '');
      const empty = isBlankText(body);
      const none = SAYS_NONE.test(compact);
      if (!empty && !none) continue;
      if (none && section.def.index === 6 && format === '2019') continue;
      const name = sectionName(section.def);
      findings.push({
        range: section.heading.content,
        message: empty
          ? say(`${name.zh}没有内容`, `${name.en} is empty`)
          : say(`${name.zh}只写了“${compact}”，应写明具体情况`, `${name.en} only says “${compact}”; it should report the actual situation`),
      });
    }
    return findings;
  },
};
