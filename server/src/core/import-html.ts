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
import { buildReport, type Report } from './model/report.js';
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
  /** Where each block came from, in the order of `blocks`. */
  readonly origins: BlockOrigin[];
  line: string;
  /** Source offset of the first text of the open line. */
  lineSource: number | undefined;
  /** The Word paragraph (p, h1–h6, li outside tables) being read, counted from 1. */
  paragraph: number;
  /** Pictures inside text, dropped. */
  images: number;
  /** The indexes in `blocks` of pictures that stood alone: kept only where a table should be. */
  readonly pictures: number[];
  readonly html: string;
  /** A saved web page: the report is found inside it, menus, breadcrumbs and footers left out. */
  readonly page: boolean;
}

/** Where a block of the intermediate draft came from in the HTML. */
export interface BlockOrigin {
  /** Offset in the HTML of its first text. */
  readonly source: number;
  /** The Word paragraph it is (p, h1–h6, li outside tables, 1-based); 0 for a table. */
  readonly paragraph: number;
  /** A table: the stretches of its HTML copied verbatim, as offsets into the block and the HTML. */
  readonly copied?: readonly { readonly offset: number; readonly source: number; readonly length: number }[];
}

function flush(c: Collector, prefix = ''): void {
  const text = c.line.replace(SPACE, ' ').trim();
  if (text !== '') {
    c.blocks.push(prefix + literalLine(text));
    c.origins.push({ source: c.lineSource ?? 0, paragraph: c.paragraph });
  }
  c.line = '';
  c.lineSource = undefined;
}

