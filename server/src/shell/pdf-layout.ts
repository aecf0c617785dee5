/**
 * A PDF's pages (pdf-read.ts) rebuilt as a draft (issue 22): the text in reading order as
 * paragraphs, and every ruled table as an HTML `<table>` with its merged cells, which the checker
 * reads as any draft's (model/html-table.ts). Pure: positions in, text out.
 *
 * - Tables: the ruling lines that touch each other make a table; their distinct y and x are the
 *   row and column boundaries; two neighbouring slots are one merged cell where the boundary
 *   between them is not drawn. Text goes to the slot holding its centre; the lines of a cell are
 *   joined without a space, so a label wrapped in a narrow cell (`商业` / `企业`) reads whole.
 *   A table cut by a page break continues on the next page when that page starts with a table
 *   of as many columns: one table, each row knowing its page.
 * - Text: pieces on one baseline make a line; a line ends its paragraph when it stops short of
 *   the right margin, the next is indented, the font size changes or the gap is wide (headings,
 *   first-line indents, titles). Page numbers in the margins are dropped. A line with wide gaps
 *   and no ruling lines around it keeps them as tabs (a table without borders, read like text
 *   copied from a PDF: model/pasted-table.ts).
 */
import type { PdfPage, PdfRule, PdfText } from './pdf-read.js';
import type { SourceBlock, SourceMap } from './source-map.js';

/** A draft made from a PDF and where each block came from. */
export interface PdfDraft {
  readonly text: string;
  readonly map: SourceMap;
  /** Characters of text the pages hold (0: a scanned PDF). */
  readonly characters: number;
  /** Pictures painted on the pages. */
  readonly images: number;
}

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;

/** Joins two pieces of one line: a space only between Latin words set apart (CJK text has none). */
function joinPieces(left: string, right: string, gap: number, size: number): string {
  if (left === '') return right;
  const a = left.at(-1)!;
  const b = right[0]!;
  if (/\s/.test(a) || /\s/.test(b)) return left + right;
  if (gap > 0.25 * size && !CJK.test(a) && !CJK.test(b)) return `${left} ${right}`;
  return left + right;
}

interface Line {
  readonly texts: PdfText[];
  /** Baseline. */
  y: number;
  x: number;
  right: number;
  size: number;
  /** The text, with tabs where the gaps are wide. */
  text: string;
}

/** Pieces grouped into lines by baseline, each line's pieces left to right. */
function linesOf(texts: readonly PdfText[]): Line[] {
  const sorted = [...texts].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Line[] = [];
  for (const t of sorted) {
    const last = lines.at(-1);
    if (last && Math.abs(t.y - last.y) <= 0.45 * Math.max(t.size, last.size)) last.texts.push(t);
    else lines.push({ texts: [t], y: t.y, x: 0, right: 0, size: 0, text: '' });
  }
  for (const line of lines) {
    line.texts.sort((a, b) => a.x - b.x);
    const sizes = line.texts.filter((t) => t.str.trim() !== '').map((t) => t.size);
    line.size = sizes.length > 0 ? Math.max(...sizes) : line.texts[0]!.size;
    const solid = line.texts.filter((t) => t.str.trim() !== '');
    line.x = (solid[0] ?? line.texts[0]!).x;
    line.right = Math.max(...line.texts.map((t) => t.x + t.width));
    let text = '';
    let end = -Infinity;
    for (const t of line.texts) {
      if (t.str.trim() === '') continue;
      const gap = t.x - end;
      text = text !== '' && gap > 2.2 * line.size ? `${text}\t${t.str.trim()}` : joinPieces(text, t.str.trim(), gap, line.size);
      end = t.x + t.width;
    }
    line.text = text;
  }
  return lines.filter((l) => l.text !== '');
}

/** Values within `tolerance` of each other, as their mean, sorted. */
function cluster(values: number[], tolerance: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[][] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last && v - last.at(-1)! <= tolerance) last.push(v);
    else out.push([v]);
  }
  return out.map((g) => g.reduce((a, b) => a + b, 0) / g.length);
}

interface TableBox {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  readonly ys: number[];
  readonly xs: number[];
  readonly horizontal: PdfRule[];
  readonly vertical: PdfRule[];
}

const TOUCH = 2.5;

