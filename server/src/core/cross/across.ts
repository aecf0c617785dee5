/**
 * Checks across reports: a report and the previous year's report of the same body (rules.md
 * "Across reports": carryover, valid-count-chain). The caller supplies the other reports it
 * can see — the files given to the CLI, or the workspace in the editor.
 */
import { numericValue } from '../model/cell-value.js';
import type { Report } from '../model/report.js';
import { cellKey, type ObservedCell, type ObservedTable } from '../model/tables/types.js';
import { describeColumn, displayFormat, elementName, formatNumber } from '../formats/wording.js';
import { say, type LocalizedText, type RuleFinding, type Severity } from '../findings.js';
import { identityOf, sameBody } from './identity.js';

/** Another report the caller can see: how to name it and its model. */
export interface OtherReport {
  /** The file as the caller names it in messages (a path relative to the workspace, or as given). */
  readonly file: string;
  /** Its URI, for related locations in an editor; the file name is used when absent. */
  readonly uri?: string;
  readonly report: Report;
}

/** A rule that compares a report with the previous year's. */
export interface AcrossRule {
  readonly id: string;
  readonly defaultSeverity: Severity;
  readonly fix: 'none';
  readonly category: 'across';
  readonly description: LocalizedText;
  check(current: Report, previous: OtherReport): RuleFinding[];
}

/** The previous year's report of the same body among `others`, if exactly one is found first. */
export function findPrevious(current: Report, others: readonly OtherReport[]): OtherReport | undefined {
  const me = identityOf(current);
  if (!me) return undefined;
  return others.find((o) => {
    if (o.report === current) return false;
    const id = identityOf(o.report);
    return id !== undefined && id.year === me.year - 1 && sameBody(id.body, me.body);
  });
}

/**
 * For each report, the previous year's report of the same body among them (identities are read
 * once, so a thousand reports cost a thousand title reads, not a million).
 */
export function previousReports(reports: readonly OtherReport[]): (OtherReport | undefined)[] {
  const ids = reports.map((r) => identityOf(r.report));
  return ids.map((me, i) => {
    if (!me) return undefined;
    const j = ids.findIndex((id, k) => k !== i && id !== undefined && id.year === me.year - 1 && sameBody(id.body, me.body));
    return j === -1 ? undefined : reports[j];
  });
}

function number(table: ObservedTable | undefined, row: string, column: string): { cell: ObservedCell; value: number } | undefined {
  const cell = table?.cells.get(cellKey(row, column));
  const value = cell ? numericValue(cell.value) : undefined;
  return cell && value !== undefined ? { cell, value } : undefined;
}

function where(previous: OtherReport, cell: ObservedCell): { zh: string; en: string } {
  const line = previous.report.lines.lineAt(cell.content.start) + 1;
  return { zh: `${previous.file} 第 ${line} 行`, en: `${previous.file}, line ${line}` };
}

/** carryover — 二、上年结转 (this year) = 四、结转下年度继续办理 (last year), per column (formats.md §6.4). */
export const carryover: AcrossRule = {
  id: 'carryover',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'across',
  description: say('表三“二、上年结转”与上一年度报告的“四、结转下年度继续办理”不一致', '二、上年结转 differs from last year’s 四、结转下年度继续办理'),
  check(current, previous) {
    const out: RuleFinding[] = [];
    const now = current.tables.table3;
    const before = previous.report.tables.table3;
    if (!now || !before) return out;
    for (const column of [...now.cells.values()].filter((c) => c.row === 'carried')) {
      const mine = number(now, 'carried', column.column);
      const theirs = number(before, 'next', column.column);
      if (!mine || !theirs || Math.abs(mine.value - theirs.value) < 1e-9) continue;
      const format = displayFormat(current, now);
      const name = describeColumn('table3', column.column, format);
      const place = where(previous, theirs.cell);
      const carried = elementName('table3', 'carried', format);
      const next = elementName('table3', 'next', displayFormat(previous.report, before));
      out.push({
        related: [{ file: previous.uri ?? previous.file, range: theirs.cell.content, message: say(`上一年度“${next}”：${formatNumber(theirs.value)}`, `last year: ${formatNumber(theirs.value)}`) }],
        range: mine.cell.content,
        message: say(
          `表三“${carried}”（${name}）为 ${formatNumber(mine.value)}，但上一年度报告（${place.zh}）“${next}”为 ${formatNumber(theirs.value)}`,
          `Table 3 “${carried}” (${name}) is ${formatNumber(mine.value)}, but last year’s report (${place.en}) carried ${formatNumber(theirs.value)} forward`,
        ),
      });
    }
    return out;
  },
};

/** valid-count-chain — 2021 format: 现行有效件数 = last year's + 本年制发件数 − 本年废止件数 (formats.md §6.4). */
export const validCountChain: AcrossRule = {
  id: 'valid-count-chain',
  defaultSeverity: 'info',
  fix: 'none',
  category: 'across',
  description: say('现行有效件数 ≠ 上年现行有效件数 + 本年制发件数 − 本年废止件数', '现行有效件数 ≠ last year’s + 本年制发件数 − 本年废止件数'),
  check(current, previous) {
    const out: RuleFinding[] = [];
    const now = current.tables.table2;
    const before = previous.report.tables.table2;
    for (const row of ['i1.regulation', 'i1.normative']) {
      const valid = number(now, row, 'i1.valid');
      const issued = number(now, row, 'i1.issued');
      const repealed = number(now, row, 'i1.repealed');
      const last = number(before, row, 'i1.valid');
      if (!valid || !issued || !repealed || !last) continue;
      const expected = last.value + issued.value - repealed.value;
      if (Math.abs(expected - valid.value) < 1e-9) continue;
      const label = elementName('table2', row, '2021');
      const place = where(previous, last.cell);
      out.push({
        related: [{ file: previous.uri ?? previous.file, range: last.cell.content, message: say(`上一年度现行有效件数：${formatNumber(last.value)}`, `last year: ${formatNumber(last.value)}`) }],
        range: valid.cell.content,
        message: say(
          `表二“${label}”现行有效件数为 ${formatNumber(valid.value)}，按上一年度报告（${place.zh}）的 ${formatNumber(last.value)} + 本年制发 ${formatNumber(issued.value)} − 本年废止 ${formatNumber(repealed.value)} 应为 ${formatNumber(expected)}（文件也可能因失效而减少）`,
          `Table 2 “${label}”: 现行有效件数 is ${formatNumber(valid.value)}; last year’s ${formatNumber(last.value)} (${place.en}) + ${formatNumber(issued.value)} issued − ${formatNumber(repealed.value)} repealed gives ${formatNumber(expected)} (documents may also expire)`,
        ),
      });
    }
    return out;
  },
};

/** The rules across reports, in rules.md order. */
export const ACROSS_RULES: readonly AcrossRule[] = [carryover, validCountChain];
