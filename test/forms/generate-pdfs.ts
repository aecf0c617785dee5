/**
 * Makes the PDFs and old Word files of test/fixtures/forms/ (issue 22), which `npm test` reads as
 * committed files: printing needs LibreOffice and Chromium, which a fresh machine does not have.
 *
 *   apt-get install libreoffice-writer-nogui chromium fonts-wqy-microhei
 *   node --import tsx test/forms/generate-pdfs.ts
 *
 * For each fixture listed in FIXTURES (one `wrong` case of each rule a Word file can express, the
 * seeds, the examples): its Word file (make.ts) printed by LibreOffice (`*.lo.pdf`); for a few, its
 * saved page printed by headless Chromium (`*.chrome.pdf`); besides them an old Word file saved by
 * LibreOffice (`old-word.doc`), a password-protected PDF (`encrypted.pdf`, password nianbao), a
 * scan (`scanned.pdf`: a page that is one picture) and `manifest.json` naming each PDF's source.
 */
import { execFileSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { docxOfBlocks, draftBlocks, pageOfBlocks } from './make.js';
import { FIXTURES, ROOT, readMarkedFixture } from '../unit/helpers.js';

const OUT = join(FIXTURES, 'forms');

/** Fixtures printed from their Word file; the ones marked `chrome` also from their page. */
function fixtures(): { source: string; chrome: boolean }[] {
  const out: { source: string; chrome: boolean }[] = [];
  const rules = join(FIXTURES, 'rules');
  for (const rule of readdirSync(rules).filter((r) => !r.startsWith('_') && !r.endsWith('.md')).sort()) {
    const first = readdirSync(join(rules, rule))
      .filter((f) => f.startsWith('wrong') && f.endsWith('.md'))
      .sort()
      .find((f) => draftBlocks(readMarkedFixture(join(rules, rule, f)).text) !== undefined);
    if (first) out.push({ source: `test/fixtures/rules/${rule}/${first}`, chrome: false });
  }
  for (const f of readdirSync(join(FIXTURES, 'seeds')).filter((f) => /^seed-.*\.md$/.test(f)).sort()) out.push({ source: `test/fixtures/seeds/${f}`, chrome: false });
  for (const f of readdirSync(join(ROOT, 'examples')).filter((f) => /^\d{4}-.*\.md$/.test(f)).sort()) out.push({ source: `examples/${f}`, chrome: /白水镇|白石县/.test(f) });
  return out.filter((f) => draftBlocks(readMarkedFixture(join(ROOT, f.source)).text) !== undefined);
}

function soffice(args: string[], cwd: string): void {
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(cwd, 'profile')}`, ...args], { cwd, stdio: 'ignore', timeout: 120_000 });
}

function chrome(html: string, pdf: string): void {
  execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${html}`], { stdio: 'ignore', timeout: 120_000 });
}

/** A PNG of noise: what a scanner gives, with no text layer. */
function png(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer): number => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 0;
  const rows = Buffer.alloc((width + 1) * height);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      rows[y * (width + 1) + 1 + x] = seed % 3 === 0 ? 40 : 235;
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'nianbao-pdfs-'));
  if (existsSync(OUT)) for (const f of readdirSync(OUT)) if (/\.(pdf|doc)$|^manifest\.json$/.test(f)) rmSync(join(OUT, f));
  mkdirSync(OUT, { recursive: true });
  const manifest: Record<string, string> = {};
  for (const { source, chrome: alsoChrome } of fixtures()) {
    const name = source.replace(/^test\/fixtures\/|^examples\//, '').replace(/\.md$/, '').replace(/[/]/g, '--');
    const blocks = draftBlocks(readMarkedFixture(join(ROOT, source)).text)!;
    writeFileSync(join(work, `${name}.docx`), await docxOfBlocks(blocks));
    soffice(['--convert-to', 'pdf', '--outdir', work, join(work, `${name}.docx`)], work);
    copyFileSync(join(work, `${name}.pdf`), join(OUT, `${name}.lo.pdf`));
    manifest[`${name}.lo.pdf`] = source;
    if (alsoChrome) {
      writeFileSync(join(work, `${name}.html`), pageOfBlocks(blocks).replace('charset=gb2312', 'charset=utf-8'));
      chrome(join(work, `${name}.html`), join(OUT, `${name}.chrome.pdf`));
      manifest[`${name}.chrome.pdf`] = source;
    }
    process.stdout.write(`${name}\n`);
  }
  // An old Word file, a password, a scan.
  const example = draftBlocks(readMarkedFixture(join(ROOT, 'examples', '2023-青山县交通运输局.md')).text)!;
  writeFileSync(join(work, 'old-word.docx'), await docxOfBlocks(example));
  soffice(['--convert-to', 'doc', '--outdir', work, join(work, 'old-word.docx')], work);
  copyFileSync(join(work, 'old-word.doc'), join(OUT, 'old-word.doc'));
  const protect = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"nianbao"}}';
  copyFileSync(join(work, 'old-word.docx'), join(work, 'encrypted.docx'));
  soffice(['--convert-to', protect, '--outdir', work, join(work, 'encrypted.docx')], work);
  copyFileSync(join(work, 'encrypted.pdf'), join(OUT, 'encrypted.pdf'));
  writeFileSync(join(work, 'scan.png'), png(600, 800));
  writeFileSync(join(work, 'scan.html'), '<!DOCTYPE html><html><body style="margin:0"><img src="scan.png" style="width:100%"></body></html>');
  chrome(join(work, 'scan.html'), join(OUT, 'scanned.pdf'));
  writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
}

void main();
