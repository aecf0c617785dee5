/**
 * prose-table — a figure in the text contradicts the table: 「受理政府信息公开申请17件」 while
 * 表三 一、本年新收 总计 is 95 (EXPECTED.md real 2024 洪泽区; formats.md §6.5). Only clear
 * contradictions: an exact figure right after a known phrase, every cell a number, and no reading
 * of the phrase (收到 may mean 新收 or 新收 + 上年结转) that agrees. Categories named together
 * (「予以公开及部分公开30件」, 「行政复议、行政诉讼各0件」) are compared to what they name
 * together, never to the one written next to the figure (issue 13).
 */
import { numericValue } from '../model/cell-value.js';
import { cellKey } from '../model/tables/types.js';
import type { Report } from '../model/report.js';
import type { CellRef } from '../formats/relations.js';
import { combinedFigures, includedCategory } from '../prose/combined.js';
import { firstFigureFrom, type Figure } from '../prose/figures.js';
import { paragraphsOf, type Paragraph } from '../prose/paragraphs.js';
import { FIGURE_PHRASES, type FigurePhrase } from '../prose/phrases.js';
import { describeCell, displayFormat, formatNumber } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say, type LocalizedText, type RelatedLocation, type RuleFinding } from '../findings.js';

/** A sum of table cells and where they are. */
export interface TableSum {
  readonly value: number;
  readonly related: readonly RelatedLocation[];
}

/** The sum of some table cells, or undefined when one is missing or not a number. */
export function tableSum(report: Report, cells: readonly CellRef[]): TableSum | undefined {
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

/**
 * The table's values for the readings of a phrase, or undefined when one cannot be read. A
 * reading whose rows the table's format lacks is no reading (（六）其他处理: one row in 2019,
 * three in 2021), unless no reading is left.
 */
function readingValues(report: Report, readings: readonly (readonly CellRef[])[]): TableSum[] | undefined {
  const applicable = readings.filter((cells) => cells.every((ref) => report.tables[ref.table]?.present.has(ref.row)));
  const sums = (applicable.length > 0 ? applicable : readings).map((cells) => tableSum(report, cells));
  return sums.every((s): s is TableSum => s !== undefined) ? sums : undefined;
}

/** Every way of reading several categories together: one reading of each, summed. */
function jointReadings(phrases: readonly FigurePhrase[]): CellRef[][] {
  return phrases.reduce<CellRef[][]>((joint, phrase) => joint.flatMap((cells) => phrase.readings.map((r) => [...cells, ...r])), [[]]);
}

function uniqueRelated(sums: readonly TableSum[]): RelatedLocation[] {
  return sums.flatMap((r) => r.related).filter((r, i, all) => all.findIndex((o) => o.range.start === r.range.start) === i);
}

function contradiction(report: Report, start: number, figure: Figure, name: LocalizedText, sums: readonly TableSum[]): RuleFinding | undefined {
  if (sums.some((r) => Math.abs(r.value - figure.value) < 1e-9)) return undefined;
  const stated = report.text.slice(start, figure.end);
  const alternatives = [...new Set(sums.map((r) => formatNumber(r.value)))];
  return {
    range: { start, end: figure.end },
    message: say(
      `正文“${stated}”与统计表不符：表中${name.zh}为 ${alternatives.join(' 或 ')}`,
      `“${stated}” contradicts the table: ${name.en} there is ${alternatives.join(' or ')}`,
    ),
    related: uniqueRelated(sums),
  };
}

function usable(figure: Figure | undefined): figure is Figure {
  return figure !== undefined && !figure.vague && figure.unit !== '%';
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
      const combined = combinedFigures(paragraph);
      const split = splitRanges(paragraph);
      const inSplit = (at: number): boolean => split.some(([s, e]) => s <= at && at < e);
      for (const { phrases, figure, how, start } of combined.figures) {
        if (!usable(figure) || (inSplit(start) && phrases.some((p) => p.applications))) continue;
        // 各: every category has the figure; otherwise the figure is their sum.
        const checks = how === 'each' ? phrases.map((p) => ({ name: p.name, readings: p.readings })) : [{ name: joinedName(phrases), readings: jointReadings(phrases) }];
        for (const { name, readings } of checks) {
          const sums = readingValues(report, readings);
          const found = sums && contradiction(report, start, figure, name, sums);
          if (found) {
            findings.push(found);
            break;
          }
        }
      }
      for (const phrase of FIGURE_PHRASES) {
        phrase.pattern.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = phrase.pattern.exec(paragraph.text))) {
          const start = paragraph.range.start + m.index;
          if (combined.claimed.some((c) => c.start <= start && start < c.end)) continue;
          if ((inSplit(start) && phrase.applications) || phrase.subset?.test(m[0]) || aboutSomethingElse(paragraph.text, m.index, phrase)) continue;
          const end = start + m[0].length;
          // The figure right after the phrase; a binary search, so a long paragraph stays linear.
          const { figures } = paragraph;
          const i = firstFigureFrom(figures, end);
          const figure = i < figures.length && LINK.test(report.text.slice(end, figures[i]!.start)) ? figures[i] : undefined;
          if (!usable(figure)) continue;
          // 「予以公开32件（含部分公开24件）」: the figure counts both.
          const included = phrase.term ? includedCategory(paragraph.text, figure.end - paragraph.range.start) : undefined;
          const named = included && included !== phrase ? [phrase, included] : [phrase];
          const sums = readingValues(report, jointReadings(named));
          const found = sums && contradiction(report, start, figure, joinedName(named), sums);
          if (found) findings.push(found);
        }
      }
    }
    return findings.sort((a, b) => a.range.start - b.range.start);
  },
};

