/**
 * document-too-complex — the draft has a shape whose Markdown parse would take seconds or
 * minutes (lists or block quotes nested 4,000 deep, thousands of setext headings, a line of a
 * million characters), or HTML tables whose merged cells expand past the slot budget (issue 18),
 * so it was not read and no other rule ran on it. The input guard
 * (model/input-guard.ts) measures it before the parse; this says what and where, on the line
 * where a bound was exceeded. Not a rule of formats.md: a property of the input, whose bounds
 * are far above any real draft (real drafts nest at most 4 levels). No fix: only the author
 * knows what the text should be.
 */
import type { InputLimit } from '../model/input-guard.js';
import { type Rule } from './types.js';
import { say, type LocalizedText } from '../findings.js';

const NOT_CHECKED = say('，无法检查本文档', '; the document was not checked');
const USE_ATX = say('；标题请用 # 标记', ' (write headings with #)');

function describe(limit: InputLimit): LocalizedText {
  const line = limit.line + 1;
  switch (limit.kind) {
    case 'depth':
      return say(
        `第 ${line} 行起列表和引用的嵌套层级达 ${limit.value} 层（上限 ${limit.limit} 层）`,
        `From line ${line} lists and block quotes nest ${limit.value} levels deep (the limit is ${limit.limit})`,
      );
    case 'nestedLines':
      return say(
        `列表和引用中的行过多：到第 ${line} 行，各行的嵌套层级之和已达 ${limit.value}（上限 ${limit.limit}）`,
        `Too many lines inside lists and block quotes: up to line ${line} the nesting levels of the lines add up to ${limit.value} (the limit is ${limit.limit})`,
      );
    case 'setext':
      return say(
        `用 === 或 --- 下划线标记的标题过多：到第 ${line} 行，这些标题的行号之和已达 ${limit.value}（上限 ${limit.limit}）`,
        `Too many headings underlined with === or ---: up to line ${line} their line numbers add up to ${limit.value} (the limit is ${limit.limit})`,
      );
    case 'inline':
      return say(
        `第 ${line} 行所在的段落中 * _ ~ [ ] 符号达 ${limit.value} 个（上限 ${limit.limit} 个）`,
        `The paragraph of line ${line} holds ${limit.value} of the characters * _ ~ [ ] (the limit is ${limit.limit})`,
      );
    case 'tableSlots':
      return say(
        `第 ${line} 行的 HTML 表格合并单元格（rowspan/colspan）过多：各表格展开后已达 ${limit.value} 格（上限 ${limit.limit} 格）`,
        `The HTML table at line ${line} merges too many cells (rowspan/colspan): the tables expand to ${limit.value} slots so far (the limit is ${limit.limit})`,
      );
    case 'lineLength':
      return say(
        `第 ${line} 行长达 ${limit.value} 个字符（上限 ${limit.limit} 个）`,
        `Line ${line} is ${limit.value} characters long (the limit is ${limit.limit})`,
      );
  }
}

/** The document-too-complex rule. */
export const documentTooComplex: Rule = {
  id: 'document-too-complex',
  defaultSeverity: 'warning',
  fix: 'none',
  category: 'document',
  withoutParse: true,
  description: say('文档嵌套过深或结构过于复杂（如上千层嵌套的列表），未能检查', 'The document nests too deep or is too complex to parse (such as lists nested thousands of levels deep) and was not checked'),
  check(report) {
    const limit = report.inputLimit;
    if (limit === undefined) return [];
    const what = describe(limit);
    const hint = limit.kind === 'setext' ? USE_ATX : say('', '');
    return [{ range: limit.range, message: say(what.zh + NOT_CHECKED.zh + hint.zh, what.en + NOT_CHECKED.en + hint.en) }];
  },
};
