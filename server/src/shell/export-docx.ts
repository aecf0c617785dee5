/**
 * The report as a Word document (.docx) in the official layout, written with the `docx`
 * package: the title centred in the 小标题 font, the six section headings, the prose, and each
 * standard table from `formats.tableLayout` with borders on every cell, header cells centred
 * and bold, values right-aligned; the title, section and other headings in Word's Title, Heading 1
 * and Heading 2 styles (so a reader such as mammoth finds them); A4, 表三 in a landscape section of its own. Returns bytes;
 * the caller writes them.
 */
import {
  AlignmentType,
  HeadingLevel,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
  type IFontAttributesProperties,
} from 'docx';
import type { formats, Report, TableId } from '../core/index.js';
import { exportDocument, type ExportPart } from './export-document.js';

/** The body and table font: 仿宋_GB2312 for every script, with the East Asian hint; 宋体 where it is missing ({@link DOCX_FALLBACK_FONT}). */
export const DOCX_BODY_FONT: IFontAttributesProperties = { ascii: '仿宋_GB2312', hAnsi: '仿宋_GB2312', eastAsia: '仿宋_GB2312', hint: 'eastAsia' };
/** The title font (小标题). */
export const DOCX_TITLE_FONT: IFontAttributesProperties = { ascii: '方正小标宋简体', hAnsi: '方正小标宋简体', eastAsia: '方正小标宋简体', hint: 'eastAsia' };
/** The section heading font (一级标题). */
export const DOCX_HEADING_FONT: IFontAttributesProperties = { ascii: '黑体', hAnsi: '黑体', eastAsia: '黑体', hint: 'eastAsia' };

/** The font Word falls back to where a font of the document is not installed (the font table's `w:altName`). */
export const DOCX_FALLBACK_FONT = '宋体';

/**
 * The font table: each font of the document with 宋体 as its alternative name and the GB2312
 * character set, so Word substitutes a Chinese serif font where 仿宋_GB2312 or 方正小标宋简体 is missing.
 * The `docx` package writes an empty table, so this one replaces it.
 */