/** The ruling lines that touch each other, grouped into tables (at least a 2 × 2 frame). */
function tablesOf(rules: readonly PdfRule[]): TableBox[] {
  const horizontal = rules.filter((r) => r.y1 === r.y2 && r.x2 - r.x1 > 3);
  const vertical = rules.filter((r) => r.x1 === r.x2 && r.y2 - r.y1 > 3);
  const all = [...horizontal, ...vertical];
  const parent = all.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number): void => {
    parent[find(a)] = find(b);
  };
  // A border drawn cell by cell is pieces on one line: the pieces that meet are one line.
  const chain = (indexes: number[], along: (r: PdfRule) => [number, number, number]): void => {
    // Grouped by the line they lie on (within 1 pt), then joined along it where they meet.
    indexes.sort((a, b) => along(all[a]!)[0] - along(all[b]!)[0]);
    const lines: number[][] = [];
    for (const i of indexes) {
      const last = lines.at(-1);
      if (last && along(all[i]!)[0] - along(all[last[0]!]!)[0] <= 1) last.push(i);
      else lines.push([i]);
    }
    for (const line of lines) {
      line.sort((a, b) => along(all[a]!)[1] - along(all[b]!)[1]);
      let reach = -Infinity;
      let previous = -1;
      for (const i of line) {
        const [, start, end] = along(all[i]!);
        if (previous >= 0 && start <= reach + TOUCH) union(previous, i);
        if (end > reach) reach = end;
        previous = i;
      }
    }
  };
  chain(horizontal.map((_, i) => i), (r) => [r.y1, r.x1, r.x2]);
  chain(vertical.map((_, i) => horizontal.length + i), (r) => [r.x1, r.y1, r.y2]);
  for (let i = 0; i < horizontal.length; i++) {
    const h = horizontal[i]!;
    for (let j = 0; j < vertical.length; j++) {
      const v = vertical[j]!;
      if (v.x1 >= h.x1 - TOUCH && v.x1 <= h.x2 + TOUCH && h.y1 >= v.y1 - TOUCH && h.y1 <= v.y2 + TOUCH) union(i, horizontal.length + j);
    }
  }
  const groups = new Map<number, PdfRule[]>();
  all.forEach((r, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(r);
    else groups.set(root, [r]);
  });
  const boxes: TableBox[] = [];
  for (const group of groups.values()) {
    const hs = group.filter((r) => r.y1 === r.y2);
    const vs = group.filter((r) => r.x1 === r.x2);
    const ys = cluster(hs.map((r) => r.y1), 2);
    const xs = cluster(vs.map((r) => r.x1), 2);
    if (ys.length < 2 || xs.length < 2) continue;
    // A row a page break cut may have its side borders but no line below (or above) it: its edge is theirs.
    const below = Math.max(...vs.map((v) => v.y2));
    const above = Math.min(...vs.map((v) => v.y1));
    if (below > ys.at(-1)! + 3) ys.push(below);
    if (above < ys[0]! - 3) ys.unshift(above);
    boxes.push({ top: ys[0]!, bottom: ys.at(-1)!, left: xs[0]!, right: xs.at(-1)!, ys, xs, horizontal: hs, vertical: vs });
  }
  return boxes.sort((a, b) => a.top - b.top);
}

/** Whether a ruling line runs along `at` (x for vertical, y for horizontal) over the point `across`. */
function drawn(rules: readonly PdfRule[], vertical: boolean, at: number, across: number): boolean {
  return rules.some((r) =>
    vertical
      ? Math.abs(r.x1 - at) <= TOUCH && r.y1 - TOUCH <= across && across <= r.y2 + TOUCH
      : Math.abs(r.y1 - at) <= TOUCH && r.x1 - TOUCH <= across && across <= r.x2 + TOUCH,
  );
}

