/**
 * A report as it arrives (issue 22): a Word file, a saved web page or a PDF read into the draft
 * the checker reads, with the map that tells its findings in the source's own terms
 * (source-map.ts). A file that cannot be read so — an old .doc, a .wps, a scanned PDF, a
 * password, a damaged file — gets one message saying what it is and what to do. Bytes in; the CLI
 * and the language server do the file access. Never throws. Node only (Buffer, and pdfjs through
 * `require`): the browser's import reads no PDF.
 */
import { localize, readHtmlDraft, say, tablePlaceAt, type Language, type LocalizedText, type Report } from '../core/index.js';
import { DocxRefusal, openDocx } from './docx-package.js';
import { docxHtml } from './docx-html.js';
import { decodeText } from './encoding.js';
import { layoutPdf } from './pdf-layout.js';
import { readPdf } from './pdf-read.js';
import { blockAt, sourceOffset, type SourceMap } from './source-map.js';
import { forTerminal } from './terminal-text.js';

export type { ReportForm } from './source-map.js';
export { kindOfName, type FileKind } from './file-kind.js';

/** Why a file was not read, and what to do about it. */
export interface SourceRefusal {
  readonly kind: 'old-word' | 'wps' | 'encrypted' | 'damaged' | 'scanned' | 'too-complex' | 'not-text';
  readonly message: LocalizedText;
}

/** A report read from a Word file, a saved page or a PDF: the draft checked and its map. */
export interface SourceDraft {
  readonly form: 'docx' | 'html' | 'pdf';
  readonly text: string;
  readonly map: SourceMap;
  /** The draft read as a report, when reading it built one already (a Word file, a page). */
  readonly report?: Report;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** Whether an OLE file holds an encrypted Office package (a .docx with a password is one). */
function encryptedPackage(bytes: Uint8Array): boolean {
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1 << 20)).includes(name);
}

const OLD_WORD = say(
  '旧版 Word 文档（.doc），无法直接检查：请在 Word 或 WPS 中打开，「另存为」Word 文档（.docx）后再检查',
  'an old Word document (.doc), which cannot be checked directly: open it in Word or WPS and save it as a Word document (.docx)',
);
const WPS = say('WPS 文字文档（.wps），无法直接检查：请在 WPS 中打开，「另存为」Word 文档（.docx）后再检查', 'a WPS Writer document (.wps), which cannot be checked directly: open it in WPS and save it as a Word document (.docx)');
const ENCRYPTED_WORD = say('受密码保护的 Word 文档：请在 Word 中取消密码（「文件」→「信息」→「保护文档」）后再检查', 'a password-protected Word document: remove the password in Word first');
const SCANNED = say(
  '扫描版 PDF（只有图片，没有文字），无法核对：需要文字版 PDF（由 Word 或 WPS 直接「另存为」或「导出」PDF，不要打印后扫描），或直接提交 Word 文档（.docx）',
  'a scanned PDF (pictures only, no text), which cannot be checked: a PDF with text is needed (saved or exported from Word or WPS, not printed and scanned), or the Word document (.docx)',
);

function damagedWord(detail: string): SourceRefusal {
  return {
    kind: 'damaged',
    message: say(`无法读取 Word 文档，文件可能已损坏（${detail}）：请在 Word 中打开并重新保存为 .docx`, `cannot read the Word document, it may be damaged (${detail}): open it in Word and save it again as .docx`),
  };
}

/** The map of a draft read from HTML, from the blocks `readHtmlDraft` gives. */
function htmlMap(blocks: ReturnType<typeof blocksOf>, source: string | undefined): SourceMap {
  const segments = blocks.flatMap((b) =>
    b.copied ? b.copied.map((c) => ({ draft: b.start + c.offset, source: c.source, length: c.length })) : [{ draft: b.start, source: b.source, length: 0 }],
  );
  const mapped = blocks.map((b) => ({ start: b.start, end: b.end, ...(b.paragraph > 0 ? { paragraph: b.paragraph } : {}) }));
  return { blocks: mapped, segments, ...(source !== undefined ? { sourceText: source } : {}) };
}

