/**
 * The forms a report arrives in, made from a Markdown draft for the tests (issue 22): a Word file
 * as a drafter makes it (the `docx` package: bold paragraphs as headings, the official merged cells
 * of the tables, narrow label columns whose labels wrap) and a saved web page of the published
 * report (a site around it: header, menu, breadcrumb, sidebar, footer; the title as <h1>, sections
 * as <p><strong> or <h3>, sub-headings as plain <p> or <h4>; GB18030). `generate-pdfs.ts` prints PDFs from both.
 *
 * The tables' merged cells are read back from the canonical flattening (markdown-convention.md:
 * a merged cell's text in its top-left slot, the slots it covers empty): in the header block and
 * in the label columns an empty slot right of or below a text belongs to it; value cells are never
 * merged, so a blank value stays a blank cell.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType } from 'docx';
import iconv from 'iconv-lite';

/** A block of a Markdown draft. */
export type DraftBlock =
  | { readonly kind: 'title' | 'heading' | 'subheading' | 'paragraph'; readonly text: string }
  | { readonly kind: 'table'; readonly rows: readonly (readonly string[])[] };

/** A merged cell of a table: its top-left slot, its span and text. */
export interface MergedCell {
  readonly row: number;
  readonly col: number;
  readonly rowspan: number;
  readonly colspan: number;
  readonly text: string;
}

/** Text without Markdown's inline marks (`**`, `__` but not a blank of underscores ____, `<br>`, escapes). */
function plain(text: string): string {
  return text.replace(/\*\*|(?<!_)__(?!_)/g, '').replace(/<br\s*\/?>/gi, '').replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1').trim();
}

function cellsOf(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => plain(c.replace(/\\\|/g, '|')));
}

/**
 * The blocks of a draft, or undefined when it holds what a Word file or a page does not (an HTML
 * table or comment, a picture, a pasted text table, a list, a quote): those fixtures are about the
 * Markdown form itself.
 */
