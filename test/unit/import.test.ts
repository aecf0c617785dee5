/**
 * `nianbao import`: Word drafts (.docx through mammoth) and saved web pages into canonical
 * Markdown drafts that check the same as the drafts they were made from. The .docx files are
 * those of test/fixtures/html/sources (python-docx, Word heading styles, official merged cells)
 * and ones written here with the `docx` package (bold paragraphs as headings, merged cells).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import { checkText, type CheckResult } from '../../server/src/core/index.js';
import { importDraft } from '../../server/src/shell/import-draft.js';
import { FIXTURES, ROOT, readMarkedFixture } from './helpers.js';

const BIN = join(ROOT, 'bin', 'nianbao.js');
const SOURCES = join(FIXTURES, 'html', 'sources');

function nianbao(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Findings as `rule: message`, without the notices about the form of a table. */
function findings(result: CheckResult): string[] {
  return result.findings.filter((f) => f.rule !== 'table-markdown').map((f) => `${f.rule}: ${f.message.zh}`).sort();
}

/** A GFM row's cells. */
function cellsOf(line: string): string[] {
  return line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
}

/**
 * A .docx of a Markdown draft as a drafter makes it in Word: the title and the section headings
 * as bold paragraphs (no heading styles), prose paragraphs, 表二 and 表三 as tables with every
 * cell written out, 表四 with its official merged cells.
 */
async function docxOf(markdown: string): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (line.startsWith('|')) {
      const rows: string[][] = [];
      while (i < lines.length && lines[i]!.startsWith('|')) {
        if (!/^\|[\s|:-]+\|$/.test(lines[i]!)) rows.push(cellsOf(lines[i]!));
        i++;
      }
      i--;
      children.push(rows[0]![0] === '行政复议' ? table4(rows) : plainTable(rows));
      continue;
    }
    const heading = /^#+\s*(.*)$/.exec(line);
    children.push(new Paragraph({ alignment: heading && line.startsWith('# ') ? AlignmentType.CENTER : undefined, children: [new TextRun({ text: heading ? heading[1]! : line, bold: heading !== null })] }));
  }
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

function cell(text: string, options: { columnSpan?: number; verticalMerge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType] } = {}): TableCell {
  return new TableCell({ children: [new Paragraph(text)], ...options });
}

function plainTable(rows: string[][]): Table {
  return new Table({ rows: rows.map((r) => new TableRow({ children: r.map((t) => cell(t)) })) });
}

/** 表四 with the official merges: 行政复议 over five, 行政诉讼 over ten, the five 行政复议 outcomes over two rows. */
function table4(rows: string[][]): Table {
  const [groups, middle, outcomes, data] = rows as [string[], string[], string[], string[]];
  return new Table({
    rows: [
      new TableRow({ children: [cell(groups[0]!, { columnSpan: 5 }), cell(groups[5]!, { columnSpan: 10 })] }),
      new TableRow({ children: [
        ...middle.slice(0, 5).map((t) => cell(t, { verticalMerge: VerticalMergeType.RESTART })),
        cell(middle[5]!, { columnSpan: 5 }),
        cell(middle[10]!, { columnSpan: 5 }),
      ] }),
      new TableRow({ children: [...middle.slice(0, 5).map(() => cell('', { verticalMerge: VerticalMergeType.CONTINUE })), ...outcomes.slice(5).map((t) => cell(t))] }),
      new TableRow({ children: data.map((t) => cell(t)) }),
    ],
  });
}

