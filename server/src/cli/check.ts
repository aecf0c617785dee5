/**
 * `nianbao check [--format stylish|json|sarif|github|junit] [--fix [--fix-read-only] | --fix-dry-run]
 * [--max-file-size MB] [--quiet] [--max-warnings N] [-o FILE] [--locale zh-CN|en] [--verbose]
 * <files, directories or globs…>`
 * or `nianbao check --stdin [--stdin-filename NAME]`.
 *
 * Exit status: 0 no error-severity finding (and no more warnings than --max-warnings); 1 at
 * least one, or too many warnings; 2 bad usage, a path or glob that matched nothing, no file
 * checked at all, a report or a fix that could not be written (a read-only or hard-linked file
 * included), or a file that could not be read (no regular file, above the size cap, a symbolic
 * link loop, an unreadable folder) or is not text in UTF-8, GB18030 or UTF-16 with a byte order mark (the other files are still checked).
 */
import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { localize, sameBody, say, type Language } from '../core/index.js';
import { ConfigCache, configIgnores, formatProblem, type LoadedConfig } from '../shell/config.js';
import { dataForStdout } from '../shell/terminal-text.js';
import { DEFAULT_MAX_FILE_BYTES } from '../shell/read-regular-file.js';
import { describeWriteError, writeAtomically } from './atomic-write.js';
import { HELP, parseCheckArgs, type Format, type Options } from './check-args.js';
import { batchOf, formatBatchSummary, problemsOf, type BatchFile } from './batch.js';
import { checkFiles, type FileOutcome, type FileTask } from './check-files.js';
import { formatGithub, formatJunit, formatSarif } from './ci-formats.js';
import type { Command, CommandIo } from './command.js';
import { expandPaths, refusalMessage } from './files.js';
import { colors, formatStylish, type FileResult } from './output.js';
import { checkInParallel, MIN_FILES_FOR_WORKERS } from './parallel.js';
import { reviewerCsv } from './reviewer-csv.js';
import { isDirectory, writeLetters } from './reviewer-docx.js';
import { reviewerHtml } from './reviewer-html.js';
import { reviewerXlsx } from './reviewer-xlsx.js';
import { unifiedDiff } from './unified-diff.js';

/** Standard input, whole, or its first `limit` + 1 bytes when it is longer (then refused: the cap holds for a pipe too). */
export async function readStandardInput(limit: number = DEFAULT_MAX_FILE_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(bytes);
    length += bytes.length;
    if (length > limit) break;
  }
  return Buffer.concat(chunks);
}

/**
 * The report in the chosen format; the stylish one ends with the batch: what was checked and what
 * was not; the reviewer's answers (html, csv, xlsx) are made of the batch.
 */
async function render(
  format: Exclude<Format, 'docx'>,
  results: readonly FileResult[],
  locale: Language,
  color: boolean,
  batch: readonly BatchFile[] = [],
): Promise<string | Uint8Array> {
  switch (format) {
    case 'html':
      return reviewerHtml(batch, locale);
    case 'csv':
      return reviewerCsv(batch, locale);
    case 'xlsx':
      return reviewerXlsx(batch, locale);
    case 'json':
      return `${JSON.stringify(results.flatMap((r) => r.findings), null, 2)}\n`;
    case 'sarif':
      return `${formatSarif(results, locale)}\n`;
    case 'github':
      return formatGithub(results);
    case 'junit':
      return `${formatJunit(results)}\n`;
    case 'stylish': {
      const summary = formatBatchSummary(batch, locale);
      const notChecked = batch.filter((f) => f.state === 'not-read').length;
      return `${formatStylish(results, locale, colors(color), results.length, notChecked)}\n${summary ? `${summary}\n` : ''}`;
    }
  }
}

/** The files to check: standard input, or the paths expanded; problems said on standard error. */
interface Gathered {
  readonly tasks: FileTask[];
  /** Files and directories left out by .gitignore and .nianbaoignore. */
  readonly ignored: string[];
  /** Files the directories held that are of no report's format: listed as skipped. */
  readonly others: string[];
  /** 2 when a path was a problem, else 0; a number alone: the run is over with that status. */
  readonly status: number;
}

