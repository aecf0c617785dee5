/**
 * The reviewer's answers (issue 23) on a mixed batch (Word files, a GB18030 page, pasted text, a PDF,
 * a scan, an old .doc, a note, a Markdown draft left blank), through the bundled CLI: the HTML page
 * opened in headless Chromium (summary, problems in plain words, tables with marked cells,
 * nothing fetched, a screenshot taken), the CSV read by Python's csv module with its byte order
 * mark, the Excel file read back with read-excel-file; every file listed; -o's extension checked.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import readXlsxFile from 'read-excel-file/node';
import { csvField } from '../../server/src/cli/reviewer-csv.js';
import { inboxFolder } from '../forms/inbox.js';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin', 'nianbao.js');

function nianbao(args: string[], cwd: string) {
  return spawnSync(process.execPath, [BIN, 'check', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

/** Debian's chromium, as the e2e setup installs it (scripts/setup-lib.sh), or CHROMIUM_PATH. */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p));
}

const FILES = ['白水镇.docx', '白水镇（网页）.html', '青山县交通运输局.docx', '红河街道.txt', '鼓楼街道.pdf', '扫描件.pdf', '旧版.doc', '会议纪要.md', '青山县交通运输局2024.md'];
const JARGON = /row-total|results-total|cell-value|table-label|prose-percent|--fix|HTML 表格/;

