/**
 * Next year's draft from last year's report (issue 11, item 3): a new draft for the following
 * year in the format that year requires (formats.md §1.3), built from last year's model.
 *
 * - Title: the year in the title + 1. The 统计期限 sentence: both years + 1; without one, the
 *   standard preamble of the skeleton (which also cites the right notice).
 * - The six standard `##` headings in official order, and the three standard tables in the new
 *   year's format, rendered from the format data (`renderSkeleton`): every figure blank (blank is
 *   not zero, formats.md §11) except 表三 二、上年结转, which takes last year's
 *   四、结转下年度继续办理 column by column, only where that cell held a number (§6.4: the
 *   carryover relation then holds by construction). A 2019-format report becomes 2021-format
 *   tables when the new year needs them (§7); nothing else is converted, as no figure is kept.
 * - 表二 现行有效件数 is left blank; an HTML comment after the table gives last year's figure per
 *   row, for the author to add 本年制发 and subtract 本年废止 (valid-count-chain, §6.4).
 * - Last year's prose is kept as a starting point, quoted: every run of last year's blocks in a
 *   section (or in the preamble) becomes one Markdown blockquote whose first line is
 *   {@link PREVIOUS_YEAR_MARK}. A blockquote, not a comment before each paragraph, because the
 *   checker reads only top-level paragraphs and headings as prose and as heading candidates: last
 *   year's figures and years inside the quote are not compared with this year's blank tables or
 *   year, a sub-heading that repeats a section's name cannot be taken for a section, and yet the
 *   section is not empty (empty-section). The mark is visible in the preview too. The paragraph
 *   holding the 统计期限 sentence stays unquoted, with its years moved on, so the year is read.
 * - A citation of another format's notice (国办公开办函〔2019〕60号) becomes the citation of the
 *   format the new year requires (FORMAT_NOTICES), in the kept text as well.
 *
 * Pure: no node:*, no editor.
 */
import { TABLE_NAMES } from './formats/elements.js';
import { SECTIONS, standardHeading } from './formats/sections.js';
import { FORMAT_NOTICES, formatName, REPORT_YEARS, requiredFormat } from './formats/versions.js';
import { renderSkeleton, type CellText } from './formats/template.js';
import type { FormatId } from './formats/types.js';
import type { Block } from './model/blocks.js';
import type { Report } from './model/report.js';
import { cellKey } from './model/tables/types.js';
import { elementName } from './formats/wording.js';
import { say, type LocalizedText } from './findings.js';
import type { TextRange } from './text/lines.js';

/** The first line of every quote of last year's text. */
export const PREVIOUS_YEAR_MARK = '〔上年内容，请按本年度情况改写〕';

/** The draft, or why there is none. */
export type NextYearResult = { readonly text: string; readonly year: number; readonly format: FormatId } | { readonly error: LocalizedText };

/** 表三's rows and column 二、上年结转 takes from 四、结转下年度继续办理 (formats/table3.ts keys). */
const CARRIED_ROW = 'carried';
const NEXT_ROW = 'next';
/** 表二 第二十条第（一）项: its rows and the 现行有效件数 column (formats/table2.ts keys). */
const VALID_ROWS = ['i1.regulation', 'i1.normative'] as const;
const VALID_COLUMN = 'i1.valid';
/** 2019 对外公开总数量: not 现行有效件数 (formats.md §6.4), named in the note so it is not taken for it. */
const PUBLIC_TOTAL_COLUMN = 'i1.publicTotal';

// A year is four digits with no digit on either side (issue 13): 202020年 is no year to move on.
const YEAR = /(?<![\d０-９])((?:19|20)\d{2})(?![\d０-９])(\s*年)/g;

function overlaps(a: TextRange, b: TextRange): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Every year written as 「2020年」 in a piece of text, + 1. */
function nextYears(text: string): string {
  return text.replace(YEAR, (_, year: string, rest: string) => `${Number(year) + 1}${rest}`);
}

