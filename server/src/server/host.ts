/**
 * What differs between the language server in Node and in a browser's web worker, besides the
 * connection: how it reaches files beyond the open documents (last year's report in the
 * workspace, config files, a file to import), the extension's rule pages, and a full garbage
 * collection. The features reach files only through this; `node/host.ts` reads the disk (the one
 * safe reader, the walk shared with the CLI), `browser/host.ts` asks the client, which answers
 * with `vscode.workspace.findFiles` and `vscode.workspace.fs`. Everything else is the same server.
 */
import type { LoadedConfig } from '../shell/config-parse.js';
import type { IgnoreFileProblem } from '../shell/ignore-rules.js';
import type { OtherFileReader } from '../shell/import-draft.js';
import type { ReadRefusal } from '../shell/read-refusal.js';
import type { InitializationOptions } from '../protocol.js';

/** What a look at a file tells without opening it: whether the cached reading of it still holds. */
export interface FileStamp {
  readonly mtime: number;
  readonly size: number;
}

/** A regular file's bytes (`size`: its whole size, more than `data` for a head), or why it was not read. */
export type FileRead = { readonly ok: true; readonly data: Uint8Array; readonly size: number } | { readonly ok: false; readonly refusal: ReadRefusal };

/** The bounds of the search for reports in the workspace. */
export interface SearchLimits {
  /** Files found at most, over all folders. */
  readonly maxFiles: number;
  /** Directories below a folder searched at most. */
  readonly maxDepth: number;
}

/** The files of the workspace, as the server may reach them: only inside the workspace folders. */
export interface ServerFiles {
  /**
   * Whether every change of a workspace file reaches the server as a watched-file event, so that
   * what it read of a file holds until then, without a look at the file at each check: true of
   * the browser's client, which serves the files from the workspace it watches; on disk a file can
   * change unseen (a folder the watcher leaves out), and a stat is cheap.
   */
  readonly changesAnnounced: boolean;
  /**
   * The Markdown files of the workspace folders, as URIs in a stable order: never outside them,
   * dot directories, `node_modules`, `dist` and `out` skipped, `.gitignore` and `.nianbaoignore`
   * honoured (a pattern that cannot be used is told to `onIgnoreProblem`).
   */
  markdownFiles(folders: readonly string[], limits: SearchLimits, onIgnoreProblem?: IgnoreFileProblem): Promise<string[]>;
  /** A file's modification time and size, without opening it; undefined when there is none (or it cannot be looked at). */
  stat(uri: string): Promise<FileStamp | undefined>;
  /** A regular file of at most `limit` bytes. */
  read(uri: string, limit: number): Promise<FileRead>;
  /** The first `bytes` bytes of a regular file of at most `cap` bytes (a larger one is refused unread, by its size). */
  readHead(uri: string, bytes: number, cap: number): Promise<FileRead>;
  /**
   * A file to import named by its URI (the client sent no bytes): only a regular file inside a
   * workspace folder, also after its links are resolved; `outside` when it is not.
   */
  readToImport(uri: string, folders: readonly string[], limit: number): Promise<FileRead | 'outside'>;
  /** The config file (`.nianbaorc.json`, package.json's `"nianbao"`) of a document, undefined when it has none. */
  configOf(uri: string): Promise<LoadedConfig | undefined>;
  /** Forgets the config files read: one changed. */
  forgetConfigs(): void;
  /** How a file is named in the output (a path on disk, else its URI). */
  name(uri: string): string;
  /** How a file of the workspace is named in a message: relative to its folder. */
  display(uri: string, folders: readonly string[]): string;
}

/** The platform's part of the server. */
export interface ServerHost {
  readonly files: ServerFiles;
  /** Takes what the client said at initialize (the browser host needs the extension's URI). */
  initialize(options: InitializationOptions | undefined): void;
  /** The page of a rule (`docs/rules/<id>.md` of the installed extension) as a URL the editor opens; undefined when there is none. */
  ruleUrl(rule: string): string | undefined;
  /** A full garbage collection, where the platform lets the server ask for one. */
  readonly collectGarbage: (() => void) | undefined;
  /** The reader of a PDF, .doc or .wps file to import, where the platform has one (Node's: pdfjs). */
  readonly readOtherFile: OtherFileReader | undefined;
}
