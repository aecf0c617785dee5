/**
 * The palette commands (category nianbao): insert a standard table, new report from template,
 * fix all safe problems, show output. Tables and skeletons are rendered by the server from the
 * format data (TEMPLATE_REQUEST); fix-all runs on the server (FIX_ALL_COMMAND).
 */
import * as vscode from 'vscode';
import { l10n, uiLanguage } from './locale.js';
import type { NianbaoClient } from './client.js';
import { TABLE_NAMES } from '../../server/src/core/formats/elements.js';
import type { TableId } from '../../server/src/core/formats/types.js';
import { REPORT_YEARS } from '../../server/src/core/formats/versions.js';
import { decodeBase64, encodeBase64, EXPORT_REQUEST, IMPORT_REQUEST, type ExportParams, type ExportResultWire, type ImportResultWire } from '../../server/src/protocol.js';
import { CONVERT_DOCUMENT_COMMAND, CONVERT_TABLE_COMMAND, FIX_ALL_COMMAND, TEMPLATE_REQUEST, type TemplateParams, type TemplateResult } from '../../server/src/protocol.js';
import { NEXT_YEAR_COMMAND, type NextYearResultWire } from '../../server/src/protocol.js';
import { executeCommand, sendRequest } from './messages.js';
import { chooseExportTarget } from './export-target.js';
import { blockInsertion } from './insert.js';
import { toggleFixOnSave } from './fix-on-save.js';
import { openDraft } from './new-draft.js';
import { showReportMenu } from './status-menu.js';
import type { ReportStatusBar } from './status-bar.js';

/** The largest Word file or web page imported (the server's limit too). */
const MAX_IMPORT_MB = 50;

/** The years a report can cover (core/formats/versions.ts). */
const { first: FIRST_YEAR, last: LAST_YEAR } = REPORT_YEARS;

/** Registers every command; the returned disposables unregister them. */
export function registerCommands(client: NianbaoClient, statusBar: ReportStatusBar): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('nianbao.insertTable', () => insertTable(client, statusBar)),
    vscode.commands.registerCommand('nianbao.newReport', () => newReport(client)),
    vscode.commands.registerCommand('nianbao.fixAll', () => fixAll(client, statusBar)),
    vscode.commands.registerCommand('nianbao.convertTable', () => convert(client, CONVERT_TABLE_COMMAND)),
    vscode.commands.registerCommand('nianbao.convertDocument', () => convert(client, CONVERT_DOCUMENT_COMMAND)),
    vscode.commands.registerCommand('nianbao.importWord', (file?: unknown) => importWord(client, file instanceof vscode.Uri ? file : undefined)),
    vscode.commands.registerCommand('nianbao.exportWord', () => exportWord(client)),
    vscode.commands.registerCommand('nianbao.nextYear', () => nextYear(client)),
    vscode.commands.registerCommand('nianbao.showOutput', () => client.outputChannel.show(true)),
    vscode.commands.registerCommand('nianbao.toggleFixOnSave', () => toggleFixOnSave()),
    vscode.commands.registerCommand('nianbao.showMenu', () => showReportMenu(statusBar)),
  ];
}

/** The active editor if it holds a Markdown document; otherwise says why nothing happens. */
function activeMarkdownEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'markdown') return editor;
  void vscode.window.showInformationMessage(l10n.t('Open a Markdown draft of an annual report first.'));
  return undefined;
}

/**
 * Reports a failed request to the server in words the user can act on. `failed` is the
 * localized message for the command, given the error's text.
 */
function reportFailure(client: NianbaoClient, error: unknown, failed: (detail: string) => string): void {
  const detail = error instanceof Error ? error.message : String(error);
  client.outputChannel.error(detail);
  const message = client.isRunning()
    ? failed(detail)
    : l10n.t('The nianbao language server is not running, so this command cannot run. See the output for the reason.');
  const showOutput = l10n.t('Show Output');
  void vscode.window.showErrorMessage(message, showOutput).then((choice) => {
    if (choice === showOutput) client.outputChannel.show(true);
  });
}

/** Asks the server for a table or skeleton; undefined (after telling the user) if it fails. */
async function requestTemplate(client: NianbaoClient, params: TemplateParams): Promise<TemplateResult | undefined> {
  try {
    return await sendRequest(client, TEMPLATE_REQUEST, params);
  } catch (error) {
    reportFailure(client, error, (detail) =>
      params.kind === 'skeleton'
        ? l10n.t('nianbao could not create the report template: {0}', detail)
        : l10n.t('nianbao could not create the table: {0}', detail),
    );
    return undefined;
  }
}

/** The name of a table in the display language, e.g. 「表二（主动公开政府信息情况）」 or "Table 2 (proactive disclosure)". */
function tableName(table: TableId): { label: string; description?: string } {
  const name = TABLE_NAMES[table];
  if (uiLanguage() === 'zh') return { label: name.zh };
  return { label: name.en.charAt(0).toUpperCase() + name.en.slice(1), description: name.zh };
}

