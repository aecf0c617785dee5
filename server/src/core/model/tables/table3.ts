/**
 * Reads 表三 (formats.md §4.2, §5.2) from one or more GFM tables: finds the seven value
 * columns from the header rows wherever the merged labels were put, skips header rows repeated
 * by a page break, joins a label split over two rows, and maps every row onto its standard row
 * (EXPECTED.md, seed 003 "Tolerant reading").
 */
import { TABLE3_COLUMNS, TABLE3_HEADER_LABELS, TABLE3_ROWS } from '../../formats/table3.js';
import type { LineIndex } from '../../text/lines.js';
import { labelKey } from '../../text/normalize.js';
import { parseCellValue } from '../cell-value.js';
import type { Grid, GridCell, GridRow } from '../grid.js';
import { assembleTable, candidatesOf, claimColumn, labelFromCell, observeCell } from './common.js';
import { cachedKey, matchExact, matchFuzzy, type LabelMatch } from './match.js';
import { cellKey, type ObservedCell, type ObservedLabel, type ObservedRow, type ObservedTable } from './types.js';

const ROWS = candidatesOf('table3', (e) => e.role === 'row');
const COLUMNS = candidatesOf('table3', (e) => e.role === 'column');
const HEADER_KEYS = new Set(TABLE3_HEADER_LABELS.map(cachedKey));
const PARENT_KEYS = [...new Set(TABLE3_ROWS.flatMap((r) => r.parents))].map(cachedKey).sort((a, b) => b.length - a.length);

function isHeaderRow(row: GridRow): boolean {
  let header = false;
  for (const cell of row.cells) {
    if (cell.text === '') continue;
    if (HEADER_KEYS.has(labelKey(cell.text))) {
      header = true;
      continue;
    }
    const value = parseCellValue(cell.text);
    if (value.type !== 'invalid' || matchExact(cell.text, ROWS)) return false;
  }
  return header;
}

/** Strips merged parent labels written into the same cell (`（三）不予公开 1.属于国家秘密`). */
function withoutParents(text: string): string {
  let key = labelKey(text);
  for (let changed = true; changed; ) {
    changed = false;
    for (const parent of PARENT_KEYS) {
      if (key.length > parent.length && key.startsWith(parent)) {
        key = key.slice(parent.length);
        changed = true;
      }
    }
  }
  return key;
}

function exactRow(labelCells: readonly GridCell[]): LabelMatch | undefined {
  const leaf = labelCells.at(-1);
  if (!leaf) return undefined;
  return (
    matchExact(leaf.text, ROWS) ??
    matchExact(withoutParents(leaf.text), ROWS) ??
    matchExact(withoutParents(labelCells.map((c) => c.text).join('')), ROWS)
  );
}

interface Pending {
  readonly row: GridRow;
  readonly leaf: GridCell;
  text: string;
  match: LabelMatch | undefined;
  readonly hasValues: boolean;
}

interface Columns {
  readonly index: Map<string, number>;
  readonly labels: ObservedLabel[];
}

function findColumns(headerRows: readonly GridRow[], dataRows: readonly GridRow[], index: LineIndex): Columns {
  const columns = new Map<string, number>();
  const labels: ObservedLabel[] = [];
  for (const row of headerRows) {
    row.cells.forEach((cell, j) => {
      const match = matchExact(cell.text, COLUMNS);
      if (!match || !claimColumn(columns, match.candidate.key, j)) return;
      labels.push(labelFromCell('column', cell, match, index));
    });
  }
  const anchor = TABLE3_COLUMNS.findIndex((c) => columns.has(c.key));
  if (anchor === -1) {
    // No header at all: the seven value columns are the last seven.
    const width = Math.max(0, ...dataRows.map((r) => r.cells.length));
    const base = Math.max(1, width - TABLE3_COLUMNS.length);
    TABLE3_COLUMNS.forEach((c, i) => columns.set(c.key, base + i));
    return { index: columns, labels };
  }
  const base = columns.get(TABLE3_COLUMNS[anchor]!.key)! - anchor;
  TABLE3_COLUMNS.forEach((column, i) => {
    if (columns.has(column.key)) return;
    const j = base + i;
    for (const row of headerRows) {
      const cell = row.cells[j];
      if (!cell || cell.text === '' || HEADER_KEYS.has(labelKey(cell.text))) continue;
      const match = matchFuzzy(cell.text, COLUMNS.filter((c) => c.key === column.key));
      if (match && claimColumn(columns, column.key, j)) {
        labels.push(labelFromCell('column', cell, match, index));
        return;
      }
    }
  });
  return { index: columns, labels };
}

