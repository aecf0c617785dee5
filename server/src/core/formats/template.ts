/**
 * Canonical Markdown of the standard tables and of a whole report skeleton, rendered from the
 * format data (markdown-convention.md "Canonical document": merged cells flattened into their
 * top-left cell, the first official row as the GFM header row). Used by the fixes that insert
 * or convert a table, and later by snippets and the new-report command.
 */
import { SECTIONS, standardHeading } from './sections.js';
import { TABLE2_CONTENT_HEADER, TABLE2_ITEMS, itemTitle } from './table2.js';
import { TABLE3_APPLICANTS, TABLE3_APPLICANT_COLUMNS, TABLE3_COLUMNS, TABLE3_LEGAL_PERSONS, TABLE3_NOTE, TABLE3_ROWS } from './table3.js';
import { TABLE4_GROUPS, TABLE4_LITIGATION, TABLE4_OUTCOMES, TABLE4_ROW, table4ColumnKey } from './table4.js';
import { FORMAT_NOTICES } from './versions.js';
import { labelIn, type FormatId, type Table2ItemDef, type TableId } from './types.js';

/** Supplies the text of a value cell; undefined leaves it empty. */
export type CellText = (row: string, column: string) => string | undefined;

/**
 * Supplies the wording of a row or column label by element key (formats/elements.ts); undefined
 * keeps the standard wording. A conversion keeps a label as the draft wrote it, typo included,
 * so the check still points at it.
 */
export type LabelText = (key: string) => string | undefined;

const STANDARD_LABELS: LabelText = () => undefined;

/**
 * Which rows a rendering writes, by row key; absent: every row of the format. A table rewritten
 * from a draft writes only the rows the draft has (issue 22: an import adds no row).
 */
export type RowFilter = (row: string) => boolean;

const EVERY_ROW: RowFilter = () => true;

/** Every value cell empty. */
export const EMPTY_CELLS: CellText = () => undefined;
/** Every value cell 0. */
export const ZERO_CELLS: CellText = () => '0';

