/**
 * Entry point of the language server in a browser's web worker (dist/web/server.js, started by
 * client/src/browser/main.ts): the connection is the worker's messages, and the workspace's files
 * come through the client (host.ts). Everything else is the one server of ../server.ts, as the
 * Node entry (../node/main.ts) starts it.
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { answerUndispatched } from '../burst.js';
import { startServer } from '../server.js';
import { browserHost } from './host.js';

declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self), {
  connectionStrategy: { cancelUndispatched: answerUndispatched },
});
self.addEventListener('error', (event) => connection.console.error(`nianbao: ${event.error?.stack ?? event.message}`));
self.addEventListener('unhandledrejection', (event) => connection.console.error(`nianbao: ${String(event.reason)}`));
startServer(connection, browserHost(connection));