/** A merged cell: its slots and its text. */
interface Region {
  readonly row: number;
  readonly col: number;
  rowspan: number;
  colspan: number;
  text: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text of one cell: its lines top to bottom, joined without a space (a wrapped label reads whole). */
function cellText(texts: readonly PdfText[]): string {
  let out = '';
  for (const line of linesOf(texts)) out = out === '' ? line.text.replace(/\t/g, ' ') : joinPieces(out, line.text.replace(/\t/g, ' '), 0, line.size);
  return out;
}

/** A table's rows of merged cells, from its boundaries and the text inside it. */
function regionsOf(box: TableBox, texts: readonly PdfText[]): Region[][] {
  const rows = box.ys.length - 1;
  const cols = box.xs.length - 1;
  const owner: number[][] = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => r * cols + c));
  const parent = owner.flat();
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let r = 0; r < rows; r++) {
    const midY = (box.ys[r]! + box.ys[r + 1]!) / 2;
    for (let c = 0; c < cols; c++) {
      const midX = (box.xs[c]! + box.xs[c + 1]!) / 2;
      if (c + 1 < cols && !drawn(box.vertical, true, box.xs[c + 1]!, midY)) parent[find(r * cols + c + 1)] = find(r * cols + c);
      if (r + 1 < rows && !drawn(box.horizontal, false, box.ys[r + 1]!, midX)) parent[find((r + 1) * cols + c)] = find(r * cols + c);
    }
  }
  const regions = new Map<number, Region & { slots: [number, number][] }>();
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = find(r * cols + c);
      const region = regions.get(root);
      if (region) region.slots.push([r, c]);
      else regions.set(root, { row: r, col: c, rowspan: 1, colspan: 1, text: '', slots: [[r, c]] });
    }
  }
  const bySlot = new Map<number, Region & { slots: [number, number][] }>();
  for (const region of regions.values()) {
    const r0 = Math.min(...region.slots.map((s) => s[0]));
    const c0 = Math.min(...region.slots.map((s) => s[1]));
    region.rowspan = Math.max(...region.slots.map((s) => s[0])) - r0 + 1;
    region.colspan = Math.max(...region.slots.map((s) => s[1])) - c0 + 1;
    Object.assign(region, { row: r0, col: c0 });
    for (const [r, c] of region.slots) bySlot.set(r * cols + c, region);
  }
  const inside = new Map<Region, PdfText[]>();
  for (const t of texts) {
    const cx = t.x + t.width / 2;
    const cy = t.y - t.size / 3;
    const c = box.xs.findIndex((x, i) => i < cols && cx >= x && cx < box.xs[i + 1]!);
    const r = box.ys.findIndex((y, i) => i < rows && cy >= y && cy < box.ys[i + 1]!);
    if (c < 0 || r < 0) continue;
    const region = bySlot.get(r * cols + c)!;
    const list = inside.get(region);
    if (list) list.push(t);
    else inside.set(region, [t]);
  }
  for (const [region, list] of inside) region.text = cellText(list);
  const out: Region[][] = Array.from({ length: rows }, () => []);
  for (const region of new Set(bySlot.values())) out[region.row]!.push(region);
  for (const row of out) row.sort((a, b) => a.col - b.col);
  return out;
}

/**
 * Whether the first row on a new page is the second half of the last row on the page before (a
 * row the page break cut: the rest of wrapped labels): no figure in it, each of its texts under a
 * text of that row, and not a header row repeated at the top of the page.
 */
function continuesRow(rows: readonly Region[][], first: readonly Region[]): boolean {
  const last = rows.at(-1);
  const filled = first.filter((r) => r.text !== '');
  if (!last || filled.length === 0) return false;
  if (filled.some((r) => NUMBER.test(r.text))) return false;
  // Each text under a cell of the same place and width (a title row over all columns is a new row).
  if (!filled.every((r) => last.some((l) => l.col === r.col && l.colspan === r.colspan && l.text !== ''))) return false;
  const signature = (row: readonly Region[]): string => row.map((r) => `${r.col}:${r.text}`).join('|');
  return !rows.slice(0, 4).some((row) => signature(row) === signature(first));
}

/** Moves regions from the columns of boundaries `from` onto the (finer) boundaries `to`. */
function regrid(rows: Region[][], from: readonly number[], to: readonly number[]): void {
  if (from.length === to.length) return;
  const index = (x: number): number => to.findIndex((t) => Math.abs(t - x) <= 2.5);
  for (const row of rows) {
    for (const region of row) {
      const start = index(from[region.col]!);
      const end = index(from[region.col + region.colspan]!);
      if (start < 0 || end <= start) continue;
      (region as { col: number }).col = start;
      region.colspan = end - start;
    }
  }
}

