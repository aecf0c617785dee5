/**
 * Which body issued a report and for which year, from its title, so that a report can be linked
 * to the previous year's report of the same body (issue 5). 「洪泽区人民政府2023年…」 and
 * 「淮安市洪泽区人民政府2024年…」 are the same body; 青山县交通运输局 and 白石县交通运输局 are not.
 */
import type { Report } from '../model/report.js';
import { digitValue, YEAR_SOURCE } from '../model/title-year.js';
import { labelKey } from '../text/normalize.js';

/** The issuing body and the report year. */
export interface ReportIdentity {
  readonly body: string;
  readonly year: number;
}

/** The year in a title, cut out of the body's name: any digit run before 年, so a mistyped year (202020年) leaves the name alone. */
const YEAR = /(?<![0-9０-９])[0-9０-９]{3,8}[\s\u00a0\u3000]*年度?/g;
/** A year is a 4-digit number with no digit before or after it (issue 13). */
const TITLE_YEAR = new RegExp(`${YEAR_SOURCE}[\\s\\u00a0\\u3000]*年`);
/** A body name ends in one of these: an administrative unit or an organ. */
const ORGAN = /(?:人民政府|政府|办公室|办事处|街道|镇|乡|区|县|市|省|局|委员会|委|办|厅|中心|院|站|所|处|公司)$/;

/** The body named in a title, e.g. 「高青县芦湖街道」. */
export function bodyOfTitle(title: string): string | undefined {
  let text = labelKey(title).replace(YEAR, '');
  const cut = text.search(/政府信息公开|政务公开|信息公开|年度报告|年报/);
  if (cut >= 0) text = text.slice(0, cut);
  text = text.replace(/^(?:关于|[#*\s])+/, '').replace(/(?:关于|的)$/, '');
  return text.length >= 2 ? text : undefined;
}

/** The identity of a report, if its title names a body and the year is known. */
export function identityOf(report: Report): ReportIdentity | undefined {
  const body = report.title ? bodyOfTitle(report.title.text) : undefined;
  const year = report.year.year;
  return body && year !== undefined ? { body, year } : undefined;
}

/** Whether two body names name the same body: equal, or one is the other with its higher levels (淮安市 + 洪泽区人民政府). */
export function sameBody(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (!long.endsWith(short) || short.length < 4 || !ORGAN.test(short)) return false;
  // The shorter name must start with a place of its own, not just an organ (人民政府, 交通运输局).
  return /^[\u4e00-\u9fa5]{2,}(?:省|市|区|县|镇|乡|街道|自治州|旗)/.test(short);
}

/**
 * The identity from the first lines of a text, without parsing it: enough to tell which open
 * reports an edit may concern. The checks themselves use {@link identityOf}.
 */
export function identityOfText(text: string): ReportIdentity | undefined {
  const lines = text.slice(0, 600).split(/\r?\n/).map((l) => l.replace(/^[ \t]{0,3}#+[ \t]*|\*\*/g, '').trim()).filter(Boolean);
  const title = lines[0] && /报告|年报/.test(lines[0]) ? lines[0] : lines[0] && lines[1] && /报告|年报/.test(lines[1]) ? lines[0] + lines[1] : undefined;
  if (!title) return undefined;
  const body = bodyOfTitle(title);
  const year = TITLE_YEAR.exec(title)?.[1];
  return body && year ? { body, year: digitValue(year) } : undefined;
}

/**
 * Whether a report of `earlier` is the previous year's report of a report of `later`: the year
 * before, the same body. The one test of "last year's report" for the core, the CLI and the server.
 */
export function precedes(earlier: ReportIdentity | undefined, later: ReportIdentity | undefined): boolean {
  return earlier !== undefined && later !== undefined && earlier.year === later.year - 1 && sameBody(earlier.body, later.body);
}

/** Characters no file name may hold on Windows, control characters, and white space. */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const NOT_IN_FILE_NAME = /[\\/:*?"<>|\u0000-\u001f\u007f\s\u00a0\u3000]+/g;

/**
 * The name a new draft is offered under when first saved (issue 20): 「2024-芦湖县某某局.md」,
 * `<年度>-<机关>.md`, from the year and the body of the report's title. A part not known is left
 * out (「2024-年度报告.md」, 「芦湖县某某局-年度报告.md」).
 */
export function draftFileName(year: number | undefined, body: string | undefined): string {
  const name = (body ?? '').replace(NOT_IN_FILE_NAME, '').replace(/^\.+|\.+$/g, '').slice(0, 60);
  const parts = [year !== undefined ? String(year) : undefined, name || undefined].filter((p): p is string => p !== undefined);
  if (parts.length < 2) parts.push('年度报告');
  return `${parts.join('-')}.md`;
}

/** {@link draftFileName} of a report: its year and the body its title names. */
export function draftFileNameOf(report: Report): string {
  return draftFileName(report.year.year, report.title ? bodyOfTitle(report.title.text) : undefined);
}