async function gather(options: Options, io: CommandIo): Promise<Gathered | number> {
  const { locale } = options;
  if (options.stdin) {
    const name = options.stdinFilename ?? '<stdin>';
    const bytes = await (io.stdin ?? readStandardInput)(options.maxFileBytes);
    if (bytes.length > options.maxFileBytes) {
      io.stderr(`nianbao: ${refusalMessage(name, { kind: 'too-large', size: bytes.length, limit: options.maxFileBytes }, locale)}\n`);
      return 2;
    }
    return { tasks: [{ path: resolve(name), explicit: true, display: name, bytes }], ignored: [], others: [], status: 0 };
  }
  let status = 0;
  const { targets, problems, ignored, ignoreProblems, others } = expandPaths(options.paths);
  // A pattern of an ignore file left out: said, the others apply, the exit status is the check's.
  for (const problem of new Set(ignoreProblems.map(formatProblem))) io.stderr(localize(say(`nianbao: 忽略文件 ${problem}\n`, `nianbao: ignore file ${problem}\n`), locale));
  for (const problem of problems) {
    status = 2;
    io.stderr(
      problem.reason === 'missing'
        ? localize(say(`nianbao: 找不到“${problem.path}”\n`, `nianbao: “${problem.path}” does not exist\n`), locale)
        : problem.reason === 'no-match'
          ? problem.detail === 'ignored'
            ? localize(say(`nianbao: 没有找到匹配“${problem.path}”的文件（匹配的文件都被 .gitignore 或 .nianbaoignore 忽略）\n`, `nianbao: no file matches “${problem.path}” (the files it matches are ignored by .gitignore or .nianbaoignore)\n`), locale)
            : localize(say(`nianbao: 没有找到匹配“${problem.path}”的文件${problem.detail ? `（${problem.detail}）` : ''}\n`, `nianbao: no file matches “${problem.path}”${problem.detail ? ` (${problem.detail})` : ''}\n`), locale)
          : problem.reason === 'refused' && problem.refusal
            ? `nianbao: ${refusalMessage(relative(process.cwd(), problem.path) || problem.path, problem.refusal, locale)}\n`
            : localize(say(`nianbao: 无法读取“${problem.path}”（${problem.detail ?? ''}）\n`, `nianbao: cannot read “${problem.path}” (${problem.detail ?? ''})\n`), locale),
    );
  }
  const tasks = targets.map((target) => ({ ...target, display: relative(process.cwd(), target.path) || target.path }));
  return { tasks, ignored, others: others.map((o) => relative(process.cwd(), o) || o), status };
}

/** The tasks with their config applied, and the files a config's `ignore` left out. */
interface Configured {
  readonly tasks: FileTask[];
  readonly configIgnored: string[];
}

/** Each file's config (--config: one for all): its `ignore` globs, its severities under --rule, its format and locale. */
function configure(tasks: readonly FileTask[], options: Options, io: CommandIo): Configured | number {
  const { locale } = options;
  if (options.config !== undefined && !existsSync(options.config)) {
    io.stderr(localize(say(`nianbao: 找不到配置文件“${options.config}”\n`, `nianbao: the config file “${options.config}” does not exist\n`), locale));
    return 2;
  }
  const configs = new ConfigCache();
  const configOf = (path: string): LoadedConfig => (options.config !== undefined ? configs.load(options.config) : configs.configFor(path));
  const reported = new Set<string>();
  const used = new Map<string, string>();
  const kept: FileTask[] = [];
  const configIgnored: string[] = [];
  for (const task of tasks) {
    const loaded = configOf(task.path);
    if (loaded.path !== undefined && !reported.has(loaded.path)) {
      reported.add(loaded.path);
      for (const problem of loaded.problems) io.stderr(localize(say(`nianbao: 配置文件 ${formatProblem(problem)}\n`, `nianbao: config file ${formatProblem(problem)}\n`), locale));
    }
    const { config } = loaded;
    if (!task.explicit && configIgnores(loaded, task.path)) {
      configIgnored.push(task.display);
      continue;
    }
    used.set(task.display, loaded.path === undefined ? localize(say('（默认设置）', '(defaults)'), locale) : relative(process.cwd(), loaded.path) || loaded.path);
    const rules = { ...(config.rules ?? {}), ...options.rules };
    kept.push({
      ...task,
      ...(Object.keys(rules).length > 0 ? { rules } : {}),
      ...(config.format && config.format !== 'auto' ? { checkFormat: config.format } : {}),
      ...(!options.localeGiven && config.locale ? { locale: config.locale === 'en' ? ('en' as const) : ('zh' as const) } : {}),
    });
  }
  if (options.verbose && used.size > 0) {
    io.stderr(localize(say(`每个文件使用的配置：\n`, `The config each file used:\n`), locale) + [...used].map(([file, config]) => `  ${file}: ${config}\n`).join(''));
  }
  return { tasks: kept, configIgnored };
}

