/**
 * The server side of "nianbao: 导出为 Word 文档": the open report in the official layout
 * (shell/export-docx.ts, export-html.ts). The bytes go back to the client, which writes them
 * where the user chose; the server writes nothing.
 */
import { exportDocument } from '../shell/export-document.js';
import { exportDocx } from '../shell/export-docx.js';
import { exportHtml } from '../shell/export-html.js';
import { encodeBase64, EXPORT_REQUEST, type ExportParams, type ExportResultWire } from '../protocol.js';
import type { Analysis } from './analysis.js';
import { tooLargeMessage } from './diagnostics.js';
import { t, type Language } from './locale.js';
import { onRequest } from './messages.js';
import type { Session } from './session.js';

/** Exports an analysed document. Never throws: a problem is an `error` in the result. */
export async function exportAnalysis(analysis: Analysis, params: ExportParams, language: Language): Promise<ExportResultWire> {
  if (!analysis.isReport) return { error: t(language, 'This document is not recognised as an annual report, so it cannot be exported in the official layout.') };
  const report = analysis.result.report;
  try {
    const bytes = params.to === 'html' ? new TextEncoder().encode(exportHtml(report)) : await exportDocx(report);
    return { base64: encodeBase64(bytes), notes: exportDocument(report).notes };
  } catch (error) {
    return { error: t(language, 'The export failed: {0}', String((error as Error)?.message ?? error)) };
  }
}

/** Registers the export request (an open document only; one above `nianbao.maxFileSize` is refused). */
export function registerExport(session: Session): void {
  onRequest(session.connection, EXPORT_REQUEST, async (params) => {
    const document = session.documents.get(params.uri);
    if (!document) return { error: t(session.language(await session.settings.get(params.uri)), 'Open the report to export it.') };
    const analysis = await session.analyse(document);
    const language = session.language(analysis.settings);
    if (analysis.tooLarge) return { error: tooLargeMessage(language, analysis.tooLarge.size, analysis.tooLarge.limit) };
    return exportAnalysis(analysis, params, language);
  });
}
