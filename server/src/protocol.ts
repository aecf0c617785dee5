/**
 * The messages between the nianbao extension client and its language server beyond LSP, as
 * typed message objects (as vscode-eslint's shared messages are): each request and notification
 * names its method and, as types, its parameters and result; each server command its arguments
 * and result. Plain objects and types only, so both sides import them without pulling in either
 * side's library (the client and the server are built on different vscode-jsonrpc versions).
 */

/** A request: its method; `P` and `R` type its parameters and result (`_types` is never set). */
export interface RequestMessage<P, R> {
  readonly method: string;
  readonly _types?: readonly [P, R];
}

/** A notification: its method; `P` types its parameters. */
export interface NotificationMessage<P> {
  readonly method: string;
  readonly _types?: readonly [P];
}

/** A report format id (mirrors core/formats FormatId). */
export type FormatIdWire = '2019' | '2021';

/** The payload of {@link STATUS_NOTIFICATION}. */
export interface ReportStatus {
  readonly uri: string;
  readonly version: number;
  /** False for Markdown files that are not annual reports: nianbao ignores them. */
  readonly isReport: boolean;
  readonly year?: number;
  /** The format the report must use: the one its year requires, or the one the settings force. */
  readonly requiredFormat?: FormatIdWire;
  /** Whether `requiredFormat` is forced by the settings (`nianbao.format` or the config file's `format`) rather than the year. */
  readonly formatForced: boolean;
  /** The format the tables use. */
  readonly tablesFormat: FormatIdWire | 'mixed' | 'common';
  readonly errors: number;
  readonly warnings: number;
  /** Info findings; hints (a tolerated variant, accepted as written) are not counted. */
  readonly infos: number;
  /**
   * The lines of the standard tables (0-based, both ends included): where the client turns the
   * spreadsheet keys on (the `nianbao.inTable` context key, issue 21) without asking the server.
   */
  readonly tableLines?: readonly TableLinesWire[];
}

/** A standard table's first and last line (0-based). */
export interface TableLinesWire {
  readonly table: 'table2' | 'table3' | 'table4';
  readonly start: number;
  readonly end: number;
}

/** What to render. */
export interface TemplateParams {
  readonly kind: 'table2' | 'table3' | 'table4' | 'skeleton';
  /** The format; when absent, the format the document at `uri` requires (2021 if unknown). */
  readonly format?: FormatIdWire;
  readonly uri?: string;
  /** For a skeleton: the report year and the issuing body. */
  readonly year?: number;
  readonly body?: string;
}

/** The rendered Markdown. */
export interface TemplateResult {
  readonly text: string;
  readonly format: FormatIdWire;
  /** For a skeleton: the name to offer when the new draft is first saved, `<年度>-<机关>.md` (issue 20). */
  readonly fileName?: string;
}

/** What to export. */
export interface ExportParams {
  /** An open document. */
  readonly uri: string;
  readonly to: 'docx' | 'html';
}

/** The exported file's bytes (base64) and notes on what was left out, or why there is none. */
export type ExportResultWire = { readonly base64: string; readonly notes: readonly string[] } | { readonly error: string };

/** The file to import. */
export interface ImportParams {
  /** A `file:` URI of a .docx or .html file: its name says which; read by the server only inside the workspace folders. */
  readonly uri: string;
  /** The bytes (base64) of the file the user picked in the dialog, read by the client: the server reads nothing then. */
  readonly data?: string;
}

/** The imported draft, notes on what was dropped and the name to offer on first save (`<年度>-<机关>.md`), or why there is none (in the server's language). */
export type ImportResultWire = { readonly text: string; readonly notes: readonly string[]; readonly fileName?: string } | { readonly error: string };

/** The draft of the next year and the name to offer on first save (`<年度>-<机关>.md`), or why there is none (in the server's language). */
export type NextYearResultWire =
  | { readonly text: string; readonly year: number; readonly format: FormatIdWire; readonly fileName?: string }
  | { readonly error: string };

/** The code action kind of nianbao's fix-all, for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.nianbao';

/** Initialization options the client sends. */
export interface InitializationOptions {
  /** VS Code's display language (vscode.env.language), for `nianbao.locale: auto`. */
  readonly displayLanguage?: string;
  /** The installed extension's folder (`ExtensionContext.extensionUri`): the browser's server links the rule pages in it. */
  readonly extensionUri?: string;
}