async function insertTable(client: NianbaoClient, statusBar: ReportStatusBar): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const required = statusBar.statusOf(editor.document.uri)?.requiredFormat;
  const tables = Object.keys(TABLE_NAMES) as TableId[];
  const picked = await vscode.window.showQuickPick(
    tables.map((table) => ({ ...tableName(table), table })),
    {
      title: l10n.t('Insert a standard table'),
      placeHolder: required
        ? l10n.t('Pick a table. It is inserted in the {0} format, which this report requires.', required)
        : l10n.t('Pick a table. Its format follows the report year.'),
    },
  );
  if (!picked) return;
  const document = editor.document;
  const result = await requestTemplate(client, { kind: picked.table, uri: client.code2ProtocolConverter.asUri(document.uri) });
  // The user may have closed or left the editor while the server answered.
  if (!result || !vscode.window.visibleTextEditors.includes(editor)) return;
  const cursor = editor.selection.active;
  const line = cursor.line;
  const insertion = blockInsertion(
    {
      text: document.lineAt(line).text,
      character: cursor.character,
      previous: line > 0 ? document.lineAt(line - 1).text : undefined,
      next: line + 1 < document.lineCount ? document.lineAt(line + 1).text : undefined,
    },
    result.text,
    document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
  );
  await editor.edit((builder) => builder.replace(new vscode.Range(line, insertion.start, line, insertion.end), insertion.text));
}

async function newReport(client: NianbaoClient): Promise<void> {
  const yearText = await vscode.window.showInputBox({
    title: l10n.t('New annual report from template'),
    prompt: l10n.t('The year the report covers'),
    value: String(new Date().getFullYear() - 1),
    validateInput: (value) => {
      const year = Number(value.trim());
      return /^\d{4}$/.test(value.trim()) && year >= FIRST_YEAR && year <= LAST_YEAR
        ? undefined
        : l10n.t('Enter a year from {0} to {1}, in four digits.', String(FIRST_YEAR), String(LAST_YEAR));
    },
  });
  if (yearText === undefined) return;
  const year = Number(yearText.trim());
  const body = await vscode.window.showInputBox({
    title: l10n.t('New annual report from template'),
    prompt: l10n.t('The name of the body that publishes the report, as it appears in the title'),
    placeHolder: l10n.t('e.g. 某某市人民政府办公室'),
    validateInput: (value) => (value.trim() ? undefined : l10n.t('Enter the name of the body.')),
  });
  if (body === undefined) return;
  const result = await requestTemplate(client, { kind: 'skeleton', year, body: body.trim() });
  if (!result) return;
  await openDraft(result.text, result.fileName);
  void vscode.window.showInformationMessage(
    l10n.t('New report for {0}: every figure is blank and each section says （在此填写）. The problems list what is left to fill; write 0 where there is none.', String(year)),
  );
}

async function fixAll(client: NianbaoClient, statusBar: ReportStatusBar): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const { document } = editor;
  if (!vscode.workspace.getConfiguration('nianbao', document.uri).get<boolean>('enable', true)) {
    void vscode.window.showInformationMessage(l10n.t('nianbao is turned off for this document (setting nianbao.enable).'));
    return;
  }
  if (statusBar.statusOf(document.uri)?.isReport === false) {
    void vscode.window.showInformationMessage(
      l10n.t('nianbao does not check this document: it is not recognised as an annual report (add it to the nianbao.files setting to check it anyway).'),
    );
    return;
  }
  try {
    await executeCommand(client, FIX_ALL_COMMAND, [client.code2ProtocolConverter.asUri(document.uri), document.version]);
  } catch (error) {
    reportFailure(client, error, (detail) => l10n.t('nianbao could not fix the problems: {0}', detail));
  }
}

/** Runs a conversion on the server: the table at the cursor, or the whole draft. */
async function convert(client: NianbaoClient, command: typeof CONVERT_TABLE_COMMAND | typeof CONVERT_DOCUMENT_COMMAND): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const { document, selection } = editor;
  const uri = client.code2ProtocolConverter.asUri(document.uri);
  try {
    const position = client.code2ProtocolConverter.asPosition(selection.active);
    if (command === CONVERT_TABLE_COMMAND) await executeCommand(client, command, [uri, document.version, position]);
    else await executeCommand(client, command, [uri, document.version]);
  } catch (error) {
    reportFailure(client, error, (detail) => l10n.t('nianbao could not convert the draft: {0}', detail));
  }
}

/**
 * Imports a Word draft, a saved web page or a PDF, as a new unsaved Markdown document: the file
 * the explorer's context menu names, or the one the user picks (an old .doc or .wps gets the
 * server's advice).
 */
