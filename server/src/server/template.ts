/**
 * The `nianbao/template` request: the Markdown of a standard table or of a whole report skeleton,
 * rendered from the format data in the format the document requires (or the one asked for).
 */
import { draftFileName, formats } from '../core/index.js';
import { TEMPLATE_REQUEST, type TemplateParams, type TemplateResult } from '../protocol.js';
import { onRequest } from './messages.js';
import type { Session } from './session.js';

/** The template for a request. */
async function template(session: Session, params: TemplateParams): Promise<TemplateResult> {
  let format = params.format;
  const document = params.uri ? session.documents.get(params.uri) : undefined;
  if (!format && document) {
    const analysis = await session.analyse(document);
    const setting = analysis.settings.format;
    const report = analysis.result.report;
    format = setting !== 'auto' ? setting : (report.requiredFormat ?? (report.tablesFormat === '2019' ? '2019' : undefined));
  }
  if (!format && params.kind === 'skeleton' && params.year !== undefined) format = formats.requiredFormat(params.year);
  const chosen = format ?? '2021';
  const eol = document && document.getText().includes('\r\n') ? '\r\n' : '\n';
  if (params.kind === 'skeleton') {
    const year = params.year ?? new Date().getFullYear() - 1;
    const body = params.body?.trim() || '某某单位';
    // Value cells blank, as the snippets have them: blank is not zero (formats.md §11), so the
    // new draft's findings list every figure left to fill (issue 20).
    const text = formats.renderSkeleton({ year, body, format: chosen, cell: formats.EMPTY_CELLS }).join(eol);
    return { text, format: chosen, fileName: draftFileName(year, body) };
  }
  return { text: formats.renderTable(params.kind, chosen, formats.EMPTY_CELLS).join(eol), format: chosen };
}

/** Registers the template request. */
export function registerTemplate(session: Session): void {
  onRequest(session.connection, TEMPLATE_REQUEST, (params) => template(session, params));
}