export function draftBlocks(markdown: string): DraftBlock[] | undefined {
  if (/<table|<!--|!\[|<\/?[a-z]+[ >]|\t/i.test(markdown)) return undefined;
  const blocks: DraftBlock[] = [];
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (/^\s*([-*+]|\d+[.)])\s|^\s*>|^```|^~~~|^ {4}/.test(line)) return undefined;
    if (line.trimStart().startsWith('|')) {
      const rows: string[][] = [];
      for (; i < lines.length && lines[i]!.trimStart().startsWith('|'); i++) if (!/^\s*\|[\s|:-]+\|\s*$/.test(lines[i]!)) rows.push(cellsOf(lines[i]!));
      i--;
      blocks.push({ kind: 'table', rows });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      // The first top-level heading is the title; a later one is a section written one level up.
      const title = level === 1 && !blocks.some((b) => b.kind === 'title');
      blocks.push({ kind: title ? 'title' : level <= 2 ? 'heading' : 'subheading', text: plain(heading[2]!) });
      continue;
    }
    // A paragraph: its lines joined (a hard-wrapped paragraph is one in Word).
    let text = line;
    while (i + 1 < lines.length && lines[i + 1]!.trim() !== '' && !/^\s*(#|\|)/.test(lines[i + 1]!)) text += lines[++i]!.trim();
    blocks.push({ kind: 'paragraph', text: plain(text) });
  }
  return blocks;
}

const NUMBER = /^[-－]?[\d０-９][\d０-９,，.]*$/;

/** How many label columns a flattened table has: where the figures start, in the row where they start first. */
export function labelColumnsOf(rows: readonly (readonly string[])[]): number {
  const starts = rows.map((r) => r.findIndex((c) => NUMBER.test(c))).filter((n) => n > 0);
  return starts.length > 0 ? Math.min(...starts) : 1;
}

/** The merged cells of a flattened table (see the file comment). */
export function mergedCells(rows: readonly (readonly string[])[]): MergedCell[][] {
  const width = Math.max(...rows.map((r) => r.length));
  const grid = rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
  const isData = grid.map((r) => r.some((c) => NUMBER.test(c)));
  const firstData = isData.indexOf(true);
  // Rows of the header block: those above the first row of figures, and 表二's item title and 信息内容 rows.
  const header = grid.map((r, i) => (firstData < 0 ? true : i < firstData) || /^第二十条|^信息内容$/.test(r[0] ?? ''));
  const labelColumns = labelColumnsOf(rows);
  const covered = grid.map((r) => r.map(() => false));
  const out: MergedCell[][] = grid.map(() => []);
  for (let r = 0; r < grid.length; r++) {
    for (let c = 0; c < width; c++) {
      if (covered[r]![c]) continue;
      const text = grid[r]![c]!;
      let colspan = 1;
      let rowspan = 1;
      const mergeable = (rr: number, cc: number): boolean => (header[rr]! ? true : cc < labelColumns && header[rr] === header[r]);
      if (text !== '' && (header[r] || c < labelColumns)) {
        while (c + colspan < width && grid[r]![c + colspan] === '' && !covered[r]![c + colspan] && mergeable(r, c + colspan)) colspan++;
        const below = (rr: number): boolean => {
          if (rr >= grid.length || header[rr] !== header[r]) return false;
          for (let k = 0; k < colspan; k++) if (grid[rr]![c + k] !== '' || covered[rr]![c + k] || !mergeable(rr, c + k)) return false;
          // A label spans the rows below it only while they have labels of their own to its right.
          return header[r] || (c + colspan < labelColumns && grid[rr]!.slice(c + colspan, labelColumns).some((x) => x !== ''));
        };
        while (below(r + rowspan)) rowspan++;
      }
      for (let dr = 0; dr < rowspan; dr++) for (let dc = 0; dc < colspan; dc++) covered[r + dr]![c + dc] = true;
      out[r]!.push({ row: r, col: c, rowspan, colspan, text });
    }
  }
  return out;
}

/** Twips of a label column: narrow, so labels wrap in a printed PDF. */
const LABEL_WIDTH = 1100;
const VALUE_WIDTH = 800;

function wordTable(rows: readonly (readonly string[])[]): Table {
  const merged = mergedCells(rows);
  const width = Math.max(...rows.map((r) => r.length));
  // Which merged cell covers each slot, to write the continuation cells of a vertical merge.
  const owner: (MergedCell | undefined)[][] = rows.map(() => new Array<MergedCell | undefined>(width));
  for (const cell of merged.flat()) {
    for (let dr = 0; dr < cell.rowspan; dr++) for (let dc = 0; dc < cell.colspan; dc++) owner[cell.row + dr]![cell.col + dc] = cell;
  }
  const labelColumns = labelColumnsOf(rows);
  // Within an A4 page's 9,000 twips between the margins (表四 has 15 columns).
  const valueWidth = Math.min(VALUE_WIDTH, Math.floor((9000 - labelColumns * LABEL_WIDTH) / Math.max(1, width - labelColumns)));
  const columnWidth = (c: number): number => (c < labelColumns ? LABEL_WIDTH : valueWidth);
  const cellWidth = (c: number, span: number): number => Array.from({ length: span }, (_, k) => columnWidth(c + k)).reduce((a, b) => a + b, 0);
  const tableRows = rows.map((row, r) => {
    const children: TableCell[] = [];
    // A row short of cells stays short (Word keeps such a row; the check reports it).
    for (let c = 0; c < Math.min(row.length, width); ) {
      const cell = owner[r]![c]!;
      const continuation = cell.row !== r;
      children.push(
        new TableCell({
          children: [new Paragraph({ children: [new TextRun(continuation ? '' : cell.text)] })],
          width: { size: cellWidth(c, cell.colspan), type: WidthType.DXA },
          ...(cell.colspan > 1 ? { columnSpan: cell.colspan } : {}),
          ...(cell.rowspan > 1 ? { verticalMerge: continuation ? VerticalMergeType.CONTINUE : VerticalMergeType.RESTART } : {}),
        }),
      );
      c += cell.colspan;
    }
    return new TableRow({ children });
  });
  return new Table({ rows: tableRows, columnWidths: Array.from({ length: width }, (_, c) => columnWidth(c)) });
}

/** A Word file of the draft as a drafter makes it: bold headings, a centred title, the tables with their merged cells. */
export async function docxOfBlocks(blocks: readonly DraftBlock[]): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  for (const block of blocks) {
    if (block.kind === 'table') {
      children.push(wordTable(block.rows));
      continue;
    }
    const bold = block.kind !== 'paragraph';
    children.push(
      new Paragraph({
        ...(block.kind === 'title' ? { alignment: AlignmentType.CENTER } : {}),
        ...(block.kind === 'paragraph' ? { indent: { firstLine: 640 } } : {}),
        children: [new TextRun({ text: block.text, bold, size: block.kind === 'title' ? 36 : 28 })],
      }),
    );
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function htmlTable(rows: readonly (readonly string[])[]): string {
  const merged = mergedCells(rows);
  const body = merged
    .map(
      (row, r) =>
        `    <tr>${row.filter((c) => c.col < Math.max(rows[r]!.length, 1) || c.text !== '').map((c) => `<td${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}><p>${escape(c.text)}</p></td>`).join('')}</tr>`,
    )
    .join('\n');
  return `  <table border="1" cellspacing="0" style="border-collapse:collapse">\n${body}\n  </table>`;
}

/**
 * A saved page of the published report, with the site around it, as text (write it with
 * {@link gb18030}). Sections alternate <p><strong> and <h3>; sub-headings are plain <p>.
 */
export function pageOfBlocks(blocks: readonly DraftBlock[], headings: 'h3' | 'strong' = 'strong', site = '白石县人民政府'): string {
  const title = blocks.find((b) => b.kind === 'title');
  const content: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'title') continue;
    if (block.kind === 'table') content.push(htmlTable(block.rows));
    else if (block.kind === 'heading') content.push(headings === 'strong' ? `  <p style="text-indent:2em"><strong>${escape(block.text)}</strong></p>` : `  <h3>${escape(block.text)}</h3>`);
    else if (block.kind === 'subheading') content.push(headings === 'strong' ? `  <p style="text-indent:2em">${escape(block.text)}</p>` : `  <h4>${escape(block.text)}</h4>`);
    else content.push(`  <p style="text-indent:2em">${escape(block.text)}</p>`);
  }
  return `<!DOCTYPE html>
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>${title && title.kind === 'title' ? escape(title.text) : ''}_${site}</title>
<style>td{border:1px solid #000;padding:2px}</style>
</head>
<body>
<div class="header"><div class="logo">${site}</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/xxgk/">政府信息公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul>
<form class="search"><input name="q" value="搜索"></form></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/xxgk/">政府信息公开</a> &gt; <a href="/xxgk/ndbg/">政府信息公开工作年度报告</a></div>
<div class="main">
<div class="sidebar"><h4>政府信息公开</h4><ul><li><a href="/xxgk/zn/">政府信息公开指南</a></li><li><a href="/xxgk/zd/">政府信息公开制度</a></li><li><a href="/xxgk/ndbg/">政府信息公开工作年度报告</a></li><li><a href="/xxgk/fdzdgk/">法定主动公开内容</a></li></ul></div>
<div class="article">
<h1 class="article-title">${title && title.kind === 'title' ? escape(title.text) : ''}</h1>
<div class="info">发布时间：2025-01-20&#12288;来源：${site}办公室&#12288;浏览次数：1024&#12288;【字体：大 中 小】</div>
<div class="article-content">
${content.join('\n')}
</div>
<div class="share">分享到：微信 微博</div>
</div>
</div>
<div class="footer"><p>主办单位：${site}办公室&#12288;&#12288;网站标识码：3201000000&#12288;&#12288;备案号：苏ICP备12345678号</p><p>版权所有 © ${site}</p></div>
</body>
</html>
`;
}

/** A page's text as GB18030 bytes (a page saved by a Chinese Windows browser). */
export function gb18030(text: string): Buffer {
  return iconv.encode(text, 'gb18030');
}
