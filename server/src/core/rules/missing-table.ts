/**
 * missing-table — sections 二, 三 and 四 each hold their standard table (formats.md §3.1; §10 E4:
 * tables pasted as images or lost). The safe fix inserts the empty table of the report's format,
 * only where the section really holds no table: a block that looks like one but cannot be read
 * (an image, an unknown layout) is table-unreadable's, and no template goes next to it.
 */
import { SECTIONS } from '../formats/sections.js';
import { TABLE_NAMES } from '../formats/elements.js';
import { renderTable, EMPTY_CELLS } from '../formats/template.js';
import { unreadTablesIn } from './support.js';
import { displayFormat, sectionName } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

/** The missing-table rule. */
export const missingTable: Rule = {
  id: 'missing-table',
  defaultSeverity: 'error',
  fix: 'safe',
  category: 'document',
  description: say('第二、三、四部分缺少标准表格', 'A standard table is absent from section 二, 三 or 四'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const def of SECTIONS) {
      if (!def.table || report.tables[def.table]) continue;
      const section = report.sections.sections.find((s) => s.def.index === def.index);
      if (!section || unreadTablesIn(report, section.range).length > 0) continue;
      const format = displayFormat(report);
      const table = TABLE_NAMES[def.table];
      const line = section.heading.line;
      const at = report.lines.lineEnd(line);
      const nextLine = line + 1 < report.lines.lineCount ? report.lines.lineText(line + 1) : '';
      const eol = report.eol;
      const after = nextLine.trim() === '' ? '' : eol;
      const body = renderTable(def.table, format, EMPTY_CELLS).join(eol);
      findings.push({
        range: section.heading.content,
        message: say(
          `${sectionName(def).zh}下缺少${table.zh}`,
          `${table.en} is missing from ${sectionName(def).en}`,
        ),
        fixes: [
          {
            title: say(`插入${format}版格式的空白${table.zh.slice(0, 2)}`, `Insert an empty ${table.en} in the ${format} format`),
            safety: 'safe',
            edits: [{ range: { start: at, end: at }, newText: `${eol}${eol}${body}${eol}${after}` }],
          },
        ],
      });
    }
    return findings;
  },
};
