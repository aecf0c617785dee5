/**
 * The state of one language server session, in one object: the connection, the open documents,
 * their analyses and settings, the workspace's reports, and what the client said it can do. The
 * feature files (sync.ts, diagnostics.ts, code-actions.ts, commands.ts, document-features.ts,
 * template.ts, export-file.ts, import-file.ts) register their handlers on it; the work they share
 * is here: analysing a document, the status notification, pushing diagnostics, re-checking after
 * a change, and the prologue of every request handler ({@link Session.withDocument}).
 */
import { LSPErrorCodes, ResponseError, TextDocuments, type CancellationToken, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { identityOf, precedes, type ReportIdentity } from '../core/index.js';
import { STATUS_NOTIFICATION, type ReportStatus } from '../protocol.js';
import { tableLines } from './cell-place.js';
import { describeRefusal, type ReadRefusal } from '../shell/read-refusal.js';
import { Analyses, maxBytes, type Analysis } from './analysis.js';
import { RefreshCoalescer, ResultIds } from './burst.js';
import { languageOf, t, type Language } from './locale.js';
import { sendNotification } from './messages.js';
import type { ServerHost } from './host.js';
import { DEFAULT_SETTINGS, SettingsStore, type Settings } from './settings.js';
import { afterQueued } from './turns.js';
import { WorkspaceReports } from './workspace-reports.js';

/** How long typing must pause before a pushed re-check (clients without pull diagnostics). */
export const PUSH_DELAY_MS = 200;

/**
 * Lets queued messages run before work starts. Two turns: the message queue schedules the
 * next message (a $/cancelRequest) after the handler starts, so one turn would come first.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => afterQueued(() => afterQueued(resolve)));

/** The error of a request cancelled before its work started. */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
}

/** What the client said it can do (initialize). */
export interface ClientAbilities {
  /** textDocument/diagnostic: the client pulls diagnostics; otherwise the server pushes them. */
  readonly pullDiagnostics: boolean;
  /** workspace/diagnostic/refresh. */
  readonly refreshDiagnostics: boolean;
  /** Dynamic registration of didChangeConfiguration. */
  readonly configurationChanges: boolean;
}

/** An open document, its analysis, and that analysis if it is of the document's current text. */
export interface AnalysedDocument {
  readonly document: TextDocument;
  readonly analysis: Analysis;
  /** The analysis if it is of the current text (not an onSave snapshot, another version or text). */
  readonly current: Analysis | undefined;
}

/** The analysis, if it is of the document's current text (not a snapshot, another version or text). */
export function currentAnalysis(analysis: Analysis | undefined, document: TextDocument): Analysis | undefined {
  return analysis && analysis.version === document.version && analysis.text === document.getText() ? analysis : undefined;
}

