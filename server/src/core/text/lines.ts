/**
 * Offsets ↔ lines and columns. The core keeps UTF-16 offsets (as JavaScript strings and LSP
 * do); callers that print columns "in characters" convert with {@link LineIndex.columnInCodePoints}.
 */

/** A half-open range of UTF-16 offsets into the document text. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A 0-based line and UTF-16 character position. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** Line starts of one text, for offset → position conversion in O(log n). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  /** Number of lines (a final line without a newline counts). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The 0-based line holding the offset. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** The 0-based position of an offset. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.starts[line]! };
  }

  /** The offset of a 0-based position. */
  offsetAt(position: Position): number {
    const start = this.starts[position.line];
    if (start === undefined) return this.text.length;
    return Math.min(start + position.character, this.lineEnd(position.line));
  }

  /** Offset of the first character of a 0-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]!;
  }

  /** Offset just before the line break of a 0-based line. */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    let end = next === undefined ? this.text.length : next;
    if (next !== undefined) {
      end--;
      if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    }
    return end;
  }

  /** Text of a 0-based line, without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** Offsets of the surrogate pairs (their first half), found on first use. */
  private pairs: number[] | undefined;

  /**
   * Column of an offset counted in Unicode code points, 0-based: the UTF-16 column less the
   * surrogate pairs wholly before the offset on its line. O(log n), so printing many findings
   * on one long line stays linear.
   */
  columnInCodePoints(offset: number): number {
    const position = this.positionAt(offset);
    if (!this.pairs) {
      this.pairs = [];
      for (const m of this.text.matchAll(/[\ud800-\udbff][\udc00-\udfff]/g)) this.pairs.push(m.index);
    }
    const lineStart = this.starts[position.line]!;
    // Pairs starting in [lineStart, lineStart + character - 2] end before the offset.
    return position.character - (this.pairsBefore(lineStart + position.character - 1) - this.pairsBefore(lineStart));
  }

  /** Number of surrogate pairs starting before `offset`. */
  private pairsBefore(offset: number): number {
    const pairs = this.pairs!;
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The line break the document uses most: `\r\n` when it has any, else `\n`. */
export function detectEol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}