describe('import of Word drafts and web pages', () => {
  for (const name of readdirSync(SOURCES).filter((f) => f.endsWith('.docx'))) {
    it(`${name}: checks as the draft it was made from`, async () => {
      const result = await importDraft(readFileSync(join(SOURCES, name)), 'docx');
      assert.ok(!('error' in result));
      const imported = checkText(result.text);
      const original = checkText(readMarkedFixture(join(FIXTURES, 'html', name.replace('.docx', '.md'))).text);
      assert.deepEqual(findings(imported), findings(original));
      for (const table of Object.values(imported.report.tables)) assert.ok(table!.grids.every((g) => g.source === 'gfm'), 'tables as Markdown tables');
      assert.match(result.text, /^# .+年政府信息公开工作年度报告\n/);
      assert.match(result.text, /\n## 三、收到和处理政府信息公开申请情况\n/);
      assert.doesNotMatch(result.text, /\{#|\\[.（）、]/, 'no heading ids, no escaped punctuation');
    });
  }

  for (const base of ['base-2021', 'base-2019']) {
    it(`a .docx written with bold headings and merged cells (${base}) imports as its draft`, async () => {
      const markdown = readFileSync(join(FIXTURES, 'rules', '_base', `${base}.md`), 'utf8');
      const wrong = markdown.replace(/^(\| 三、本年度办理结果 \| （一）予以公开 \| {2}\| )(\d+)/m, (_, head: string, n: string) => `${head}${Number(n) + 1}`);
      assert.notEqual(wrong, markdown);
      assert.ok(checkText(wrong).findings.some((f) => f.rule === 'row-total'), 'the changed cell breaks a total');
      for (const [text, expected] of [[markdown, []], [wrong, checkText(wrong).findings.map((f) => f.rule).sort()]] as const) {
        const result = await importDraft(await docxOf(text), 'docx');
        assert.ok(!('error' in result));
        const imported = checkText(result.text);
        assert.deepEqual(findings(imported), findings(checkText(text)));
        assert.deepEqual(imported.findings.map((f) => f.rule).sort(), [...expected]);
        assert.deepEqual(Object.keys(imported.report.tables).sort(), ['table2', 'table3', 'table4']);
      }
    });
  }

  it('reads a saved web page in GB18030 with the HTML table reader', async () => {
    const page = readMarkedFixture(join(FIXTURES, 'html', 'html-web-2021.md')).text;
    const html = `<html><head><meta charset="gbk"><style>td{border:1px solid}</style></head><body>${page
      .split('\n\n')
      .map((block) => (block.startsWith('<') ? block : block.startsWith('#') ? `<h2>${block.replace(/^#+\s*/, '')}</h2>` : `<p>${block}</p>`))
      .join('\n')}<p><img src="logo.png"></p></body></html>`;
    const iconv = (await import('iconv-lite')).default;
    const result = await importDraft(iconv.encode(html, 'gb18030'), 'html');
    assert.ok(!('error' in result));
    assert.deepEqual(findings(checkText(result.text)), findings(checkText(page)));
    assert.equal(result.notes.length, 1);
    assert.match(result.notes[0]!.zh, /删除了 1 张图片/);
  });

  it('the CLI writes the draft, refuses to overwrite, and writes nothing for a damaged or protected file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-'));
    writeFileSync(join(dir, 'report.docx'), readFileSync(join(SOURCES, 'html-mammoth-2021.docx')));
    const run = nianbao(['import', 'report.docx'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /已导入为“report\.md”/);
    assert.equal(nianbao(['check', 'report.md'], dir).status, 0);
    const again = nianbao(['import', 'report.docx'], dir);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /已存在，未写入（加 --force 覆盖）/);
    assert.equal(nianbao(['import', 'report.docx', '--force', '-o', 'other.md'], dir).status, 0);

    writeFileSync(join(dir, 'damaged.docx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    writeFileSync(join(dir, 'protected.docx'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const damaged = nianbao(['import', 'damaged.docx'], dir);
    assert.equal(damaged.status, 2);
    assert.match(damaged.stderr, /无法读取 Word 文档，文件可能已损坏.*；未写入任何文件/);
    const protectedRun = nianbao(['import', 'protected.docx'], dir);
    assert.equal(protectedRun.status, 2);
    assert.match(protectedRun.stderr, /受密码保护的 Word 文档，或旧版 \.doc 文档/);
    assert.ok(!existsSync(join(dir, 'damaged.md')) && !existsSync(join(dir, 'protected.md')));
    assert.deepEqual(readdirSync(dir).sort(), ['damaged.docx', 'other.md', 'protected.docx', 'report.docx', 'report.md']);
    assert.equal(nianbao(['import', 'notes.txt'], dir).status, 2);
  });
});

describe('import keeps bold sub-headings (issue 20)', () => {
  it('a short bold Normal paragraph 「（一）…」 in Word becomes a ### sub-heading; bold prose stays prose', async () => {
    const bold = (text: string) => new Paragraph({ children: [new TextRun({ text, bold: true })] });
    const plain = (text: string) => new Paragraph({ children: [new TextRun({ text })] });
    const doc = new Document({
      sections: [
        {
          children: [
            bold('芦湖街道2021年政府信息公开工作年度报告'),
            bold('一、总体情况'),
            bold('（一）主动公开情况'),
            plain('本机关通过门户网站主动公开政府信息。'),
            new Paragraph({ children: [new TextRun({ text: '（二）', bold: true }), new TextRun({ text: '依申请公开情况', bold: true })] }),
            plain('本机关规范依申请公开的办理流程。'),
            new Paragraph({ children: [new TextRun({ text: '（三）政府信息管理', bold: true }), new TextRun({ text: '情况' })] }),
            bold('（四）平台建设。本机关依托县政府门户网站政府信息公开专栏集中发布政府信息。'),
          ],
        },
      ],
    });
    const result = await importDraft(await Packer.toBuffer(doc), 'docx');
    assert.ok(!('error' in result));
    const lines = result.text.split('\n');
    assert.ok(lines.includes('### （一）主动公开情况'), result.text);
    assert.ok(lines.includes('### （二）依申请公开情况'), result.text);
    assert.ok(lines.includes('（三）政府信息管理情况'), 'partly bold: a paragraph');
    assert.ok(lines.includes('（四）平台建设。本机关依托县政府门户网站政府信息公开专栏集中发布政府信息。'), 'a sentence in bold: a paragraph');
    assert.ok(lines.includes('## 一、总体情况'));
  });
});
