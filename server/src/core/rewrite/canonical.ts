/**
 * Rewriting a draft into the canonical Markdown of markdown-convention.md: a standard table in any
 * form (HTML, pasted from Word or a PDF, a tolerated GFM variant) becomes the canonical GFM table
 * of its own format with every value carried to its cell and a mistyped label kept as written
 * (table-label still points at it); a whole pasted draft also gets `#`/`##`
 * headings and loses its conversion leftovers. Nothing else changes, and a table is only
 * rewritten when every text in it has a place in the canonical table (no value is ever lost).
 */
import { elementWordings, tableElements, TABLE_NAMES } from '../formats/elements.js';
import { TABLE2_CONTENT_HEADER } from '../formats/table2.js';
import { TABLE3_HEADER_LABELS, TABLE3_ROWS } from '../formats/table3.js';
import { TABLE4_GROUPS, TABLE4_LITIGATION, TABLE4_OUTCOMES } from '../formats/table4.js';
import type { FormatId, TableId } from '../formats/types.js';
import { LEFTOVER } from '../model/pasted-table.js';
import type { Report } from '../model/report.js';
import { itemOfTitle } from '../model/tables/table2.js';
import type { ObservedTable } from '../model/tables/types.js';
import { labelKey } from '../text/normalize.js';
import { say, type LocalizedText, type TextEdit } from '../findings.js';
import { convertTable, writtenLabels } from './convert-table.js';

/** The canonical rewrite of one table, or why it cannot be made. */
export type CanonicalTable =
  | { readonly edit: TextEdit; readonly format: FormatId }
  | { readonly blocked: LocalizedText };

const HEADER_TEXTS: Readonly<Record<TableId, ReadonlySet<string>>> = {
  table2: new Set([TABLE2_CONTENT_HEADER, ...tableElements('table2').flatMap((e) => elementWordings(e).map((w) => w.text))].map(labelKey)),
  table3: new Set(
    [...TABLE3_HEADER_LABELS, ...TABLE3_ROWS.flatMap((r) => r.parents), ...tableElements('table3').flatMap((e) => elementWordings(e).map((w) => w.text))].map(labelKey),
  ),
  table4: new Set([TABLE4_LITIGATION, ...TABLE4_GROUPS.map((g) => g.label), ...TABLE4_OUTCOMES.map((o) => o.label)].map(labelKey)),
};

/** The texts of a table that would not survive the rewrite: neither a value read nor a standard label. */
function strayTexts(table: ObservedTable): string[] {
  const carried = new Set<number>();
  for (const label of table.labels) carried.add(label.range.start);
  for (const cell of table.cells.values()) carried.add(cell.content.start);
  const stray: string[] = [];
  for (const grid of table.grids) {
    for (const row of grid.rows) {
      for (const cell of row.cells) {
        if (cell.text === '' || carried.has(cell.content.start)) continue;
        const key = labelKey(cell.text);
        if (HEADER_TEXTS[table.id].has(key) || (table.id === 'table2' && itemOfTitle(cell.text) !== undefined)) continue;
        // A label cell of 表三 may carry its parents (`（三）不予公开 1.属于国家秘密`): read as its row.
        if (table.labels.some((l) => l.range.start <= cell.content.start && cell.content.end <= l.range.end)) continue;
        // The second half of a label a page break cut in two (seed 003: 3.补正后申请内容仍不 / 明确).
        if (table.labels.some((l) => l.text.length > cell.text.length && l.text.endsWith(cell.text) && l.range.start < cell.content.start)) continue;
        stray.push(cell.text);
      }
    }
  }
  return stray;
}

