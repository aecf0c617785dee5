/**
 * The server side of "nianbao: 从 Word 文档导入": a .docx, .html or .pdf file as the canonical Markdown
 * draft (shell/import-draft.ts); the client opens it as a new, unsaved document, so nothing on
 * disk is written.
 *
 * What it reads (issue 18): the bytes of the file the user picked in the dialog, which the
 * client read and sends; or, given only a URI, a file inside one of the workspace folders, also
 * after every symbolic link is resolved (a link to a system file returned its contents), read
 * through the host (`ServerFiles.readToImport`). Only a regular file of a sane size; the import
 * itself is bounded (docx-package.ts, import-html.ts).
 */
import { buildReport, draftFileNameOf, localize } from '../core/index.js';
import { importDraft, importKind } from '../shell/import-draft.js';
import { describeRefusal } from '../shell/read-refusal.js';
import { decodeBase64, IMPORT_REQUEST, type ImportParams, type ImportResultWire } from '../protocol.js';
import type { ServerFiles, ServerHost } from './host.js';
import { t, type Language } from './locale.js';
import { onRequest } from './messages.js';
import type { Session } from './session.js';
import { URI } from './uri.js';

/** Larger than any Word draft of an annual report; a bigger file is not read. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** The bytes to import, or the error to answer with. */
async function bytesOf(
  params: ImportParams,
  name: string,
  files: ServerFiles,
  folders: readonly string[],
  language: Language,
): Promise<Uint8Array | { error: string }> {
  if (params.data !== undefined) {
    // The file the user picked, read by the client.
    if (params.data.length > Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4) return { error: t(language, '{0} is too large to import.', name) };
    return decodeBase64(params.data);
  }
  const read = await files.readToImport(params.uri, folders, MAX_IMPORT_BYTES);
  if (read === 'outside') return { error: t(language, '{0} is outside the workspace folders (or a link out of them); only a file you pick in the dialog or one inside the workspace is imported.', name) };
  if (read.ok) return read.data;
  const { refusal } = read;
  if (refusal.kind === 'not-regular') return { error: t(language, '{0} is not a regular file.', name) };
  if (refusal.kind === 'too-large') return { error: t(language, '{0} is too large to import.', name) };
  return { error: t(language, 'Cannot read {0}: {1}', name, describeRefusal(refusal, language)) };
}

/**
 * Imports the file of `params`: the bytes the client sent, or a file of the workspace read
 * through the host. Never throws: a problem is an `error` in the result.
 */
export async function importFile(
  params: ImportParams,
  language: Language,
  host: Pick<ServerHost, 'files' | 'readOtherFile'>,
  folders: readonly string[] = [],
): Promise<ImportResultWire> {
  const { files } = host;
  const name = files.name(params.uri);
  const kind = importKind(URI.path(params.uri));
  if (!kind) return { error: t(language, 'Choose a .docx, .html or .pdf file.') };
  try {
    const bytes = await bytesOf(params, name, files, folders, language);
    if ('error' in bytes) return bytes;
    const result = await importDraft(bytes, kind, host.readOtherFile);
    if ('error' in result) return { error: localize(result.error, language) };
    return { text: result.text, notes: result.notes.map((note) => localize(note, language)), fileName: draftFileNameOf(buildReport(result.text)) };
  } catch (error) {
    return { error: t(language, 'Cannot read {0}: {1}', name, (error as { code?: string }).code ?? String(error)) };
  }
}

/** Registers the import request. */
export function registerImport(session: Session): void {
  onRequest(session.connection, IMPORT_REQUEST, async (params) => {
    const language = session.language(await session.settings.get(params.uri));
    return importFile(params, language, session.host, session.folders);
  });
}
