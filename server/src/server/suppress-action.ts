/**
 * The quick fix "本行不再提示 <id>" (Do not report <id> on this line): a comment that turns the
 * rule off for the line a diagnostic starts on (core/suppressions.ts). Computed from the
 * diagnostic's range and code, not carried in every finding. It changes no figure, but it is
 * no fix: it is offered on its own, never preferred, and never part of fix-all or
 * `source.fixAll` (those use the findings' fixes only).
 *
 * - On a GFM table row, `<!-- nianbao-disable-line id -->` at the end of the row: a comment on a
 *   line of its own ends the table in CommonMark renderers (nianbao itself joins the rows again,
 *   model/directive-rows.ts); grid.ts does not read the trailing comment as cell text.
 * - Inside a table pasted from Word or a PDF (not its first line): no action, since a comment
 *   line or trailing comment would change how the text is read.
 * - Elsewhere (prose, headings, an HTML table's lines, where parse5 ignores comments),
 *   `<!-- nianbao-disable-next-line id -->` on a line of its own before the line.
 */
import { CodeActionKind, TextDocumentEdit, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Report } from '../core/index.js';
import { t, type Language } from './locale.js';

/** The rule whose findings cannot be suppressed. */
const UNSUPPRESSIBLE = 'unused-disable';

function rowLines(report: Report | undefined): { gfm: Set<number>; pasted: Set<number> } {
  const gfm = new Set<number>();
  const pasted = new Set<number>();
  for (const table of Object.values(report?.tables ?? {})) {
    for (const grid of table?.grids ?? []) {
      grid.rows.forEach((row, i) => {
        if (grid.source === 'gfm') gfm.add(row.line);
        if (grid.source !== 'pasted') return;
        if (i > 0) pasted.add(row.line);
        row.cells.forEach((cell) => {
          if (cell.line !== undefined && !(i === 0 && cell.line === row.line)) pasted.add(cell.line);
        });
      });
    }
  }
  return { gfm, pasted };
}

/** The suppression quick fix of a diagnostic, if one applies. `report` is the document's, at its version. */
export function suppressAction(diagnostic: Diagnostic, document: TextDocument, report: Report | undefined, language: Language): CodeAction | undefined {
  const rule = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
  if (!rule || rule === UNSUPPRESSIBLE || !/^[a-z][a-z0-9-]*$/.test(rule)) return undefined;
  const line = diagnostic.range.start.line;
  if (line < 0 || line >= document.lineCount) return undefined;
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
  const { gfm, pasted } = rowLines(report);
  if (pasted.has(line)) return undefined;
  let edit;
  // A directive of the same kind already there: add the id to it.
  const own = /<!--[ \t]*nianbao-disable-line\b([^\n]*?)[ \t]*-->[ \t]*$/.exec(text);
  const previousText = line > 0 ? document.getText({ start: { line: line - 1, character: 0 }, end: { line, character: 0 } }).replace(/\r?\n$|\r$/, '') : '';
  const next = /^[ \t]*<!--[ \t]*nianbao-disable-next-line\b([^\n]*?)[ \t]*-->[ \t]*$/.exec(previousText);
  if (own && own[1]!.trim() !== '') {
    const at = { line, character: text.slice(0, text.lastIndexOf('-->')).trimEnd().length };
    edit = { range: { start: at, end: at }, newText: ` ${rule}` };
  } else if (next && next[1]!.trim() !== '') {
    const close = previousText.lastIndexOf('-->');
    const at = { line: line - 1, character: previousText.slice(0, close).trimEnd().length };
    edit = { range: { start: at, end: at }, newText: ` ${rule}` };
  } else if (gfm.has(line) || /^[ \t]*\|/.test(text)) {
    const end = { line, character: text.length };
    edit = { range: { start: end, end }, newText: `${/[ \t]$/.test(text) ? '' : ' '}<!-- nianbao-disable-line ${rule} -->` };
  } else {
    const start = { line, character: 0 };
    const eol = document.getText().includes('\r\n') ? '\r\n' : '\n';
    const indent = /^[ \t]*/.exec(text)![0];
    edit = { range: { start, end: start }, newText: `${indent.length <= 3 ? indent : ''}<!-- nianbao-disable-next-line ${rule} -->${eol}` };
  }
  return {
    title: t(language, 'Do not report {0} on this line', rule),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: false,
    edit: { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, [edit])] },
  };
}
