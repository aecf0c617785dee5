/**
 * What `nianbao export` writes, whatever the output format: the report read once by the core
 * and turned into a flat list of parts — the title, the section headings (standard wording
 * when the section is recognised), the prose as written without Markdown markup, and each
 * standard table in the official layout (`formats.tableLayout`) with the draft's own values.
 * Pure: the .docx and .html writers (export-docx.ts, export-html.ts) only render these parts.
 */
import { formats, type FormatId, type Report, type TableId } from '../core/index.js';

/** One part of the exported document, in document order. */
export type ExportPart =
  | { readonly kind: 'title'; readonly text: string }
  /** One of the six sections' headings. */
  | { readonly kind: 'section'; readonly text: string }
  /** Any other heading, as written. */
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  /** A standard table in the official layout of `format`. */
  | { readonly kind: 'table'; readonly id: TableId; readonly format: FormatId; readonly layout: formats.TableLayout };

/** The parts of a report, and what was left out. */
export interface ExportDocument {
  readonly title: string | undefined;
  readonly parts: readonly ExportPart[];
  /**
   * Notes on what was not exported as written (HTML blocks skipped, non-standard tables as
   * paragraphs, rows not in the format left out, missing rows blank), bilingual.
   */
  readonly notes: readonly string[];
}

/** Inline Markdown and HTML markup taken out of a line of prose: `**`, `__`, leading `#`, `<br>`, escapes. */
export function plainText(line: string): string {
  const heading = /^\s{0,3}#{1,6}(?:\s+|$)/.test(line);
  return (heading ? line.replace(/^\s{0,3}#{1,6}(?:\s+|$)/, '').replace(/\s+#+\s*$/, '') : line)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/\*\*|__/g, '')
    .replace(/^\s{0,3}(?:>\s?)+/, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .trim();
}

/** The format a table is laid out in: its own, else the one its year requires, else 2021. */
export function exportFormat(report: Report, id: TableId): FormatId {
  const used = report.tables[id]?.usedFormat;
  if (used === '2019' || used === '2021') return used;
  return report.requiredFormat ?? '2021';
}

/**
 * The official layout of a standard table of the report, with the draft's values. A label the
 * draft wrote differently from the standard wording (a typo, an appended note) is kept as
 * written, so the export says what the draft says and a check of it finds the same.
 */
export function exportTableLayout(report: Report, id: TableId): formats.TableLayout {
  const table = report.tables[id];
  const cell: formats.CellText = (row, column) => table?.cells.get(`${row}|${column}`)?.text.trim();
  const written = new Map<string, { text: string; standard: string | undefined; exact: boolean }>();
  for (const label of table?.labels ?? []) {
    if (label.key !== undefined && !written.has(label.key)) written.set(label.key, { text: plainText(label.text), standard: label.standard, exact: label.quality === 'exact' });
  }
  const layout = formats.tableLayout(id, exportFormat(report, id), cell);
  // Kept as written: a typo or a note, and the other format's wording (规范性文件 in a 2021 table).
  const keep = (c: formats.LaidOutCell): string | undefined => {
    const label = c.header && c.key !== undefined ? written.get(c.key) : undefined;
    return label !== undefined && (!label.exact || label.standard !== c.text) ? label.text : undefined;
  };
  return layout.map((row) => row.map((c) => {
    const text = keep(c);
    return text === undefined ? c : { ...c, text };
  }));
}

/** What a table of the draft has that its official layout leaves out or adds: rows not in the format, standard rows it lacks. */
function tableNotes(report: Report, id: TableId): string[] {
  const table = report.tables[id];
  if (table === undefined) return [];
  const name = TABLE_NAMES[id];
  const notes = [...table.unknownRows, ...table.duplicateRows].map(
    (label) => `${name}第 ${label.line + 1} 行“${plainText(label.text)}”不是标准行或重复，未导出 / ${id} row “${plainText(label.text)}” at line ${label.line + 1} is not a standard row or repeats one; not exported`,
  );
  const withValues = new Set([...table.cells.values()].map((c) => c.row));
  const rows = new Set<string>();
  for (const row of formats.tableLayout(id, exportFormat(report, id), formats.EMPTY_CELLS)) for (const c of row) if (c.numeric && c.key !== undefined) rows.add(c.key.split('|')[0]!);
  for (const key of rows) {
    if (withValues.has(key)) continue;
    const label = formats.tableElements(id).find((e) => e.key === key);
    const text = label === undefined ? '数据行' : formats.labelIn(label.label, exportFormat(report, id));
    notes.push(`${name}缺少标准行“${text}”，导出为空行 / ${id} lacks the standard row “${text}”; exported blank`);
  }
  return notes;
}

const TABLE_NAMES: Readonly<Record<TableId, string>> = { table2: '表二', table3: '表三', table4: '表四' };

const TABLE_IDS: readonly TableId[] = ['table2', 'table3', 'table4'];

/** Reads a report into the parts an export writes. */
export function exportDocument(report: Report): ExportDocument {
  const parts: ExportPart[] = [];
  const notes: string[] = [];
  const lines = report.lines;
  const sectionAt = new Map<number, string>();
  for (const section of [...report.sections.sections, ...report.sections.duplicates]) {
    sectionAt.set(section.heading.line, formats.standardHeading(section.def));
  }
  const title = report.title;
  const titleLines = new Set<number>();
  if (title) {
    for (let l = lines.lineAt(title.range.start); l <= lines.lineAt(Math.max(title.range.start, title.range.end - 1)); l++) titleLines.add(l);
    parts.push({ kind: 'title', text: title.text });
  }
  const emitted = new Set<TableId>();
  const itemLines = new Set<number>();
  for (const id of TABLE_IDS) for (const label of report.tables[id]?.labels ?? []) if (label.role === 'item') itemLines.add(label.line);
  /** A line of prose: a section heading, or a paragraph of its own (a draft from Word writes one paragraph a line). */
  const proseLine = (line: number): void => {
    if (titleLines.has(line)) return;
    const section = sectionAt.get(line);
    if (section !== undefined) {
      parts.push({ kind: 'section', text: section });
      return;
    }
    const source = lines.lineText(line);
    if (/^\s{0,3}(?:`{3,}|~{3,})/.test(source)) return;
    const text = plainText(source.replace(/^\s{0,3}[-*+]\s+/, ''));
    if (text !== '') parts.push({ kind: 'paragraph', text });
  };
  for (const block of report.blocks.blocks) {
    const table = TABLE_IDS.find((id) => {
      const t = report.tables[id];
      return t !== undefined && block.range.start >= t.range.start && block.range.end <= t.range.end;
    });
    if (table !== undefined) {
      if (!emitted.has(table)) {
        emitted.add(table);
        notes.push(...tableNotes(report, table));
        parts.push({ kind: 'table', id: table, format: exportFormat(report, table), layout: exportTableLayout(report, table) });
      }
      if (block.grid !== undefined || block.type === 'html') continue;
      for (let l = block.startLine; l <= block.endLine; l++) if (!itemLines.has(l)) proseLine(l);
      continue;
    }
    if (block.grid !== undefined) {
      const at = lines.positionAt(block.range.start).line + 1;
      notes.push(`第 ${at} 行的表格不是标准表格，按段落导出 / the table at line ${at} is not a standard table; exported as paragraphs`);
      for (const row of block.grid.rows) {
        const text = row.cells.map((c) => plainText(c.text)).filter((t) => t !== '').join('　');
        if (text !== '') parts.push({ kind: 'paragraph', text });
      }
      continue;
    }
    if (block.type === 'html') {
      const source = report.text.slice(block.range.start, block.range.end).trim();
      if (/^<!--[\s\S]*-->$/.test(source)) continue;
      const at = block.startLine + 1;
      notes.push(`已跳过第 ${at} 行的 HTML 块 / skipped the HTML block at line ${at}`);
      continue;
    }
    if (block.type === 'heading' && !sectionAt.has(block.startLine)) {
      if (titleLines.has(block.startLine)) continue;
      const text = plainText(lines.lineText(block.startLine));
      if (text !== '') parts.push({ kind: 'heading', text });
      continue;
    }
    for (let l = block.startLine; l <= block.endLine; l++) proseLine(l);
  }
  for (const id of TABLE_IDS) {
    if (report.tables[id] !== undefined && !emitted.has(id)) {
      notes.push(...tableNotes(report, id));
      parts.push({ kind: 'table', id, format: exportFormat(report, id), layout: exportTableLayout(report, id) });
    }
  }
  return { title: title?.text, parts, notes };
}
