/**
 * table-markdown — a standard table written as an HTML `<table>` or as text pasted from Word or a
 * PDF (markdown-convention.md "Tolerated variants"). It is read and checked like a Markdown table;
 * the safe fix rewrites it as the canonical GFM table of its own format, every value carried to
 * its cell (rewrite/canonical.ts), and is offered only when nothing would be lost.
 */
import { TABLE_NAMES } from '../formats/elements.js';
import { canonicalTable, tableForm } from '../rewrite/canonical.js';
import { lineRangeAt } from './support.js';
import { type Rule } from './types.js';
import { say, type RuleFinding } from '../findings.js';

/** The table-markdown rule. */
export const tableMarkdown: Rule = {
  id: 'table-markdown',
  defaultSeverity: 'info',
  fix: 'safe',
  category: 'tables',
  description: say('标准表格是 HTML 表格或粘贴的文本表格，可转换为标准 Markdown 表格', 'A standard table is an HTML table or pasted text; it can be converted to a Markdown table'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const table of Object.values(report.tables)) {
      if (!table) continue;
      const form = tableForm(table);
      if (form === 'gfm') continue;
      const name = TABLE_NAMES[table.id];
      const short = name.zh.slice(0, 2);
      const written = form === 'html' ? say(' HTML 表格', 'an HTML table') : say('从 Word 或 PDF 粘贴的文本表格', 'text pasted from Word or a PDF');
      const result = canonicalTable(report, table);
      const blocked = 'blocked' in result ? result.blocked : undefined;
      findings.push({
        range: lineRangeAt(report, table.range.start),
        message: blocked
          ? say(`${short}是${written.zh}，已按标准表格核对；暂不能转换为标准 Markdown 表格：${blocked.zh}`, `${name.en} is ${written.en}; it was checked as the standard table, but cannot be converted yet: ${blocked.en}`)
          : say(`${short}是${written.zh}，已按标准表格核对；可转换为标准 Markdown 表格`, `${name.en} is ${written.en}; it was checked as the standard table and can be converted to a Markdown table`),
        fixes: 'edit' in result
          ? [{ title: say(`将${short}转换为标准 Markdown 表格（${result.format}版格式，数值不变）`, `Convert ${name.en} to a Markdown table (${result.format} format, values unchanged)`), safety: 'safe', edits: [result.edit] }]
          : [],
      });
    }
    return findings;
  },
};
