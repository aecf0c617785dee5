/**
 * The report as one self-contained HTML file in the official layout, for printing from a
 * browser: an inline `<style>` (A4 pages, collapsed borders, the CJK font stack, values
 * right-aligned, 表三 in a smaller font), the title, the six section headings, the prose, and
 * each standard table from `formats.tableLayout` with its rowspan/colspan. No external resource.
 */
import type { formats, Report, TableId } from '../core/index.js';
import { exportDocument } from './export-document.js';

/** The font stack of the body and the tables. */
export const HTML_FONT_STACK = '"仿宋_GB2312", "FangSong", "SimSun", "Songti SC", serif';

const STYLE = `@page { size: A4; margin: 2.54cm 2.2cm; }
@page wide { size: A4 landscape; margin: 2cm; }
html { font-family: ${HTML_FONT_STACK}; font-size: 16pt; line-height: 1.6; color: #000; background: #fff; }
body { max-width: 21cm; margin: 0 auto; padding: 1em; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "SimSun", "Songti SC", serif; font-size: 22pt; font-weight: normal; text-align: center; margin: 0 0 1em; }
h2 { font-family: "黑体", "SimHei", "Heiti SC", sans-serif; font-size: 16pt; font-weight: normal; margin: 0.8em 0 0.4em; text-indent: 2em; }
h3 { font-size: 16pt; margin: 0.4em 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1em; font-size: 10.5pt; line-height: 1.3; page-break-inside: auto; }
table.table3 { font-size: 9pt; page: wide; }
table.table4 { font-size: 9pt; }
th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: middle; }
th { font-weight: bold; text-align: center; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.table3 td.num { width: 7%; }
table.table4 td.num { width: 6.6%; }
tr { page-break-inside: avoid; break-inside: avoid; }
thead { display: table-header-group; }
@media print { body { max-width: none; padding: 0; } }
`;

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function textHtml(text: string): string {
  return text.split('\n').map(escapeHtml).join('<br>');
}

/** Header rows of a table: the rows before the first value cell, printed again on each page. */
function headerRows(layout: formats.TableLayout): number {
  const first = layout.findIndex((row) => row.some((cell) => cell.numeric));
  return first < 0 ? 0 : first;
}

/** A value cell marked in a preview: the worst severity on it and the messages, shown as its tooltip. */
export interface CellMark {
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly title: string;
}

/**
 * A standard table in the official layout as an HTML `<table class="<id>">`, header rows in a
 * `<thead>`; with `marks` (by `row|column`), each marked value cell gets the classes
 * `nianbao-mark nianbao-<severity>` and its messages as `title`.
 */
export function tableHtml(id: TableId, layout: formats.TableLayout, marks?: ReadonlyMap<string, CellMark>): string {
  const head = id === 'table2' ? 0 : headerRows(layout);
  const row = (cells: formats.TableLayout[number]): string =>
    '<tr>' +
    cells
      .map((cell) => {
        const spans = `${cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : ''}${cell.colspan > 1 ? ` colspan="${cell.colspan}"` : ''}`;
        const mark = cell.numeric && cell.key !== undefined ? marks?.get(cell.key) : undefined;
        const marked = mark === undefined ? '' : ` nianbao-mark nianbao-${mark.severity}" title="${escapeHtml(mark.title)}`;
        return cell.numeric ? `<td class="num${marked}"${spans}>${textHtml(cell.text)}</td>` : `<th${spans}>${textHtml(cell.text)}</th>`;
      })
      .join('') +
    '</tr>';
  const lines = [`<table class="${id}">`];
  if (head > 0) lines.push('<thead>', ...layout.slice(0, head).map(row), '</thead>');
  lines.push('<tbody>', ...layout.slice(head).map(row), '</tbody>', '</table>');
  return lines.join('\n');
}

/** The report as the text of a self-contained .html file. */
export function exportHtml(report: Report): string {
  const doc = exportDocument(report);
  const body: string[] = [];
  for (const part of doc.parts) {
    if (part.kind === 'title') body.push(`<h1>${textHtml(part.text)}</h1>`);
    else if (part.kind === 'section') body.push(`<h2>${textHtml(part.text)}</h2>`);
    else if (part.kind === 'heading') body.push(`<h3>${textHtml(part.text)}</h3>`);
    else if (part.kind === 'paragraph') body.push(`<p>${textHtml(part.text)}</p>`);
    else body.push(tableHtml(part.id, part.layout));
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(doc.title ?? '政府信息公开工作年度报告')}</title>`,
    `<style>\n${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
