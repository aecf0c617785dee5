/**
 * The two conversion commands: the standard table at the cursor, or the whole draft, rewritten as
 * canonical Markdown (core/rewrite/canonical.ts). Both work on any form of table, including the
 * tolerated GFM variants, which table-markdown's quick fix does not cover; what cannot be
 * converted without losing text is said, never done.
 */
import { TextDocumentEdit, type Position } from 'vscode-languageserver';
import { applyEdits, canonicalDocument, canonicalTable, localize } from '../core/index.js';
import type { Analysis } from './analysis.js';
import { minimalEdit } from './convert.js';
import { t, type Language } from './locale.js';

/** What a conversion command does: the edit, if any, and what to tell the user. */
export interface Conversion {
  readonly label: string;
  readonly edit?: TextDocumentEdit;
  readonly messages: readonly string[];
}

/** Whether a command argument is an LSP position. */
export function isPosition(value: unknown): value is Position {
  if (typeof value !== 'object' || value === null) return false;
  const { line, character } = value as { line?: unknown; character?: unknown };
  return Number.isInteger(line) && Number.isInteger(character) && (line as number) >= 0 && (character as number) >= 0;
}

function versioned(analysis: Analysis, after: string): TextDocumentEdit | undefined {
  const edit = minimalEdit(analysis.result.report.lines, analysis.text, after);
  return edit ? TextDocumentEdit.create({ uri: analysis.uri, version: analysis.version }, [edit]) : undefined;
}

/** Converts the standard table at `position` (the first standard table when no position is given). */
export function convertTableAt(analysis: Analysis, position: Position | undefined, language: Language): Conversion {
  const label = t(language, 'Convert to a standard Markdown table');
  const report = analysis.result.report;
  const tables = Object.values(report.tables).filter((table) => table !== undefined);
  let offset: number | undefined;
  if (position) {
    const line = Math.min(position.line, report.lines.lineCount - 1);
    offset = Math.min(report.lines.lineStart(line) + position.character, report.lines.lineEnd(line));
  }
  const table = offset === undefined ? tables[0] : tables.find((tb) => offset! >= tb.range.start && offset! <= tb.range.end);
  if (!table) return { label, messages: [t(language, 'There is no standard table at the cursor.')] };
  const result = canonicalTable(report, table);
  if ('blocked' in result) return { label, messages: [localize(result.blocked, language)] };
  const edit = versioned(analysis, applyEdits(analysis.text, [result.edit]));
  return edit ? { label, edit, messages: [] } : { label, messages: [t(language, 'The table is already a standard Markdown table.')] };
}

/** Converts the whole draft: headings, every standard table, conversion leftovers. */
export function convertDocument(analysis: Analysis, language: Language): Conversion {
  const label = t(language, 'Convert the draft to standard Markdown');
  const { edits, blocked } = canonicalDocument(analysis.result.report);
  const messages = blocked.map((b) => localize(b, language));
  const edit = edits.length > 0 ? versioned(analysis, applyEdits(analysis.text, edits)) : undefined;
  if (!edit && messages.length === 0) return { label, messages: [t(language, 'The draft is already standard Markdown.')] };
  return { label, ...(edit ? { edit } : {}), messages };
}
