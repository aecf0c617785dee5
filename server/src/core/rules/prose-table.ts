/**
 * prose-table — a figure in the text contradicts the table: 「受理政府信息公开申请17件」 while
 * 表三 一、本年新收 总计 is 95 (EXPECTED.md real 2024 洪泽区). Only clear contradictions: an
 * exact figure right after a known phrase, every cell a number, and no reading of the phrase
 * (收到 may mean 新收 or 新收 + 上年结转) that agrees.
 */
import { numericValue } from '../model/cell-value.js';
import { cellKey } from '../model/tables/types.js';
import type { Report } from '../model/report.js';
import type { CellRef } from '../formats/relations.js';
import { firstFigureFrom, type Figure } from '../prose/figures.js';
import { paragraphsOf } from '../prose/paragraphs.js';
import { FIGURE_PHRASES } from '../prose/phrases.js';
import { describeCell, displayFormat, formatNumber } from './support.js';
import { say, type RelatedLocation, type Rule, type RuleFinding } from './types.js';

/** The sum of some table cells, or undefined when one is missing or not a number. */
export function tableSum(report: Report, cells: readonly CellRef[]): { value: number; related: RelatedLocation[] } | undefined {
  let value = 0;
  const related: RelatedLocation[] = [];
  for (const ref of cells) {
    const table = report.tables[ref.table];
    const cell = table?.cells.get(cellKey(ref.row, ref.column));
    const n = cell ? numericValue(cell.value) : undefined;
    if (!table || !cell || n === undefined) return undefined;
    value += n;
    const name = describeCell(table, cell, displayFormat(report, table));
    related.push({ range: cell.content, message: say(`${name.zh}：${formatNumber(n)}`, `${name.en}: ${formatNumber(n)}`) });
  }
  return { value, related };
}

/** The prose-table rule. */
export const proseTable: Rule = {
  id: 'prose-table',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'text',
  description: say('正文中的数字与统计表不符', 'A figure in the text contradicts the table'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const paragraph of paragraphsOf(report)) {
      for (const phrase of FIGURE_PHRASES) {
        phrase.pattern.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = phrase.pattern.exec(paragraph.text))) {
          const end = paragraph.range.start + m.index + m[0].length;
          // The figure right after the phrase; a binary search, so a long paragraph stays linear.
          const { figures } = paragraph;
          let figure: Figure | undefined;
          for (let i = firstFigureFrom(figures, end); i < figures.length && figures[i]!.start - end <= 2; i++) {
            if (!/[，,。；;、]/.test(report.text.slice(end, figures[i]!.start))) {
              figure = figures[i];
              break;
            }
          }
          if (!figure || figure.vague || figure.unit === '%') continue;
          const readings = phrase.readings.map((cells) => tableSum(report, cells));
          if (readings.some((r) => r === undefined)) continue;
          if (readings.some((r) => Math.abs(r!.value - figure.value) < 1e-9)) continue;
          const stated = report.text.slice(paragraph.range.start + m.index, figure.end);
          const alternatives = readings.map((r) => formatNumber(r!.value));
          findings.push({
            range: { start: paragraph.range.start + m.index, end: figure.end },
            message: say(
              `正文“${stated}”与统计表不符：表中${phrase.name.zh}为 ${[...new Set(alternatives)].join(' 或 ')}`,
              `“${stated}” contradicts the table: ${phrase.name.en} there is ${[...new Set(alternatives)].join(' or ')}`,
            ),
            related: readings.flatMap((r) => r!.related).filter((r, i, all) => all.findIndex((o) => o.range.start === r.range.start) === i),
          });
        }
      }
    }
    return findings;
  },
};
