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

/** A date of the 统计期限 whose year is not a 4-digit year (202020年12月31日, 20201月1日). */
export interface BrokenDate {
  /** The date as written. */
  readonly written: string;
  readonly range: TextRange;
  /** The date read with the year it should have (undefined: no year to go by). */
  readonly repaired: DateParts | undefined;
}

/** The statistical period sentence. */
export interface Period {
  /** A broken date is read with the year it should have ({@link BrokenDate.repaired}). */
  readonly start: DateParts;
  readonly end: DateParts;
  /** The sentence, for the finding's range. */
  readonly range: TextRange;
  /** Dates of the sentence whose year is broken, in order (report-year reports them). */
  readonly broken: readonly BrokenDate[];
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
  /** The title holds a digit run before 年 that is no year (202020年), and no year. */
  readonly brokenTitleYear?: TextRange;
}

/**
 * A year is a 4-digit number with no digit before or after it (issue 13): 202020年 holds no
 * year 2020. Digits may be full-width (２０２２年), as typed by a Chinese input method.
 */
export const YEAR_SOURCE = '(?<![0-9０-９])((?:19|20|１９|２０)[0-9０-９]{2})(?![0-9０-９])';

const YEAR_IN_TITLE = new RegExp(`${YEAR_SOURCE}[\\s\\u00a0\\u3000]*年`);

/** A run of digits before 年 that is no year: too short, too long, or not 19xx/20xx. */
const BROKEN_YEAR_IN_TITLE = /(?<![0-9０-９])([0-9０-９]{3}|[0-9０-９]{5,8})[\s\u00a0\u3000]*年/;

/** The value of digits that may be full-width. */
export function digitValue(digits: string): number {
  return Number(digits.normalize('NFKC'));
}

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
const D = '[0-9０-９]';
const S = '[\\s\\u00a0\\u3000]*';
/**
 * A date with its year (any digit run before 年), or without 年: a month alone, or a year typed
 * into the month (20201月1日).
 */
const DATE = new RegExp(`(?<!${D})(?:(${D}+)${S}年${S}(${D}{1,2})|(${D}+))${S}月${S}(${D}{1,2})${S}日`, 'g');

interface RawDate {
  /** undefined: no year written (it is the other date's) or a broken one. */
  readonly year: number | undefined;
  readonly month: number;
  readonly day: number;
  readonly broken: boolean;
  readonly written: string;
  readonly range: TextRange;
}

function isYear(digits: string): boolean {
  return new RegExp(`^${YEAR_SOURCE}$`).test(digits);
}

function readDate(m: RegExpExecArray, offset: number): RawDate | undefined {
  const range = { start: offset + m.index, end: offset + m.index + m[0].length };
  const day = digitValue(m[4]!);
  if (m[1] !== undefined) {
    const broken = !isYear(m[1]);
    return { year: broken ? undefined : digitValue(m[1]), month: digitValue(m[2]!), day, broken, written: m[0], range };
  }
  const run = m[3]!;
  if (run.length <= 2) return { year: undefined, month: digitValue(run), day, broken: false, written: m[0], range };
  // 20201月1日, 202012月31日: a year and its month with 年 left out.
  const month = run.slice(4);
  if (run.length >= 5 && run.length <= 6 && isYear(run.slice(0, 4)) && digitValue(month) >= 1 && digitValue(month) <= 12) {
    return { year: undefined, month: digitValue(month), day, broken: true, written: m[0], range };
  }
  return undefined;
}

interface RawPeriod {
  readonly dates: readonly [RawDate, RawDate];
  readonly range: TextRange;
}

function findPeriod(text: string, blocks: readonly Block[]): RawPeriod | undefined {
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
    const dates: RawDate[] = [];
    let m: RegExpExecArray | null;
    while ((m = DATE.exec(sentence)) && dates.length < 2) {
      const date = readDate(m, block.range.start + word.index);
      // A first date needs a year, written or broken (12月31日 alone is no period).
      if (date && (dates.length > 0 || date.year !== undefined || date.broken)) dates.push(date);
    }
    if (dates.length < 2) continue;
    const start = block.range.start + sentenceStart;
    return { dates: [dates[0]!, dates[1]!], range: { start, end: block.range.start + sentenceEnd } };
  }
  return undefined;
}

/**
 * The period with each date's year: as written; for a date without 年 the first date's; for a
 * broken one the year it should have: the title's, else the other date's, else the text's.
 */
function resolvePeriod(raw: RawPeriod | undefined, titleYear: number | undefined, textYear: number | undefined): Period | undefined {
  if (!raw) return undefined;
  const [first, second] = raw.dates;
  const written = first.year ?? (second.broken ? undefined : second.year);
  const expected = titleYear ?? written ?? textYear;
  const broken: BrokenDate[] = [];
  const parts = raw.dates.map((d, i): DateParts | undefined => {
    if (d.broken) {
      const repaired = expected === undefined ? undefined : { year: expected, month: d.month, day: d.day };
      broken.push({ written: d.written, range: d.range, repaired });
      return repaired;
    }
    const year = d.year ?? (i === 1 ? first.year ?? expected : undefined);
    return year === undefined ? undefined : { year, month: d.month, day: d.day };
  });
  const [start, end] = parts;
  if (!start || !end) {
    // Unreadable, but what is broken is still reported: read it as the best guess allows.
    if (broken.length === 0) return undefined;
    const guess = (d: RawDate): DateParts => ({ year: d.year ?? 0, month: d.month, day: d.day });
    return { start: start ?? guess(first), end: end ?? guess(second), range: raw.range, broken };
  }
  return { start, end, range: raw.range, broken };
}

function mostMentionedYear(text: string, blocks: readonly Block[], skip: TextRange | undefined): YearEvidence | undefined {
  const counts = new Map<number, { count: number; range: TextRange }>();
  const mention = /(?<![〔[（(\d０-９])((?:19|20)\d{2})\s*年(?![\d０-９〕\]])/g;
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
  let brokenTitleYear: TextRange | undefined;
  if (title) {
    const m = YEAR_IN_TITLE.exec(title.text);
    if (m) {
      const at = text.indexOf(m[0], title.range.start);
      titleYear = { source: 'title', year: digitValue(m[1]!), range: at >= 0 ? { start: at, end: at + m[0].length } : title.range };
    } else {
      const b = BROKEN_YEAR_IN_TITLE.exec(title.text);
      const at = b ? text.indexOf(b[0], title.range.start) : -1;
      if (b && at >= 0) brokenTitleYear = { start: at, end: at + b[0].length };
    }
  }
  const textYear = mostMentionedYear(text, blocks, title?.range);
  const period = resolvePeriod(findPeriod(text, blocks), titleYear?.year, textYear?.year);
  const periodYear = period && period.start.year > 0 ? period.start.year : undefined;
  const year = titleYear?.year ?? periodYear ?? textYear?.year;
  return { year, titleYear, period, textYear, ...(brokenTitleYear ? { brokenTitleYear } : {}) };
}
