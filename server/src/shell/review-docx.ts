/**
 * One 审核意见 per report as a Word document (issue 23), ready to send to the unit: the title 「关于
 * ××× 2023年度政府信息公开工作年度报告的审核意见」 in the 小标题 font, the unit addressed, a sentence
 * naming the report and the number of problems, the problems grouped by severity (须改正, 请核对,
 * 供参考) each with where it is in the unit's own file, and the tables that have a problem drawn in
 * the official layout (`export-docx.ts` `tableOf`, the export's own drawing) with the cells shaded
 * and numbered; A4, 仿宋_GB2312 三号, 表三 on a landscape page. Pure: bytes for the caller to write.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, type ISectionOptions } from 'docx';
import { formats, type Severity, type TableId } from '../core/index.js';
import { A4, DOCX_BODY_FONT, DOCX_HEADING_FONT, DOCX_TITLE_FONT, fontTable, MARGIN, runs, section, SIZE, tableOf, type Child, type DocxCellMark } from './export-docx.js';

/** A problem as the letter lists it. */
export interface LetterProblem {
  readonly severity: Severity;
  /** Where it is, in the unit's own file. */
  readonly where: string;
  readonly message: string;
  /** Its number in the letter (the notes in the tables). */
  readonly number: number;
}

/** A table drawn in the letter. */
export interface LetterTable {
  readonly id: TableId;
  readonly format: formats.FormatId;
  readonly layout: formats.TableLayout;
  readonly marks: ReadonlyMap<string, DocxCellMark>;
}

/** What one letter says. */
export interface ReviewLetter {
  /** The issuing body, else the file's name. */
  readonly unit: string;
  readonly year?: number;
  /** The file as received. */
  readonly file: string;
  readonly problems: readonly LetterProblem[];
  readonly tables: readonly LetterTable[];
}

const GROUPS: readonly { severities: readonly Severity[]; title: string }[] = [
  { severities: ['error'], title: '须改正的问题' },
  { severities: ['warning'], title: '请核对的问题' },
  { severities: ['info', 'hint'], title: '供参考的提示' },
];

const NUMERALS = ['一', '二', '三', '四'];

function body(text: string, indent = true): Paragraph {
  return new Paragraph({ indent: indent ? { firstLine: 640 } : undefined, spacing: { line: 560 }, children: runs(text, DOCX_BODY_FONT, SIZE.body) });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_1,
    keepNext: true,
    indent: { firstLine: 640 },
    spacing: { before: 120, after: 60 },
    children: runs(text, DOCX_HEADING_FONT, SIZE.heading),
  });
}

/** The letter as the bytes of a .docx file. */
export async function reviewDocx(letter: ReviewLetter): Promise<Uint8Array> {
  const year = letter.year === undefined ? '' : `${letter.year}年度`;
  const title = `关于${letter.unit}${year}政府信息公开工作年度报告的审核意见`;
  const first: Child[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: runs(title, DOCX_TITLE_FONT, SIZE.title),
    }),
    body(`${letter.unit}：`, false),
    body(`你单位报送的${year}政府信息公开工作年度报告（${letter.file}）经审核，发现以下 ${letter.problems.length} 个问题，请对照修改后重新报送。`),
  ];
  let numeral = 0;
  for (const group of GROUPS) {
    const problems = letter.problems.filter((p) => group.severities.includes(p.severity));
    if (problems.length === 0) continue;
    first.push(heading(`${NUMERALS[numeral++]}、${group.title}`));
    for (const problem of problems) first.push(body(`${problem.number}. ${problem.where}：${problem.message}`));
  }
  if (letter.tables.length > 0) first.push(body('附：有问题的表格（标色的格子为问题所在，上标数字为问题序号，“空”为未填写的格子）。'));
  const sections: ISectionOptions[] = [];
  let current = first;
  for (const table of letter.tables) {
    const caption = new Paragraph({ keepNext: true, alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60 }, children: runs(`${formats.TABLE_NAMES[table.id].zh}（${formats.formatName(table.format).zh}）`, DOCX_BODY_FONT, SIZE.table, true) });
    if (table.id === 'table3') {
      sections.push(section(current, false));
      sections.push(section([caption, tableOf(table.id, table.layout, A4.height - 2 * MARGIN, table.marks)], true));
      current = [];
    } else {
      current.push(caption, tableOf(table.id, table.layout, A4.width - 2 * MARGIN, table.marks), new Paragraph({}));
    }
  }
  if (current.length > 0 || sections.length === 0) sections.push(section(current, false));
  const document = new Document({ title, creator: 'nianbao', styles: { default: { document: { run: { font: DOCX_BODY_FONT, size: SIZE.body } } } }, sections });
  return new Uint8Array(await Packer.toArrayBuffer(document, false, [{ path: 'word/fontTable.xml', data: fontTable() }]));
}
