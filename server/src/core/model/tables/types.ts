/**
 * The standard tables as found in a draft: every label matched to its standard element, every
 * value cell mapped onto its standard row and column with its range, raw text and value.
 */
import type { CellKind, FormatId, TableId } from '../../formats/types.js';
import type { TextRange } from '../../text/lines.js';
import type { CellValue } from '../cell-value.js';
import type { Grid } from '../grid.js';

/** How a written label relates to the standard one. */
export type MatchQuality =
  /** The same after normalisation (brackets, `1、`, spaces, `<br>`). */
  | 'exact'
  /** The standard label with a note appended (湖北's annotated labels). */
  | 'note'
  /** A typo or truncation of the standard label. */
  | 'fuzzy'
  /** No standard label. */
  | 'unknown';

/** A label cell (or title line) of a standard table. */
export interface ObservedLabel {
  readonly role: 'item' | 'column' | 'row';
  /** Key of the matched element (see formats/elements.ts); undefined when unknown. */
  readonly key: string | undefined;
  /** The standard wording it matched. */
  readonly standard: string | undefined;
  /** Formats in which that wording is the official one. */
  readonly formats: readonly FormatId[];
  readonly quality: MatchQuality;
  /** The label as written (content of the cell). */
  readonly text: string;
  readonly range: TextRange;
  readonly line: number;
}

/** A value cell on its standard row and column. */
export interface ObservedCell {
  readonly row: string;
  readonly column: string;
  readonly kind: CellKind;
  readonly value: CellValue;
  /** The cell's text as read (HTML entities decoded, a wrapped pasted line joined). */
  readonly text: string;
  /** The cell's content without white space; at the inner start when blank. */
  readonly content: TextRange;
  /** Between the pipes (inside the `<td>`, after the tab). */
  readonly inner: TextRange;
  readonly line: number;
  /** No source of its own (a slot a merged HTML cell covers): no fix can write into it. */
  readonly virtual?: boolean;
  /** An HTML or pasted cell: a value goes in without GFM's padding. */
  readonly bare?: boolean;
}

/** A data row of a standard table. */
export interface ObservedRow {
  readonly key: string | undefined;
  readonly label: ObservedLabel;
  readonly line: number;
  readonly range: TextRange;
  /** Number of cells written in the source row. */
  readonly cellCount: number;
  /** Value columns the row has no cell for (the row is too short). */
  readonly missingCells: readonly string[];
  /** Number of label columns of the table (for inserting a row like it). */
  readonly labelColumns: number;
}

/** A standard table found in the draft (possibly written as several GFM tables). */
export interface ObservedTable {
  readonly id: TableId;
  readonly grids: readonly Grid[];
  /** From the first grid (or item title) to the end of the last grid. */
  readonly range: TextRange;
  /** Every label, in document order. */
  readonly labels: readonly ObservedLabel[];
  /** Data rows in document order. */
  readonly rows: readonly ObservedRow[];
  /** Value cells by `row|column`. */
  readonly cells: ReadonlyMap<string, ObservedCell>;
  /** Keys of the standard elements present (items, columns, rows). */
  readonly present: ReadonlySet<string>;
  /** Labels that match no standard element (unknown rows). */
  readonly unknownRows: readonly ObservedLabel[];
  /** Rows of the same standard row written twice. */
  readonly duplicateRows: readonly ObservedLabel[];
  /** The format the table's wording belongs to. */
  readonly usedFormat: FormatId | 'mixed' | 'common';
  /** The number of cells a full row has (for rows inserted by a fix). */
  readonly width: number;
}

/** Key of a cell in {@link ObservedTable.cells}. */
export function cellKey(row: string, column: string): string {
  return `${row}|${column}`;
}
