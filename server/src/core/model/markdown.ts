/**
 * The one Markdown parse of a draft, read as its top-level blocks: unified + remark-parse, with
 * GFM tables as remark-gfm reads them.
 *
 * Why not just remark-gfm: its table syntax costs three to four times the rest of the parse
 * (a 10 KB report: about 8 ms against 1.3 ms; bench/README.md), and the model only needs to
 * know which top-level blocks are tables and where their rows start. So the draft is parsed
 * with remark-parse and GFM footnote definitions (the other GFM syntax that shapes top-level
 * blocks), without inline syntax (it never moves a block boundary), and the tables are found in the paragraphs that parse produces, by GFM's own line rules
 * (gfm-table-lines.ts). Where those rules do not settle a case for certain — a table-like line
 * inside a list, a quote or a setext heading, a table row the next line might end differently —
 * the document is parsed by remark-gfm instead. Tests hold both parses to the same blocks on
 * every fixture and on generated input (test/unit/markdown-parse.test.ts).
 */
import type { Root } from 'mdast';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import type { LineIndex } from '../text/lines.js';
import type { Grid } from './grid.js';
import { delimiterRowCells, headerRowCells, indentation, mayBeDelimiterRow, mayEndTable } from './gfm-table-lines.js';

/** A top-level block of the parse. */
export interface TopLevelNode {
  /** The mdast node type (`table` for a GFM table). */
  readonly type: string;
  /** Heading depth 1–6; 0 for other nodes. */
  readonly depth: number;
  readonly start: number;
  /** The end offset; a block that ends before only white space on its last line ends at the line end. */
  readonly end: number;
  /** A table's rows (the header row and the body rows, not the delimiter row): their start offsets. */
  readonly rows?: readonly number[];
  /** A table read in another form than GFM (other-tables.ts): its grid as read. */
  readonly grid?: Grid;
}

/**
 * Inline syntax never changes where a block starts or ends (CommonMark §6), and the model reads
 * no inline nodes, so the fast route does not parse it: nested emphasis and links are
 * quadratic in micromark.
 */
const INLINE_CONSTRUCTS = ['attention', 'autolink', 'characterEscape', 'characterReference', 'codeText', 'hardBreakEscape', 'htmlText', 'labelEnd', 'labelStartImage', 'labelStartLink'];

function blockSyntaxOnly(this: Processor): void {
  const data = this.data();
  // Footnote definitions only: footnote calls are inline.
  (data.micromarkExtensions ??= []).push({ document: gfmFootnote().document }, { disable: { null: INLINE_CONSTRUCTS } });
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown());
}

const withoutTables = unified().use(remarkParse).use(blockSyntaxOnly).freeze();
const withTables = unified().use(remarkParse).use(remarkGfm).freeze();

function parseTree(processor: typeof withTables | typeof withoutTables, text: string): Root {
  return processor.parse(text);
}

/** The top-level nodes of a tree, offsets counted from the start of `text`. */
function topLevelNodes(root: Root, text: string, lines: LineIndex): TopLevelNode[] {
  // micromark drops a leading byte order mark and counts offsets from after it.
  const shift = text.startsWith('\ufeff') ? 1 : 0;
  const nodes: TopLevelNode[] = [];
  for (const node of root.children) {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) continue;
    const rows =
      node.type === 'table'
        ? node.children.flatMap((row) => (row.position?.start.offset === undefined ? [] : [row.position.start.offset + shift]))
        : undefined;
    nodes.push({
      type: node.type,
      depth: node.type === 'heading' ? node.depth : 0,
      start: start + shift,
      end: toLineEnd(text, lines, end + shift),
      ...(rows ? { rows } : {}),
    });
  }
  return nodes;
}

/** Moves an end offset over white space that only precedes the line end. */
function toLineEnd(text: string, lines: LineIndex, end: number): number {
  const lineEnd = lines.lineEnd(lines.lineAt(end));
  for (let i = end; i < lineEnd; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9) return end;
  }
  return Math.max(end, lineEnd);
}

/** Text of a line as the parser sees it (without a leading byte order mark). */
function lineSource(lines: LineIndex, line: number): string {
  const source = lines.lineText(line);
  return line === 0 && source.startsWith('\ufeff') ? source.slice(1) : source;
}

