/**
 * The reviewer's answer as one self-contained HTML page (issue 23), in Chinese by default, for a
 * browser and for paper: a summary table (one row per file of the batch: 单位, 年度, 格式, 文件,
 * 错误, 警告, 状态 — clean files, files not read and files skipped included, with why), then each
 * report with problems: its problems in plain words, one line per cause, where they are in the
 * file's own terms, and its tables that have a problem drawn in the official layout
 * (`formats.tableLayout` through `shell/export-html.ts` `tableHtml`, the export's own drawing)
 * with the cells the problems are about shaded and numbered. No rule ids, no fix jargon, no
 * external resource; print CSS (A4, one report per page, the header rows repeated).
 */
import { formats, localize, say, type Language, type Severity } from '../core/index.js';
import { escapeHtml, HTML_FONT_STACK, tableHtml, type CellMarkHtml } from '../shell/export-html.js';
import type { BatchFile } from './batch.js';
import { placeOf, SEVERITY_WORDS, type Problem } from './output.js';
import { circled, problemMarks, type ProblemMark } from './reviewer-marks.js';
import { answerOrder, fileLabel, formatLabel, stateLine, yearLabel } from './reviewer-rows.js';

const STYLE = `@page { size: A4; margin: 1.6cm 1.4cm; }
html { font-family: ${HTML_FONT_STACK}; font-size: 11pt; line-height: 1.5; color: #000; background: #fff; }
body { max-width: 27cm; margin: 0 auto; padding: 1em; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 0.3em; }
h2 { font-size: 14pt; margin: 1.2em 0 0.4em; }
h3 { font-size: 13pt; margin: 0.6em 0 0.3em; }
h3 small { font-size: 10pt; font-weight: normal; color: #333; }
h4 { font-size: 11pt; margin: 0.8em 0 0.2em; }
p.meta { text-align: center; margin: 0 0 1em; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.8em; font-size: 9pt; line-height: 1.3; }
th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: middle; }
th { font-weight: bold; text-align: center; background: #f2f2f2; }
table.summary td { text-align: left; }
table.summary td.count { text-align: right; font-variant-numeric: tabular-nums; }
table.summary tr.not-read td, table.summary tr.skipped td { color: #555; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.table3, table.table4 { font-size: 8pt; }
td.error { background: #f8c9c4; font-weight: bold; }
td.warning { background: #fde9a9; }
td.info, td.hint { background: #dbe9f7; }
td.blank { background: repeating-linear-gradient(45deg, #fff, #fff 3px, #e4e4e4 3px, #e4e4e4 5px); }
sup { color: #b00; font-weight: bold; margin-left: 1px; }
span.empty { color: #777; font-size: 90%; }
table.summary th, table.summary td.count, table.summary td.nowrap { white-space: nowrap; }
ol.problems { margin: 0.3em 0 0.6em 0; padding: 0; list-style: none; }
ol.problems li { margin: 0.2em 0; display: grid; grid-template-columns: 1.8em 3em 1fr; break-inside: avoid; }
.no { color: #b00; font-weight: bold; }
.sev { font-weight: bold; }
li.error .sev { color: #b00; }
li.warning .sev { color: #8a5a00; }
.where { color: #333; }
.legend { font-size: 9.5pt; color: #333; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { body { max-width: none; padding: 0; } section.unit { break-before: page; page-break-before: always; } a { color: inherit; text-decoration: none; } }
`;

function count(problems: readonly Problem[], severity: Severity): number {
  return problems.filter((p) => p.severity === severity).length;
}

/** The status of a file as the summary says it. */
function status(file: BatchFile, language: Language): string {
  const t = (zh: string, en: string): string => localize(say(zh, en), language);
  let text: string;
  if (file.state !== 'problems') text = stateLine(file, language);
  else if (count(file.problems, 'error') > 0) text = t('有错误，需修改', 'errors: to be corrected');
  else if (count(file.problems, 'warning') > 0) text = t('有警告，请核对', 'warnings: to be checked');
  else text = t('仅有提示', 'notes only');
  if (file.sameUnitAndYear.length > 0) text += t(`；同一单位同一年度另有：${file.sameUnitAndYear.join('、')}`, `; the same unit and year also: ${file.sameUnitAndYear.join(', ')}`);
  return text;
}

/** The heading of a report: its unit and year, else its file. */
function unitName(file: BatchFile, language: Language): string {
  return file.unit !== undefined ? `${file.unit}${file.year !== undefined ? ` ${yearLabel(file, language)}` : ''}` : file.file;
}

