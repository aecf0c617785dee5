/**
 * 计算合计 from the palette (issue 21): the totals of the table at the cursor (every table with
 * totals when the cursor is in none) written from their parts by the server (FILL_TOTALS_COMMAND):
 * the blank ones, or all of them after a preview. The server says what it did.
 */
import * as vscode from 'vscode';
import { l10n } from './locale.js';
import type { NianbaoClient } from './client.js';
import { FILL_TOTALS_COMMAND, type TotalsScopeWire } from '../../server/src/protocol.js';
import { executeCommand } from './messages.js';

/** Registers 计算合计 and 重新计算全部合计. */
export function registerTotals(client: NianbaoClient): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('nianbao.fillTotals', () => fillTotals(client, 'blank')),
    vscode.commands.registerCommand('nianbao.recomputeTotals', () => fillTotals(client, 'all')),
  ];
}

async function fillTotals(client: NianbaoClient, scope: TotalsScopeWire): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(l10n.t('Open a Markdown draft of an annual report first.'));
    return;
  }
  const { document, selection } = editor;
  try {
    const result = await executeCommand(client, FILL_TOTALS_COMMAND, [
      client.code2ProtocolConverter.asUri(document.uri),
      document.version,
      client.code2ProtocolConverter.asPosition(selection.active),
      scope,
    ]);
    if (result) void vscode.window.showInformationMessage(result.message);
    else void vscode.window.showInformationMessage(l10n.t('nianbao does not check this document, or it changed meanwhile: no total was computed.'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    client.outputChannel.error(detail);
    void vscode.window.showErrorMessage(l10n.t('nianbao could not compute the totals: {0}', detail));
  }
}