const PASTED_LABEL_COLUMNS = 3;

function isLabelText(text: string): boolean {
  if (text === '') return false;
  const value = parseCellValue(text);
  return value.type === 'invalid' && value.reason === 'text';
}

function padding(row: GridRow, n: number): GridCell[] {
  const at = row.range.start;
  return Array.from({ length: n }, () => ({ inner: { start: at, end: at }, content: { start: at, end: at }, text: '', virtual: true }));
}

/**
 * A pasted row on the standard columns: its labels in the three label columns, then the seven
 * values that follow its last label. Pasting lost the merged cells, so a row writes one to three
 * labels and sometimes an empty cell where a merged label was; the values are the cells after
 * the labels, empty cells around them dropped while there are more than seven.
 */
export function alignPastedRow(row: GridRow): GridRow {
  const cells = row.cells;
  let last = -1;
  cells.forEach((c, j) => {
    if (isLabelText(c.text)) last = j;
  });
  const labels = cells.slice(0, last + 1).filter((c) => c.text !== '').slice(-PASTED_LABEL_COLUMNS);
  let values = cells.slice(last + 1);
  const width = TABLE3_COLUMNS.length;
  while (values.length > width && values[0]!.text === '') values = values.slice(1);
  while (values.length > width && values.at(-1)!.text === '') values = values.slice(0, -1);
  values = values.slice(0, width);
  return { ...row, cells: [...padding(row, PASTED_LABEL_COLUMNS - labels.length), ...labels, ...values] };
}

/** The column labels of pasted header rows: their places are lost, their wording is checked. */
function pastedColumns(headerRows: readonly GridRow[], index: LineIndex): Columns {
  const columns = new Map<string, number>();
  TABLE3_COLUMNS.forEach((c, i) => columns.set(c.key, PASTED_LABEL_COLUMNS + i));
  const labels: ObservedLabel[] = [];
  const seen = new Set<string>();
  const cells = headerRows.flatMap((r) => r.cells).filter((c) => c.text !== '' && !HEADER_KEYS.has(labelKey(c.text)));
  for (const cell of cells) {
    const match = matchExact(cell.text, COLUMNS);
    if (match && !seen.has(match.candidate.key)) {
      seen.add(match.candidate.key);
      labels.push(labelFromCell('column', cell, match, index));
    }
  }
  for (const cell of cells) {
    if (matchExact(cell.text, COLUMNS)) continue;
    const match = matchFuzzy(cell.text, COLUMNS.filter((c) => !seen.has(c.key)));
    if (match) {
      seen.add(match.candidate.key);
      labels.push(labelFromCell('column', cell, match, index));
    }
  }
  return { index: columns, labels };
}

