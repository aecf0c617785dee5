/**
 * A new draft (from the template, imported, or next year's) opened as an unsaved document that
 * Save As offers as `<年度>-<机关>.md` (issue 20; VS Code would otherwise offer the first line,
 * 「# 芦湖县….md」): an untitled document with that name, in the first workspace folder, under a
 * name no file or open document has yet.
 */
import * as vscode from 'vscode';

/** The untitled URI for `name`: beside the workspace's files, never one a file or an open document has. */
async function freeUntitled(name: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; n < 100; n++) {
    const candidate = n === 1 ? name : `${stem}-${n}${ext}`;
    const onDisk = folder ? vscode.Uri.joinPath(folder, candidate) : undefined;
    const untitled = onDisk ? onDisk.with({ scheme: 'untitled' }) : vscode.Uri.from({ scheme: 'untitled', path: candidate });
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === untitled.toString())) continue;
    if (onDisk && (await vscode.workspace.fs.stat(onDisk).then(() => true, () => false))) continue;
    return untitled;
  }
  return vscode.Uri.from({ scheme: 'untitled', path: `${stem}-${Date.now()}${ext}` });
}

/** Opens `text` as a new unsaved Markdown document named `fileName` (when given) and shows it. */
export async function openDraft(text: string, fileName: string | undefined): Promise<vscode.TextEditor> {
  if (!fileName) return vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: text }));
  const document = await vscode.workspace.openTextDocument(await freeUntitled(fileName));
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), text));
  if (document.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  return editor;
}
