/**
 * Figures in prose, read as people write them (issue 5): 304条, 35.2%, 1,234, 203 篇, 两件,
 * 十二条, 186余条, 约300条, and a number after its unit (seed 003: 其他信息条122).
 *
 * Real prose adds (issue 24): a magnitude after Arabic digits (4万余条, 1.53万条, 20万余件),
 * read whole; a vague figure with no unit at all (信息260余，…); a duration that is no count
 * (5个工作日内); and quoted names, which hold no counts (“三个第一时间”, 《2022年…状况》).
 */

/** A figure written in the text. */
export interface Figure {
  readonly value: number;
  /** 条, 件, 篇, …, or % for a share; empty for a vague figure written without a unit (260余). */
  readonly unit: string;
  /** Digits after the decimal point as written (35.2% → 1). */
  readonly decimals: number;
  /** Stated vaguely: 186余条, 约300条, 近200件. */
  readonly vague: boolean;
  /** The value is a lower bound: 186余条, 超过300条 (not 约300条, not 近200件). */
  readonly atLeast: boolean;
  /** Offsets of the whole figure (number, magnitude, vagueness marks and unit). */
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

/**
 * Units of counted things in these reports. A unit of occurrences (篇次, 件次, 条次: items
 * counted once per time they ran) comes before its plain unit, so 35余篇次 is read whole.
 */
export const COUNT_UNITS = ['人次', '篇次', '件次', '条次', '条', '件', '篇', '个', '项', '次', '份', '期', '家', '名', '起', '宗', '场', '批'] as const;
const UNIT = `(?:${COUNT_UNITS.join('|')}|万元|元|%|％)`;
const SPACE = '[ \\u00a0\\u3000]*';
const ARABIC = `(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d+))?`;
const CHINESE = '([零〇一二两三四五六七八九十百千万]+)';
const PREFIX = '(约|大约|近|将近|超过|逾)?';
const MORE = '(余|多)?';
/** 4万余条, 1.53万条: a magnitude after the digits (not 3万元, an amount in 万元). */
const MAGNITUDE = '(?:(万|亿)(?!元))?';
/** 5个工作日, 3个月: a duration, not a count. */
const NOT_DURATION = '(?!工作日|月|小时|星期|季度|自然日)';

const ARABIC_FIGURE = new RegExp(`${PREFIX}${ARABIC}${SPACE}${MAGNITUDE}${SPACE}${MORE}${SPACE}(${UNIT})${NOT_DURATION}`, 'g');
/** 信息260余，…: a vague figure whose unit the author left out. */
const UNITLESS_VAGUE = new RegExp(`${PREFIX}${ARABIC}${SPACE}${MAGNITUDE}(余|多)(?=${SPACE}(?:[，,。；;、）)]|$))`, 'g');
const CHINESE_FIGURE = new RegExp(`(第)?${PREFIX}${CHINESE}${MORE}(${COUNT_UNITS.join('|')})${NOT_DURATION}`, 'g');
/** 其他信息条122: a list item that puts the number after its unit. */
const UNIT_FIRST = new RegExp(`(?<=[\\u4e00-\\u9fa5])(条|件|篇)${SPACE}(\\d+)(?=${SPACE}[，,；;。、）)])`, 'g');

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const POWER: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };
const MAGNITUDES: Record<string, number> = { 万: 1e4, 亿: 1e8 };
const LOWER_BOUND = new Set(['超过', '逾', '余', '多']);

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
  marks: readonly (string | undefined)[],
  chinese: boolean,
): Figure {
  const start = base + match.index;
  const numberStart = start + number.offset;
  return {
    value: number.value,
    unit,
    decimals: number.decimals,
    vague: marks.some((m) => m !== undefined),
    atLeast: marks.some((m) => m !== undefined && LOWER_BOUND.has(m)) && !marks.some((m) => m !== undefined && !LOWER_BOUND.has(m)),
    start,
    end: start + match[0].length,
    numberStart,
    numberEnd: numberStart + number.length,
    text: match[0],
    chinese,
  };
}

