/**
 * The client's side of the custom protocol's typed messages (server/src/protocol.ts): requests,
 * notifications and server commands checked against their parameter, argument and result types.
 */
import type * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient';
import type { NianbaoClient } from './client.js';
import type { NotificationMessage, RequestMessage, ServerCommand, ServerCommands } from '../../server/src/protocol.js';

/** Sends a custom request. */
export function sendRequest<P, R>(client: NianbaoClient, request: RequestMessage<P, R>, params: P): Promise<R> {
  return client.sendRequest<R>(request.method, params);
}

/** Answers a custom request of the server. */
export function onRequest<P, R>(client: NianbaoClient, request: RequestMessage<P, R>, handler: (params: P) => Promise<R>): vscode.Disposable {
  return client.onRequest(request.method, handler);
}

/** Listens to a custom notification. */
export function onNotification<P>(client: NianbaoClient, notification: NotificationMessage<P>, handler: (params: P) => void): vscode.Disposable {
  return client.onNotification(notification.method, handler);
}

/** Runs a server command (workspace/executeCommand) with its typed arguments. */
export async function executeCommand<K extends ServerCommand>(client: NianbaoClient, command: K, args: ServerCommands[K]['arguments']): Promise<ServerCommands[K]['result']> {
  return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [...args] })) as ServerCommands[K]['result'];
}
