/**
 * The server's side of the custom protocol's typed messages (protocol.ts): a handler or a
 * notification checked against the message's parameter and result types.
 */
import type { Connection } from 'vscode-languageserver';
import type { NotificationMessage, RequestMessage } from '../protocol.js';

/** Handles a custom request. */
export function onRequest<P, R>(connection: Connection, request: RequestMessage<P, R>, handler: (params: P) => Promise<R>): void {
  connection.onRequest(request.method, (params: P): Promise<R> => handler(params));
}

/** Sends a custom notification. */
export function sendNotification<P>(connection: Connection, notification: NotificationMessage<P>, params: P): Promise<void> {
  return connection.sendNotification(notification.method, params);
}

/** Sends a custom request to the client. */
export function sendRequest<P, R>(connection: Connection, request: RequestMessage<P, R>, params: P): Promise<R> {
  return connection.sendRequest<R>(request.method, params);
}
