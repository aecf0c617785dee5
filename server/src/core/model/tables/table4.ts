/**
 * Reads 表四 (formats.md §4.3): three header rows over one data row of 15 numbers. The groups
 * are found by their merged headers (行政复议, 未经复议直接起诉, 复议后起诉), so leading or
 * trailing empty columns do not shift them.
 */
import { TABLE4_GROUPS, TABLE4_LITIGATION, TABLE4_OUTCOMES, TABLE4_ROW, table4ColumnKey } from '../../formats/table4.js';
import type { LineIndex } from '../../text/lines.js';
import { labelKey } from '../../text/normalize.js';
import { parseCellValue } from '../cell-value.js';
import type { Grid, GridRow } from '../grid.js';
import { assembleTable, candidatesOf, claimColumn, labelFromCell, observeCell } from './common.js';
import { cachedKey, matchExact, matchFuzzy } from './match.js';
import { cellKey, type ObservedCell, type ObservedLabel, type ObservedRow, type ObservedTable } from './types.js';

const HEADER_KEYS = new Set(
  [TABLE4_LITIGATION, ...TABLE4_GROUPS.map((g) => g.label), ...TABLE4_OUTCOMES.map((o) => o.label)].map(cachedKey),
);
const GROUP_KEYS = new Set([TABLE4_LITIGATION, ...TABLE4_GROUPS.map((g) => g.label)].map(cachedKey));
const GROUP_SIZE = TABLE4_OUTCOMES.length;

function isHeaderRow(row: GridRow): boolean {
  let header = false;
  for (const cell of row.cells) {
    if (cell.text === '') continue;
    if (HEADER_KEYS.has(labelKey(cell.text))) header = true;
    else if (parseCellValue(cell.text).type !== 'invalid') return false;
  }
  return header;
}

function groupStarts(headerRows: readonly GridRow[]): number[] {
  const found = TABLE4_GROUPS.map((group) => {
    for (const row of headerRows) {
      const j = row.cells.findIndex((c) => labelKey(c.text) === cachedKey(group.label));
      if (j !== -1) return j;
    }
    return undefined;
  });
  const known = found.findIndex((j) => j !== undefined);
  const base = known === -1 ? 0 : found[known]! - known * GROUP_SIZE;
  return found.map((j, i) => j ?? base + i * GROUP_SIZE);
}

const WIDTH = TABLE4_GROUPS.length * GROUP_SIZE;

/** The fifteen values of a pasted data row: empty cells around them dropped while there are more. */
function alignPastedData(row: GridRow): GridRow {
  let cells = [...row.cells];
  while (cells.length > WIDTH && cells[0]!.text === '') cells = cells.slice(1);
  while (cells.length > WIDTH && cells.at(-1)!.text === '') cells = cells.slice(0, -1);
  return { ...row, cells: cells.slice(0, WIDTH) };
}

/**
 * Pasted header rows lost their merged cells, so a column label is placed by its order: the
 * outcome labels, read row by row, are the fifteen columns in order when there are fifteen.
 */
function pastedHeaderRow(headerRows: readonly GridRow[]): GridRow | undefined {
  const outcomes = headerRows.flatMap((r) => r.cells).filter((c) => c.text !== '' && !GROUP_KEYS.has(labelKey(c.text)));
  if (outcomes.length !== WIDTH) return undefined;
  const first = headerRows[0]!;
  return { ...first, cells: outcomes };
}

/** Reads 表四 from its tables (GFM, HTML or pasted). */
export function readTable4(grids: readonly Grid[], index: LineIndex): ObservedTable {
  const pasted = grids.some((g) => g.source === 'pasted');
  const allRows = grids.flatMap((g) => g.rows);
  const headerRows = allRows.filter(isHeaderRow);
  const pastedHeader = pasted ? pastedHeaderRow(headerRows) : undefined;
  const columnRows = pasted ? (pastedHeader ? [pastedHeader] : []) : headerRows;
  const starts = pasted ? TABLE4_GROUPS.map((_, g) => g * GROUP_SIZE) : groupStarts(headerRows);
  const labels: ObservedLabel[] = [];
  const present = new Set<string>();
  const columnIndex = new Map<string, number>();
  TABLE4_GROUPS.forEach((group, g) => {
    TABLE4_OUTCOMES.forEach((outcome, o) => {
      const key = table4ColumnKey(group.key, outcome.key);
      const j = starts[g]! + o;
      // Groups found at overlapping places (a misplaced group header): a cell is read for one column only.
      if (!claimColumn(columnIndex, key, j)) return;
      // The label of a column is in the lowest header row that writes one there.
      const cell = [...columnRows]
        .reverse()
        .map((r) => r.cells[j])
        .find((c) => c !== undefined && c.text !== '' && !GROUP_KEYS.has(labelKey(c.text)));
      const candidates = candidatesOf('table4', (e) => e.key === key);
      if (!cell) {
        present.add(key);
        return;
      }
      const match = matchExact(cell.text, candidates) ?? matchFuzzy(cell.text, candidates);
      labels.push(labelFromCell('column', cell, match, index));
      if (match) present.add(key);
    });
  });

  const headerSet = new Set(headerRows);
  const body = allRows.filter((r) => !headerSet.has(r)).map((r) => (pasted ? alignPastedData(r) : r));
  const data = body[0];
  const rows: ObservedRow[] = [];
  const cells = new Map<string, ObservedCell>();
  const unknownRows: ObservedLabel[] = [];
  if (data) {
    const missingCells: string[] = [];
    for (const [key, j] of columnIndex) {
      const cell = data.cells[j];
      if (!cell) {
        missingCells.push(key);
        continue;
      }
      cells.set(cellKey(TABLE4_ROW, key), observeCell(TABLE4_ROW, key, 'count', cell, data.line));
    }
    const first = data.cells[0] ?? { inner: data.range, content: { start: data.range.start, end: data.range.start }, text: '' };
    const label: ObservedLabel = { ...labelFromCell('row', first, undefined, index), key: TABLE4_ROW, quality: 'exact', formats: ['2019', '2021'] };
    rows.push({ key: TABLE4_ROW, label, line: data.line, range: data.range, cellCount: data.cells.length, missingCells, labelColumns: 0 });
    present.add(TABLE4_ROW);
    for (const extra of body.slice(1)) {
      if (extra.cells.every((c) => c.text === '')) continue;
      const cell = extra.cells.find((c) => c.text !== '')!;
      unknownRows.push(labelFromCell('row', cell, undefined, index));
    }
  }
  return assembleTable('table4', grids, grids[0]!.range.start, { labels, rows, cells, present, unknownRows, duplicateRows: [] });
}