/** Server → client notification after a document is analysed: what the status bar shows. */
export const STATUS_NOTIFICATION: NotificationMessage<ReportStatus> = { method: 'nianbao/status' };

/** Client → server request: the Markdown of a standard table or a whole report skeleton, built from the format data. */
export const TEMPLATE_REQUEST: RequestMessage<TemplateParams, TemplateResult> = { method: 'nianbao/template' };

/** Client → server request: the open report in the official layout, as a Word document or an HTML file. */
export const EXPORT_REQUEST: RequestMessage<ExportParams, ExportResultWire> = { method: 'nianbao/export' };

/** Client → server request: a Word draft (.docx) or a saved web page (.html) on disk as a canonical Markdown draft. */
export const IMPORT_REQUEST: RequestMessage<ImportParams, ImportResultWire> = { method: 'nianbao/import' };

/** A position in a document as LSP writes it (0-based line, UTF-16 character). */
export interface PositionWire {
  readonly line: number;
  readonly character: number;
}

/** A range in a document as LSP writes it. */
export interface RangeWire {
  readonly start: PositionWire;
  readonly end: PositionWire;
}

/** Where a spreadsheet's key moves (core `CellMove`): Tab, Shift+Tab, Enter, Shift+Enter. */
export type CellMoveWire = 'next' | 'previous' | 'down' | 'up';

/** The cell at a position of an open document, or the cell a key moves to from it. */
export interface TableCellParams {
  readonly uri: string;
  /** The document's version the position is in; an answer for another version is null. */
  readonly version: number;
  readonly position: PositionWire;
  readonly move?: CellMoveWire;
}

/**
 * A place in a standard table in the user's language: a figure cell (with `range`, what typing
 * replaces, and the relations it takes part in) or, for a label, the table and row only.
 */
export interface TableCellAnswer {
  /** 「表三 · （一）予以公开 · 商业企业」. */
  readonly title: string;
  readonly relations: readonly string[];
  /** The figure cell's range to select; absent on a label. */
  readonly range?: RangeWire;
  /** The cell is a total of others (计算合计 fills it). */
  readonly isTotal?: boolean;
}

/** Client → server request: where the cursor is in a standard table, or where a key moves it (issue 21). Null outside the tables and past the last cell. */
export const TABLE_CELL_REQUEST: RequestMessage<TableCellParams, TableCellAnswer | null> = { method: 'nianbao/tableCell' };

/** Which totals 计算合计 writes: the blank ones (the default), or all of them, shown as a preview first. */
export type TotalsScopeWire = 'blank' | 'all';

/** What 计算合计 did (or, asked for a preview, would do), said in the user's language. */
export interface FillTotalsResult {
  /** Totals written (or to be written). */
  readonly filled: number;
  /** Totals left blank because a part is blank or no number. */
  readonly partsBlank: number;
  /** One sentence for the user. */
  readonly message: string;
  /** Asked for a preview: the edits, on the document's version, that nothing has applied. */
  readonly preview?: { readonly version: number; readonly edits: readonly { readonly range: RangeWire; readonly newText: string }[] };
}

/** workspace/executeCommand: apply every safe fix to a document. */
export const FIX_ALL_COMMAND = 'nianbao.server.fixAll';

/** workspace/executeCommand: rewrite the standard table at a position as the canonical Markdown table. */
export const CONVERT_TABLE_COMMAND = 'nianbao.server.convertTable';

/** workspace/executeCommand: rewrite a whole draft as canonical Markdown — headings, tables, conversion leftovers. */
export const CONVERT_DOCUMENT_COMMAND = 'nianbao.server.convertDocument';

/**
 * workspace/executeCommand: next year's draft from the report open at a URI. Changes nothing:
 * the result is the draft's text, which the client opens as a new document.
 */
export const NEXT_YEAR_COMMAND = 'nianbao.server.nextYear';

/**
 * workspace/executeCommand: 计算合计 — the totals of the standard table at a position (every
 * table with totals when the position is in none) from their parts (issue 21). Never on save,
 * never in a fix-all. Scope `all` overwrites written totals and asks for confirmation (a change
 * annotation); with `preview` nothing is applied and the edits come back (the client shows them
 * as a diff and applies them on the user's word).
 */
