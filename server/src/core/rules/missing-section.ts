/**
 * missing-section — each of the six sections of 条例 Art. 50 must be present (formats.md §2,
 * §10 E2: most often 六 is missing). Sections are recognised by their wording, so when the
 * later sections were renumbered to close the gap (五、 over 六's words), the absent one is
 * reported, not the last. The finding sits on the heading where the section belongs; that line
 * gets this one finding (`headingProblems`), which also names what is wrong with the heading
 * there. The safe fix inserts the standard heading (and renumbers that heading).
 */
import { SECTIONS, standardHeading, type SectionDef } from '../formats/sections.js';
import { headingProblems } from '../model/sections.js';
import { headingReasons } from './section-heading.js';
import { headingMarkup, lastLineRange, lineRangeAt } from './support.js';
import { sectionName } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say, type LocalizedText, type RuleFinding, type TextEdit } from '../findings.js';

function names(defs: readonly SectionDef[]): LocalizedText {
  const parts = defs.map((d) => ({ def: d, name: sectionName(d) }));
  return say(
    parts.map((p) => `第${p.def.numeral}部分${p.name.zh}`).join('、'),
    parts.map((p) => p.name.en).join(', '),
  );
}

/** The missing-section rule. */
export const missingSection: Rule = {
  id: 'missing-section',
  defaultSeverity: 'error',
  fix: 'safe',
  category: 'document',
  description: say('缺少六个部分中的某一部分', 'One of the six standard sections is absent'),
  check(report) {
    const findings: RuleFinding[] = [];
    const anchored = new Set<number>();
    for (const problems of headingProblems(report.sections)) {
      if (problems.speaker !== 'missing-section') continue;
      for (const def of problems.missing) anchored.add(def.index);
      const { heading } = problems.heading;
      const missing = names(problems.missing);
      const others: LocalizedText[] = [...headingReasons(problems)];
      if (problems.after) {
        const other = sectionName(problems.after.def);
        others.unshift(say(`本部分应排在${other.zh}之前`, `this section should come before ${other.en}`));
      }
      const def = problems.heading.def;
      const standard = standardHeading(def);
      const renumber = problems.numbering !== 'ok' || problems.heading.wording !== 'standard';
      const lineStart = report.lines.lineStart(heading.line);
      const inserted = problems.missing.map((d) => headingMarkup(report, d) + report.eol + report.eol).join('');
      // One edit from the line start: an insertion and a replacement at the same offset would overlap.
      const edit: TextEdit = renumber
        ? { range: { start: lineStart, end: heading.content.end }, newText: inserted + report.text.slice(lineStart, heading.content.start) + standard }
        : { range: { start: lineStart, end: lineStart }, newText: inserted };
      const here =
        others.length > 0
          ? say(`；本行“${heading.text}”按措辞是第${def.numeral}部分：${others.map((r) => r.zh).join('；')}`, `; by its wording, “${heading.text}” on this line is section ${def.index}: ${others.map((r) => r.en).join('; ')}`)
          : say('', '');
      findings.push({
        range: lineRangeAt(report, heading.range.start),
        message: say(
          `缺少${missing.zh}（《条例》第五十条规定的内容）${here.zh}`,
          `${problems.missing.length > 1 ? 'Sections' : 'Section'} ${missing.en} ${problems.missing.length > 1 ? 'are' : 'is'} missing (required by Art. 50 of the Regulations)${here.en}`,
        ),
        fixes: [
          {
            title: renumber
              ? say(`插入标题${missing.zh.replace(/第.部分/g, '')}，并将本行改为“${standard}”`, `Insert the heading ${missing.en} and change this one to “${standard}”`)
              : say(`插入标题${missing.zh.replace(/第.部分/g, '')}`, `Insert the heading ${missing.en}`),
            safety: 'safe',
            edits: [edit],
          },
        ],
      });
    }
    // Sections whose place is after every section present: at the end of the document.
    for (const def of SECTIONS) {
      const present = [...report.sections.sections, ...report.sections.duplicates].some((s) => s.def.index === def.index);
      if (present || anchored.has(def.index)) continue;
      const name = sectionName(def);
      const heading = headingMarkup(report, def);
      const end = report.text.length;
      const endsWithBreak = /\r?\n$/.test(report.text);
      // Appended inside an unclosed <!-- or code fence, the heading would not be a heading: no fix.
      const edit: TextEdit | undefined = report.blocks.endsOpen ? undefined : { range: { start: end, end }, newText: `${endsWithBreak ? '' : report.eol}${report.eol}${heading}${report.eol}` };
      findings.push({
        range: lastLineRange(report),
        message: say(`缺少第${def.numeral}部分${name.zh}（《条例》第五十条规定的内容）`, `Section ${name.en} is missing (required by Art. 50 of the Regulations)`),
        fixes: edit ? [{ title: say(`插入标题${name.zh}`, `Insert the heading ${name.en}`), safety: 'safe', edits: [edit] }] : [],
      });
    }
    return findings;
  },
};
