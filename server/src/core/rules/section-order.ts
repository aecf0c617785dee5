/**
 * section-order — the six sections come in official order, each once (formats.md §2). Sections
 * are told apart by their wording, so two headings numbered 五、 with the words of 五 and 六 are
 * 五 and a misnumbered 六 (section-heading's), not a repeat. A line this rule reports gets no
 * section-heading finding of its own (`headingProblems`): the message names its faults too.
 */
import { headingProblems } from '../model/sections.js';
import { headingReasons } from './section-heading.js';
import { sectionName } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

/** The section-order rule. */
export const sectionOrder: Rule = {
  id: 'section-order',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'document',
  description: say('章节顺序错误或重复出现', 'Sections out of order, or one appears twice'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const problems of headingProblems(report.sections)) {
      if (problems.speaker !== 'section-order') continue;
      const { heading } = problems;
      const name = sectionName(heading.def);
      const reasons = headingReasons(problems);
      const also = reasons.length > 0 ? say(`；另外，${reasons.map((r) => r.zh).join('；')}`, `; also, ${reasons.map((r) => r.en).join('; ')}`) : say('', '');
      if (problems.after) {
        const other = sectionName(problems.after.def);
        findings.push({
          range: heading.heading.content,
          message: say(`${name.zh}应排在${other.zh}之前${also.zh}`, `${name.en} should come before ${other.en}${also.en}`),
          related: [{ range: problems.after.heading.content, message: other }],
        });
      } else if (problems.repeats) {
        const original = problems.repeats;
        findings.push({
          range: heading.heading.content,
          message: say(`${name.zh}重复出现（第 ${original.heading.line + 1} 行已有）`, `${name.en} appears twice (already on line ${original.heading.line + 1})`),
          related: [{ range: original.heading.content, message: say('第一次出现', 'first occurrence') }],
        });
      }
    }
    return findings;
  },
};
