/**
 * The nianbao language server: the composition root. One {@link Session} holds the state; each
 * feature file registers its handlers on it. Pull diagnostics where the client supports them, a
 * debounced push otherwise; every request honours cancellation; a rule that throws is logged and
 * never hides the others or stops the server.
 */
import { CodeActionKind, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { FIX_ALL_KIND, SERVER_COMMANDS, type InitializationOptions } from '../protocol.js';
import type { ServerHost } from './host.js';
import { registerCodeActions } from './code-actions.js';
import { registerCommands } from './commands.js';
import { registerDiagnostics } from './diagnostics.js';
import { registerDocumentFeatures } from './document-features.js';
import { registerExport } from './export-file.js';
import { registerImport } from './import-file.js';
import { Session } from './session.js';
import { SettingsStore } from './settings.js';
import { registerSync } from './sync.js';
import { registerTableForm } from './table-form.js';
import { registerTemplate } from './template.js';
import { registerTableCells } from './table-cells.js';
import { TOTALS_ACTION_KIND } from './totals.js';

export { PUSH_DELAY_MS } from './session.js';

/** The extension's version, injected at build time (scripts/build.mjs); run from source, `development`. */
declare const NIANBAO_VERSION: string | undefined;
const VERSION = typeof NIANBAO_VERSION === 'string' ? NIANBAO_VERSION : 'development';

/**
 * Starts the server on a connection (stdio or IPC in Node, a web worker's messages in a browser,
 * in-memory streams in tests), reaching files through `host` (node/host.ts: the disk;
 * browser/host.ts: the client's workspace).
 */
export function startServer(connection: Connection, host: ServerHost): void {
  const session = new Session(connection, host);

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    session.abilities = {
      pullDiagnostics: capabilities.textDocument?.diagnostic !== undefined,
      refreshDiagnostics: capabilities.workspace?.diagnostics?.refreshSupport === true,
      configurationChanges: capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    };
    session.settings = new SettingsStore(connection, host.files, capabilities.workspace?.configuration === true);
    const options = params.initializationOptions as InitializationOptions | undefined;
    host.initialize(options);
    session.displayLanguage = options?.displayLanguage ?? params.locale;
    session.folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (session.folders.length === 0 && params.rootUri) session.folders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...(session.abilities.pullDiagnostics ? { diagnosticProvider: { identifier: 'nianbao', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, TOTALS_ACTION_KIND], resolveProvider: false },
        executeCommandProvider: { commands: [...SERVER_COMMANDS] },
        documentSymbolProvider: { label: 'nianbao' },
        foldingRangeProvider: true,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'nianbao', version: VERSION },
    };
  });

  registerSync(session);
  registerDiagnostics(session);
  registerCodeActions(session);
  registerCommands(session);
  registerDocumentFeatures(session);
  registerTemplate(session);
  registerExport(session);
  registerImport(session);
  registerTableCells(session);
  registerTableForm(session);

  session.documents.listen(connection);
  connection.listen();
}
