/**
 * The one Markdown parse of a draft: unified + remark-parse + remark-gfm (GFM tables).
 */
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

/** Parses Markdown into an mdast tree with positions (offsets into `text`). */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}
