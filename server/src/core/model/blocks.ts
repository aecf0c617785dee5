/**
 * The draft as a flat list of top-level blocks and of the lines that could be headings.
 * Word-converted drafts write headings as ATX headings, bold lines or plain lines
 * (markdown-convention.md "Headings"), so every line of a paragraph is a candidate.
 */
import { readGrid, type Grid } from './grid.js';
import type { TopLevelNode } from './markdown.js';
import { stripInlineMarkup, trimAll } from '../text/normalize.js';
import type { LineIndex, TextRange } from '../text/lines.js';

/** A top-level block of the document. */
export interface Block {
  readonly type: 'heading' | 'paragraph' | 'table' | 'html' | 'list' | 'other';
  /** Heading depth 1–6; 0 for other blocks. */
  readonly depth: number;
  readonly range: TextRange;
  readonly startLine: number;
  readonly endLine: number;
  /** The cells of a table block, GFM, HTML or pasted (the mdast node itself is not kept: it is many times larger). */
  readonly grid?: Grid;
}

/** A line that may be a heading: an ATX heading, a bold line or a plain paragraph line. */
export interface HeadingLine {
  readonly style: 'heading' | 'bold' | 'plain';
  /** ATX depth, 0 for bold and plain lines. */
  readonly depth: number;
  /** 0-based line. */
  readonly line: number;
  /** The whole line. */
  readonly range: TextRange;
  /** The heading text without `#`, `**` and surrounding white space. */
  readonly content: TextRange;
  /** The content text, inline markup removed. */
  readonly text: string;
  /** Index of the block in {@link DocumentBlocks.blocks}. */
  readonly block: number;
}

/** Blocks and heading candidates of one document. */
export interface DocumentBlocks {
  readonly blocks: readonly Block[];
  readonly lines: readonly HeadingLine[];
  /**
   * The last block is raw HTML or a fenced code block that the end of the text leaves open
   * (an unclosed `<!--` or fence): anything appended to the text would become part of it.
   */
  readonly endsOpen: boolean;
}

function blockType(node: TopLevelNode): Block['type'] {
  switch (node.type) {
    case 'heading':
    case 'paragraph':
    case 'table':
    case 'html':
    case 'list':
      return node.type as Block['type'];
    default:
      return 'other';
  }
}

/** Raw HTML blocks that only their own end marker closes, whatever follows (CommonMark §4.6, kinds 1–5). */
const CLOSED_ONLY_BY: readonly (readonly [RegExp, RegExp])[] = [
  [/^[ \t]{0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^[ \t]{0,3}<!--/, /-->/],
  [/^[ \t]{0,3}<\?/, /\?>/],
  [/^[ \t]{0,3}<![A-Za-z]/, />/],
  [/^[ \t]{0,3}<!\[CDATA\[/, /\]\]>/],
];
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

/** Whether the end of the text leaves a top-level block open (its Markdown source given). */
function leftOpen(node: TopLevelNode, source: string): boolean {
  if (node.type === 'html') {
    for (const [opener, closer] of CLOSED_ONLY_BY) {
      const open = opener.exec(source);
      if (open) return !closer.test(source.slice(open[0].length));
    }
    return false;
  }
  if (node.type !== 'code') return false;
  const fence = FENCE.exec(source);
  if (!fence) return false;
  const lines = source.split(/\r\n|\r|\n/);
  const last = lines.at(-1)!.trim();
  return lines.length < 2 || !(last.startsWith(fence[1]!) && /^(`+|~+)$/.test(last));
}

const ATX = /^[ \t]{0,3}(#{1,6})(?:[ \t]+|$)/;
const CLOSING_HASHES = /[ \t]+#+[ \t]*$/;
const WS = '[\\s\\u00a0\\u3000]';

function contentOf(text: string, start: number, end: number, style: HeadingLine['style']): TextRange {
  let s = start;
  let e = end;
  let line = text.slice(s, e);
  if (style === 'heading') {
    const atx = ATX.exec(line);
    if (atx) s += atx[0].length;
    line = text.slice(s, e);
    const closing = CLOSING_HASHES.exec(line);
    if (closing) e -= closing[0].length;
  }
  line = text.slice(s, e);
  const lead = new RegExp(`^${WS}*`).exec(line)![0].length;
  const trail = new RegExp(`${WS}*$`).exec(line)![0].length;
  s += lead;
  e -= trail;
  if (style === 'bold') {
    const inner = /^(\*\*|__)([\s\S]*)\1$/.exec(text.slice(s, e));
    if (inner) {
      s += 2;
      e -= 2;
      const t = text.slice(s, e);
      s += new RegExp(`^${WS}*`).exec(t)![0].length;
      e -= new RegExp(`${WS}*$`).exec(text.slice(s, e))![0].length;
    }
  }
  return { start: s, end: Math.max(s, e) };
}

/** Splits the top level of the parse into blocks and heading candidates. */
export function collectBlocks(nodes: readonly TopLevelNode[], text: string, index: LineIndex): DocumentBlocks {
  const blocks: Block[] = [];
  const lines: HeadingLine[] = [];
  let endsOpen = false;
  for (const node of nodes) {
    const { start, end } = node;
    const type = blockType(node);
    const block: Block = {
      type,
      depth: node.depth,
      range: { start, end },
      startLine: index.lineAt(start),
      endLine: index.lineAt(end),
      ...(node.grid ? { grid: node.grid } : node.rows ? { grid: readGrid(node.rows, { start, end }, text, index) } : {}),
    };
    const blockIndex = blocks.push(block) - 1;
    endsOpen = leftOpen(node, text.slice(start, end));
    if (type !== 'heading' && type !== 'paragraph') continue;
    for (let line = block.startLine; line <= block.endLine; line++) {
      const lineStart = Math.max(index.lineStart(line), start);
      const lineEnd = Math.min(index.lineEnd(line), end);
      const raw = text.slice(lineStart, lineEnd);
      if (trimAll(raw) === '') continue;
      const trimmed = trimAll(raw);
      const style: HeadingLine['style'] =
        type === 'heading' ? 'heading' : /^(\*\*|__)[\s\S]+\1$/.test(trimmed) ? 'bold' : 'plain';
      const content = contentOf(text, lineStart, lineEnd, style);
      lines.push({
        style,
        depth: block.depth,
        line,
        range: { start: lineStart, end: lineEnd },
        content,
        text: stripInlineMarkup(text.slice(content.start, content.end)),
        block: blockIndex,
      });
    }
  }
  return { blocks, lines, endsOpen };
}