/** Why nothing was checked, for the message that says so. */
function whyNothing(skipped: number, gathered: Gathered, configured: Configured, locale: Language): string {
  const { tasks } = configured;
  if (skipped > 0) return localize(say(`（找到的 ${skipped} 个 Markdown 文件都不是年度报告，用 --verbose 列出）`, ` (the ${skipped} Markdown file(s) found are not annual reports; --verbose lists them)`), locale);
  if (tasks.length === 0 && gathered.ignored.length > 0) {
    const n = gathered.ignored.length;
    return localize(say(`（找到的 ${n} 个文件或目录都被 .gitignore 或 .nianbaoignore 忽略，用 --verbose 列出）`, ` (the ${n} file(s) or director(ies) found are ignored by .gitignore or .nianbaoignore; --verbose lists them)`), locale);
  }
  if (tasks.length === 0 && configured.configIgnored.length > 0) {
    const n = configured.configIgnored.length;
    return localize(say(`（找到的 ${n} 个文件都被配置文件的 ignore 忽略，用 --verbose 列出）`, ` (the ${n} file(s) found are ignored by the config's ignore; --verbose lists them)`), locale);
  }
  return tasks.length === 0 ? localize(say('（没有找到 Markdown 文件）', ' (no Markdown file was found)'), locale) : '';
}

/** The files a directory held of no report's format, as skipped files of the batch. */
function otherFiles(others: readonly string[]): BatchFile[] {
  const zero = { error: 0, warning: 0, info: 0, hint: 0 };
  return others.map((file) => ({
    file,
    state: 'skipped',
    reasonKind: 'not-a-report-format',
    reason: /(^|[\\/])~\$[^\\/]*$/.test(file)
      ? say('Word 打开文档时留下的临时文件，不是报告', 'a temporary file Word leaves while a document is open, no report')
      : say('不是年度报告的文件格式（.md、.txt、.docx、.html、.pdf）', 'not a format reports come in (.md, .txt, .docx, .html, .pdf)'),
    findings: [],
    counts: zero,
    problems: [],
    sameUnitAndYear: [],
  }));
}

