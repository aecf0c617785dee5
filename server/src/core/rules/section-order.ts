/**
 * section-order — the six sections come in official order, each once (formats.md §2).
 */
import { sectionName } from './support.js';
import { say, type Rule, type RuleFinding } from './types.js';

/** The section-order rule. */
export const sectionOrder: Rule = {
  id: 'section-order',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'document',
  description: say('章节顺序错误或重复出现', 'Sections out of order, or one appears twice'),
  check(report) {
    const findings: RuleFinding[] = [];
    const { sections, duplicates } = report.sections;
    sections.forEach((section, i) => {
      const later = sections.slice(0, i).filter((s) => s.def.index > section.def.index);
      if (later.length === 0) return;
      const first = later[0]!;
      const name = sectionName(section.def);
      const other = sectionName(first.def);
      findings.push({
        range: section.heading.content,
        message: say(`${name.zh}应排在${other.zh}之前`, `${name.en} should come before ${other.en}`),
        related: [{ range: first.heading.content, message: other }],
      });
    });
    for (const duplicate of duplicates) {
      const original = sections.find((s) => s.def.index === duplicate.def.index);
      const name = sectionName(duplicate.def);
      findings.push({
        range: duplicate.heading.content,
        message: original
          ? say(`${name.zh}重复出现（第 ${original.heading.line + 1} 行已有）`, `${name.en} appears twice (already on line ${original.heading.line + 1})`)
          : say(`${name.zh}重复出现`, `${name.en} appears twice`),
        related: original ? [{ range: original.heading.content, message: say('第一次出现', 'first occurrence') }] : [],
      });
    }
    return findings;
  },
};
