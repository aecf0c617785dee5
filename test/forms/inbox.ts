/**
 * A folder as a reviewer receives it (issues 22 and 23): Word files, a GB18030 saved page, pasted
 * text, a PDF, a scan, an old .doc and a note that is no report; with `blank`, also next year's
 * draft of an example left unfilled (Markdown). Made from the examples and the committed PDFs.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, nextYearDraft } from '../../server/src/core/index.js';
import { docxOfBlocks, draftBlocks, gb18030, pageOfBlocks } from './make.js';

const ROOT = join(__dirname, '..', '..');
const FORMS = join(ROOT, 'test', 'fixtures', 'forms');

function example(name: string): string {
  return readFileSync(join(ROOT, 'examples', name), 'utf8');
}

/** A new temporary directory holding `收到的报告/` with the batch; its path. */
export async function inboxFolder(options: { blank?: boolean } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-batch-'));
  const inbox = join(dir, '收到的报告');
  mkdirSync(inbox);
  const baishui = draftBlocks(example('2021-白水镇人民政府.md'))!;
  writeFileSync(join(inbox, '白水镇.docx'), await docxOfBlocks(baishui));
  writeFileSync(join(inbox, '白水镇（网页）.html'), gb18030(pageOfBlocks(baishui)));
  writeFileSync(join(inbox, '青山县交通运输局.docx'), await docxOfBlocks(draftBlocks(example('2023-青山县交通运输局.md'))!));
  writeFileSync(join(inbox, '红河街道.txt'), example('2020-红河街道办事处.md').replace(/^#+ /gm, ''));
  copyFileSync(join(FORMS, 'seeds--seed-002-gulou-2021.lo.pdf'), join(inbox, '鼓楼街道.pdf'));
  copyFileSync(join(FORMS, 'scanned.pdf'), join(inbox, '扫描件.pdf'));
  copyFileSync(join(FORMS, 'old-word.doc'), join(inbox, '旧版.doc'));
  writeFileSync(join(inbox, '会议纪要.md'), '# 会议纪要\n\n讨论了下一步工作。\n');
  if (options.blank) {
    const next = nextYearDraft(buildReport(example('2023-青山县交通运输局.md')));
    if (!('text' in next)) throw new Error('no next year draft of the example');
    writeFileSync(join(inbox, '青山县交通运输局2024.md'), next.text);
  }
  return dir;
}