/** Runs `nianbao check` on its whole command line (options may come before the word `check`). */
export async function runCheck(argv: readonly string[], io: CommandIo): Promise<number> {
  const { stdout, stderr } = io;
  const options = parseCheckArgs(argv);
  if (options === 'help') {
    stdout(HELP);
    return 0;
  }
  if ('error' in options) {
    stderr(`nianbao: ${options.error}\n\n${HELP}`);
    return 2;
  }
  const { locale } = options;
  /** Writes the report to -o FILE (atomically) or the stream; false when the file could not be written. */
  const emit = (report: string | Uint8Array, to: 'stdout' | 'stderr' | 'none' = 'stdout'): boolean => {
    if (options.output !== undefined) {
      try {
        writeAtomically(resolve(options.output), typeof report === 'string' ? Buffer.from(report, 'utf8') : report, undefined, { writeSpecial: true });
      } catch (error) {
        stderr(localize(say(`nianbao: 无法写入“${options.output}”（${describeWriteError(error, 'zh')}）\n`, `nianbao: cannot write “${options.output}” (${describeWriteError(error, 'en')})\n`), locale));
        return false;
      }
    } else if (typeof report !== 'string') {
      // Bytes (xlsx) are written only to a file: parseCheckArgs requires -o for them.
      return false;
    } else if (to === 'stdout') {
      stdout(report);
    } else if (to === 'stderr') {
      stderr(report);
    }
    return true;
  };
  if (options.format === 'docx' && !isDirectory(resolve(options.output!))) {
    stderr(localize(say(`nianbao: --format docx 的 -o 应为已有的目录，“${options.output}”不是\n`, `nianbao: with --format docx, -o must name an existing directory; “${options.output}” is not one\n`), locale));
    return 2;
  }
  const gathered = await gather(options, io);
  if (typeof gathered === 'number') return gathered;
  let status = gathered.status;
  const configured = configure(gathered.tasks, options, io);
  if (typeof configured === 'number') return configured;
  const { tasks, configIgnored } = configured;
  const { ignored } = gathered;
  const checkOptions = { fix: options.fix, dryRun: options.dryRun, locale, maxFileBytes: options.maxFileBytes, fixReadOnly: options.fixReadOnly, layouts: options.format === 'html' || options.format === 'docx' };
  const jobs = Math.max(1, Math.min(options.jobs, tasks.length));
  const outcomes: FileOutcome[] =
    jobs > 1 && tasks.length >= MIN_FILES_FOR_WORKERS ? await checkInParallel(__filename, tasks, checkOptions, jobs) : await checkFiles(tasks, checkOptions);
  const results: FileResult[] = [];
  const skipped: string[] = [];
  let checked = 0;
  /** Files not read: the exit status says so when no problem was found in the others (see exitStatus). */
  let unread = false;
  const shownFindings = new Map<FileOutcome, FileOutcome['findings']>();
  for (const outcome of outcomes) {
    for (const error of outcome.errors) stderr(`${error}\n`);
    // A Word file, page or PDF not read is said in the report's summary; a machine format has none, so it is said here.
    if (outcome.state === 'failed' && outcome.errors.length === 0 && outcome.notRead && options.format !== 'stylish') {
      stderr(`nianbao: “${outcome.display}”${locale === 'en' ? ': ' : '：'}${localize(outcome.notRead.message, locale)}\n`);
    }
    if (outcome.state === 'failed') unread = true;
    if (outcome.state === 'unwritten') status = 2;
    // A file checked whose fixes could not be written was checked all the same (its findings stand).
    if (outcome.state === 'checked' || outcome.state === 'unwritten') checked++;
    const kept = outcome.findings.map((_, i) => i).filter((i) => !options.quiet || outcome.findings[i]!.severity === 'error');
    const findings = kept.map((i) => outcome.findings[i]!);
    const fixes = kept.map((i) => outcome.fixes?.[i] ?? null);
    shownFindings.set(outcome, findings);
    if (outcome.state === 'skipped') skipped.push(outcome.display);
    else if (outcome.state === 'checked' || findings.length > 0) results.push({ file: outcome.display, findings, problems: problemsOf(outcome, findings), fixes, fixed: outcome.fixed });
  }
  if (options.verbose && ignored.length > 0) {
    stderr(localize(say(`按 .gitignore 或 .nianbaoignore 忽略 ${ignored.length} 个文件或目录：\n`, `Ignored ${ignored.length} file(s) or director(ies) by .gitignore or .nianbaoignore:\n`), locale) + ignored.map((s) => `  ${relative(process.cwd(), s) || s}\n`).join(''));
  }
  if (options.verbose && configIgnored.length > 0) {
    stderr(localize(say(`按配置文件的 ignore 忽略 ${configIgnored.length} 个文件：\n`, `Ignored ${configIgnored.length} file(s) by the config's ignore:\n`), locale) + configIgnored.map((s) => `  ${s}\n`).join(''));
  }
  if (options.verbose && skipped.length > 0) {
    stderr(localize(say(`跳过 ${skipped.length} 个不是年度报告的 Markdown 文件：\n`, `Skipped ${skipped.length} Markdown file(s) that are not annual reports:\n`), locale) + skipped.map((s) => `  ${s}\n`).join(''));
  }
  const batch = [...batchOf(outcomes, (o) => shownFindings.get(o) ?? [], sameBody), ...otherFiles(gathered.others)];
  if (checked === 0) {
    if (options.format === 'stylish' && batch.length > 0) emit(`${formatBatchSummary(batch, locale)}\n`, 'stderr');
    // Never a success line for a run that checked nothing.
    stderr(localize(say(`nianbao: 没有检查任何文件${whyNothing(skipped.length, gathered, configured, locale)}\n`, `nianbao: no file was checked${whyNothing(skipped.length, gathered, configured, locale)}\n`), locale));
    // A tool reading the report still gets one it can parse (empty); people get no summary line.
    // The reviewer's answers list the files not read and skipped all the same.
    if (options.format !== 'stylish' && options.format !== 'docx') emit(await render(options.format, [], locale, false, batch));
    return 2;
  }
  // What --fix would change (--fix-dry-run) or the fixed text of standard input.
  const changed = outcomes.filter((o) => o.before !== undefined && o.after !== undefined && o.before !== o.after);
  let reportTo: 'stdout' | 'stderr' | 'none' = 'stdout';
  if (options.dryRun) {
    for (const outcome of changed) stdout(dataForStdout(unifiedDiff(outcome.display.split(sep).join('/'), outcome.before!, outcome.after!)));
    const fixes = changed.reduce((n, o) => n + o.fixed, 0);
    stderr(localize(say(`nianbao: --fix-dry-run：可在 ${changed.length} 个文件中修复 ${fixes} 处问题，未写入任何文件\n`, `nianbao: --fix-dry-run: ${fixes} problem(s) in ${changed.length} file(s) can be fixed; nothing was written\n`), locale));
    reportTo = 'none';
  } else if (options.stdin && options.fix) {
    stdout(dataForStdout(outcomes[0]?.after ?? ''));
    reportTo = 'stderr';
  }
  if (options.format === 'docx') {
    // One letter per report with problems; the batch's summary says what else there was.
    const letters = await writeLetters(batch, resolve(options.output!), locale);
    for (const problem of letters.problems) stderr(`${problem}\n`);
    if (letters.problems.length > 0) status = 2;
    const listed = letters.written.map((path) => `  ${relative(process.cwd(), path) || path}\n`).join('');
    stdout(localize(say(`已写出 ${letters.written.length} 份审核意见：\n`, `Wrote ${letters.written.length} letter(s):\n`), locale) + listed + `${formatBatchSummary(batch, locale)}\n`);
  } else if (!emit(await render(options.format, results, locale, Boolean(io.color) && options.output === undefined && reportTo === 'stdout', batch), reportTo)) status = 2;
  return exitStatus(status, results, options, io, unread);
}

/**
 * The exit status: 2 when the run failed (already 2: usage, a path, the report or a fix not
 * written); else 1 for an error or too many warnings (said on standard error), even when some file
 * could not be read; else 2 when a file could not be read; else 0. So 0 always means every file
 * was read and none has an error, and 1 is never hidden by a file that was not read (issue 22);
 * the summary names both.
 */
function exitStatus(status: number, results: readonly FileResult[], options: Options, io: CommandIo, unread = false): number {
  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  if (status === 0 && errors > 0) status = 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(localize(say(`nianbao: 有 ${warnings} 个警告，多于 --max-warnings ${options.maxWarnings}\n`, `nianbao: ${warnings} warning(s), more than --max-warnings ${options.maxWarnings}\n`), options.locale));
    if (status === 0) status = 1;
  }
  if (status === 0 && unread) status = 2;
  return status;
}

/** The check command: its arguments after the word `check`. */
export const checkCommand: Command = (argv, io) => runCheck(['check', ...argv], io);
