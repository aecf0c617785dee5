/**
 * Where the text of a draft read from another form came from (issue 22): a Word paragraph, a PDF
 * page, a line of a saved web page. A draft made from a .docx, a page or a PDF is Markdown with
 * HTML tables that nobody sees; its findings are told in the source's own terms through this map.
 */

/** The forms a report arrives in. */
export type ReportForm = 'markdown' | 'text' | 'docx' | 'html' | 'pdf';

/** One block of the draft (a paragraph, a heading or a table) and its origin. */
export interface SourceBlock {
  /** Its range in the draft. */
  readonly start: number;
  readonly end: number;
  /** .docx: the paragraph's number in the document (1-based, tables' paragraphs not counted). */
  readonly paragraph?: number;
  /** PDF: the page (1-based) the block starts on. */
  readonly page?: number;
  /** PDF tables: the page of each row, in the order of the table's rows. */
  readonly rowPages?: readonly number[];
}

/** A stretch of the draft copied from the source: draft offset → source offset (saved web pages). */
export interface SourceSegment {
  readonly draft: number;
  readonly source: number;
  readonly length: number;
}

/** The map of a draft made from a source form. */
export interface SourceMap {
  readonly blocks: readonly SourceBlock[];
  /** Sorted by `draft`; a web page's text copied verbatim (its tables) or where each block's text starts. */
  readonly segments?: readonly SourceSegment[];
  /** The source's text (a web page, decoded): its lines are the positions shown. */
  readonly sourceText?: string;
}

/** The block of the map holding a draft offset (the last one starting at or before it). */
export function blockAt(map: SourceMap, offset: number): SourceBlock | undefined {
  return lastAtOrBefore(map.blocks, (block) => block.start, offset);
}

/** The last of `items` (sorted by `start`) whose start is at or before `offset`. */
function lastAtOrBefore<T>(items: readonly T[], start: (item: T) => number, offset: number): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  let found: T | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (start(items[mid]!) <= offset) {
      found = items[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The source offset of a draft offset: exact inside a copied stretch, else the start of the stretch before it. */
export function sourceOffset(map: SourceMap, offset: number): number | undefined {
  const segments = map.segments;
  if (!segments || segments.length === 0) return undefined;
  const found = lastAtOrBefore(segments, (segment) => segment.draft, offset);
  if (!found) return segments[0]!.source;
  return found.source + Math.min(offset - found.draft, found.length);
}
