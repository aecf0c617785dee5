/**
 * Reading a Word draft (.docx, through mammoth: pure JavaScript, merged cells as rowspan/colspan)
 * or a saved web page (.html, in any encoding the shared decoder reads) into a canonical
 * Markdown draft (core/import-html.ts); a PDF through the reader the Node side passes. Bytes
 * in, text out: the CLI and the language server do the file access. The .docx is opened within budgets (docx-package.ts), and a message that
 * quotes the file (an entry name) carries no control characters (terminal-text.ts).
 */
import mammoth from 'mammoth';
import { draftFromHtml, draftFromText, say, type ImportedDraft, type LocalizedText } from '../core/index.js';
import { DocxRefusal, openDocx } from './docx-package.js';
import { decodeText } from './decode-text.js';
import { kindOfName } from './file-kind.js';
import { forTerminal } from './terminal-text.js';

/** What an import gives: the draft, or why there is none. */
export type ImportResult = ImportedDraft | { readonly error: LocalizedText };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: a password-protected .docx or an old binary .doc. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

/** The kinds of file an import reads (.doc and .wps only to say what to do with them). */
export type ImportKind = 'docx' | 'html' | 'pdf' | 'doc' | 'wps';

/** The kind of file an import reads, by its name. */
export function importKind(name: string): ImportKind | undefined {
  const kind = kindOfName(name);
  return kind === 'docx' || kind === 'html' || kind === 'pdf' || kind === 'doc' || kind === 'wps' ? kind : undefined;
}

/**
 * The reader of a PDF, .doc or .wps file (shell/read-source.ts, Node only: pdfjs and Buffer): a
 * draft's text and what it was read as, or why it was not read. The CLI and the Node language
 * server pass it; the browser's has none.
 */
export type OtherFileReader = (
  bytes: Uint8Array,
  kind: 'pdf' | 'doc' | 'wps',
) => Promise<{ readonly form: 'docx' | 'html' | 'pdf'; readonly text: string } | { readonly message: LocalizedText }>;

const NO_PDF_HERE = say(
  '此处（浏览器中的 VS Code）无法读取 PDF：请在桌面版 VS Code 或 nianbao 命令行中导入，或导入 Word 文档（.docx）',
  'a PDF cannot be read here (VS Code in a browser): import it in desktop VS Code or with the nianbao CLI, or import the Word document (.docx)',
);

/**
 * Converts a .docx, .html or .pdf file's bytes into a canonical Markdown draft. A PDF, .doc or
 * .wps file is read by `readOther`; without it a .doc or .wps is tried as a Word file (its own
 * message says what to do) and a PDF is refused. Never throws.
 */
export async function importDraft(bytes: Uint8Array, kind: ImportKind, readOther?: OtherFileReader): Promise<ImportResult> {
  if (kind === 'html') {
    const decoded = decodeText(bytes);
    if (!decoded) return { error: say('不是 UTF-8、GB18030 或 UTF-16 编码的网页', 'not a web page in UTF-8, GB18030 or UTF-16') };
    // A saved page: the report inside it, without the site's menus, breadcrumbs and footers (issue 22).
    return draftFromHtml(decoded.text, { page: true });
  }
  if (kind === 'pdf' && !readOther) return { error: NO_PDF_HERE };
  if ((kind === 'pdf' || kind === 'doc' || kind === 'wps') && readOther) {
    const source = await readOther(bytes, kind);
    if ('message' in source) return { error: source.message };
    if (source.form !== 'pdf') return importDraft(bytes, source.form === 'html' ? 'html' : 'docx');
    return draftFromText(source.text);
  }
  if (startsWith(bytes, OLE)) {
    return { error: say('这是受密码保护的 Word 文档，或旧版 .doc 文档：请在 Word 中取消密码，或另存为 .docx 后再导入', 'a password-protected Word document or an old .doc file: remove the password or save it as .docx in Word first') };
  }
  if (!startsWith(bytes, ZIP)) return { error: say('不是 .docx 文档（文件已损坏，或扩展名不对）', 'not a .docx document (damaged, or the wrong extension)') };
  let html: string;
  try {
    // Our reader within budgets (docx-package.ts); pictures are never read, so never inflated or decoded.
    const file = openDocx(bytes);
    const options = { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) };
    html = (await mammoth.convertToHtml({ file } as unknown as Parameters<typeof mammoth.convertToHtml>[0], options)).value;
  } catch (error) {
    if (error instanceof DocxRefusal) return { error: error.reason };
    const detail = forTerminal(error instanceof Error ? error.message : String(error)).slice(0, 300);
    return { error: say(`无法读取 Word 文档，文件可能已损坏（${detail}）`, `cannot read the Word document, it may be damaged (${detail})`) };
  }
  return draftFromHtml(html);
}
