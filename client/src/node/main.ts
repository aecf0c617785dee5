/**
 * The extension's entry in VS Code's Node extension host (package.json `main`, dist/client.js):
 * the language server (dist/server.js) runs in its own Node process over IPC.
 */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions, type NianbaoClient } from '../client.js';
import { activateWith, type NianbaoExports } from '../extension.js';

export { deactivate } from '../extension.js';

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): NianbaoClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc },
  };
  return new LanguageClient('nianbao', 'nianbao', serverOptions, clientOptions(context, outputChannel));
}

export function activate(context: vscode.ExtensionContext): Promise<NianbaoExports> {
  return activateWith(context, createClient);
}
