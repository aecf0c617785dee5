/**
 * `nianbao export --to docx|html <file.md> [-o out]`: the report in the official layout as a
 * Word document or a self-contained HTML file (server/src/shell/export-docx.ts, export-html.ts).
 * Writes atomically (a temporary file beside the output, then a rename), never over the input,
 * never over an existing file without `--force` (issue 18: `import 年报.docx` then `export --to
 * docx 年报.md` must not replace the unit's Word file), and never through a symbolic link at the
 * default output path (only a link named with `-o` is written through, and only with `--force`).
 */
import { lstatSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildReport } from '../core/index.js';
import { exportDocument } from '../shell/export-document.js';
import { exportDocx } from '../shell/export-docx.js';
import { exportHtml } from '../shell/export-html.js';
import { describeRefusal } from '../shell/read-regular-file.js';
import { describeWriteError, WriteRefusal, writeNewFile } from './atomic-write.js';
import { readText } from './files.js';
import type { Command } from './command.js';

const HELP = `用法 / Usage:
  nianbao export --to docx|html <文件.md> [-o 输出文件] [--force]

按官方格式导出年度报告：标题、六个部分、带合并单元格的标准表格。
Exports an annual report in the official layout: the title, the six sections and the standard tables with their merged cells.

选项 / Options:
  --to docx|html      输出格式 / output format
  -o, --output FILE   输出文件（默认与输入同名，扩展名为 .docx 或 .html）/ output file (default: the input's name with .docx or .html)
  --force             覆盖已有的输出文件 / overwrite an existing output file
  -h, --help          显示本帮助 / show this help

退出码 / Exit status: 0 已导出 exported · 2 用法错误、文件无法读取、不是年度报告或输出文件已存在 usage error, unreadable file, not an annual report, or the output exists
`;

type Target = 'docx' | 'html';

function usageError(io: Parameters<Command>[1], zh: string, en: string): number {
  io.stderr(`nianbao export: ${zh} / ${en}\n\n${HELP}`);
  return 2;
}

/**
 * The default output: beside the input, its name with the new extension; never the input's own
 * name (`report.html` exported to HTML becomes `report-导出.html`).
 */
export function defaultExportPath(input: string, to: Target): string {
  const stem = join(dirname(input), basename(input, extname(input)));
  const path = `${stem}.${to}`;
  return samePath(input, path) ? `${stem}-导出.${to}` : path;
}

function samePath(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

function existsMessage(output: string): string {
  return `nianbao export: “${output}”已存在，未写入（加 --force 覆盖，或用 -o 指定另一个文件）/ “${output}” exists and was not written (add --force to overwrite it, or name another file with -o)\n`;
}

/** Whether anything is at `path`: a file, or a symbolic link (a dangling one too). */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** `nianbao export`. */
export const exportCommand: Command = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { to: { type: 'string' }, output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    return usageError(io, `参数有误（${(error as Error).message}）`, `bad arguments (${(error as Error).message})`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  if (values.to !== 'docx' && values.to !== 'html') {
    return values.to === undefined
      ? usageError(io, '请用 --to 指定输出格式 docx 或 html', 'name the output format with --to docx or --to html')
      : usageError(io, `--to 只能是 docx 或 html，而不是“${values.to}”`, `--to must be docx or html, not “${values.to}”`);
  }
  const to: Target = values.to;
  if (positionals.length !== 1) {
    return positionals.length === 0
      ? usageError(io, '请指定要导出的 Markdown 文件', 'name the Markdown file to export')
      : usageError(io, '一次只能导出一个文件', 'export one file at a time');
  }
  const input = positionals[0]!;
  const output = values.output ?? defaultExportPath(input, to);
  if (samePath(input, output)) return usageError(io, `输出文件不能是输入文件“${input}”`, `the output must not be the input “${input}”`);
  let isDirectory = false;
  try {
    isDirectory = statSync(input).isDirectory();
  } catch {
    io.stderr(`nianbao export: 找不到“${input}” / “${input}” does not exist\n`);
    return 2;
  }
  if (isDirectory) {
    io.stderr(`nianbao export: “${input}”是目录，请指定一个文件 / “${input}” is a directory; name one file\n`);
    return 2;
  }
  const read = readText(input);
  if (!read.ok) {
    io.stderr(
      read.reason === 'not-text'
        ? `nianbao export: “${input}”不是 UTF-8、GB18030 或带 BOM 的 UTF-16 文本 / “${input}” is not UTF-8, GB18030 or UTF-16 text with a byte order mark\n`
        : read.refusal && read.refusal.kind !== 'unreadable'
          ? `nianbao export: “${input}”${describeRefusal(read.refusal, 'zh')} / “${input}” ${describeRefusal(read.refusal, 'en')}\n`
          : `nianbao export: 无法读取“${input}”（${read.detail ?? ''}）/ cannot read “${input}” (${read.detail ?? ''})\n`,
    );
    return 2;
  }
  const report = buildReport(read.text);
  if (!report.isAnnualReport) {
    io.stderr(`nianbao export: “${input}”不是政府信息公开工作年度报告，未导出 / “${input}” is not an annual report; nothing written\n`);
    return 2;
  }
  for (const note of exportDocument(report).notes) io.stderr(`nianbao export: ${input}: ${note}\n`);
  if (!values.force && exists(output)) {
    io.stderr(existsMessage(output));
    return 2;
  }
  try {
    // A link at the default path was not named: never written through, even with --force.
    writeNewFile(output, to === 'docx' ? await exportDocx(report) : exportHtml(report), values.force, { followLinks: values.output !== undefined });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      io.stderr(existsMessage(output));
      return 2;
    }
    if (error instanceof WriteRefusal && error.kind === 'symlink') {
      io.stderr(`nianbao export: “${output}”是符号链接，未写入（默认输出不写入链接指向的文件；要写入它，请用 -o 指定）/ “${output}” is a symbolic link and was not written (the default output is never written through a link; name it with -o to write it)\n`);
      return 2;
    }
    io.stderr(`nianbao export: 无法写入“${output}”（${describeWriteError(error, 'zh')}）/ cannot write “${output}” (${describeWriteError(error, 'en')})\n`);
    return 2;
  }
  io.stdout(`已导出 / exported: ${output}\n`);
  return 0;
};
