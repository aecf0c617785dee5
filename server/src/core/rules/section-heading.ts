/**
 * section-heading — a section heading's numbering (三、) and wording must be the standard ones
 * (formats.md §2). Variants seen in real reports are recognised as the section and reported
 * here, with the standard heading as a safe fix.
 */
import { standardHeading } from '../formats/sections.js';
import { say, type Rule, type RuleFinding } from './types.js';

/** The section-heading rule. */
export const sectionHeading: Rule = {
  id: 'section-heading',
  defaultSeverity: 'warning',
  fix: 'safe',
  category: 'document',
  description: say('章节标题的编号或措辞与标准不同', 'A section heading’s numbering or wording differs from the standard'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const section of report.sections.sections) {
      const standard = standardHeading(section.def);
      const expectedNumber = `${section.def.numeral}、`;
      const { numbering } = section;
      const reasons: { zh: string; en: string }[] = [];
      if (numbering.kind === 'none') reasons.push({ zh: `缺少编号“${expectedNumber}”`, en: `the number “${expectedNumber}” is missing` });
      else if (numbering.raw !== expectedNumber)
        reasons.push({ zh: `编号应为“${expectedNumber}”，实为“${numbering.raw}”`, en: `the number should be “${expectedNumber}”, not “${numbering.raw}”` });
      if (section.wording !== 'standard')
        reasons.push({ zh: `措辞与标准不同（“${section.title}”）`, en: `the wording differs from the standard (“${section.title}”)` });
      if (reasons.length === 0) continue;
      findings.push({
        range: section.heading.content,
        message: say(
          `章节标题应为“${standard}”：${reasons.map((r) => r.zh).join('；')}`,
          `The section heading should read “${standard}”: ${reasons.map((r) => r.en).join('; ')}`,
        ),
        fixes: [{ title: say(`改为“${standard}”`, `Change to “${standard}”`), safety: 'safe', edits: [{ range: section.heading.content, newText: standard }] }],
      });
    }
    return findings;
  },
};
