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
import { availableParallelism } from 'node:os';
import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import type { Severity } from '../core/index.js';
import { dataForStdout, forTerminal } from '../shell/terminal-text.js';
import { ConfigCache, configIgnores, formatProblem, ruleIds, type LoadedConfig } from '../shell/config.js';
import { describeWriteError, writeAtomically } from './atomic-write.js';
import { DEFAULT_MAX_FILE_BYTES } from '../shell/read-regular-file.js';
import { checkFiles, type FileOutcome, type FileTask } from './check-files.js';
import { formatGithub, formatJunit, formatSarif } from './ci-formats.js';
import { expandPaths, parseMaxFileSize, refusalMessage } from './files.js';
import { colors, formatStylish, type FileResult, type Locale } from './output.js';
import { checkInParallel, MIN_FILES_FOR_WORKERS, type WorkerInput } from './parallel.js';
import { COMMANDS } from './subcommands.js';
import { unifiedDiff } from './unified-diff.js';

const HELP = `用法 / Usage:
  nianbao check [选项] <文件、目录或 glob…>
  nianbao check [选项] --stdin [--stdin-filename 名称]
  nianbao import <文件.docx|文件.html> [-o 输出.md]   （nianbao import --help）

检查政府信息公开工作年度报告的 Markdown 草稿。目录会被递归搜索，只检查其中的年度报告；
带引号的 glob（如 "docs/**/*.md"）由 nianbao 展开。目录搜索和 glob 遵循 .gitignore 与 .nianbaoignore，
在命令行上直接写出的文件总会检查。
Checks Markdown drafts of 政府信息公开工作年度报告. Directories are searched recursively; only annual
reports in them are checked. Quoted globs ("docs/**/*.md") are expanded by nianbao. The directory
search and globs honour .gitignore and .nianbaoignore; a file named on the command line is always checked.

选项 / Options:
  --format stylish|json|sarif|github|junit
                          输出格式（默认 stylish；sarif 为 SARIF 2.1.0，github 为 GitHub Actions 注释，junit 为 JUnit XML）
                          output format (default stylish; SARIF 2.1.0, GitHub Actions annotations, JUnit XML)
  -o, --output FILE       把报告写入文件而不是标准输出 / write the report to FILE instead of standard output
  --quiet                 只报告错误 / report errors only
  --max-warnings N        警告多于 N 个时退出码为 1 / exit 1 when there are more than N warnings
  --fix                   自动应用安全修复并写回文件 / apply safe fixes and write the files back
  --fix-dry-run           以 unified diff 打印 --fix 会做的修改，不写任何文件 / print what --fix would change as a unified diff; write nothing
  --fix-read-only         --fix 也写回只读文件（默认拒绝并提示）/ let --fix write read-only files too (refused by default)
  --max-file-size MB      大于此大小（MB，默认 5）的文件不读取，提示后跳过 / files above MB megabytes (default 5) are skipped with a message
  --stdin                 从标准输入读取草稿（配合 --fix 时把修复后的文本写到标准输出）
                          read the draft from standard input (with --fix, print the fixed text)
  --stdin-filename NAME   标准输入草稿在报告中的名称 / the name of the standard input draft in the report
  --locale zh-CN|en       信息语言（默认 zh-CN）/ message language (default zh-CN)
  --verbose               列出跳过的非年报文件和每个文件使用的配置 / list the Markdown files skipped as not annual reports and the config each file used
  --config FILE           所有文件都使用这个配置文件（默认从每个文件所在目录向上查找 .nianbaorc.json 或 package.json 的 "nianbao"）
                          use this config file for every file (default: the nearest .nianbaorc.json or package.json "nianbao" key above each file)
  --rule ID=SEVERITY      覆盖规则级别（error|warning|info|hint|off，可重复）/ override a rule's severity (repeatable)
  --jobs N                并行检查的线程数（默认为 CPU 核数）/ worker threads for many files (default: all cores)
  -h, --help              显示本帮助 / show this help

--fix 通过符号链接写入其目标文件（链接保持不变；只对命令行上直接指定的链接），保留文件的权限和所有者；
只读文件、有多个硬链接的文件不写入并提示。只读取普通文件：命名管道、设备、名为 *.md 的目录、符号链接循环都会提示并跳过。
--fix writes through a symbolic link to its target (the link stays; only a link named on the command line)
and keeps the file's mode and owner; a read-only file or one with several hard links is not written, with a
message. Only regular files are read: a FIFO, a device, a directory named *.md or a symbolic link loop is
reported and skipped.

退出码 / Exit status: 0 无错误 no errors · 1 有错误或警告过多 errors found or too many warnings ·
  2 用法错误、没有匹配或检查的文件、文件无法读取或写入 usage error, nothing matched or checked, unreadable or unwritable file
`;

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
type Format = (typeof FORMATS)[number];

