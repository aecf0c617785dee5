/**
 * The server side of the form and the previews in the official layout (issue 21, items 4–5):
 * a CodeLens above every standard table (「在表单中填写 · N 处问题」), the table as a form
 * (shell/table-form.ts) with its findings in the user's language, the edit that writes a value
 * the form typed into its cell, the tables as the export's HTML with their wrong cells marked
 * (the Markdown preview), and the whole report as the export's page. The client only shows
 * them: every figure, total and finding comes from here.
 */
import type { CodeLens } from 'vscode-languageserver';
import { buildReport, formats, localize, type Finding, type Report, type TableId } from '../core/index.js';
import { exportDocument } from '../shell/export-document.js';
import { exportHtml, tableHtml, type CellMarkHtml } from '../shell/export-html.js';
import { cellValueEdit, reportTables, tableAt, tableFindings, tableForm } from '../shell/table-form.js';
import {
  CELL_EDIT_REQUEST,
  OPEN_TABLE_FORM_COMMAND,
  PREVIEW_REPORT_REQUEST,
  PREVIEW_TABLES_REQUEST,
  TABLE_FORM_REQUEST,
  type CellEditResultWire,
  type FormCellWire,
  type PreviewTablesWire,
  type TableFormParams,
  type TableFormResultWire,
} from '../protocol.js';
import type { Analysis } from './analysis.js';
import { toLspEdit, toLspRange } from './convert.js';
import { tooLargeMessage } from './diagnostics.js';
import { t, type Language } from './locale.js';
import { onRequest } from './messages.js';
import { currentAnalysis, type Session } from './session.js';

const SEVERITY_ORDER = ['error', 'warning', 'info', 'hint'] as const;

/** The findings an analysis shows (none when nianbao is disabled for the document). */
function shownFindings(analysis: Analysis): readonly Finding[] {
  return analysis.settings.enable ? analysis.result.findings : [];
}

/** 表三（收到和处理政府信息公开申请情况） · 2021版格式. */
function formTitle(table: TableId, format: string, language: Language): string {
  return `${localize(formats.TABLE_NAMES[table], language)} · ${t(language, '{0} format', format)}`;
}

/** A CodeLens above every standard table: open it as a form, with the number of findings on it. */
export function tableLenses(analysis: Analysis, language: Language): CodeLens[] {
  if (!analysis.isReport || !analysis.settings.enable) return [];
  const report = analysis.result.report;
  return reportTables(report).map((table) => {
    const count = tableFindings(report, table, shownFindings(analysis)).length;
    const title = count === 0 ? t(language, 'Fill in the form') : t(language, 'Fill in the form · {0} problems', String(count));
    const at = toLspRange(report.lines, { start: report.tables[table]!.range.start, end: report.tables[table]!.range.start });
    return { range: at, command: { title, command: OPEN_TABLE_FORM_COMMAND, arguments: [analysis.uri, table] } };
  });
}

/** A table of an analysed report as the form's wire data, or why there is none. */
export function tableFormOf(analysis: Analysis, params: TableFormParams, language: Language): TableFormResultWire {
  if (!analysis.isReport) return { error: t(language, 'This document is not recognised as an annual report.') };
  const report = analysis.result.report;
  const table = params.table ?? (params.position ? tableAt(report, report.lines.offsetAt(params.position)) : undefined);
  const form = table === undefined ? undefined : tableForm(report, table, shownFindings(analysis));
  if (form === undefined) return { error: t(language, 'There is no standard table here.') };
  const lines = report.lines;
  const rows = form.layout.map((row) =>
    row.map((cell): FormCellWire => {
      const base = { text: cell.text, rowspan: cell.rowspan, colspan: cell.colspan, header: cell.header };
      const value = cell.numeric && cell.key !== undefined ? form.values.get(cell.key) : undefined;
      if (value === undefined) return base;
      return {
        ...base,
        value: {
          key: value.key,
          text: value.text,
          ...(value.number === undefined ? {} : { number: value.number }),
          editable: value.editable,
          name: localize(value.name, language),
          findings: value.findings,
          ...(value.range === undefined ? {} : { range: toLspRange(lines, value.range) }),
        },
      };
    }),
  );
  return {
    uri: analysis.uri,
    version: analysis.version,
    table: form.table,
    title: formTitle(form.table, form.format, language),
    rows,
    relations: form.relations,
    findings: form.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: localize(f.message, language), range: toLspRange(lines, f.range) })),
  };
}

