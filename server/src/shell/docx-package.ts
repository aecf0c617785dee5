/**
 * A .docx read within budgets before mammoth sees it (issue 18). The size caps of the readers
 * counted compressed bytes, so a 307 KB .docx inflated to 314 MB of Markdown, a 1 MB one holding
 * a 1 GB image took 3.6 GB, and 100,000 table rows took 49 s and 2 GB. Here the package is
 * opened with a zip reader of our own, which mammoth reads through its `file` input:
 *
 * - before anything is inflated: the entry count, and the total uncompressed size the central
 *   directory declares; an encrypted, ZIP64 or otherwise unknown package is refused;
 * - while inflating: only the XML parts mammoth asks for, each inflated with its declared size as
 *   the most zlib may produce (a part that inflates to more is refused, not trusted), against one
 *   budget of expanded bytes for all of them;
 * - pictures are never inflated or decoded (mammoth is given no way to read them);
 * - the main document is measured before mammoth parses it: its elements, how deep they nest,
 *   its table rows.
 *
 * Past a budget: one message, in both languages, naming what and which limit; nothing is read
 * further. Pure JavaScript, no file access: bytes in. It runs in the CLI and in both language
 * servers (Node and a browser's web worker), so it inflates with fflate's streaming inflater (pure
 * JavaScript, no node:zlib) fed a slice at a time: each slice inflates to at most about a thousand
 * times its size, so a bomb is stopped within one slice's output of the declared size.
 */
import { Inflate } from 'fflate';
import { say, type LocalizedText } from '../core/index.js';
import { measureMarkup, type MarkupLimits } from './markup-budget.js';
import { forTerminal } from './terminal-text.js';

/** Compressed bytes inflated per step: DEFLATE expands at most about 1,032 times, so one step adds at most some 4 MB. */
const INFLATE_SLICE = 4 * 1024;

/** Thrown from the inflater's output callback when a part inflates past its declared size. */
const PAST_DECLARED = new Error('inflated past the declared size');

/**
 * The raw DEFLATE data of an entry inflated into exactly `size` bytes; `undefined` when it
 * inflates to more (inflating stops there). Throws when the data is not valid DEFLATE.
 */
function inflateBounded(stored: Uint8Array, size: number): Uint8Array | undefined {
  const out = new Uint8Array(size);
  let length = 0;
  const inflater = new Inflate((chunk) => {
    if (length + chunk.length > size) throw PAST_DECLARED;
    out.set(chunk, length);
    length += chunk.length;
  });
  try {
    if (stored.length === 0) inflater.push(stored, true);
    for (let at = 0; at < stored.length; at += INFLATE_SLICE) inflater.push(stored.subarray(at, at + INFLATE_SLICE), at + INFLATE_SLICE >= stored.length);
  } catch (error) {
    if (error === PAST_DECLARED) return undefined;
    throw error;
  }
  return out.subarray(0, length);
}

/** The little-endian fields of a zip file, read with bounds checked by the caller. */
class ZipBytes {
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  u16(at: number): number {
    return this.view.getUint16(at, true);
  }

  u32(at: number): number {
    return this.view.getUint32(at, true);
  }

  utf8(from: number, to: number): string {
    return new TextDecoder().decode(this.bytes.subarray(from, to));
  }
}

/** The budgets of a .docx, each far above a real report (its Word file: some 20 entries, under 2 MB of XML, a few hundred table rows). */
export const DOCX_LIMITS = {
  /** Entries in the package. */
  entries: 2_000,
  /** Uncompressed bytes of all entries together, as the package declares them. */
  declaredBytes: 256 * 1024 * 1024,
  /** Bytes the XML parts read may inflate to, together. */
  xmlBytes: 16 * 1024 * 1024,
  /** The main document: elements, nesting depth, table rows. */
  markup: { elements: 300_000, depth: 200, tableRows: 5_000 } satisfies MarkupLimits,
} as const;

/** What mammoth reads a package through (its undocumented `file` input: `exists` and `read`). */
export interface DocxFile {
  exists(name: string): boolean;
  read(name: string, encoding?: string): Promise<string | Uint8Array>;
}

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** A package that cannot be read within the budgets, and why. */
export class DocxRefusal extends Error {
  constructor(readonly reason: LocalizedText) {
    super(reason.en);
  }
}

