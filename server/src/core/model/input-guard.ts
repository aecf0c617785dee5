/**
 * The input guard: one linear pass over a draft, before the one parse, that tells whether the
 * parse could take seconds or minutes. micromark's cost is super-linear in a few shapes no real
 * draft has (bench/README.md "Pathological input" has the measurements):
 *
 * - container nesting: every line walks every open list item and block quote, and one line of
 *   4,000 nested `- ` takes about 7 s (the cost grows with the square of the depth);
 * - lines inside containers: the same walk, per line — 10,000 lines 64 quotes deep take 15 s;
 * - setext headings (`===`/`---` underlines): each one rewrites the event list of the whole
 *   document so far (micromark's `EditMap`), so 1,000 of them after 40,000 lines take 15 s;
 * - inline delimiters (`*`, `_`, `~`, `[`, `]`) in one paragraph: matching them is quadratic,
 *   and the remark-gfm route (markdown.ts) parses inline syntax: 64,000 of them take 27 s;
 * - a very long line: linear in the parse, but the rules' findings on it are not (one line of
 *   1,000,000 characters of report prose overflowed the stack in `checkReport`).
 *
 * The pass over-estimates where CommonMark is subtle (lazy continuation lines keep their
 * containers; HTML blocks are read as text), never under-estimates a shape that is slow. It
 * stops at the first bound exceeded, so it is linear even when a line holds 20,000 markers.
 * Pure, like the rest of the core.
 */
import type { LineIndex, TextRange } from '../text/lines.js';

/** What bound a draft exceeded. */
export type InputLimitKind = 'depth' | 'nestedLines' | 'setext' | 'inline' | 'lineLength' | 'tableSlots';

/** The bounds of {@link guardInput}. Each is far above any real draft (real drafts nest at most 4 levels). */
export interface InputLimits {
  /** List items and block quotes open on one line. */
  readonly depth: number;
  /** The sum over all lines of the containers open on each (a line in 3 nested lists counts 3). */
  readonly nestedLines: number;
  /** The sum over the setext underlines of their 1-based line numbers (each costs the whole document before it). */
  readonly setext: number;
  /** `*`, `_`, `~`, `[` and `]` in one paragraph (lines without `|`, whose cells are parsed one by one). */
  readonly inline: number;
  /** UTF-16 units in one line. */
  readonly lineLength: number;
  /**
   * Slots the HTML tables of a draft expand to, merged cells counted by what they cover: measured
   * while the tables are read after the parse (html-table.ts `SlotBudget`), not by this pass.
   */
  readonly tableSlots: number;
}

/** The default bounds; bench/README.md "Pathological input" gives the measurements behind them. */
export const INPUT_LIMITS: InputLimits = {
  depth: 64,
  nestedLines: 10_000,
  setext: 500_000,
  inline: 2_000,
  lineLength: 200_000,
  tableSlots: 50_000,
};

/** A bound a draft exceeded, and where. */
export interface InputLimit {
  readonly kind: InputLimitKind;
  /** The 0-based line where the bound was exceeded. */
  readonly line: number;
  /** That line (its text, without the line break). */
  readonly range: TextRange;
  /** What was measured there: the depth on that line, the sum so far, the count in the paragraph, the line's length. */
  readonly value: number;
  /** The bound it exceeded. */
  readonly limit: number;
}

interface Container {
  readonly quote: boolean;
  /** For a list item, the column its content starts at; later lines indented so far continue it. */
  readonly column: number;
}

interface Fence {
  readonly marker: number;
  readonly length: number;
  /** The containers open when it started: a line that does not continue them all ends it. */
  readonly depth: number;
}

const SPACE = 32;
const TAB = 9;
const GT = 62;
const DASH = 45;
const STAR = 42;
const PLUS = 43;
const UNDERSCORE = 95;
const TILDE = 126;
const BACKTICK = 96;
const EQUALS = 61;
const PIPE = 124;

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

function nextColumn(code: number, column: number): number {
  return code === TAB ? column + 4 - (column % 4) : column + 1;
}

/**
 * Where the thematic break (`- - -`, `***`, `___`; it wins over a list item, CommonMark §5.2)
 * that may end a line can start: the first offset from which the line holds only one marker
 * character and white space. Computed once a line, so checking each of 64 markers stays linear.
 */
function breakTail(text: string, start: number, end: number): { readonly from: number; readonly marker: number } {
  let i = end;
  while (i > start && isSpace(text.charCodeAt(i - 1))) i--;
  const marker = i > start ? text.charCodeAt(i - 1) : -1;
  if (marker !== DASH && marker !== STAR && marker !== UNDERSCORE) return { from: end + 1, marker };
  while (i > start && (text.charCodeAt(i - 1) === marker || isSpace(text.charCodeAt(i - 1)))) i--;
  return { from: i, marker };
}

