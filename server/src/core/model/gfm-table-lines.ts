/**
 * The line-level rules by which a GFM table starts and continues, as micromark-extension-gfm-table
 * applies them (GFM spec §4.10 "Tables (extension)"). The fast parse in markdown.ts uses them to
 * find the tables in paragraphs that a CommonMark-only parse produced; anything these rules do
 * not settle for certain sends the document to the full remark-gfm parse instead.
 */

function isSpace(code: number): boolean {
  return code === 32 || code === 9;
}

/** Columns of leading spaces and tabs (tab stops every 4), and whether a tab is among them. */
export function indentation(line: string): { readonly columns: number; readonly width: number; readonly hasTab: boolean } {
  let columns = 0;
  let width = 0;
  let hasTab = false;
  for (; width < line.length; width++) {
    const code = line.charCodeAt(width);
    if (code === 32) columns++;
    else if (code === 9) {
      columns += 4 - (columns % 4);
      hasTab = true;
    } else break;
  }
  return { columns, width, hasTab };
}

/**
 * The number of cells of a line read as a table's header row, or 0 when it cannot be one.
 * A header row needs at least two parts (cells or pipes), so `|` alone is not one while `a`
 * is (with a one-cell delimiter row such as `|-|` or `:-`).
 */
export function headerRowCells(line: string): number {
  let i = indentation(line).width;
  let cells = 0;
  let parts = 0;
  // A cell begins at the next part that is not a pipe: at the line start unless it opens with one.
  let cellPending = line.charCodeAt(i) !== 124;
  if (cellPending) parts++;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    if (isSpace(code)) {
      i++;
      continue;
    }
    parts++;
    if (cellPending) {
      cellPending = false;
      cells++;
    }
    if (code === 124) {
      cellPending = true;
      i++;
      continue;
    }
    while (i < line.length) {
      const c = line.charCodeAt(i);
      if (c === 124 || isSpace(c)) break;
      // A backslash escapes a following pipe or backslash.
      const next = line.charCodeAt(i + 1);
      i += c === 92 && (next === 92 || next === 124) ? 2 : 1;
    }
  }
  return parts > 1 ? cells : 0;
}

/**
 * The number of cells of a line read as a delimiter row (`| --- | :-: |`), or 0 when it is
 * not one. It must hold a pipe or a colon, so `---` alone stays a setext underline or a rule.
 */
export function delimiterRowCells(line: string): number {
  const indent = indentation(line);
  if (indent.columns >= 4) return 0;
  let i = indent.width;
  let cells = 0;
  let pipeOrColon = false;
  const skipSpaces = (): void => {
    while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  };
  for (;;) {
    if (line.charCodeAt(i) === 124) {
      pipeOrColon = true;
      i++;
      skipSpaces();
    }
    if (i >= line.length) break;
    const code = line.charCodeAt(i);
    if (code !== 45 && code !== 58) return 0;
    cells++;
    if (code === 58) {
      pipeOrColon = true;
      i++;
    }
    if (line.charCodeAt(i) !== 45) return 0;
    while (line.charCodeAt(i) === 45) i++;
    if (line.charCodeAt(i) === 58) {
      pipeOrColon = true;
      i++;
    }
    skipSpaces();
    if (i >= line.length) break;
    if (line.charCodeAt(i) !== 124) return 0;
  }
  return pipeOrColon ? cells : 0;
}

const LIST_ITEM_START = /^(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * Whether a line that continues a paragraph might, after a table row, start something else:
 * indented code, an HTML block that cannot interrupt a paragraph, a list item that cannot
 * (empty, or numbered other than 1), a footnote definition. Such lines end a table but not a
 * paragraph; the fast parse does not decide them and leaves the document to remark-gfm.
 */
export function mayEndTable(line: string): boolean {
  const indent = indentation(line);
  if (indent.columns >= 4 || indent.hasTab) return true;
  const rest = line.slice(indent.width);
  return rest.startsWith('<') || rest.startsWith('>') || rest.startsWith('[^') || LIST_ITEM_START.test(rest);
}

/**
 * Whether a line could be a delimiter row inside any container (`>`, list markers, indentation
 * before it): the lines the fast parse must account for.
 */
export function mayBeDelimiterRow(line: string): boolean {
  return /^[ \t>*+0-9.)|:-]*$/.test(line) && line.includes('-') && (line.includes('|') || line.includes(':'));
}
