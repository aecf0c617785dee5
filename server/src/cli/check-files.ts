/**
 * Checks a list of files (the CLI's unit of work, in the main thread or in a worker): reads them,
 * skips Markdown files that are not annual reports unless named explicitly, applies safe fixes
 * with --fix, and checks each against the previous year's report of the same body among them.
 */
import { buildReport, checkReport, fixAll, groupFindings, identityOf, localize, previousReports, say, type CellMark, type CheckOptions, type CheckResult, type formats, type FormatId, type Language, type LocalizedText, type Report, type RuleSettings, type TableId } from '../core/index.js';
import { exportFormat, exportTableLayout } from '../shell/export-document.js';
import { readRegularFileSync } from '../shell/read-regular-file.js';
import { isSourceDraft, kindOfName, readSource, sourcePosition, type FileKind, type SourceDraft } from '../shell/read-source.js';
import { encodeText, type TextEncoding } from '../shell/encoding.js';
import { describeWriteError, WriteRefusal } from './atomic-write.js';
import { replaceIfUnchanged, type Replacement } from './unchanged-write.js';
import { decodeBytes, readText, refusalMessage, type Target } from './files.js';
import { DEFAULT_MAX_FILE_BYTES, describeRefusal } from '../shell/read-regular-file.js';
import { positionedFix, toJson, type JsonFinding, type PositionedFix } from './output.js';

/** What to do with each file. */
export interface CheckFilesOptions {
  readonly fix: boolean;
  /** With `fix`: compute the fixes but write nothing; the outcome carries the text before and after. */
  readonly dryRun?: boolean;
  readonly locale: Language;
  /** Files above this many bytes are not read (`--max-file-size`; default 5 MB). */
  readonly maxFileBytes?: number;
  /** With `fix`: write files the user has no write permission for too (`--fix-read-only`). */
  readonly fixReadOnly?: boolean;
  /** Give each checked file's standard tables in the official layout (the HTML answer draws them). */
  readonly layouts?: boolean;
}

/** Findings shown as one line (core `groupFindings`), with the line in the message language. */
export interface ShownGroup {
  /** Indices into the outcome's findings, the lead first. */
  readonly members: readonly number[];
  /** The line of a group of several; absent: the lead's message. */
  readonly message?: string;
  readonly cells: readonly CellMark[];
}

/** A standard table of a report in the official layout, with the report's values. */
export interface LaidOutTable {
  readonly id: TableId;
  readonly format: FormatId;
  readonly layout: formats.TableLayout;
}

/** A file to check and how to name it. */
export interface FileTask extends Target {
  readonly display: string;
  /** The file's bytes when they were read elsewhere (standard input): nothing is read or written at `path`. */
  readonly bytes?: Uint8Array;
  /** Severities from the file's config and --rule (server/src/shell/config.ts). */
  readonly rules?: RuleSettings;
  /** The format from the file's config (`CheckOptions.format`). */
  readonly checkFormat?: FormatId;
  /** The message language from the file's config, when --locale was not given. */
  readonly locale?: Language;
}

/** Word files, pages and PDFs are read up to this size (their pictures), or --max-file-size when larger. */
export const BINARY_MAX_BYTES = 64 * 1024 * 1024;

/** Rules about the Markdown the checker made of a Word file, a page or a PDF, not about the unit's report. */
const DRAFT_ONLY_RULES: ReadonlySet<string> = new Set(['table-markdown', 'file-encoding']);

/** Why a file was not checked, for the batch's summary. */
export interface NotRead {
  /**
   * `old-word`, `wps`, `encrypted`, `damaged`, `scanned`, `too-complex` (issue 22's forms);
   * `not-text`, `refused` (no regular file, too large), `unreadable`.
   */
  readonly kind: string;
  readonly message: LocalizedText;
}

