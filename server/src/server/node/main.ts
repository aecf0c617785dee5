/**
 * Entry point of the bundled Node language server (dist/server.js): the transport (--stdio,
 * --node-ipc, --socket) comes from the command line, as vscode-languageclient passes it; files
 * are read from disk (host.ts). The browser's entry is ../browser/main.ts; the server is one.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { answerUndispatched } from '../burst.js';
import { startServer } from '../server.js';
import { nodeHost } from './host.js';

const connection = createConnection(ProposedFeatures.all, { connectionStrategy: { cancelUndispatched: answerUndispatched } });
process.on('uncaughtException', (error) => connection.console.error(`nianbao: ${error.stack ?? String(error)}`));
process.on('unhandledRejection', (error) => connection.console.error(`nianbao: ${String(error)}`));
startServer(connection, nodeHost());
