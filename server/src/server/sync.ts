/**
 * Document and workspace synchronisation: open, change, save and close of documents; settings,
 * config files and workspace folders that change; files on disk that may be last year's report
 * of an open one. Each change re-checks what it may affect.
 */
import { DidChangeConfigurationNotification, FileChangeType } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { identityOf, identityOfText } from '../core/index.js';
import { maxBytes } from './analysis.js';
import { PUSH_DELAY_MS, type Session } from './session.js';

/** A config file (server/src/shell/config.ts) by its URI. */
const CONFIG_FILE = /\/(\.nianbaorc\.json|package\.json)$/;

/** Keeps the text as of now for a document checked on save only (no copy otherwise). */
function snapshot(session: Session, document: TextDocument): void {
  const version = document.version;
  const text = document.getText();
  void session.settings.get(document.uri).then((settings) => {
    if (settings.run === 'onSave') session.saved.set(document.uri, { version, text });
    else session.saved.delete(document.uri);
  });
}

/** Registers the synchronisation handlers. */
export function registerSync(session: Session): void {
  const { connection, documents } = session;

  connection.onInitialized(() => {
    if (session.abilities.configurationChanges) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'nianbao' });
    connection.workspace.onDidChangeWorkspaceFolders?.((event) => {
      session.folders = [...session.folders.filter((f) => !event.removed.some((r) => r.uri === f)), ...event.added.map((a) => a.uri)];
      session.workspace.invalidate();
      session.refreshAll();
    });
  });

  connection.onDidChangeConfiguration(() => {
    session.settings.clear();
    session.refreshAll();
  });

  documents.onDidOpen(({ document }) => {
    snapshot(session, document);
    session.schedulePush(document, 0);
  });

  documents.onDidChangeContent(({ document }) => {
    const before = session.analyses.get(document.uri);
    const identity = identityOfText(document.getText());
    session.recheckDependents(document.uri, identity);
    const old = before ? identityOf(before.result.report) : session.resultIds.identityOf(document.uri);
    if (old && (!identity || old.body !== identity.body || old.year !== identity.year)) session.recheckDependents(document.uri, old);
    void session.settings.get(document.uri).then((settings) => {
      if (settings.run === 'onType') session.schedulePush(document, PUSH_DELAY_MS);
    });
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    // A config file changed (server/src/shell/config.ts): re-check every open document.
    if (changes.some((change) => CONFIG_FILE.test(change.uri))) {
      session.settings.clearConfigs();
      session.refreshAll();
    }
    for (const change of changes) {
      if (CONFIG_FILE.test(change.uri)) continue;
      session.workspace.changedOnDisk(change.uri, change.type !== FileChangeType.Changed);
      if (documents.get(change.uri)) continue;
      session.recheckDependents(change.uri, undefined);
      // Its title from its first bytes, read through the host without blocking (a FIFO or /dev/zero is refused).
      void session
        .folderSettings(change.uri)
        .then((settings) => session.workspace.identityOnDisk(change.uri, maxBytes(settings)))
        .then((identity) => {
          if (identity !== undefined && !documents.get(change.uri)) session.recheckDependents(change.uri, identity);
        })
        .catch((error) => connection.console.error(String(error)));
    }
  });

  documents.onDidSave(({ document }) => {
    snapshot(session, document);
    session.schedulePush(document, 0);
  });

  documents.onDidClose(({ document }) => {
    session.forget(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
}