/** The source of a table without what is no table content (comments, scripts, styles), and the stretches kept. */
function tableSource(table: Element, html: string): { text: string; copied: { offset: number; source: number; length: number }[] } {
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
  const copied: { offset: number; source: number; length: number }[] = [];
  const keep = (from: number, to: number): void => {
    if (to <= from) return;
    copied.push({ offset: out.length, source: from, length: to - from });
    out += html.slice(from, to);
  };
  let from = loc.startOffset;
  for (const cut of cuts) {
    if (cut.start < from) continue;
    keep(from, cut.start);
    from = cut.end;
  }
  keep(from, loc.endOffset);
  // One line; every line break a space of its own, so offsets stay those of the source.
  return { text: out.replace(/[\r\n]/g, ' '), copied };
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

/** Class and id words of a web page's furniture: menus, breadcrumbs, sidebars, footers, sharing bars. */
const FURNITURE = /(^|[\s_-])(nav|navbar|menu|menus|breadcrumbs?|crumbs?|position|location|sidebar|side|aside|footer|foot|bottom|header|head|topbar|top|banner|share|toolbar|copyright|login|search|related|links?|friend|pager|pagination|print|tools?)([\s_-]|$)/i;
const FURNITURE_TAGS = new Set(['nav', 'header', 'footer', 'aside']);

function attribute(element: Element, name: string): string {
  return element.attrs.find((a) => a.name === name)?.value ?? '';
}

/** Whether an element of a saved page is furniture around the report rather than part of it. */
function isFurniture(element: Element): boolean {
  if (FURNITURE_TAGS.has(element.tagName)) return true;
  return FURNITURE.test(attribute(element, 'class')) || FURNITURE.test(attribute(element, 'id'));
}

function walk(node: Node, c: Collector, depth = 0): void {
  for (const child of childrenOf(node)) {
    if (child.nodeName === '#text' && 'value' in child) {
      if (c.lineSource === undefined && child.value.trim() !== '') c.lineSource = child.sourceCodeLocation?.startOffset;
      c.line += child.value;
      continue;
    }
    if (!isElement(child) || SKIPPED.has(child.tagName)) continue;
    if (c.page && isFurniture(child)) continue;
    const tag = child.tagName;
    if (tag === 'table') {
      flush(c);
      if (child.sourceCodeLocation) {
        const { text, copied } = tableSource(child, c.html);
        c.blocks.push(text);
        c.origins.push({ source: child.sourceCodeLocation.startOffset, paragraph: 0, copied });
      }
      continue;
    }
    if (tag === 'img') {
      if (c.line.trim() === '') {
        c.pictures.push(c.blocks.length);
        c.blocks.push(PICTURE);
        c.origins.push({ source: child.sourceCodeLocation?.startOffset ?? 0, paragraph: c.paragraph });
      } else c.images++;
      continue;
    }
    if (tag === 'br') {
      flush(c);
      continue;
    }
    const level = HEADINGS[tag];
    if (level !== undefined) {
      flush(c);
      c.paragraph++;
      walk(child, c, depth + 1);
      flush(c, `${'#'.repeat(level)} `);
      continue;
    }
    if (tag === 'p' && isBoldSubheading(child)) {
      flush(c);
      c.paragraph++;
      walk(child, c, depth + 1);
      flush(c, '### ');
      continue;
    }
    if (BLOCKS.has(tag) || tag === 'ul' || tag === 'ol') {
      flush(c);
      if (tag === 'p' || tag === 'li') c.paragraph++;
      walk(child, c, depth + 1);
      flush(c);
      continue;
    }
    walk(child, c, depth + 1);
  }
}

/** Words of the six section headings (formats.md §2), to find where a page holds its report. */
const SECTION_WORDS = [/总体情况/, /主动公开政府信息/, /收到和处理政府信息公开申请/, /行政复议、?行政诉讼/, /存在的主要问题/, /其他需要报告的事项/];

/** The text of an element's subtree, without scripts and styles. */
function textOf(node: Node, limit = 200_000): string {
  let out = '';
  const stack: Node[] = [node];
  while (stack.length > 0 && out.length < limit) {
    const n = stack.pop()!;
    if (n.nodeName === '#text' && 'value' in n) out += n.value;
    else if (!isElement(n) || !SKIPPED.has(n.tagName)) {
      const children = childrenOf(n);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return out;
}

/** The section (0–5) a short text names as a heading would, or -1. */
function sectionOfHeading(text: string): number {
  const t = text.replace(SPACE, '');
  if (t.length === 0 || t.length > 40) return -1;
  return SECTION_WORDS.findIndex((w) => w.test(t));
}

/**
 * Where a saved page holds its report: the deepest element that holds as many of the six sections'
 * headings (short blocks naming them) as the whole page (menus, breadcrumbs and footers are beside
 * it, and a paragraph that names all six in a sentence is no heading of any), and the title when it
 * stands outside that element (a page's own heading above the article).
 */
function reportOfPage(document: Node): { root: Node; title: Element | undefined } {
  const named = new Map<Node, Set<number>>();
  const stack: Node[] = [document];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isElement(n) && SKIPPED.has(n.tagName)) continue;
    if (isElement(n) && (BLOCKS.has(n.tagName) || HEADINGS[n.tagName] !== undefined)) {
      const section = sectionOfHeading(textOf(n, 200));
      if (section >= 0) {
        for (let up: Node | null = n; up; up = (up as { parentNode?: Node | null }).parentNode ?? null) {
          let set = named.get(up);
          if (!set) named.set(up, (set = new Set()));
          set.add(section);
        }
      }
    }
    stack.push(...childrenOf(n));
  }
  const total = named.get(document)?.size ?? 0;
  if (total < 3) return { root: document, title: undefined };
  let root: Node = document;
  for (;;) {
    const inner = childrenOf(root).find((e) => (named.get(e)?.size ?? 0) >= total);
    if (!inner) break;
    root = inner;
  }
  // The title: the last element before the root that says it is an annual report (and holds no smaller one that does).
  let title: Element | undefined;
  const path: Node[] = [document];
  while (path.length > 0) {
    const n = path.pop()!;
    if (n === root) break;
    if (isElement(n)) {
      if (SKIPPED.has(n.tagName) || isFurniture(n)) continue;
      const text = textOf(n, 400).trim();
      const says = (t: string): boolean => /政府信息公开/.test(t) && /年度报告|年报/.test(t);
      if (text.length <= 80 && says(text) && !childrenOf(n).some((k) => isElement(k) && says(textOf(k, 400)))) title = n;
    }
    const children = childrenOf(n);
    for (let i = children.length - 1; i >= 0; i--) path.push(children[i]!);
  }
  return { root, title };
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

/** How an HTML source is read. */
export interface HtmlReadOptions {
  /** A saved web page: the report is found inside the page, its menus, breadcrumbs, sidebars and footers left out. */
  readonly page?: boolean;
}

/** The intermediate draft of an HTML source: its text, where each block came from, and what was dropped. */
export interface HtmlDraft {
  /** Markdown with the source's tables as HTML, one block per paragraph, heading or table. */
  readonly text: string;
  /** The offset of each block in `text` and where it came from. */
  readonly blocks: readonly (BlockOrigin & { readonly start: number; readonly end: number })[];
  readonly report: Report;
  /** Offsets of pictures that stood alone (where a table may have been). */
  readonly pictures: readonly number[];
  /** Pictures inside text, dropped. */
  readonly images: number;
}

/**
 * Reads the HTML of a Word draft or a web page as a draft with its tables as HTML (what the
 * checker reads of a .docx or a saved page), or says which bound it went past. Never throws.
 */
export function readHtmlDraft(html: string, options: HtmlReadOptions = {}): HtmlDraft | { readonly error: LocalizedText } {
  const tags = countTags(html);
  if (tags > IMPORT_LIMITS.elements) {
    return { error: say(`其中的元素过多（${tags} 个，上限 ${IMPORT_LIMITS.elements} 个），未读取`, `it holds too many elements (${tags}, the limit is ${IMPORT_LIMITS.elements}); not read`) };
  }
  const document = parse(html, { sourceCodeLocationInfo: true });
  if (nestsDeeper(document, IMPORT_LIMITS.depth)) {
    return { error: say(`其中的元素嵌套过深（上限 ${IMPORT_LIMITS.depth} 层），未读取`, `its elements nest too deep (the limit is ${IMPORT_LIMITS.depth} levels); not read`) };
  }
  const page = options.page === true;
  const collector: Collector = { blocks: [], origins: [], line: '', lineSource: undefined, paragraph: 0, images: 0, pictures: [], html, page };
  if (page) {
    const { root, title } = reportOfPage(document);
    if (title) {
      walk({ nodeName: '#document-fragment', childNodes: [title] } as unknown as Node, collector);
      flush(collector);
      const at = collector.blocks.length - 1;
      if (at >= 0 && !collector.blocks[at]!.startsWith('#')) collector.blocks[at] = `# ${collector.blocks[at]}`;
    }
    walk(root, collector);
  } else walk(document, collector);
  flush(collector);
  const text = `${collector.blocks.join('\n\n')}\n`;
  const blocks: (BlockOrigin & { start: number; end: number })[] = [];
  let at = 0;
  collector.blocks.forEach((block, i) => {
    blocks.push({ ...collector.origins[i]!, start: at, end: at + block.length });
    at += block.length + 2;
  });
  const report = buildReport(text);
  if (report.inputLimit) {
    const { kind, limit } = report.inputLimit;
    return {
      error:
        kind === 'tableSlots'
          ? say(`其中表格的合并单元格（rowspan/colspan）过多：展开后超过 ${limit} 格（上限），未读取`, `its tables merge too many cells (rowspan/colspan): they expand past ${limit} slots (the limit); not read`)
          : say('其中的结构过于复杂（嵌套过深或行过长，见 document-too-complex 规则的说明），未读取', 'its structure is too complex (nested too deep or lines too long; see the rule document-too-complex); not read'),
    };
  }
  return { text, blocks, report, pictures: pictureOffsets(collector.blocks, collector.pictures), images: collector.images };
}

/**
 * Converts the HTML of a Word draft or a web page into a canonical Markdown draft, or says which
 * bound it went past. Never throws.
 */
export function draftFromHtml(html: string, options: HtmlReadOptions = {}): ImportedDraft | { readonly error: LocalizedText } {
  const read = readHtmlDraft(html, options);
  if ('error' in read) return { error: { zh: read.error.zh.replace(/未读取$/, '未导入'), en: read.error.en.replace(/not read$/, 'not imported') } };
  const { report, text: draft } = read;
  const { edits, blocked } = canonicalDocument(report);
  const notes: LocalizedText[] = [...blocked];
  // A picture where a section's standard table should be stays marked; any other is dropped.
  const removed: TextEdit[] = [];
  let dropped = read.images;
  for (const at of read.pictures) {
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

/**
 * A draft read from another form (a PDF's text and tables) turned into a canonical Markdown draft:
 * headings, tables as canonical GFM tables with only the rows and cells they have. Never throws.
 */
export function draftFromText(text: string): ImportedDraft | { readonly error: LocalizedText } {
  const report = buildReport(text);
  if (report.inputLimit) return { error: say('其中的结构过于复杂（见 document-too-complex 规则的说明），未导入', 'its structure is too complex (see the rule document-too-complex); not imported') };
  const { edits, blocked } = canonicalDocument(report);
  const out = applyEdits(text, edits);
  if (out.length > IMPORT_LIMITS.draftLength) {
    return { error: say(`导入的草稿超过 ${IMPORT_LIMITS.draftLength} 个字符（上限），未导入`, `the imported draft would be longer than ${IMPORT_LIMITS.draftLength} characters (the limit); not imported`) };
  }
  return { text: out, notes: blocked };
}