/** The outcome for one file. */
export interface FileOutcome {
  readonly display: string;
  /**
   * `checked`; `skipped` (not an annual report); `failed`: not read, not checked; `unwritten`:
   * checked, but the fixes of --fix could not be written (the file is unchanged).
   */
  readonly state: 'checked' | 'skipped' | 'failed' | 'unwritten';
  readonly findings: readonly JsonFinding[];
  /** Fixes applied by --fix. */
  readonly fixed: number;
  /** The first safe fix of each finding with positions (null: none), in the order of `findings`. */
  readonly fixes?: readonly (PositionedFix | null)[];
  /** Messages for standard error (a file that cannot be read or written, a rule that failed). */
  readonly errors: readonly string[];
  /** With `dryRun`: the text as read and as `--fix` would write it. */
  readonly before?: string;
  readonly after?: string;
  /** What the file is: Markdown, pasted text, a Word file, a web page, a PDF (or an old .doc/.wps, not read). */
  readonly form?: FileKind;
  /** `failed` and `skipped`: why (a skipped file: not an annual report, or not a report's format). */
  readonly notRead?: NotRead;
  /** The issuing body and report year read from the title (duplicates and last year's report are found by them). */
  readonly unit?: string;
  readonly year?: number;
  /** The format the year requires, or the tables' own when the year is unknown. */
  readonly format?: FormatId;
  /** The findings grouped by cause: one problem, one line (issue 23). */
  readonly groups?: readonly ShownGroup[];
  /** With `layouts`: the standard tables the report has, in the official layout. */
  readonly tables?: readonly LaidOutTable[];
}

/**
 * A finding that cites a place in last year's report (carryover, valid-count-chain: 「2023.docx 第 67 行」)
 * cites it in that report's own terms when it was a Word file, a page or a PDF (「2023.docx 表三 第28行…」).
 */
function inOthersTerms(
  json: JsonFinding,
  finding: { readonly related: readonly { readonly range: { readonly start: number }; readonly file?: string }[] },
  files: ReadonlyMap<string, { readonly report: Report; readonly source?: SourceDraft }>,
  language: Language,
): JsonFinding {
  let message = json.message;
  for (const related of finding.related) {
    const other = related.file === undefined ? undefined : files.get(related.file);
    if (!other?.source) continue;
    const line = other.report.lines.lineAt(related.range.start) + 1;
    const where = localize(sourcePosition(other.source, other.report, related.range.start).text, language);
    message = message.split(language === 'zh' ? `${related.file} 第 ${line} 行` : `${related.file}, line ${line}`).join(language === 'zh' ? `${related.file} ${where}` : `${related.file}, ${where}`);
  }
  return message === json.message ? json : { ...json, message };
}

const NOT_A_REPORT: NotRead = { kind: 'not-a-report', message: say('不是政府信息公开工作年度报告（按标题和结构判断）', 'not an annual report on government information disclosure (by its title and structure)') };

const TABLE_IDS: readonly TableId[] = ['table2', 'table3', 'table4'];

/** Replaced files held open at once before the oldest is settled (descriptors are limited). */
const MAX_HELD = 256;


/** A Word file, page or PDF read into its draft, or why not; undefined for a text form. */
async function readSourceForm(task: FileTask, kind: FileKind | undefined, maxFileBytes: number): Promise<SourceDraft | NotRead | undefined> {
  if (kind === undefined || kind === 'markdown' || kind === 'text' || task.bytes) return undefined;
  const read = readRegularFileSync(task.path, Math.max(maxFileBytes, BINARY_MAX_BYTES));
  if (!read.ok) return undefined;
  const source = await readSource(read.data, kind);
  return isSourceDraft(source) ? source : { kind: source.kind, message: source.message };
}

