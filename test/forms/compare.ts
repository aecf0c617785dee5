/**
 * Findings compared across the forms of one report (issue 22): rule, message without line numbers,
 * and the place in a table (table, row, column, their labels) where there is one.
 */
import { tablePlaceAt, type CheckResult } from '../../server/src/core/index.js';
import type { FileOutcome } from '../../server/src/cli/check-files.js';

/** Rules about the Markdown form, which a Word file or a page cannot have. */
export const MARKDOWN_ONLY = new Set(['table-markdown', 'file-encoding', 'unused-disable']);

/** A finding as compared across forms: rule, message (no line numbers), and the table place. */
/** A place in a table as a key compares it. */
export interface PlaceKey {
  table?: string;
  row?: number;
  column?: number;
  rowLabel?: string;
  columnLabel?: string;
}

export function key(rule: string, message: string, place: PlaceKey | undefined): string {
  // Line numbers differ between forms; a table's form is named in the Markdown only (Markdown/HTML 表格).
  const text = message.replace(/第 ?\d+ ?行/g, '第…行').replace(/一个 (Markdown|HTML) 表格/g, '一个表格');
  // A missing row is told at the row after it in Markdown and at the table in a Word file or a page (one line holds the table).
  if (rule === 'table-shape' && /缺少标准行|缺少标准列|缺少“/.test(text)) return `${rule} | ${text} | ${place?.table ?? ''}`;
  return place?.table ? `${rule} | ${text} | ${place.table} ${place.row ?? ''}/${place.column ?? ''} ${place.rowLabel ?? ''}/${place.columnLabel ?? ''}` : `${rule} | ${text}`;
}

export function markdownKeys(result: CheckResult): string[] {
  return result.findings
    .filter((f) => !MARKDOWN_ONLY.has(f.rule))
    .map((f) => {
      const place = tablePlaceAt(result.report, f.range.start);
      const shown: PlaceKey | undefined = place && { table: place.tableName, row: place.row };
      if (shown && place?.column !== undefined) shown.column = place.column;
      if (shown && place?.rowLabel) shown.rowLabel = place.rowLabel;
      if (shown && place?.columnLabel) shown.columnLabel = place.columnLabel;
      return key(f.rule, f.message.zh, shown);
    })
    .sort();
}

export function outcomeKeys(outcome: FileOutcome): string[] {
  return outcome.findings.filter((f) => !MARKDOWN_ONLY.has(f.rule)).map((f) => key(f.rule, f.message, f.position)).sort();
}

