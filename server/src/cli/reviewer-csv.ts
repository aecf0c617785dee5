/**
 * The reviewer's answer as CSV (issue 23) for Excel and WPS: UTF-8 with a byte order mark (without
 * it Excel reads the Chinese as the ANSI code page), CRLF line ends, every field quoted when it
 * holds a comma, a quote or a line break (RFC 4180), and a field that a spreadsheet would take for
 * a formula (starting with = + - @, or a tab or carriage return) given a leading ' (OWASP's CSV
 * injection advice), since a file name or a quoted label comes from the report's author.
 */
import type { Language } from '../core/index.js';
import type { BatchFile } from './batch.js';
import { reviewerRows } from './reviewer-rows.js';

/** A field made safe for a spreadsheet and quoted where CSV needs it. */
export function csvField(value: string): string {
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

/** The answer as CSV text, the byte order mark first. */
export function reviewerCsv(batch: readonly BatchFile[], language: Language): string {
  return `\uFEFF${reviewerRows(batch, language).map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}
