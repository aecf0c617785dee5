/**
 * The main document of a .docx as the HTML the checker reads (issue 22): paragraphs, headings by
 * their style's name (Heading 1–6, 标题 1–6), tables with their merged cells (gridSpan → colspan,
 * vMerge → rowspan), pictures where they stand. `nianbao check` reads a Word file through this
 * one pass over the XML rather than mammoth, which is some ten times slower for what the check
 * needs; `nianbao import` keeps mammoth. The two must give the same findings: the forms test
 * holds the check of every fixture's Word file and its import to the Markdown's findings.
 *
 * The package is opened within its budgets by docx-package.ts (entries, sizes, the document's
 * elements, nesting and rows measured before this reads it). Never throws on any XML: unknown
 * elements are passed through for their text, unbalanced ones closed where their parent ends.
 */
import type { DocxFile } from './docx-package.js';

const TOKEN = /<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;

function attribute(attributes: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Elements whose content is no text of the document: deleted text, field codes, the fallback copy of new content. */
const SKIPPED = new Set(['w:delText', 'w:instrText', 'mc:Fallback', 'w:rPr', 'w:pPr', 'w:tblPr', 'w:tblGrid', 'w:trPr', 'w:sectPr', 'w:txbxContent', 'w:footnoteReference', 'w:commentReference']);

interface Cell {
  span: number;
  /** `restart`, `continue`, or none. */
  merge: 'restart' | 'continue' | undefined;
  html: string;
  rowspan: number;
}

interface TableState {
  rows: Cell[][];
  row: Cell[] | undefined;
  cell: Cell | undefined;
}

/** The styles' names by id (word/styles.xml), for the headings. */
function headingLevels(styles: string): Map<string, number> {
  const levels = new Map<string, number>();
  const STYLE = /<w:style\b([^>]*)>([\s\S]*?)<\/w:style>/g;
  for (let m = STYLE.exec(styles); m; m = STYLE.exec(styles)) {
    const id = attribute(m[1]!, 'w:styleId');
    const name = /<w:name\b[^>]*w:val\s*=\s*"([^"]*)"/.exec(m[2]!)?.[1];
    const level = name ? /^(?:heading|标题)\s*([1-6])$/i.exec(name.trim())?.[1] : undefined;
    if (id && level) levels.set(id, Number(level));
  }
  return levels;
}

/** The rowspans of a table's merged cells; continued cells are left out of the HTML. */
function tableHtml(rows: readonly Cell[][]): string {
  // Grid columns of each cell, to find the cells a vertical merge continues into.
  const at = rows.map((row) => {
    let column = 0;
    return row.map((cell) => {
      const start = column;
      column += cell.span;
      return start;
    });
  });
  rows.forEach((row, r) => {
    row.forEach((cell, i) => {
      if (cell.merge !== 'restart') return;
      for (let below = r + 1; below < rows.length; below++) {
        const j = at[below]!.indexOf(at[r]![i]!);
        if (j < 0 || rows[below]![j]!.merge !== 'continue') break;
        cell.rowspan++;
      }
    });
  });
  const body = rows
    .map((row) => `<tr>${row.filter((c) => c.merge !== 'continue').map((c) => `<td${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}${c.span > 1 ? ` colspan="${c.span}"` : ''}>${c.html}</td>`).join('')}</tr>`)
    .join('');
  return `<table>${body}</table>`;
}

