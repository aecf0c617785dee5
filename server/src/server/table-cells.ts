/**
 * "Where am I" in a standard table (issue 21): TABLE_CELL_REQUEST, the cell at the cursor named
 * with the relations it takes part in (the status bar) or the cell a Tab, Shift+Tab or Enter
 * moves to, with the range to select (cell-place.ts). The client only shows and selects what it
 * is told.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { buildReport, type Report } from '../core/index.js';
import { TABLE_CELL_REQUEST } from '../protocol.js';
import type { Analysis } from './analysis.js';
import { tableCellAnswer } from './cell-place.js';
import { onRequest } from './messages.js';
import { currentAnalysis, type Session } from './session.js';

/** The report of the document's current text: the analysis when it is of that text (in onSave mode it is of the saved one). */
function currentReport(analysis: Analysis, document: TextDocument): Report | undefined {
  if (!analysis.isReport || analysis.tooLarge) return undefined;
  return currentAnalysis(analysis, document)?.result.report ?? buildReport(document.getText());
}

const MOVES = new Set(['next', 'previous', 'down', 'up']);

/** Registers TABLE_CELL_REQUEST. */
export function registerTableCells(session: Session): void {
  onRequest(session.connection, TABLE_CELL_REQUEST, async (params) => {
    if (typeof params?.uri !== 'string' || typeof params.position?.line !== 'number' || typeof params.position.character !== 'number') return null;
    const move = typeof params.move === 'string' && MOVES.has(params.move) ? params.move : undefined;
    const document = session.documents.get(params.uri);
    // A position in another text than the server has is no position here.
    if (!document || (typeof params.version === 'number' && params.version !== document.version)) return null;
    const analysis = await session.analyse(document);
    const report = currentReport(analysis, document);
    if (!report || !analysis.settings.enable) return null;
    return tableCellAnswer(report, document.offsetAt(params.position), move, session.language(analysis.settings));
  });
}
