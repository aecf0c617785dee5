/**
 * A GFM table with a `<!-- nianbao-disable… -->` comment on a line of its own between two rows
 * (core/suppressions.ts). CommonMark ends the table at the comment (an HTML block interrupts
 * it), and the rows after it, having no delimiter row, are a paragraph; remark-gfm reads it so,
 * and the parse (markdown.ts) keeps agreeing with it. Here, after the parse, such a table, its
 * directive lines and the paragraph of rows right after them (no blank line anywhere, every line
 * of the paragraph a `|` row) become one table node again, so the table is read whole and the
 * directive covers the row after it. Any other comment or a blank line still ends the table.
 */
import type { LineIndex } from '../text/lines.js';
import type { TopLevelNode } from './markdown.js';

const DIRECTIVE_LINE = /^[ \t]{0,3}<!--[ \t]*nianbao-[a-z-]+(?:[ \t,][^\n]*?)?-->[ \t]*$/;
const ROW_LINE = /^[ \t]{0,3}\|/;

function linesOf(node: TopLevelNode, lines: LineIndex): { first: number; last: number } {
  return { first: lines.lineAt(node.start), last: lines.lineAt(Math.max(node.start, node.end - 1)) };
}

/** The nodes with the GFM tables that a directive line cut in two joined again. */
export function joinRowsAcrossDirectives(nodes: readonly TopLevelNode[], text: string, lines: LineIndex): TopLevelNode[] {
  if (!text.includes('nianbao-') || !nodes.some((n) => n.type === 'table')) return [...nodes];
  const result: TopLevelNode[] = [];
  for (let i = 0; i < nodes.length; i++) {
    let table = nodes[i]!;
    if (table.type !== 'table' || !table.rows) {
      result.push(table);
      continue;
    }
    for (;;) {
      let j = i + 1;
      let previous = linesOf(table, lines).last;
      // One or more directive lines, each on the line after the one before.
      while (j < nodes.length && nodes[j]!.type === 'html') {
        const span = linesOf(nodes[j]!, lines);
        if (span.first !== previous + 1 || span.last !== span.first || !DIRECTIVE_LINE.test(lines.lineText(span.first))) break;
        previous = span.last;
        j++;
      }
      const rows = nodes[j];
      if (j === i + 1 || !rows || rows.type !== 'paragraph') break;
      const span = linesOf(rows, lines);
      if (span.first !== previous + 1) break;
      const starts: number[] = [];
      for (let line = span.first; line <= span.last; line++) {
        if (!ROW_LINE.test(lines.lineText(line))) break;
        starts.push(lines.lineStart(line));
      }
      if (starts.length !== span.last - span.first + 1) break;
      table = { ...table, end: rows.end, rows: [...table.rows!, ...starts] };
      i = j;
    }
    result.push(table);
  }
  return result;
}
