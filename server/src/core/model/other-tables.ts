/**
 * Tables written in forms other than GFM — HTML `<table>` blocks and tables pasted from Word or a
 * PDF — found after the Markdown parse and put in the block list as table blocks, so every table
 * rule, hover, outline entry and fix works on them as on a GFM table.
 *
 * The Markdown parse reads such a table as raw HTML, indented code or paragraphs; those blocks
 * (or the part of them the table covers) give way to one table block. A pasted table replaces
 * them only when it is a standard table: a tab-indented paragraph stays prose.
 */
import type { LineIndex, TextRange } from '../text/lines.js';
import type { Grid } from './grid.js';
import { readHtmlTables, SlotBudget } from './html-table.js';
import type { TopLevelNode } from './markdown.js';
import { readPastedTables } from './pasted-table.js';

/** The blocks with the HTML and pasted tables in place, and the pasted grids that are no standard table. */
export interface OtherTables {
  readonly nodes: TopLevelNode[];
  /** Text laid out like a table (tabs) that is not a standard table: it stays in the blocks as it was. */
  readonly unread: readonly Grid[];
  /** Where the HTML tables' merged cells expanded past the draft's budget (html-table.ts); the draft is then not read. */
  readonly overBudget?: { readonly offset: number; readonly slots: number; readonly limit: number };
}

const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

function overlaps(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Ranges sorted by start, overlapping ones merged: which of them a range overlaps in logarithmic time. */
class RangeSet {
  readonly ranges: TextRange[] = [];

  constructor(ranges: readonly TextRange[]) {
    for (const range of [...ranges].sort((a, b) => a.start - b.start)) {
      const last = this.ranges.at(-1);
      if (last && range.start < last.end) this.ranges[this.ranges.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
      else this.ranges.push(range);
    }
  }

  /** The index of the first range ending after `offset`. */
  firstEndingAfter(offset: number): number {
    let lo = 0;
    let hi = this.ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ranges[mid]!.end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  overlaps(range: TextRange): boolean {
    const candidate = this.ranges[this.firstEndingAfter(range.start)];
    return candidate !== undefined && overlaps(candidate, range);
  }
}

/** The parts of a node outside the given ranges; white-space-only parts dropped. */
function outside(node: TopLevelNode, set: RangeSet, text: string): TopLevelNode[] {
  const cuts = set.ranges;
  const parts: TopLevelNode[] = [];
  let start = node.start;
  const push = (from: number, to: number): void => {
    let s = from;
    let e = to;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e <= s) return;
    // A piece of a GFM table node is not a table: its rows belong to the table that cut it.
    const type = node.type === 'table' ? 'paragraph' : node.type;
    parts.push({ type, depth: from === node.start ? node.depth : 0, start: s, end: e });
  };
  for (let k = set.firstEndingAfter(start); k < cuts.length && cuts[k]!.start < node.end; k++) {
    const cut = cuts[k]!;
    push(start, Math.min(cut.start, node.end));
    start = Math.max(start, cut.end);
  }
  push(start, node.end);
  return parts;
}

/** A table node for a grid. */
function tableNode(grid: Grid, lines: LineIndex): TopLevelNode {
  const end = lines.lineEnd(lines.lineAt(grid.range.end));
  const tail = end > grid.range.end && /^[ \t]*$/.test(lines.text.slice(grid.range.end, end)) ? end : grid.range.end;
  return { type: 'table', depth: 0, start: grid.range.start, end: tail, grid };
}

/**
 * The blocks of a draft with its HTML and pasted tables read. `isStandard` says whether a
 * pasted grid is a standard table (only those replace the blocks they cover).
 */
export function withOtherTables(
  nodes: readonly TopLevelNode[],
  text: string,
  lines: LineIndex,
  isStandard: (grid: Grid) => boolean,
): OtherTables {
  const grids: Grid[] = [];
  const budget = new SlotBudget();
  const hasHtml = nodes.some((n) => n.type === 'html');
  if (hasHtml) {
    const htmlNodes = new RangeSet(nodes.filter((n) => n.type === 'html'));
    const inHtml = (offset: number): boolean => htmlNodes.overlaps({ start: offset, end: offset + 1 });
    for (let i = 0; i < nodes.length && !budget.exceeded; i++) {
      const node = nodes[i]!;
      if (node.type !== 'html' || !/<table[\s>]/i.test(text.slice(node.start, node.end))) continue;
      // A table never spans a heading or a fenced code block: parse up to the next one.
      let limit = text.length;
      let last = nodes.length - 1;
      for (let j = i + 1; j < nodes.length; j++) {
        const next = nodes[j]!;
        if (next.type === 'heading' || (next.type === 'code' && FENCE.test(text.slice(next.start, next.end)))) {
          limit = next.start;
          last = j - 1;
          break;
        }
      }
      let reachedEnd = node.end;
      for (const table of readHtmlTables(text, node.start, limit, lines, budget)) {
        if (!inHtml(table.grid.range.start)) continue;
        // An unclosed table ends with the HTML it started in, not at the next heading.
        const grid = table.closed ? table.grid : { ...table.grid, rows: table.grid.rows.filter((r) => r.range.start < reachedEnd) };
        if (grid.rows.length === 0) continue;
        grids.push(grid);
        reachedEnd = Math.max(reachedEnd, grid.range.end);
      }
      // That parse read every table up to the limit, as a browser reads the HTML in order: the
      // blocks before it are not parsed again (thousands of `<table` in comments made it quadratic).
      i = last;
    }
  }
  if (budget.exceeded) return { nodes: [...nodes], unread: [], overBudget: { ...budget.exceeded, limit: budget.limit } };
  const fenced = nodes.filter((n) => n.type === 'code' && FENCE.test(text.slice(n.start, n.end)));
  const excludedRanges = new RangeSet([...fenced.map((n) => ({ start: n.start, end: n.end })), ...grids.map((g) => g.range)]);
  const excluded = (line: number): boolean => {
    const start = lines.lineStart(line);
    return excludedRanges.overlaps({ start, end: Math.max(lines.lineEnd(line), start + 1) });
  };
  const unread: Grid[] = [];
  for (const grid of readPastedTables(text, lines, excluded)) (isStandard(grid) ? grids : unread).push(grid);
  if (grids.length === 0) return { nodes: [...nodes], unread };

  grids.sort((a, b) => a.range.start - b.range.start);
  const tables = grids.map((g) => tableNode(g, lines));
  const cuts = new RangeSet(tables.map((t) => ({ start: t.start, end: t.end })));
  const result: TopLevelNode[] = [...tables];
  for (const node of nodes) {
    if (!cuts.overlaps(node)) result.push(node);
    else for (const part of outside(node, cuts, text)) result.push(part);
  }
  return { nodes: result.sort((a, b) => a.start - b.start || a.end - b.end), unread };
}
