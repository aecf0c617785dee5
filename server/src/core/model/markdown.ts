/**
 * The one Markdown parse of a draft: unified + remark-parse + remark-gfm (GFM tables).
 */
import type { Node, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

/** Moves every position of a tree `by` UTF-16 units further into the first line. */
function shiftPositions(node: Node & { children?: Node[] }, by: number): void {
  for (const point of node.position ? [node.position.start, node.position.end] : []) {
    if (point.offset !== undefined) point.offset += by;
    if (point.line === 1) point.column += by;
  }
  for (const child of node.children ?? []) shiftPositions(child, by);
}

/** Parses Markdown into an mdast tree with positions (offsets into `text`). */
export function parseMarkdown(text: string): Root {
  const root = processor.parse(text);
  // micromark drops a leading byte order mark and counts offsets from after it: count from the start of `text`.
  if (text.startsWith('\ufeff')) shiftPositions(root, 1);
  return root;
}
