/**
 * The reviewer's answer as an Excel workbook (issue 23), through write-excel-file: a small,
 * maintained writer of .xlsx whose one dependency, fflate, the bundle already has (exceljs would
 * bring archiver, unzipper and a dozen more into dist/cli.js for features the answer does not
 * use). One sheet, the rows of `reviewer-rows.ts`, the header bold and frozen, every value a
 * string cell (never a formula, whatever the text starts with).
 */
import writeXlsxFile, { type Row } from 'write-excel-file/node';
import type { Language } from '../core/index.js';
import type { BatchFile } from './batch.js';
import { reviewerRows } from './reviewer-rows.js';

/** Column widths in characters: unit, year, format, file, position, severity, problem. */
const WIDTHS = [24, 10, 12, 32, 36, 6, 90];

/** The answer as the bytes of an .xlsx file. */
export async function reviewerXlsx(batch: readonly BatchFile[], language: Language): Promise<Uint8Array> {
  const [header, ...rows] = reviewerRows(batch, language);
  const data: Row[] = [
    header!.map((value) => ({ value, type: String, fontWeight: 'bold' as const })),
    ...rows.map((row) => row.map((value) => ({ value, type: String, wrap: true }))),
  ];
  const sheet = language === 'en' ? 'Review' : '审核意见';
  return writeXlsxFile(data, { sheet, columns: WIDTHS.map((width) => ({ width })), stickyRowsCount: 1 }).toBuffer();
}
