/**
 * The server's figure of the speed suite (speed.ts), in a browser only: a worker of the
 * extension's dist/web/server.js, spoken to as bench/lsp.ts speaks to dist/server.js over stdio
 * (didChange with the seed's text, then the diagnostic pull, timed until the answer).
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, createProtocolConnection } from 'vscode-languageserver-protocol/browser';
import { EXTENSION_ID } from '../../e2e/suite/helpers.js';
import { WARM_UP } from './speed.js';

const SERVER_ROUNDS = 200;

/** The extension's server in a worker of its own, answering as a client with no workspace would. */
export async function serverLatencies(text: string): Promise<number[]> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const WorkerClass = (globalThis as unknown as { Worker: new (url: string) => { terminate(): void } }).Worker;
  const worker = new WorkerClass(vscode.Uri.joinPath(extension.extensionUri, 'dist', 'web', 'server.js').toString(true));
  const connection = createProtocolConnection(new BrowserMessageReader(worker as never), new BrowserMessageWriter(worker as never));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ locale: 'zh-cn' })));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: null, rootUri: null, workspaceFolders: null, capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } } });
    await connection.sendNotification('initialized', {});
    const uri = 'vscode-test-web://mount/speed/seed.md';
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const times: number[] = [];
    for (let i = 0; i < WARM_UP + SERVER_ROUNDS; i++) {
      const edited = i % 2 === 0 ? text.replace('年度报告', '年度报告 ') : text;
      const start = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: edited }] });
      const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: unknown[] };
      if (i >= WARM_UP) times.push(performance.now() - start);
      assert.ok(report.items.length > 0, 'the seed has findings');
    }
    return times;
  } finally {
    connection.dispose();
    worker.terminate();
  }
}

