/**
 * `nianbao next <last-year.md> [-o out.md] [--force]`: next year's draft from last year's report
 * (core/next-year.ts). The input is read with the shared decoder (UTF-8, UTF-16 with BOM,
 * GB18030); the draft is written as UTF-8.
 *
 * Where it writes: `-o` names the file (`-o -` writes to stdout). By default the draft goes
 * beside the input, named after the new year: the last occurrence of last year in the file name
 * becomes the new year (`luhu-2020.md` → `luhu-2021.md`); a name without it gets `-<year>`
 * (`report.md` → `report-2021.md`). The write is atomic and never over an existing file
 * without `--force` (atomic-write.ts `writeNewFile`). On bad input (no file, not text, no
 * report year, bad arguments) nothing is written and the exit status is 2.
 */
import { basename, dirname, extname, join } from 'node:path';
import { buildReport, localize, nextYearDraft, say } from '../core/index.js';
import { encodeText } from '../shell/encoding.js';
import { dataForStdout } from '../shell/terminal-text.js';
import { describeRefusal } from '../shell/read-regular-file.js';
import { readText } from './files.js';
import { parseDraftArgs, refuseExisting, shownPath, writeDraft } from './new-draft.js';
import type { Command } from './command.js';

const HELP = `用法 / Usage:
  nianbao next <上年报告.md> [-o 输出.md] [--force]

由上年报告生成本年度草稿：标题和统计期限改为下一年，六个部分用标准标题，表格用该年度要求的格式，
表三“二、上年结转”取上年“四、结转下年度继续办理”，其余数字留空；上年正文以引用块保留并标注，供改写。
Makes next year's draft from last year's report: title and 统计期限 moved on a year, standard
headings, tables in the format that year requires, 表三 二、上年结转 from last year's
四、结转下年度继续办理, every other figure blank; last year's text kept as marked quotes.

选项 / Options:
  -o, --output 文件   输出文件（默认在输入旁，文件名中的年份改为新年度；“-”为标准输出）
                      output file (default: beside the input, the year in its name moved on; "-" for stdout)
  --force             覆盖已有的输出文件 / overwrite an existing output file
  --locale zh-CN|en   信息语言 / message language
`;

/** The default output path: beside the input, named with the new year. */
export function defaultNextPath(input: string, lastYear: number, newYear: number): string {
  const extension = extname(input) || '.md';
  const name = basename(input, extname(input));
  const at = name.lastIndexOf(String(lastYear));
  const stem = at >= 0 && !/\d/.test(name[at - 1] ?? '') && !/\d/.test(name[at + 4] ?? '') ? name.slice(0, at) + String(newYear) + name.slice(at + 4) : `${name}-${newYear}`;
  return join(dirname(input), stem + extension);
}

/** The next command. */
export const nextCommand: Command = async (argv, io) => {
  const args = parseDraftArgs(argv, io, 'next', HELP, { zh: '请指定一个上年报告（.md 文件）', en: 'name one report of last year (a .md file)' });
  if (typeof args === 'number') return args;
  const { input, language } = args;
  const read = readText(input);
  if (!read.ok) {
    const why =
      read.reason === 'not-text'
        ? localize(say('不是 UTF-8、UTF-16 或 GB18030 文本', ' is not UTF-8, UTF-16 or GB18030 text'), language)
        : read.refusal
          ? (language === 'en' ? ' ' : '') + describeRefusal(read.refusal, language)
          : localize(say(`无法读取（${read.detail ?? ''}）`, ` cannot be read (${read.detail ?? ''})`), language);
    io.stderr(`nianbao next: “${input}”${why}${localize(say('；未写入任何文件', '; nothing was written'), language)}\n`);
    return 2;
  }
  const report = buildReport(read.text);
  const draft = nextYearDraft(report);
  if ('error' in draft) {
    io.stderr(`nianbao next: “${input}”：${localize(draft.error, language)}${localize(say('；未写入任何文件', '; nothing was written'), language)}\n`);
    return 2;
  }
  if (args.output === '-') {
    io.stdout(dataForStdout(draft.text));
    return 0;
  }
  const output = args.output ?? defaultNextPath(input, draft.year - 1, draft.year);
  const failed = refuseExisting(args, io, 'next', output) ?? writeDraft(args, io, 'next', output, encodeText(draft.text, { encoding: 'utf-8', bom: false }));
  if (failed !== undefined) return failed;
  const shown = shownPath(output);
  io.stdout(`${localize(say(`已生成 ${draft.year} 年度草稿“${shown}”（${draft.format}版格式）`, `Wrote the ${draft.year} draft “${shown}” (the ${draft.format} format)`), language)}\n`);
  return 0;
};
