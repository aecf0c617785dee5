/**
 * `nianbao import <file.docx|file.html|file.pdf>… [-o out.md|dir] [--force]`: Word drafts, saved web
 * pages or PDFs as canonical Markdown drafts, several at once. Writes a new file (beside the input, same name, `.md`, unless
 * `-o` says otherwise), never over an existing one without `--force`; on any failure nothing is
 * written and the exit status is 2.
 */
import { statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { localize, say } from '../core/index.js';
import { importDraft, importKind } from '../shell/import-draft.js';
import { describeRefusal, readRegularFileSync } from '../shell/read-regular-file.js';
import { readSource } from '../shell/read-source.js';
import { parseDraftArgs, refuseExisting, shownPath, writeDraft, type DraftArgs } from './new-draft.js';
import type { Command, CommandIo } from './command.js';

const HELP = `用法 / Usage:
  nianbao import <文件.docx|文件.html|文件.pdf>… [-o 输出.md|输出目录] [--force]

把 Word 草稿（.docx）、保存的网页（.html）或文字版 PDF 转换为标准 Markdown 草稿：标题和各部分标题、正文照原文、统计表为标准 Markdown 表格（只有原表有的行和单元格）。可以一次导入多个文件，每个写到同名的 .md。
Turns Word drafts (.docx), saved web pages (.html) or PDFs with text into canonical Markdown drafts; several files at once, each to its own .md.

选项 / Options:
  -o, --output 文件   输出文件（一个输入时；默认与输入同名，扩展名 .md）；多个输入时为已有的输出目录
                      output file (one input; default: the input's name with .md); with several inputs, an existing directory
  --force             覆盖已有的输出文件 / overwrite existing output files
  --locale zh-CN|en   信息语言 / message language
`;

/** Inputs above this size are not read: a .docx with its pictures, far above any real draft. */
const IMPORT_MAX_BYTES = 64 * 1024 * 1024;

/** Imports one file; its exit status (0 or 2), said on standard error and output. */
async function importOne(args: DraftArgs, input: string, output: string, io: CommandIo): Promise<number> {
  const { language } = args;
  const kind = importKind(input);
  if (!kind) {
    io.stderr(`nianbao import: ${localize(say(`“${input}”不是 .docx、.html 或 .pdf 文件`, `“${input}” is not a .docx, .html or .pdf file`), language)}\n`);
    return 2;
  }
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
  const result = await importDraft(read.data, kind, readSource);
  if ('error' in result) {
    io.stderr(`nianbao import: “${input}”：${localize(result.error, language)}${localize(say('；未写入任何文件', '; nothing was written'), language)}\n`);
    return 2;
  }
  const failed = writeDraft(args, io, 'import', output, result.text);
  if (failed !== undefined) return failed;
  for (const note of result.notes) io.stderr(`nianbao import: ${inputs(args) > 1 ? `“${input}”：` : ''}${localize(note, language)}\n`);
  const shown = shownPath(output);
  io.stdout(`${localize(say(`已导入为“${shown}”`, `Imported as “${shown}”`), language)}\n`);
  return 0;
}

function inputs(args: DraftArgs): number {
  return args.inputs.length;
}

/** The import command: each file in turn; 2 when any could not be imported (the others still are). */
export const importCommand: Command = async (argv, io) => {
  const args = parseDraftArgs(argv, io, 'import', HELP, { zh: '请指定要导入的 .docx、.html 或 .pdf 文件', en: 'name the .docx, .html or .pdf files to import' }, true);
  if (typeof args === 'number') return args;
  const several = args.inputs.length > 1;
  if (several && args.output !== undefined && !isDirectory(args.output)) {
    io.stderr(`nianbao import: ${localize(say(`导入多个文件时，-o 应为已有的目录（“${args.output}”不是）`, `with several files, -o names an existing directory (“${args.output}” is none)`), args.language)}\n`);
    return 2;
  }
  const targets = new Map<string, string>();
  let status = 0;
  for (const input of args.inputs) {
    const name = `${basename(input, extname(input))}.md`;
    const output = several ? join(args.output ?? dirname(input), name) : (args.output ?? join(dirname(input), name));
    // Two inputs of one name (a.docx and a.pdf) would write one file: the second is refused.
    const earlier = targets.get(resolve(output));
    if (earlier !== undefined) {
      io.stderr(`nianbao import: ${localize(say(`“${input}”与“${earlier}”会写到同一个文件“${shownPath(output)}”，未导入（请分别用 -o 指定）`, `“${input}” and “${earlier}” would both be written to “${shownPath(output)}”; not imported (name each with -o)`), args.language)}\n`);
      status = 2;
      continue;
    }
    targets.set(resolve(output), input);
    if ((await importOne(args, input, output, io)) !== 0) status = 2;
  }
  return status;
};

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
