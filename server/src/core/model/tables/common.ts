/**
 * Pieces the three table readers share: candidates from the format data, labels from cells,
 * the format a table's wording belongs to.
 */
import { elementWordings, tableElements, type TableElement } from '../../formats/elements.js';
import type { CellKind, FormatId, TableId } from '../../formats/types.js';
import type { LineIndex } from '../../text/lines.js';
import { parseCellValue } from '../cell-value.js';
import type { Grid, GridCell } from '../grid.js';
import type { LabelCandidate, LabelMatch } from './match.js';
import type { ObservedCell, ObservedLabel, ObservedRow, ObservedTable } from './types.js';

/** The wordings of some elements of a table, as match candidates. */
export function candidatesOf(table: TableId, filter: (e: TableElement) => boolean): LabelCandidate[] {
  return tableElements(table)
    .filter(filter)
    .flatMap((e) => elementWordings(e).map((w) => ({ key: e.key, text: w.text, formats: w.formats, order: e.order })));
}

/** A label from a cell and its match (or none). */
export function labelFromCell(
  role: ObservedLabel['role'],
  cell: GridCell,
  match: LabelMatch | undefined,
  index: LineIndex,
  text: string = cell.text,
): ObservedLabel {
  return {
    role,
    key: match?.candidate.key,
    standard: match?.candidate.text,
    formats: match?.candidate.formats ?? [],
    quality: match?.quality ?? 'unknown',
    text,
    range: cell.content,
    line: index.lineAt(cell.content.start),
  };
}

/** The format a table's wording belongs to: the formats whose signature labels it contains. */
export function usedFormat(labels: readonly ObservedLabel[]): ObservedTable['usedFormat'] {
  const seen = new Set<FormatId>();
  for (const label of labels) if (label.key !== undefined && label.formats.length === 1) seen.add(label.formats[0]!);
  if (seen.size === 2) return 'mixed';
  if (seen.size === 1) return [...seen][0]!;
  return 'common';
}

/** A value cell from its grid cell. */
export function observeCell(row: string, column: string, kind: CellKind, cell: GridCell, line: number): ObservedCell {
  return {
    row,
    column,
    kind,
    value: parseCellValue(cell.text),
    text: cell.text,
    content: cell.content,
    inner: cell.inner,
    line: cell.line ?? line,
    ...(cell.virtual ? { virtual: true } : {}),
    ...(cell.bare ? { bare: true } : {}),
  };
}

/**
 * Maps a column to a cell index unless the column or the index is already mapped: a cell holds
 * one value, so two columns never share it (their fixes would edit the same cell).
 */
export function claimColumn(columns: Map<string, number>, key: string, j: number): boolean {
  if (columns.has(key)) return false;
  for (const taken of columns.values()) if (taken === j) return false;
  columns.set(key, j);
  return true;
}

/** What a table reader collects. */
export interface TableParts {
  readonly labels: ObservedLabel[];
  readonly rows: readonly ObservedRow[];
  readonly cells: ReadonlyMap<string, ObservedCell>;
  readonly present: ReadonlySet<string>;
  readonly unknownRows: readonly ObservedLabel[];
  readonly duplicateRows: readonly ObservedLabel[];
}

/** The observed table: labels in document order, its range from `start`, its width and format. */
export function assembleTable(id: TableId, grids: readonly Grid[], start: number, parts: TableParts): ObservedTable {
  parts.labels.sort((a, b) => a.range.start - b.range.start);
  return {
    id,
    grids,
    range: { start, end: grids.at(-1)!.range.end },
    ...parts,
    usedFormat: usedFormat(parts.labels),
    width: Math.max(0, ...grids.flatMap((g) => g.rows.map((r) => r.cells.length))),
  };
}