export const FILL_TOTALS_COMMAND = 'nianbao.server.fillTotals';

/**
 * The server's commands: their arguments and results (`workspace/executeCommand`). The client
 * sends every argument; a version left out means the current one.
 */
export interface ServerCommands {
  readonly [FIX_ALL_COMMAND]: { readonly arguments: readonly [uri: string, version?: number]; readonly result: void };
  readonly [CONVERT_TABLE_COMMAND]: { readonly arguments: readonly [uri: string, version?: number, position?: PositionWire]; readonly result: void };
  readonly [CONVERT_DOCUMENT_COMMAND]: { readonly arguments: readonly [uri: string, version?: number]; readonly result: void };
  readonly [NEXT_YEAR_COMMAND]: { readonly arguments: readonly [uri?: string]; readonly result: NextYearResultWire };
  readonly [FILL_TOTALS_COMMAND]: {
    readonly arguments: readonly [uri: string, version: number | null, position: PositionWire | null, scope: TotalsScopeWire, preview?: boolean];
    readonly result: FillTotalsResult | undefined;
  };
}

/** A server command's name. */
export type ServerCommand = keyof ServerCommands;

/** The server's commands, in the order the server announces them. */
export const SERVER_COMMANDS: readonly ServerCommand[] = [
  FIX_ALL_COMMAND,
  CONVERT_TABLE_COMMAND,
  CONVERT_DOCUMENT_COMMAND,
  NEXT_YEAR_COMMAND,
  FILL_TOTALS_COMMAND,
];

