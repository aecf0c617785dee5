/**
 * The extension's answers to the browser server's file requests (client/src/workspace-files.ts,
 * which answers with vscode.workspace.findFiles and vscode.workspace.fs), played by the test
 * client from disk, with the same rules: nothing outside the workspace folders, no symbolic link,
 * no directory, a file above the limit refused before it is read, a head cut at the limit. The
 * real handlers run in the web test (`npm run test:web`).
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ReadFileResult, StatResult } from '../../server/src/protocol.js';
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';

/** The test client, as far as these answers use it (lsp-client.ts). */
export interface FilesClient {
  readonly connection: ProtocolConnection;
  /** The workspace folders given at initialize. */
  readonly folders: readonly string[];
  /** The requests answered, by method. */
  readonly fileRequests: Record<string, number>;
}

const SKIPPED = new Set(['node_modules', 'dist', 'out']);

function insideFolders(client: FilesClient, uri: string): string | undefined {
  let path: string;
  try {
    path = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  return client.folders.some((folder) => {
    const rel = relative(fileURLToPath(folder), path);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
  })
    ? path
    : undefined;
}

function walk(directory: string, markdown: string[], ignoreFiles: string[]): void {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED.has(entry.name)) walk(path, markdown, ignoreFiles);
    } else if (/\.(md|markdown)$/.test(entry.name)) markdown.push(pathToFileURL(path).toString());
    else if (entry.name === '.gitignore' || entry.name === '.nianbaoignore') ignoreFiles.push(pathToFileURL(path).toString());
  }
}

/** Answers `nianbao/findFiles`, `nianbao/stat` and `nianbao/readFile` from disk, as the extension does in a browser. */
export function serveWorkspaceFiles(client: FilesClient): void {
  const count = (method: string): void => {
    client.fileRequests[method] = (client.fileRequests[method] ?? 0) + 1;
  };
  client.connection.onRequest('nianbao/findFiles', (params: { folder: string; maxFiles: number }) => {
    count('findFiles');
    const markdown: string[] = [];
    const ignoreFiles: string[] = [];
    if (client.folders.includes(params.folder)) walk(fileURLToPath(params.folder), markdown, ignoreFiles);
    return { markdown: markdown.slice(0, params.maxFiles), ignoreFiles };
  });
  client.connection.onRequest('nianbao/stat', (params: { uri: string }): StatResult => {
    count('stat');
    const path = insideFolders(client, params.uri);
    if (!path) return null;
    try {
      const stat = lstatSync(path);
      return { type: stat.isSymbolicLink() ? 'link' : stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', size: stat.size, mtime: stat.mtimeMs };
    } catch {
      return null;
    }
  });
  const readFile = (params: { uri: string; limit: number; head?: boolean; cap?: number }): ReadFileResult => {
    count('readFile');
    const path = insideFolders(client, params.uri);
    if (!path) return { refusal: { kind: 'outside' } };
    let stat;
    try {
      stat = lstatSync(path);
    } catch {
      return { refusal: { kind: 'missing' } };
    }
    if (stat.isSymbolicLink()) return { refusal: { kind: 'not-regular', what: 'link' } };
    if (stat.isDirectory()) return { refusal: { kind: 'not-regular', what: 'directory' } };
    if (!stat.isFile()) return { refusal: { kind: 'not-regular', what: 'other' } };
    const most = params.head ? (params.cap ?? Infinity) : params.limit;
    if (stat.size > most) return { refusal: { kind: 'too-large', size: stat.size, limit: most } };
    const data = readFileSync(path).subarray(0, params.limit);
    return { data: data.toString('base64'), size: stat.size };
  };
  client.connection.onRequest<ReadFileResult, unknown>('nianbao/readFile', readFile);
}
