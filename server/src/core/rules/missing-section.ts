/**
 * missing-section — each of the six sections of 条例 Art. 50 must be present (formats.md §2,
 * §10 E2: most often 六 is missing). The safe fix inserts the standard heading at its place.
 */
import { SECTIONS } from '../formats/sections.js';
import { headingMarkup, insertLinesBefore, lastLineRange, lineRangeAt, sectionName } from './support.js';
import { say, type Rule, type RuleFinding, type TextEdit } from './types.js';

/** The missing-section rule. */
export const missingSection: Rule = {
  id: 'missing-section',
  defaultSeverity: 'error',
  fix: 'safe',
  category: 'document',
  description: say('缺少六个部分中的某一部分', 'One of the six standard sections is absent'),
  check(report) {
    const present = new Set([...report.sections.sections, ...report.sections.duplicates].map((s) => s.def.index));
    const findings: RuleFinding[] = [];
    for (const def of SECTIONS) {
      if (present.has(def.index)) continue;
      const next = report.sections.sections.find((s) => s.def.index > def.index);
      const heading = headingMarkup(report, def);
      let range;
      let edit: TextEdit | undefined;
      if (next) {
        range = lineRangeAt(report, next.heading.range.start);
        edit = insertLinesBefore(report, next.heading.range.start, [heading, '']);
      } else {
        range = lastLineRange(report);
        const end = report.text.length;
        const endsWithBreak = /\r?\n$/.test(report.text);
        // Appended inside an unclosed <!-- or code fence, the heading would not be a heading: no fix.
        if (!report.blocks.endsOpen) edit = { range: { start: end, end }, newText: `${endsWithBreak ? '' : report.eol}${report.eol}${heading}${report.eol}` };
      }
      const name = sectionName(def);
      findings.push({
        range,
        message: say(`缺少第${def.numeral}部分${name.zh}（《条例》第五十条规定的内容）`, `Section ${name.en} is missing (required by Art. 50 of the Regulations)`),
        fixes: edit ? [{ title: say(`插入标题${name.zh}`, `Insert the heading ${name.en}`), safety: 'safe', edits: [edit] }] : [],
      });
    }
    return findings;
  },
};
