/**
 * placeholder — text of a template left as it was (issue 20: a template straight from
 * 新建年度报告 is not a finished report). The skeleton of formats/template.ts writes
 * 「（在此填写）」 where each free-text section goes and the 信息处理费 sentence of a 2021-format
 * 六 (formats.md §3.2) with 「＿」 where its figures go; other templates write 【请填写…】,
 * （此处填写…）, ____ or XX件. Each paragraph holding such text gets one finding naming them.
 * Quoted text (last year's prose in next year's draft) and tables are not read: blank cells
 * are cell-value's.
 */
import { paragraphsOf } from '../prose/paragraphs.js';
import { sectionName } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

/** An instruction in brackets: （在此填写）, 【请填写本单位情况】, (此处填写…), ［待补充］. */
const INSTRUCTION = /[（(【［[]\s*(?:在此处?|此处|请|待|需)[^（）()【】［］[\]\n]{0,40}?(?:填写|填报|补充|补全|输入|完善)[^（）()【】［］[\]\n]{0,40}?[）)】］\]]/g;
/** A blank to write a figure on: ＿ (the skeleton's), or three or more _ between non-ASCII text. */
const BLANK = /＿+|(?<![A-Za-z0-9_/.:-])_{3,}(?![A-Za-z0-9_/.-])/g;
/** A figure written as XX or ×× before a unit: 共收到申请XX件. */
const XX_FIGURE = /(?<![A-Za-z0-9])(?:[XＸ]{2,}|×{2,})(?=[件条个次项篇元期家人])/g;

interface Hit {
  readonly start: number;
  readonly end: number;
  /** What the message quotes: the instruction itself, or a blank with the words around it. */
  readonly quote: string;
  readonly blank: boolean;
}

/** The blank with up to eight characters of text either side, on its line: 「发出收费通知＿件」. */
function quoteAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && start - from < 8 && !/[\s，。；：、,;:（）()]/.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && to - end < 8 && !/[\s，。；：、,;:（）()]/.test(text[to]!)) to++;
  return text.slice(from, to);
}

function hitsIn(text: string): Hit[] {
  const hits: Hit[] = [];
  for (const [pattern, blank] of [
    [INSTRUCTION, false],
    [BLANK, true],
    [XX_FIGURE, true],
  ] as const) {
    pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = pattern.exec(text))) {
      const start = m.index;
      const end = start + m[0].length;
      if (hits.some((h) => start < h.end && end > h.start)) continue;
      hits.push({ start, end, quote: blank ? quoteAround(text, start, end) : m[0], blank });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The placeholder rule. */
export const placeholder: Rule = {
  id: 'placeholder',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'document',
  description: say('模板中的占位文字尚未改写，如“（在此填写）”、待填数字的空白“＿”', 'Template text left unfilled, such as （在此填写） or a ＿ blank for a figure'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const paragraph of paragraphsOf(report)) {
      const hits = hitsIn(paragraph.text);
      if (hits.length === 0) continue;
      const section = report.sections.sections.find((s) => s.range.start <= paragraph.range.start && paragraph.range.start < s.range.end);
      const where = section ? sectionName(section.def) : undefined;
      const quotes = [...new Set(hits.map((h) => `“${h.quote}”`))];
      const blanks = hits.some((h) => h.blank);
      findings.push({
        range: { start: paragraph.range.start + hits[0]!.start, end: paragraph.range.start + hits.at(-1)!.end },
        message: say(
          `${where ? `${where.zh}中` : ''}尚未填写：${quotes.join('、')}是模板中的占位内容，请改为本单位的实际情况${blanks ? '（数字没有的填 0）' : ''}`,
          `${where ? `In ${where.en}, t` : 'T'}emplate text is not filled in: ${quotes.join(', ')}; write the body's actual situation${blanks ? ' (0 for a figure that is none)' : ''}`,
        ),
      });
    }
    return findings;
  },
};
