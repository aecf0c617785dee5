/**
 * Checks a list of files (the CLI's unit of work, in the main thread or in a worker): reads them,
 * skips Markdown files that are not annual reports unless named explicitly, applies safe fixes
 * with --fix, and checks each against the previous year's report of the same body among them.
 */
import { chmodSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { buildReport, checkReport, fixAll, previousReports, type Report } from '../core/index.js';
import { readText, type Target } from './files.js';
import { toJson, type JsonFinding, type Locale } from './output.js';
import { LineIndex } from '../core/index.js';

/** What to do with each file. */
export interface CheckFilesOptions {
  readonly fix: boolean;
  readonly locale: Locale;
}

/** A file to check and how to name it. */
export interface FileTask extends Target {
  readonly display: string;
}

/** The outcome for one file. */
export interface FileOutcome {
  readonly display: string;
  readonly state: 'checked' | 'skipped' | 'failed';
  readonly findings: readonly JsonFinding[];
  /** Fixes applied by --fix. */
  readonly fixed: number;
  /** Messages for standard error (a file that cannot be read or written, a rule that failed). */
  readonly errors: readonly string[];
}

function t(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

/** Writes a file by renaming a complete temporary copy over it, so a failed write never truncates it. */
function writeAtomically(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.nianbao-${process.pid}.tmp`);
  const mode = statSync(path).mode;
  writeFileSync(temporary, text, 'utf8');
  chmodSync(temporary, mode);
  renameSync(temporary, path);
}

/** Checks the files; the outcomes are in the same order. */
export function checkFiles(tasks: readonly FileTask[], options: CheckFilesOptions): FileOutcome[] {
  const { locale } = options;
  interface Loaded {
    readonly index: number;
    readonly task: FileTask;
    readonly bom: boolean;
    text: string;
    report: Report;
    fixed: number;
    errors: string[];
  }
  const outcomes: (FileOutcome | undefined)[] = new Array(tasks.length);
  const loaded: Loaded[] = [];
  tasks.forEach((task, index) => {
    const read = readText(task.path);
    if (!read.ok) {
      outcomes[index] = {
        display: task.display,
        state: 'failed',
        findings: [],
        fixed: 0,
        errors: [
          read.reason === 'not-utf8'
            ? t(locale, `nianbao: “${task.display}”不是 UTF-8 编码的文本，未检查（请另存为 UTF-8 后再检查）`, `nianbao: “${task.display}” is not UTF-8 text and was not checked (save it as UTF-8)`)
            : t(locale, `nianbao: 无法读取“${task.display}”（${read.detail ?? ''}），未检查`, `nianbao: cannot read “${task.display}” (${read.detail ?? ''}); not checked`),
        ],
      };
      return;
    }
    const report = buildReport(read.text);
    if (!task.explicit && !report.isAnnualReport) {
      outcomes[index] = { display: task.display, state: 'skipped', findings: [], fixed: 0, errors: [] };
      return;
    }
    loaded.push({ index, task, bom: read.bom, text: read.text, report, fixed: 0, errors: [] });
  });
  if (options.fix) {
    for (const file of loaded) {
      const result = fixAll(file.text);
      if (result.text === file.text) continue;
      try {
        writeAtomically(file.task.path, (file.bom ? '\ufeff' : '') + result.text);
        file.fixed = result.applied;
        file.text = result.text;
        file.report = buildReport(result.text);
      } catch (error) {
        file.errors.push(t(locale, `nianbao: 无法写入“${file.task.display}”（${(error as Error).message}），文件未改动`, `nianbao: cannot write “${file.task.display}” (${(error as Error).message}); the file is unchanged`));
      }
    }
  }
  const previous = previousReports(loaded.map((file) => ({ file: file.task.display, report: file.report })));
  loaded.forEach((file, i) => {
    const before = previous[i];
    const { findings, failures } = checkReport(file.report, before ? { others: [before] } : {});
    for (const failure of failures) {
      file.errors.push(t(locale, `nianbao: 规则 ${failure.rule} 在检查“${file.task.display}”时出错：${String(failure.error)}`, `nianbao: rule ${failure.rule} failed on “${file.task.display}”: ${String(failure.error)}`));
    }
    const lines = new LineIndex(file.text);
    outcomes[file.index] = {
      display: file.task.display,
      state: file.errors.some((e) => e.includes('无法写入') || e.includes('cannot write')) ? 'failed' : 'checked',
      findings: findings.map((f) => toJson(file.task.display, lines, f, locale)),
      fixed: file.fixed,
      errors: file.errors,
    };
  });
  return outcomes.map((o) => o!);
}
