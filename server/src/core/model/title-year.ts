/**
 * The title and the report year with its evidence (formats.md §1.2): the year in the title,
 * the 统计期限 sentence (本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止), and the
 * years the text mentions.
 */
import { trimAll } from '../text/normalize.js';
import type { LineIndex, TextRange } from '../text/lines.js';
import type { Block } from './blocks.js';

/** The title of the draft. */
export interface Title {
  readonly text: string;
  readonly range: TextRange;
  readonly line: number;
}

/** A calendar date as written. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The statistical period sentence. */
export interface Period {
  readonly start: DateParts;
  readonly end: DateParts;
  /** The sentence, for the finding's range. */
  readonly range: TextRange;
}

/** Where a year came from. */
export interface YearEvidence {
  readonly source: 'title' | 'period' | 'text';
  readonly year: number;
  readonly range: TextRange;
}

/** The report year and everything that says it. */
export interface ReportYear {
  /** Title first, then the period, then the text. */
  readonly year: number | undefined;
  readonly titleYear: YearEvidence | undefined;
  readonly period: Period | undefined;
  readonly textYear: YearEvidence | undefined;
}

const YEAR_IN_TITLE = /((?:19|20)\d{2})\s*年/;

/** The title: a level-1 heading or a first plain line that names the report, possibly wrapped. */
export function findTitle(blocks: readonly Block[], index: LineIndex): Title | undefined {
  const first = blocks.findIndex((b) => b.type === 'heading' || b.type === 'paragraph');
  const block = blocks[first];
  if (!block) return undefined;
  const firstLine = index.lineText(block.startLine);
  const looksLikeTitle = /报告|年报|政府信息公开/.test(firstLine);
  if (!(block.type === 'heading' && block.depth === 1) && !looksLikeTitle) return undefined;
  if (block.type === 'heading' && block.depth > 1 && !/报告|年报/.test(firstLine)) return undefined;
  let end = index.lineEnd(block.startLine);
  let value = firstLine.replace(/^[ \t]{0,3}#+[ \t]*/, '').replace(/^\*\*|\*\*$/g, '');
  if (!/报告|年报/.test(value)) {
    // A title wrapped onto a second line (markdown-convention.md "Headings").
    const nextLine = block.type === 'paragraph' && block.endLine > block.startLine ? block.startLine + 1 : blocks[first + 1]?.startLine;
    if (nextLine !== undefined) {
      const continuation = trimAll(index.lineText(nextLine).replace(/^\*\*|\*\*$/g, ''));
      if (continuation.length <= 24 && /报告|年报/.test(continuation) && !/[。，]/.test(continuation)) {
        value += continuation;
        end = index.lineEnd(nextLine);
      }
    }
  }
  const start = index.lineStart(block.startLine);
  return { text: trimAll(value), range: { start, end }, line: block.startLine };
}

const PERIOD_WORD = /统计(?:期限|时限|期间|区间|时间|周期)/g;
const DATE = /(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;

function findPeriod(text: string, blocks: readonly Block[]): Period | undefined {
  for (const block of blocks) {
    if (block.type !== 'paragraph') continue;
    const body = text.slice(block.range.start, block.range.end);
    PERIOD_WORD.lastIndex = 0;
    const word = PERIOD_WORD.exec(body);
    if (!word) continue;
    const sentenceStart = Math.max(body.lastIndexOf('。', word.index) + 1, 0);
    const stop = body.indexOf('。', word.index);
    const sentenceEnd = stop === -1 ? body.length : stop + 1;
    const sentence = body.slice(word.index, sentenceEnd);
    DATE.lastIndex = 0;
    const dates: DateParts[] = [];
    let m: RegExpExecArray | null;
    while ((m = DATE.exec(sentence)) && dates.length < 2) {
      const year = m[1] ? Number(m[1]) : dates[0]?.year;
      if (year === undefined) continue;
      dates.push({ year, month: Number(m[2]), day: Number(m[3]) });
    }
    if (dates.length < 2) continue;
    const start = block.range.start + sentenceStart;
    return { start: dates[0]!, end: dates[1]!, range: { start, end: block.range.start + sentenceEnd } };
  }
  return undefined;
}

function mostMentionedYear(text: string, blocks: readonly Block[], skip: TextRange | undefined): YearEvidence | undefined {
  const counts = new Map<number, { count: number; range: TextRange }>();
  const mention = /(?<![〔[（(\d])((?:19|20)\d{2})\s*年(?![\d〕\]])/g;
  for (const block of blocks) {
    if (block.type !== 'paragraph' && block.type !== 'heading') continue;
    if (skip && block.range.start < skip.end && block.range.end > skip.start) continue;
    const body = text.slice(block.range.start, block.range.end);
    mention.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = mention.exec(body))) {
      const year = Number(m[1]);
      const entry = counts.get(year);
      if (entry) entry.count++;
      else counts.set(year, { count: 1, range: { start: block.range.start + m.index, end: block.range.start + m.index + m[0].length } });
    }
  }
  let best: YearEvidence | undefined;
  let bestCount = 0;
  for (const [year, entry] of counts) {
    if (entry.count > bestCount) {
      best = { source: 'text', year, range: entry.range };
      bestCount = entry.count;
    }
  }
  return best;
}

/** Determines the report year from the title, the 统计期限 sentence and the text. */
export function findReportYear(text: string, blocks: readonly Block[], title: Title | undefined): ReportYear {
  let titleYear: YearEvidence | undefined;
  if (title) {
    const m = YEAR_IN_TITLE.exec(title.text);
    if (m) {
      const at = text.indexOf(m[0], title.range.start);
      titleYear = { source: 'title', year: Number(m[1]), range: at >= 0 ? { start: at, end: at + m[0].length } : title.range };
    }
  }
  const period = findPeriod(text, blocks);
  const textYear = mostMentionedYear(text, blocks, title?.range);
  const year = titleYear?.year ?? period?.start.year ?? textYear?.year;
  return { year, titleYear, period, textYear };
}