/** One server session: its state and the work its features share. */
export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly analyses: Analyses;
  readonly workspace: WorkspaceReports;
  settings: SettingsStore;
  abilities: ClientAbilities = { pullDiagnostics: false, refreshDiagnostics: false, configurationChanges: false };
  /** VS Code's display language (initialization options), for `nianbao.locale: auto`. */
  displayLanguage: string | undefined;
  /** The workspace folders' URIs. */
  folders: string[] = [];
  /** In onSave mode, the text as of the last open or save. */
  readonly saved = new Map<string, { version: number; text: string }>();
  /** The open documents too large to check already named in the output. */
  readonly loggedTooLarge = new Set<string>();
  private readonly pushTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lastStatus = new Map<string, string>();
  /** Refreshes asked of the client, at most one per 300 ms (burst.ts). */
  private readonly refresher: RefreshCoalescer;
  /** The id of each document's last pulled answer, while it holds (burst.ts). */
  readonly resultIds = new ResultIds();
  /** Sends a document's diagnostics (diagnostics.ts registers it). */
  private publisher: (document: TextDocument) => Promise<void> = async () => undefined;

  constructor(
    readonly connection: Connection,
    /** How files are reached, and the rest that differs between Node and a browser (host.ts). */
    readonly host: ServerHost,
  ) {
    this.settings = new SettingsStore(connection, host.files, false);
    this.analyses = new Analyses((problem) => {
      const zh = this.serverLanguage() === 'zh';
      connection.console.warn(
        zh ? `nianbao: 文件模式 ${problem.glob}（nianbao.files 或配置文件的 files）${problem.reason.zh}` : `nianbao: the file pattern ${problem.glob} (nianbao.files or the config file's files) ${problem.reason.en}`,
      );
    }, host.collectGarbage);
    this.workspace = new WorkspaceReports(
      host.files,
      () => this.folders,
      (uri) => this.documents.get(uri)?.getText(),
      (uri, refusal) => this.logRefusal(uri, refusal),
      (file, line, message) => connection.console.warn(`nianbao: 忽略文件 / ignore file ${file}:${line}: ${message}`),
    );
    this.refresher = new RefreshCoalescer(() => void connection.languages.diagnostics.refresh());
  }

  /** The language of messages not about one document (the output channel). */
  serverLanguage(): Language {
    return languageOf(DEFAULT_SETTINGS, this.displayLanguage);
  }

  /** The language of messages about a document with these settings. */
  language(settings: Settings): Language {
    return languageOf(settings, this.displayLanguage);
  }

  /** Names a file that was not read in the output channel (WorkspaceReports says each once). */
  logRefusal(uri: string, refusal: ReadRefusal): void {
    this.connection.console.warn(`nianbao: ${this.host.files.name(uri)} ${describeRefusal(refusal, this.serverLanguage())}`);
  }

  /** The settings of the workspace folder holding `uri` (for a file that is no open document). */
  folderSettings(uri: string): Promise<Settings> {
    const folder = this.folders.find((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`));
    return folder ? this.settings.get(folder) : Promise.resolve(DEFAULT_SETTINGS);
  }

  /**
   * The analysis of a document (of its saved text in onSave mode), with the status sent and failures logged.
   * `abandon`: checked once the settings are in, just before the work; an error it returns is thrown (the request is stale or cancelled).
   */
  async analyse(document: TextDocument, abandon?: () => ResponseError<unknown> | undefined): Promise<Analysis> {
    const settings = await this.settings.get(document.uri);
    const abandoned = abandon?.();
    if (abandoned) throw abandoned;
    const snapshot = settings.run === 'onSave' ? this.saved.get(document.uri) : undefined;
    const version = snapshot?.version ?? document.version;
    const text = snapshot?.text ?? document.getText();
    const analysis = await this.analyses.analyse(document.uri, version, text, settings, this.folders, (report) =>
      this.workspace.previousOf(document.uri, report, maxBytes(settings)),
    );
    if (analysis.tooLarge && !this.loggedTooLarge.has(document.uri)) {
      this.loggedTooLarge.add(document.uri);
      const why = describeRefusal({ kind: 'too-large', size: analysis.tooLarge.size, limit: analysis.tooLarge.limit }, this.language(settings));
      this.connection.console.warn(`nianbao: ${document.uri} ${why}`);
    }
    for (const failure of analysis.result.failures) {
      this.connection.console.error(t(this.language(settings), 'nianbao: rule {0} failed: {1}', failure.rule, String((failure.error as Error)?.stack ?? failure.error)));
    }
    this.sendStatus(analysis);
    return analysis;
  }

  /** The status bar's notification for an analysis, when it changed. */
  private sendStatus(analysis: Analysis): void {
    const counts = { errors: 0, warnings: 0, infos: 0 };
    if (analysis.isReport && analysis.settings.enable) {
      // A hint marks what is accepted as written (a tolerated heading): nothing to count.
      for (const f of analysis.result.findings) if (f.severity !== 'hint') counts[f.severity === 'error' ? 'errors' : f.severity === 'warning' ? 'warnings' : 'infos']++;
    }
    const { report } = analysis.result;
    // The report as checked: with a forced format, its required format is the forced one.
    const format = analysis.options.format ?? report.requiredFormat;
    const status: ReportStatus = {
      uri: analysis.uri,
      version: analysis.version,
      isReport: analysis.isReport && analysis.settings.enable,
      ...(report.year.year !== undefined ? { year: report.year.year } : {}),
      ...(format ? { requiredFormat: format } : {}),
      formatForced: analysis.options.format !== undefined,
      tablesFormat: report.tablesFormat,
      ...counts,
      ...(analysis.isReport && analysis.settings.enable ? { tableLines: tableLines(report) } : {}),
    };
    const key = JSON.stringify(status);
    if (this.lastStatus.get(analysis.uri) === key) return;
    this.lastStatus.set(analysis.uri, key);
    void sendNotification(this.connection, STATUS_NOTIFICATION, status);
  }

  /** Sets how a document's diagnostics are pushed (diagnostics.ts). */
  setPublisher(publish: (document: TextDocument) => Promise<void>): void {
    this.publisher = publish;
  }

  /** Pushes a document's diagnostics after `delay` ms of quiet (clients that do not pull them). */
  schedulePush(document: TextDocument, delay: number): void {
    if (this.abilities.pullDiagnostics) return;
    clearTimeout(this.pushTimers.get(document.uri));
    this.pushTimers.set(
      document.uri,
      setTimeout(() => {
        this.pushTimers.delete(document.uri);
        const current = this.documents.get(document.uri);
        if (current) this.publisher(current).catch((error) => this.connection.console.error(String(error)));
      }, delay),
    );
  }

  /** Asks a pulling client to pull again (when it can be asked). */
  refreshPulled(): void {
    if (this.abilities.pullDiagnostics && this.abilities.refreshDiagnostics) this.refresher.request();
  }

  /** Forgets every analysis and checks every open document again (settings or folders changed). */
  refreshAll(): void {
    this.analyses.clear();
    this.resultIds.forget();
    this.lastStatus.clear();
    this.refreshPulled();
    for (const document of this.documents.all()) {
      if (this.abilities.pullDiagnostics) void this.analyse(document);
      else this.schedulePush(document, 0);
    }
  }

  /** After `uri` changed: re-check the open reports that take it (or would now take it) as last year's. */
  recheckDependents(uri: string, identity: ReportIdentity | undefined): void {
    this.workspace.invalidate(uri);
    const dependents = new Set(this.analyses.dependentsOf(uri));
    for (const analysis of this.analyses.all()) {
      if (analysis.uri !== uri && precedes(identity, identityOf(analysis.result.report))) dependents.add(analysis.uri);
    }
    // Those answered "unchanged" from their result id, though no longer in the analysis cache.
    for (const dependent of this.resultIds.dependentsOf(uri, identity, precedes)) dependents.add(dependent);
    if (dependents.size === 0) return;
    for (const dependent of dependents) {
      this.analyses.delete(dependent);
      this.resultIds.forget(dependent);
    }
    this.refreshPulled();
    for (const dependent of dependents) {
      const open = this.documents.get(dependent);
      if (open) this.schedulePush(open, PUSH_DELAY_MS);
    }
  }

  /** Forgets everything of a closed document. */
  forget(uri: string): void {
    clearTimeout(this.pushTimers.get(uri));
    this.pushTimers.delete(uri);
    this.loggedTooLarge.delete(uri);
    this.saved.delete(uri);
    this.analyses.delete(uri);
    this.resultIds.forget(uri);
    this.settings.forget(uri);
    this.lastStatus.delete(uri);
  }

  /** Runs a request handler with cancellation checked before the work starts. */
  async guarded<T>(token: CancellationToken, work: () => Promise<T> | T): Promise<T> {
    await yieldToEventLoop();
    if (token.isCancellationRequested) throw cancelled();
    return work();
  }

  /**
   * The prologue of a request about a document: cancellation checked, the open document looked
   * up and analysed; `fallback` when the document is not open.
   */
  withDocument<T>(uri: string, token: CancellationToken, fallback: T, work: (open: AnalysedDocument) => Promise<T> | T): Promise<T> {
    return this.guarded(token, async () => {
      const document = this.documents.get(uri);
      if (!document) return fallback;
      const analysis = await this.analyse(document);
      return work({ document, analysis, current: currentAnalysis(analysis, document) });
    });
  }
}
