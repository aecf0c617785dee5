/**
 * The nianbao language server: wires the LSP features to the core. Pull diagnostics where the
 * client supports them, a debounced push otherwise; every request honours cancellation; a rule
 * that throws is logged and never hides the others or stops the server.
 */
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { formatTables, formats, identityOf, identityOfText, type ReportIdentity } from '../core/index.js';
import { describeRefusal, type ReadRefusal } from '../shell/read-regular-file.js';
import { importFromDisk } from './import-file.js';
import { nextYearOfText } from './next-year.js';
import { NEXT_YEAR_COMMAND } from '../protocol.js';
import { EXPORT_REQUEST, IMPORT_REQUEST, type ExportParams, type ExportResultWire, type ImportParams } from '../protocol.js';
import { exportAnalysis } from './export-file.js';
import { CONVERT_DOCUMENT_COMMAND, CONVERT_TABLE_COMMAND, FIX_ALL_COMMAND, FIX_ALL_KIND, STATUS_NOTIFICATION, TEMPLATE_REQUEST, type InitializationOptions, type ReportStatus, type TemplateParams, type TemplateResult } from '../protocol.js';
import { Analyses, maxBytes, type Analysis } from './analysis.js';
import { codeActions, currentAnalysis, fixAllEdit } from './code-actions.js';
import { convertDocument, convertTableAt, isPosition } from './convert-markdown.js';
import { toLspEdit } from './convert.js';
import { diagnosticsOf, sizeText } from './diagnostics.js';
import { documentSymbols, foldingRanges, hover } from './document-features.js';
import { languageOf, t, type Language } from './locale.js';
import { DEFAULT_SETTINGS, SettingsStore, type Settings } from './settings.js';
import { WorkspaceReports } from './workspace-reports.js';
import { RefreshCoalescer, ResultIds, stalePull } from './burst.js';

/** How long typing must pause before a pushed re-check (clients without pull diagnostics). */
export const PUSH_DELAY_MS = 200;

/**
 * Lets queued messages run before work starts. Two turns: the message queue schedules the
 * next message (a $/cancelRequest) after the handler starts, so one turn would come first.
 */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

