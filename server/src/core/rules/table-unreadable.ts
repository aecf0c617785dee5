/**
 * table-unreadable — section 二, 三 or 四 holds something that looks like its table but is not one
 * nianbao can read: a picture of the table (formats.md §10 E4), a table in a layout it does not
 * know, text laid out with tabs. None of the table checks ran on it; the finding says what was
 * recognised, so the author knows what to fix. Never a template inserted next to it.
 */
import { SECTIONS } from '../formats/sections.js';
import { TABLE_NAMES } from '../formats/elements.js';
import { unreadTablesIn } from './support.js';
import { sectionName } from '../formats/wording.js';
import { type Rule } from './types.js';
import { say, type LocalizedText, type RuleFinding } from '../findings.js';
import type { UnreadTable } from '../model/unread-tables.js';

const FORMS: Record<NonNullable<UnreadTable['source']>, LocalizedText> = {
  gfm: say(' Markdown 表格', 'Markdown table'),
  html: say(' HTML 表格', 'HTML table'),
  pasted: say('粘贴的文本表格', 'pasted text table'),
};

function recognised(unread: UnreadTable): LocalizedText {
  if (unread.labels.length === 0) return say('其中没有识别出任何标准标签', 'no standard label was recognised in it');
  const labels = unread.labels.map((l) => `“${l}”`).join('');
  return say(`只识别出${labels}，不足以对应到标准表格`, `only ${labels} were recognised, not enough to match the standard table`);
}

/** The table-unreadable rule. */
export const tableUnreadable: Rule = {
  id: 'table-unreadable',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'tables',
  description: say('第二、三、四部分的表格无法读取（图片或无法识别的格式），未能核对', 'A table of section 二, 三 or 四 cannot be read (an image or an unknown layout) and was not checked'),
  check(report) {
    const findings: RuleFinding[] = [];
    for (const def of SECTIONS) {
      if (!def.table || report.tables[def.table]) continue;
      const section = report.sections.sections.find((s) => s.def.index === def.index);
      if (!section) continue;
      const table = TABLE_NAMES[def.table];
      const where = sectionName(def);
      for (const unread of unreadTablesIn(report, section.range)) {
        const message =
          unread.kind === 'image'
            ? say(
                `${where.zh}下的${table.zh.slice(0, 2)}似乎是一张图片，无法核对其中的数字；请以文字表格填写${table.zh.slice(0, 2)}`,
                `${table.en} under ${where.en} seems to be a picture; its figures cannot be checked — write it as a text table`,
              )
            : say(
                `${where.zh}下有一个${FORMS[unread.source ?? 'gfm'].zh}（${unread.rows} 行），但无法读作${table.zh.slice(0, 2)}：${recognised(unread).zh}；表格未能核对`,
                `${where.en} has a ${FORMS[unread.source ?? 'gfm'].en} (${unread.rows} rows) that cannot be read as ${table.en}: ${recognised(unread).en}; it was not checked`,
              );
        findings.push({ range: unread.range, message });
      }
    }
    return findings;
  },
};
