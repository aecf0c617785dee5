/**
 * Where "nianbao: 导出为 Word 文档" writes (issue 18): the save dialog proposes a name no file has
 * yet (never the draft itself, nor the Word file it was imported from), a file that exists is
 * replaced only after the user says so in a modal question, and a symbolic link is never written
 * through (the bytes would land in whatever file it points to).
 */
import * as vscode from 'vscode';
import { l10n } from './locale.js';

/** The names proposed for an export of `stem` (a path without extension), in order of preference. */
export function* exportNames(stem: string, extension: string): Generator<string> {
  yield `${stem}.${extension}`;
  yield `${stem}-导出.${extension}`;
  for (let n = 2; ; n++) yield `${stem}-导出${n}.${extension}`;
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}

/** The first proposed name with no file, tried a bounded number of times. */
async function freeName(document: vscode.Uri): Promise<vscode.Uri | undefined> {
  // Any file system that can be written (file, vscode-remote, a browser's virtual workspace); none for an untitled draft.
  if (document.scheme === 'untitled' || vscode.workspace.fs.isWritableFileSystem(document.scheme) !== true) return undefined;
  const stem = document.path.replace(/\.[^./]*$/, '');
  let tries = 0;
  for (const path of exportNames(stem, 'docx')) {
    const candidate = document.with({ path });
    if (candidate.path !== document.path && !(await statOf(candidate))) return candidate;
    if (++tries >= 20) return candidate;
  }
  return undefined;
}

/**
 * Asks where to export the report open at `document`; undefined when the user cancels, declines
 * to replace an existing file, or picks a symbolic link (then told why).
 */
export async function chooseExportTarget(document: vscode.Uri): Promise<vscode.Uri | undefined> {
  const proposed = await freeName(document);
  const target = await vscode.window.showSaveDialog({
    title: l10n.t('Export as a Word document'),
    ...(proposed ? { defaultUri: proposed } : {}),
    filters: { [l10n.t('Word document')]: ['docx'], [l10n.t('Web page (prints well)')]: ['html'] },
  });
  if (!target) return undefined;
  const name = vscode.workspace.asRelativePath(target);
  if (target.toString() === document.toString()) {
    void vscode.window.showErrorMessage(l10n.t('{0} is the draft itself; choose another file name for the export.', name));
    return undefined;
  }
  const existing = await statOf(target);
  if (existing && (existing.type & vscode.FileType.SymbolicLink) !== 0) {
    void vscode.window.showErrorMessage(l10n.t('{0} is a symbolic link to another file; nothing was exported. Choose another file name.', name));
    return undefined;
  }
  if (existing) {
    const replace = l10n.t('Replace');
    const choice = await vscode.window.showWarningMessage(
      l10n.t('{0} already exists. Replace it with the exported report? Its current content will be lost.', name),
      { modal: true },
      replace,
    );
    if (choice !== replace) return undefined;
  }
  return target;
}