/** Whether the line from `from` is a thematic break, given its {@link breakTail}. */
function thematicBreak(text: string, from: number, end: number, tail: { readonly from: number; readonly marker: number }): boolean {
  if (from < tail.from || text.charCodeAt(from) !== tail.marker) return false;
  let count = 0;
  for (let i = from; i < end && count < 3; i++) if (text.charCodeAt(i) === tail.marker) count++;
  return count >= 3;
}

/** Whether `text[from, end)` holds the character. */
function holds(text: string, from: number, end: number, code: number): boolean {
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === code) return true;
  return false;
}

/**
 * Measures a draft against the bounds; the first bound exceeded, or undefined when the parse
 * is safe. Linear in the length of the text.
 */
export function guardInput(text: string, lines: LineIndex, limits: InputLimits = INPUT_LIMITS): InputLimit | undefined {
  const slots = guardTableSlots(text, lines, limits.tableSlots);
  if (slots) return slots;
  const stack: Container[] = [];
  let fence: Fence | undefined;
  let nestedLines = 0;
  let setext = 0;
  let inline = 0;
  let previousText = false;
  for (let line = 0; line < lines.lineCount; line++) {
    const start = lines.lineStart(line);
    const end = lines.lineEnd(line);
    const over = (kind: Exclude<InputLimitKind, 'tableSlots'>, value: number): InputLimit => ({ kind, line, range: { start, end }, value, limit: limits[kind] });
    if (end - start > limits.lineLength) return over('lineLength', end - start);
    let firstText = start;
    while (firstText < end && isSpace(text.charCodeAt(firstText))) firstText++;
    const blank = firstText === end;

    // The containers this line continues: a quote by its `>`, a list item by indentation.
    let at = start;
    let column = 0;
    let matched = 0;
    for (const container of stack) {
      let q = at;
      let c = column;
      while (q < end && isSpace(text.charCodeAt(q)) && (container.quote ? c - column < 4 : c < container.column)) c = nextColumn(text.charCodeAt(q++), c);
      if (container.quote) {
        if (c - column > 3 || text.charCodeAt(q) !== GT) break;
        at = q + 1;
        column = c + 1;
        if (isSpace(text.charCodeAt(at))) column = nextColumn(text.charCodeAt(at++), column);
      } else {
        if (!blank && c < container.column) break;
        at = q;
        column = c;
      }
      matched++;
    }
    if (fence && matched < fence.depth) fence = undefined;

    // The containers this line opens, after at most three columns of indentation each.
    let opened = false;
    let tail: ReturnType<typeof breakTail> | undefined;
    while (!fence) {
      let q = at;
      let c = column;
      while (q < end && isSpace(text.charCodeAt(q))) c = nextColumn(text.charCodeAt(q++), c);
      if (c - column > 3 || q === end) break;
      const code = text.charCodeAt(q);
      let after = -1;
      if (code === GT) {
        after = q + 1;
      } else if ((code === DASH || code === STAR || code === PLUS) && (q + 1 === end || isSpace(text.charCodeAt(q + 1)))) {
        if (thematicBreak(text, q, end, (tail ??= breakTail(text, start, end)))) break;
        // An empty item cannot interrupt a paragraph: the `-` is a setext underline (CommonMark §5.2).
        if (code === DASH && previousText && !opened && thematicOrBlank(text, q + 1, end)) break;
        after = q + 1;
      } else if (code >= 48 && code <= 57) {
        let d = q;
        while (d < end && d - q < 9 && text.charCodeAt(d) >= 48 && text.charCodeAt(d) <= 57) d++;
        const delimiter = text.charCodeAt(d);
        if ((delimiter === 46 || delimiter === 41) && (d + 1 === end || isSpace(text.charCodeAt(d + 1)))) after = d + 1;
      }
      if (after < 0) break;
      if (!opened) stack.length = matched;
      opened = true;
      const markerColumn = c + (after - q);
      if (code === GT) {
        at = after;
        column = markerColumn;
        if (isSpace(text.charCodeAt(at))) column = nextColumn(text.charCodeAt(at++), column);
        stack.push({ quote: true, column });
      } else {
        // Content starts after one to four spaces; five or more are one space and indented code.
        let s = after;
        let sc = markerColumn;
        while (s < end && isSpace(text.charCodeAt(s)) && sc - markerColumn < 5) sc = nextColumn(text.charCodeAt(s++), sc);
        const content = s === end || sc - markerColumn > 4 ? markerColumn + 1 : sc;
        stack.push({ quote: false, column: content });
        at = s === end || sc - markerColumn > 4 ? Math.min(after + 1, end) : s;
        column = content;
      }
      if (stack.length > limits.depth) {
        // The depth this line reaches, counted on without the stack (one marker and its space a level).
        let depth = stack.length;
        for (let i = at; i < end; i++) {
          const m = text.charCodeAt(i);
          if ((m === GT || m === DASH || m === STAR || m === PLUS) && (i + 1 === end || isSpace(text.charCodeAt(i + 1)) || m === GT)) depth++;
          else if (!isSpace(m)) break;
        }
        return over('depth', depth);
      }
    }
    // A line that continues the paragraph of a container it does not mark keeps it open (lazy).
    if (!opened && matched < stack.length && (blank || !previousText || fence)) stack.length = matched;

    nestedLines += stack.length;
    if (nestedLines > limits.nestedLines) return over('nestedLines', nestedLines);

    // What follows the container markers: a fence, a setext underline, a paragraph's delimiters.
    let first = at;
    let indent = column;
    while (first < end && isSpace(text.charCodeAt(first))) indent = nextColumn(text.charCodeAt(first++), indent);
    const marker = text.charCodeAt(first);
    // Indented four columns or more, a fence is indented code (CommonMark §4.5): what follows is parsed.
    if ((marker === BACKTICK || marker === TILDE) && (fence || indent - column <= 3)) {
      let run = first;
      while (run < end && text.charCodeAt(run) === marker) run++;
      if (run - first >= 3) {
        if (!fence) {
          if (marker === TILDE || !holds(text, run, end, BACKTICK)) fence = { marker, length: run - first, depth: stack.length };
        } else if (marker === fence.marker && run - first >= fence.length && thematicOrBlank(text, run, end)) {
          fence = undefined;
          previousText = false;
          continue;
        }
      }
    }
    if (fence) {
      previousText = false;
      continue;
    }
    if (previousText && (marker === EQUALS || marker === DASH) && underline(text, first, end, marker)) {
      setext += line + 1;
      if (setext > limits.setext) return over('setext', setext);
    }
    if (first === end) {
      inline = 0;
    } else if (!holds(text, first, end, PIPE)) {
      for (let i = first; i < end; i++) {
        const code = text.charCodeAt(i);
        if (code === STAR || code === UNDERSCORE || code === TILDE || code === 91 || code === 93) inline++;
      }
      if (inline > limits.inline) return over('inline', inline);
    }
    previousText = first < end;
  }
  return undefined;
}

