/**
 * prose-sum — a total in the text and the parts the text lists for it do not add up
 * (「共…304条，其中…107条…197条」; EXPECTED.md seed 003: 294余条 vs 296). Only where the text
 * links them (其中, 主要有, 分别为) and only when the list is complete (其他/其余, 分别为) or the
 * parts exceed the total in the same sentence: a list may name only some parts.
 */
import { formatNumber } from './support.js';
import { paragraphsOf } from '../prose/paragraphs.js';
import { totalsIn } from '../prose/totals.js';
import { say, type Rule, type RuleFinding } from './types.js';

/** The prose-sum rule. */
export const proseSum: Rule = {
  id: 'prose-sum',
  defaultSeverity: 'warning',
  fix: 'unsafe',
  category: 'text',
  description: say('正文中的合计数与所列分项之和不符', 'A total in the text differs from the sum of the parts it lists'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const paragraph of paragraphsOf(report)) {
      for (const { total, parts, complete, sameSentence } of totalsIn(paragraph)) {
        if (parts.length < 2 || parts.some((p) => p.figure.vague)) continue;
        const sum = parts.reduce((s, p) => s + p.figure.value, 0);
        if (Math.abs(sum - total.value) < 1e-9) continue;
        if (!complete && !(sameSentence && sum > total.value)) continue;
        const terms = parts.map((p) => formatNumber(p.figure.value)).join(' + ');
        const stated = report.text.slice(total.start, total.end);
        findings.push({
          range: { start: total.start, end: total.end },
          message: say(
            `合计与分项不符：文中写“${stated}”，所列各项之和为 ${formatNumber(sum)}（${terms}）`,
            `The total “${stated}” differs from the sum of the parts listed, ${formatNumber(sum)} (${terms})`,
          ),
          related: parts.map((p) => ({ range: { start: p.figure.start, end: p.figure.end }, message: say(p.figure.text, p.figure.text) })),
          fixes: [
            {
              title: say(`将合计改为 ${formatNumber(sum)}`, `Set the total to ${formatNumber(sum)}`),
              safety: 'unsafe',
              edits: [{ range: { start: total.start, end: total.end }, newText: `${formatNumber(sum)}${total.unit}` }],
            },
          ],
        });
      }
    }
    return findings;
  },
};
