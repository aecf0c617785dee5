/**
 * 「预览（官方版式）」 (issue 21, item 5): the whole report as it will print — the export's HTML
 * page (shell/export-html.ts, made by the server: PREVIEW_REPORT_REQUEST) in a webview beside
 * the editor, under a strict Content-Security-Policy (its one inline style under a nonce, no
 * script), shown again as the document changes.
 */
import * as vscode from 'vscode';
import type { NianbaoClient } from './client.js';
import { makeNonce, webviewCsp } from './form-page.js';
import { l10n } from './locale.js';
import { sendRequest } from './messages.js';
import { PREVIEW_REPORT_REQUEST } from '../../server/src/protocol.js';

const REFRESH_DELAY_MS = 300;

/** The export's page made safe for a webview: the policy in its head, its style under the nonce. */
export function previewPage(exportHtml: string, cspSource: string): string {
  const nonce = makeNonce();
  const policy = `<meta http-equiv="Content-Security-Policy" content="${webviewCsp(cspSource, nonce)}">`;
  return exportHtml.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n${policy}`).replace(/<style>/g, `<style nonce="${nonce}">`);
}

function messagePage(message: string, cspSource: string): string {
  const text = message.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
  return previewPage(`<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)}</style></head><body><p>${text}</p></body></html>`, cspSource);
}

const panels = new Map<string, vscode.WebviewPanel>();

async function show(client: NianbaoClient, uri: string, panel: vscode.WebviewPanel): Promise<void> {
  try {
    const answer = await sendRequest(client, PREVIEW_REPORT_REQUEST, { uri });
    panel.webview.html = 'error' in answer ? messagePage(answer.error, panel.webview.cspSource) : previewPage(answer.html, panel.webview.cspSource);
  } catch (error) {
    panel.webview.html = messagePage(String((error as Error)?.message ?? error), panel.webview.cspSource);
  }
}

async function openPreview(client: NianbaoClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(l10n.t('Open a Markdown draft of an annual report first.'));
    return;
  }
  const uri = editor.document.uri.toString();
  const existing = panels.get(uri);
  if (existing) {
    existing.reveal(vscode.ViewColumn.Beside, true);
    return;
  }
  const name = editor.document.uri.path.split('/').pop() ?? '';
  const panel = vscode.window.createWebviewPanel('nianbao.officialPreview', l10n.t('Preview (official layout): {0}', name), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
    enableScripts: false,
    localResourceRoots: [],
  });
  panels.set(uri, panel);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changes = vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.document.uri.toString() !== uri || event.contentChanges.length === 0) return;
    clearTimeout(timer);
    timer = setTimeout(() => void show(client, uri, panel), REFRESH_DELAY_MS);
  });
  panel.onDidDispose(() => {
    clearTimeout(timer);
    changes.dispose();
    panels.delete(uri);
  });
  await show(client, uri, panel);
}

/** Registers 「预览（官方版式）」. */
export function registerReportPreview(client: NianbaoClient): vscode.Disposable[] {
  return [vscode.commands.registerCommand('nianbao.previewOfficial', () => openPreview(client))];
}
