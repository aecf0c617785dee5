/**
 * Which format a report year requires, and the notice that issued each format
 * (formats.md §1.3: report year ≤ 2020 → 2019 format; ≥ 2021 → 2021 format).
 */
import type { FormatId } from './types.js';

/** The notice that issued a format. */
export interface FormatNotice {
  readonly format: FormatId;
  /** Year in the document number, e.g. 2021 in 国办公开办函〔2021〕30号. */
  readonly year: number;
  readonly number: number;
  /** The citation as the notice writes it. */
  readonly citation: string;
}

/** The two notices, by format. */
export const FORMAT_NOTICES: Readonly<Record<FormatId, FormatNotice>> = {
  '2019': { format: '2019', year: 2019, number: 60, citation: '国办公开办函〔2019〕60号' },
  '2021': { format: '2021', year: 2021, number: 30, citation: '国办公开办函〔2021〕30号' },
};

/** The first report year of the 2021 format. */
export const FIRST_YEAR_OF_2021_FORMAT = 2021;

/**
 * The years a report can cover: the Regulations (《中华人民共和国政府信息公开条例》) took effect
 * in 2008; beyond 2100 a year is a typo. A draft is made only for a year in this range (issue 18:
 * `nianbao next` made a draft for 1901).
 */
export const REPORT_YEARS = { first: 2008, last: 2100 } as const;

/** The format a report year requires. */
export function requiredFormat(reportYear: number): FormatId {
  return reportYear >= FIRST_YEAR_OF_2021_FORMAT ? '2021' : '2019';
}

/**
 * For 2019 reports the unified format was only encouraged (60号: “鼓励按照统一格式发布”), so a
 * mismatch is informational there (formats.md §1.3).
 */
export function formatIsMandatory(reportYear: number): boolean {
  return reportYear !== 2019;
}

/** A short Chinese and English name of a format, e.g. 「2021版格式」. */
export function formatName(format: FormatId): { zh: string; en: string } {
  return { zh: `${format}版格式`, en: `the ${format} format` };
}
