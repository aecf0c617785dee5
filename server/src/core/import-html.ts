/**
 * A Word draft's HTML (mammoth) or a web page turned into a canonical Markdown draft:
 * headings, prose paragraphs as written, every standard table as the canonical GFM table of its
 * format. The HTML is read by parse5; its tables go into an intermediate draft as the HTML they
 * were, so they are read by the same HTML table reader as any draft's, and the canonical rewrite
 * (rewrite/canonical.ts) turns headings and tables into canonical Markdown. Bookmarks are dropped;
 * pictures too, and a note says so, except a picture standing where a section's standard table
 * should be: that one is marked in the draft (`table-unreadable` reports it on every check)
 * and the note names it.
 *
 * Issue 18: text stays text (`text/literal.ts`: no directive, tag or heading appears that the
 * source did not have); the work is bounded (elements counted before the parse, nesting measured
 * after it, the draft's size at the end), and past a bound the import fails with one message.
 */
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { TABLE_NAMES } from './formats/elements.js';
import { applyEdits } from './fixes/apply.js';
import { canonicalDocument } from './rewrite/canonical.js';
import { buildReport } from './model/report.js';
import { sectionName } from './formats/wording.js';
import { say, type LocalizedText, type TextEdit } from './findings.js';
import { literalLine } from './text/literal.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** The imported draft and what the import could not carry over. */
export interface ImportedDraft {
  readonly text: string;
  readonly notes: readonly LocalizedText[];
}

/** The bounds of an import, each far above a real report (a saved web page: some thousands of elements, nested tens deep). */
export const IMPORT_LIMITS = {
  /** Element tags in the HTML, counted before it is parsed. */
  elements: 300_000,
  /** How deep the parsed elements nest. */
  depth: 256,
  /** UTF-16 units of the draft made (the CLI checks 5 MB files by default). */
  draftLength: 5 * 1024 * 1024,
} as const;

const SKIPPED = new Set(['script', 'style', 'template', 'noscript', 'head', 'nav', 'iframe', 'svg', 'button', 'select', 'input', 'form']);
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'center', 'li', 'dd', 'dt', 'pre', 'figure', 'figcaption', 'caption', 'address']);
const HEADINGS: Readonly<Record<string, number>> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const SPACE = /[ \t\r\n\f\u00a0\u200b]+/g;
/** Where a picture stood, in the intermediate draft: a Markdown image, which `table-unreadable` reads as a picture. */
const PICTURE = '![统计表图片](图片未导入)';

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function childrenOf(node: Node): readonly Node[] {
  return 'childNodes' in node ? (node.childNodes as readonly Node[]) : [];
}

interface Collector {
  readonly blocks: string[];
  line: string;
  /** Pictures inside text, dropped. */
  images: number;
  /** The indexes in `blocks` of pictures that stood alone: kept only where a table should be. */
  readonly pictures: number[];
  readonly html: string;
}

function flush(c: Collector, prefix = ''): void {
  const text = c.line.replace(SPACE, ' ').trim();
  if (text !== '') c.blocks.push(prefix + literalLine(text));
  c.line = '';
}

/** The source of a table without what is no table content: comments, scripts, styles. */
function tableSource(table: Element, html: string): string {
  const loc = table.sourceCodeLocation!;
  const cuts: { start: number; end: number }[] = [];
  const stack: Node[] = [...childrenOf(table)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const at = node.sourceCodeLocation;
    if ((node.nodeName === '#comment' || (isElement(node) && SKIPPED.has(node.tagName))) && at) cuts.push({ start: at.startOffset, end: at.endOffset });
    else stack.push(...childrenOf(node));
  }
  cuts.sort((a, b) => a.start - b.start);
  let out = '';
  let from = loc.startOffset;
  for (const cut of cuts) {
    if (cut.start < from) continue;
    out += html.slice(from, cut.start);
    from = cut.end;
  }
  return (out + html.slice(from, loc.endOffset)).replace(/\r?\n|\r/g, ' ');
}

/** A sub-heading's numbering: （一）, (二), 一是 is no heading. */
const SUBHEADING = /^[（(][一二三四五六七八九十]{1,3}[）)]/;
const BOLD_STYLE = /font-weight\s*:\s*(?:bold|[6-9]00)/i;

/** Whether an element makes its text bold (<strong>, <b>, or a bold font-weight). */
function isBold(element: Element): boolean {
  if (element.tagName === 'strong' || element.tagName === 'b') return true;
  const style = element.attrs.find((a) => a.name === 'style')?.value;
  return style !== undefined && BOLD_STYLE.test(style);
}

/**
 * Whether a paragraph is a sub-heading written as a bold Normal paragraph, as Word drafts have
 * them (issue 20: 「（一）主动公开情况」 all bold, short, numbered （一）): its text, all of it
 * bold, at most 40 characters, with no full stop before its end.
 */