/** The region covering a column in a row of rows (merged cells from above included). */
function coveringAt(rows: readonly Region[][], row: number, col: number): Region | undefined {
  for (let r = row; r >= 0; r--) {
    const hit = rows[r]!.find((x) => x.col <= col && col < x.col + x.colspan && x.row + x.rowspan > row);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Appends the rows of a table's part on the next page. A row the page break cut in two is joined
 * (continuesRow), and a merged label cell the break cut (its text above, an empty part below) keeps
 * covering its rows: its part below is dropped and its span grows, so the columns stay in place.
 */
function continueTable(rows: Region[][], next: readonly Region[][], size: number): void {
  const offset = rows.length;
  const moved = next.map((row) => row.map((r) => ({ ...r, row: r.row + offset })));
  const last = offset - 1;
  const figures = Math.min(...[...rows, ...next].flat().filter((r) => NUMBER.test(r.text)).map((r) => r.col), Infinity);
  let start = 0;
  if (moved.length > 0 && continuesRow(rows, next[0]!)) {
    for (const part of moved[0]!) {
      const into = coveringAt(rows, last, part.col);
      if (!into) continue;
      if (part.text !== '') into.text = joinPieces(into.text, part.text, 0, size);
      into.rowspan += part.rowspan - 1;
    }
    start = 1;
  } else if (moved.length > 0) {
    moved[0] = moved[0]!.filter((part) => {
      if (part.text !== '' || part.col >= figures) return true;
      const into = coveringAt(rows, last, part.col);
      if (!into || into.text === '' || into.colspan !== part.colspan) return true;
      into.rowspan += part.rowspan;
      return false;
    });
  }
  rows.push(...moved.slice(start));
}

const NUMBER = /^[-－]?[\d０-９][\d０-９,，.]*$/;
/** The start of a numbered heading: （一）, 一、, 1. */
const NUMBERED = /^([（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d))/;

/** A block of a page in reading order. */
type PageBlock = { readonly kind: 'line'; readonly line: Line } | { readonly kind: 'table'; readonly top: number; readonly rows: Region[][]; readonly xs: readonly number[] };

function isPageFurniture(line: Line, page: PdfPage): boolean {
  const margin = line.y < page.height * 0.08 || line.y > page.height * 0.9;
  return margin && /^[-—–－\s]*(\d+|第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)[-—–－\s]*$/.test(line.text);
}

/** The blocks of one page, top to bottom. */
export function pageBlocks(page: PdfPage): PageBlock[] {
  const boxes = tablesOf(page.rules).filter((b) => b.bottom - b.top > 4 && b.right - b.left > 20);
  const inBox = (t: PdfText, b: TableBox): boolean => {
    const cx = t.x + t.width / 2;
    const cy = t.y - t.size / 3;
    return cx >= b.left - 1 && cx <= b.right + 1 && cy >= b.top - 1 && cy <= b.bottom + 1;
  };
  const tableTexts = boxes.map(() => [] as PdfText[]);
  const free: PdfText[] = [];
  for (const t of page.texts) {
    const i = boxes.findIndex((b) => inBox(t, b));
    if (i >= 0) tableTexts[i]!.push(t);
    else free.push(t);
  }
  const blocks: (PageBlock & { at: number })[] = [];
  boxes.forEach((box, i) => {
    const rows = regionsOf(box, tableTexts[i]!);
    // A frame around plain text (a box, a boxed note) is no table: it has one cell.
    if (box.xs.length === 2 && box.ys.length === 2) {
      for (const line of linesOf(tableTexts[i]!)) blocks.push({ kind: 'line', line, at: line.y });
      return;
    }
    blocks.push({ kind: 'table', top: box.top, rows, xs: box.xs, at: box.top });
  });
  for (const line of linesOf(free)) if (!isPageFurniture(line, page)) blocks.push({ kind: 'line', line, at: line.y });
  return blocks.sort((a, b) => a.at - b.at);
}

/** The size most text outside the tables is set in (tables are often set smaller). */
function bodySize(blocks: readonly (readonly PageBlock[])[]): number {
  const counts = new Map<number, number>();
  for (const page of blocks) for (const b of page) if (b.kind === 'line') counts.set(Math.round(b.line.size), (counts.get(Math.round(b.line.size)) ?? 0) + b.line.text.length);
  let best = 12;
  let most = -1;
  for (const [size, n] of counts) if (n > most) [best, most] = [size, n];
  return best;
}

/** A line as Markdown text: nothing in it may read as markup (a leading `#`, `<`, `|`). */
function literal(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/^([#>+*=|-]|\d+[.)]\s)/, '\\$1').replace(/\|/g, '\\|');
}

/**
 * The draft of a PDF's pages: paragraphs and tables in reading order, with the page of each block
 * and of each table row.
 */
export function layoutPdf(pages: readonly PdfPage[]): PdfDraft {
  const laidOut = pages.map(pageBlocks);
  const size = bodySize(laidOut);
  const parts: string[] = [];
  const blocks: SourceBlock[] = [];
  let at = 0;
  let characters = 0;
  let images = 0;
  const emit = (text: string, block: Omit<SourceBlock, 'start' | 'end'>): void => {
    if (parts.length > 0) at += 2;
    blocks.push({ ...block, start: at, end: at + text.length });
    parts.push(text);
    at += text.length;
  };
  /** The open paragraph: its text, the page it started on, its last line and that line's page geometry. */
  let paragraph: { text: string; page: number; lastPage: number; last: Line; left: number; right: number } | undefined;
  /** The open table: its rows and the page of each, and its column boundaries. */
  let table: { rows: Region[][]; pages: number[]; xs: number[]; page: number } | undefined;
  const endParagraph = (): void => {
    if (paragraph) emit(literal(paragraph.text), { page: paragraph.page });
    paragraph = undefined;
  };
  const endTable = (): void => {
    if (!table) return;
    const html = table.rows
      .map((row) => `<tr>${row.map((r) => `<td${r.rowspan > 1 ? ` rowspan="${r.rowspan}"` : ''}${r.colspan > 1 ? ` colspan="${r.colspan}"` : ''}>${escapeHtml(r.text)}</td>`).join('')}</tr>`)
      .join('');
    emit(`<table>${html}</table>`, { page: table.page, rowPages: table.pages });
    table = undefined;
  };
  pages.forEach((page, index) => {
    const number = index + 1;
    images += page.images;
    for (const t of page.texts) characters += t.str.trim().length;
    const pageBlocksList = laidOut[index]!;
    const lines = pageBlocksList.filter((b): b is { kind: 'line'; line: Line } => b.kind === 'line').map((b) => b.line);
    // The margins of the text: this page's, or where it has little text, those of the pages of its width.
    const bodyOf = (ls: readonly Line[]): Line[] => ls.filter((l) => Math.abs(l.size - size) <= 1);
    let body = bodyOf(lines);
    if (body.length < 6) body = bodyOf(laidOut.flatMap((bs, k) => (Math.abs(pages[k]!.width - page.width) < 1 ? bs.flatMap((b) => (b.kind === 'line' ? [b.line] : [])) : [])));
    const left = body.length > 0 ? Math.min(...body.map((l) => l.x)) : 0;
    const right = body.length > 0 ? Math.max(...body.map((l) => l.right)) : page.width;
    pageBlocksList.forEach((block, i) => {
      if (block.kind === 'table') {
        endParagraph();
        // The first block of a page continuing the last page's table (the same left and right edges): one table,
        // its columns the boundaries of both parts (a part may lack a boundary only its other rows draw).
        if (table && i === 0 && Math.abs(table.xs[0]! - block.xs[0]!) <= 3 && Math.abs(table.xs.at(-1)! - block.xs.at(-1)!) <= 3) {
          const xs = cluster([...table.xs, ...block.xs], 2);
          regrid(table.rows, table.xs, xs);
          const next = block.rows.map((row) => row.map((r) => ({ ...r })));
          regrid(next, block.xs, xs);
          table.xs = xs;
          continueTable(table.rows, next, size);
          table.pages.push(...table.rows.slice(table.pages.length).map(() => number));
          return;
        }
        endTable();
        table = { rows: [...block.rows], pages: block.rows.map(() => number), xs: [...block.xs], page: number };
        return;
      }
      const line = block.line;
      endTable();
      if (paragraph) {
        const last = paragraph.last;
        // Across a page break the gap is unknown: the other signs decide.
        const gap = paragraph.lastPage === number ? line.y - last.y : line.size * 1.2;
        // A line ends its paragraph when it stops short of the margin; mid-sentence, a number or a word too long
        // for the rest of the line may have been carried over, leaving a few characters' room.
        const fullLast = last.right >= paragraph.right - (/[。！？；：]$/.test(last.text) ? 2 : 6) * last.size;
        const indented = line.x > left + 1.2 * line.size;
        const sameSize = Math.abs(line.size - last.size) <= 0.6;
        const bigTitle = last.size > size * 1.15 && sameSize && gap <= 2 * line.size;
        // A sentence ended and a numbered heading starts (（二）…, 三、…): a new paragraph, however full the line.
        const heading = /[。；：！？]$/.test(last.text) && NUMBERED.test(line.text);
        const continues = sameSize && gap <= 2 * line.size && !heading && (bigTitle || (fullLast && !indented && !last.text.includes('\t') && !line.text.includes('\t')));
        if (continues) {
          paragraph.text = joinPieces(paragraph.text, line.text, 0, line.size);
          paragraph.last = line;
          paragraph.lastPage = number;
          paragraph.left = left;
          paragraph.right = right;
          return;
        }
        endParagraph();
      }
      paragraph = { text: line.text, page: number, lastPage: number, last: line, left, right };
    });
    // A paragraph running on to the next page stays open; so does a table.
  });
  endParagraph();
  endTable();
  const text = parts.length > 0 ? `${parts.join('\n\n')}\n` : '';
  return { text, map: { blocks }, characters, images };
}
