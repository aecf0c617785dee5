/**
 * The arguments of `nianbao check`: its help text, and the options parsed and checked from them
 * (every usage error named in the message language).
 */
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { isSeveritySetting, localize, say, type Language, type RuleSettings, type SeveritySetting } from '../core/index.js';
import { ruleIds } from '../shell/config.js';
import { COMMAND_NAMES } from './command.js';
import { parseMaxFileSize } from './files.js';

/** The help of `nianbao check` (and of `nianbao` alone). */
export const HELP = `用法 / Usage:
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
  --format stylish|html|csv|xlsx|docx|json|sarif|github|junit
                          输出格式（默认 stylish；html、csv、xlsx 为给各单位的审核意见：html 为可打印的网页，
                          csv、xlsx 可用 Excel 或 WPS 打开，docx 为每份报告一份 Word 审核意见（-o 为目录）；
                          sarif 为 SARIF 2.1.0，github 为 GitHub Actions 注释，junit 为 JUnit XML）
                          output format (default stylish; html, csv and xlsx are the reviewer's answers: a printable page,
                          a table for Excel or WPS, docx one Word letter per report into the directory -o;
                          SARIF 2.1.0, GitHub Actions annotations, JUnit XML)
  -o, --output FILE       把报告写入文件而不是标准输出（扩展名须与 --format 一致；xlsx 必须用 -o）
                          write the report to FILE instead of standard output (its extension must fit --format; xlsx needs -o)
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

/** The report formats. */
export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit', 'html', 'csv', 'xlsx', 'docx'] as const;
export type Format = (typeof FORMATS)[number];

/** The extensions of -o each format fits (`''`: none). */
const EXTENSIONS: Readonly<Record<Format, readonly string[]>> = {
  stylish: ['.txt', '.log'],
  github: ['.txt', '.log'],
  json: ['.json'],
  sarif: ['.sarif', '.json'],
  junit: ['.xml'],
  html: ['.html', '.htm'],
  csv: ['.csv'],
  xlsx: ['.xlsx'],
  // One letter per report, into the directory -o names.
  docx: [],
};

/** The format an extension is of, for the message; .xls and .doc(x) too, which nothing writes. */
const KNOWN_EXTENSIONS: ReadonlySet<string> = new Set([...Object.values(EXTENSIONS).flat(), '.xls', '.docx', '.doc', '.pdf']);

/**
 * Whether -o's name fits the format: a name whose extension is one a report is written in must be
 * one of this format's (`-o 结果.xlsx` with the default format would write text Excel cannot
 * open); an unknown extension or none is the user's choice. Gives the error, or undefined.
 */
export function outputMismatch(output: string, format: Format, locale: Language): string | undefined {
  const extension = extname(output).toLowerCase();
  if (!KNOWN_EXTENSIONS.has(extension) || EXTENSIONS[format].includes(extension)) return undefined;
  const fitting = FORMATS.filter((f) => EXTENSIONS[f].includes(extension));
  const hint = fitting.length > 0 ? say(`；要写成${extension}文件请用 --format ${fitting[0]}`, `; for a ${extension} file use --format ${fitting[0]}`) : say('', '');
  return localize(
    say(
      `-o“${output}”的扩展名 ${extension} 与 --format ${format} 不符：${format} 应写入 ${EXTENSIONS[format].join('、')} 文件${hint.zh}`,
      `-o “${output}”: the extension ${extension} does not fit --format ${format}, which writes ${EXTENSIONS[format].join(', ')} files${hint.en}`,
    ),
    locale,
  );
}

/** The options of a check run. */
export interface Options {
  readonly format: Format;
  readonly fix: boolean;
  readonly dryRun: boolean;
  readonly quiet: boolean;
  readonly maxWarnings: number | undefined;
  readonly output: string | undefined;
  readonly stdin: boolean;
  readonly stdinFilename: string | undefined;
  readonly locale: Language;
  readonly verbose: boolean;
  /** Whether --locale was given (else a config's locale applies to messages). */
  readonly localeGiven: boolean;
  /** --config FILE. */
  readonly config: string | undefined;
  /** --rule id=severity, in order. */
  readonly rules: RuleSettings;
  /** Worker threads for many files (default: every core). */
  readonly jobs: number;
  /** --max-file-size, in bytes. */
  readonly maxFileBytes: number;
  /** --fix-read-only. */
  readonly fixReadOnly: boolean;
  readonly paths: string[];
}


/** The options of `nianbao check`, from its whole command line (the command word among them), or a usage error, or `help`. */
export function parseCheckArgs(argv: readonly string[]): Options | { error: string } | 'help' {
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
  const locale: Language = localeValue === 'en' ? 'en' : 'zh';
  if (localeValue !== 'en' && localeValue !== 'zh-cn' && localeValue !== 'zh') return { error: localize(say(`--locale 只能是 zh-CN 或 en，而不是“${values.locale}”`, `--locale must be zh-CN or en, not “${values.locale}”`), 'zh') };
  const names = COMMAND_NAMES.join('、');
  if (command !== 'check') return { error: localize(say(command ? `未知命令“${command}”，应为 ${names} 之一` : `缺少命令（${names}）`, command ? `unknown command “${command}”; expected one of ${names.replace(/、/g, ', ')}` : `missing the command (${names.replace(/、/g, ', ')})`), locale) };
  const format = FORMATS.find((f) => f === values.format);
  if (!format) return { error: localize(say(`--format 只能是 ${FORMATS.join('、')} 之一，而不是“${values.format}”`, `--format must be one of ${FORMATS.join(', ')}, not “${values.format}”`), locale) };
  const stdin = Boolean(values.stdin);
  if (values['stdin-filename'] !== undefined && !stdin) return { error: localize(say('--stdin-filename 只能与 --stdin 一起使用', '--stdin-filename needs --stdin'), locale) };
  if (stdin && paths.length > 0) return { error: localize(say('使用 --stdin 时不能再指定文件或目录', 'name no files or directories with --stdin'), locale) };
  if (!stdin && paths.length === 0) return { error: localize(say('请指定要检查的文件或目录', 'name the files or directories to check'), locale) };
  if (values.fix && values['fix-dry-run']) return { error: localize(say('--fix 与 --fix-dry-run 只能选一个', 'use --fix or --fix-dry-run, not both'), locale) };
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(values['max-warnings']) || !Number.isSafeInteger(maxWarnings)) return { error: localize(say(`--max-warnings 应为非负整数，而不是“${values['max-warnings']}”`, `--max-warnings must be a whole number, not “${values['max-warnings']}”`), locale) };
  }
  if (values.output === '') return { error: localize(say('-o 需要一个文件名', '-o needs a file name'), locale) };
  if (format === 'docx' && (values.output === undefined || values.output === '-' || /\.docx?$/i.test(values.output))) {
    return { error: localize(say('--format docx 为每份有问题的报告写一份审核意见（Word 文档）：请用 -o 指定一个已有的目录，如 -o 审核意见', '--format docx writes one Word letter per report with problems: name an existing directory with -o, e.g. -o letters'), locale) };
  }
  if (values.output !== undefined && values.output !== '-' && format !== 'docx') {
    const mismatch = outputMismatch(values.output, format, locale);
    if (mismatch) return { error: mismatch };
  }
  if (format === 'xlsx' && (values.output === undefined || values.output === '-')) {
    return { error: localize(say('--format xlsx 写出的是 Excel 文件，不能输出到终端：请用 -o 指定文件，如 -o 审核意见.xlsx', '--format xlsx writes an Excel file, not text for a terminal: name it with -o, e.g. -o review.xlsx'), locale) };
  }
  if (values.config === '') return { error: localize(say('--config 需要一个文件名', '--config needs a file name'), locale) };
  const rules: Record<string, SeveritySetting> = {};
  const ids = new Set(ruleIds());
  for (const rule of values.rule ?? []) {
    const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(rule);
    if (!match) return { error: localize(say(`--rule 应写作 id=级别（如 --rule doubled-word=off），而不是“${rule}”`, `--rule must be id=severity (e.g. --rule doubled-word=off), not “${rule}”`), locale) };
    const [, id, severity] = match as unknown as [string, string, string];
    if (!ids.has(id)) return { error: localize(say(`--rule：未知的规则 id“${id}”`, `--rule: unknown rule id “${id}”`), locale) };
    if (!isSeveritySetting(severity)) return { error: localize(say(`--rule：级别应为 error、warning、info、hint 或 off，而不是“${severity}”`, `--rule: the severity must be error, warning, info, hint or off, not “${severity}”`), locale) };
    rules[id] = severity;
  }
  const maxFileBytes = parseMaxFileSize(values['max-file-size']);
  if (maxFileBytes === undefined) return { error: localize(say(`--max-file-size 应为正数（单位 MB），而不是“${values['max-file-size']}”`, `--max-file-size must be a positive number of megabytes, not “${values['max-file-size']}”`), locale) };
  if (values['fix-read-only'] && !values.fix) return { error: localize(say('--fix-read-only 只能与 --fix 一起使用', '--fix-read-only needs --fix'), locale) };
  const jobs = values.jobs === undefined ? availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) return { error: localize(say(`--jobs 应为正整数，而不是“${values.jobs}”`, `--jobs must be a positive whole number, not “${values.jobs}”`), locale) };
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
