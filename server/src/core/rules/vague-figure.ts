/**
 * vague-figure — a statistic stated vaguely (186余条, 约300条): an annual report gives the exact
 * count of what it disclosed or handled (formats.md §9: 数据精确). Limited to counts of
 * information, documents and cases (条, 件, 篇, 项, 份, 期): 培训人员100余人次 is not such a
 * statistic (EXPECTED.md seed 002, borderline).
 */
import { paragraphsOf } from '../prose/paragraphs.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

const STATISTIC_UNITS = new Set(['条', '件', '篇', '项', '份', '期']);

/** The vague-figure rule. */
export const vagueFigure: Rule = {
  id: 'vague-figure',
  defaultSeverity: 'info',
  fix: 'none',
  category: 'text',
  description: say('统计数字写成约数（如“186余条”“约300条”）', 'A statistic stated vaguely (“186余条”, “约300条”)'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const paragraph of paragraphsOf(report)) {
      for (const figure of paragraph.figures) {
        if (!figure.vague || !STATISTIC_UNITS.has(figure.unit)) continue;
        findings.push({
          range: { start: figure.start, end: figure.end },
          message: say(
            `统计数字“${figure.text}”是约数，年度报告应写出确切数字`,
            `“${figure.text}” is an approximate figure; an annual report states the exact count`,
          ),
        });
      }
    }
    return findings;
  },
};
