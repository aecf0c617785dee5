/**
 * subsection-numbering — sub-headings of a section are numbered in one sequence: （一）（二）
 * （三）… or 1、2、3、…, restarting at one in each section (EXPECTED.md seed 000: （2） among
 * （一）（三）). The safe fix writes the expected number in the sequence's own style.
 */
import type { HeadingLine } from '../model/blocks.js';
import { readNumbering, type Numbering } from '../model/numbering.js';
import { toChineseNumeral } from '../text/numerals.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

interface Item {
  readonly line: HeadingLine;
  readonly numbering: Numbering;
}

/** Arabic-numbered lines count as sub-headings only when they look like headings, not list prose. */
function isSubheading(line: HeadingLine, numbering: Numbering): boolean {
  if (numbering.kind === 'paren') return true;
  if (numbering.kind !== 'arabic') return false;
  return line.style !== 'plain' || (line.text.length <= 30 && !/[。；;]/.test(line.text));
}

function expectedNumbering(first: Numbering, value: number): string {
  if (first.kind === 'arabic') return `${value}${first.raw.slice(-1)}`;
  const open = first.raw.startsWith('(') ? '(' : '（';
  const close = first.raw.endsWith(')') ? ')' : '）';
  return `${open}${first.digits === 'chinese' ? toChineseNumeral(value) : value}${close}`;
}

/**
 * Checks one family's sequence. A family restarts at one only where `mayRestart` says so: 1、
 * items restart under every （X） heading, but a second （一） in one section is a mistake
 * unless a 1、 level came between.
 */
function checkSequence(items: readonly Item[], findings: RuleFinding[], mayRestart: (item: Item, previous: Item | undefined) => boolean): void {
  let first: Item | undefined;
  let previous = 0;
  let last: Item | undefined;
  for (const item of items) {
    const value = item.numbering.value ?? 0;
    const before = last;
    last = item;
    if (value === 1 && (!first || mayRestart(item, before))) {
      first = item;
      previous = 1;
      continue;
    }
    if (!first) continue;
    const expected = previous + 1;
    const sameDigits = item.numbering.digits === first.numbering.digits;
    if (value !== expected || !sameDigits) {
      const want = expectedNumbering(first.numbering, expected);
      findings.push({
        range: item.numbering.range,
        message: say(
          `小标题编号应为“${want}”，实为“${item.numbering.raw}”（与第 ${first.line.line + 1} 行开始的“${first.numbering.raw}”序列不一致）`,
          `The sub-heading number should be “${want}”, not “${item.numbering.raw}” (the sequence starting with “${first.numbering.raw}” on line ${first.line.line + 1})`,
        ),
        fixes: [{ title: say(`改为“${want}”`, `Renumber as “${want}”`), safety: 'safe', edits: [{ range: item.numbering.range, newText: want }] }],
      });
    }
    previous = expected;
  }
}

/** The subsection-numbering rule. */
export const subsectionNumbering: Rule = {
  id: 'subsection-numbering',
  defaultSeverity: 'info',
  fix: 'safe',
  category: 'document',
  description: say('小标题编号不连续或体例不一致', 'Sub-headings numbered inconsistently'),
  check(report) {
    const findings: RuleFinding[] = [];
    const headingLines = new Set(report.sections.sections.map((s) => s.heading.line));
    for (const section of report.sections.sections) {
      const families: Record<'paren' | 'arabic', Item[]> = { paren: [], arabic: [] };
      for (const line of report.blocks.lines) {
        if (line.range.start <= section.heading.range.start || line.range.start >= section.range.end || headingLines.has(line.line)) continue;
        const numbering = readNumbering(line.text, line.content.start);
        if (!isSubheading(line, numbering)) continue;
        families[numbering.kind as 'paren' | 'arabic'].push({ line, numbering });
      }
      const arabicBetween = (item: Item, previous: Item | undefined): boolean =>
        families.arabic.some((a) => a.line.line < item.line.line && (!previous || a.line.line > previous.line.line));
      checkSequence(families.paren, findings, arabicBetween);
      checkSequence(families.arabic, findings, () => true);
    }
    return findings;
  },
};
