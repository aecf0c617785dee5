/**
 * format-version — every table uses the format the report year requires (formats.md §1.3, §7,
 * §10 E1), and a report does not mix the two. One finding per table, on its first element of
 * the other format; the unsafe fix converts the table.
 */
import { TABLE_NAMES } from '../formats/elements.js';
import { TABLE3_ROWS } from '../formats/table3.js';
import { FORMAT_NOTICES, formatIsMandatory } from '../formats/versions.js';
import type { FormatId } from '../formats/types.js';
import { convertTable } from '../rewrite/convert-table.js';
import type { Report } from '../model/report.js';
import type { ObservedLabel } from '../model/tables/types.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

function isSignature(label: ObservedLabel): boolean {
  return label.key !== undefined && label.formats.length === 1;
}

/** The format the report should use: the year's, or with no year the one most of its tables use. */
function targetFormat(report: Report): FormatId | undefined {
  if (report.requiredFormat) return report.requiredFormat;
  const counts: Record<FormatId, number> = { '2019': 0, '2021': 0 };
  for (const table of Object.values(report.tables)) for (const label of table?.labels ?? []) if (isSignature(label)) counts[label.formats[0]!]++;
  if (counts['2019'] === 0 || counts['2021'] === 0 || counts['2019'] === counts['2021']) return undefined;
  return counts['2019'] > counts['2021'] ? '2019' : '2021';
}

/** A long row label cut for a message: 「1.申请人无正当理由逾期不补正…」. */
function shorten(label: string): string {
  return label.length > 14 ? `${label.slice(0, 13)}…` : label;
}

const ROLE_NAMES = { item: { zh: '项目', en: 'item' }, column: { zh: '列', en: 'column' }, row: { zh: '行', en: 'row' } } as const;

/** The format-version rule. */
export const formatVersion: Rule = {
  id: 'format-version',
  defaultSeverity: 'error',
  fix: 'unsafe',
  category: 'tables',
  description: say('表格（或其中的行、列）属于与报告年度不符的格式版本，或同一报告混用两版格式', 'A table, column or row belongs to the other format than the report year requires, or the report mixes both'),
  check(report) {
    const format = targetFormat(report);
    if (!format) return [];
    const other: FormatId = format === '2019' ? '2021' : '2019';
    const notice = FORMAT_NOTICES[format];
    const yearText = report.year.year !== undefined ? say(`${report.year.year}年度报告`, `A ${report.year.year} report`) : say('本报告的多数表格表明应', 'Most tables of this report show it');
    const findings: RuleFinding[] = [];
    for (const table of Object.values(report.tables)) {
      if (!table) continue;
      const offending = table.labels.filter((l) => isSignature(l) && l.formats[0] !== format);
      const first = offending[0];
      if (!first) continue;
      const name = TABLE_NAMES[table.id];
      const short = name.zh.slice(0, 2);
      const role = ROLE_NAMES[first.role];
      const more = offending.length > 1 ? say(`等 ${offending.length} 处`, ` and ${offending.length - 1} more`) : say('', '');
      const split = table.id === 'table3' ? TABLE3_ROWS.filter((r) => r.formats.includes(format) && r.parents.includes(first.standard ?? '')) : [];
      const splitText = split.length
        ? say(
            `；${format}版格式在“${first.standard}”下分为${split.map((r) => `“${shorten(r.label as string)}”`).join('')}${split.length}行`,
            `; the ${format} format splits “${first.standard}” into ${split.length} rows`,
          )
        : say('', '');
      const lines = convertTable(table, format);
      findings.push({
        range: first.range,
        severity: report.year.year !== undefined && !formatIsMandatory(report.year.year) ? 'info' : undefined,
        message: say(
          `${yearText.zh}应使用${format}版格式（${notice.citation}），但${short}含有${other}版格式的${role.zh}“${first.text}”${more.zh}${splitText.zh}`,
          `${yearText.en} should use the ${format} format (${notice.citation}), but ${name.en} has the ${other}-format ${role.en} “${first.text}”${more.en}${splitText.en}`,
        ),
        related: offending.slice(1).map((l) => ({ range: l.range, message: say(`${other}版格式：“${l.text}”`, `${other} format: “${l.text}”`) })),
        fixes: [
          {
            title: say(`将${short}转换为${format}版格式（保留含义相同的数值，其余留空待填写）`, `Convert ${name.en} to the ${format} format (values with the same meaning are kept, the rest left empty)`),
            safety: 'unsafe',
            edits: [{ range: table.range, newText: lines.join(report.eol) }],
          },
        ],
      });
    }
    return findings;
  },
};