/** Citations of the other format's notice → the notice of `format` (as format-citation fixes them). */
function citeFormat(text: string, format: FormatId): string {
  const right = FORMAT_NOTICES[format];
  let out = text;
  for (const notice of Object.values(FORMAT_NOTICES)) {
    if (notice.format === format) continue;
    const pattern = new RegExp(`(国办公开办函\\s*)?[〔[［（(【]\\s*${notice.year}\\s*[〕\\]］）)】]\\s*${notice.number}\\s*号`, 'g');
    out = out.replace(pattern, (_, prefix: string | undefined) => (prefix ? right.citation : right.citation.replace(/^国办公开办函/, '')));
  }
  return out;
}

/**
 * A quote this function wrote last year and the author left as it was: its text without the
 * quote and the mark, so a draft made from a draft is not quoted twice.
 */
function unquoted(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[0]?.trim() !== `> ${PREVIOUS_YEAR_MARK}`) return text;
  const body = lines.slice(1).map((l) => l.replace(/^>[ ]?/, ''));
  while (body[0]?.trim() === '') body.shift();
  return body.join('\n');
}

/** Lines of a Markdown blockquote of last year's blocks, led by the mark. */
function quote(texts: readonly string[]): string[] {
  const lines = ['> ' + PREVIOUS_YEAR_MARK];
  for (const text of texts.map(unquoted)) {
    lines.push('>');
    for (const line of text.split(/\r\n|\r|\n/)) lines.push(line.trim() === '' ? '>' : `> ${line}`);
  }
  return lines;
}

/** Whether a block is last year's prose: not a table, not a comment, not the title. */
function isProse(report: Report, block: Block): boolean {
  if (block.type === 'table' || block.grid) return false;
  if (Object.values(report.tables).some((t) => t && overlaps(t.range, block.range))) return false;
  if (report.title && overlaps(report.title.range, block.range)) return false;
  const text = report.text.slice(block.range.start, block.range.end);
  if (block.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(text)) return false;
  return text.trim() !== '';
}

/** 表二: last year's 现行有效件数 per row, as an HTML comment for the author. */
function validCountNote(report: Report, format: FormatId): string[] {
  if (format !== '2021') return [];
  const column = elementName('table2', VALID_COLUMN, format);
  const table = report.tables.table2;
  const howToFill = `本年请按上年件数 + ${elementName('table2', 'i1.issued', format)} − ${elementName('table2', 'i1.repealed', format)}核实后填写。`;
  const lastFormat = report.year.year === undefined ? undefined : requiredFormat(report.year.year);
  const hasColumn = table !== undefined && (table.present.has(VALID_COLUMN) || [...table.cells.values()].some((c) => c.column === VALID_COLUMN));
  if (!table) return [`<!-- 上年报告没有可读的${TABLE_NAMES.table2.zh}，无上年“${column}”可参考。${howToFill} -->`];
  if (!hasColumn) {
    const why =
      lastFormat === '2019' || table.usedFormat === '2019'
        ? `上年报告为${formatName('2019').zh}，没有“${column}”一栏（“${elementName('table2', PUBLIC_TOTAL_COLUMN, '2019')}”不是${column}）`
        : `上年报告的${TABLE_NAMES.table2.zh}没有“${column}”一栏`;
    return [`<!-- ${why}，请按实际现行有效的件数填写。 -->`];
  }
  const parts = VALID_ROWS.map((row) => {
    const cell = table?.cells.get(cellKey(row, VALID_COLUMN));
    const figure = cell && cell.value.type === 'number' ? cell.value.text : '未填写';
    return `${elementName('table2', row, format)} ${figure}`;
  });
  return [`<!-- 上年“${column}”：${parts.join('；')}。${howToFill} -->`];
}

