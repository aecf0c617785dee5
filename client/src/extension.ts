/**
 * The nianbao extension, the same in Node and in a browser: starts the language server for
 * Markdown documents (the entry says how: node/main.ts, browser/main.ts), shows the report status
 * in the status bar, registers the palette commands, and answers the browser server's requests
 * for the workspace's files. All checking happens in the server.
 */
import * as vscode from 'vscode';
import { l10n } from './locale.js';
import type { ClientFactory, NianbaoClient } from './client.js';
import { registerCommands } from './commands.js';
import { PreviewTables, type MarkdownIt } from './preview-tables.js';
import { registerReportPreview } from './report-preview.js';
import { registerTableForm } from './table-form.js';
import { ReportStatusBar } from './status-bar.js';
import { registerWorkspaceFiles } from './workspace-files.js';
import { TableCursor } from './table-cursor.js';
import { registerTotals } from './totals.js';

let client: NianbaoClient | undefined;

/** What the extension gives other extensions: the Markdown preview's plugin (package.json `markdown.markdownItPlugins`). */
export interface NianbaoExports {
  extendMarkdownIt<T extends MarkdownIt>(md: T): T;
}

/** Activates the extension with the client the entry creates. */
export async function activateWith(context: vscode.ExtensionContext, createClient: ClientFactory): Promise<NianbaoExports> {
  const outputChannel = vscode.window.createOutputChannel('nianbao', { log: true });
  client = createClient(context, outputChannel);
  const statusBar = new ReportStatusBar(client);
  const previewTables = new PreviewTables(client);
  context.subscriptions.push(
    outputChannel,
    statusBar,
    previewTables,
    ...registerCommands(client, statusBar),
    ...registerWorkspaceFiles(client),
    ...registerTableForm(client),
    ...registerReportPreview(client),
    ...registerTotals(client),
  );
  context.subscriptions.push(new TableCursor(client, statusBar));
  const exports: NianbaoExports = { extendMarkdownIt: (md) => previewTables.extend(md) };
  try {
    await client.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    outputChannel.error(detail);
    const showOutput = l10n.t('Show Output');
    // Not awaited: the Markdown preview waits for the exports.
    void vscode.window.showErrorMessage(l10n.t('The nianbao language server could not start: {0}', detail), showOutput).then((choice) => {
      if (choice === showOutput) outputChannel.show(true);
    });
  }
  return exports;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
