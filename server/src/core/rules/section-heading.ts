/**
 * section-heading — a section heading's numbering (三、) and wording must be the standard ones
 * (formats.md §2). Sections are recognised by their wording first, so a heading renumbered after
 * a missing section (六 written 五、) is the section its words name and gets the right number as
 * its safe fix. A wording formats.md §2 lists as seen in real reports, correctly numbered, is
 * accepted "with a hint, not an error": a `hint`; wrong or missing numbering and a wording not in
 * that list stay warnings. A line where missing-section or section-order speaks is theirs
 * (`headingProblems`): their message carries these reasons.
 */
import { standardHeading } from '../formats/sections.js';
import { headingProblems, type HeadingProblems } from '../model/sections.js';
import { type Rule } from './types.js';
import { say, type LocalizedText, type RuleFinding } from '../findings.js';

/** Why a section heading differs from the standard one, each reason in both languages. */
export function headingReasons(problems: HeadingProblems): LocalizedText[] {
  const { heading } = problems;
  const expectedNumber = `${heading.def.numeral}、`;
  const reasons: LocalizedText[] = [];
  if (problems.numbering === 'missing') reasons.push(say(`缺少编号“${expectedNumber}”`, `the number “${expectedNumber}” is missing`));
  else if (problems.numbering === 'wrong')
    reasons.push(say(`编号应为“${expectedNumber}”，实为“${heading.numbering.raw}”`, `the number should be “${expectedNumber}”, not “${heading.numbering.raw}”`));
  if (heading.wording !== 'standard') reasons.push(say(`措辞与标准不同（“${heading.title}”）`, `the wording differs from the standard (“${heading.title}”)`));
  return reasons;
}

/** The section-heading rule. */
export const sectionHeading: Rule = {
  id: 'section-heading',
  defaultSeverity: 'warning',
  fix: 'safe',
  category: 'document',
  description: say('章节标题的编号或措辞与标准不同', 'A section heading’s numbering or wording differs from the standard'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const problems of headingProblems(report.sections)) {
      if (problems.speaker !== 'section-heading') continue;
      const { heading } = problems;
      const standard = standardHeading(heading.def);
      const reasons = headingReasons(problems);
      const tolerated = problems.numbering === 'ok' && heading.wording === 'variant';
      findings.push({
        range: heading.heading.content,
        message: say(
          `章节标题应为“${standard}”：${reasons.map((r) => r.zh).join('；')}${tolerated ? '（实际报告中常见的写法，可以接受）' : ''}`,
          `The section heading should read “${standard}”: ${reasons.map((r) => r.en).join('; ')}${tolerated ? ' (a wording real reports use; tolerated)' : ''}`,
        ),
        ...(tolerated ? { severity: 'hint' as const } : {}),
        fixes: [{ title: say(`改为“${standard}”`, `Change to “${standard}”`), safety: 'safe', inPlace: true, edits: [{ range: heading.heading.content, newText: standard }] }],
      });
    }
    return findings;
  },
};
