/**
 * `nianbao check [--format stylish|json] [--fix] [--locale zh-CN|en] [--verbose] <files or directories…>`
 *
 * Exit status: 0 no error-severity finding; 1 at least one; 2 bad usage, or a file that could
 * not be read or is not text in UTF-8, GB18030 or UTF-16 with a byte order mark (the other
 * files are still checked).
 */
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { checkFiles, type FileTask } from './check-files.js';
import { expandPaths } from './files.js';
import { colors, formatStylish, type FileResult, type Locale } from './output.js';
import { checkInParallel, MIN_FILES_FOR_WORKERS, type WorkerInput } from './parallel.js';
import { COMMANDS } from './subcommands.js';

const HELP = `用法 / Usage:
  nianbao check [选项] <文件或目录…>
  nianbao import <文件.docx|文件.html> [-o 输出.md]   （nianbao import --help）

检查政府信息公开工作年度报告的 Markdown 草稿。目录会被递归搜索，只检查其中的年度报告。
Checks Markdown drafts of 政府信息公开工作年度报告. Directories are searched recursively; only annual reports in them are checked.

选项 / Options:
  --format stylish|json   输出格式（默认 stylish）/ output format (default stylish)
  --fix                   自动应用安全修复并写回文件 / apply safe fixes and write the files back
  --locale zh-CN|en       信息语言（默认 zh-CN）/ message language (default zh-CN)
  --verbose               列出跳过的非年报文件 / list the Markdown files skipped as not annual reports
  --jobs N                并行检查的线程数（默认为 CPU 核数）/ worker threads for many files (default: all cores)
  -h, --help              显示本帮助 / show this help

退出码 / Exit status: 0 无错误 no errors · 1 有错误 errors found · 2 用法错误或文件无法读取 usage error or unreadable file
`;

interface Options {
  readonly format: 'stylish' | 'json';
  readonly fix: boolean;
  readonly locale: Locale;
  readonly verbose: boolean;
  /** Worker threads for many files (default: every core). */
  readonly jobs: number;
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
        locale: { type: 'string', default: 'zh-CN' },
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
  const localeValue = String(values.locale).toLowerCase();
  const locale: Locale = localeValue === 'en' ? 'en' : 'zh-CN';
  if (localeValue !== 'en' && localeValue !== 'zh-cn' && localeValue !== 'zh') return { error: t('zh-CN', `--locale 只能是 zh-CN 或 en，而不是“${values.locale}”`, `--locale must be zh-CN or en, not “${values.locale}”`) };
  const names = ['check', ...Object.keys(COMMANDS)].join('、');
  if (command !== 'check') return { error: t(locale, command ? `未知命令“${command}”，应为 ${names} 之一` : `缺少命令（${names}）`, command ? `unknown command “${command}”; expected one of ${names.replace(/、/g, ', ')}` : `missing the command (${names.replace(/、/g, ', ')})`) };
  if (values.format !== 'stylish' && values.format !== 'json') return { error: t(locale, `--format 只能是 stylish 或 json，而不是“${values.format}”`, `--format must be stylish or json, not “${values.format}”`) };
  if (paths.length === 0) return { error: t(locale, '请指定要检查的文件或目录', 'name the files or directories to check') };
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) return { error: t(locale, `--jobs 应为正整数，而不是“${values.jobs}”`, `--jobs must be a positive whole number, not “${values.jobs}”`) };
  return { format: values.format, fix: Boolean(values.fix), locale, verbose: Boolean(values.verbose), jobs, paths };
}

/** Runs the CLI and returns its exit status. */
export async function run(argv: readonly string[], stdout: (s: string) => void, stderr: (s: string) => void, color: boolean): Promise<number> {
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
  let status = 0;
  const { targets, problems } = expandPaths(options.paths);
  for (const problem of problems) {
    status = 2;
    stderr(
      problem.reason === 'missing'
        ? t(locale, `nianbao: 找不到“${problem.path}”\n`, `nianbao: “${problem.path}” does not exist\n`)
        : t(locale, `nianbao: 无法读取“${problem.path}”（${problem.detail ?? ''}）\n`, `nianbao: cannot read “${problem.path}” (${problem.detail ?? ''})\n`),
    );
  }
  const tasks: FileTask[] = targets.map((target) => ({ ...target, display: relative(process.cwd(), target.path) || target.path }));
  const jobs = Math.max(1, Math.min(options.jobs, tasks.length));
  const outcomes =
    jobs > 1 && tasks.length >= MIN_FILES_FOR_WORKERS
      ? await checkInParallel(__filename, tasks, { fix: options.fix, locale }, jobs)
      : checkFiles(tasks, { fix: options.fix, locale });
  const results: FileResult[] = [];
  const skipped: string[] = [];
  for (const outcome of outcomes) {
    for (const error of outcome.errors) stderr(`${error}\n`);
    if (outcome.state === 'failed') status = 2;
    if (outcome.state === 'skipped') skipped.push(outcome.display);
    else if (outcome.state === 'checked' || outcome.findings.length > 0) results.push({ file: outcome.display, findings: outcome.findings, fixed: outcome.fixed });
  }
  if (options.verbose && skipped.length > 0) {
    stderr(t(locale, `跳过 ${skipped.length} 个不是年度报告的 Markdown 文件：\n`, `Skipped ${skipped.length} Markdown file(s) that are not annual reports:\n`) + skipped.map((s) => `  ${s}\n`).join(''));
  }
  if (options.format === 'json') {
    stdout(`${JSON.stringify(results.flatMap((r) => r.findings), null, 2)}\n`);
  } else {
    stdout(`${formatStylish(results, locale, colors(color), results.length)}\n`);
  }
  if (status === 0 && results.some((r) => r.findings.some((f) => f.severity === 'error'))) status = 1;
  return status;
}

if (isMainThread) {
  const useColor = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
  run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s), useColor).then(
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