/** Text between the grids of a table other than 表二 item titles and empty page-break markup. */
function textBetweenGrids(report: Report, table: ObservedTable): string | undefined {
  const grids = [...table.grids].sort((a, b) => a.range.start - b.range.start);
  for (let i = 1; i < grids.length; i++) {
    const between = report.text.slice(grids[i - 1]!.range.end, grids[i]!.range.start);
    for (const line of between.split(/\r\n|\r|\n/)) {
      const bare = line.replace(/<[^>]*>/g, '').replace(/&nbsp;/gi, '').replace(/[*_#\s\u00a0\u3000]/g, '');
      if (bare === '' || itemOfTitle(bare) !== undefined || /^[(（]?续表?[)）]?$/.test(bare)) continue;
      return line.trim();
    }
  }
  return undefined;
}

function tableFormat(report: Report, table: ObservedTable): FormatId | undefined {
  if (table.usedFormat === 'mixed') return undefined;
  if (table.usedFormat !== 'common') return table.usedFormat;
  return report.requiredFormat ?? (report.tablesFormat === '2019' ? '2019' : '2021');
}

/** The edit that rewrites a standard table as the canonical GFM table of its own format. */
export function canonicalTable(report: Report, table: ObservedTable): CanonicalTable {
  const name = TABLE_NAMES[table.id];
  const short = name.zh.slice(0, 2);
  const format = tableFormat(report, table);
  if (!format) return { blocked: say(`${short}混用了两版格式，请先按 format-version 的提示转换`, `${name.en} mixes both formats; convert it first (format-version)`) };
  if (table.unknownRows.length > 0 || table.duplicateRows.length > 0) {
    const label = (table.unknownRows[0] ?? table.duplicateRows[0])!.text || '（无标签的行）';
    return { blocked: say(`${short}中的“${label}”不是标准行，转换会丢失它`, `“${label}” is not a standard row of ${name.en}; converting would lose it`) };
  }
  // Faithful (issue 22): a row short of cells stays as it is written, never padded with cells it does not have.
  const shortRow = table.rows.find((r) => r.missingCells.length > 0);
  if (shortRow) {
    const label = shortRow.label.text || '（无标签的行）';
    return { blocked: say(`${short}中“${label}”一行的单元格不足，转换会添加原表没有的单元格`, `the row “${label}” of ${name.en} is short of cells; converting would add cells it does not have`) };
  }
  const stray = strayTexts(table);
  if (stray.length > 0) return { blocked: say(`${short}中的“${stray[0]}”没有对应的标准单元格，转换会丢失它`, `“${stray[0]}” has no standard cell in ${name.en}; converting would lose it`) };
  const between = textBetweenGrids(report, table);
  if (between !== undefined) return { blocked: say(`${short}的几个部分之间有文字“${between.slice(0, 20)}”，转换会丢失它`, `Text between the parts of ${name.en} (“${between.slice(0, 20)}”) would be lost`) };

  const { text, lines, eol } = report;
  const { start, end } = table.range;
  const lineStart = lines.lineStart(lines.lineAt(start));
  const lineEnd = lines.lineEnd(lines.lineAt(end));
  const before = text.slice(lineStart, start).trim() !== '' ? eol + eol : lines.lineAt(start) > 0 && lines.lineText(lines.lineAt(start) - 1).trim() !== '' ? eol : '';
  const after = text.slice(end, lineEnd).trim() !== '' ? eol + eol : lines.lineAt(end) + 1 < lines.lineCount && lines.lineText(lines.lineAt(end) + 1).trim() !== '' ? eol : '';
  // Only the rows the table has: a missing standard row stays missing (table-shape reports it), never a blank row.
  const written = new Set(table.rows.map((r) => r.key).filter((k) => k !== undefined));
  const body = convertTable(table, format, writtenLabels(table), (key) => written.has(key)).join(eol);
  return { edit: { range: { start, end }, newText: `${before}${body}${after}` }, format };
}

/** How a table is written, for messages: HTML, pasted text, or GFM. */
export function tableForm(table: ObservedTable): 'html' | 'pasted' | 'gfm' {
  if (table.grids.some((g) => g.source === 'pasted')) return 'pasted';
  if (table.grids.some((g) => g.source === 'html')) return 'html';
  return 'gfm';
}

/** The edits that turn a whole draft into canonical Markdown; what could not be converted, and why. */
export function canonicalDocument(report: Report): { edits: TextEdit[]; blocked: LocalizedText[] } {
  const edits: TextEdit[] = [];
  const blocked: LocalizedText[] = [];
  const tableRanges: { start: number; end: number }[] = [];
  for (const table of Object.values(report.tables)) {
    if (!table) continue;
    const result = canonicalTable(report, table);
    if ('blocked' in result) {
      blocked.push(result.blocked);
      continue;
    }
    const current = report.text.slice(table.range.start, table.range.end);
    if (current !== result.edit.newText) edits.push(result.edit);
    tableRanges.push(table.range);
  }
  const inTable = (offset: number): boolean => tableRanges.some((r) => r.start <= offset && offset < r.end);
  const title = report.title;
  const titleBlock = title ? report.blocks.lines.find((l) => l.line === title.line) : undefined;
  if (title && titleBlock && !(titleBlock.style === 'heading' && titleBlock.depth === 1)) {
    edits.push({ range: titleBlock.range, newText: `# ${title.text}` });
  }
  // A repeated section keeps its heading too (section-order reports it), as the source had it.
  for (const section of [...report.sections.sections, ...report.sections.duplicates]) {
    const heading = section.heading;
    if (heading.style === 'heading' && heading.depth === 2) continue;
    if (inTable(heading.range.start)) continue;
    edits.push({ range: heading.range, newText: `## ${heading.text}` });
  }
  const fenced = report.blocks.blocks.filter((b) => b.type === 'other' && /^[ \t]{0,3}(`{3,}|~{3,})/.test(report.text.slice(b.range.start, b.range.end)));
  // Leftovers come in document order, as do the fenced blocks: one pointer over them (issue 18).
  let fence = 0;
  LEFTOVER.lastIndex = 0;
  for (let m = LEFTOVER.exec(report.text); m; m = LEFTOVER.exec(report.text)) {
    const at = m.index;
    while (fence < fenced.length && fenced[fence]!.range.end <= at) fence++;
    const inFence = fence < fenced.length && fenced[fence]!.range.start <= at;
    if (inTable(at) || inFence) continue;
    let end = at + m[0].length;
    const line = report.lines.lineAt(at);
    // A leftover alone on its line goes with its line.
    if (report.lines.lineText(line).trim() === m[0].trim() && line + 1 < report.lines.lineCount) end = report.lines.lineStart(line + 1);
    edits.push({ range: { start: at, end }, newText: '' });
  }
  edits.sort((a, b) => a.range.start - b.range.start);
  return { edits: dropOverlapping(edits), blocked };
}

function dropOverlapping(edits: readonly TextEdit[]): TextEdit[] {
  const kept: TextEdit[] = [];
  for (const edit of edits) {
    const last = kept.at(-1);
    if (last && edit.range.start < last.range.end) continue;
    kept.push(edit);
  }
  return kept;
}
