/**
 * Figures in prose, read as people write them (issue 5): 304条, 35.2%, 1,234, 203 篇, 两件,
 * 十二条, 186余条, 约300条, and a number after its unit (seed 003: 其他信息条122).
 */

/** A figure written in the text. */
export interface Figure {
  readonly value: number;
  /** 条, 件, 篇, …, or % for a share. */
  readonly unit: string;
  /** Digits after the decimal point as written (35.2% → 1). */
  readonly decimals: number;
  /** Stated vaguely: 186余条, 约300条, 近200件. */
  readonly vague: boolean;
  /** Offsets of the whole figure (number, vagueness marks and unit). */
  readonly start: number;
  readonly end: number;
  /** Offsets of the number alone. */
  readonly numberStart: number;
  readonly numberEnd: number;
  /** The figure as written. */
  readonly text: string;
  /** Written in Chinese numerals. */
  readonly chinese: boolean;
}

/** Units of counted things in these reports. */
export const COUNT_UNITS = ['人次', '条', '件', '篇', '个', '项', '次', '份', '期', '家', '名', '起', '宗', '场', '批'] as const;
const UNIT = `(?:${COUNT_UNITS.join('|')}|万元|元|%|％)`;
const SPACE = '[ \\u00a0\\u3000]*';
const ARABIC = `(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?`;
const CHINESE = '([零〇一二两三四五六七八九十百千万]+)';
const PREFIX = '(约|大约|近|将近|超过|逾)?';
const MORE = '(余|多)?';

const ARABIC_FIGURE = new RegExp(`${PREFIX}${ARABIC}${SPACE}${MORE}${SPACE}(${UNIT})`, 'g');
const CHINESE_FIGURE = new RegExp(`(第)?${PREFIX}${CHINESE}${MORE}(${COUNT_UNITS.join('|')})`, 'g');
/** 其他信息条122: a list item that puts the number after its unit. */
const UNIT_FIRST = new RegExp(`(?<=[\\u4e00-\\u9fa5])(条|件|篇)${SPACE}(\\d+)(?=${SPACE}[，,；;。、）)])`, 'g');

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const POWER: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/** Parses a Chinese numeral (两, 十二, 一百零五, 三千); undefined if malformed. */
export function parseChineseNumber(text: string): number | undefined {
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in DIGIT) {
      if (digit !== undefined && digit !== 0 && ch !== '零') return undefined;
      digit = DIGIT[ch]!;
    } else if (ch === '万') {
      total = (total + section + (digit ?? 0)) * 10000;
      section = 0;
      digit = undefined;
    } else if (ch in POWER) {
      section += (digit ?? 1) * POWER[ch]!;
      digit = undefined;
    } else return undefined;
  }
  return total + section + (digit ?? 0);
}

/** A figure from a regex match: where its number sits in the match and what it means. */
function figureOf(
  match: RegExpExecArray,
  base: number,
  number: { offset: number; length: number; value: number; decimals: number },
  unit: string,
  vague: boolean,
  chinese: boolean,
): Figure {
  const start = base + match.index;
  const numberStart = start + number.offset;
  return {
    value: number.value,
    unit,
    decimals: number.decimals,
    vague,
    start,
    end: start + match[0].length,
    numberStart,
    numberEnd: numberStart + number.length,
    text: match[0],
    chinese,
  };
}

/** Every figure in `text`; offsets are `base` + the index in `text`. */
export function extractFigures(text: string, base = 0): Figure[] {
  const figures: Figure[] = [];
  ARABIC_FIGURE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ARABIC_FIGURE.exec(text))) {
    const before = text[m.index - 1];
    // Part of a longer token: 2020年 is no figure, 0533-6951755 neither; 第711号 has no unit.
    if (before !== undefined && /[\d.\-－/]/.test(before)) continue;
    const digits = m[2]! + (m[3] !== undefined ? `.${m[3]}` : '');
    const number = { offset: m[1]?.length ?? 0, length: digits.length, value: Number(digits.replace(/,/g, '')), decimals: m[3]?.length ?? 0 };
    figures.push(figureOf(m, base, number, m[5] === '％' ? '%' : m[5]!, m[1] !== undefined || m[4] !== undefined, false));
  }
  CHINESE_FIGURE.lastIndex = 0;
  while ((m = CHINESE_FIGURE.exec(text))) {
    const value = m[1] ? undefined : parseChineseNumber(m[3]!);
    if (value === undefined) continue;
    const number = { offset: m[2]?.length ?? 0, length: m[3]!.length, value, decimals: 0 };
    figures.push(figureOf(m, base, number, m[5]!, m[2] !== undefined || m[4] !== undefined, true));
  }
  UNIT_FIRST.lastIndex = 0;
  while ((m = UNIT_FIRST.exec(text))) {
    const at = base + m.index;
    if (figures.some((f) => f.start <= at && f.end > at)) continue;
    const number = { offset: m[0].length - m[2]!.length, length: m[2]!.length, value: Number(m[2]), decimals: 0 };
    figures.push(figureOf(m, base, number, m[1]!, false, false));
  }
  return figures.sort((a, b) => a.start - b.start);
}

/** Index of the first of `figures` (sorted by start) that starts at or after `offset`: a binary search. */
export function firstFigureFrom(figures: readonly Figure[], offset: number): number {
  let lo = 0;
  let hi = figures.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (figures[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
