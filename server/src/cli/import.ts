/**
 * `nianbao import <file.docx|file.html> [-o out.md] [--force]`: a Word draft or a saved web page
 * as a canonical Markdown draft. Writes a new file (beside the input, same name, `.md`, unless
 * `-o` says otherwise), never over an existing one without `--force`; on any failure nothing is
 * written and the exit status is 2.
 */
import { basename, dirname, extname, join } from 'node:path';
import { localize, say } from '../core/index.js';
import { importDraft, importKind } from '../shell/import-draft.js';
import { describeRefusal, readRegularFileSync } from '../shell/read-regular-file.js';
import { parseDraftArgs, refuseExisting, shownPath, writeDraft } from './new-draft.js';
import type { Command } from './command.js';

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
export const importCommand: Command = async (argv, io) => {
  const args = parseDraftArgs(argv, io, 'import', HELP, { zh: '请指定一个 .docx 或 .html 文件', en: 'name one .docx or .html file' });
  if (typeof args === 'number') return args;
  const { input, language } = args;
  const kind = importKind(input);
  if (!kind) {
    io.stderr(`nianbao import: ${localize(say(`“${input}”不是 .docx 或 .html 文件`, `“${input}” is not a .docx or .html file`), language)}\n`);
    return 2;
  }
  const output = args.output ?? join(dirname(input), `${basename(input, extname(input))}.md`);
  const existing = refuseExisting(args, io, 'import', output);
  if (existing !== undefined) return existing;
  // The shared reader: a FIFO or a device named as the input must not block; a .docx carries its pictures, hence the larger cap.
  const read = readRegularFileSync(input, IMPORT_MAX_BYTES);
  if (!read.ok) {
    io.stderr(
      read.refusal.kind === 'unreadable'
        ? `nianbao import: ${localize(say(`无法读取“${input}”`, `cannot read “${input}”`), language)}（${read.refusal.detail}）\n`
        : `nianbao import: “${input}”${language === 'en' ? ' ' : ''}${describeRefusal(read.refusal, language)}${localize(say('；未写入任何文件', '; nothing was written'), language)}\n`,
    );
    return 2;
  }
  const bytes: Uint8Array = read.data;
  const result = await importDraft(bytes, kind);
  if ('error' in result) {
    io.stderr(`nianbao import: “${input}”：${localize(result.error, language)}${localize(say('；未写入任何文件', '; nothing was written'), language)}\n`);
    return 2;
  }
  const failed = writeDraft(args, io, 'import', output, result.text);
  if (failed !== undefined) return failed;
  for (const note of result.notes) io.stderr(`nianbao import: ${localize(note, language)}\n`);
  const shown = shownPath(output);
  io.stdout(`${localize(say(`已导入为“${shown}”`, `Imported as “${shown}”`), language)}\n`);
  return 0;
};
