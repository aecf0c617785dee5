/**
 * The client's side of the custom protocol's typed messages (server/src/protocol.ts): requests,
 * notifications and server commands checked against their parameter, argument and result types.
 */
import type * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import type { NotificationMessage, RequestMessage, ServerCommand, ServerCommands } from '../../server/src/protocol.js';

/** Sends a custom request. */
export function sendRequest<P, R>(client: LanguageClient, request: RequestMessage<P, R>, params: P): Promise<R> {
  return client.sendRequest<R>(request.method, params);
}

/** Listens to a custom notification. */
export function onNotification<P>(client: LanguageClient, notification: NotificationMessage<P>, handler: (params: P) => void): vscode.Disposable {
  return client.onNotification(notification.method, handler);
}

/** Runs a server command (workspace/executeCommand) with its typed arguments. */
export async function executeCommand<K extends ServerCommand>(client: LanguageClient, command: K, args: ServerCommands[K]['arguments']): Promise<ServerCommands[K]['result']> {
  return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [...args] })) as ServerCommands[K]['result'];
}