function unitSection(file: BatchFile, index: number, language: Language): string {
  const out: string[] = [];
  out.push(`<section class="unit" id="unit-${index + 1}">`);
  out.push(`<h3>${index + 1}. ${escapeHtml(unitName(file, language))} <small>${escapeHtml(fileLabel(file, language))}</small></h3>`);
  out.push('<ol class="problems">');
  for (const [n, problem] of file.problems.entries()) {
    const where = placeOf(problem.findings[0]!, language);
    out.push(
      `<li class="${problem.severity}"><span class="no">${circled(n + 1)}</span><span class="sev">${SEVERITY_WORDS[language][problem.severity]}</span><span><span class="where">${escapeHtml(where)}</span>${language === 'en' ? ': ' : '：'}${escapeHtml(problem.message)}</span></li>`,
    );
  }
  out.push('</ol>');
  const marks = problemMarks(file.problems);
  for (const table of file.tables ?? []) {
    const problemMarksOf = marks.get(table.id);
    if (!problemMarksOf || problemMarksOf.size === 0) continue;
    const toHtml = (m: ProblemMark): CellMarkHtml => ({ className: m.kind, ...(m.note ? { note: m.note } : {}), ...(m.title ? { title: m.title } : {}) });
    const tableMarks = new Map([...problemMarksOf].map(([key, m]): [string, CellMarkHtml] => [key, toHtml(m)]));
    const name = formats.TABLE_NAMES[table.id];
    out.push(`<h4>${escapeHtml(localize(name, language))}${language === 'en' ? ', ' : '，'}${escapeHtml(localize(formats.formatName(table.format), language))}</h4>`);
    out.push(tableHtml(table.id, table.layout, tableMarks));
  }
  out.push('</section>');
  return out.join('\n');
}

/** The answer as the text of one self-contained .html file. */
export function reviewerHtml(files: readonly BatchFile[], language: Language): string {
  const batch = answerOrder(files);
  const t = (zh: string, en: string): string => localize(say(zh, en), language);
  const checked = batch.filter((f) => f.state === 'problems' || f.state === 'clean');
  const withProblems = batch.filter((f) => f.state === 'problems');
  const notRead = batch.filter((f) => f.state === 'not-read');
  const skipped = batch.filter((f) => f.state === 'skipped');
  const title = t('政府信息公开工作年度报告审核意见', 'Review of the annual reports on government information disclosure');
  const body: string[] = [];
  body.push(`<h1>${escapeHtml(title)}</h1>`);
  body.push(
    `<p class="meta">${escapeHtml(
      t(
        `共 ${batch.length} 个文件：已检查 ${checked.length} 个（${withProblems.length} 个有问题，${checked.length - withProblems.length} 个未发现问题）${notRead.length > 0 ? `，${notRead.length} 个未能检查` : ''}${skipped.length > 0 ? `，跳过 ${skipped.length} 个` : ''}。`,
        `${batch.length} file(s): ${checked.length} checked (${withProblems.length} with problems, ${checked.length - withProblems.length} clean)${notRead.length > 0 ? `, ${notRead.length} not checked` : ''}${skipped.length > 0 ? `, ${skipped.length} skipped` : ''}.`,
      ),
    )}</p>`,
  );
  body.push(`<h2>${escapeHtml(t('一、汇总', '1. Summary'))}</h2>`);
  const headers = language === 'en' ? ['No.', 'Unit', 'Year', 'Format', 'File', 'Errors', 'Warnings', 'Status'] : ['序号', '单位', '年度', '格式', '文件', '错误', '警告', '状态'];
  body.push('<table class="summary">', `<thead><tr>${headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`, '<tbody>');
  let section = 0;
  const sectionOf = new Map<BatchFile, number>();
  for (const file of withProblems) sectionOf.set(file, section++);
  batch.forEach((file, i) => {
    const checkedFile = file.state === 'problems' || file.state === 'clean';
    const unit = escapeHtml(file.unit ?? '');
    const linked = sectionOf.has(file) ? `<a href="#unit-${sectionOf.get(file)! + 1}">${unit || escapeHtml(file.file)}</a>` : unit;
    const cells = [
      String(i + 1),
      linked,
      escapeHtml(yearLabel(file, language)),
      escapeHtml(formatLabel(file, language)),
      escapeHtml(fileLabel(file, language)),
      checkedFile ? String(count(file.problems, 'error')) : '',
      checkedFile ? String(count(file.problems, 'warning')) : '',
      escapeHtml(status(file, language)),
    ];
    const classes = ['count', '', 'nowrap', 'nowrap', '', 'count', 'count', ''];
    body.push(`<tr class="${file.state}">${cells.map((c, j) => `<td${classes[j] ? ` class="${classes[j]}"` : ''}>${c}</td>`).join('')}</tr>`);
  });
  body.push('</tbody>', '</table>');
  body.push(
    `<p class="legend">${escapeHtml(
      t(
        '错误：与规定的格式或表格的勾稽关系不符，须改正；警告：很可能有误，请核对；提示、建议：供参考。表格中红色为错误所在的格，黄色为警告，斜线为未填写的格，上标数字为问题的序号。',
        'Error: against the official format or the tables’ relations, to be corrected; warning: probably wrong, to be checked; notes: for reference. In the tables, red cells hold errors, yellow warnings, hatched cells are blank; the small numbers are the problems’ numbers.',
      ),
    )}</p>`,
  );
  if (withProblems.length > 0) {
    body.push(`<h2>${escapeHtml(t('二、各单位报告的问题', '2. The problems of each report'))}</h2>`);
    withProblems.forEach((file, i) => body.push(unitSection(file, i, language)));
  }
  return ['<!DOCTYPE html>', `<html lang="${language === 'en' ? 'en' : 'zh-CN'}">`, '<head>', '<meta charset="utf-8">', `<title>${escapeHtml(title)}</title>`, `<style>\n${STYLE}</style>`, '</head>', '<body>', ...body, '</body>', '</html>', ''].join('\n');
}