/** The HTML of a document's body. */
export function documentHtml(xml: string, styles = ''): string {
  const levels = headingLevels(styles);
  const out: string[] = [];
  const tables: TableState[] = [];
  /** Where text goes: the innermost open cell, or the document. */
  const sink = (text: string): void => {
    const table = tables.at(-1);
    if (table?.cell) table.cell.html += text;
    else out.push(text);
  };
  let paragraph: { level: number | undefined; text: string } | undefined;
  /** The open run is bold (its own w:b): its text is written in <strong>, as mammoth writes it. */
  let bold = false;
  let skipping = 0;
  let skippedTag = '';
  let inText = false;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(xml); m; m = TOKEN.exec(xml)) {
    const [, close, tag, , selfClosing, cdata, text] = m;
    if (text !== undefined || cdata !== undefined) {
      if (skipping === 0 && inText && paragraph) {
        const chunk = text ?? cdata!.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        paragraph.text += bold && chunk.trim() !== '' ? `<strong>${chunk}</strong>` : chunk;
      }
      continue;
    }
    if (!tag) continue;
    if (skipping > 0) {
      if (tag === skippedTag && !selfClosing) skipping += close ? -1 : 1;
      continue;
    }
    if (SKIPPED.has(tag)) {
      if (!close && !selfClosing) {
        skipping = 1;
        skippedTag = tag;
      }
      // A run's bold is inside its properties (w:b, unless w:val says 0 or false).
      if (tag === 'w:rPr' && !close && !selfClosing) {
        const end = xml.indexOf('</w:rPr>', TOKEN.lastIndex);
        const b = /<w:b(?:\s+w:val\s*=\s*"([^"]*)")?\s*\/?>/.exec(xml.slice(TOKEN.lastIndex, end < 0 ? TOKEN.lastIndex : end));
        bold = b !== null && !/^(0|false|off)$/i.test(b[1] ?? '');
      }
      // A paragraph's style is inside its properties, which are otherwise skipped.
      if (tag === 'w:pPr' && !close && !selfClosing && paragraph) {
        const end = xml.indexOf('</w:pPr>', TOKEN.lastIndex);
        const style = /<w:pStyle\b[^>]*w:val\s*=\s*"([^"]*)"/.exec(xml.slice(TOKEN.lastIndex, end < 0 ? TOKEN.lastIndex : end))?.[1];
        if (style !== undefined) paragraph.level = levels.get(style);
      }
      continue;
    }
    switch (tag) {
      case 'w:p':
        if (!close && !selfClosing) paragraph = { level: undefined, text: '' };
        else if (close || selfClosing) {
          const p = paragraph ?? { level: undefined, text: '' };
          const name = p.level !== undefined && tables.length === 0 ? `h${p.level}` : 'p';
          sink(`<${name}>${p.text}</${name}>`);
          paragraph = undefined;
        }
        break;
      case 'w:t':
        inText = !close && !selfClosing;
        break;
      case 'w:r':
        if (!close) bold = false;
        break;
      case 'w:tab':
        if (paragraph && !close) paragraph.text += '\t';
        break;
      case 'w:br':
      case 'w:cr':
        if (paragraph && !close) paragraph.text += '<br>';
        break;
      case 'w:drawing':
      case 'w:pict':
        if (paragraph && !close) paragraph.text += '<img src="">';
        break;
      case 'w:tbl':
        if (!close && !selfClosing) tables.push({ rows: [], row: undefined, cell: undefined });
        else if (close) {
          const table = tables.pop();
          if (table) sink(tableHtml(table.rows));
        }
        break;
      case 'w:tr': {
        const table = tables.at(-1);
        if (!table) break;
        if (!close && !selfClosing) table.rows.push((table.row = []));
        else table.row = undefined;
        break;
      }
      case 'w:tc': {
        const table = tables.at(-1);
        if (!table) break;
        if (!close && !selfClosing) {
          // The cell's properties: its span and merge, read before they are skipped.
          const end = xml.indexOf('</w:tcPr>', TOKEN.lastIndex);
          const properties = xml.startsWith('<w:tcPr', TOKEN.lastIndex) && end > 0 ? xml.slice(TOKEN.lastIndex, end) : '';
          const span = Number(/<w:gridSpan\b[^>]*w:val\s*=\s*"(\d+)"/.exec(properties)?.[1] ?? 1);
          const merge = /<w:vMerge\b([^>]*)\/?>/.exec(properties);
          const cell: Cell = {
            span: Number.isFinite(span) && span >= 1 ? Math.min(span, 64) : 1,
            merge: merge ? (attribute(merge[1]!, 'w:val') === 'restart' ? 'restart' : 'continue') : undefined,
            html: '',
            rowspan: 1,
          };
          (table.row ?? (table.rows.push((table.row = [])), table.row)).push(cell);
          table.cell = cell;
        } else table.cell = undefined;
        break;
      }
      default:
        break;
    }
  }
  return out.join('');
}

/** The main document part's name, from the package's relationships (word/document.xml by default). */
async function mainPart(file: DocxFile): Promise<string> {
  if (file.exists('_rels/.rels')) {
    const rels = String(await file.read('_rels/.rels', 'utf8'));
    const target = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*Target="\/?([^"]+)"/.exec(rels)?.[1] ?? /<Relationship\b[^>]*Target="\/?([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(rels)?.[1];
    if (target && file.exists(target)) return target;
  }
  return 'word/document.xml';
}

/** A .docx opened by docx-package.ts as the HTML of its body. */
export async function docxHtml(file: DocxFile): Promise<string> {
  const part = await mainPart(file);
  const xml = String(await file.read(part, 'utf8'));
  const stylesPart = part.replace(/[^/]*$/, 'styles.xml');
  const styles = file.exists(stylesPart) ? String(await file.read(stylesPart, 'utf8')) : '';
  return documentHtml(xml, styles);
}