async function importWord(client: NianbaoClient, named?: vscode.Uri): Promise<void> {
  const picked = named
    ? [named]
    : await vscode.window.showOpenDialog({
        title: l10n.t('Import from a Word document'),
        canSelectMany: false,
        filters: { [l10n.t('Word documents, web pages and PDFs')]: ['docx', 'html', 'htm', 'pdf', 'doc', 'wps'] },
      });
  const file = picked?.[0];
  if (!file) return;
  let result: ImportResultWire;
  try {
    // The picked file is read here and sent: the server reads no file outside the workspace (issue 18).
    const size = (await vscode.workspace.fs.stat(file)).size;
    if (size > MAX_IMPORT_MB * 1024 * 1024) {
      void vscode.window.showErrorMessage(l10n.t('{0} is larger than {1} MB and cannot be imported.', vscode.workspace.asRelativePath(file), String(MAX_IMPORT_MB)));
      return;
    }
    const data = encodeBase64(await vscode.workspace.fs.readFile(file));
    result = await sendRequest(client, IMPORT_REQUEST, { uri: client.code2ProtocolConverter.asUri(file), data });
  } catch (error) {
    reportFailure(client, error, (detail) => l10n.t('nianbao could not import the document: {0}', detail));
    return;
  }
  if ('error' in result) {
    void vscode.window.showErrorMessage(l10n.t('nianbao could not import the document: {0}', result.error));
    return;
  }
  await openDraft(result.text, result.fileName);
  for (const note of result.notes) void vscode.window.showInformationMessage(note);
}

/** Next year's draft from the report in the active editor, as a new unsaved Markdown document. */
async function nextYear(client: NianbaoClient): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  let result: NextYearResultWire;
  try {
    result = await executeCommand(client, NEXT_YEAR_COMMAND, [client.code2ProtocolConverter.asUri(editor.document.uri)]);
  } catch (error) {
    reportFailure(client, error, (detail) => l10n.t('nianbao could not create next year’s draft: {0}', detail));
    return;
  }
  if (!result || 'error' in result) {
    void vscode.window.showErrorMessage(l10n.t('nianbao could not create next year’s draft: {0}', result?.error ?? ''));
    return;
  }
  await openDraft(result.text, result.fileName);
  void vscode.window.showInformationMessage(
    l10n.t('Draft for {0} in the {1} format: last year’s text is quoted for rewriting, every figure is blank except the applications carried over from last year.', String(result.year), result.format),
  );
}

/** Exports the open report in the official layout to a .docx (or .html) file the user names. */
async function exportWord(client: NianbaoClient): Promise<void> {
  const editor = activeMarkdownEditor();
  if (!editor) return;
  const { document } = editor;
  if (!(await confirmExportWithErrors(document))) return;
  const target = await chooseExportTarget(document.uri);
  if (!target) return;
  const to: ExportParams['to'] = target.path.toLowerCase().endsWith('.html') ? 'html' : 'docx';
  let result: ExportResultWire;
  try {
    result = await sendRequest(client, EXPORT_REQUEST, { uri: client.code2ProtocolConverter.asUri(document.uri), to });
  } catch (error) {
    reportFailure(client, error, (detail) => l10n.t('nianbao could not export the report: {0}', detail));
    return;
  }
  if ('error' in result) {
    void vscode.window.showErrorMessage(l10n.t('nianbao could not export the report: {0}', result.error));
    return;
  }
  try {
    await vscode.workspace.fs.writeFile(target, decodeBase64(result.base64));
  } catch (error) {
    // A read-only file system (a virtual workspace that cannot be written, a folder without rights).
    const detail = error instanceof Error ? error.message : String(error);
    void vscode.window.showErrorMessage(l10n.t('nianbao could not write {0}: {1}', vscode.workspace.asRelativePath(target), detail));
    return;
  }
  void vscode.window.showInformationMessage([l10n.t('Exported to {0}', vscode.workspace.asRelativePath(target)), ...result.notes].join(' '));
}

/**
 * Before exporting a report that still has errors: says how many, and asks (issue 20: an export
 * goes to the reviewer; it is not written without a word). True when there is none or the user
 * goes on.
 */
async function confirmExportWithErrors(document: vscode.TextDocument): Promise<boolean> {
  const own = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'nianbao');
  const errors = own.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  if (errors === 0) return true;
  const warnings = own.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
  const exportAnyway = l10n.t('Export anyway');
  const choice = await vscode.window.showWarningMessage(
    l10n.t('This report still has {0} errors and {1} warnings.', errors, warnings),
    { modal: true, detail: l10n.t('The exported document goes to the reviewer as it is. Fix the errors first (see the Problems panel), or export anyway.') },
    exportAnyway,
  );
  return choice === exportAnyway;
}
