/**
 * The extension's entry in a browser's web-worker extension host (package.json `browser`,
 * dist/web/client.js: vscode.dev, github.dev, VS Code for the Web): the language server
 * (dist/web/server.js) runs in a web worker. Everything else is the extension of ../extension.ts.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { clientOptions, type NianbaoClient } from '../client.js';
import { activateWith, type NianbaoExports } from '../extension.js';

export { deactivate } from '../extension.js';

/**
 * The server's web worker. A remote window's worker host refuses `new Worker(vscode-remote://…)`
 * (code-server: "Creating workers from remote extensions is currently not supported"), but its
 * fetch reads such a URI: there the script is started from a blob.
 */
async function serverWorker(context: vscode.ExtensionContext): Promise<Worker> {
  const main = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  if (main.scheme !== 'vscode-remote') return new Worker(main.toString(true));
  const script = await (await fetch(main.toString(true))).text();
  return new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })));
}

/** The connection to the worker. (The client's own `instanceof Worker` fails on the extension host's wrapped Worker.) */
async function transports(context: vscode.ExtensionContext): Promise<MessageTransports> {
  const worker = await serverWorker(context);
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

function createClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): NianbaoClient {
  // vscode-languageclient 11's browser client: (id, name, server, options).
  return new LanguageClient('nianbao', 'nianbao', () => transports(context), clientOptions(context, outputChannel));
}

export function activate(context: vscode.ExtensionContext): Promise<NianbaoExports> {
  return activateWith(context, createClient);
}
