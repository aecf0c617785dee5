/**
 * prose-sum — a total in the text and the parts the text lists for it do not add up
 * (「共…304条，其中…107条…197条」; EXPECTED.md seed 003: 294余条 vs 296). Only where the text
 * links them (其中, 主要有, 包括, 分别为, ：), never across a breakdown whose end is unclear
 * (prose/totals.ts). A warning when the list is complete (其他/其余, 分别为) or its parts exceed
 * the total in the same sentence. A list may name only some parts, so one that falls a little
 * short of its total (at most a tenth) is only an info: an author's slip or a partial list,
 * which only the author can tell (issue 13).
 */
import { formatNumber } from '../formats/wording.js';
import { paragraphsOf } from '../prose/paragraphs.js';
import { totalsIn } from '../prose/totals.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

/** How far short of its total an incomplete list may fall and still be read as meant to be whole. */
const NEAR_MISS = 0.1;

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
      for (const { total, parts, complete, sameSentence, ambiguous } of totalsIn(paragraph)) {
        if (ambiguous || parts.length < 2) continue;
        const sum = parts.reduce((s, p) => s + p.figure.value, 0);
        const terms = parts.map((p) => (p.figure.vague ? p.figure.text.replace(/[^\d.,万亿余多]/g, '') : formatNumber(p.figure.value))).join(' + ');
        const stated = report.text.slice(total.start, total.end);
        const related = parts.map((p) => ({ range: { start: p.figure.start, end: p.figure.end }, message: say(p.figure.text, p.figure.text) }));
        if (parts.some((p) => p.figure.vague)) {
          // A complete list whose parts, some given as lower bounds (1600余条), already exceed the total
          // contradicts it, whatever the exact counts.
          if (!complete || !sameSentence || total.vague || !parts.every((p) => !p.figure.vague || p.figure.atLeast) || sum <= total.value) continue;
          findings.push({
            range: { start: total.start, end: total.end },
            message: say(
              `合计与分项不符：文中写“${stated}”，所列各项之和至少为 ${formatNumber(sum)}（${terms}）`,
              `The total “${stated}” is less than its parts, which add up to at least ${formatNumber(sum)} (${terms})`,
            ),
            related,
          });
          continue;
        }
        if (Math.abs(sum - total.value) < 1e-9) continue;
        const certain = complete || (sameSentence && sum > total.value);
        const nearMiss = !certain && sameSentence && sum < total.value && total.value - sum <= total.value * NEAR_MISS;
        if (!certain && !nearMiss) continue;
        findings.push({
          range: { start: total.start, end: total.end },
          message: certain
            ? say(
                `合计与分项不符：文中写“${stated}”，所列各项之和为 ${formatNumber(sum)}（${terms}）`,
                `The total “${stated}” differs from the sum of the parts listed, ${formatNumber(sum)} (${terms})`,
              )
            : say(
                `合计与分项可能不符：文中写“${stated}”，所列各项之和为 ${formatNumber(sum)}（${terms}），少 ${formatNumber(total.value - sum)}；若所列并非全部类别，可忽略`,
                `The total “${stated}” may differ from its parts: they add up to ${formatNumber(sum)} (${terms}), ${formatNumber(total.value - sum)} short; ignore this if the list names only some categories`,
              ),
          ...(certain ? {} : { severity: 'info' as const }),
          related,
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
