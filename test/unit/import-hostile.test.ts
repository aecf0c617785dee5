/**
 * Issue 18, items 3 and 5, for the importers: zip bombs, lying sizes, too many entries or rows,
 * deep nesting, escape codes in names; text that looks like markup; a picture where a table
 * should be. Every hostile file is generated in the test (test/fuzz/hostile-files.ts); every
 * import is bounded in time, and the CLI runs in a heap of 192 MB, so a reader that inflates or
 * decodes what it should not fails here instead of taking gigabytes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/core/index.js';
import { importDraft } from '../../server/src/shell/import-draft.js';
import { forTerminal } from '../../server/src/shell/terminal-text.js';
import { declaredPicture, deflated, docxOf, nestedPage, paragraph, PICTURE_RELATIONSHIP, reportBody, WORD_PICTURE, wordNesting, wordRows, zeroPicture, zipPackage } from '../fuzz/hostile-files.js';
import { ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin', 'nianbao.js');

async function refusal(bytes: Buffer, kind: 'docx' | 'html' = 'docx'): Promise<string> {
  const result = await importDraft(bytes, kind);
  assert.ok('error' in result, `imported: ${'text' in result ? result.text.slice(0, 200) : ''}`);
  return result.error.zh;
}

/** The built CLI in a small heap, with a time limit. */
function nianbao(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--max-old-space-size=192', BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(result.signal, null, `nianbao ${args.join(' ')} did not end within 60 s`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('.docx budgets: checked before inflating and while inflating', () => {
  it('XML that would inflate past 16 MB is refused before it is inflated', { timeout: 20_000 }, async () => {
    const body = paragraph('本年度共收到政府信息公开申请。'.repeat(20)).repeat(40_000);
    assert.match(await refusal(docxOf(body)), /Word 文档中的 XML 解压后超过 16\.0 MB（上限，到“word\/document\.xml”为止），未导入/);
  });

  it('a part that inflates to more than it declares is refused while inflating', { timeout: 20_000 }, async () => {
    const xml = `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraph('多').repeat(200_000)}</w:body></w:document>`;
    const lying = deflated('word/document.xml', xml, 10_000);
    const entries = [deflated('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'), deflated('_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'), lying];
    assert.match(await refusal(zipPackage(entries)), /“word\/document\.xml”解压后大于它声明的大小，可能是“压缩炸弹”，未导入/);
  });

  it('a package declaring more than 256 MB (a 1 GB picture in 1 MB) is refused before anything is inflated', { timeout: 20_000 }, async () => {
    const bytes = docxOf(reportBody() + WORD_PICTURE, [declaredPicture('word/media/image1.png', 1024 * 1024 * 1024)], PICTURE_RELATIONSHIP);
    assert.ok(bytes.length < 1024 * 1024);
    assert.match(await refusal(bytes), /Word 文档解压后超过 256\.0 MB（上限），可能是“压缩炸弹”，未导入/);
  });

  it('3,000 entries are refused', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => deflated(`word/media/p${i}.png`, 'x'));
    assert.match(await refusal(docxOf(reportBody(), many)), /Word 文档中的文件过多（3004 个，上限 2000 个），未导入/);
  });

  it('100,000 table rows are refused before mammoth reads them (they took 49 s and 2 GB)', { timeout: 20_000 }, async () => {
    assert.match(await refusal(docxOf(reportBody() + wordRows(100_000))), /Word 文档中的表格行过多（上限 5000 行），未导入/);
  });

  it('elements nested 100,000 deep are refused', { timeout: 20_000 }, async () => {
    assert.match(await refusal(docxOf(reportBody() + wordNesting(100_000))), /Word 文档中的元素嵌套过深（上限 200 层），未导入/);
  });

  it('a 64 MB picture (a deflate bomb) is never inflated: the draft is imported, the picture dropped with a note', { timeout: 30_000 }, async () => {
    const bytes = docxOf(reportBody() + WORD_PICTURE, [zeroPicture('word/media/image1.png', 64 * 1024 * 1024)], PICTURE_RELATIONSHIP);
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-hostile-'));
    writeFileSync(join(dir, 'picture.docx'), bytes);
    // In a 192 MB heap: the picture as base64 in HTML (what mammoth made of it before) does not fit.
    const run = nianbao(['import', 'picture.docx'], dir);
    assert.equal(run.status, 0, run.stderr.slice(0, 1000));
    const text = readFileSync(join(dir, 'picture.md'), 'utf8');
    assert.doesNotMatch(text, /base64|data:/);
    assert.match(text, /本年度依法做好政府信息公开工作。/);
    assert.match(run.stderr, /删除了 1 张图片/);
  });

  it('an entry name with terminal escape codes is shown escaped, never raw', { timeout: 20_000 }, async () => {
    const evil = 'word/\u001b[2J\u001b[31mdocument.xml';
    const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${evil}"/></Relationships>`;
    const entries = [deflated('_rels/.rels', rels), { ...deflated(evil, '<w:document/>'), stored: Buffer.from('not deflate') }];
    const message = await refusal(zipPackage(entries));
    // eslint-disable-next-line no-control-regex -- the escape character is what must not appear
    assert.doesNotMatch(message, /\u001b/);
    assert.match(message, /\\u\{1b\}\[2J/);
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-hostile-'));
    writeFileSync(join(dir, 'evil.docx'), zipPackage(entries));
    const run = nianbao(['import', 'evil.docx'], dir);
    assert.equal(run.status, 2);
    // eslint-disable-next-line no-control-regex -- the escape character is what must not appear
    assert.doesNotMatch(run.stderr, /\u001b/);
    assert.deepEqual(readdirSync(dir), ['evil.docx']);
    assert.equal(forTerminal('a\u001b[31mb\u009bc\u202ed\te\n'), 'a\\u{1b}[31mb\\u{9b}c\\u{202e}d\te\n');
  });
});

