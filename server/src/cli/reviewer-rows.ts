/**
 * The reviewer's answer as rows (issue 23), shared by the CSV and the Excel file: one row per
 * problem (one line per cause, `batch.ts` `problems`) with the unit, year, file, the position in
 * the file's own terms, the severity in words and the message; a file checked clean, not read or
 * skipped is one row saying so, so every file of the batch is listed. No rule ids, no fix jargon.
 */
import { formats, localize, say, type Language } from '../core/index.js';
import { formName, type BatchFile } from './batch.js';
import { placeOf, SEVERITY_WORDS } from './output.js';

/** The columns, in order. */
export function reviewerHeader(language: Language): string[] {
  return language === 'en'
    ? ['Unit', 'Year', 'Format', 'File', 'Position', 'Severity', 'Problem']
    : ['单位', '年度', '格式', '文件', '位置', '级别', '问题'];
}

/** A file as the answer names it: its name, and its form when it is no Markdown draft. */
export function fileLabel(file: BatchFile, language: Language): string {
  if (!file.form || file.form === 'markdown') return file.file;
  return language === 'en' ? `${file.file} (${formName(file.form, language)})` : `${file.file}（${formName(file.form, language)}）`;
}

/** The year as the answer shows it. */
export function yearLabel(file: BatchFile, language: Language): string {
  return file.year === undefined ? '' : language === 'en' ? String(file.year) : `${file.year}年度`;
}

/** The format as the answer shows it. */
export function formatLabel(file: BatchFile, language: Language): string {
  return file.format === undefined ? '' : localize(formats.formatName(file.format), language);
}

/** What became of a file that has no problem to list: clean, not read, skipped. */
export function stateLine(file: BatchFile, language: Language): string {
  if (file.state === 'clean' && file.hidden) return localize(say(`未发现错误（另有 ${file.hidden} 个警告或提示未列出）`, `no errors found (${file.hidden} warning(s) or note(s) not listed)`), language);
  if (file.state === 'clean') return localize(say('未发现问题', 'no problems found'), language);
  if (file.state === 'not-read') return localize(say(`未能检查：${localize(file.reason ?? say('无法读取', 'cannot be read'), 'zh')}`, `not checked: ${localize(file.reason ?? say('无法读取', 'cannot be read'), 'en')}`), language);
  if (file.state === 'skipped') return localize(say(`跳过：${localize(file.reason ?? say('不是年度报告', 'not an annual report'), 'zh')}`, `skipped: ${localize(file.reason ?? say('不是年度报告', 'not an annual report'), 'en')}`), language);
  return '';
}

const STATE_ORDER: Readonly<Record<BatchFile['state'], number>> = { problems: 0, clean: 0, 'not-read': 1, skipped: 2 };

/** The files in the answer's order: those checked (as given), then those not read, then those skipped. */
export function answerOrder(batch: readonly BatchFile[]): BatchFile[] {
  return batch.map((file, i) => ({ file, i })).sort((a, b) => STATE_ORDER[a.file.state] - STATE_ORDER[b.file.state] || a.i - b.i).map((x) => x.file);
}

/** Every row of the answer, the header first. */
export function reviewerRows(files: readonly BatchFile[], language: Language): string[][] {
  const batch = answerOrder(files);
  const rows: string[][] = [reviewerHeader(language)];
  for (const file of batch) {
    const head = [file.unit ?? '', yearLabel(file, language), formatLabel(file, language), fileLabel(file, language)];
    if (file.problems.length === 0) {
      rows.push([...head, '', '', stateLine(file, language)]);
      continue;
    }
    for (const problem of file.problems) {
      rows.push([...head, placeOf(problem.findings[0]!, language), SEVERITY_WORDS[language][problem.severity], problem.message]);
    }
  }
  return rows;
}