interface Options {
  readonly format: Format;
  readonly fix: boolean;
  readonly dryRun: boolean;
  readonly quiet: boolean;
  readonly maxWarnings: number | undefined;
  readonly output: string | undefined;
  readonly stdin: boolean;
  readonly stdinFilename: string | undefined;
  readonly locale: Locale;
  readonly verbose: boolean;
  /** Whether --locale was given (else a config's locale applies to messages). */
  readonly localeGiven: boolean;
  /** --config FILE. */
  readonly config: string | undefined;
  /** --rule id=severity, in order. */
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  /** Worker threads for many files (default: every core). */
  readonly jobs: number;
  /** --max-file-size, in bytes. */
  readonly maxFileBytes: number;
  /** --fix-read-only. */
  readonly fixReadOnly: boolean;
  readonly paths: string[];
}

function t(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

function parse(argv: readonly string[]): Options | { error: string } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'stylish' },
        fix: { type: 'boolean', default: false },
        'fix-dry-run': { type: 'boolean', default: false },
        'fix-read-only': { type: 'boolean', default: false },
        'max-file-size': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        'max-warnings': { type: 'string' },
        output: { type: 'string', short: 'o' },
        stdin: { type: 'boolean', default: false },
        'stdin-filename': { type: 'string' },
        locale: { type: 'string' },
        config: { type: 'string' },
        rule: { type: 'string', multiple: true },
        verbose: { type: 'boolean', default: false },
        jobs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return { error: `${(error as Error).message}` };
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, ...paths] = positionals;
  const localeValue = String(values.locale ?? 'zh-CN').toLowerCase();
  const locale: Locale = localeValue === 'en' ? 'en' : 'zh-CN';
  if (localeValue !== 'en' && localeValue !== 'zh-cn' && localeValue !== 'zh') return { error: t('zh-CN', `--locale 只能是 zh-CN 或 en，而不是“${values.locale}”`, `--locale must be zh-CN or en, not “${values.locale}”`) };
  const names = ['check', ...Object.keys(COMMANDS)].join('、');
  if (command !== 'check') return { error: t(locale, command ? `未知命令“${command}”，应为 ${names} 之一` : `缺少命令（${names}）`, command ? `unknown command “${command}”; expected one of ${names.replace(/、/g, ', ')}` : `missing the command (${names.replace(/、/g, ', ')})`) };
  const format = FORMATS.find((f) => f === values.format);
  if (!format) return { error: t(locale, `--format 只能是 ${FORMATS.join('、')} 之一，而不是“${values.format}”`, `--format must be one of ${FORMATS.join(', ')}, not “${values.format}”`) };
  const stdin = Boolean(values.stdin);
  if (values['stdin-filename'] !== undefined && !stdin) return { error: t(locale, '--stdin-filename 只能与 --stdin 一起使用', '--stdin-filename needs --stdin') };
  if (stdin && paths.length > 0) return { error: t(locale, '使用 --stdin 时不能再指定文件或目录', 'name no files or directories with --stdin') };
  if (!stdin && paths.length === 0) return { error: t(locale, '请指定要检查的文件或目录', 'name the files or directories to check') };
  if (values.fix && values['fix-dry-run']) return { error: t(locale, '--fix 与 --fix-dry-run 只能选一个', 'use --fix or --fix-dry-run, not both') };
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(values['max-warnings']) || !Number.isSafeInteger(maxWarnings)) return { error: t(locale, `--max-warnings 应为非负整数，而不是“${values['max-warnings']}”`, `--max-warnings must be a whole number, not “${values['max-warnings']}”`) };
  }
  if (values.output === '') return { error: t(locale, '-o 需要一个文件名', '-o needs a file name') };
  if (values.config === '') return { error: t(locale, '--config 需要一个文件名', '--config needs a file name') };
  const rules: Record<string, Severity | 'off'> = {};
  const ids = new Set(ruleIds());
  for (const rule of values.rule ?? []) {
    const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(rule);
    if (!match) return { error: t(locale, `--rule 应写作 id=级别（如 --rule doubled-word=off），而不是“${rule}”`, `--rule must be id=severity (e.g. --rule doubled-word=off), not “${rule}”`) };
    const [, id, severity] = match as unknown as [string, string, string];
    if (!ids.has(id)) return { error: t(locale, `--rule：未知的规则 id“${id}”`, `--rule: unknown rule id “${id}”`) };
    if (!['error', 'warning', 'info', 'hint', 'off'].includes(severity)) return { error: t(locale, `--rule：级别应为 error、warning、info、hint 或 off，而不是“${severity}”`, `--rule: the severity must be error, warning, info, hint or off, not “${severity}”`) };
    rules[id] = severity as Severity | 'off';
  }
  const maxFileBytes = parseMaxFileSize(values['max-file-size']);
  if (maxFileBytes === undefined) return { error: t(locale, `--max-file-size 应为正数（单位 MB），而不是“${values['max-file-size']}”`, `--max-file-size must be a positive number of megabytes, not “${values['max-file-size']}”`) };
  if (values['fix-read-only'] && !values.fix) return { error: t(locale, '--fix-read-only 只能与 --fix 一起使用', '--fix-read-only needs --fix') };
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) return { error: t(locale, `--jobs 应为正整数，而不是“${values.jobs}”`, `--jobs must be a positive whole number, not “${values.jobs}”`) };
  return {
    format,
    fix: Boolean(values.fix) || Boolean(values['fix-dry-run']),
    dryRun: Boolean(values['fix-dry-run']),
    quiet: Boolean(values.quiet),
    maxWarnings,
    output: values.output,
    stdin,
    stdinFilename: values['stdin-filename'],
    locale,
    verbose: Boolean(values.verbose),
    localeGiven: values.locale !== undefined,
    config: values.config,
    rules,
    jobs,
    maxFileBytes,
    fixReadOnly: Boolean(values['fix-read-only']),
    paths,
  };
}

