/**
 * 计算合计 from the palette (issue 21): the totals of the table at the cursor (every table with
 * totals when the cursor is in none) written from their parts by the server (FILL_TOTALS_COMMAND).
 * The blank ones at once; all of them (overwriting what is written) only after the change is shown
 * as a diff — the text as it is beside the text as it would be — and the user says 应用. The server
 * computes and says what it did; here the edits are only shown and applied.
 */
import * as vscode from 'vscode';
import { l10n } from './locale.js';
import type { NianbaoClient } from './client.js';
import { FILL_TOTALS_COMMAND, type FillTotalsResult, type PositionWire, type TotalsScopeWire } from '../../server/src/protocol.js';
import { executeCommand } from './messages.js';

/** The scheme of the diff's right side: the draft with its totals recomputed, held in memory. */
const PREVIEW_SCHEME = 'nianbao-totals';

/** Registers 计算合计, 重新计算全部合计 and the read-only documents of their previews. */
export function registerTotals(client: NianbaoClient): vscode.Disposable[] {
  const previews = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  return [
    changed,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => previews.get(uri.toString()) ?? '' }),
    vscode.commands.registerCommand('nianbao.fillTotals', () => fillTotals(client, 'blank')),
    // A code action of the server passes the document and the position it was asked at.
    vscode.commands.registerCommand('nianbao.recomputeTotals', (uri?: unknown, position?: unknown) =>
      recomputeTotals(client, previews, changed, typeof uri === 'string' ? uri : undefined, isPosition(position) ? position : undefined),
    ),
  ];
}

function isPosition(value: unknown): value is PositionWire {
  return typeof value === 'object' && value !== null && typeof (value as PositionWire).line === 'number' && typeof (value as PositionWire).character === 'number';
}

function markdownEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'markdown') return editor;
  void vscode.window.showInformationMessage(l10n.t('Open a Markdown draft of an annual report first.'));
  return undefined;
}

async function run(
  client: NianbaoClient,
  document: vscode.TextDocument,
  position: PositionWire,
  scope: TotalsScopeWire,
  preview: boolean,
): Promise<FillTotalsResult | undefined> {
  try {
    const uri = client.code2ProtocolConverter.asUri(document.uri);
    const result = await executeCommand(client, FILL_TOTALS_COMMAND, [uri, document.version, position, scope, preview]);
    if (!result) void vscode.window.showInformationMessage(l10n.t('nianbao does not check this document, or it changed meanwhile: no total was computed.'));
    return result ?? undefined;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    client.outputChannel.error(detail);
    void vscode.window.showErrorMessage(l10n.t('nianbao could not compute the totals: {0}', detail));
    return undefined;
  }
}

async function fillTotals(client: NianbaoClient, scope: TotalsScopeWire): Promise<void> {
  const editor = markdownEditor();
  if (!editor) return;
  const result = await run(client, editor.document, client.code2ProtocolConverter.asPosition(editor.selection.active), scope, false);
  if (result) void vscode.window.showInformationMessage(result.message);
}

/** Every total recomputed: the diff of the draft and the draft with the sums, then applied if the user says so. */
async function recomputeTotals(
  client: NianbaoClient,
  previews: Map<string, string>,
  changed: vscode.EventEmitter<vscode.Uri>,
  uri?: string,
  at?: PositionWire,
): Promise<void> {
  const named = (e: vscode.TextEditor): boolean => client.code2ProtocolConverter.asUri(e.document.uri) === uri;
  const editor = uri === undefined ? markdownEditor() : vscode.window.visibleTextEditors.find(named);
  if (!editor) return;
  const { document } = editor;
  const result = await run(client, document, at ?? client.code2ProtocolConverter.asPosition(editor.selection.active), 'all', true);
  if (!result) return;
  if (!result.preview || result.preview.version !== document.version) {
    void vscode.window.showInformationMessage(result.message);
    return;
  }
  const edits = result.preview.edits.map((e) => new vscode.TextEdit(client.protocol2CodeConverter.asRange(e.range), e.newText));
  // The text as it would be: the edits spliced in from the last to the first.
  let proposed = document.getText();
  for (const edit of [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start))) {
    proposed = proposed.slice(0, document.offsetAt(edit.range.start)) + edit.newText + proposed.slice(document.offsetAt(edit.range.end));
  }
  const right = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: document.uri.path, query: String(document.version) });
  previews.set(right.toString(), proposed);
  changed.fire(right);
  const name = document.uri.path.split('/').pop() ?? '';
  await vscode.commands.executeCommand('vscode.diff', document.uri, right, l10n.t('{0}: totals now ↔ recomputed', name), { preview: true });
  const apply = l10n.t('Apply');
  const choice = await vscode.window.showInformationMessage(result.message, apply, l10n.t('Cancel'));
  previews.delete(right.toString());
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === right.toString()) await vscode.window.tabGroups.close(tab);
    }
  }
  if (choice !== apply) return;
  if (document.version !== result.preview.version) {
    void vscode.window.showWarningMessage(l10n.t('The draft changed while the totals were shown: nothing was written. Run the command again.'));
    return;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, edits);
  await vscode.workspace.applyEdit(edit);
}