/** Next year's draft from last year's report. */
export function nextYearDraft(report: Report): NextYearResult {
  const year = report.year.year;
  if (year === undefined) {
    return { error: say('无法读出报告年度（标题、统计期限和正文都没有写明年份），不能生成下一年度草稿', 'The report year cannot be read (neither the title, the 统计期限 nor the text names it), so no draft for the next year can be made') };
  }
  const newYear = year + 1;
  if (year < REPORT_YEARS.first || newYear > REPORT_YEARS.last) {
    return {
      error: say(
        `报告年度读作 ${year} 年，下一年度 ${newYear} 年不在 ${REPORT_YEARS.first + 1}—${REPORT_YEARS.last} 年之间（《条例》自 ${REPORT_YEARS.first} 年施行），不能生成下一年度草稿；请检查标题和统计期限中的年份`,
        `The report year reads as ${year}: the next year, ${newYear}, is not between ${REPORT_YEARS.first + 1} and ${REPORT_YEARS.last} (the Regulations took effect in ${REPORT_YEARS.first}), so no draft is made; check the year in the title and the 统计期限`,
      ),
    };
  }
  const format = requiredFormat(newYear);
  const eol = report.eol;
  const text = report.text;
  const slice = (r: TextRange): string => citeFormat(text.slice(r.start, r.end), format);

  const table3 = report.tables.table3;
  const cell: CellText = (row, column) => {
    if (row !== CARRIED_ROW) return undefined;
    const before = table3?.cells.get(cellKey(NEXT_ROW, column));
    return before && before.value.type === 'number' ? before.value.text : undefined;
  };
  const skeleton = renderSkeleton({ year: newYear, body: '', format, cell });

  // Title.
  const out: string[] = [];
  if (report.title) {
    let done = false;
    const title = report.title.text.replace(YEAR, (m, y: string, rest: string) => {
      if (done) return m;
      done = true;
      return `${Number(y) + 1}${rest}`;
    });
    out.push(`# ${title}`);
  } else {
    out.push(skeleton[0]!);
  }

  // Preamble: everything before the first section.
  const sections = report.sections.sections;
  const firstSection = sections.length ? Math.min(...sections.map((s) => s.range.start)) : text.length;
  const blocks = report.blocks.blocks.filter((b) => isProse(report, b));
  const period = report.year.period;
  let run: string[] = [];
  const flush = (): void => {
    if (run.length) out.push('', ...quote(run));
    run = [];
  };
  let periodWritten = false;
  for (const block of blocks.filter((b) => b.range.end <= firstSection)) {
    if (period && overlaps(block.range, period.range)) {
      flush();
      const before = slice({ start: block.range.start, end: period.range.start });
      const sentence = nextYears(slice(period.range));
      const after = slice({ start: period.range.end, end: block.range.end });
      out.push('', before + sentence + after);
      periodWritten = true;
    } else {
      run.push(slice(block.range));
    }
  }
  flush();
  // The skeleton's preamble (citation and 统计期限) when last year's had no period sentence.
  if (!periodWritten) out.push('', skeleton[2]!);

  // The six sections: standard heading, last year's text quoted, the table of the new format.
  const headings = SECTIONS.map((s) => `## ${standardHeading(s)}`);
  const placeholder = skeleton[skeleton.indexOf(headings[0]!) + 2]!;
  for (const [i, def] of SECTIONS.entries()) {
    const start = skeleton.indexOf(headings[i]!);
    const end = i + 1 < headings.length ? skeleton.indexOf(headings[i + 1]!) : skeleton.length;
    const content = skeleton.slice(start + 2, end).filter((l, k, all) => !(l === '' && k === all.length - 1));
    const section = sections.find((s) => s.def.index === def.index);
    const body = section ? blocks.filter((b) => b.range.start >= section.heading.range.end && b.range.end <= section.range.end) : [];
    const table = def.table ? report.tables[def.table] : undefined;
    const tableStart = table && section && overlaps(table.range, section.range) ? table.range.start : Number.POSITIVE_INFINITY;
    const before = body.filter((b) => b.range.start < tableStart).map((b) => slice(b.range));
    const after = body.filter((b) => b.range.start >= tableStart).map((b) => slice(b.range));
    out.push('', headings[i]!);
    if (before.length) out.push('', ...quote(before));
    const own = def.table ? content : content.filter((l) => !(l === placeholder && before.length + after.length > 0));
    if (own.length) out.push('', ...own);
    if (def.table === 'table2') {
      const note = validCountNote(report, format);
      if (note.length) out.push('', ...note);
    }
    if (after.length) out.push('', ...quote(after));
  }
  out.push('');
  return { text: out.join(eol), year: newYear, format };
}
