/**
 * A Word draft (as mammoth's HTML) or a saved web page turned into a canonical Markdown draft:
 * headings, prose paragraphs as written, every standard table as the canonical GFM table of its
 * format. The HTML is read by parse5; its tables go into an intermediate draft as the HTML they
 * were, so they are read by the same HTML table reader as any draft's, and the canonical rewrite
 * (rewrite/canonical.ts) turns headings and tables into canonical Markdown. Pictures and bookmarks
 * are dropped, and a note says so.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { applyEdits } from './fixes/apply.js';
import { canonicalDocument } from './rewrite/canonical.js';
import { buildReport } from './model/report.js';
import { say, type LocalizedText } from './findings.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** The imported draft and what the import could not carry over. */
export interface ImportedDraft {
  readonly text: string;
  readonly notes: readonly LocalizedText[];
}

const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'head', 'nav', 'iframe', 'svg', 'button', 'select', 'input', 'form']);
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'center', 'li', 'dd', 'dt', 'pre', 'figure', 'figcaption', 'caption', 'address']);
const HEADINGS: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const SPACE = /[ \t\r\n\f\u00a0\u200b]+/g;

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function childrenOf(node: Node): readonly Node[] {
  return 'childNodes' in node ? (node.childNodes as readonly Node[]) : [];
}

interface Collector {
  readonly blocks: string[];
  line: string;
  images: number;
  readonly html: string;
}

function flush(c: Collector, prefix = ''): void {
  const text = c.line.replace(SPACE, ' ').trim();
  if (text !== '') c.blocks.push(prefix + text);
  c.line = '';
}

function walk(node: Node, c: Collector): void {
  for (const child of childrenOf(node)) {
    if (child.nodeName === '#text' && 'value' in child) {
      c.line += child.value;
      continue;
    }
    if (!isElement(child) || SKIPPED.has(child.tagName)) continue;
    const tag = child.tagName;
    if (tag === 'table') {
      flush(c);
      const loc = child.sourceCodeLocation;
      if (loc) c.blocks.push(c.html.slice(loc.startOffset, loc.endOffset).replace(/\r?\n|\r/g, ' '));
      continue;
    }
    if (tag === 'img') {
      c.images++;
      continue;
    }
    if (tag === 'br') {
      flush(c);
      continue;
    }
    const depth = HEADINGS[tag];
    if (depth !== undefined) {
      flush(c);
      walk(child, c);
      flush(c, `${'#'.repeat(depth)} `);
      continue;
    }
    if (BLOCKS.has(tag) || tag === 'ul' || tag === 'ol') {
      flush(c);
      walk(child, c);
      flush(c);
      continue;
    }
    walk(child, c);
  }
}

/** Converts the HTML of a Word draft or a web page into a canonical Markdown draft. Never throws. */
export function draftFromHtml(html: string): ImportedDraft {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const collector: Collector = { blocks: [], line: '', images: 0, html };
  walk(document, collector);
  flush(collector);
  const draft = `${collector.blocks.join('\n\n')}\n`;
  const { edits, blocked } = canonicalDocument(buildReport(draft));
  const notes: LocalizedText[] = [...blocked];
  if (collector.images > 0) {
    notes.push(say(`删除了 ${collector.images} 张图片（图片中的表格无法核对，请以文字表格填写）`, `${collector.images} picture(s) dropped (a table in a picture cannot be checked: write it as a text table)`));
  }
  return { text: applyEdits(draft, edits), notes };
}