/** The worst finding on each value cell of a table, with all their messages. */
function cellMarks(report: Report, table: TableId, findings: readonly Finding[], language: Language): Map<string, CellMarkHtml> {
  const marks = new Map<string, CellMarkHtml>();
  const form = tableForm(report, table, findings);
  for (const value of form?.values.values() ?? []) {
    const on = value.findings.map((i) => form!.findings[i]!);
    if (on.length === 0) continue;
    const severity = SEVERITY_ORDER.find((s) => on.some((f) => f.severity === s))!;
    marks.set(value.key, { className: `nianbao-mark nianbao-${severity}`, title: on.map((f) => `${localize(f.message, language)} (${f.rule})`).join('\n') });
  }
  return marks;
}

/** The standard tables of an analysed report as HTML in the official layout, with the lines of the blocks each replaces in the preview. */
export function previewTables(analysis: Analysis, language: Language): PreviewTablesWire {
  const report = analysis.result.report;
  const tables = analysis.isReport
    ? exportDocument(report).parts.flatMap((part) => {
        if (part.kind !== 'table') return [];
        const observed = report.tables[part.id]!;
        const blocks = observed.grids.map((g) => ({
          startLine: report.lines.lineAt(g.range.start),
          endLine: report.lines.lineAt(Math.max(g.range.start, g.range.end - 1)),
        }));
        return [{ table: part.id, blocks, html: tableHtml(part.id, part.layout, cellMarks(report, part.id, shownFindings(analysis), language)) }];
      })
    : [];
  return { uri: analysis.uri, version: analysis.version, text: analysis.text, tables };
}

/**
 * The analysis of an open document's current text, or the message saying why there is none. In
 * `onSave` mode the analysis is of the saved text: the form still shows and edits the text as it
 * is (its model built again, without findings until the save).
 */
async function currentOf(session: Session, uri: string): Promise<{ analysis: Analysis; language: Language } | { error: string }> {
  const document = session.documents.get(uri);
  if (!document) return { error: t(session.language(await session.settings.get(uri)), 'Open the report first.') };
  const analysis = await session.analyse(document);
  const language = session.language(analysis.settings);
  if (analysis.tooLarge) return { error: tooLargeMessage(language, analysis.tooLarge.size, analysis.tooLarge.limit) };
  if (currentAnalysis(analysis, document)) return { analysis, language };
  const text = document.getText();
  const report = buildReport(text);
  const isReport = analysis.isReport || report.isAnnualReport;
  return { analysis: { ...analysis, version: document.version, text, isReport, result: { ...analysis.result, report, findings: [] } }, language };
}

/** Registers the CodeLens and the form's and previews' requests. */
export function registerTableForm(session: Session): void {
  session.connection.onCodeLens((params, token) =>
    session.withDocument(params.textDocument.uri, token, [] as CodeLens[], ({ current }) =>
      current ? tableLenses(current, session.language(current.settings)) : [],
    ),
  );
  onRequest(session.connection, TABLE_FORM_REQUEST, async (params) => {
    const open = await currentOf(session, params.uri);
    return 'error' in open ? open : tableFormOf(open.analysis, params, open.language);
  });
  onRequest(session.connection, CELL_EDIT_REQUEST, async (params): Promise<CellEditResultWire> => {
    const document = session.documents.get(params.uri);
    const settings = await session.settings.get(params.uri);
    const language = session.language(settings);
    if (!document) return { error: t(language, 'Open the report first.') };
    if (document.version !== params.version) return { error: t(language, 'The document changed meanwhile; the form shows it again.') };
    // The model of the text as it is, without running the rules: the analysis when it is of this text, else a parse.
    const text = document.getText();
    const cached = session.analyses.get(params.uri);
    const report = cached !== undefined && currentAnalysis(cached, document) ? cached.result.report : buildReport(text);
    const answer = cellValueEdit(report, params.table, params.key, params.value);
    if ('refusal' in answer) return { error: localize(answer.refusal, language) };
    return { edit: toLspEdit(report.lines, answer.edit) };
  });
  onRequest(session.connection, PREVIEW_TABLES_REQUEST, async (params) => {
    const open = await currentOf(session, params.uri);
    return 'error' in open ? open : previewTables(open.analysis, open.language);
  });
  onRequest(session.connection, PREVIEW_REPORT_REQUEST, async (params) => {
    const open = await currentOf(session, params.uri);
    if ('error' in open) return open;
    if (!open.analysis.isReport) return { error: t(open.language, 'This document is not recognised as an annual report.') };
    return { html: exportHtml(open.analysis.result.report), version: open.analysis.version };
  });
}
