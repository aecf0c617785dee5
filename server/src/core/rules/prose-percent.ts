/**
 * prose-percent — a stated share (占35.2%) differs from part ÷ total at the precision the author
 * wrote, dividing by the total the text states (EXPECTED.md seed 003: 22/294 = 7.48% → 7.5%,
 * stated 7.4%; formats.md §6.5).
 */
import { formatNumber } from '../formats/wording.js';
import { paragraphsOf } from '../prose/paragraphs.js';
import { totalsIn } from '../prose/totals.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor + 1e-9) / factor;
}

/** The prose-percent rule. */
export const prosePercent: Rule = {
  id: 'prose-percent',
  defaultSeverity: 'warning',
  fix: 'unsafe',
  category: 'text',
  description: say('正文中的占比与分项 ÷ 合计不符', 'A stated share differs from part ÷ total'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const paragraph of paragraphsOf(report)) {
      for (const { total, parts, ambiguous } of totalsIn(paragraph)) {
        if (ambiguous || total.value <= 0) continue;
        for (const { figure, share } of parts) {
          if (!share || figure.vague) continue;
          const exact = (figure.value / total.value) * 100;
          const expected = roundTo(exact, share.decimals);
          if (Math.abs(expected - share.value) < 1e-9) continue;
          const want = expected.toFixed(share.decimals);
          findings.push({
            range: { start: share.start, end: share.end },
            message: say(
              `占比应为 ${want}%（${formatNumber(figure.value)} ÷ ${formatNumber(total.value)} = ${exact.toFixed(share.decimals + 2)}%），文中为 ${share.text}`,
              `The share should be ${want}% (${formatNumber(figure.value)} ÷ ${formatNumber(total.value)} = ${exact.toFixed(share.decimals + 2)}%), not ${share.text}`,
            ),
            related: [
              { range: { start: figure.start, end: figure.end }, message: say(`分项 ${figure.text}`, `part ${figure.text}`) },
              { range: { start: total.start, end: total.end }, message: say(`合计 ${total.text}`, `total ${total.text}`) },
            ],
            fixes: [{ title: say(`改为 ${want}%`, `Change to ${want}%`), safety: 'unsafe', edits: [{ range: { start: share.numberStart, end: share.numberEnd }, newText: want }] }],
          });
        }
      }
    }
    return findings;
  },
};