function firstNonSpace(text: string, lines: LineIndex, line: number): number {
  const start = lines.lineStart(line) + (line === 0 && text.startsWith('\ufeff') ? 1 : 0);
  return start + indentation(lineSource(lines, line)).width;
}

/**
 * A paragraph of the CommonMark parse as remark-gfm would read it: unchanged, or split into a
 * paragraph and the table that interrupts it; undefined when the line rules do not settle it.
 */
function splitParagraph(paragraph: TopLevelNode, text: string, lines: LineIndex): TopLevelNode[] | undefined {
  const first = lines.lineAt(paragraph.start);
  const last = lines.lineAt(paragraph.end);
  for (let line = first; line <= last; line++) {
    if (indentation(lineSource(lines, line)).hasTab) return undefined;
  }
  let head = -1;
  for (let line = first; line < last && head < 0; line++) {
    const source = lineSource(lines, line);
    // An indented line continues the paragraph; it cannot start a table (CommonMark §4.8).
    if (line > first && indentation(source).columns >= 4) continue;
    const cells = headerRowCells(source);
    if (cells > 0 && delimiterRowCells(lineSource(lines, line + 1)) === cells) head = line;
  }
  // A table that interrupts a paragraph ends it, and an HTML block, which could not have
  // interrupted, may then start on that line instead (micromark's reading).
  if (head > first && lineSource(lines, head).trimStart().startsWith('<')) return undefined;
  if (head < 0) return [paragraph];
  const rows = [firstNonSpace(text, lines, head)];
  for (let line = head + 2; line <= last; line++) {
    if (mayEndTable(lineSource(lines, line))) return undefined;
    rows.push(firstNonSpace(text, lines, line));
  }
  const table: TopLevelNode = { type: 'table', depth: 0, start: rows[0]!, end: paragraph.end, rows };
  if (head === first) return [table];
  return [{ type: 'paragraph', depth: 0, start: paragraph.start, end: lines.lineEnd(head - 1) }, table];
}

const LEAF_AFTER_TABLE = new Set(['heading', 'thematicBreak', 'code', 'html']);

/**
 * The blocks by the fast route: CommonMark (with footnotes) and tables found by line rules;
 * undefined when a table-like line lies where those rules do not settle it.
 */
export function parseTopLevelFast(text: string, lines: LineIndex): TopLevelNode[] | undefined {
  const nodes = topLevelNodes(parseTree(withoutTables, text), text, lines);
  const toSplit = new Set<number>();
  let k = 0;
  for (let line = 0; line < lines.lineCount; line++) {
    if (!mayBeDelimiterRow(lines.lineText(line))) continue;
    const start = lines.lineStart(line);
    while (k < nodes.length && nodes[k]!.end < start) k++;
    const node = nodes[k];
    if (node === undefined || node.start > lines.lineEnd(line)) return undefined;
    // A link definition is read with the paragraph after it, so a table may begin on its line.
    if (node.type === 'paragraph' && nodes[k - 1]?.type !== 'definition') toSplit.add(k);
    // Code and raw HTML hold no tables; anything else (a list, a quote, a setext heading) may.
    else if (node.type !== 'code' && node.type !== 'html') return undefined;
  }
  if (toSplit.size === 0) return nodes;
  const result: TopLevelNode[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (!toSplit.has(i)) {
      result.push(nodes[i]!);
      continue;
    }
    const split = splitParagraph(nodes[i]!, text, lines);
    if (split === undefined) return undefined;
    const next = nodes[i + 1];
    // A block that directly follows a table is read with the table's state (its lazy and
    // interrupt rules); only leaf blocks are settled for certain.
    if (split.at(-1)!.type === 'table' && next && lines.lineAt(next.start) === lines.lineAt(split.at(-1)!.end) + 1 && !LEAF_AFTER_TABLE.has(next.type)) {
      return undefined;
    }
    result.push(...split);
  }
  return result;
}

/** The top-level blocks of a draft as remark-gfm reads them. Never throws. */
export function parseTopLevel(text: string, lines: LineIndex): TopLevelNode[] {
  return parseTopLevelFast(text, lines) ?? parseTopLevelWithRemarkGfm(text, lines);
}

/** The top-level blocks by a full remark-gfm parse: the reference the fast route must equal. */
export function parseTopLevelWithRemarkGfm(text: string, lines: LineIndex): TopLevelNode[] {
  return topLevelNodes(parseTree(withTables, text), text, lines);
}