/** Only white space from `from` to the line end. */
function thematicOrBlank(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/** A run of one marker, then only white space: a setext underline after a paragraph line. */
function underline(text: string, from: number, end: number, marker: number): boolean {
  let i = from;
  while (i < end && text.charCodeAt(i) === marker) i++;
  return thematicOrBlank(text, i, end);
}

/** The spans html-table.ts honours at most: a typo such as `rowspan="200"` must not make millions of slots. */
export const MAX_ROWSPAN = 100;
export const MAX_COLSPAN = 40;

/** A tag's attributes longer than this are not read for spans (the cell counts one slot). */
const MAX_TAG_LENGTH = 2000;

const SPAN = { rowspan: /\browspan\s*=\s*["']?\s*(\d{1,9})/i, colspan: /\bcolspan\s*=\s*["']?\s*(\d{1,9})/i } as const;

/** The value of a span attribute in a tag's text, at most `max`; 1 when absent or not a number. */
function spanOf(tag: string, name: 'rowspan' | 'colspan', max: number): number {
  const match = SPAN[name].exec(tag);
  const n = match ? Number.parseInt(match[1]!, 10) : 1;
  return n >= 1 ? Math.min(n, max) : 1;
}

/**
 * The slots the HTML table cells of a draft may expand to, at most: every `<td>`/`<th>` tag
 * (wherever it is written) counted as its capped rowspan × colspan. The first cell past `limit`,
 * or undefined. Linear: each `>` is looked for once.
 */
function guardTableSlots(text: string, lines: LineIndex, limit: number): InputLimit | undefined {
  let total = 0;
  let close = -1;
  for (let at = text.indexOf('<t'); at >= 0; at = text.indexOf('<t', at + 2)) {
    const kind = text.charCodeAt(at + 2) | 0x20;
    const after = text.charCodeAt(at + 3);
    if ((kind !== 100 && kind !== 104) || !(after === 62 || after === 47 || after === 32 || after === 9 || after === 10 || after === 13)) continue;
    if (close < at) close = text.indexOf('>', at);
    if (close < 0) break;
    const tag = close - at <= MAX_TAG_LENGTH ? text.slice(at, close) : '';
    total += spanOf(tag, 'rowspan', MAX_ROWSPAN) * spanOf(tag, 'colspan', MAX_COLSPAN);
    if (total > limit) {
      const line = lines.lineAt(at);
      return { kind: 'tableSlots', line, range: { start: lines.lineStart(line), end: lines.lineEnd(line) }, value: total, limit };
    }
  }
  return undefined;
}
