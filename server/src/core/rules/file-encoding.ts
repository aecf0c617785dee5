/**
 * file-encoding — the file was not UTF-8: a GB18030 (GBK) draft saved on Chinese Windows, or
 * UTF-16 with a byte order mark. The caller read it in that encoding (and `--fix` writes it
 * back in the same one); this says so, on line 1, and suggests UTF-8, which every other tool
 * in the chain (Markdown renderers, the web CMS, diff and version control) assumes. The core
 * reads no file: the encoding comes from `CheckOptions.encoding`; without it (the editor's
 * buffers, already text) the rule is silent. Not a rule of formats.md: a property of the file.
 */
import { encodingLabel } from '../text/encoding.js';
import { type Rule } from './types.js';
import { say } from '../findings.js';

/** The file-encoding rule. */
export const fileEncoding: Rule = {
  id: 'file-encoding',
  defaultSeverity: 'info',
  fix: 'none',
  category: 'document',
  withoutParse: true,
  description: say('文件不是 UTF-8 编码（GB18030/GBK 或 UTF-16），已按其编码读取', 'The file is not UTF-8 (GB18030/GBK or UTF-16) and was read in its encoding'),
  check(report, context) {
    const encoding = context.encoding;
    if (encoding === undefined || encoding === 'utf-8') return [];
    const range = { start: 0, end: report.lines.lineEnd(0) };
    const name = encodingLabel(encoding);
    const message =
      encoding === 'gb18030'
        ? say('文件编码为 GB18030（GBK），已按 GB18030 读取；建议另存为 UTF-8', 'The file is encoded in GB18030 (GBK) and was read as GB18030; consider saving it as UTF-8')
        : say(`文件编码为 ${name}（带 BOM），已按 ${name} 读取；建议另存为 UTF-8`, `The file is encoded in ${name} (with a byte order mark) and was read as ${name}; consider saving it as UTF-8`);
    return [{ range, message }];
  },
};