function blocksOf(draft: Exclude<ReturnType<typeof readHtmlDraft>, { error: LocalizedText }>): typeof draft.blocks {
  return draft.blocks;
}

async function readDocx(bytes: Uint8Array): Promise<SourceDraft | SourceRefusal> {
  if (startsWith(bytes, OLE)) return encryptedPackage(bytes) ? { kind: 'encrypted', message: ENCRYPTED_WORD } : { kind: 'old-word', message: OLD_WORD };
  if (!startsWith(bytes, ZIP)) return damagedWord('不是 zip 格式 / not a zip package');
  let html: string;
  try {
    // Our own pass over the XML (docx-html.ts): mammoth, which `import` uses, is ten times slower for what a check needs.
    // Empty paragraphs are kept: the paragraphs are counted as Word counts them (第N段).
    html = await docxHtml(openDocx(bytes));
  } catch (error) {
    if (error instanceof DocxRefusal) return { kind: /密码/.test(error.reason.zh) ? 'encrypted' : /损坏/.test(error.reason.zh) ? 'damaged' : 'too-complex', message: error.reason };
    return damagedWord(forTerminal(error instanceof Error ? error.message : String(error)).slice(0, 200));
  }
  const draft = readHtmlDraft(html);
  if ('error' in draft) return { kind: 'too-complex', message: say(`Word 文档${draft.error.zh}`, `the Word document: ${draft.error.en}`) };
  return { form: 'docx', text: draft.text, map: htmlMap(blocksOf(draft), undefined), report: draft.report };
}

function readPage(bytes: Uint8Array): SourceDraft | SourceRefusal {
  const decoded = decodeText(bytes);
  if (!decoded) return { kind: 'not-text', message: say('不是 UTF-8、GB18030（GBK）或 UTF-16 编码的网页，未检查', 'not a web page in UTF-8, GB18030 (GBK) or UTF-16; not checked') };
  const draft = readHtmlDraft(decoded.text, { page: true });
  if ('error' in draft) return { kind: 'too-complex', message: say(`网页${draft.error.zh}`, `the web page: ${draft.error.en}`) };
  return { form: 'html', text: draft.text, map: htmlMap(blocksOf(draft), decoded.text), report: draft.report };
}

async function readPdfSource(bytes: Uint8Array): Promise<SourceDraft | SourceRefusal> {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) {
    return { kind: 'damaged', message: say('不是 PDF 文件（文件已损坏，或扩展名不对）：请重新导出 PDF，或提交 Word 文档（.docx）', 'not a PDF file (damaged, or the wrong extension): export it again, or send the Word document (.docx)') };
  }
  const read = await readPdf(bytes);
  if ('kind' in read) return read;
  const laid = layoutPdf(read.pages);
  // A page of a report holds hundreds of characters; a scan holds none (or a stamp's few).
  if (laid.characters < 30 * Math.max(1, Math.min(read.pages.length, 3)) / 3) return { kind: 'scanned', message: SCANNED };
  return { form: 'pdf', text: laid.text, map: laid.map };
}

/**
 * Reads a Word file, a saved web page or a PDF (by `kind`, from its name) into the draft the checker
 * reads, or says why it cannot. `.doc` and `.wps` always get their message (a `.doc` that is really
 * a .docx or a web page, as Word's "Web page" saved as .doc, is read as what it is).
 */
export async function readSource(bytes: Uint8Array, kind: 'docx' | 'html' | 'pdf' | 'doc' | 'wps'): Promise<SourceDraft | SourceRefusal> {
  try {
    if (kind === 'doc' || kind === 'wps') {
      if (startsWith(bytes, ZIP)) return await readDocx(bytes);
      if (startsWith(bytes, OLE)) return encryptedPackage(bytes) ? { kind: 'encrypted', message: ENCRYPTED_WORD } : kind === 'doc' ? { kind: 'old-word', message: OLD_WORD } : { kind: 'wps', message: WPS };
      const start = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 512)).toString('latin1').trimStart().toLowerCase();
      if (start.startsWith('<')) return readPage(bytes);
      return kind === 'doc' ? { kind: 'old-word', message: OLD_WORD } : { kind: 'wps', message: WPS };
    }
    if (kind === 'docx') return await readDocx(bytes);
    if (kind === 'html') return readPage(bytes);
    return await readPdfSource(bytes);
  } catch (error) {
    return { kind: 'damaged', message: say(`无法读取（${forTerminal(String((error as Error)?.message ?? error)).slice(0, 200)}）`, `cannot be read (${forTerminal(String((error as Error)?.message ?? error)).slice(0, 200)})`) };
  }
}