/** What may stand between a phrase and its figure: 「予以公开的27件」, 「行政复议有3件」, 「“予以公开”3件」, not 「办结留言230条」. */
const LINK = /^[\s\u00a0\u3000”"’」]*(?:的|为|了|共|共计|合计|总计|总数|计|有|达|数|数量为?|情况|事项)?[\s\u00a0\u3000]*$/;

/**
 * The parts of sentences (between ；) that count applications received when another part of the same
 * sentence does too: 「政府新收…2件，办理结果为予以公开2件；部门新收…4件，…」 splits them by body.
 */
function splitRanges(paragraph: Paragraph): [number, number][] {
  const { text } = paragraph;
  const base = paragraph.range.start;
  const out: [number, number][] = [];
  let sentence = 0;
  for (const end of [...text.matchAll(/[。！？]/g)].map((m) => m.index + 1).concat(text.length)) {
    const chunks: [number, number][] = [];
    let from = sentence;
    for (const stop of [...text.slice(sentence, end).matchAll(/[；;]/g)].map((m) => sentence + m.index + 1).concat(end)) {
      chunks.push([from, stop]);
      from = stop;
    }
    const counting = chunks.filter(([s, e]) =>
      [...text.slice(s, e).matchAll(FIGURE_PHRASES[0]!.pattern)].some((m) => {
        const at = s + m.index + m[0].length;
        return paragraph.figures.some((f) => f.start - base >= at && f.end - base <= e && f.unit !== '%');
      }),
    );
    if (counting.length > 1) out.push(...counting.map(([s, e]): [number, number] => [base + s, base + e]));
    sentence = end;
  }
  return out;
}

/** The sentence names something else than applications after its last 申请 (「受理网民留言60条，…已办结60条」). */
function aboutSomethingElse(text: string, at: number, phrase: FigurePhrase): boolean {
  if (!phrase.otherSubject) return false;
  const before = text.slice(0, at);
  const sentence = before.slice(Math.max(before.lastIndexOf('。'), before.lastIndexOf('；'), before.lastIndexOf(';')) + 1);
  const other = [...sentence.matchAll(new RegExp(phrase.otherSubject.source, 'g'))].at(-1);
  return other !== undefined && other.index > sentence.lastIndexOf('申请');
}

/** 「（一）予以公开与（二）部分公开之和」. */
function joinedName(phrases: readonly FigurePhrase[]): LocalizedText {
  if (phrases.length === 1) return phrases[0]!.name;
  return say(`${phrases.map((p) => p.name.zh).join('与')}之和`, `the sum of ${phrases.map((p) => p.name.en).join(' and ')}`);
}
