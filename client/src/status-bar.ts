/**
 * The status bar item: the report year and the format of the active report's tables, e.g.
 * 「2021年度 · 2021版格式」, with a warning when the tables do not use the format the report
 * requires. It shows what the server last reported (STATUS_NOTIFICATION) for the active editor;
 * a click opens the menu of status-menu.ts (problems, fix on save on or off, export).
 */
import * as vscode from 'vscode';
import { l10n } from './locale.js';
import type { NianbaoClient } from './client.js';
import { STATUS_NOTIFICATION, type FormatIdWire, type ReportStatus } from '../../server/src/protocol.js';
import { fixOnSaveIsOn } from './fix-on-save.js';
import { onNotification } from './messages.js';

/** Keeps the latest status per document and shows the one of the active editor. */
export class ReportStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  /** Latest status per document, keyed by the document URI as VS Code prints it. */
  private readonly statuses = new Map<string, ReportStatus>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a document's status arrives (table-cursor.ts reads its table lines). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: NianbaoClient) {
    this.item = vscode.window.createStatusBarItem('nianbao.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = l10n.t('nianbao report status');
    this.item.command = 'nianbao.showMenu';
    this.disposables.push(
      this.item,
      this.changed,
      onNotification(client, STATUS_NOTIFICATION, (status) => this.onStatus(status)),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.statuses.delete(document.uri.toString());
        this.update();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('nianbao') || event.affectsConfiguration('editor.codeActionsOnSave')) this.update();
      }),
    );
  }

  /** The latest status of a document, if the server reported one. */
  statusOf(uri: vscode.Uri): ReportStatus | undefined {
    return this.statuses.get(uri.toString());
  }

  private onStatus(status: ReportStatus): void {
    const key = this.client.protocol2CodeConverter.asUri(status.uri).toString();
    const previous = this.statuses.get(key);
    if (previous && previous.version > status.version) return; // a late answer for an older text
    this.statuses.set(key, status);
    this.update();
    this.changed.fire();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const status = document ? this.statusOf(document.uri) : undefined;
    const enabled = document ? vscode.workspace.getConfiguration('nianbao', document.uri).get<boolean>('enable', true) : false;
    if (!document || !status?.isReport || !enabled) {
      this.item.hide();
      return;
    }
    // The server says whether the format is forced (nianbao.format or the config file), not this side.
    const view = describe(status, status.formatForced);
    this.item.text = view.problem ? `$(warning) ${view.text}` : view.text;
    this.item.backgroundColor = view.problem ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.color = view.problem ? new vscode.ThemeColor('statusBarItem.warningForeground') : undefined;
    this.item.tooltip = view.tooltip;
    this.item.accessibilityInformation = { label: `${view.text}. ${view.tooltip}`, role: 'button' };
    this.item.show();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** What the item shows for a report. */
interface StatusView {
  readonly text: string;
  readonly tooltip: string;
  /** The tables do not use the required format, or mix both formats. */
  readonly problem: boolean;
}

function formatName(format: FormatIdWire): string {
  return l10n.t('{0} format', format);
}

/** The sentence saying which format the report must use, or undefined when none is known. */
function requirement(status: ReportStatus, fromSetting: boolean): string | undefined {
  const required = status.requiredFormat;
  if (!required) return undefined;
  if (fromSetting) return l10n.t('The nianbao.format setting requires the {0} format.', required);
  if (status.year !== undefined) return l10n.t('A report for {0} must use the {1} format.', status.year, required);
  return l10n.t('This report must use the {0} format.', required);
}

/** The text and tooltip for a report's status. `fromSetting`: the required format is set by `nianbao.format`. */
function describe(status: ReportStatus, fromSetting: boolean): StatusView {
  const year = status.year !== undefined ? l10n.t('{0} report', status.year) : l10n.t('Year unknown');
  const tables = status.tablesFormat;
  const required = status.requiredFormat;
  let format: string;
  let problem: string | undefined;
  if (tables === 'mixed') {
    format = l10n.t('Mixed formats');
    problem = [l10n.t('The tables mix the 2019 and 2021 formats.'), requirement(status, fromSetting)].filter(Boolean).join('\n');
  } else if (tables === 'common') {
    // The tables read the same in both formats (or there are none): the required format applies.
    format = required ? formatName(required) : l10n.t('Format unknown');
  } else {
    format = formatName(tables);
    if (required && tables !== required) {
      if (fromSetting) problem = l10n.t('The nianbao.format setting requires the {0} format, but the tables use the {1} format.', required, tables);
      else if (status.year !== undefined) problem = l10n.t('A report for {0} must use the {1} format, but its tables use the {2} format.', status.year, required, tables);
      else problem = l10n.t('This report must use the {0} format, but its tables use the {1} format.', required, tables);
    }
  }
  const counts = l10n.t('Errors: {0} · Warnings: {1} · Info: {2}', status.errors, status.warnings, status.infos);
  const onSave = fixOnSaveIsOn() ? l10n.t('Fix on save: on') : l10n.t('Fix on save: off');
  const click = l10n.t('Click for the menu: problems, fix on save, export.');
  const tooltip = [problem, counts, onSave, click].filter(Boolean).join('\n');
  return { text: `${year} · ${format}`, tooltip, problem: problem !== undefined };
}
