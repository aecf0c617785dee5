/**
 * A standard table as an editor's form shows it (issue 21, item 4): the official merged layout
 * of the export (`exportTableLayout`, so the form and the printed table are one layout), each
 * value cell with the draft's text, number, source range and the findings standing on it, the
 * totals the relations close (what each total cell would hold, from its parts), and the edit
 * that writes a value the form typed into the cell's Markdown. Pure: the language server sends
 * it to the client's webview, which has no checks of its own.
 */
import { describeCell, formats, numericValue, say, setCell, type Finding, type LocalizedText, type Report, type TableId, type TextEdit, type TextRange } from '../core/index.js';
import { exportFormat, exportTableLayout } from './export-document.js';

/** A value cell of the form: `row|column` as in the layout's keys. */
export interface FormValue {
  readonly key: string;
  /** The cell as written (trimmed); empty when blank or when the draft has no such cell. */
  readonly text: string;
  /** Its number, when it holds one (blank, 无 and text hold none). */
  readonly number?: number;
  /** Where its text is (the content; at the inner start when blank); absent when the draft has no such cell. */
  readonly range?: TextRange;
  /** Whether a value typed in the form can be written there (a cell the draft has, not a slot a merged HTML cell covers). */
  readonly editable: boolean;
  /** The cell's name: 表三“（一）予以公开”行“商业企业”列. */
  readonly name: LocalizedText;
  /** Indexes into {@link TableForm.findings} of the findings standing on this cell. */
  readonly findings: readonly number[];
}

/**
 * A relation as the form computes it: `target` should hold sum(`plus`) − sum(`minus`). The
 * target is the cell the relation's fix sets (a total, 结转下年度).
 */
export interface FormRelation {
  readonly target: string;
  readonly plus: readonly string[];
  readonly minus: readonly string[];
}

/** A standard table of a report as a form. */
export interface TableForm {
  readonly table: TableId;
  readonly format: formats.FormatId;
  /** The official layout with the draft's values and labels (the export's). */
  readonly layout: formats.TableLayout;
  /** Value cells by key. */
  readonly values: ReadonlyMap<string, FormValue>;
  readonly relations: readonly FormRelation[];
  /** The findings on the table, in document order; a cell lists the indexes of its own. */
  readonly findings: readonly Finding[];
}

/** The standard tables of a report, in document order. */
export function reportTables(report: Report): TableId[] {
  return (['table2', 'table3', 'table4'] as const).filter((id) => report.tables[id] !== undefined).sort((a, b) => report.tables[a]!.range.start - report.tables[b]!.range.start);
}

/** The standard table whose range holds an offset. */
export function tableAt(report: Report, offset: number): TableId | undefined {
  return reportTables(report).find((id) => {
    const range = report.tables[id]!.range;
    return range.start <= offset && offset <= range.end;
  });
}

/** The findings that start inside a table's range. */
export function tableFindings(report: Report, table: TableId, findings: readonly Finding[]): Finding[] {
  const range = report.tables[table]?.range;
  if (range === undefined) return [];
  return findings.filter((f) => f.range.start >= range.start && f.range.start <= range.end);
}

/** The relations of a table in a format, each solved for the cell its fix sets. */
function formRelations(table: TableId, format: formats.FormatId): FormRelation[] {
  const key = (c: formats.CellRef): string => `${c.row}|${c.column}`;
  return formats.standardRelations(table, format).map((relation) => {
    const target = key(relation.fixTarget);
    const onLeft = relation.left.some((c) => key(c) === target);
    const same = (onLeft ? relation.left : relation.right).map(key).filter((k) => k !== target);
    const other = (onLeft ? relation.right : relation.left).map(key);
    return { target, plus: other, minus: same };
  });
}

/** A standard table of the report as a form, with the findings of the report on it; undefined when the report has no such table. */
export function tableForm(report: Report, table: TableId, findings: readonly Finding[]): TableForm | undefined {
  const observed = report.tables[table];
  if (observed === undefined) return undefined;
  const format = exportFormat(report, table);
  const layout = exportTableLayout(report, table);
  const own = tableFindings(report, table, findings);
  const values = new Map<string, FormValue>();
  for (const row of layout) {
    for (const laid of row) {
      if (!laid.numeric || laid.key === undefined) continue;
      const [rowKey, column] = laid.key.split('|') as [string, string];
      const cell = observed.cells.get(laid.key);
      const name = describeCell(observed, { row: rowKey, column }, format);
      if (cell === undefined) {
        values.set(laid.key, { key: laid.key, text: '', editable: false, name, findings: [] });
        continue;
      }
      const number = numericValue(cell.value);
      const onCell = own.flatMap((f, i) => (f.range.start >= cell.inner.start && f.range.start <= cell.inner.end ? [i] : []));
      values.set(laid.key, {
        key: laid.key,
        text: cell.text.trim(),
        ...(number === undefined ? {} : { number }),
        range: cell.content,
        editable: cell.virtual !== true,
        name,
        findings: onCell,
      });
    }
  }
  return { table, format, layout, values, relations: formRelations(table, format), findings: own };
}

/** Characters a value typed in the form may not hold: they would end the cell, the row or the text of a GFM or HTML table. */
const UNWRITABLE = /[|<>&\\`\r\n]/;

/**
 * The edit that writes a value typed in the form into a cell of the report (its padding kept),
 * or why it cannot be written: no such table or cell, a covered slot, a character that would
 * break the table.
 */
export function cellValueEdit(report: Report, table: TableId, key: string, value: string): { readonly edit: TextEdit } | { readonly refusal: LocalizedText } {
  const cell = report.tables[table]?.cells.get(key);
  if (cell === undefined) return { refusal: say('表格中没有这个单元格：请先补上这一行。', 'The table has no such cell: add the row first.') };
  if (cell.virtual === true) return { refusal: say('这个位置属于合并单元格，不能单独填写。', 'This slot belongs to a merged cell and cannot be filled on its own.') };
  const text = value.trim();
  const bad = UNWRITABLE.exec(text);
  if (bad) {
    const shown = bad[0] === '\n' || bad[0] === '\r' ? '换行 / line break' : bad[0];
    return { refusal: say(`单元格中不能写“${shown}”。`, `A cell cannot hold “${shown}”.`) };
  }
  if (text === cell.text.trim()) return { edit: { range: cell.content, newText: report.text.slice(cell.content.start, cell.content.end) } };
  if (text === '') return { edit: { range: cell.content, newText: '' } };
  return { edit: setCell(cell, text) };
}