function line(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function delimiter(width: number): string {
  return line(new Array<string>(width).fill('---'));
}

/** Number of cells in a canonical 表二 row of a format (the label and the widest item's columns). */
export function table2Width(format: FormatId): number {
  const items = TABLE2_ITEMS.filter((item) => item.formats.includes(format));
  return 1 + Math.max(...items.map((item) => item.columns.filter((c) => c.formats.includes(format)).length));
}

/** Markdown lines of one 表二 item: title row, 信息内容 row, data rows, padded to `width` cells. */
export function renderTable2Item(
  format: FormatId,
  item: Table2ItemDef,
  cell: CellText,
  width: number,
  label: LabelText = STANDARD_LABELS,
  rows: RowFilter = EVERY_ROW,
): string[] {
  const pad = (cells: string[]): string[] => [...cells, ...new Array<string>(Math.max(0, width - cells.length)).fill('')];
  const columns = item.columns.filter((c) => c.formats.includes(format));
  const lines = [line(pad([itemTitle(item)])), line(pad([TABLE2_CONTENT_HEADER, ...columns.map((c) => label(`${item.key}.${c.key}`) ?? labelIn(c.label, format))]))];
  for (const row of item.rows.filter((r) => r.formats.includes(format) && rows(`${item.key}.${r.key}`))) {
    const rowKey = `${item.key}.${row.key}`;
    lines.push(line(pad([label(rowKey) ?? labelIn(row.label, format), ...columns.map((c) => cell(rowKey, `${item.key}.${c.key}`) ?? '')])));
  }
  return lines;
}

/** Markdown lines of 表二 in a format. Row keys are `item.row`, column keys `item.column`. */
export function renderTable2(format: FormatId, cell: CellText, label: LabelText = STANDARD_LABELS, rows: RowFilter = EVERY_ROW): string[] {
  const width = table2Width(format);
  // An item none of whose rows is written is left out whole (its title and header rows too).
  const written = (item: Table2ItemDef): boolean => item.rows.some((r) => r.formats.includes(format) && rows(`${item.key}.${r.key}`));
  const items = TABLE2_ITEMS.filter((item) => item.formats.includes(format) && written(item));
  const lines = items.flatMap((item) => renderTable2Item(format, item, cell, width, label, rows));
  lines.splice(1, 0, delimiter(width));
  return lines;
}

/** A table row line from its cells. */
export function renderRow(cells: readonly string[]): string {
  return line(cells);
}

/** Markdown lines of 表三 in a format: three label columns and seven value columns. */
export function renderTable3(format: FormatId, cell: CellText, label: LabelText = STANDARD_LABELS, rows: RowFilter = EVERY_ROW): string[] {
  const labelColumns = 3;
  const column = (c: (typeof TABLE3_COLUMNS)[number]): string => label(c.key) ?? (c.label as string);
  const lines = [
    line([TABLE3_NOTE, '', '', TABLE3_APPLICANTS, ...new Array<string>(TABLE3_COLUMNS.length - 1).fill('')]),
    delimiter(labelColumns + TABLE3_COLUMNS.length),
    line(['', '', '', column(TABLE3_COLUMNS[0]!), TABLE3_LEGAL_PERSONS, '', '', '', '', column(TABLE3_COLUMNS.at(-1)!)]),
    line(['', '', '', '', ...TABLE3_APPLICANT_COLUMNS.slice(1).map(column), '']),
  ];
  const printed = new Set<string>();
  for (const row of TABLE3_ROWS.filter((r) => r.formats.includes(format) && rows(r.key))) {
    const labels = ['', '', ''];
    row.parents.forEach((parent, level) => {
      const path = row.parents.slice(0, level + 1).join('/');
      if (!printed.has(path)) {
        labels[level] = parent;
        printed.add(path);
      }
    });
    labels[row.parents.length] = label(row.key) ?? labelIn(row.label, format);
    lines.push(line([...labels, ...TABLE3_COLUMNS.map((c) => cell(row.key, c.key) ?? '')]));
  }
  return lines;
}

/** Markdown lines of 表四 (the same in both formats). */
export function renderTable4(cell: CellText, label: LabelText = STANDARD_LABELS): string[] {
  const size = TABLE4_OUTCOMES.length;
  const blank = (n: number): string[] => new Array<string>(n).fill('');
  const [review, direct, after] = TABLE4_GROUPS;
  const outcomes = (group: string): string[] => TABLE4_OUTCOMES.map((o) => label(table4ColumnKey(group, o.key)) ?? o.label);
  return [
    line([review!.label, ...blank(size - 1), TABLE4_LITIGATION, ...blank(2 * size - 1)]),
    delimiter(3 * size),
    line([...outcomes(review!.key), direct!.label, ...blank(size - 1), after!.label, ...blank(size - 1)]),
    line([...blank(size), ...outcomes(direct!.key), ...outcomes(after!.key)]),
    line(TABLE4_GROUPS.flatMap((g) => TABLE4_OUTCOMES.map((o) => cell(TABLE4_ROW, table4ColumnKey(g.key, o.key)) ?? ''))),
  ];
}

/** Markdown lines of a standard table in a format. */
export function renderTable(table: TableId, format: FormatId, cell: CellText, label: LabelText = STANDARD_LABELS, rows: RowFilter = EVERY_ROW): string[] {
  if (table === 'table2') return renderTable2(format, cell, label, rows);
  if (table === 'table3') return renderTable3(format, cell, label, rows);
  return renderTable4(cell, label);
}

/**
 * Section 六 of a 2021-format skeleton: the 信息处理费 the format asks to report (formats.md §3.2),
 * so the author sees what to write.
 */
export const FEE_PLACEHOLDER = '（在此填写）本年度信息处理费收取情况：发出收费通知＿件、总金额＿元，实际收取总金额＿元（未收取的写明未收取信息处理费）。';

/** Options of {@link renderSkeleton}. */
export interface SkeletonOptions {
  readonly year: number;
  readonly body: string;
  readonly format: FormatId;
  /** Text of every value cell; empty by default. */
  readonly cell?: CellText;
}

/** A whole report of a format: title, preamble with the 统计期限, six sections and three tables. */
export function renderSkeleton(options: SkeletonOptions): string[] {
  const cell = options.cell ?? EMPTY_CELLS;
  const notice = FORMAT_NOTICES[options.format];
  const lines = [
    `# ${options.body}${options.year}年政府信息公开工作年度报告`,
    '',
    `本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（${notice.citation}）要求编制。本报告所列数据的统计期限自${options.year}年1月1日起至${options.year}年12月31日止。`,
  ];
  for (const section of SECTIONS) {
    lines.push('', `## ${standardHeading(section)}`, '');
    if (section.table) lines.push(...renderTable(section.table, options.format, cell));
    else if (section.index === 6 && options.format === '2021') lines.push(FEE_PLACEHOLDER);
    else lines.push('（在此填写）');
  }
  lines.push('');
  return lines;
}
