/**
 * 「在表单中填写」 (issue 21, item 4): a standard table of the open report in a webview panel, in
 * the official merged layout, with its findings on their cells. The server gives the form
 * (TABLE_FORM_REQUEST) and, for each value typed, the edit of the Markdown (CELL_EDIT_REQUEST),
 * which is applied as one WorkspaceEdit: the Markdown stays the only source of truth, each value
 * is one step of the editor's undo, and every change of the document shows in the form again.
 */
import * as vscode from 'vscode';
import type { NianbaoClient } from './client.js';
import { formPageHtml, type FormStrings } from './form-page.js';
import { l10n, uiLanguage } from './locale.js';
import { sendRequest } from './messages.js';
import {
  CELL_EDIT_REQUEST,
  OPEN_TABLE_FORM_COMMAND,
  TABLE_FORM_REQUEST,
  type RangeWire,
  type TableFormResultWire,
  type TableIdWire,
} from '../../server/src/protocol.js';

/** How long the form waits after a change of the document before it asks for the form again. */
const REFRESH_DELAY_MS = 120;

/** What the webview posts. */
type FormMessage = { type: 'ready' } | { type: 'edit'; key: string; value: string } | { type: 'reveal'; range: RangeWire };

function toRange(range: RangeWire): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function formStrings(): FormStrings {
  return {
    loading: l10n.t('Loading the table…'),
    problems: l10n.t('{0} problems in this table', '{0}'),
    noProblems: l10n.t('No problems in this table'),
    computedTotal: l10n.t('The parts add up to {0}', '{0}'),
    totalHolds: l10n.t('The parts add up to this total'),
    notEditable: l10n.t('The draft has no such cell: add the row in the text first.'),
    help: l10n.t('Tab / Shift+Tab: next / previous cell · Enter / Shift+Enter: next / previous row · Esc: undo typing in the cell. Every value is written into the Markdown; undo it there with Ctrl+Z.'),
  };
}

/** One open form: a table of a document in a panel. */
class TableFormPanel {
  private version = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private edits: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly client: NianbaoClient,
    readonly uri: string,
    readonly table: TableIdWire,
    readonly panel: vscode.WebviewPanel,
    onDispose: () => void,
  ) {
    panel.webview.html = formPageHtml(panel.webview.cspSource, formStrings(), uiLanguage());
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: FormMessage) => this.receive(message)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === uri && event.contentChanges.length > 0) this.scheduleRefresh();
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (event.uris.some((u) => u.toString() === uri)) this.scheduleRefresh();
      }),
      panel.onDidDispose(() => {
        clearTimeout(this.timer);
        for (const d of this.disposables) d.dispose();
        onDispose();
      }),
    );
  }

  private receive(message: FormMessage): void {
    if (message.type === 'ready') void this.refresh();
    else if (message.type === 'edit') this.edits = this.edits.then(() => this.write(message.key, message.value));
    else if (message.type === 'reveal') void this.reveal(message.range);
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /** Asks the server for the form of the document as it is now and shows it. */
  async refresh(): Promise<void> {
    let form: TableFormResultWire;
    try {
      form = await sendRequest(this.client, TABLE_FORM_REQUEST, { uri: this.uri, table: this.table });
    } catch (error) {
      void this.panel.webview.postMessage({ type: 'error', message: String((error as Error)?.message ?? error) });
      return;
    }
    if ('error' in form) {
      void this.panel.webview.postMessage({ type: 'error', message: form.error });
      return;
    }
    this.version = form.version;
    this.panel.title = form.title;
    void this.panel.webview.postMessage({ type: 'form', form });
  }

  /** Writes a value into its cell of the document: the server's edit as one WorkspaceEdit. */
  private async write(key: string, value: string): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === this.uri);
    if (document === undefined) {
      void this.panel.webview.postMessage({ type: 'error', message: l10n.t('The report is closed; open it again to fill in the form.') });
      return;
    }
    for (let attempt = 0; attempt < 10; attempt++) {
      const answer = await sendRequest(this.client, CELL_EDIT_REQUEST, { uri: this.uri, version: document.version, table: this.table, key, value });
      if ('edit' in answer) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(document.uri, toRange(answer.edit.range), answer.edit.newText);
        if (!(await vscode.workspace.applyEdit(edit))) void this.panel.webview.postMessage({ type: 'error', message: l10n.t('The value could not be written into the document.') });
        return;
      }
      // The server has not seen the latest change yet: ask again once it has.
      if (document.version === this.version || attempt === 9) {
        void this.panel.webview.postMessage({ type: 'error', message: answer.error });
        await this.refresh();
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async reveal(range: RangeWire): Promise<void> {
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(this.uri), { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    editor.selection = new vscode.Selection(toRange(range).start, toRange(range).end);
    editor.revealRange(toRange(range), vscode.TextEditorRevealType.InCenter);
  }
}

/** The forms open now, by `uri#table`. */
const open = new Map<string, TableFormPanel>();

/** Opens (or shows again) the form of a table; without arguments, the table at the cursor of the active editor. */
async function openForm(client: NianbaoClient, uri?: string, table?: TableIdWire): Promise<void> {
  let target = table;
  let documentUri = uri;
  if (documentUri === undefined) {
    const editor = vscode.window.activeTextEditor;
    if (editor?.document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage(l10n.t('Open a Markdown draft of an annual report first.'));
      return;
    }
    documentUri = editor.document.uri.toString();
    const cursor = editor.selection.active;
    const at = await sendRequest(client, TABLE_FORM_REQUEST, { uri: documentUri, position: { line: cursor.line, character: cursor.character } });
    if ('error' in at) {
      void vscode.window.showInformationMessage(l10n.t('Put the cursor in a standard table (表二, 表三 or 表四) first.'));
      return;
    }
    target = at.table;
  }
  if (target === undefined) return;
  const id = `${documentUri}#${target}`;
  const existing = open.get(id);
  if (existing) {
    existing.panel.reveal();
    return;
  }
  const column = { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false };
  const panel = vscode.window.createWebviewPanel('nianbao.tableForm', l10n.t('Fill in the form'), column, { enableScripts: true, localResourceRoots: [], retainContextWhenHidden: true });
  open.set(id, new TableFormPanel(client, documentUri, target, panel, () => open.delete(id)));
}

/** Registers the command the tables' CodeLens runs (and the palette's, for the table at the cursor). */
export function registerTableForm(client: NianbaoClient): vscode.Disposable[] {
  // The name is OPEN_TABLE_FORM_COMMAND, written out so the manifest test finds its handler.
  return [vscode.commands.registerCommand('nianbao.openTableForm' satisfies typeof OPEN_TABLE_FORM_COMMAND, (uri?: unknown, table?: unknown) =>
    openForm(client, typeof uri === 'string' ? uri : undefined, table === 'table2' || table === 'table3' || table === 'table4' ? table : undefined),
  )];
}