/** Standard input, whole, or its first `limit` + 1 bytes when it is longer (then refused: the cap holds for a pipe too). */
async function readStandardInput(limit: number = DEFAULT_MAX_FILE_BYTES): Promise<Buffer> {
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

/** The report in the chosen format. */
function render(format: Format, results: readonly FileResult[], locale: Locale, color: boolean): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(results.flatMap((r) => r.findings), null, 2)}\n`;
    case 'sarif':
      return `${formatSarif(results, locale)}\n`;
    case 'github':
      return formatGithub(results);
    case 'junit':
      return `${formatJunit(results)}\n`;
    case 'stylish':
      return `${formatStylish(results, locale, colors(color), results.length)}\n`;
  }
}

/** Runs the CLI and returns its exit status. */
export async function run(
  argv: readonly string[],
  stdout: (s: string) => void,
  stderr: (s: string) => void,
  color: boolean,
  stdin: (limit: number) => Promise<Buffer> = readStandardInput,
): Promise<number> {
  const command = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? COMMANDS[argv[0]] : undefined;
  if (command) return command(argv.slice(1), { stdout, stderr });
  const options = parse(argv);
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
  const emit = (report: string, to: 'stdout' | 'stderr' | 'none' = 'stdout'): boolean => {
    if (options.output !== undefined) {
      try {
        writeAtomically(resolve(options.output), Buffer.from(report, 'utf8'), undefined, { writeSpecial: true });
      } catch (error) {
        stderr(t(locale, `nianbao: 无法写入“${options.output}”（${describeWriteError(error, 'zh')}）\n`, `nianbao: cannot write “${options.output}” (${describeWriteError(error, 'en')})\n`));
        return false;
      }
    } else if (to === 'stdout') {
      stdout(report);
    } else if (to === 'stderr') {
      stderr(report);
    }
    return true;
  };
  let status = 0;
  let tasks: FileTask[];
  let ignored: string[] = [];
  if (options.stdin) {
    const name = options.stdinFilename ?? '<stdin>';
    const bytes = await stdin(options.maxFileBytes);
    if (bytes.length > options.maxFileBytes) {
      stderr(`nianbao: ${refusalMessage(name, { kind: 'too-large', size: bytes.length, limit: options.maxFileBytes }, locale)}\n`);
      return 2;
    }
    tasks = [{ path: resolve(name), explicit: true, display: name, bytes }];
  } else {
    const expanded = expandPaths(options.paths);
    const { targets, problems } = expanded;
    ignored = expanded.ignored;
    // A pattern of an ignore file left out: said, the others apply, the exit status is the check's.
    for (const problem of new Set(expanded.ignoreProblems.map(formatProblem))) stderr(t(locale, `nianbao: 忽略文件 ${problem}\n`, `nianbao: ignore file ${problem}\n`));
    for (const problem of problems) {
      status = 2;
      stderr(
        problem.reason === 'missing'
          ? t(locale, `nianbao: 找不到“${problem.path}”\n`, `nianbao: “${problem.path}” does not exist\n`)
          : problem.reason === 'no-match'
            ? problem.detail === 'ignored'
              ? t(locale, `nianbao: 没有找到匹配“${problem.path}”的文件（匹配的文件都被 .gitignore 或 .nianbaoignore 忽略）\n`, `nianbao: no file matches “${problem.path}” (the files it matches are ignored by .gitignore or .nianbaoignore)\n`)
              : t(locale, `nianbao: 没有找到匹配“${problem.path}”的文件${problem.detail ? `（${problem.detail}）` : ''}\n`, `nianbao: no file matches “${problem.path}”${problem.detail ? ` (${problem.detail})` : ''}\n`)
            : problem.reason === 'refused' && problem.refusal
              ? `nianbao: ${refusalMessage(relative(process.cwd(), problem.path) || problem.path, problem.refusal, locale)}\n`
              : t(locale, `nianbao: 无法读取“${problem.path}”（${problem.detail ?? ''}）\n`, `nianbao: cannot read “${problem.path}” (${problem.detail ?? ''})\n`),
      );
    }
    tasks = targets.map((target) => ({ ...target, display: relative(process.cwd(), target.path) || target.path }));
  }
  // The config of each file (--config: one for all), its ignore globs, then --rule over it.
  if (options.config !== undefined && !existsSync(options.config)) {
    stderr(t(locale, `nianbao: 找不到配置文件“${options.config}”\n`, `nianbao: the config file “${options.config}” does not exist\n`));
    return 2;
  }
  const configs = new ConfigCache();
  const configOf = (path: string): LoadedConfig => (options.config !== undefined ? configs.load(options.config) : configs.configFor(path));
  const reported = new Set<string>();
  const used = new Map<string, string>();
  const kept: FileTask[] = [];
  /** Files left out by a config's `ignore` globs. */
  const configIgnored: string[] = [];
  for (const task of tasks) {
    const loaded = configOf(task.path);
    if (loaded.path !== undefined && !reported.has(loaded.path)) {
      reported.add(loaded.path);
      for (const problem of loaded.problems) stderr(t(locale, `nianbao: 配置文件 ${formatProblem(problem)}\n`, `nianbao: config file ${formatProblem(problem)}\n`));
    }
    const { config } = loaded;
    if (!task.explicit && configIgnores(loaded, task.path)) {
      configIgnored.push(task.display);
      continue;
    }
    used.set(task.display, loaded.path === undefined ? t(locale, '（默认设置）', '(defaults)') : relative(process.cwd(), loaded.path) || loaded.path);
    const rules = { ...(config.rules ?? {}), ...options.rules };
    kept.push({
      ...task,
      ...(Object.keys(rules).length > 0 ? { rules } : {}),
      ...(config.format && config.format !== 'auto' ? { checkFormat: config.format } : {}),
      ...(!options.localeGiven && config.locale ? { locale: config.locale } : {}),
    });
  }
  tasks = kept;
  if (options.verbose && used.size > 0) {
    stderr(t(locale, `每个文件使用的配置：\n`, `The config each file used:\n`) + [...used].map(([file, config]) => `  ${file}: ${config}\n`).join(''));
  }
  const checkOptions = { fix: options.fix, dryRun: options.dryRun, locale, maxFileBytes: options.maxFileBytes, fixReadOnly: options.fixReadOnly };
  const jobs = Math.max(1, Math.min(options.jobs, tasks.length));
  const outcomes: FileOutcome[] =
    jobs > 1 && tasks.length >= MIN_FILES_FOR_WORKERS ? await checkInParallel(__filename, tasks, checkOptions, jobs) : checkFiles(tasks, checkOptions);
  const results: FileResult[] = [];
  const skipped: string[] = [];
  let checked = 0;
  for (const outcome of outcomes) {
    for (const error of outcome.errors) stderr(`${error}\n`);
    if (outcome.state === 'failed') status = 2;
    // A file checked whose fixes could not be written was checked all the same (its findings stand).
    if (outcome.state === 'checked' || (outcome.state === 'failed' && outcome.fixes !== undefined)) checked++;
    const kept = outcome.findings.map((_, i) => i).filter((i) => !options.quiet || outcome.findings[i]!.severity === 'error');
    const findings = kept.map((i) => outcome.findings[i]!);
    const fixes = kept.map((i) => outcome.fixes?.[i] ?? null);
    if (outcome.state === 'skipped') skipped.push(outcome.display);
    else if (outcome.state === 'checked' || findings.length > 0) results.push({ file: outcome.display, findings, fixes, fixed: outcome.fixed });
  }
  if (options.verbose && ignored.length > 0) {
    stderr(t(locale, `按 .gitignore 或 .nianbaoignore 忽略 ${ignored.length} 个文件或目录：\n`, `Ignored ${ignored.length} file(s) or director(ies) by .gitignore or .nianbaoignore:\n`) + ignored.map((s) => `  ${relative(process.cwd(), s) || s}\n`).join(''));
  }
  if (options.verbose && configIgnored.length > 0) {
    stderr(t(locale, `按配置文件的 ignore 忽略 ${configIgnored.length} 个文件：\n`, `Ignored ${configIgnored.length} file(s) by the config's ignore:\n`) + configIgnored.map((s) => `  ${s}\n`).join(''));
  }
  if (options.verbose && skipped.length > 0) {
    stderr(t(locale, `跳过 ${skipped.length} 个不是年度报告的 Markdown 文件：\n`, `Skipped ${skipped.length} Markdown file(s) that are not annual reports:\n`) + skipped.map((s) => `  ${s}\n`).join(''));
  }
  if (checked === 0) {
    // Never a success line for a run that checked nothing.
    const why =
      skipped.length > 0
        ? t(locale, `（找到的 ${skipped.length} 个 Markdown 文件都不是年度报告，用 --verbose 列出）`, ` (the ${skipped.length} Markdown file(s) found are not annual reports; --verbose lists them)`)
        : tasks.length === 0 && ignored.length > 0
          ? t(locale, `（找到的 ${ignored.length} 个文件或目录都被 .gitignore 或 .nianbaoignore 忽略，用 --verbose 列出）`, ` (the ${ignored.length} file(s) or director(ies) found are ignored by .gitignore or .nianbaoignore; --verbose lists them)`)
          : tasks.length === 0 && configIgnored.length > 0
            ? t(locale, `（找到的 ${configIgnored.length} 个文件都被配置文件的 ignore 忽略，用 --verbose 列出）`, ` (the ${configIgnored.length} file(s) found are ignored by the config's ignore; --verbose lists them)`)
            : tasks.length === 0
              ? t(locale, '（没有找到 Markdown 文件）', ' (no Markdown file was found)')
              : '';
    stderr(t(locale, `nianbao: 没有检查任何文件${why}\n`, `nianbao: no file was checked${why}\n`));
    // A tool reading the report still gets one it can parse (empty); people get no summary line.
    if (options.format !== 'stylish') emit(render(options.format, [], locale, false));
    return 2;
  }
  // What --fix would change (--fix-dry-run) or the fixed text of standard input.
  const changed = outcomes.filter((o) => o.before !== undefined && o.after !== undefined && o.before !== o.after);
  let reportTo: 'stdout' | 'stderr' | 'none' = 'stdout';
  if (options.dryRun) {
    for (const outcome of changed) stdout(dataForStdout(unifiedDiff(outcome.display.split(sep).join('/'), outcome.before!, outcome.after!)));
    const fixes = changed.reduce((n, o) => n + o.fixed, 0);
    stderr(t(locale, `nianbao: --fix-dry-run：可在 ${changed.length} 个文件中修复 ${fixes} 处问题，未写入任何文件\n`, `nianbao: --fix-dry-run: ${fixes} problem(s) in ${changed.length} file(s) can be fixed; nothing was written\n`));
    reportTo = 'none';
  } else if (options.stdin && options.fix) {
    stdout(dataForStdout(outcomes[0]?.after ?? ''));
    reportTo = 'stderr';
  }
  if (!emit(render(options.format, results, locale, color && options.output === undefined && reportTo === 'stdout'), reportTo)) status = 2;
  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  if (status === 0 && errors > 0) status = 1;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    stderr(t(locale, `nianbao: 有 ${warnings} 个警告，多于 --max-warnings ${options.maxWarnings}\n`, `nianbao: ${warnings} warning(s), more than --max-warnings ${options.maxWarnings}\n`));
    if (status === 0) status = 1;
  }
  return status;
}

if (isMainThread) {
  const useColor = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
  // Messages quote files (names, labels, a zip entry): none reaches the terminal with its control characters.
  run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(forTerminal(s)), useColor).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`nianbao: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 2;
    },
  );
} else {
  const input = workerData as WorkerInput;
  parentPort!.postMessage(checkFiles(input.tasks, input.options));
}