function isBoldSubheading(paragraph: Element): boolean {
  let all = '';
  let bold = '';
  const stack: [Node, boolean][] = [[paragraph, isBold(paragraph)]];
  while (stack.length > 0) {
    const [node, inBold] = stack.pop()!;
    if (node.nodeName === '#text' && 'value' in node) {
      all += node.value;
      if (inBold) bold += node.value;
      continue;
    }
    if (!isElement(node)) continue;
    if (node.tagName === 'img' || node.tagName === 'table') return false;
    for (const child of [...childrenOf(node)].reverse()) stack.push([child, inBold || (isElement(child) && isBold(child))]);
  }
  const text = all.replace(SPACE, '');
  return text.length > 0 && text.length <= 40 && text === bold.replace(SPACE, '') && SUBHEADING.test(text) && !/[。；;]./.test(text);
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
      if (child.sourceCodeLocation) c.blocks.push(tableSource(child, c.html));
      continue;
    }
    if (tag === 'img') {
      if (c.line.trim() === '') {
        c.pictures.push(c.blocks.length);
        c.blocks.push(PICTURE);
      } else c.images++;
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
    if (tag === 'p' && isBoldSubheading(child)) {
      flush(c);
      walk(child, c);
      flush(c, '### ');
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

/** Element tags in the HTML (`<` and a letter): at least as many as parse5 makes elements of them. */
function countTags(html: string): number {
  let count = 0;
  for (let at = html.indexOf('<'); at >= 0; at = html.indexOf('<', at + 1)) {
    const next = html.charCodeAt(at + 1) | 0x20;
    if (next >= 0x61 && next <= 0x7a) count++;
  }
  return count;
}

/** Whether the parsed elements nest deeper than `limit`; measured without recursion. */
function nestsDeeper(root: Node, limit: number): boolean {
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const child of childrenOf(node)) if (isElement(child)) stack.push([child, depth + 1]);
  }
  return false;
}

/** Where each picture that stood alone is in the intermediate draft's text. */
function pictureOffsets(blocks: readonly string[], pictures: readonly number[]): number[] {
  const offsets: number[] = [];
  let at = 0;
  let next = 0;
  blocks.forEach((block, i) => {
    if (pictures[next] === i) {
      offsets.push(at);
      next++;
    }
    at += block.length + 2;
  });
  return offsets;
}

/**
 * Converts the HTML of a Word draft or a web page into a canonical Markdown draft, or says which
 * bound it went past. Never throws.
 */
export function draftFromHtml(html: string): ImportedDraft | { readonly error: LocalizedText } {
  const tags = countTags(html);
  if (tags > IMPORT_LIMITS.elements) {
    return { error: say(`其中的元素过多（${tags} 个，上限 ${IMPORT_LIMITS.elements} 个），未导入`, `it holds too many elements (${tags}, the limit is ${IMPORT_LIMITS.elements}); not imported`) };
  }
  const document = parse(html, { sourceCodeLocationInfo: true });
  if (nestsDeeper(document, IMPORT_LIMITS.depth)) {
    return { error: say(`其中的元素嵌套过深（上限 ${IMPORT_LIMITS.depth} 层），未导入`, `its elements nest too deep (the limit is ${IMPORT_LIMITS.depth} levels); not imported`) };
  }
  const collector: Collector = { blocks: [], line: '', images: 0, pictures: [], html };
  walk(document, collector);
  flush(collector);
  const draft = `${collector.blocks.join('\n\n')}\n`;
  const report = buildReport(draft);
  if (report.inputLimit) {
    const { kind, limit } = report.inputLimit;
    return {
      error:
        kind === 'tableSlots'
          ? say(`其中表格的合并单元格（rowspan/colspan）过多：展开后超过 ${limit} 格（上限），未导入`, `its tables merge too many cells (rowspan/colspan): they expand past ${limit} slots (the limit); not imported`)
          : say('其中的结构过于复杂（嵌套过深或行过长，见 document-too-complex 规则的说明），未导入', 'its structure is too complex (nested too deep or lines too long; see the rule document-too-complex); not imported'),
    };
  }
  const { edits, blocked } = canonicalDocument(report);
  const notes: LocalizedText[] = [...blocked];
  // A picture where a section's standard table should be stays marked; any other is dropped.
  const removed: TextEdit[] = [];
  let dropped = collector.images;
  for (const at of pictureOffsets(collector.blocks, collector.pictures)) {
    const section = report.sections.sections.find((s) => s.range.start <= at && at < s.range.end);
    const table = section?.def.table;
    if (section && table && !report.tables[table]) {
      const where = sectionName(section.def);
      notes.push(
        say(
          `${where.zh}中的${TABLE_NAMES[table].zh.slice(0, 2)}是一张图片，无法导入和核对，已在草稿中标出（${PICTURE}）：请以文字表格填写`,
          `${TABLE_NAMES[table].en} under ${where.en} is a picture, which cannot be imported or checked; it is marked in the draft (${PICTURE}): write it as a text table`,
        ),
      );
      continue;
    }
    dropped++;
    removed.push({ range: { start: at, end: Math.min(draft.length, at + PICTURE.length + 2) }, newText: '' });
  }
  if (dropped > 0) {
    notes.push(say(`删除了 ${dropped} 张图片（图片中的表格无法核对，请以文字表格填写）`, `${dropped} picture(s) dropped (a table in a picture cannot be checked: write it as a text table)`));
  }
  const text = applyEdits(draft, [...edits, ...removed].sort((a, b) => a.range.start - b.range.start));
  if (text.length > IMPORT_LIMITS.draftLength) {
    return { error: say(`导入的草稿超过 ${IMPORT_LIMITS.draftLength} 个字符（上限），未导入`, `the imported draft would be longer than ${IMPORT_LIMITS.draftLength} characters (the limit); not imported`) };
  }
  return { text, notes };
}