/** An entry's name as a message shows it: no control characters (terminal-text.ts), at most 100 characters. */
function shown(name: string): string {
  const safe = forTerminal(name);
  return safe.length > 100 ? `${safe.slice(0, 100)}…` : safe;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 * 1024 ? `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const DAMAGED = (zh: string, en: string): DocxRefusal => new DocxRefusal(say(`无法读取 Word 文档，文件可能已损坏（${zh}）`, `cannot read the Word document, it may be damaged (${en})`));

/** The central directory's entries, checked against the budgets before anything is inflated. */
function readDirectory(bytes: ZipBytes): Map<string, Entry> {
  // The end of central directory record: within the last 64 KB + 22 bytes (its comment).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.u32(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw DAMAGED('没有找到 zip 目录', 'no zip directory');
  const count = bytes.u16(end + 10);
  const directorySize = bytes.u32(end + 12);
  const directoryOffset = bytes.u32(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    throw new DocxRefusal(say('Word 文档使用了 ZIP64 格式，超出了年度报告草稿的规模，未导入', 'the Word document uses the ZIP64 format, beyond any draft of an annual report; not imported'));
  }
  if (count > DOCX_LIMITS.entries) {
    throw new DocxRefusal(say(`Word 文档中的文件过多（${count} 个，上限 ${DOCX_LIMITS.entries} 个），未导入`, `the Word document holds too many files (${count}, the limit is ${DOCX_LIMITS.entries}); not imported`));
  }
  if (directoryOffset + directorySize > end) throw DAMAGED('zip 目录越界', 'zip directory out of bounds');
  const entries = new Map<string, Entry>();
  let declared = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.u32(at) !== 0x02014b50) throw DAMAGED('zip 目录项有误', 'bad zip directory entry');
    const nameLength = bytes.u16(at + 28);
    const entry: Entry = {
      flags: bytes.u16(at + 8),
      method: bytes.u16(at + 10),
      compressedSize: bytes.u32(at + 20),
      size: bytes.u32(at + 24),
      localOffset: bytes.u32(at + 42),
      name: bytes.utf8(at + 46, Math.min(end, at + 46 + nameLength)),
    };
    at += 46 + nameLength + bytes.u16(at + 30) + bytes.u16(at + 32);
    declared += entry.size;
    if (declared > DOCX_LIMITS.declaredBytes) {
      throw new DocxRefusal(
        say(
          `Word 文档解压后超过 ${megabytes(DOCX_LIMITS.declaredBytes)}（上限），可能是“压缩炸弹”，未导入`,
          `the Word document unpacks to more than ${megabytes(DOCX_LIMITS.declaredBytes)} (the limit): it may be a zip bomb; not imported`,
        ),
      );
    }
    if ((entry.flags & 1) !== 0) {
      throw new DocxRefusal(say('这是受密码保护的 Word 文档：请在 Word 中取消密码后再导入', 'a password-protected Word document: remove the password in Word first'));
    }
    entries.set(entry.name, entry);
  }
  return entries;
}

/** The parts mammoth may read: XML and relationships, and its own style map; never a picture. */
function readable(name: string): boolean {
  return /\.(xml|rels)$/i.test(name) || name === 'mammoth/style-map';
}

/**
 * Opens a .docx within the budgets: the file mammoth reads, or throws a `DocxRefusal`.
 * `word/document.xml` (or the main part the package names) is measured when first read.
 */
export function openDocx(data: Uint8Array): DocxFile {
  const bytes = new ZipBytes(data);
  const entries = readDirectory(bytes);
  let budget: number = DOCX_LIMITS.xmlBytes;
  const cache = new Map<string, Promise<Uint8Array>>();
  const inflated = async (entry: Entry): Promise<Uint8Array> => {
    if (!readable(entry.name)) throw new DocxRefusal(say(`不读取 Word 文档中的“${shown(entry.name)}”（图片等不导入）`, `“${shown(entry.name)}” in the Word document is not read (pictures are not imported)`));
    if (entry.size > budget) {
      throw new DocxRefusal(
        say(
          `Word 文档中的 XML 解压后超过 ${megabytes(DOCX_LIMITS.xmlBytes)}（上限，到“${shown(entry.name)}”为止），未导入`,
          `the XML of the Word document unpacks to more than ${megabytes(DOCX_LIMITS.xmlBytes)} (the limit, reached at “${shown(entry.name)}”); not imported`,
        ),
      );
    }
    budget -= entry.size;
    const local = entry.localOffset;
    if (local + 30 > bytes.length || bytes.u32(local) !== 0x04034b50) throw DAMAGED(`“${shown(entry.name)}”的位置有误`, `bad offset of “${shown(entry.name)}”`);
    const start = local + 30 + bytes.u16(local + 26) + bytes.u16(local + 28);
    const stored = bytes.bytes.subarray(start, start + entry.compressedSize);
    if (start + entry.compressedSize > bytes.length) throw DAMAGED(`“${shown(entry.name)}”不完整`, `“${shown(entry.name)}” is cut short`);
    let out: Uint8Array | undefined;
    if (entry.method === 0) out = stored;
    else if (entry.method === 8) {
      try {
        // At most the declared size: a part that inflates to more is refused, whatever it says.
        out = inflateBounded(stored, entry.size);
      } catch {
        throw DAMAGED(`“${shown(entry.name)}”无法解压`, `“${shown(entry.name)}” cannot be inflated`);
      }
      if (!out) {
        throw new DocxRefusal(say(`Word 文档中的“${shown(entry.name)}”解压后大于它声明的大小，可能是“压缩炸弹”，未导入`, `“${shown(entry.name)}” in the Word document inflates to more than it declares: it may be a zip bomb; not imported`));
      }
    } else throw DAMAGED(`“${shown(entry.name)}”使用了不支持的压缩方式 ${entry.method}`, `“${shown(entry.name)}” uses the unsupported compression method ${entry.method}`);
    if (out.length !== entry.size) throw DAMAGED(`“${shown(entry.name)}”的大小与声明不符`, `“${shown(entry.name)}” is not the size it declares`);
    if (/^word\/document[^/]*\.xml$/i.test(entry.name)) {
      const over = measureMarkup(new TextDecoder().decode(out), DOCX_LIMITS.markup);
      if (over) throw new DocxRefusal(say(`Word 文档${over.zh}，未导入`, `the Word document ${over.en}; not imported`));
    }
    return out;
  };
  return {
    exists: (name) => entries.has(name),
    async read(name, encoding) {
      const entry = entries.get(name);
      if (!entry) throw DAMAGED(`缺少“${shown(name)}”`, `“${shown(name)}” is missing`);
      let promise = cache.get(name);
      if (!promise) cache.set(name, (promise = inflated(entry)));
      const data = await promise;
      return encoding ? new TextDecoder(encoding === 'utf8' ? 'utf-8' : encoding).decode(data) : new Uint8Array(data);
    },
  };
}
