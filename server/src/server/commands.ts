/**
 * The server's commands (workspace/executeCommand), as a table: each command's arguments are
 * read from what the client sent (untrusted, so checked) into the types protocol.ts gives them,
 * then the command runs. An argument list that does not read is ignored, as an unknown command is.
 */
import { CONVERT_DOCUMENT_COMMAND, CONVERT_TABLE_COMMAND, FILL_TOTALS_COMMAND, FIX_ALL_COMMAND, NEXT_YEAR_COMMAND, type PositionWire, type ServerCommand, type ServerCommands } from '../protocol.js';
import { maxBytes, utf8Length } from './analysis.js';
import { fixAllEdit } from './code-actions.js';
import { convertDocument, convertTableAt, isPosition } from './convert-markdown.js';
import { tooLargeMessage } from './diagnostics.js';
import { t } from './locale.js';
import { nextYearOfText } from './next-year.js';
import { currentAnalysis, type Session } from './session.js';
import { fillTotals } from './totals.js';

/** A command: reads its arguments (undefined when they do not read), and runs. */
interface CommandHandler<K extends ServerCommand> {
  read(args: readonly unknown[]): ServerCommands[K]['arguments'] | undefined;
  run(session: Session, args: ServerCommands[K]['arguments']): Promise<ServerCommands[K]['result']>;
}

/** `[uri, version]`, or undefined when the first argument is no URI; a version that is no number is left out. */
function uriAndVersion(args: readonly unknown[]): readonly [uri: string, version?: number] | undefined {
  const [uri, version] = args;
  if (typeof uri !== 'string') return undefined;
  return typeof version === 'number' ? [uri, version] : [uri];
}

/** The open document at `uri` if its version is `version` (or any version when none was given). */
function openAt(session: Session, uri: string, version: number | undefined) {
  const document = session.documents.get(uri);
  return document && (version === undefined || version === document.version) ? document : undefined;
}

/** A conversion command: the table at the cursor, or the whole draft. */
async function convert(session: Session, uri: string, version: number | undefined, table: boolean, position: PositionWire | undefined): Promise<void> {
  const document = openAt(session, uri, version);
  if (!document) return;
  const analysis = await session.analyse(document);
  if (!currentAnalysis(analysis, document) || analysis.tooLarge) return;
  const language = session.language(analysis.settings);
  const conversion = table ? convertTableAt(analysis, position, language) : convertDocument(analysis, language);
  for (const message of conversion.messages) void session.connection.window.showWarningMessage(message);
  if (conversion.edit) await session.connection.workspace.applyEdit({ label: conversion.label, edit: { documentChanges: [conversion.edit] } });
}

const COMMANDS: { readonly [K in ServerCommand]: CommandHandler<K> } = {
  [FIX_ALL_COMMAND]: {
    read: uriAndVersion,
    async run(session, [uri, version]) {
      const document = openAt(session, uri, version);
      if (!document) return;
      const analysis = await session.analyse(document);
      if (!analysis.isReport || !currentAnalysis(analysis, document)) return;
      const edit = fixAllEdit(analysis);
      if (edit) await session.connection.workspace.applyEdit({ label: t(session.language(analysis.settings), 'Fix all safe nianbao problems'), edit: { documentChanges: [edit] } });
    },
  },
  [CONVERT_TABLE_COMMAND]: {
    read: (args) => {
      const read = uriAndVersion(args);
      return read && isPosition(args[2]) ? [read[0], read[1], args[2]] : read;
    },
    run: (session, [uri, version, position]) => convert(session, uri, version, true, position),
  },
  [CONVERT_DOCUMENT_COMMAND]: {
    read: uriAndVersion,
    run: (session, [uri, version]) => convert(session, uri, version, false, undefined),
  },
  [NEXT_YEAR_COMMAND]: {
    read: (args) => (typeof args[0] === 'string' ? [args[0]] : []),
    async run(session, [uri]) {
      const document = uri === undefined ? undefined : session.documents.get(uri);
      if (!document) return nextYearOfText(undefined, session.serverLanguage());
      const settings = await session.settings.get(document.uri);
      const size = utf8Length(document.getText());
      if (size > maxBytes(settings)) return { error: tooLargeMessage(session.language(settings), size, maxBytes(settings)) };
      return nextYearOfText(document.getText(), session.language(settings));
    },
  },
  [FILL_TOTALS_COMMAND]: {
    read: (args) => {
      const [uri, version, position, scope, preview] = args;
      if (typeof uri !== 'string') return undefined;
      return [uri, typeof version === 'number' ? version : null, isPosition(position) ? position : null, scope === 'all' ? 'all' : 'blank', preview === true];
    },
    run: (session, [uri, version, position, scope, preview]) => fillTotals(session, uri, version, position, scope, preview === true),
  },
};

/** Runs a command by name with the client's arguments. */
async function execute<K extends ServerCommand>(session: Session, name: K, args: readonly unknown[]): Promise<ServerCommands[K]['result'] | undefined> {
  const handler: CommandHandler<K> = COMMANDS[name];
  const read = handler.read(args);
  return read === undefined ? undefined : handler.run(session, read);
}

/** Registers workspace/executeCommand for the command table. */
export function registerCommands(session: Session): void {
  session.connection.onExecuteCommand((params) => {
    if (!Object.hasOwn(COMMANDS, params.command)) return undefined;
    return execute(session, params.command as ServerCommand, params.arguments ?? []);
  });
}
