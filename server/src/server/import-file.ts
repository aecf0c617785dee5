/**
 * The server side of "nianbao: 从 Word 文档导入": reads a .docx or .html file the user picked and
 * returns the canonical Markdown draft (shell/import-draft.ts); the client opens it as a new,
 * unsaved document, so nothing on disk is written. Only a regular file of a sane size is read.
 */
import { fileURLToPath } from 'node:url';
import { localize } from '../core/index.js';
import { importDraft, importKind } from '../shell/import-draft.js';
import { describeRefusal, readRegularFile } from '../shell/read-regular-file.js';
import { IMPORT_REQUEST, type ImportParams, type ImportResultWire } from '../protocol.js';
import { t, type Language } from './locale.js';
import { onRequest } from './messages.js';
import type { Session } from './session.js';

/** Larger than any Word draft of an annual report; a bigger file is not read. */
const MAX_BYTES = 50 * 1024 * 1024;

/** Imports the file at `params.uri`. Never throws: a problem is an `error` in the result. */
export async function importFromDisk(params: ImportParams, language: Language): Promise<ImportResultWire> {
  let path: string;
  try {
    path = fileURLToPath(params.uri);
  } catch {
    return { error: t(language, 'Only files on this computer can be imported.') };
  }
  const kind = importKind(path);
  if (!kind) return { error: t(language, 'Choose a .docx or .html file.') };
  try {
    // The check and the read on one descriptor: a path swapped for a FIFO in between is caught.
    const read = await readRegularFile(path, MAX_BYTES);
    if (!read.ok) {
      const { refusal } = read;
      if (refusal.kind === 'not-regular') return { error: t(language, '{0} is not a regular file.', path) };
      if (refusal.kind === 'too-large') return { error: t(language, '{0} is too large to import.', path) };
      return { error: t(language, 'Cannot read {0}: {1}', path, describeRefusal(refusal, language)) };
    }
    const result = await importDraft(read.data, kind);
    if ('error' in result) return { error: localize(result.error, language) };
    return { text: result.text, notes: result.notes.map((note) => localize(note, language)) };
  } catch (error) {
    return { error: t(language, 'Cannot read {0}: {1}', path, (error as NodeJS.ErrnoException).code ?? String(error)) };
  }
}

/** Registers the import request. */
export function registerImport(session: Session): void {
  onRequest(session.connection, IMPORT_REQUEST, async (params) => importFromDisk(params, session.language(await session.settings.get(params.uri))));
}