/** Bytes as base64 (the wire form of file contents): `btoa`, which Node and browsers both have. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

/** The bytes of base64 text; throws on text that is not base64. */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Why the client did not read a file for the server (a browser's server has no disk): as the
 * server's own reader says it (shell/read-refusal.ts), or `outside` the workspace folders, or a
 * symbolic link, which the client cannot resolve to see where it leads.
 */
export type ReadRefusalWire =
  | { readonly kind: 'missing' }
  | { readonly kind: 'outside' }
  | { readonly kind: 'not-regular'; readonly what: 'directory' | 'link' | 'other' }
  | { readonly kind: 'too-large'; readonly size: number; readonly limit: number }
  | { readonly kind: 'unreadable'; readonly detail: string };

/**
 * A file the server asks the client for: at most `limit` bytes; with `head`, its first `limit`
 * bytes, of a file of at most `cap` bytes (a larger one is refused unread, by its size).
 */
export interface ReadFileParams {
  readonly uri: string;
  readonly limit: number;
  readonly head?: boolean;
  readonly cap?: number;
}

/** The file's bytes (base64) and its whole size, or why it was not read. */
export type ReadFileResult = { readonly data: string; readonly size: number } | { readonly refusal: ReadRefusalWire };

/** A file's type, size and modification time (VS Code's FileStat), or null when there is none in the workspace. */
export type StatResult = { readonly type: 'file' | 'directory' | 'link' | 'other'; readonly size: number; readonly mtime: number } | null;

/** The Markdown and ignore files of one workspace folder. */
export interface FindFilesParams {
  readonly folder: string;
  /** Markdown files listed at most. */
  readonly maxFiles: number;
}

/** URIs of Markdown files and of `.gitignore`/`.nianbaoignore` files (dot directories, `node_modules`, `dist`, `out` left out). */
export interface FindFilesResult {
  readonly markdown: readonly string[];
  readonly ignoreFiles: readonly string[];
}

/** Server → client request (the browser's server): a workspace file's bytes, through `vscode.workspace.fs`. */
export const READ_FILE_REQUEST: RequestMessage<ReadFileParams, ReadFileResult> = { method: 'nianbao/readFile' };

/** Server → client request (the browser's server): a workspace file's stat, through `vscode.workspace.fs`. */
export const STAT_REQUEST: RequestMessage<{ readonly uri: string }, StatResult> = { method: 'nianbao/stat' };

/** Server → client request (the browser's server): a workspace folder's Markdown and ignore files, through `vscode.workspace.findFiles`. */
export const FIND_FILES_REQUEST: RequestMessage<FindFilesParams, FindFilesResult> = { method: 'nianbao/findFiles' };

/** A range in a document as LSP writes it. */
export interface RangeWire {
  readonly start: PositionWire;
  readonly end: PositionWire;
}

/** A standard table's id (mirrors core/formats TableId). */
export type TableIdWire = 'table2' | 'table3' | 'table4';

/** Which table to show as a form: by id, or the one at a position. */
export interface TableFormParams {
  readonly uri: string;
  readonly table?: TableIdWire;
  readonly position?: PositionWire;
}

/** A finding on a table, in the server's language. */
export interface FormFindingWire {
  readonly rule: string;
  readonly severity: 'error' | 'warning' | 'info' | 'hint';
  readonly message: string;
  readonly range: RangeWire;
}

/** A cell of the official layout; a value cell (`value` set) carries the draft's figure. */
export interface FormCellWire {
  readonly text: string;
  readonly rowspan: number;
  readonly colspan: number;
  readonly header: boolean;
  readonly value?: {
    /** `row|column`. */
    readonly key: string;
    /** As written, trimmed. */
    readonly text: string;
    readonly number?: number;
    readonly editable: boolean;
    /** The cell's name (表三“（一）予以公开”行“商业企业”列), for screen readers and the findings list. */
    readonly name: string;
    /** Indexes into {@link TableFormWire.findings}. */
    readonly findings: readonly number[];
    readonly range?: RangeWire;
  };
}

/** A standard table in the official layout with the draft's values, the relations to total it, and its findings. */
export interface TableFormWire {
  readonly uri: string;
  readonly version: number;
  readonly table: TableIdWire;
  /** 表三 · 2021 版格式. */
  readonly title: string;
  readonly rows: readonly (readonly FormCellWire[])[];
  /** `target` should hold sum(`plus`) − sum(`minus`) (the totals the form computes live). */
  readonly relations: readonly { readonly target: string; readonly plus: readonly string[]; readonly minus: readonly string[] }[];
  readonly findings: readonly FormFindingWire[];
}

/** The form, or why there is none (in the server's language). */
export type TableFormResultWire = TableFormWire | { readonly error: string };

/** A value typed into a form's cell, for the document at the version the form showed. */
export interface CellEditParams {
  readonly uri: string;
  readonly version: number;
  readonly table: TableIdWire;
  readonly key: string;
  readonly value: string;
}

/** The edit writing the value into the cell's Markdown, or why it cannot be written (in the server's language). */
export type CellEditResultWire = { readonly edit: { readonly range: RangeWire; readonly newText: string } } | { readonly error: string };

/** The standard tables of a report, each in the official layout as HTML with its wrong cells marked, for the Markdown preview. */
export interface PreviewTablesWire {
  readonly uri: string;
  readonly version: number;
  /** The text they were made from: the preview uses them only for this text. */
  readonly text: string;
  readonly tables: readonly {
    readonly table: TableIdWire;
    /** The 0-based lines of each block the table is written in (a 表二 may be several GFM tables). */
    readonly blocks: readonly { readonly startLine: number; readonly endLine: number }[];
    readonly html: string;
  }[];
}

/** Client → server request: a standard table as a form (issue 21). */
export const TABLE_FORM_REQUEST: RequestMessage<TableFormParams, TableFormResultWire> = { method: 'nianbao/tableForm' };

/** Client → server request: the edit that writes a form's value into its cell. */
export const CELL_EDIT_REQUEST: RequestMessage<CellEditParams, CellEditResultWire> = { method: 'nianbao/cellEdit' };

/** Client → server request: the standard tables of an open report as the official layout's HTML, for the Markdown preview. */
export const PREVIEW_TABLES_REQUEST: RequestMessage<{ readonly uri: string }, PreviewTablesWire | { readonly error: string }> = { method: 'nianbao/previewTables' };

/** Client → server request: the whole report as the export's HTML page, for the preview in the official layout. */
export const PREVIEW_REPORT_REQUEST: RequestMessage<{ readonly uri: string }, { readonly html: string; readonly version: number } | { readonly error: string }> = { method: 'nianbao/previewReport' };

/** The client's command a table's CodeLens runs: open the table as a form (arguments: uri, table id). */
export const OPEN_TABLE_FORM_COMMAND = 'nianbao.openTableForm' as const;