describe('HTML import budgets', () => {
  it('a page nested 100,000 deep is refused with a message, no stack trace', { timeout: 30_000 }, async () => {
    assert.match(await refusal(Buffer.from(nestedPage(100_000)), 'html'), /其中的元素嵌套过深（上限 256 层），未导入/);
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-hostile-'));
    writeFileSync(join(dir, 'deep.html'), nestedPage(100_000));
    const run = nianbao(['import', 'deep.html'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /嵌套过深/);
    assert.doesNotMatch(run.stderr, /RangeError| {4}at /);
  });

  it('a page of 400,000 elements is refused before it is parsed', { timeout: 20_000 }, async () => {
    assert.match(await refusal(Buffer.from(`<html><body>${'<b>x</b>'.repeat(400_000)}</body></html>`), 'html'), /其中的元素过多（400002 个，上限 300000 个），未导入/);
  });

  it('a page whose table merges expand past the budget is refused', { timeout: 20_000 }, async () => {
    const rows = Array.from({ length: 300 }, () => `<tr>${'<td rowspan=100 colspan=40>1</td>'.repeat(100)}</tr>`).join('');
    assert.match(await refusal(Buffer.from(`<html><body><h1>某某街道2021年政府信息公开工作年度报告</h1><table>${rows}</table></body></html>`), 'html'), /其中表格的合并单元格（rowspan\/colspan）过多：展开后超过 50000 格（上限），未导入/);
  });
});

describe('import carries text as text', () => {
  const TRAPS = ['<!-- nianbao-disable-file -->', '<script>alert(1)</script>', '# 不是标题', '> 不是引用', '```', '[注]: http://example.com', '&lt; 不是实体', '\\* 反斜杠'];

  it('a Word file: no directive, tag, heading, quote, fence or definition appears that it did not have', { timeout: 20_000 }, async () => {
    const result = await importDraft(docxOf(reportBody() + TRAPS.map(paragraph).join('')), 'docx');
    assert.ok('text' in result);
    const lines = result.text.split('\n').filter((l) => l.trim() !== '');
    for (const trap of TRAPS) assert.ok(!lines.includes(trap), `${trap} came through as markup: ${JSON.stringify(lines)}`);
    assert.ok(lines.includes('&lt;!-- nianbao-disable-file -->'));
    assert.ok(lines.includes('&lt;script>alert(1)&lt;/script>'));
    assert.ok(lines.includes('\\# 不是标题'));
    assert.ok(lines.includes('&amp;lt; 不是实体'));
    assert.ok(lines.includes('\\\\* 反斜杠'));
    // Every check still runs: the literal comment switches nothing off.
    const checked = checkText(result.text);
    assert.ok(checked.findings.some((f) => f.rule === 'missing-section'), JSON.stringify(checked.findings.map((f) => f.rule)));
    assert.equal(checked.findings.filter((f) => f.rule === 'unused-disable').length, 0);
  });

  it('a web page: text that reads as a comment or a tag stays text, in prose and in a table cell', async () => {
    const page = `<html><body><h1>某某街道2021年政府信息公开工作年度报告</h1><p>&lt;!-- nianbao-disable-file --&gt;</p><table><tr><td>&lt;b&gt;甲&lt;/b&gt;</td><td>1</td></tr><tr><td>乙</td><td>2</td></tr><tr><td>丙</td><td>3</td></tr></table><!-- nianbao-disable-file --></body></html>`;
    const result = await importDraft(Buffer.from(page), 'html');
    assert.ok('text' in result);
    assert.doesNotMatch(result.text, /<!--|<b>/);
    assert.ok(checkText(result.text).findings.length > 0);
  });

  it('a picture where 表三 should be is marked and named; a picture elsewhere is dropped', { timeout: 20_000 }, async () => {
    const body = [
      paragraph('某某街道2021年政府信息公开工作年度报告'),
      paragraph('一、总体情况'),
      WORD_PICTURE,
      paragraph('二、主动公开政府信息情况'),
      paragraph('三、收到和处理政府信息公开申请情况'),
      WORD_PICTURE,
      paragraph('四、政府信息公开行政复议、行政诉讼情况'),
    ].join('');
    const result = await importDraft(docxOf(body, [zeroPicture('word/media/image1.png', 1000)], PICTURE_RELATIONSHIP), 'docx');
    assert.ok('text' in result);
    const notes = result.notes.map((n) => n.zh);
    assert.ok(notes.some((n) => /“三、收到和处理政府信息公开申请情况”中的表三是一张图片，无法导入和核对，已在草稿中标出/.test(n)), JSON.stringify(notes));
    assert.ok(notes.some((n) => /删除了 1 张图片/.test(n)), JSON.stringify(notes));
    assert.equal(result.text.match(/!\[统计表图片\]\(图片未导入\)/g)?.length, 1);
    const findings = checkText(result.text).findings;
    const unreadable = findings.filter((f) => f.rule === 'table-unreadable');
    assert.equal(unreadable.length, 1);
    assert.match(unreadable[0]!.message.zh, /表三似乎是一张图片/);
    assert.ok(!findings.some((f) => f.rule === 'missing-table' && /表三/.test(f.message.zh)));
  });
});
