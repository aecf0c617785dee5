/**
 * table-label — a row or column label differs from the standard text: a typo, a truncation or a
 * stray note (formats.md §8: 半年制发件数, 现行有效件, 其他法律行政止公开). Tolerated spellings
 * (brackets, 1、, spaces, <br>) are not findings. The safe fix writes the standard label.
 */
import { TABLE_NAMES } from '../formats/elements.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

/** The table-label rule. */
export const tableLabel: Rule = {
  id: 'table-label',
  defaultSeverity: 'warning',
  fix: 'safe',
  category: 'tables',
  description: say('表格的行或列标签与标准文字不同（错字、缺字、附注）', 'A row or column label differs from the standard text'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const table of Object.values(report.tables)) {
      if (!table) continue;
      const short = TABLE_NAMES[table.id].zh.slice(0, 2);
      for (const label of table.labels) {
        if ((label.quality !== 'fuzzy' && label.quality !== 'note') || !label.standard) continue;
        const why = label.quality === 'note' ? say('（附加了说明文字）', ' (a note is appended)') : say('', '');
        findings.push({
          range: label.range,
          message: say(
            `${short}标签“${label.text}”应为“${label.standard}”${why.zh}`,
            `${TABLE_NAMES[table.id].en}: the label “${label.text}” should read “${label.standard}”${why.en}`,
          ),
          fixes: [{ title: say(`改为“${label.standard}”`, `Change to “${label.standard}”`), safety: 'safe', inPlace: true, edits: [{ range: label.range, newText: label.standard }] }],
        });
      }
    }
    return findings;
  },
};
