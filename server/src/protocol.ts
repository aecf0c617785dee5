/**
 * The messages between the nianbao extension client and its language server beyond LSP.
 * Plain types and method names only, so both sides import them without pulling in either.
 */

/** A report format id (mirrors core/formats FormatId). */
export type FormatIdWire = '2019' | '2021';

/** Server → client notification after a document is analysed: what the status bar shows. */
export const STATUS_NOTIFICATION = 'nianbao/status';

/** The payload of {@link STATUS_NOTIFICATION}. */
export interface ReportStatus {
  readonly uri: string;
  readonly version: number;
  /** False for Markdown files that are not annual reports: nianbao ignores them. */
  readonly isReport: boolean;
  readonly year?: number;
  /** The format the report year requires (or the `nianbao.format` setting). */
  readonly requiredFormat?: FormatIdWire;
  /** The format the tables use. */
  readonly tablesFormat: FormatIdWire | 'mixed' | 'common';
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

/** Client → server request: the Markdown of a standard table or a whole report skeleton, built from the format data. */
export const TEMPLATE_REQUEST = 'nianbao/template';

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
}

/** workspace/executeCommand: apply every safe fix to a document (arguments: [uri, version]). */
export const FIX_ALL_COMMAND = 'nianbao.server.fixAll';

/**
 * workspace/executeCommand: rewrite the standard table at a position as the canonical Markdown
 * table (arguments: [uri, version, position]).
 */
export const CONVERT_TABLE_COMMAND = 'nianbao.server.convertTable';

/**
 * workspace/executeCommand: rewrite a whole draft as canonical Markdown — headings, tables,
 * conversion leftovers (arguments: [uri, version]).
 */
export const CONVERT_DOCUMENT_COMMAND = 'nianbao.server.convertDocument';

/** The code action kind of nianbao's fix-all, for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = 'source.fixAll.nianbao';

/** Initialization options the client sends. */
export interface InitializationOptions {
  /** VS Code's display language (vscode.env.language), for `nianbao.locale: auto`. */
  readonly displayLanguage?: string;
}
