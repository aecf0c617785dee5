/**
 * The size of an XML document in what a parser would build from it (issue 18): its elements,
 * how deep they nest, its table rows (Word's `<w:tr>`). Measured in one linear pass over the
 * text before mammoth parses it, whose cost in time and memory grows with these (100,000 table
 * rows took 49 s and 2 GB; a nesting of 100,000 levels overflows its recursive readers).
 */

/** The bounds of {@link measureMarkup}. */
export interface MarkupLimits {
  readonly elements: number;
  readonly depth: number;
  readonly tableRows: number;
}

/** Which bound a document went past, as the end of a sentence about it (Chinese after 「Word 文档」, English after "the Word document"). */
export interface MarkupExcess {
  readonly zh: string;
  readonly en: string;
}

const GT = 0x3e;
const SLASH = 0x2f;

/** Where the tag starting at `at` ends (its `>`), quotes honoured; -1 when it does not. */
function tagEnd(text: string, at: number): number {
  let quote = 0;
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === GT) return i;
  }
  return -1;
}

/** Whether the tag name at `at + 1` is `w:tr` (a Word table row). */
function isRow(text: string, at: number): boolean {
  if (!text.startsWith('w:tr', at + 1)) return false;
  const after = text.charCodeAt(at + 5);
  return after === GT || after === SLASH || after === 0x20 || after === 0x09 || after === 0x0a || after === 0x0d;
}

/** The first bound `xml` goes past, or undefined. Linear in its length. */
export function measureMarkup(xml: string, limits: MarkupLimits): MarkupExcess | undefined {
  let elements = 0;
  let depth = 0;
  let rows = 0;
  for (let at = xml.indexOf('<'); at >= 0; at = xml.indexOf('<', at + 1)) {
    const next = xml.charCodeAt(at + 1);
    if (next === 0x21) {
      // A comment, CDATA or declaration: to its end.
      const close = xml.startsWith('<!--', at) ? xml.indexOf('-->', at + 4) : xml.startsWith('<![CDATA[', at) ? xml.indexOf(']]>', at + 9) : xml.indexOf('>', at);
      if (close < 0) break;
      at = close;
      continue;
    }
    const end = next === 0x3f ? xml.indexOf('>', at) : tagEnd(xml, at);
    if (end < 0) break;
    if (next === SLASH) depth = Math.max(0, depth - 1);
    else if (next !== 0x3f) {
      elements++;
      if (isRow(xml, at)) rows++;
      if (xml.charCodeAt(end - 1) !== SLASH) depth++;
      if (elements > limits.elements) return { zh: `中的元素过多（上限 ${limits.elements} 个）`, en: `holds too many elements (the limit is ${limits.elements})` };
      if (depth > limits.depth) return { zh: `中的元素嵌套过深（上限 ${limits.depth} 层）`, en: `nests its elements too deep (the limit is ${limits.depth} levels)` };
      if (rows > limits.tableRows) return { zh: `中的表格行过多（上限 ${limits.tableRows} 行）`, en: `holds too many table rows (the limit is ${limits.tableRows})` };
    }
    at = end;
  }
  return undefined;
}
