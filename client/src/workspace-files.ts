/**
 * The workspace's files for the language server in a browser, which has no disk
 * (server/src/server/browser/host.ts): a folder's Markdown and ignore files through
 * `vscode.workspace.findFiles`, a file's stat and bytes through `vscode.workspace.fs`. Only inside
 * the workspace folders, never through a symbolic link (its target may lie outside, and the web
 * has no realpath to tell), a directory never read, a file above the server's limit refused before
 * it is read. The Node server reads the disk itself and never asks.
 */
import * as vscode from 'vscode';
import {
  encodeBase64,
  FIND_FILES_REQUEST,
  READ_FILE_REQUEST,
  STAT_REQUEST,
  type FindFilesResult,
  type ReadFileParams,
  type ReadFileResult,
  type StatResult,
} from '../../server/src/protocol.js';
import type { NianbaoClient } from './client.js';
import { onRequest } from './messages.js';

/** What a search for reports skips, as the Node server's walk does (server/src/shell/ignore-rules.ts). */
const SKIPPED = '{**/node_modules/**,**/dist/**,**/out/**,**/.*/**}';

/** Ignore files listed per folder at most (the server reads at most as many). */
const MAX_IGNORE_FILES = 200;

/** The file's URI if it lies in a workspace folder. */
function inWorkspace(text: string): vscode.Uri | undefined {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(text, true);
  } catch {
    return undefined;
  }
  return vscode.workspace.getWorkspaceFolder(uri) ? uri : undefined;
}

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}

function typeOf(stat: vscode.FileStat): NonNullable<StatResult>['type'] {
  if (stat.type & vscode.FileType.SymbolicLink) return 'link';
  if (stat.type & vscode.FileType.Directory) return 'directory';
  return stat.type & vscode.FileType.File ? 'file' : 'other';
}

async function findFiles(folderUri: string, maxFiles: number): Promise<FindFilesResult> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === folderUri);
  if (!folder) return { markdown: [], ignoreFiles: [] };
  const [markdown, ignoreFiles] = await Promise.all([
    vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{md,markdown}'), SKIPPED, Math.max(0, maxFiles)),
    vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/{.gitignore,.nianbaoignore}'), SKIPPED, MAX_IGNORE_FILES),
  ]);
  return { markdown: markdown.map((u) => u.toString()), ignoreFiles: ignoreFiles.map((u) => u.toString()) };
}

async function readFile({ uri: text, limit, head, cap }: ReadFileParams): Promise<ReadFileResult> {
  const uri = inWorkspace(text);
  if (!uri) return { refusal: { kind: 'outside' } };
  const stat = await statOf(uri);
  if (!stat) return { refusal: { kind: 'missing' } };
  const type = typeOf(stat);
  if (type !== 'file') return { refusal: { kind: 'not-regular', what: type } };
  // workspace.fs reads a file whole: one above what the server takes is refused unread.
  const most = head ? (cap ?? Infinity) : limit;
  if (stat.size > most) return { refusal: { kind: 'too-large', size: stat.size, limit: most } };
  let data: Uint8Array;
  try {
    data = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    return { refusal: { kind: 'unreadable', detail: error instanceof Error ? error.message : String(error) } };
  }
  // The file may have grown since its stat.
  if (data.length > most) return { refusal: { kind: 'too-large', size: data.length, limit: most } };
  return { data: encodeBase64(data.subarray(0, limit)), size: Math.max(stat.size, data.length) };
}

/** Answers the browser server's file requests. */
export function registerWorkspaceFiles(client: NianbaoClient): vscode.Disposable[] {
  return [
    onRequest(client, FIND_FILES_REQUEST, ({ folder, maxFiles }) => findFiles(folder, maxFiles)),
    onRequest(client, STAT_REQUEST, async ({ uri: text }): Promise<StatResult> => {
      const uri = inWorkspace(text);
      const stat = uri && (await statOf(uri));
      return stat ? { type: typeOf(stat), size: stat.size, mtime: stat.mtime } : null;
    }),
    onRequest(client, READ_FILE_REQUEST, readFile),
  ];
}
