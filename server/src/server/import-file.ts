/**
 * The server side of "nianbao: 从 Word 文档导入": a .docx or .html file as the canonical Markdown
 * draft (shell/import-draft.ts); the client opens it as a new, unsaved document, so nothing on
 * disk is written.
 *
 * What it reads (issue 18): the bytes of the file the user picked in the dialog, which the
 * client read and sends; or, given only a URI, a file inside one of the workspace folders, also
 * after every symbolic link is resolved (a link to a system file returned its contents). Only a
 * regular file of a sane size; the import itself is bounded (docx-package.ts, import-html.ts).
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReport, draftFileNameOf, localize } from '../core/index.js';
import { importDraft, importKind } from '../shell/import-draft.js';
import { describeRefusal, readRegularFile } from '../shell/read-regular-file.js';
import { IMPORT_REQUEST, type ImportParams, type ImportResultWire } from '../protocol.js';
import { t, type Language } from './locale.js';
import { onRequest } from './messages.js';
import type { Session } from './session.js';

/** Larger than any Word draft of an annual report; a bigger file is not read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

function inside(path: string, directory: string): boolean {
  const rel = relative(directory, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The real path of `path` if it and its real path lie inside a workspace folder, else undefined. */
async function inWorkspace(path: string, folders: readonly string[]): Promise<string | undefined> {
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return undefined;
  }
  for (const folder of folders) {
    let root: string;
    try {
      root = await realpath(fileURLToPath(folder));
    } catch {
      continue;
    }
    if (inside(real, root)) return real;
  }
  return undefined;
}

/** The bytes to import, or the error to answer with. */
async function bytesOf(params: ImportParams, path: string, folders: readonly string[], language: Language): Promise<Uint8Array | { error: string }> {
  if (params.data !== undefined) {
    // The file the user picked, read by the client.
    if (params.data.length > Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4) return { error: t(language, '{0} is too large to import.', path) };
    return Buffer.from(params.data, 'base64');
  }
  const real = await inWorkspace(path, folders);
  if (!real) return { error: t(language, '{0} is outside the workspace folders (or a link out of them); only a file you pick in the dialog or one inside the workspace is imported.', path) };
  // The check and the read on one descriptor: a path swapped for a FIFO in between is caught.
  const read = await readRegularFile(real, MAX_IMPORT_BYTES);
  if (read.ok) return read.data;
  const { refusal } = read;
  if (refusal.kind === 'not-regular') return { error: t(language, '{0} is not a regular file.', path) };
  if (refusal.kind === 'too-large') return { error: t(language, '{0} is too large to import.', path) };
  return { error: t(language, 'Cannot read {0}: {1}', path, describeRefusal(refusal, language)) };
}

/** Imports the file of `params`. Never throws: a problem is an `error` in the result. */
export async function importFromDisk(params: ImportParams, language: Language, folders: readonly string[] = []): Promise<ImportResultWire> {
  let path: string;
  try {
    path = fileURLToPath(params.uri);
  } catch {
    return { error: t(language, 'Only files on this computer can be imported.') };
  }
  const kind = importKind(path);
  if (!kind) return { error: t(language, 'Choose a .docx or .html file.') };
  try {
    const bytes = await bytesOf(params, path, folders, language);
    if ('error' in bytes) return bytes;
    const result = await importDraft(bytes, kind);
    if ('error' in result) return { error: localize(result.error, language) };
    return { text: result.text, notes: result.notes.map((note) => localize(note, language)), fileName: draftFileNameOf(buildReport(result.text)) };
  } catch (error) {
    return { error: t(language, 'Cannot read {0}: {1}', path, (error as NodeJS.ErrnoException).code ?? String(error)) };
  }
}

/** Registers the import request. */
export function registerImport(session: Session): void {
  onRequest(session.connection, IMPORT_REQUEST, async (params) => {
    const language = session.language(await session.settings.get(params.uri));
    return importFromDisk(params, language, session.folders);
  });
}
