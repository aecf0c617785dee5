/**
 * A small LSP test client: drives the language server over stdio (the built dist/server.js)
 * or in process (startServer on in-memory streams), answering the server's requests the way
 * VS Code does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT } from './helpers.js';
import { serveWorkspaceFiles } from './workspace-files.js';

/** Client capabilities of a pull-diagnostics client like VS Code. */
export const PULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    hover: { contentFormat: ['markdown'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    synchronization: { didSave: true },
  },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true }, diagnostics: { refreshSupport: true }, applyEdit: true },
};

/** Client capabilities of an older client that only takes pushed diagnostics. */
export const PUSH_CAPABILITIES: ClientCapabilities = {
  textDocument: { synchronization: { didSave: true }, publishDiagnostics: { versionSupport: true } },
  workspace: { configuration: true, workspaceEdit: { documentChanges: true }, applyEdit: true },
};

/** A running server and the client side of its connection. */
export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly statuses: unknown[] = [];
  readonly applied: unknown[] = [];
  /** window/logMessage messages received (the output channel). */
  readonly logs: string[] = [];
  settings: Record<string, unknown> = {};
  /** workspace/diagnostic/refresh requests received. */
  refreshes = 0;
  /** The workspace folders given at initialize (the file requests answer only inside them). */
  folders: string[] = [];
  /** The file requests received (`nianbao/findFiles`, `nianbao/stat`, `nianbao/readFile`), by method. */
  readonly fileRequests: Record<string, number> = {};
  private readonly documents = new Map<string, TextDocument>();
  private readonly processId: number | null;

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child?: ChildProcess,
  ) {
    // A server in this process must not watch this process's id: its watchdog timer would keep the tests alive.
    this.processId = child ? process.pid : null;
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      return null;
    });
    connection.onRequest('workspace/applyEdit', (params: unknown) => {
      this.applied.push(params);
      return { applied: true };
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
    });
    connection.onNotification('nianbao/status', (params: unknown) => {
      this.statuses.push(params);
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
    });
    connection.listen();
  }

  /** Starts dist/server.js with --stdio. */
  static stdio(): TestClient {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    return new TestClient(createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), child);
  }

  /**
   * Starts the server in this process on in-memory streams. `host`: `node` reads files from disk
   * (the Node server's host), `client` asks the client for them (the browser server's host): then
   * this client answers as the extension does in a browser (`serveWorkspaceFiles`), unless `serve`
   * is false (a client that answers none of those requests).
   */
  static async inProcess(host: 'node' | 'client' = 'node', serve = true): Promise<TestClient> {
    const { createConnection } = await import('vscode-languageserver/node');
    const { startServer } = await import('../../server/src/server/server.js');
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    if (host === 'node') {
      const { nodeHost } = await import('../../server/src/server/node/host.js');
      startServer(connection, nodeHost());
    } else {
      const { browserHost } = await import('../../server/src/server/browser/host.js');
      startServer(connection, browserHost(connection));
    }
    const client = new TestClient(createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)));
    if (host === 'client' && serve) serveWorkspaceFiles(client);
    return client;
  }

  /** initialize + initialized. */
  async initialize(
    capabilities: ClientCapabilities,
    initializationOptions: unknown = { displayLanguage: 'zh-cn' },
    workspaceFolders: { uri: string; name: string }[] | null = null,
  ): Promise<{ capabilities: Record<string, unknown> }> {
    this.folders = (workspaceFolders ?? []).map((f) => f.uri);
    const result = await this.connection.sendRequest('initialize', { processId: this.processId, rootUri: null, capabilities, initializationOptions, workspaceFolders });
    await this.connection.sendNotification('initialized', {});
    return result as { capabilities: Record<string, unknown> };
  }

  /** didOpen of a Markdown document. */
  async open(uri: string, text: string, version = 1): Promise<void> {
    this.documents.set(uri, TextDocument.create(uri, 'markdown', version, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  /** didChange with the full new text. */
  async change(uri: string, text: string): Promise<number> {
    const previous = this.documents.get(uri)!;
    const version = previous.version + 1;
    this.documents.set(uri, TextDocument.create(uri, 'markdown', version, text));
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** didClose. */
  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The current text of an open document. */
  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  /** The current version of an open document. */
  version(uri: string): number {
    return this.documents.get(uri)!.version;
  }

  /** Pull diagnostics. */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = (await this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] };
    return report.items;
  }

  /** Applies a workspace edit's document changes to the local copy and sends didChange. */
  async applyWorkspaceEdit(uri: string, edit: { documentChanges?: { textDocument: { uri: string; version: number | null }; edits: { range: Diagnostic['range']; newText: string }[] }[] }): Promise<void> {
    const change = edit.documentChanges!.find((c) => c.textDocument.uri === uri)!;
    const document = this.documents.get(uri)!;
    if (change.textDocument.version !== null && change.textDocument.version !== document.version) throw new Error('stale edit');
    await this.change(uri, TextDocument.applyEdits(document, change.edits));
  }

  /** Waits until `predicate` holds, polling every 10 ms for at most `ms`. */
  async until(predicate: () => boolean, ms = 5000): Promise<void> {
    const start = Date.now();
    while (!predicate()) {
      if (Date.now() - start > ms) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Shuts the server down. */
  async stop(): Promise<void> {
    if (this.child) {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
      await new Promise((resolve) => this.child!.once('exit', resolve));
    }
    this.connection.dispose();
  }
}
