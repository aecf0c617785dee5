/**
 * format-citation — the text cites the notice of the format the report year requires: 国办公开办函
 * 〔2021〕30号 for 2021 and later, 〔2019〕60号 up to 2020 (formats.md §1.3, §10 E13).
 */
import { FORMAT_NOTICES } from '../formats/versions.js';
import type { FormatId } from '../formats/types.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

const CITATION = /(国办公开办函\s*)?[〔[［（(【]\s*(20\d{2})\s*[〕\]］）)】]\s*(\d+)\s*号/g;

function citedFormat(year: number, number: number): FormatId | undefined {
  for (const notice of Object.values(FORMAT_NOTICES)) if (notice.year === year && notice.number === number) return notice.format;
  return undefined;
}

/** The format-citation rule. */
export const formatCitation: Rule = {
  id: 'format-citation',
  defaultSeverity: 'warning',
  fix: 'safe',
  category: 'document',
  description: say('正文引用的格式文件与报告年度不符', 'The text cites the other format’s notice than the report year requires'),
  check(report) {
    const required = report.requiredFormat;
    if (!required || report.year.year === undefined) return [];
    const right = FORMAT_NOTICES[required];
    const findings: RuleFinding[] = [];
    for (const block of report.blocks.blocks) {
      if (block.type !== 'paragraph' && block.type !== 'heading') continue;
      const body = report.text.slice(block.range.start, block.range.end);
      CITATION.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = CITATION.exec(body))) {
        const cited = citedFormat(Number(m[2]), Number(m[3]));
        if (!cited || cited === required) continue;
        const wrong = FORMAT_NOTICES[cited];
        const start = block.range.start + m.index;
        const replacement = m[1] ? right.citation : right.citation.replace('国办公开办函', '');
        findings.push({
          range: { start, end: start + m[0].length },
          message: say(
            `${report.year.year}年度报告应依据${right.citation}（${required}版格式），而不是${wrong.citation}`,
            `A ${report.year.year} report follows ${right.citation} (the ${required} format), not ${wrong.citation}`,
          ),
          fixes: [{ title: say(`改为“${replacement}”`, `Change to “${replacement}”`), safety: 'safe', edits: [{ range: { start, end: start + m[0].length }, newText: replacement }] }],
        });
      }
    }
    return findings;
  },
};