const QUOTES: Record<string, string> = { '“': '”', '「': '」', '『': '』', '‘': '’', '《': '》', '〈': '〉' };
/** A quotation longer than this, or one the sentence does not close, is no name. */
const MAX_NAME = 40;

/** Spans of the text inside quotation marks or title marks: names, not counts. */
function quotedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i < text.length; i++) {
    const close = QUOTES[text[i]!];
    if (!close) continue;
    const end = text.indexOf(close, i + 1);
    const stop = text.slice(i + 1, end < 0 ? undefined : end).search(/[。\n]/);
    if (end < 0 || end - i > MAX_NAME || stop >= 0) continue;
    spans.push([i + 1, end]);
    i = end;
  }
  return spans;
}

/** The number of an Arabic match, with its magnitude applied (4万 → 40000). */
function arabicNumber(digits: string, fraction: string | undefined, magnitude: string | undefined): { value: number; decimals: number; text: string } {
  const text = digits + (fraction !== undefined ? `.${fraction}` : '');
  const scale = magnitude ? MAGNITUDES[magnitude]! : 1;
  return { value: Math.round(Number(text.replace(/,/g, '')) * scale * 1e6) / 1e6, decimals: magnitude ? 0 : (fraction?.length ?? 0), text };
}

/** Every figure in `text`; offsets are `base` + the index in `text`. */
export function extractFigures(text: string, base = 0): Figure[] {
  const figures: Figure[] = [];
  const names = quotedSpans(text);
  const inName = (at: number): boolean => names.some(([s, e]) => s <= at && at < e);
  const taken = (at: number): boolean => figures.some((f) => f.start - base <= at && at < f.end - base);
  ARABIC_FIGURE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ARABIC_FIGURE.exec(text))) {
    const before = text[m.index - 1];
    // Part of a longer token: 2020年 is no figure, 0533-6951755 neither; 第711号 has no unit.
    if ((before !== undefined && /[\d.\-－/]/.test(before)) || inName(m.index)) continue;
    const n = arabicNumber(m[2]!, m[3], m[4]);
    const number = { offset: m[1]?.length ?? 0, length: n.text.length, value: n.value, decimals: n.decimals };
    figures.push(figureOf(m, base, number, m[6] === '％' ? '%' : m[6]!, [m[1], m[5]], false));
  }
  UNITLESS_VAGUE.lastIndex = 0;
  while ((m = UNITLESS_VAGUE.exec(text))) {
    const before = text[m.index - 1];
    if ((before !== undefined && /[\d.\-－/]/.test(before)) || inName(m.index) || taken(m.index)) continue;
    const n = arabicNumber(m[2]!, m[3], m[4]);
    const number = { offset: m[1]?.length ?? 0, length: n.text.length, value: n.value, decimals: n.decimals };
    figures.push(figureOf(m, base, number, '', [m[1], m[5]], false));
  }
  CHINESE_FIGURE.lastIndex = 0;
  while ((m = CHINESE_FIGURE.exec(text))) {
    const value = m[1] ? undefined : parseChineseNumber(m[3]!);
    // 4万余条 is read above, whole; its 万余条 is no figure of its own.
    if (value === undefined || inName(m.index) || taken(m.index) || /\d/.test(text[m.index - 1] ?? '')) continue;
    const number = { offset: m[2]?.length ?? 0, length: m[3]!.length, value, decimals: 0 };
    figures.push(figureOf(m, base, number, m[5]!, [m[2], m[4]], true));
  }
  UNIT_FIRST.lastIndex = 0;
  while ((m = UNIT_FIRST.exec(text))) {
    if (taken(m.index) || inName(m.index)) continue;
    const number = { offset: m[0].length - m[2]!.length, length: m[2]!.length, value: Number(m[2]), decimals: 0 };
    figures.push(figureOf(m, base, number, m[1]!, [], false));
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