/** Reads 表三 from its tables (GFM, HTML or pasted). */
export function readTable3(grids: readonly Grid[], index: LineIndex): ObservedTable {
  const pasted = grids.some((g) => g.source === 'pasted');
  const allRows = grids.flatMap((g) => g.rows);
  const headerRows = allRows.filter(isHeaderRow);
  const headerSet = new Set(headerRows);
  const bodyRows = allRows.filter((r) => !headerSet.has(r)).map((r) => (pasted ? alignPastedRow(r) : r));
  const columns = pasted ? pastedColumns(headerRows, index) : findColumns(headerRows, bodyRows, index);
  const labelColumns = Math.min(...columns.index.values());
  const valueIndexes = [...columns.index.values()];

  const pending: Pending[] = [];
  const unknownRows: ObservedLabel[] = [];
  for (const row of bodyRows) {
    const labelCells = row.cells.slice(0, labelColumns).filter((c) => c.text !== '');
    const hasValues = valueIndexes.some((j) => (row.cells[j]?.text ?? '') !== '');
    const leaf = labelCells.at(-1);
    if (!leaf) {
      if (hasValues) {
        const first = row.cells[0] ?? { inner: row.range, content: { start: row.range.start, end: row.range.start }, text: '' };
        unknownRows.push(labelFromCell('row', first, undefined, index));
      }
      continue;
    }
    const match = exactRow(labelCells);
    const previous = pending.at(-1);
    if (!match && !hasValues && previous && previous.match?.quality !== 'exact') {
      // A label broken across two rows by a page break (seed 003: 3.补正后申请内容仍不 / 明确).
      const joined = matchExact(withoutParents(previous.text + leaf.text), ROWS);
      if (joined) {
        previous.text += leaf.text;
        previous.match = joined;
        continue;
      }
    }
    pending.push({ row, leaf, text: leaf.text, match, hasValues });
  }

  const matched = new Set(pending.filter((p) => p.match).map((p) => p.match!.candidate.key));
  // The nearest exactly matched row before and after each row, found in two passes (issue 18:
  // looking for them from every unmatched row was quadratic in the rows of a long 表三).
  const exactBefore: (number | undefined)[] = [];
  const exactAfter: (number | undefined)[] = new Array(pending.length);
  for (let i = 0, last: number | undefined; i < pending.length; i++) {
    exactBefore.push(last);
    if (pending[i]!.match?.quality === 'exact') last = pending[i]!.match!.candidate.order;
  }
  for (let i = pending.length - 1, next: number | undefined; i >= 0; i--) {
    exactAfter[i] = next;
    if (pending[i]!.match?.quality === 'exact') next = pending[i]!.match!.candidate.order;
  }
  pending.forEach((p, i) => {
    if (p.match) return;
    const lo = exactBefore[i] ?? -1;
    const hi = exactAfter[i] ?? Infinity;
    const window = ROWS.filter((c) => c.order > lo && c.order < hi && !matched.has(c.key));
    const match = matchFuzzy(withoutParents(p.text), window);
    if (match) {
      p.match = match;
      matched.add(match.candidate.key);
    }
  });

  const labels: ObservedLabel[] = [...columns.labels];
  const rows: ObservedRow[] = [];
  const cells = new Map<string, ObservedCell>();
  const duplicateRows: ObservedLabel[] = [];
  const present = new Set<string>(columns.index.keys());
  for (const p of pending) {
    const label = labelFromCell('row', p.leaf, p.match, index, p.text);
    if (!p.match) {
      unknownRows.push(label);
      labels.push(label);
      continue;
    }
    const key = p.match.candidate.key;
    if (present.has(key)) {
      duplicateRows.push(label);
      continue;
    }
    present.add(key);
    labels.push(label);
    const missingCells: string[] = [];
    for (const column of TABLE3_COLUMNS) {
      const j = columns.index.get(column.key);
      if (j === undefined) continue;
      const cell = p.row.cells[j];
      if (!cell) {
        missingCells.push(column.key);
        continue;
      }
      cells.set(cellKey(key, column.key), observeCell(key, column.key, column.kind, cell, p.row.line));
    }
    rows.push({ key, label, line: p.row.line, range: p.row.range, cellCount: p.row.cells.length, missingCells, labelColumns });
  }
  return assembleTable('table3', grids, grids[0]!.range.start, { labels, rows, cells, present, unknownRows, duplicateRows });
}
