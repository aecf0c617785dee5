/**
 * The cursor in a standard table (issue 21): the `nianbao.inTable` context key (from the table
 * lines the server sends in the status, so it is set before a key is pressed), the status bar
 * item naming the cell (「表三 · （一）予以公开 · 商业企业」, the relations in its tooltip), and the
 * spreadsheet keys — Tab / Shift+Tab to the next / previous figure cell, Enter / Shift+Enter to
 * the same column of the next / previous row — which select the cell's figure so typing replaces
 * it. Where to go is the server's answer (TABLE_CELL_REQUEST); nothing is checked here.
 */
import * as vscode from 'vscode';
import { l10n } from './locale.js';
import type { NianbaoClient } from './client.js';
import { TABLE_CELL_REQUEST, type CellMoveWire, type TableCellAnswer } from '../../server/src/protocol.js';
import { sendRequest } from './messages.js';
import type { ReportStatusBar } from './status-bar.js';

/** The context key of package.json's keybindings. */
export const IN_TABLE_KEY = 'nianbao.inTable';

/** How long the cursor rests before the status bar asks where it is. */
const STATUS_DELAY_MS = 120;

export class TableCursor implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private inTable = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Each status request's number: an answer to an older one is dropped. */
  private asked = 0;

  constructor(
    private readonly client: NianbaoClient,
    private readonly statusBar: ReportStatusBar,
  ) {
    this.item = vscode.window.createStatusBarItem('nianbao.cell', vscode.StatusBarAlignment.Left, 1000);
    this.item.name = l10n.t('nianbao table cell');
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeTextEditorSelection((event) => {
        if (event.textEditor === vscode.window.activeTextEditor) this.update();
      }),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      statusBar.onDidChange(() => this.update()),
      vscode.commands.registerCommand('nianbao.nextCell', () => this.move('next')),
      vscode.commands.registerCommand('nianbao.previousCell', () => this.move('previous')),
      vscode.commands.registerCommand('nianbao.cellBelow', () => this.move('down')),
      vscode.commands.registerCommand('nianbao.cellAbove', () => this.move('up')),
    );
    this.update();
  }

  /** Whether the editor's cursor is on a line of a standard table, by the server's last status. */
  private cursorInTable(editor: vscode.TextEditor | undefined): boolean {
    if (!editor || editor.document.languageId !== 'markdown') return false;
    const status = this.statusBar.statusOf(editor.document.uri);
    if (!status?.isReport || !status.tableLines) return false;
    const line = editor.selection.active.line;
    return status.tableLines.some((table) => table.start <= line && line <= table.end);
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    const inTable = this.cursorInTable(editor);
    if (inTable !== this.inTable) {
      this.inTable = inTable;
      void vscode.commands.executeCommand('setContext', IN_TABLE_KEY, inTable);
    }
    clearTimeout(this.timer);
    if (!inTable || !editor) {
      this.asked++;
      this.item.hide();
      return;
    }
    this.timer = setTimeout(() => void this.showCell(editor), STATUS_DELAY_MS);
  }

  private async ask(editor: vscode.TextEditor, move?: CellMoveWire): Promise<TableCellAnswer | null | undefined> {
    const { document } = editor;
    try {
      return await sendRequest(this.client, TABLE_CELL_REQUEST, {
        uri: this.client.code2ProtocolConverter.asUri(document.uri),
        version: document.version,
        position: this.client.code2ProtocolConverter.asPosition(editor.selection.active),
        ...(move ? { move } : {}),
      });
    } catch (error) {
      this.client.outputChannel.error(error instanceof Error ? error.message : String(error));
      return undefined;
    }
  }

  /** The status bar item: the cell's name, its relations in the tooltip. */
  private async showCell(editor: vscode.TextEditor): Promise<void> {
    const asked = ++this.asked;
    const answer = await this.ask(editor);
    if (asked !== this.asked) return;
    if (!answer) {
      this.item.hide();
      return;
    }
    this.item.text = `$(table) ${answer.title}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(answer.title);
    if (answer.relations.length > 0) tooltip.appendMarkdown('\n\n').appendText(answer.relations.map((r) => `• ${r}`).join('\n'));
    tooltip.appendMarkdown('\n\n').appendText(l10n.t('Tab / Shift+Tab: next / previous cell · Enter / Shift+Enter: the same column of the next / previous row'));
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: [answer.title, ...answer.relations].join('. ') };
    this.item.show();
  }

  /** Moves to the cell a key goes to and selects its figure; at the table's edge, says so (Enter at a line's end adds a line, as always). */
  private async move(move: CellMoveWire): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return;
    const version = editor.document.version;
    const answer = await this.ask(editor, move);
    // Typed or moved meanwhile: the answer is of another text or place.
    if (editor !== vscode.window.activeTextEditor || editor.document.version !== version) return;
    if (answer?.range) {
      const range = this.client.protocol2CodeConverter.asRange(answer.range);
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      return;
    }
    const active = editor.selection.active;
    if (move === 'down' && editor.selection.isEmpty && active.character >= editor.document.lineAt(active.line).text.trimEnd().length) {
      await vscode.commands.executeCommand('default:type', { text: '\n' });
      return;
    }
    const edge: Record<CellMoveWire, string> = {
      next: l10n.t('This is the last cell of the table.'),
      previous: l10n.t('This is the first cell of the table.'),
      down: l10n.t('No row below has this column.'),
      up: l10n.t('No row above has this column.'),
    };
    vscode.window.setStatusBarMessage(edge[move], 3000);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
    void vscode.commands.executeCommand('setContext', IN_TABLE_KEY, false);
  }
}
