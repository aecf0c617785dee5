/**
 * Fix on save, on and off without editing JSON (issue 20): `source.fixAll.nianbao` in
 * `editor.codeActionsOnSave` for Markdown. On save it applies only the safe fixes that correct
 * text in place (a label's typo, a heading's wording, 无 → 0); the setting is written where the
 * user's own value is (the workspace's when it has one, else the user settings), for Markdown only.
 */
import * as vscode from 'vscode';
import { FIX_ALL_KIND } from '../../server/src/protocol.js';
import { l10n } from './locale.js';

type OnSave = Record<string, string | boolean> | readonly string[] | undefined;

function markdownEditorConfig(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
}

/** Whether a `codeActionsOnSave` value runs nianbao's fix-all on an explicit save. */
function runsFixAll(value: OnSave): boolean {
  if (Array.isArray(value)) return value.includes(FIX_ALL_KIND);
  const entry = (value as Record<string, string | boolean> | undefined)?.[FIX_ALL_KIND];
  return entry === true || entry === 'explicit' || entry === 'always';
}

/** Whether a save of a Markdown document applies nianbao's fixes. */
export function fixOnSaveIsOn(): boolean {
  return runsFixAll(markdownEditorConfig().get<OnSave>('codeActionsOnSave'));
}

/** Turns fix on save on or off (the opposite of now) and says what it does; returns the new state. */
export async function toggleFixOnSave(): Promise<boolean> {
  const config = markdownEditorConfig();
  const on = !fixOnSaveIsOn();
  const inspected = config.inspect<OnSave>('codeActionsOnSave');
  // The most specific value decides, so the change goes there: the workspace's, else the user's.
  const workspace = inspected?.workspaceLanguageValue ?? inspected?.workspaceValue;
  const target = workspace !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const current = (target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceLanguageValue : inspected?.globalLanguageValue) ?? {};
  const entries: Record<string, string | boolean> = Array.isArray(current)
    ? Object.fromEntries((current as readonly string[]).map((kind) => [kind, 'explicit']))
    : { ...(current as Record<string, string | boolean>) };
  entries[FIX_ALL_KIND] = on ? 'explicit' : 'never';
  await config.update('codeActionsOnSave', entries, target, true);
  void vscode.window.showInformationMessage(
    on
      ? l10n.t('Fix on save is on: saving a Markdown report corrects labels, headings and 无 in place; it never inserts sections or tables and never changes a figure.')
      : l10n.t('Fix on save is off: saving changes nothing. The fixes stay available as quick fixes (Ctrl+.) and through the fix-all command.'),
  );
  return on;
}
