/**
 * What `nianbao import` and `nianbao next` share: one input file with `-o`, `--force`,
 * `--locale` and `--help`, and a new draft written where no file is, unless `--force`.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { localize, say, type Language } from '../core/index.js';
import { describeWriteError, WriteRefusal, writeNewFile } from './atomic-write.js';
import type { CommandIo } from './command.js';

/** The arguments of a command that makes a new draft from one input file. */
export interface DraftArgs {
  readonly input: string;
  /** Every input named (`import` takes several; the others one, `input`). */
  readonly inputs: readonly string[];
  /** `-o`, if given. */
  readonly output: string | undefined;
  readonly force: boolean;
  /** The language of messages (`--locale`). */
  readonly language: Language;
}

/**
 * Parses the arguments of `nianbao <command>`; a number is the exit status when the command is
 * done already (its help printed, or a usage error with `missing` when not one input is named).
 */
export function parseDraftArgs(
  argv: readonly string[],
  io: CommandIo,
  command: string,
  help: string,
  missing: { readonly zh: string; readonly en: string },
  several = false,
): DraftArgs | number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false }, locale: { type: 'string', default: 'zh-CN' }, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    io.stderr(`nianbao ${command}: ${(error as Error).message}\n\n${help}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(help);
    return 0;
  }
  const language: Language = String(values.locale).toLowerCase() === 'en' ? 'en' : 'zh';
  if (positionals.length === 0 || (positionals.length > 1 && !several)) {
    io.stderr(`nianbao ${command}: ${localize(missing, language)}\n\n${help}`);
    return 2;
  }
  return { input: positionals[0]!, inputs: positionals, output: values.output, force: values.force, language };
}

/** `output` as the messages show it: relative to the working directory. */
export function shownPath(output: string): string {
  return relative(process.cwd(), output) || output;
}

function existsMessage(args: DraftArgs, command: string, shown: string): string {
  return `nianbao ${command}: ${localize(say(`“${shown}”已存在，未写入（加 --force 覆盖）`, `“${shown}” exists and was not written (add --force to overwrite)`), args.language)}\n`;
}

/** The exit status when `output` exists and `--force` was not given (said on standard error), else undefined. */
export function refuseExisting(args: DraftArgs, io: CommandIo, command: string, output: string): number | undefined {
  if (!existsSync(output) || args.force) return undefined;
  io.stderr(existsMessage(args, command, shownPath(output)));
  return 2;
}

/** Writes the new draft; the exit status of a failure (said on standard error), else undefined. */
export function writeDraft(args: DraftArgs, io: CommandIo, command: string, output: string, data: Uint8Array | string): number | undefined {
  try {
    // A link at the default output path was not named: never written through, even with --force (issue 18).
    writeNewFile(output, data, args.force, { followLinks: args.output !== undefined });
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const shown = shownPath(output);
    io.stderr(
      code === 'EEXIST'
        ? existsMessage(args, command, shown)
        : error instanceof WriteRefusal && error.kind === 'symlink'
          ? `nianbao ${command}: ${localize(say(`“${shown}”是符号链接，未写入（默认输出不写入链接指向的文件；要写入它，请用 -o 指定）`, `“${shown}” is a symbolic link and was not written (the default output is never written through a link; name it with -o to write it)`), args.language)}\n`
          : `nianbao ${command}: ${localize(say(`无法写入“${shown}”`, `cannot write “${shown}”`), args.language)}（${code ?? describeWriteError(error, args.language)}）\n`,
    );
    return 2;
  }
}
