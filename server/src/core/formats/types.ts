/**
 * Types of the format data: the two official formats described once, as data.
 * Every element carries the formats it belongs to; an element whose meaning is the same in
 * both formats has one key and, where the wording changed, one label per format.
 */

/** The two official formats: 2019 (国办公开办函〔2019〕60号, 试行) and 2021 (国办公开办函〔2021〕30号). */
export type FormatId = '2019' | '2021';

/** Both formats, in order. */
export const FORMAT_IDS: readonly FormatId[] = ['2019', '2021'];

/** A label that is the same in both formats, or differs by format. */
export type Label = string | Readonly<Record<FormatId, string>>;

/** What a numeric cell may hold (formats.md §6.3). */
export type CellKind =
  /** A non-negative whole number. */
  | 'count'
  /** A whole number that may be negative or carry “+” (2019 本年增/减). */
  | 'signed'
  /** A non-negative amount that may have a decimal part. */
  | 'amount';

/** A row or column of a standard table. */
export interface ElementDef {
  /** Stable key, the same in both formats when the meaning is the same. */
  readonly key: string;
  /** Official label(s). */
  readonly label: Label;
  /** Formats this element belongs to. */
  readonly formats: readonly FormatId[];
}

/** A value column. */
export interface ColumnDef extends ElementDef {
  readonly kind: CellKind;
}

/** A row of 表三: its own (most specific) label and the merged labels above it. */
export interface Table3RowDef extends ElementDef {
  /** Enclosing labels, outermost first (三、本年度办理结果, （三）不予公开). */
  readonly parents: readonly string[];
  /** The row's part in the 勾稽关系 (formats.md §6.1–6.2). */
  readonly role: 'intake' | 'outcome' | 'outcomeTotal' | 'carryForward';
}

/** One 第二十条 item of 表二: a sub-table with its own columns and rows. */
export interface Table2ItemDef {
  readonly key: string;
  /** The item numeral, e.g. 一 for 第二十条第（一）项. */
  readonly numeral: string;
  readonly formats: readonly FormatId[];
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly ElementDef[];
}

/** The standard tables, by the section that holds them. */
export type TableId = 'table2' | 'table3' | 'table4';

/** Resolves a label for a format. */
export function labelIn(label: Label, format: FormatId): string {
  return typeof label === 'string' ? label : label[format];
}

/** Every distinct wording of a label with the formats it is valid in. */
export function labelVariants(label: Label, formats: readonly FormatId[]): { text: string; formats: FormatId[] }[] {
  if (typeof label === 'string') return [{ text: label, formats: [...formats] }];
  const out: { text: string; formats: FormatId[] }[] = [];
  for (const format of formats) {
    const text = label[format];
    const existing = out.find((variant) => variant.text === text);
    if (existing) existing.formats.push(format);
    else out.push({ text, formats: [format] });
  }
  return out;
}