/** Checks the files; the outcomes are in the same order. */
export async function checkFiles(tasks: readonly FileTask[], options: CheckFilesOptions): Promise<FileOutcome[]> {
  const { locale } = options;
  // Word files, pages and PDFs first, one at a time (a PDF's pages are large while read).
  const kinds = tasks.map((task) => kindOfName(task.path));
  const sources: (SourceDraft | NotRead | undefined)[] = [];
  for (let i = 0; i < tasks.length; i++) sources.push(await readSourceForm(tasks[i]!, kinds[i], options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES));
  interface Loaded {
    readonly index: number;
    readonly task: FileTask;
    readonly encoding: TextEncoding;
    /** Whether the file encodes back to the bytes it was read from (else --fix does not write it). */
    readonly exact: boolean;
    readonly original: string;
    /** The file as read: --fix writes over no other. */
    readonly identity: { readonly dev: number; readonly ino: number } | undefined;
    /** Its bytes as read: --fix writes only while it still holds them. */
    readonly bytes: Uint8Array;
    text: string;
    /** --fix did not write the fixes (refused or failed): the file was checked, but is unchanged. */
    writeFailed: boolean;
    report: Report;
    /** The options of the file's check and fix-all, with the previous year's report it was linked to. */
    options: CheckOptions;
    /** A Word file, page or PDF: the draft read from it and its map (never written by --fix). */
    readonly source?: SourceDraft;
    result?: CheckResult;
    fixed: number;
    errors: string[];
  }
  const outcomes: (FileOutcome | undefined)[] = new Array(tasks.length);
  const loaded: Loaded[] = [];
  tasks.forEach((task, index) => {
    const kind = kinds[index];
    const form = kind ?? (task.explicit ? 'markdown' : undefined);
    if (form === undefined) {
      // A glob matched it, but it is no report's format (a picture, a spreadsheet).
      outcomes[index] = {
        display: task.display,
        state: 'skipped',
        findings: [],
        fixed: 0,
        errors: [],
        notRead: { kind: 'not-a-report-format', message: say('不是年度报告的文件格式（.md、.txt、.docx、.html、.pdf）', 'not a format reports come in (.md, .txt, .docx, .html, .pdf)') },
      };
      return;
    }
    const source = sources[index];
    if (source && !('text' in source)) {
      outcomes[index] = { display: task.display, state: 'failed', findings: [], fixed: 0, errors: [], form, notRead: source };
      return;
    }
    if (source) {
      const report = source.report ?? buildReport(source.text);
      if (!task.explicit && !report.isAnnualReport) {
        outcomes[index] = { display: task.display, state: 'skipped', findings: [], fixed: 0, errors: [], form, notRead: NOT_A_REPORT };
        return;
      }
      loaded.push({
        index,
        task,
        encoding: { encoding: 'utf-8', bom: false },
        exact: false,
        original: source.text,
        identity: undefined,
        text: source.text,
        bytes: new Uint8Array(),
        writeFailed: false,
        report,
        options: { ...(task.rules ? { rules: task.rules } : {}), ...(task.checkFormat ? { format: task.checkFormat } : {}) },
        fixed: 0,
        errors: [],
        source,
      });
      return;
    }
    const read = task.bytes ? decodeBytes(Buffer.from(task.bytes)) : readText(task.path, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
    if (!read.ok) {
      const error =
          read.reason === 'not-text'
            ? localize(say(`nianbao: “${task.display}”不是 UTF-8、GB18030（GBK）或带 BOM 的 UTF-16 编码的文本，未检查（请另存为 UTF-8 后再检查）`, `nianbao: “${task.display}” is not text in UTF-8, GB18030 (GBK) or UTF-16 with a byte order mark and was not checked (save it as UTF-8)`), locale)
            : read.refusal && read.refusal.kind !== 'unreadable'
              ? `nianbao: ${refusalMessage(task.display, read.refusal, locale)}`
              : localize(say(`nianbao: 无法读取“${task.display}”（${read.detail ?? ''}），未检查`, `nianbao: cannot read “${task.display}” (${read.detail ?? ''}); not checked`), locale);
      const notRead: NotRead =
        read.reason === 'not-text'
          ? { kind: 'not-text', message: say('不是 UTF-8、GB18030（GBK）或带 BOM 的 UTF-16 编码的文本（请另存为 UTF-8 后再检查）', 'not text in UTF-8, GB18030 (GBK) or UTF-16 with a byte order mark (save it as UTF-8)') }
          : read.refusal && read.refusal.kind !== 'unreadable'
            ? { kind: 'refused', message: say(describeRefusal(read.refusal, 'zh'), describeRefusal(read.refusal, 'en')) }
            : { kind: 'unreadable', message: say(`无法读取（${read.detail ?? ''}）`, `cannot be read (${read.detail ?? ''})`) };
      outcomes[index] = { display: task.display, state: 'failed', findings: [], fixed: 0, errors: [error], form, notRead };
      return;
    }
    const report = buildReport(read.text);
    if (!task.explicit && !report.isAnnualReport) {
      outcomes[index] = { display: task.display, state: 'skipped', findings: [], fixed: 0, errors: [], form, notRead: NOT_A_REPORT };
      return;
    }
    const base: CheckOptions = {
      encoding: read.encoding.encoding,
      ...(task.rules ? { rules: task.rules } : {}),
      ...(task.checkFormat ? { format: task.checkFormat } : {}),
    };
    loaded.push({
      index,
      task,
      encoding: read.encoding,
      exact: read.exact,
      original: read.text,
      identity: read.identity,
      text: read.text,
      bytes: read.bytes,
      writeFailed: false,
      report,
      options: base,
      fixed: 0,
      errors: [],
    });
  });
  /** Links each file to the previous year's report of the same body among them; re-checks a file whose link changed. */
  const link = (): void => {
    const previous = previousReports(loaded.map((file) => ({ file: file.task.display, report: file.report })));
    loaded.forEach((file, i) => {
      const before = previous[i];
      if (file.result && before?.report === file.options.previous?.report) return;
      const { previous: _, ...base } = file.options;
      file.options = before ? { ...base, previous: before } : base;
      file.result = checkReport(file.report, file.options);
    });
  };
  link();
  if (options.fix) {
    const writeFailed = (file: Loaded, error: unknown): void => {
      file.writeFailed = true;
      const shown = file.task.display;
      file.errors.push(
        localize(
          error instanceof WriteRefusal && error.kind === 'changed'
            ? say(`nianbao: “${shown}”${describeWriteError(error, 'zh')}`, `nianbao: “${shown}” ${describeWriteError(error, 'en')}`)
            : error instanceof WriteRefusal
              ? say(`nianbao: “${shown}”${describeWriteError(error, 'zh')}，文件未改动`, `nianbao: “${shown}” ${describeWriteError(error, 'en')}; the file is unchanged`)
              : say(`nianbao: 无法写入“${shown}”（${(error as Error).message}），文件未改动`, `nianbao: cannot write “${shown}” (${(error as Error).message}); the file is unchanged`),
          locale,
        ),
      );
    };
    const written: { readonly file: Loaded; readonly replacement: Replacement }[] = [];
    /** The last check of a replaced file: an edit caught in it was put back, and the fixes do not stand. */
    const settle = ({ file, replacement }: { readonly file: Loaded; readonly replacement: Replacement }): void => {
      let refusal: WriteRefusal | undefined;
      try {
        refusal = replacement.settle();
      } catch (error) {
        refusal = error instanceof WriteRefusal ? error : new WriteRefusal('changed', `在写入修复后无法复查（${(error as Error).message}）`, `could not be checked again after its fixes were written (${(error as Error).message})`);
      }
      if (!refusal) return;
      file.fixed = 0;
      file.text = file.original;
      file.report = buildReport(file.original);
      // Checked again as the file now is (link() below).
      delete file.result;
      writeFailed(file, refusal);
    };
    for (const file of loaded) {
      // The same options as the check: a rule turned off or a format forced holds for --fix too.
      // A Word file, a page or a PDF is never written: its fixes are the unit's to make.
      if (file.source) continue;
      const result = fixAll(file.result!, file.options);
      if (result.text === file.text) continue;
      if (file.task.bytes || (options.dryRun && file.exact)) {
        // Nothing is written: the fixed text goes to the caller (a diff, or standard output);
        // a dry run refuses what --fix would refuse (below).
        file.fixed = result.applied;
        file.text = result.text;
        file.report = result.result.report;
        file.result = result.result;
        continue;
      }
      if (!file.exact) {
        file.writeFailed = true;
        file.errors.push(
          localize(say(`nianbao: 无法写入“${file.task.display}”的修复：其中有的 GB18030 字节序列重新编码后会变成另一种写法（文件未改动，请另存为 UTF-8 后再修复）`, `nianbao: cannot write the fixes of “${file.task.display}”: some of its GB18030 byte sequences would be re-encoded differently; the file is unchanged (save it as UTF-8, then fix)`), locale),
        );
        continue;
      }
      try {
        // A link is written through only when named; never over a file other than the one read,
        // nor over one whose bytes changed since they were read.
        const replacement = replaceIfUnchanged(file.task.path, encodeText(result.text, file.encoding), file.bytes, {
          followLinks: file.task.explicit,
          allowReadOnly: options.fixReadOnly === true,
          ...(file.identity ? { expected: file.identity } : {}),
        });
        file.fixed = result.applied;
        file.text = result.text;
        file.report = result.result.report;
        file.result = result.result;
        written.push({ file, replacement });
        // Each replaced file is held open until settled: a long run settles the oldest early.
        if (written.length > MAX_HELD) settle(written.shift()!);
      } catch (error) {
        writeFailed(file, error);
      }
    }
    for (const held of written) settle(held);
    // A report fixed is last year's report of another as it now is.
    link();
  }
  const byDisplay = new Map(loaded.map((file) => [file.task.display, file]));
  loaded.forEach((file) => {
    const { findings, failures } = file.result!;
    const { task } = file;
    const messages = task.locale ?? locale;
    for (const failure of failures) {
      file.errors.push(localize(say(`nianbao: 规则 ${failure.rule} 在检查“${file.task.display}”时出错：${String(failure.error)}`, `nianbao: rule ${failure.rule} failed on “${file.task.display}”: ${String(failure.error)}`), locale));
    }
    const lines = file.report.lines;
    const { source } = file;
    const shown = source ? findings.filter((f) => !DRAFT_ONLY_RULES.has(f.rule)) : findings;
    const identity = identityOf(file.report);
    const format = file.report.requiredFormat ?? (file.report.tablesFormat === '2019' || file.report.tablesFormat === '2021' ? file.report.tablesFormat : undefined);
    const groups = groupFindings(file.report, shown).map((g): ShownGroup => ({
      members: g.members,
      ...(g.message ? { message: localize(g.message, messages) } : {}),
      cells: g.cells,
    }));
    const present = TABLE_IDS.filter((id) => file.report.tables[id] !== undefined);
    const laidOut = (id: TableId): LaidOutTable => ({ id, format: exportFormat(file.report, id), layout: exportTableLayout(file.report, id) });
    const tables = options.layouts ? present.map(laidOut) : undefined;
    outcomes[file.index] = {
      display: file.task.display,
      state: file.writeFailed ? 'unwritten' : 'checked',
      groups,
      ...(tables ? { tables } : {}),
      findings: shown.map((f) => {
        const json = inOthersTerms(toJson(file.task.display, lines, f, messages), f, byDisplay, messages);
        if (!source) return json;
        // The draft's tables are HTML only to the checker: to the unit they are its Word, page or PDF tables.
        const message = json.message.replace(/一个 HTML 表格/g, '一个表格').replace(/\ban HTML table\b/g, 'a table').replace(/\bHTML table\b/g, 'table');
        // Told in the source's own terms; its fixes are no edits nianbao can make in a Word file or a PDF.
        const { text, ...position } = sourcePosition(source, file.report, f.range.start);
        return { ...json, message, fixable: null, where: localize(text, messages), position };
      }),
      fixes: shown.map((f) => (source ? null : positionedFix(lines, f, messages))),
      fixed: file.fixed,
      errors: file.errors,
      ...(options.dryRun || file.task.bytes ? { before: file.original, after: file.text } : {}),
      form: source ? source.form : (kinds[file.index] ?? 'markdown'),
      ...(identity ? { unit: identity.body, year: identity.year } : file.report.year.year !== undefined ? { year: file.report.year.year } : {}),
      ...(format ? { format } : {}),
    };
  });
  return outcomes.map((o) => o!);
}