/** Whether a read gave a draft. */
export function isSourceDraft(read: SourceDraft | SourceRefusal): read is SourceDraft {
  return 'text' in read;
}

/** Where a finding is in the source, in its own terms, with the parts a tool may want. */
export interface SourcePosition {
  /** 「第3页 表三 第12行“（七）总计”第4列“自然人”」, 「第12段（“全年共收到…”）」, 「第233行」. */
  readonly text: LocalizedText;
  readonly page?: number;
  readonly paragraph?: number;
  /** The line of a saved web page (1-based). */
  readonly line?: number;
  readonly table?: string;
  readonly row?: number;
  readonly column?: number;
  readonly rowLabel?: string;
  readonly columnLabel?: string;
}

/** The first words of a paragraph, to find it with Ctrl+F: about 14 characters. */
function firstWords(text: string): string {
  const plain = text.replace(/^#+\s*/, '').replace(/\\(.)/g, '$1').replace(/\s+/g, ' ').trim();
  return plain.length > 14 ? `${plain.slice(0, 14)}…` : plain;
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Where a draft offset is in the source a draft was read from. */
export function sourcePosition(draft: SourceDraft, report: Report, offset: number): SourcePosition {
  const block = blockAt(draft.map, offset);
  const place = tablePlaceAt(report, offset);
  const parts: { zh: string[]; en: string[] } = { zh: [], en: [] };
  const out: { -readonly [K in keyof SourcePosition]?: SourcePosition[K] } = {};
  if (draft.form === 'pdf' && block) {
    const page = place && block.rowPages && place.row > 0 ? (block.rowPages[place.row - 1] ?? block.page) : block.page;
    if (page !== undefined) {
      out.page = page;
      parts.zh.push(`第${page}页`);
      parts.en.push(`page ${page}`);
    }
  }
  if (draft.form === 'html' && draft.map.sourceText !== undefined) {
    const at = sourceOffset(draft.map, offset);
    if (at !== undefined) {
      out.line = lineOfOffset(draft.map.sourceText, at);
      parts.zh.push(`第${out.line}行`);
      parts.en.push(`line ${out.line}`);
    }
  }
  if (place) {
    out.table = place.tableName;
    parts.zh.push(place.tableName);
    parts.en.push(place.table.replace('table', 'Table '));
    if (place.row > 0) {
      out.row = place.row;
      parts.zh.push(`第${place.row}行${place.rowLabel ? `“${place.rowLabel}”` : ''}`);
      parts.en.push(`row ${place.row}${place.rowLabel ? ` “${place.rowLabel}”` : ''}`);
      if (place.rowLabel) out.rowLabel = place.rowLabel;
    }
    if (place.column !== undefined) {
      out.column = place.column;
      // The column's name, or for a label or header cell the text in it.
      const named = place.columnLabel ?? place.cellText;
      parts.zh.push(`第${place.column}列${named ? `“${named}”` : ''}`);
      parts.en.push(`column ${place.column}${named ? ` “${named}”` : ''}`);
      if (place.columnLabel) out.columnLabel = place.columnLabel;
    }
  } else if (block) {
    const words = firstWords(draft.text.slice(block.start, block.end));
    if (draft.form === 'docx' && block.paragraph !== undefined) {
      out.paragraph = block.paragraph;
      parts.zh.push(`第${block.paragraph}段（“${words}”）`);
      parts.en.push(`paragraph ${block.paragraph} (“${words}”)`);
    } else if (draft.form === 'pdf') {
      parts.zh.push(`“${words}”一段`);
      parts.en.push(`the paragraph “${words}”`);
    }
  }
  return { ...out, text: say(parts.zh.join(' '), parts.en.join(', ')) };
}

/** A position shown in one language. */
export function showPosition(position: SourcePosition, language: Language): string {
  return localize(position.text, language);
}
