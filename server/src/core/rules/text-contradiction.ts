/**
 * text-contradiction — the text says something the tables deny: 「所有申请均已办理完成」 while
 * 结转下年度 > 0, 「未收到申请」 while 新收 > 0, no review or lawsuit while 表四 counts some
 * (rules.md). Only when every cell involved is a number.
 */
import { paragraphsOf } from '../prose/paragraphs.js';
import { CLAIMS } from '../prose/phrases.js';
import { tableSum } from './prose-table.js';
import { formatNumber } from './support.js';
import { say, type Rule, type RuleFinding } from './types.js';

/** The text-contradiction rule. */
export const textContradiction: Rule = {
  id: 'text-contradiction',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'text',
  description: say('正文的表述与统计表矛盾', 'The text contradicts the tables'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const paragraph of paragraphsOf(report)) {
      for (const claim of CLAIMS) {
        claim.pattern.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = claim.pattern.exec(paragraph.text))) {
          if (/未经复议/.test(m[0])) continue;
          const sum = tableSum(report, claim.cells);
          if (!sum || sum.value <= 0) continue;
          const start = paragraph.range.start + m.index;
          findings.push({
            range: { start, end: start + m[0].length },
            message: say(
              `正文称“${m[0]}”，但统计表中${claim.name.zh}为 ${formatNumber(sum.value)}`,
              `The text says “${m[0]}”, but the table gives ${formatNumber(sum.value)} ${claim.name.en}`,
            ),
            related: sum.related,
          });
        }
      }
    }
    return findings;
  },
};