/** Why a command does nothing with an open document above `nianbao.maxFileSize`. */
function tooLargeMessage(language: Language, size: number, limit: number): string {
  return language === 'zh'
    ? `文档过大（${sizeText(size)}，上限 ${sizeText(limit)}，见设置 nianbao.maxFileSize），未处理。`
    : `The document is too large (${sizeText(size)}, the limit is ${sizeText(limit)}; see the setting nianbao.maxFileSize): nothing done.`;
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/** Starts the server on a connection (stdio, IPC, or in-memory streams in tests). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  /** The language of messages not about one document (the output channel). */
  const serverLanguage = (): Language => languageOf(DEFAULT_SETTINGS, displayLanguage);
  const analyses = new Analyses((problem) => {
    const zh = serverLanguage() === 'zh';
    connection.console.warn(
      zh ? `nianbao: 文件模式 ${problem.glob}（nianbao.files 或配置文件的 files）${problem.reason.zh}` : `nianbao: the file pattern ${problem.glob} (nianbao.files or the config file's files) ${problem.reason.en}`,
    );
  });
  const workspace = new WorkspaceReports(
    () => folders,
    (uri) => documents.get(uri)?.getText(),
    (uri, refusal) => logRefusal(uri, refusal),
    (file, line, message) => connection.console.warn(`nianbao: 忽略文件 / ignore file ${file}:${line}: ${message}`),
  );
  /** The open documents too large to check already named in the output. */
  const loggedTooLarge = new Set<string>();
  let settingsStore = new SettingsStore(connection, false);
  let pullDiagnostics = false;
  let configurationChanges = false;
  let refreshDiagnostics = false;
  let displayLanguage: string | undefined;
  let folders: string[] = [];
  /** In onSave mode, the text as of the last open or save. */
  const saved = new Map<string, { version: number; text: string }>();
  const pushTimers = new Map<string, NodeJS.Timeout>();
  const lastStatus = new Map<string, string>();
  const refresher = new RefreshCoalescer(() => void connection.languages.diagnostics.refresh());
  const resultIds = new ResultIds();

  const language = (settings: Settings): Language => languageOf(settings, displayLanguage);

  /** Names a file that was not read in the output channel (WorkspaceReports says each once). */
  function logRefusal(uri: string, refusal: ReadRefusal): void {
    let path = uri;
    try {
      path = fileURLToPath(uri);
    } catch {
      // Not a file: URI; the URI names it.
    }
    const lang = serverLanguage();
    connection.console.warn(`nianbao: ${path} ${describeRefusal(refusal, lang)}`);
  }

  /** The settings of the workspace folder holding `uri` (for a file that is no open document). */
  function folderSettings(uri: string): Promise<Settings> {
    const folder = folders.find((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`));
    return folder ? settingsStore.get(folder) : Promise.resolve(DEFAULT_SETTINGS);
  }

  /** `abandon`: checked once the settings are in, just before the work; true throws (the request is stale or cancelled). */
  async function analyse(document: TextDocument, abandon?: () => ResponseError<unknown> | undefined): Promise<Analysis> {
    const settings = await settingsStore.get(document.uri);
    const abandoned = abandon?.();
    if (abandoned) throw abandoned;
    const snapshot = settings.run === 'onSave' ? saved.get(document.uri) : undefined;
    const version = snapshot?.version ?? document.version;
    const text = snapshot?.text ?? document.getText();
    const analysis = await analyses.analyse(document.uri, version, text, settings, folders, (report) => workspace.previousOf(document.uri, report, maxBytes(settings)));
    if (analysis.tooLarge && !loggedTooLarge.has(document.uri)) {
      loggedTooLarge.add(document.uri);
      const why = describeRefusal({ kind: 'too-large', size: analysis.tooLarge.size, limit: analysis.tooLarge.limit }, language(settings));
      connection.console.warn(`nianbao: ${document.uri} ${why}`);
    }
    for (const failure of analysis.result.failures) {
      connection.console.error(t(language(settings), 'nianbao: rule {0} failed: {1}', failure.rule, String((failure.error as Error)?.stack ?? failure.error)));
    }
    sendStatus(analysis);
    return analysis;
  }

  function sendStatus(analysis: Analysis): void {
    const counts = { errors: 0, warnings: 0, infos: 0 };
    if (analysis.isReport && analysis.settings.enable) {
      // A hint marks what is accepted as written (a tolerated heading): nothing to count.
      for (const f of analysis.result.findings) if (f.severity !== 'hint') counts[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'infos']++;
    }
    const { report } = analysis.result;
    const format = analysis.settings.format === 'auto' ? report.requiredFormat : analysis.settings.format;
    const status: ReportStatus = {
      uri: analysis.uri,
      version: analysis.version,
      isReport: analysis.isReport && analysis.settings.enable,
      ...(report.year.year !== undefined ? { year: report.year.year } : {}),
      ...(format ? { requiredFormat: format } : {}),
      tablesFormat: report.tablesFormat,
      ...counts,
    };
    const key = JSON.stringify(status);
    if (lastStatus.get(analysis.uri) === key) return;
    lastStatus.set(analysis.uri, key);
    void connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  async function publish(document: TextDocument): Promise<void> {
    const analysis = await analyse(document);
    if (documents.get(document.uri) !== document) return;
    await connection.sendDiagnostics({ uri: document.uri, version: analysis.version, diagnostics: diagnosticsOf(analysis, language(analysis.settings)) });
  }

  function schedulePush(document: TextDocument, delay: number): void {
    if (pullDiagnostics) return;
    clearTimeout(pushTimers.get(document.uri));
    pushTimers.set(
      document.uri,
      setTimeout(() => {
        pushTimers.delete(document.uri);
        const current = documents.get(document.uri);
        if (current) publish(current).catch((error) => connection.console.error(String(error)));
      }, delay),
    );
  }

  function refreshAll(): void {
    analyses.clear();
    resultIds.forget();
    lastStatus.clear();
    if (pullDiagnostics && refreshDiagnostics) refresher.request();
    for (const document of documents.all()) {
      if (pullDiagnostics) void analyse(document);
      else schedulePush(document, 0);
    }
  }

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    pullDiagnostics = capabilities.textDocument?.diagnostic !== undefined;
    refreshDiagnostics = capabilities.workspace?.diagnostics?.refreshSupport === true;
    configurationChanges = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    settingsStore = new SettingsStore(connection, capabilities.workspace?.configuration === true);
    displayLanguage = (params.initializationOptions as InitializationOptions | undefined)?.displayLanguage ?? params.locale;
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...(pullDiagnostics ? { diagnosticProvider: { identifier: 'nianbao', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [FIX_ALL_COMMAND, CONVERT_TABLE_COMMAND, CONVERT_DOCUMENT_COMMAND, NEXT_YEAR_COMMAND] },
        documentSymbolProvider: { label: 'nianbao' },
        foldingRangeProvider: true,
        hoverProvider: true,
        documentFormattingProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'nianbao', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (configurationChanges) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'nianbao' });
    connection.workspace.onDidChangeWorkspaceFolders?.((event) => {
      folders = [...folders.filter((f) => !event.removed.some((r) => r.uri === f)), ...event.added.map((a) => a.uri)];
      workspace.invalidate();
      refreshAll();
    });
  });

  connection.onDidChangeConfiguration(() => {
    settingsStore.clear();
    refreshAll();
  });

  /** Keeps the text as of now for a document checked on save only (no copy otherwise). */
  function snapshot(document: TextDocument): void {
    const version = document.version;
    const text = document.getText();
    void settingsStore.get(document.uri).then((settings) => {
      if (settings.run === 'onSave') saved.set(document.uri, { version, text });
      else saved.delete(document.uri);
    });
  }

  documents.onDidOpen(({ document }) => {
    snapshot(document);
    schedulePush(document, 0);
  });
  /** After `uri` changed: re-check the open reports that take it (or would now take it) as last year's. */
  function recheckDependents(uri: string, identity: ReportIdentity | undefined): void {
    workspace.invalidate(uri);
    const dependents = new Set(analyses.dependentsOf(uri));
    for (const analysis of analyses.all()) {
      if (analysis.uri !== uri && WorkspaceReports.precedes(identity, identityOf(analysis.result.report))) dependents.add(analysis.uri);
    }
    // Those answered "unchanged" from their result id, though no longer in the analysis cache.
    for (const dependent of resultIds.dependentsOf(uri, identity, WorkspaceReports.precedes)) dependents.add(dependent);
    if (dependents.size === 0) return;
    for (const dependent of dependents) {
      analyses.delete(dependent);
      resultIds.forget(dependent);
    }
    if (pullDiagnostics && refreshDiagnostics) refresher.request();
    for (const dependent of dependents) {
      const open = documents.get(dependent);
      if (open) schedulePush(open, PUSH_DELAY_MS);
    }
  }

  documents.onDidChangeContent(({ document }) => {
    const before = analyses.get(document.uri);
    const identity = identityOfText(document.getText());
    recheckDependents(document.uri, identity);
    const old = before ? identityOf(before.result.report) : resultIds.identityOf(document.uri);
    if (old && (!identity || old.body !== identity.body || old.year !== identity.year)) recheckDependents(document.uri, old);
    void settingsStore.get(document.uri).then((settings) => {
      if (settings.run === 'onType') schedulePush(document, PUSH_DELAY_MS);
    });
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    // A config file changed (server/src/shell/config.ts): re-check every open document.
    if (changes.some((change) => /\/(\.nianbaorc\.json|package\.json)$/.test(change.uri))) {
      settingsStore.clearConfigs();
      refreshAll();
    }
    for (const change of changes) {
      if (/\/(\.nianbaorc\.json|package\.json)$/.test(change.uri)) continue;
      if (documents.get(change.uri)) continue;
      recheckDependents(change.uri, undefined);
      if (!change.uri.startsWith('file:')) continue;
      // Its title from its first bytes, read without blocking (a FIFO or /dev/zero is refused).
      void folderSettings(change.uri)
        .then((settings) => workspace.identityOnDisk(change.uri, maxBytes(settings)))
        .then((identity) => {
          if (identity !== undefined && !documents.get(change.uri)) recheckDependents(change.uri, identity);
        })
        .catch((error) => connection.console.error(String(error)));
    }
  });
  documents.onDidSave(({ document }) => {
    snapshot(document);
    schedulePush(document, 0);
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(pushTimers.get(document.uri));
    pushTimers.delete(document.uri);
    loggedTooLarge.delete(document.uri);
    saved.delete(document.uri);
    analyses.delete(document.uri);
    resultIds.forget(document.uri);
    settingsStore.forget(document.uri);
    lastStatus.delete(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  /** Runs a request handler with cancellation checked before the work starts. */
  async function guarded<T>(token: CancellationToken, work: () => Promise<T> | T): Promise<T> {
    await yieldToEventLoop();
    if (token.isCancellationRequested) throw cancelled();
    return work();
  }

  connection.languages.diagnostics.on((params, token) => {
    // The version the pull was asked for: a change after it makes it stale (burst.ts).
    const asked = documents.get(params.textDocument.uri)?.version;
    return guarded(token, async () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const { uri, version } = document;
      if (resultIds.unchanged(uri, version, params.previousResultId)) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: params.previousResultId! };
      const analysis = await analyse(document, () => (token.isCancellationRequested ? cancelled() : document.version !== asked ? stalePull() : undefined));
      await yieldToEventLoop();
      if (token.isCancellationRequested) throw cancelled();
      const items = diagnosticsOf(analysis, language(analysis.settings));
      // An id only for what the document still is: a pull for a newer version must not be told "unchanged".
      if (document.version !== version) return { kind: DocumentDiagnosticReportKind.Full, items };
      const resultId = resultIds.issue(uri, version, { identity: identityOf(analysis.result.report), previous: analysis.previous });
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    });
  });

  connection.onCodeAction((params, token) =>
    guarded(token, async () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const analysis = await analyse(document);
      return codeActions(params, document, currentAnalysis(analysis, document), language(analysis.settings));
    }),
  );

  connection.onExecuteCommand(async (params) => {
    if (params.command === NEXT_YEAR_COMMAND) {
      const [uri] = (params.arguments ?? []) as [unknown];
      const document = typeof uri === 'string' ? documents.get(uri) : undefined;
      if (!document) return nextYearOfText(undefined, serverLanguage());
      const settings = await settingsStore.get(document.uri);
      const size = Buffer.byteLength(document.getText(), 'utf8');
      if (size > maxBytes(settings)) return { error: tooLargeMessage(language(settings), size, maxBytes(settings)) };
      return nextYearOfText(document.getText(), language(settings));
    }
    if (params.command === CONVERT_TABLE_COMMAND || params.command === CONVERT_DOCUMENT_COMMAND) {
      const [uri, version, position] = (params.arguments ?? []) as [unknown, unknown, unknown];
      const document = typeof uri === 'string' ? documents.get(uri) : undefined;
      if (!document || (typeof version === 'number' && version !== document.version)) return;
      const analysis = await analyse(document);
      if (!currentAnalysis(analysis, document) || analysis.tooLarge) return;
      const lang = language(analysis.settings);
      const conversion =
        params.command === CONVERT_TABLE_COMMAND ? convertTableAt(analysis, isPosition(position) ? position : undefined, lang) : convertDocument(analysis, lang);
      for (const message of conversion.messages) void connection.window.showWarningMessage(message);
      if (conversion.edit) await connection.workspace.applyEdit({ label: conversion.label, edit: { documentChanges: [conversion.edit] } });
      return;
    }
    if (params.command !== FIX_ALL_COMMAND) return;
    const [uri, version] = (params.arguments ?? []) as [unknown, unknown];
    const document = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!document || (typeof version === 'number' && version !== document.version)) return;
    const analysis = await analyse(document);
    if (!analysis.isReport || !currentAnalysis(analysis, document)) return;
    const edit = fixAllEdit(analysis);
    if (edit) await connection.workspace.applyEdit({ label: t(language(analysis.settings), 'Fix all safe nianbao problems'), edit: { documentChanges: [edit] } });
  });

  connection.onDocumentSymbol((params, token) =>
    guarded(token, async () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const analysis = await analyse(document);
      return documentSymbols(analysis, language(analysis.settings));
    }),
  );

  connection.onFoldingRanges((params, token) =>
    guarded(token, async () => {
      const document = documents.get(params.textDocument.uri);
      return document ? foldingRanges(await analyse(document)) : [];
    }),
  );

  connection.onHover((params, token) =>
    guarded(token, async () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return null;
      const analysis = await analyse(document);
      if (!currentAnalysis(analysis, document)) return null;
      return hover(analysis, document.offsetAt(params.position), language(analysis.settings)) ?? null;
    }),
  );

  connection.onDocumentFormatting((params, token) =>
    guarded(token, async () => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return [];
      const analysis = await analyse(document);
      if (!analysis.isReport || !currentAnalysis(analysis, document)) return [];
      const lines = analysis.result.report.lines;
      return formatTables(analysis.result.report).map((e) => toLspEdit(lines, e));
    }),
  );

  connection.onRequest(EXPORT_REQUEST, async (params: ExportParams): Promise<ExportResultWire> => {
    const document = documents.get(params.uri);
    if (!document) return { error: t(language(await settingsStore.get(params.uri)), 'Open the report to export it.') };
    const analysis = await analyse(document);
    if (analysis.tooLarge) return { error: tooLargeMessage(language(analysis.settings), analysis.tooLarge.size, analysis.tooLarge.limit) };
    return exportAnalysis(analysis, params, language(analysis.settings));
  });

  connection.onRequest(IMPORT_REQUEST, async (params: ImportParams) => importFromDisk(params, language(await settingsStore.get(params.uri)), folders));

  connection.onRequest(TEMPLATE_REQUEST, async (params: TemplateParams): Promise<TemplateResult> => {
    let format = params.format;
    const document = params.uri ? documents.get(params.uri) : undefined;
    if (!format && document) {
      const analysis = await analyse(document);
      const setting = analysis.settings.format;
      const report = analysis.result.report;
      format = setting !== 'auto' ? setting : report.requiredFormat ?? (report.tablesFormat === '2019' ? '2019' : undefined);
    }
    if (!format && params.kind === 'skeleton' && params.year !== undefined) format = formats.requiredFormat(params.year);
    const chosen = format ?? '2021';
    const eol = document && document.getText().includes('\r\n') ? '\r\n' : '\n';
    if (params.kind === 'skeleton') {
      const year = params.year ?? new Date().getFullYear() - 1;
      const body = params.body?.trim() || '某某单位';
      // Value cells 0, as the snippets have them: the draft checks clean and the author overwrites.
      return { text: formats.renderSkeleton({ year, body, format: chosen, cell: formats.ZERO_CELLS }).join(eol), format: chosen };
    }
    return { text: formats.renderTable(params.kind, chosen, formats.ZERO_CELLS).join(eol), format: chosen };
  });

  documents.listen(connection);
  connection.listen();
}
