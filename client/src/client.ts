/**
 * What the language client is, in Node and in a browser alike: its options (documents, the
 * output channel, the file watchers, what the server is told at initialize). The entries
 * (node/main.ts, browser/main.ts) create the client with them, over IPC or in a web worker; the
 * server pulls the `nianbao.*` settings itself (workspace/configuration).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import type { InitializationOptions } from '../../server/src/protocol.js';

/** The client as the extension uses it: the Node client or the browser's, which differ only in how they reach the server. */
export type NianbaoClient = BaseLanguageClient;

/** Creates (does not start) the client: how is the entry's business. */
export type ClientFactory = (context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel) => NianbaoClient;

/** The client's options, the same for both entries. */
export function clientOptions(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClientOptions {
  const initializationOptions: InitializationOptions = { displayLanguage: vscode.env.language, extensionUri: context.extensionUri.toString() };
  return {
    // Any scheme: file, untitled, and the schemes of virtual workspaces (vscode-vfs, …).
    documentSelector: [{ language: 'markdown' }],
    initializationOptions,
    outputChannel,
    diagnosticCollectionName: 'nianbao',
    // Reports on disk change too: last year's report may be edited outside the editor.
    // Markdown files (last year's reports) and the config files (server/src/shell/config.ts).
    synchronize: { fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.md'), vscode.workspace.createFileSystemWatcher('**/{.nianbaorc.json,package.json}')] },
  };
}
