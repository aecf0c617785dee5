/**
 * `nianbao check [--format stylish|json] [--fix] [--locale zh-CN|en] [--verbose] <files or directories…>`
 *
 * Exit status: 0 no error-severity finding; 1 at least one; 2 bad usage, or a file that could
 * not be read or is not UTF-8 (the other files are still checked).
 */
import { renameSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildReport, checkReport, fixAll, LineIndex, type Report } from '../core/index.js';
import { expandPaths, readText } from './files.js';
import { colors, formatStylish, toJson, type FileResult, type Locale } from './output.js';

const HELP = `用法 / Usage:
  nianbao check [选项] <文件或目录…>

检查政府信息公开工作年度报告的 Markdown 草稿。目录会被递归搜索，只检查其中的年度报告。
Checks Markdown drafts of 政府信息公开工作年度报告. Directories are searched recursively; only annual reports in them are checked.

选项 / Options:
  --format stylish|json   输出格式（默认 stylish）/ output format (default stylish)
  --fix                   自动应用安全修复并写回文件 / apply safe fixes and write the files back
  --locale zh-CN|en       信息语言（默认 zh-CN）/ message language (default zh-CN)
  --verbose               列出跳过的非年报文件 / list the Markdown files skipped as not annual reports
  -h, --help              显示本帮助 / show this help

退出码 / Exit status: 0 无错误 no errors · 1 有错误 errors found · 2 用法错误或文件无法读取 usage error or unreadable file
`;

interface Options {
  readonly format: 'stylish' | 'json';
  readonly fix: boolean;
  readonly locale: Locale;
  readonly verbose: boolean;
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
  if (command !== 'check') return { error: t(locale, command ? `未知命令“${command}”，应为 check` : '缺少命令 check', command ? `unknown command “${command}”; expected check` : 'missing the command check') };
  if (values.format !== 'stylish' && values.format !== 'json') return { error: t(locale, `--format 只能是 stylish 或 json，而不是“${values.format}”`, `--format must be stylish or json, not “${values.format}”`) };
  if (paths.length === 0) return { error: t(locale, '请指定要检查的文件或目录', 'name the files or directories to check') };
  return { format: values.format, fix: Boolean(values.fix), locale, verbose: Boolean(values.verbose), paths };
}

/** Writes a file by renaming a complete temporary copy over it, so a failed write never truncates it. */
function writeAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.nianbao-${process.pid}.tmp`);
  const mode = statSync(path).mode;
  writeFileSync(temporary, text, 'utf8');
  chmodSync(temporary, mode);
  renameSync(temporary, path);
}

/** Runs the CLI and returns its exit status. */
export function run(argv: readonly string[], stdout: (s: string) => void, stderr: (s: string) => void, color: boolean): number {
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
  interface Loaded {
    readonly display: string;
    readonly path: string;
    readonly bom: boolean;
    text: string;
    report: Report;
    fixed: number;
  }
  const loaded: Loaded[] = [];
  const skipped: string[] = [];
  for (const target of targets) {
    const display = relative(process.cwd(), target.path) || target.path;
    const read = readText(target.path);
    if (!read.ok) {
      status = 2;
      stderr(
        read.reason === 'not-utf8'
          ? t(locale, `nianbao: “${display}”不是 UTF-8 编码的文本，未检查（请另存为 UTF-8 后再检查）\n`, `nianbao: “${display}” is not UTF-8 text and was not checked (save it as UTF-8)\n`)
          : t(locale, `nianbao: 无法读取“${display}”（${read.detail ?? ''}），未检查\n`, `nianbao: cannot read “${display}” (${read.detail ?? ''}); not checked\n`),
      );
      continue;
    }
    const report = buildReport(read.text);
    if (!target.explicit && !report.isAnnualReport) {
      skipped.push(display);
      continue;
    }
    loaded.push({ display, path: target.path, bom: read.bom, text: read.text, report, fixed: 0 });
  }
  if (options.fix) {
    for (const file of loaded) {
      const result = fixAll(file.text);
      if (result.text === file.text) continue;
      try {
        writeAtomically(file.path, (file.bom ? '\ufeff' : '') + result.text);
        file.fixed = result.applied;
        file.text = result.text;
        file.report = buildReport(result.text);
      } catch (error) {
        status = 2;
        stderr(t(locale, `nianbao: 无法写入“${file.display}”（${(error as Error).message}），文件未改动\n`, `nianbao: cannot write “${file.display}” (${(error as Error).message}); the file is unchanged\n`));
      }
    }
  }
  // Each report is also checked against the previous year's report of the same body among the files given.
  const others = loaded.map((file) => ({ file: file.display, report: file.report }));
  const results: FileResult[] = [];
  for (const file of loaded) {
    const { findings, failures } = checkReport(file.report, { others });
    for (const failure of failures) {
      stderr(t(locale, `nianbao: 规则 ${failure.rule} 在检查“${file.display}”时出错：${String(failure.error)}\n`, `nianbao: rule ${failure.rule} failed on “${file.display}”: ${String(failure.error)}\n`));
    }
    results.push({ file: file.display, text: file.text, findings, fixed: file.fixed });
  }
  if (options.verbose && skipped.length > 0) {
    stderr(t(locale, `跳过 ${skipped.length} 个不是年度报告的 Markdown 文件：\n`, `Skipped ${skipped.length} Markdown file(s) that are not annual reports:\n`) + skipped.map((s) => `  ${s}\n`).join(''));
  }
  if (options.format === 'json') {
    const all = results.flatMap((r) => {
      const lines = new LineIndex(r.text);
      return r.findings.map((f) => toJson(r.file, lines, f, locale));
    });
    stdout(`${JSON.stringify(all, null, 2)}\n`);
  } else {
    stdout(`${formatStylish(results, locale, colors(color), results.length)}\n`);
  }
  if (status === 0 && results.some((r) => r.findings.some((f) => f.severity === 'error'))) status = 1;
  return status;
}

const useColor = Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'];
process.exitCode = run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s), useColor);
