/**
 * The language client: starts nianbao's language server (dist/server.js) over IPC for every
 * Markdown document. The server pulls the `nianbao.*` settings itself (workspace/configuration).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { InitializationOptions } from '../../server/src/protocol.js';

/** Creates (does not start) the client for the server bundled with the extension. */
export function createClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc },
  };
  const initializationOptions: InitializationOptions = { displayLanguage: vscode.env.language };
  const clientOptions: LanguageClientOptions = {
    // Any scheme: file, untitled, and the schemes of virtual workspaces (vscode-vfs, …).
    documentSelector: [{ language: 'markdown' }],
    initializationOptions,
    outputChannel,
    diagnosticCollectionName: 'nianbao',
    // Reports on disk change too: last year's report may be edited outside the editor.
    // Markdown files (last year's reports) and the config files (server/src/shell/config.ts).
    synchronize: { fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.md'), vscode.workspace.createFileSystemWatcher('**/{.nianbaorc.json,package.json}')] },
  };
  return new LanguageClient('nianbao', 'nianbao', serverOptions, clientOptions);
}
