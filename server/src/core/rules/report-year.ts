/**
 * report-year — the report year must be known, and the title and the 统计期限 sentence must
 * agree on one calendar year from 1月1日 to 12月31日 (formats.md §1.2). A year is a 4-digit
 * number (issue 13): a date of the period typed with a 5- or 6-digit year, or with 年 left out
 * (20201月1日), is quoted as written with what it should be, never read as a year nor passed.
 */
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';
import type { DateParts } from '../model/title-year.js';

function date(d: DateParts): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

function isoDate(d: DateParts): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** The report-year rule. */
export const reportYear: Rule = {
  id: 'report-year',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'document',
  description: say('无法确定报告年度，或标题、统计期限与正文的年度不一致', 'The report year is unknown, or the title and the statistical period disagree'),
  check(report) {
    const findings: RuleFinding[] = [];
    const { titleYear, period, brokenTitleYear } = report.year;
    const titleRange = report.title?.range ?? { start: 0, end: report.lines.lineEnd(0) };
    const known = titleYear?.year ?? (period && period.broken.length < 2 ? period.start.year : undefined);
    if (brokenTitleYear && !titleYear) {
      const written = report.text.slice(brokenTitleYear.start, brokenTitleYear.end);
      const guess = report.year.textYear?.year;
      findings.push({
        range: brokenTitleYear,
        message:
          known !== undefined && known > 0
            ? say(`标题中的年份“${written}”有误，应为“${known}年”`, `The year “${written}” in the title is wrong; it should be “${known}年”`)
            : guess !== undefined
              ? say(`标题中的年份“${written}”有误，按正文可能应为“${guess}年”`, `The year “${written}” in the title is wrong; the text suggests “${guess}年”`)
              : say(`标题中的年份“${written}”有误，年份应为四位数字`, `The year “${written}” in the title is wrong; a year has four digits`),
      });
    }
    if (period && period.broken.length > 0) {
      const written = period.broken.map((b) => `“${b.written}”`).join('');
      const repaired = period.broken.every((b) => b.repaired);
      const should = period.broken.map((b) => (b.repaired ? `“${date(b.repaired)}”` : '')).join('');
      findings.push({
        range: period.broken[0]!.range,
        message: repaired
          ? say(`统计期限中的日期${written}有误，应为${should}`, `The date ${written} of the statistical period is wrong; it should be ${should}`)
          : say(`统计期限中的日期${written}有误：年份应为四位数字`, `The date ${written} of the statistical period is wrong: a year has four digits`),
      });
    }
    if (!titleYear && !period && !brokenTitleYear) {
      findings.push({
        range: titleRange,
        message: report.year.textYear
          ? say(
              `标题中没有年份，也没有“统计期限”说明；按正文推断为 ${report.year.textYear.year} 年度，请在标题中写明年度`,
              `Neither the title nor a statistical-period sentence gives the year; the text suggests ${report.year.textYear.year}. State the year in the title`,
            )
          : say('无法确定报告年度：标题中没有年份，也没有“统计期限”说明', 'The report year cannot be determined: no year in the title and no statistical-period sentence'),
      });
    }
    if (titleYear && period && period.broken.length === 0 && (period.start.year !== titleYear.year || period.end.year !== titleYear.year)) {
      findings.push({
        range: titleRange,
        message: say(
          `标题中的年度（${titleYear.year}年）与统计期限（${date(period.start)}至${date(period.end)}）不一致`,
          `The year in the title (${titleYear.year}) differs from the statistical period (${isoDate(period.start)} to ${isoDate(period.end)})`,
        ),
        related: [{ range: period.range, message: say('统计期限', 'statistical period') }],
      });
    }
    // With a broken date the finding above says what the date should be; the period is checked
    // once it can be read as written.
    if (period && period.broken.length === 0) {
      const fullYear =
        period.start.year === period.end.year && period.start.month === 1 && period.start.day === 1 && period.end.month === 12 && period.end.day === 31;
      if (!fullYear) {
        const year = titleYear?.year ?? period.start.year;
        findings.push({
          range: period.range,
          message: say(
            `统计期限应为${year}年1月1日至${year}年12月31日，实为${date(period.start)}至${date(period.end)}`,
            `The statistical period should be ${year}-01-01 to ${year}-12-31, but is ${isoDate(period.start)} to ${isoDate(period.end)}`,
          ),
        });
      }
    }
    return findings;
  },
};
