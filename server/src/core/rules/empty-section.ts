/**
 * empty-section — a section that holds nothing, or only 无, where the format expects content
 * (formats.md §3.1: reviewers flag an empty 五; §3.3: 六 may say 无 in a 2019-format report).
 * A section is the one in its wording, whatever its number, so 六 numbered 五 after a missing 五
 * may still say 无; a section whose heading is repeated is empty only when every copy is.
 */
import { isBlankText, stripInlineMarkup } from '../text/normalize.js';
import { sectionBodies } from '../model/sections.js';
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
      // The section in its own wording, whatever its number; with the text under a repeated heading (issue 24).
      const bodies = sectionBodies(report.sections, section.def.index, (s) => report.lines.lineEnd(s.heading.line))
        .map((b) => stripInlineMarkup(report.text.slice(b.start, b.end)).replace(/<!--[\s\S]*?-->/g, ''))
        .filter((body) => !isBlankText(body))
        .map((body) => body.replace(/[\s\u00a0\u3000]+/g, ''));
      const empty = bodies.length === 0;
      const none = !empty && bodies.every((compact) => SAYS_NONE.test(compact));
      const compact = bodies[0] ?? '';
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