describe('nianbao check --format csv|xlsx|html on a reviewer’s folder', async () => {
  const dir = await inboxFolder({ blank: true });

  it('csv: UTF-8 with BOM and CRLF, read by Python’s csv module: one row per problem, every file listed, no jargon', () => {
    const run = nianbao(['--format', 'csv', '-o', '结果.csv', '收到的报告'], dir);
    assert.equal(run.status, 1, run.stderr);
    const bytes = readFileSync(join(dir, '结果.csv'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    assert.equal(text.split('\r\n').length - 1, text.split('\n').length - 1 - (text.match(/"[^"]*\n[^"]*"/g)?.length ?? 0), 'every line ends in CRLF');
    const python = 'import csv, json, sys\nwith open(sys.argv[1], encoding="utf-8-sig", newline="") as f: print(json.dumps(list(csv.reader(f)), ensure_ascii=False))';
    const rows = JSON.parse(execFileSync('python3', ['-c', python, join(dir, '结果.csv')], { encoding: 'utf8' })) as string[][];
    assert.deepEqual(rows[0], ['单位', '年度', '格式', '文件', '位置', '级别', '问题']);
    for (const file of FILES) assert.ok(rows.some((r) => r[3]!.startsWith(`收到的报告/${file}`)), file);
    const of = (file: string) => rows.filter((r) => r[3]!.startsWith(`收到的报告/${file}`));
    assert.deepEqual(of('青山县交通运输局.docx').map((r) => r.slice(0, 7)), [['青山县交通运输局', '2023年度', '2021版格式', '收到的报告/青山县交通运输局.docx（Word 文档）', '', '', '未发现问题']]);
    assert.match(of('扫描件.pdf')[0]![6]!, /^未能检查：扫描版 PDF/);
    assert.match(of('会议纪要.md')[0]![6]!, /^跳过：不是政府信息公开工作年度报告/);
    // One problem, one line: the blank 表三 once, the three relations of 白水镇 once.
    assert.equal(of('青山县交通运输局2024.md').filter((r) => /^表三未填写/.test(r[6]!)).length, 1);
    assert.equal(of('青山县交通运输局2024.md').length, 4);
    const baishui = of('白水镇.docx');
    assert.equal(baishui.filter((r) => /勾稽关系不成立/.test(r[6]!) && r[0] === '白水镇人民政府').length, 1);
    assert.deepEqual(baishui.find((r) => /^表三有 3 处/.test(r[6]!))!.slice(4, 6), ['表三 第27行“（七）总计” 第10列“总计”', '错误']);
    assert.ok(rows.slice(1).every((r) => r.length === 7 && ['', '错误', '警告', '提示', '建议'].includes(r[5]!)));
    assert.doesNotMatch(text, JARGON);
    // A Markdown draft's position is its line.
    assert.match(of('青山县交通运输局2024.md')[0]![4]!, /^第\d+行$/);
  });

  it('--quiet: a report with warnings only is not called clean', () => {
    const run = nianbao(['--quiet', '--format', 'csv', '收到的报告'], dir);
    assert.equal(run.status, 1, run.stderr);
    const blank = run.stdout.split('\r\n').find((line) => line.includes('青山县交通运输局2024.md'))!;
    assert.match(blank, /,,,未发现错误（另有 4 个警告或提示未列出）$/);
  });

  it('csv fields are quoted where needed and never read as a formula', () => {
    assert.equal(csvField('表三'), '表三');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('他说“好”"x"'), '"他说“好”""x"""');
    assert.equal(csvField('第一行\n第二行'), '"第一行\n第二行"');
    assert.equal(csvField('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
    for (const start of ['+', '-', '@', '\t']) assert.equal(csvField(`${start}1`).replace(/^"|"$/g, '').charAt(0), "'");
  });

  it('xlsx: read back with read-excel-file, the same rows as the csv', async () => {
    const run = nianbao(['--format', 'xlsx', '-o', '结果.xlsx', '收到的报告'], dir);
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout, '');
    const sheets = await readXlsxFile(readFileSync(join(dir, '结果.xlsx')));
    assert.equal(sheets.length, 1);
    assert.equal(sheets[0]!.sheet, '审核意见');
    const rows = sheets[0]!.data.map((r) => r.map((c) => (c === null ? '' : String(c))));
    nianbao(['--format', 'csv', '-o', '对照.csv', '收到的报告'], dir);
    const python = 'import csv, json, sys\nwith open(sys.argv[1], encoding="utf-8-sig", newline="") as f: print(json.dumps(list(csv.reader(f)), ensure_ascii=False))';
    const csvRows = JSON.parse(execFileSync('python3', ['-c', python, join(dir, '对照.csv')], { encoding: 'utf8' })) as string[][];
    assert.deepEqual(rows, csvRows);
  });

  it('-o’s extension must fit --format; xlsx needs -o', () => {
    const excelAsText = nianbao(['-o', '结果.xlsx', '收到的报告'], dir);
    assert.equal(excelAsText.status, 2);
    assert.match(excelAsText.stderr, /-o“结果\.xlsx”的扩展名 \.xlsx 与 --format stylish 不符.*请用 --format xlsx/);
    assert.equal(existsSync(join(dir, '结果.xlsx')) && statSync(join(dir, '结果.xlsx')).size > 0 && readFileSync(join(dir, '结果.xlsx')).subarray(0, 2).toString() === 'PK', true);
    const csvAsHtml = nianbao(['--format', 'csv', '-o', '结果.html', '收到的报告'], dir);
    assert.equal(csvAsHtml.status, 2);
    assert.match(csvAsHtml.stderr, /与 --format csv 不符/);
    assert.equal(existsSync(join(dir, '结果.html')), false);
    const toTerminal = nianbao(['--format', 'xlsx', '收到的报告'], dir);
    assert.equal(toTerminal.status, 2);
    assert.match(toTerminal.stderr, /--format xlsx 写出的是 Excel 文件，不能输出到终端：请用 -o 指定文件/);
    // An extension of no report format is the user's choice.
    assert.equal(nianbao(['--format', 'csv', '-o', '结果.dat', '收到的报告'], dir).status, 1);
  });

  it('html: one self-contained page; in headless Chromium the summary lists every file, the problems are plain, the wrong cells marked', async (t) => {
    const run = nianbao(['--format', 'html', '-o', '审核意见.html', '收到的报告'], dir);
    assert.equal(run.status, 1, run.stderr);
    const html = readFileSync(join(dir, '审核意见.html'), 'utf8');
    assert.equal(nianbao(['--format', 'html', '收到的报告'], dir).stdout, html);
    assert.doesNotMatch(html, /<script|<link|src=|url\(|@import/);
    const chromium = chromiumPath();
    if (!chromium) {
      t.skip('no Chromium (apt-get install chromium)');
      return;
    }
    const { chromium: browserType } = await import('playwright-core');
    const browser = await browserType.launch({ executablePath: chromium, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(`file://${join(dir, '审核意见.html')}`);
      assert.equal(requests.length, 1, `only the page itself: ${requests.join(', ')}`);
      const summary = await page.$$eval('table.summary tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')));
      assert.equal(summary.length, FILES.length);
      const row = (file: string) => summary.find((r) => r[4]!.startsWith(`收到的报告/${file}`))!;
      assert.deepEqual(row('青山县交通运输局.docx').slice(1, 8), ['青山县交通运输局', '2023年度', '2021版格式', '收到的报告/青山县交通运输局.docx（Word 文档）', '0', '0', '未发现问题']);
      assert.deepEqual(row('白水镇.docx').slice(5, 7), ['2', '4']);
      assert.match(row('白水镇.docx')[7]!, /有错误，需修改；同一单位同一年度另有：收到的报告\/白水镇（网页）\.html/);
      assert.match(row('旧版.doc')[7]!, /^未能检查：旧版 Word 文档/);
      assert.match(row('会议纪要.md')[7]!, /^跳过：/);
      // Checked files first, then those not read, then those skipped.
      assert.deepEqual(summary.map((r) => r[4]!.replace(/（.*$/, '').replace('收到的报告/', '')).slice(-3), ['扫描件.pdf', '旧版.doc', '会议纪要.md']);
      const text = await page.evaluate(() => document.body.innerText);
      assert.doesNotMatch(text, JARGON);
      // 白水镇: the undetermined relations are one numbered line, their three cells marked in 表三 as errors.
      const baishui = page.locator('section.unit', { hasText: '收到的报告/白水镇.docx' });
      const items = await baishui.locator('ol.problems li').allInnerTexts();
      assert.equal(items.length, 7);
      const sixth = items.findIndex((i) => /表三有 3 处勾稽关系不成立/.test(i));
      assert.ok(sixth >= 0);
      const marked = await baishui.locator('table.table3 td.error').allInnerTexts();
      assert.equal(marked.length, 3);
      const note = String.fromCodePoint(0x2460 + sixth);
      assert.ok(marked.every((m) => m.endsWith(note)), marked.join(' '));
      assert.equal(await baishui.locator('table.table4 td.error').count(), 1);
      // The blank draft: one line, 表三's empty cells hatched without numbers.
      const blank = page.locator('section.unit', { hasText: '青山县交通运输局2024.md' });
      assert.equal((await blank.locator('ol.problems li').allInnerTexts()).filter((i) => /表三未填写/.test(i)).length, 1);
      assert.ok((await blank.locator('table.table3 td.blank').count()) > 100);
      assert.equal(await blank.locator('table.table3 td.blank sup').count(), 0);
      // Clean reports and files not read have no section of their own.
      assert.equal(await page.locator('section.unit').count(), 5);
      const shot = await page.screenshot({ fullPage: false });
      assert.ok(shot.length > 20_000);
      // Printable: A4 pages, one report per page.
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 0);
    } finally {
      await browser.close();
    }
  });
});

describe('nianbao check --format docx: one 审核意见 per report with problems', async () => {
  const dir = await inboxFolder({ blank: true });
  const { mkdirSync, readdirSync } = await import('node:fs');
  const mammoth = await import('mammoth');
  const JSZip = (await import('jszip')).default;

  it('writes one Word letter per report with problems into the directory, read back by mammoth, its wrong cells shaded and numbered', async () => {
    mkdirSync(join(dir, '审核意见'));
    const run = nianbao(['--format', 'docx', '-o', '审核意见', '收到的报告'], dir);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^已写出 5 份审核意见：/);
    assert.deepEqual(readdirSync(join(dir, '审核意见')).sort(), [
      '济宁市兖州区鼓楼街道2021年度审核意见.docx',
      '白水镇人民政府2021年度审核意见.docx',
      '白水镇人民政府2021年度审核意见（2）.docx',
      '红河街道办事处2020年度审核意见.docx',
      '青山县交通运输局2024年度审核意见.docx',
    ].sort());
    const path = join(dir, '审核意见', '白水镇人民政府2021年度审核意见.docx');
    const { value: text } = await mammoth.extractRawText({ path });
    assert.match(text, /^关于白水镇人民政府2021年度政府信息公开工作年度报告的审核意见\n+白水镇人民政府：\n+你单位报送的2021年度政府信息公开工作年度报告（白水镇\.docx）经审核，发现以下 7 个问题/);
    assert.match(text, /一、须改正的问题\n+1\. 表三 第27行“（七）总计” 第10列“总计”：表三有 3 处勾稽关系不成立/);
    assert.match(text, /二、请核对的问题\n+3\. /);
    assert.match(text, /三、供参考的提示\n+7\. 第11段/);
    assert.doesNotMatch(text, JARGON);
    const xml = await (await JSZip.loadAsync(readFileSync(path))).file('word/document.xml')!.async('string');
    // 表三's three cells and 表四's one, shaded as errors and noted ①, ②.
    assert.equal(xml.match(/w:fill="F8C9C4"/g)?.length, 4);
    assert.equal(xml.match(/<w:t[^>]*>①<\/w:t>/g)?.length, 3);
    assert.equal(xml.match(/<w:t[^>]*>②<\/w:t>/g)?.length, 1);
    // Written again: nothing replaced, said, exit 2.
    const again = nianbao(['--format', 'docx', '-o', '审核意见', '收到的报告'], dir);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /白水镇人民政府2021年度审核意见\.docx”已存在，未覆盖/);
  });

  it('needs -o naming an existing directory', () => {
    assert.equal(nianbao(['--format', 'docx', '收到的报告'], dir).status, 2);
    assert.match(nianbao(['--format', 'docx', '-o', '意见.docx', '收到的报告'], dir).stderr, /请用 -o 指定一个已有的目录/);
    assert.match(nianbao(['--format', 'docx', '-o', '没有这个目录', '收到的报告'], dir).stderr, /-o 应为已有的目录/);
  });
});
