/**
 * `nianbao import <file.docx|file.html> [-o out.md] [--force]`: a Word draft or a saved web page
 * as a canonical Markdown draft. Writes a new file (beside the input, same name, `.md`, unless
 * `-o` says otherwise), never over an existing one without `--force`; on any failure nothing is
 * written and the exit status is 2.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { importDraft, importKind } from '../shell/import-draft.js';
import { describeRefusal, readRegularFileSync } from '../shell/read-regular-file.js';
import { writeNewFile } from './atomic-write.js';
import type { Command } from './subcommands.js';

const HELP = `用法 / Usage:
  nianbao import <文件.docx|文件.html> [-o 输出.md] [--force]

把 Word 草稿（.docx）或保存的网页（.html）转换为标准 Markdown 草稿：标题和各部分标题、正文照原文、统计表为标准 Markdown 表格。
Turns a Word draft (.docx) or a saved web page (.html) into a canonical Markdown draft.

选项 / Options:
  -o, --output 文件   输出文件（默认与输入同名，扩展名 .md）/ output file (default: the input's name with .md)
  --force             覆盖已有的输出文件 / overwrite an existing output file
  --locale zh-CN|en   信息语言 / message language
`;

/** Inputs above this size are not read: a .docx with its pictures, far above any real draft. */
const IMPORT_MAX_BYTES = 64 * 1024 * 1024;

/** The import command. */
export const importCommand: Command = async (argv, { stdout, stderr }) => {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false }, locale: { type: 'string', default: 'zh-CN' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    stderr(`nianbao import: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    stdout(HELP);
    return 0;
  }
  const en = String(values.locale).toLowerCase() === 'en';
  const t = (zh: string, english: string): string => (en ? english : zh);
  if (positionals.length !== 1) {
    stderr(`nianbao import: ${t('请指定一个 .docx 或 .html 文件', 'name one .docx or .html file')}\n\n${HELP}`);
    return 2;
  }
  const input = positionals[0]!;
  const kind = importKind(input);
  if (!kind) {
    stderr(`nianbao import: ${t(`“${input}”不是 .docx 或 .html 文件`, `“${input}” is not a .docx or .html file`)}\n`);
    return 2;
  }
  const output = values.output ?? join(dirname(input), `${basename(input, extname(input))}.md`);
  const shown = relative(process.cwd(), output) || output;
  if (existsSync(output) && !values.force) {
    stderr(`nianbao import: ${t(`“${shown}”已存在，未写入（加 --force 覆盖）`, `“${shown}” exists and was not written (add --force to overwrite)`)}\n`);
    return 2;
  }
  // The shared reader: a FIFO or a device named as the input must not block; a .docx carries its pictures, hence the larger cap.
  const read = readRegularFileSync(input, IMPORT_MAX_BYTES);
  if (!read.ok) {
    stderr(
      read.refusal.kind === 'unreadable'
        ? `nianbao import: ${t(`无法读取“${input}”`, `cannot read “${input}”`)}（${read.refusal.detail}）\n`
        : `nianbao import: “${input}”${en ? ' ' : ''}${describeRefusal(read.refusal, en ? 'en' : 'zh')}${t('；未写入任何文件', '; nothing was written')}\n`,
    );
    return 2;
  }
  const bytes: Uint8Array = read.data;
  const result = await importDraft(bytes, kind);
  if ('error' in result) {
    stderr(`nianbao import: “${input}”：${en ? result.error.en : result.error.zh}${t('；未写入任何文件', '; nothing was written')}\n`);
    return 2;
  }
  try {
    writeNewFile(output, result.text, values.force);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    stderr(
      code === 'EEXIST'
        ? `nianbao import: ${t(`“${shown}”已存在，未写入（加 --force 覆盖）`, `“${shown}” exists and was not written (add --force to overwrite)`)}\n`
        : `nianbao import: ${t(`无法写入“${shown}”`, `cannot write “${shown}”`)}（${code ?? (error as Error).message}）\n`,
    );
    return 2;
  }
  for (const note of result.notes) stderr(`nianbao import: ${en ? note.en : note.zh}\n`);
  stdout(`${t(`已导入为“${shown}”`, `Imported as “${shown}”`)}\n`);
  return 0;
};
