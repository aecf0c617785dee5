/**
 * vague-figure — a statistic stated vaguely (186余条, 约300条, 4万余条): an annual report gives
 * the exact count of what it disclosed or handled (formats.md §9: 数据精确). Limited to counts of
 * information, documents and cases (条, 件, 篇, 项, 份, 期): 培训人员100余人次 is not such a
 * statistic (EXPECTED.md seed 002, borderline). A vague figure written without a unit
 * (公开信息260余，…) counts when its clause names what was published or handled (issue 24).
 * The message quotes the figure whole, magnitude and unit included (4万余条, not 万余条; 35余篇次,
 * not 35余篇).
 */
import { paragraphsOf } from '../prose/paragraphs.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

/** 篇次, 件次, 条次 count items once per time they ran (报道转载约710篇次): still items, unlike 人次. */
const STATISTIC_UNITS = new Set(['条', '件', '篇', '项', '份', '期', '篇次', '件次', '条次']);
/** What a unitless figure's clause must name for it to be a statistic of the report. */
const COUNTED = /信息|文件|稿件|动态|公告|通知|解读|申请|事项/;

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
        if (!figure.vague) continue;
        if (figure.unit === '') {
          const before = paragraph.text.slice(0, figure.start - paragraph.range.start);
          const clause = before.slice(Math.max(...[...'，,。；;：:'].map((c) => before.lastIndexOf(c))) + 1);
          if (!COUNTED.test(clause)) continue;
        } else if (!STATISTIC_UNITS.has(figure.unit)) continue;
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
