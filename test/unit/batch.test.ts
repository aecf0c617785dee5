/**
 * The reviewer's batch (issue 22), through the bundled CLI on a folder as a reviewer has it:
 * Markdown, pasted text, Word files, GB18030 saved pages, PDFs, a scan, an old .doc, a note that is
 * no report. Every file is accounted for at the end of the report (checked with problems, checked
 * and clean, not read and why, skipped and why); findings in a Word file, a page or a PDF are told
 * in its own terms; two reports of one unit and year are named; last year's report in another form
 * is used; the exit status follows its documented rule; `import` takes several files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { batchOf, formatBatchSummary } from '../../server/src/cli/batch.js';
import type { FileOutcome } from '../../server/src/cli/check-files.js';
import { sameBody } from '../../server/src/core/index.js';
import { docxOfBlocks, draftBlocks, gb18030, pageOfBlocks } from '../forms/make.js';
import { inboxFolder } from '../forms/inbox.js';
import { FIXTURES, ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin', 'nianbao.js');
const FORMS = join(FIXTURES, 'forms');

function nianbao(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function example(name: string): string {
  return readFileSync(join(ROOT, 'examples', name), 'utf8');
}

const folder = (): Promise<string> => inboxFolder();

describe('nianbao check on a reviewer’s folder', async () => {
  const dir = await folder();
  const run = nianbao(['check', '收到的报告'], dir);

  it('checks every form, tells findings in the file’s own terms, and exits 1 for the errors found', () => {
    assert.equal(run.status, 1, run.stderr);
    // A Word file: 表三 第R行“label” 第C列“column”, and 第N段 with its first words.
    // The three relations whose wrong cells the solver cannot tell are one line (issue 23).
    assert.match(run.stdout, /白水镇\.docx\n(.*\n)*? {2}表三 第27行“（七）总计” 第10列“总计” +错误 +表三有 3 处勾稽关系不成立：“（七）总计”一行的合计不成立：总计 10，六类申请人之和 9/);
    assert.match(run.stdout, /第\d+段（“全年通过县政府门户网站白水镇…”） +警告 +占比应为 57\.2%/);
    // A page: its line; a PDF: its page.
    assert.match(run.stdout, /白水镇（网页）\.html\n(.*\n)*? {2}第\d+行 表三 第27行“（七）总计” 第10列“总计”/);
    assert.match(run.stdout, /鼓楼街道\.pdf\n {2}第\d+页 /);
    // Pasted text is read as it is.
    assert.match(run.stdout, /红河街道\.txt\n/);
    // Never the text-encoding advice for a Word file or a PDF.
    assert.doesNotMatch(run.stdout + run.stderr, /UTF-8/);
  });

  it('ends with what was checked (the clean ones named), what was not and why, what was skipped, and the same unit twice', () => {
    const summary = run.stdout.slice(run.stdout.indexOf('\n已检查 ') + 1);
    assert.match(summary, /^已检查 5 个文件：4 个有问题，1 个未发现问题；2 个未能检查；跳过 1 个。/);
    assert.match(summary, /未发现问题：\n {2}收到的报告\/青山县交通运输局\.docx（Word 文档）/);
    assert.match(summary, /未能检查（请按说明处理后重新提交）：\n(.*\n)* {2}收到的报告\/扫描件\.pdf：扫描版 PDF（只有图片，没有文字），无法核对：需要文字版 PDF/);
    assert.match(summary, / {2}收到的报告\/旧版\.doc：旧版 Word 文档（\.doc），无法直接检查：请在 Word 或 WPS 中打开，「另存为」Word 文档（\.docx）后再检查/);
    assert.match(summary, /跳过：\n {2}收到的报告\/会议纪要\.md：不是政府信息公开工作年度报告/);
    assert.match(summary, /同一单位同一年度有多份报告（请确认哪一份是正式报告）：\n {2}白水镇人民政府 2021年度：收到的报告\/白水镇\.docx、收到的报告\/白水镇（网页）\.html/);
  });

  it('-o writes the summary into the report file too', () => {
    const o = nianbao(['check', '-o', '结果.txt', '收到的报告'], dir);
    assert.equal(o.status, 1);
    assert.match(readFileSync(join(dir, '结果.txt'), 'utf8'), /未能检查（请按说明处理后重新提交）：[\s\S]*扫描件\.pdf/);
  });

  it('JSON keeps the draft’s line and column and adds where and position for a Word file', () => {
    const json = nianbao(['check', '--format', 'json', '收到的报告/白水镇.docx'], dir);
    type Shown = { rule: string; line: number; fixable: unknown; where?: string; position?: { table?: string; row?: number; column?: number } };
    const findings = JSON.parse(json.stdout) as Shown[];
    const rowTotal = findings.find((f) => f.rule === 'row-total')!;
    assert.equal(rowTotal.where, '表三 第27行“（七）总计” 第10列“总计”');
    assert.deepEqual({ table: rowTotal.position?.table, row: rowTotal.position?.row, column: rowTotal.position?.column }, { table: '表三', row: 27, column: 10 });
    assert.ok(rowTotal.line > 0);
    // A form nianbao cannot write offers no fix.
    assert.ok(findings.every((f) => f.fixable === null));
  });

  it('exit 2 when nothing has an error but a file could not be read; 0 only when every file was read and clean', () => {
    const clean = mkdtempSync(join(tmpdir(), 'nianbao-clean-'));
    writeFileSync(join(clean, 'a.md'), example('2023-青山县交通运输局.md'));
    assert.equal(nianbao(['check', '.'], clean).status, 0);
    copyFileSync(join(FORMS, 'scanned.pdf'), join(clean, 'scan.pdf'));
    const mixed = nianbao(['check', '.'], clean);
    assert.equal(mixed.status, 2);
    assert.match(mixed.stdout, /scan\.pdf：扫描版 PDF/);
    assert.doesNotMatch(mixed.stdout, /✔/);
    assert.match(mixed.stdout, /⚠ 已检查 1 个文件，未发现问题；另有 1 个文件未能检查（见下）。/);
  });

  it('a glob takes every form; a file of no report format is listed as skipped', () => {
    writeFileSync(join(dir, '收到的报告', '照片.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const globbed = nianbao(['check', '收到的报告/*'], dir);
    assert.equal(globbed.status, 1);
    assert.match(globbed.stdout, /白水镇\.docx\n/);
    assert.match(globbed.stdout, /照片\.png：不是年度报告的文件格式/);
  });

  it('uses last year’s report in another form for the rules across years, cited in its own terms', async () => {
    const series = mkdtempSync(join(tmpdir(), 'nianbao-series-'));
    const last = readFileSync(join(FIXTURES, 'real', '2023_huaian-hongzequ.md'), 'utf8').replace(
      '| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |',
      '| 四、结转下年度继续办理 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |',
    );
    writeFileSync(join(series, '2023.docx'), await docxOfBlocks(draftBlocks(last)!));
    writeFileSync(join(series, '2024.md'), readFileSync(join(FIXTURES, 'real', '2024_huaian-hongzequ.md'), 'utf8'));
    const out = nianbao(['check', '--format', 'json', '.'], series);
    const carry = (JSON.parse(out.stdout) as { file: string; rule: string; message: string }[]).filter((f) => f.rule === 'carryover');
    assert.equal(carry.length, 2, out.stdout);
    assert.equal(carry[0]!.file, '2024.md');
    assert.match(carry[0]!.message, /上一年度报告（2023\.docx 表三 第\d+行“四、结转下年度继续办理” 第\d+列“自然人”）“四、结转下年度继续办理”为 3/);
  });
});

describe('nianbao import of several files', () => {
  it('imports each beside itself (or into -o DIR), a PDF too, and refuses two inputs that would write one file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-many-'));
    writeFileSync(join(dir, 'a.docx'), await docxOfBlocks(draftBlocks(example('2021-白水镇人民政府.md'))!));
    writeFileSync(join(dir, 'b.html'), gb18030(pageOfBlocks(draftBlocks(example('2023-青山县交通运输局.md'))!)));
    copyFileSync(join(FORMS, 'seeds--seed-002-gulou-2021.lo.pdf'), join(dir, 'c.pdf'));
    const run = nianbao(['import', 'a.docx', 'b.html', 'c.pdf'], dir);
    assert.equal(run.status, 0, run.stderr);
    for (const name of ['a.md', 'b.md', 'c.md']) assert.ok(existsSync(join(dir, name)), name);
    // The saved page's site is not imported: no menu, breadcrumb or footer.
    assert.doesNotMatch(readFileSync(join(dir, 'b.md'), 'utf8'), /当前位置|版权所有|互动交流/);
    assert.match(readFileSync(join(dir, 'b.md'), 'utf8'), /^# 青山县交通运输局2023年政府信息公开工作年度报告/);
    mkdirSync(join(dir, 'out'));
    copyFileSync(join(dir, 'a.docx'), join(dir, 'c.docx'));
    const clash = nianbao(['import', '-o', 'out', 'a.docx', 'c.docx', 'c.pdf'], dir);
    assert.equal(clash.status, 2);
    assert.match(clash.stderr, /“c\.pdf”与“c\.docx”会写到同一个文件/);
    assert.ok(existsSync(join(dir, 'out', 'a.md')) && existsSync(join(dir, 'out', 'c.md')));
    assert.equal(nianbao(['import', '-o', 'nowhere', 'a.docx', 'b.html'], dir).status, 2);
    const scan = nianbao(['import', join(FORMS, 'scanned.pdf'), '-o', join(dir, 'scan.md')], dir);
    assert.equal(scan.status, 2);
    assert.match(scan.stderr, /扫描版 PDF/);
  });

  it('the 白石县 case: a Word table without 2.重复申请 imports without it, so table-shape still reports the row missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-baishi-'));
    // The example without its picture and its comment (what a Word file of it holds).
    const markdown = example('2024-白石县交通运输局.md').replace(/^!\[.*$/m, '').replace(/ ?<!--.*?-->/g, '');
    writeFileSync(join(dir, '白石县.docx'), await docxOfBlocks(draftBlocks(markdown)!));
    assert.equal(nianbao(['import', '白石县.docx'], dir).status, 0);
    const imported = readFileSync(join(dir, '白石县.md'), 'utf8');
    assert.doesNotMatch(imported, /2\.重复申请/);
    const check = nianbao(['check', '--format', 'json', '白石县.md', '白石县.docx'], dir);
    const shape = (JSON.parse(check.stdout) as { file: string; rule: string; message: string }[]).filter((f) => f.rule === 'table-shape' || f.rule === 'cell-value');
    assert.deepEqual(
      shape.map((f) => `${f.file}: ${f.rule} ${f.message}`),
      ['白石县.md: table-shape 表三缺少标准行“2.重复申请”', '白石县.docx: table-shape 表三缺少标准行“2.重复申请”'],
    );
  });
});

describe('the batch as data (what the reviewer’s reports are built on)', () => {
  it('says per file: state, reason, form, unit, year, format, counts, and the files of the same unit and year', () => {
    const outcome = (display: string, extra: Partial<FileOutcome>): FileOutcome => ({ display, state: 'checked', findings: [], fixed: 0, errors: [], ...extra });
    const finding = { file: 'a.docx', rule: 'row-total', severity: 'error' as const, line: 1, column: 1, endLine: 1, endColumn: 2, message: 'x', fixable: null };
    const batch = batchOf(
      [
        outcome('a.docx', { form: 'docx', unit: '白水镇人民政府', year: 2021, format: '2021', findings: [finding] }),
        outcome('b.pdf', { form: 'pdf', unit: '白水镇人民政府', year: 2021, format: '2021' }),
        outcome('c.doc', { state: 'failed', form: 'doc', notRead: { kind: 'old-word', message: { zh: '旧版', en: 'old' } } }),
        outcome('d.md', { state: 'skipped', form: 'markdown', notRead: { kind: 'not-a-report', message: { zh: '不是', en: 'not' } } }),
      ],
      (o) => o.findings,
      sameBody,
    );
    assert.deepEqual(
      batch.map((f) => [f.file, f.state, f.form, f.unit, f.year, f.format, f.counts.error, f.reasonKind, f.sameUnitAndYear]),
      [
        ['a.docx', 'problems', 'docx', '白水镇人民政府', 2021, '2021', 1, undefined, ['b.pdf']],
        ['b.pdf', 'clean', 'pdf', '白水镇人民政府', 2021, '2021', 0, undefined, ['a.docx']],
        ['c.doc', 'not-read', 'doc', undefined, undefined, undefined, 0, 'old-word', []],
        ['d.md', 'skipped', 'markdown', undefined, undefined, undefined, 0, 'not-a-report', []],
      ],
    );
    assert.match(formatBatchSummary(batch, 'en'), /^Checked 2 file\(s\): 1 with problems, 1 clean; 1 not checked; 1 skipped\./);
  });
});
