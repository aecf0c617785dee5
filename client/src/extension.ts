/**
 * The nianbao extension: starts the language server for Markdown documents, shows the report
 * status in the status bar and registers the palette commands. All checking happens in the server.
 */
import * as vscode from 'vscode';
import { l10n } from './locale.js';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client.js';
import { registerCommands } from './commands.js';
import { ReportStatusBar } from './status-bar.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('nianbao', { log: true });
  client = createClient(context, outputChannel);
  const statusBar = new ReportStatusBar(client);
  context.subscriptions.push(outputChannel, statusBar, ...registerCommands(client, statusBar));
  try {
    await client.start();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    outputChannel.error(detail);
    const showOutput = l10n.t('Show Output');
    const choice = await vscode.window.showErrorMessage(l10n.t('The nianbao language server could not start: {0}', detail), showOutput);
    if (choice === showOutput) outputChannel.show(true);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
