/**
 * The menu behind the status bar item (issue 20): the problems, fix on save on or off, and the
 * commands a drafter needs, in the interface language, without the command palette or JSON.
 */
import * as vscode from 'vscode';
import { fixOnSaveIsOn, toggleFixOnSave } from './fix-on-save.js';
import { l10n } from './locale.js';
import type { ReportStatusBar } from './status-bar.js';

interface MenuItem extends vscode.QuickPickItem {
  readonly run: () => Thenable<unknown>;
}

/** Shows the menu; the item picked runs. */
export async function showReportMenu(statusBar: ReportStatusBar): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  const status = document ? statusBar.statusOf(document.uri) : undefined;
  const on = fixOnSaveIsOn();
  const items: MenuItem[] = [
    {
      label: `$(warning) ${l10n.t('Show the problems')}`,
      description: status?.isReport ? l10n.t('Errors: {0} · Warnings: {1} · Info: {2}', status.errors, status.warnings, status.infos) : undefined,
      run: () => vscode.commands.executeCommand('workbench.actions.view.problems'),
    },
    {
      label: `${on ? '$(check)' : '$(circle-slash)'} ${on ? l10n.t('Fix on save: on') : l10n.t('Fix on save: off')}`,
      description: on ? l10n.t('click to turn off') : l10n.t('click to turn on'),
      detail: l10n.t('On save, only labels, headings and 无 are corrected in place; no section or table is inserted, no figure changed.'),
      run: () => toggleFixOnSave(),
    },
    { label: `$(wrench) ${l10n.t('Fix all safe problems now')}`, run: () => vscode.commands.executeCommand('nianbao.fixAll') },
    { label: `$(table) ${l10n.t('Insert a standard table')}`, run: () => vscode.commands.executeCommand('nianbao.insertTable') },
    { label: `$(export) ${l10n.t('Export as a Word document')}`, run: () => vscode.commands.executeCommand('nianbao.exportWord') },
    { label: `$(output) ${l10n.t('Show the nianbao output')}`, run: () => vscode.commands.executeCommand('nianbao.showOutput') },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('nianbao annual report') });
  await picked?.run();
}