export function fontTable(): string {
  const font = (name: string, family: string, pitch: string, alt?: string): string =>
    `<w:font w:name="${name}">${alt === undefined ? '' : `<w:altName w:val="${alt}"/>`}<w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    font(DOCX_BODY_FONT.eastAsia!, 'modern', 'fixed', DOCX_FALLBACK_FONT) +
    font(DOCX_TITLE_FONT.eastAsia!, 'script', 'fixed', DOCX_FALLBACK_FONT) +
    font(DOCX_HEADING_FONT.eastAsia!, 'modern', 'fixed', 'SimHei') +
    font(DOCX_FALLBACK_FONT, 'auto', 'variable', 'SimSun') +
    '</w:fonts>'
  );
}

/** A4 in twentieths of a point, portrait. */
export const A4 = { width: 11906, height: 16838 };
export const MARGIN = 1440;

/** Font sizes in half-points: 二号 22pt, 三号 16pt, 五号 10.5pt, 小五 9pt. */
export const SIZE = { title: 44, heading: 32, body: 32, table: 21, small: 18 };

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER, insideHorizontal: BORDER, insideVertical: BORDER };

/** Black runs of text, a line break for each newline. */
export function runs(text: string, font: IFontAttributesProperties, size: number, bold = false): TextRun[] {
  // Black throughout: Word's default heading styles, which the headings use, are blue.
  return text.split('\n').map((line, i) => new TextRun({ text: line, font, size, bold, color: '000000', break: i > 0 ? 1 : undefined }));
}

/** Column widths (twips) of a table in the usable width: label columns wider than value columns. */
function columnWidths(id: TableId, width: number, total: number): number[] {
  const labels = id === 'table2' ? [0.3] : id === 'table3' ? [0.1, 0.14, 0.26] : [];
  const labelTotal = labels.reduce((a, b) => a + b, 0);
  const rest = (1 - labelTotal) / (width - labels.length);
  return Array.from({ length: width }, (_, i) => Math.floor(total * (labels[i] ?? rest)));
}

/** A mark on a value cell of a drawn table: its fill (hex, no #) and a note after its text (its problem's number). */
export interface DocxCellMark {
  readonly fill: string;
  readonly note?: string;
}

/**
 * A standard table in its official layout as a Word table with borders on every cell, `usable`
 * twips wide; `marks` (by the layout's `row|column` key) shade value cells and note their
 * problems (the reviewer's letters, issue 23).
 */
export function tableOf(id: TableId, layout: formats.TableLayout, usable: number, marks?: ReadonlyMap<string, DocxCellMark>): Table {
  const size = id === 'table2' ? SIZE.table : SIZE.small;
  const width = (layout[0] ?? []).reduce((sum, c) => sum + c.colspan, 0);
  const widths = columnWidths(id, width, usable);
  const rows = layout.map(
    (row, r) =>
      new TableRow({
        tableHeader: id === 'table3' ? r < 3 : undefined,
        cantSplit: true,
        children: row.map((cell) => {
          const mark = cell.numeric && cell.key !== undefined ? marks?.get(cell.key) : undefined;
          const text = mark && cell.text === '' ? '空' : cell.text;
          const note = mark?.note === undefined ? [] : [new TextRun({ text: mark.note, font: DOCX_BODY_FONT, size, bold: true, color: 'B00000', superScript: true })];
          return new TableCell({
            rowSpan: cell.rowspan > 1 ? cell.rowspan : undefined,
            columnSpan: cell.colspan > 1 ? cell.colspan : undefined,
            verticalAlign: VerticalAlignTable.CENTER,
            margins: { left: 60, right: 60, top: 20, bottom: 20 },
            ...(mark ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: mark.fill } } : {}),
            children: [
              new Paragraph({
                alignment: cell.numeric ? AlignmentType.RIGHT : cell.text.length > 12 && id === 'table3' ? AlignmentType.LEFT : AlignmentType.CENTER,
                children: [...runs(text, DOCX_BODY_FONT, size, cell.header || mark !== undefined), ...note],
              }),
            ],
          });
        }),
      }),
  );
  return new Table({ rows, columnWidths: widths, width: { size: usable, type: WidthType.DXA }, layout: TableLayoutType.FIXED, borders: BORDERS });
}

/** What a section holds. */
export type Child = Paragraph | Table;

function paragraphOf(part: Exclude<ExportPart, { kind: 'table' }>): Paragraph {
  switch (part.kind) {
    case 'title':
      return new Paragraph({
        heading: HeadingLevel.TITLE,
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: runs(part.text, DOCX_TITLE_FONT, SIZE.title),
      });
    case 'section':
      return new Paragraph({
        heading: HeadingLevel.HEADING_1,
        spacing: { before: 120, after: 120 },
        keepNext: true,
        indent: { firstLine: 640 },
        children: runs(part.text, DOCX_HEADING_FONT, SIZE.heading),
      });
    case 'heading':
      return new Paragraph({
        heading: HeadingLevel.HEADING_2,
        keepNext: true,
        indent: { firstLine: 640 },
        children: runs(part.text, DOCX_BODY_FONT, SIZE.body, true),
      });
    case 'paragraph':
      return new Paragraph({ indent: { firstLine: 640 }, children: runs(part.text, DOCX_BODY_FONT, SIZE.body) });
  }
}

/** An A4 section, portrait or landscape. */
export function section(children: Child[], landscape: boolean): ISectionOptions {
  return {
    properties: {
      page: {
        size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      },
    },
    children: children.length > 0 ? children : [new Paragraph({})],
  };
}

/** The report as the bytes of a .docx file. */
export async function exportDocx(report: Report): Promise<Uint8Array> {
  const doc = exportDocument(report);
  const sections: ISectionOptions[] = [];
  let current: Child[] = [];
  /** How many of the last children are headings (they move with 表三 to its landscape page). */
  let headings = 0;
  for (const part of doc.parts) {
    if (part.kind !== 'table') {
      current.push(paragraphOf(part));
      headings = part.kind === 'section' || part.kind === 'heading' ? headings + 1 : 0;
      continue;
    }
    if (part.id === 'table3') {
      const moved = current.splice(current.length - headings, headings);
      sections.push(section(current, false));
      sections.push(section([...moved, tableOf(part.id, part.layout, A4.height - 2 * MARGIN)], true));
      current = [];
      headings = 0;
    } else {
      current.push(tableOf(part.id, part.layout, A4.width - 2 * MARGIN), new Paragraph({}));
      headings = 0;
    }
  }
  sections.push(section(current, false));
  const document = new Document({
    title: doc.title,
    creator: 'nianbao',
    styles: { default: { document: { run: { font: DOCX_BODY_FONT, size: SIZE.body } } } },
    sections,
  });
  // An ArrayBuffer, not a Node Buffer: the browser's language server exports too.
  return new Uint8Array(await Packer.toArrayBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTable() }]));
}
