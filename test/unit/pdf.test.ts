/**
 * PDFs (issue 22): the committed PDFs of test/fixtures/forms/ (printed by LibreOffice from the Word
 * files of test/forms/make.ts, a few by Chromium from the saved pages; test/forms/generate-pdfs.ts)
 * give the findings of their Markdown — same rule, message, table, row and column — and say on
 * which page; a scan, a password, a damaged or cut file and an old .doc get their one line; the
 * reader's budgets hold against hostile PDFs made here.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkText } from '../../server/src/core/index.js';
import { checkFiles, type FileOutcome } from '../../server/src/cli/check-files.js';
import { layoutPdf } from '../../server/src/shell/pdf-layout.js';
import { PDF_LIMITS, readPdf } from '../../server/src/shell/pdf-read.js';
import { markdownKeys, outcomeKeys } from '../forms/compare.js';
import { pdfOf } from '../fuzz/hostile-files.js';
import { FIXTURES, ROOT, readMarkedFixture } from './helpers.js';

const FORMS = join(FIXTURES, 'forms');
const MANIFEST = JSON.parse(readFileSync(join(FORMS, 'manifest.json'), 'utf8')) as Record<string, string>;

describe('a text PDF printed from a Word file or a page gives the findings of its Markdown', () => {
  it(`each of the ${Object.keys(MANIFEST).length} committed PDFs`, async () => {
    const mismatches: string[] = [];
    for (const [pdf, source] of Object.entries(MANIFEST)) {
      const expected = markdownKeys(checkText(readMarkedFixture(join(ROOT, source)).text));
      const [outcome] = await checkFiles([{ path: join(FORMS, pdf), explicit: true, display: pdf }], { fix: false, locale: 'zh' });
      assert.equal(outcome!.state, 'checked', `${pdf}: ${outcome!.notRead?.message.zh}`);
      assert.equal(outcome!.form, 'pdf');
      const actual = outcomeKeys(outcome!);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        mismatches.push(`${pdf}:\n  missing: ${expected.filter((k) => !actual.includes(k)).join('\n           ')}\n  extra:   ${actual.filter((k) => !expected.includes(k)).join('\n           ')}`);
      }
      // Every finding says its page.
      for (const f of outcome!.findings) assert.match(f.where ?? '', /^第\d+页/, `${pdf}: ${f.rule} ${f.where}`);
    }
    assert.deepEqual(mismatches, [], mismatches.join('\n'));
  });
});

describe('what a PDF, a Word file or a page cannot be checked as gets one line saying what to do', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-refused-'));
  async function outcomeOf(name: string, bytes: Buffer): Promise<FileOutcome> {
    writeFileSync(join(dir, name), bytes);
    const [outcome] = await checkFiles([{ path: join(dir, name), explicit: true, display: name }], { fix: false, locale: 'zh' });
    return outcome!;
  }
  const cases: { name: string; bytes: () => Buffer; kind: string; says: RegExp }[] = [
    { name: 'scanned.pdf', bytes: () => readFileSync(join(FORMS, 'scanned.pdf')), kind: 'scanned', says: /扫描版 PDF.*需要文字版 PDF/ },
    { name: 'encrypted.pdf', bytes: () => readFileSync(join(FORMS, 'encrypted.pdf')), kind: 'encrypted', says: /受密码保护的 PDF/ },
    { name: 'cut.pdf', bytes: () => readFileSync(join(FORMS, 'seeds--seed-002-gulou-2021.lo.pdf')).subarray(0, 3000), kind: 'damaged', says: /PDF.*损坏|扫描版/ },
    { name: 'not-a.pdf', bytes: () => Buffer.from('这不是 PDF'), kind: 'damaged', says: /不是 PDF 文件/ },
    { name: 'old-word.doc', bytes: () => readFileSync(join(FORMS, 'old-word.doc')), kind: 'old-word', says: /旧版 Word 文档（\.doc）.*另存为」Word 文档（\.docx）/ },
    { name: 'renamed.docx', bytes: () => readFileSync(join(FORMS, 'old-word.doc')), kind: 'old-word', says: /旧版 Word 文档/ },
    { name: 'draft.wps', bytes: () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2048)]), kind: 'wps', says: /WPS 文字文档（\.wps）.*另存为」Word 文档（\.docx）/ },
    {
      name: 'password.docx',
      bytes: () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(512)]),
      kind: 'encrypted',
      says: /受密码保护的 Word 文档/,
    },
    { name: 'damaged.docx', bytes: () => Buffer.from('PK\u0003\u0004 not really a zip'), kind: 'damaged', says: /Word 文档.*损坏/ },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.kind}`, async () => {
      const outcome = await outcomeOf(c.name, c.bytes());
      assert.equal(outcome.state, 'failed');
      assert.equal(outcome.notRead?.kind, c.kind, outcome.notRead?.message.zh);
      assert.match(outcome.notRead!.message.zh, c.says);
      // Never the advice for a text file.
      assert.doesNotMatch(outcome.notRead!.message.zh, /UTF-8/);
      assert.ok(outcome.notRead!.message.en.length > 0);
    });
  }

  it('a .doc that is really a saved web page (Word’s “Web page” saved as .doc) is read as the page', async () => {
    const page = readFileSync(join(ROOT, 'examples', '2023-青山县交通运输局.md'), 'utf8');
    const html = `<html><body><h1>${page.split('\n')[0]!.replace(/^# /, '')}</h1>${page.split('\n').slice(1).filter((l) => l.startsWith('## ')).map((l) => `<h2>${l.slice(3)}</h2><p>内容。</p>`).join('')}</body></html>`;
    const outcome = await outcomeOf('page.doc', Buffer.from(html));
    assert.equal(outcome.state, 'checked');
    assert.equal(outcome.form, 'html');
  });
});

describe('the PDF reader keeps to its budgets (issue 18, issue 22)', () => {
  it(`refuses more than ${PDF_LIMITS.pages} pages before reading them`, async () => {
    const started = Date.now();
    const read = await readPdf(pdfOf(new Array<string>(PDF_LIMITS.pages + 1).fill('BT /F1 12 Tf 72 720 Td (x) Tj ET')));
    assert.ok('kind' in read && read.kind === 'too-complex', JSON.stringify(read));
    assert.match(read.message.zh, /有 301 页（上限 300 页）/);
    assert.ok(Date.now() - started < 10_000);
  });

  it('refuses too many drawing operators, too many pieces of text, and a read that takes too long', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `0 ${i % 800} m 595 ${i % 800} l S`).join('\n');
    const ops = await readPdf(pdfOf([lines]), { ...PDF_LIMITS, operators: 1000 });
    assert.ok('kind' in ops && ops.kind === 'too-complex');
    assert.match(ops.message.zh, /绘图指令过多（超过 1000 条，上限）/);
    const text = Array.from({ length: 500 }, (_, i) => `BT /F1 8 Tf ${(i % 20) * 28} ${800 - Math.floor(i / 20) * 10} Td (${i}) Tj ET`).join('\n');
    const items = await readPdf(pdfOf([text]), { ...PDF_LIMITS, textItems: 100 });
    assert.ok('kind' in items && items.kind === 'too-complex');
    assert.match(items.message.zh, /文字片段过多/);
    const slow = await readPdf(pdfOf(new Array<string>(50).fill(text)), { ...PDF_LIMITS, milliseconds: 1 });
    assert.ok('kind' in slow && slow.kind === 'too-complex');
    assert.match(slow.message.zh, /读取超过/);
  });

  it('never evaluates code in a PDF: a JavaScript action and a font program are only data', async () => {
    const marker = `__nianbao_pdf_ran_${process.pid}`;
    const js = `1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (globalThis.${marker} = 1) >> >>\nendobj\n`;
    const bytes = Buffer.from(pdfOf(['BT /F1 12 Tf 72 720 Td (x) Tj ET']).toString('latin1').replace(/1 0 obj\n<< \/Type \/Catalog \/Pages 2 0 R >>\nendobj\n/, js), 'latin1');
    await readPdf(bytes);
    assert.equal((globalThis as Record<string, unknown>)[marker], undefined);
  });

  it('a page of plain drawn text with no ruling lines is read as paragraphs', async () => {
    const read = await readPdf(pdfOf(['BT /F1 12 Tf 72 720 Td (Hello) Tj ET']));
    assert.ok(!('kind' in read));
    assert.equal(layoutPdf(read.pages).text, 'Hello\n');
  });
});
