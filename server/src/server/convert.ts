/**
 * Core offsets ↔ LSP positions. Both count UTF-16 code units, so a LineIndex of the analysed
 * text converts exactly.
 */
import type { Range, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { LineIndex, TextEdit, TextRange } from '../core/index.js';

/** An LSP range of a core range. */
export function toLspRange(lines: LineIndex, range: TextRange): Range {
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}

/** An LSP edit of a core edit. */
export function toLspEdit(lines: LineIndex, edit: TextEdit): LspTextEdit {
  return { range: toLspRange(lines, edit.range), newText: edit.newText };
}

/** One edit turning `before` into `after`: the changed middle between their common prefix and suffix. */
export function minimalEdit(lines: LineIndex, before: string, after: string): LspTextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // Never split a surrogate pair or a CRLF.
  if (start > 0 && /[\ud800-\udbff\r]/.test(before[start - 1]!)) start--;
  let end = 0;
  const common = (k: number): boolean => before.charCodeAt(before.length - 1 - k) === after.charCodeAt(after.length - 1 - k);
  while (end < before.length - start && end < after.length - start && common(end)) end++;
  if (end > 0 && /[\udc00-\udfff\n]/.test(before[before.length - end]!)) end--;
  return toLspEdit(lines, { range: { start, end: before.length - end }, newText: after.slice(start, after.length - end) });
}
