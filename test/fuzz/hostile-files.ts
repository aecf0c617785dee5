/**
 * Hostile files for the importers and readers (issue 18), generated here, never committed:
 * zip packages with declared sizes that lie, deflate bombs, too many entries, escape codes in
 * entry names; Word documents with 100,000 table rows or elements nested 100,000 deep; web pages
 * nested as deep, or with text that looks like markup. Shared by test/unit/import-hostile.test.ts
 * (a few, bounded) and the fuzz part `importer` (random ones, many).
 */
import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a package as written: its bytes as stored, the method, and what it declares. */
export interface ZipEntry {
  readonly name: string;
  /** The bytes as they are stored (deflated already for method 8). */
  readonly stored: Buffer;
  readonly method: 0 | 8;
  /** The uncompressed size it declares (may lie). */
  readonly size: number;
  readonly crc: number;
}

/** An entry deflated from `data`, declaring its true size unless told otherwise. */
export function deflated(name: string, data: Buffer | string, declared?: number): ZipEntry {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  return { name, stored: deflateRawSync(bytes), method: 8, size: declared ?? bytes.length, crc: crc32(bytes) };
}

/** The fields local and central headers share, written from `at` (version needed, flags, method, CRC, sizes, name length). */
function commonFields(header: Buffer, at: number, entry: ZipEntry, nameLength: number): Buffer {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(0x0800, at + 2);
  header.writeUInt16LE(entry.method, at + 4);
  header.writeUInt32LE(entry.crc >>> 0, at + 10);
  header.writeUInt32LE(entry.stored.length, at + 14);
  header.writeUInt32LE(entry.size >>> 0, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
  return header;
}

/** A zip package of the entries, as Word writes one (no data descriptors, no ZIP64). */
export function zipPackage(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    commonFields(local, 4, entry, name.length);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    commonFields(central, 6, entry, name.length);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.stored);
    centrals.push(central, name);
    offset += 30 + name.length + entry.stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** Word's XML of one paragraph of text (escaped). */
export function paragraph(text: string): string {
  return `<w:p><w:r><w:t xml:space="preserve">${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</w:t></w:r></w:p>`;
}

/** The parts every .docx has, around a body. */
function skeleton(body: string, relationships = ''): ZipEntry[] {
  return [
    deflated(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    deflated('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    deflated('word/_rels/document.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships}</Relationships>`),
    deflated('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`),
  ];
}

/** A .docx whose body is the given Word XML, with extra entries. */
export function docxOf(body: string, extra: readonly ZipEntry[] = [], relationships = ''): Buffer {
  return zipPackage([...skeleton(body, relationships), ...extra]);
}

/** A short report's opening paragraphs, so an import has something to keep. */
export function reportBody(year = 2021): string {
  return [paragraph(`某某街道${year}年政府信息公开工作年度报告`), paragraph('一、总体情况'), paragraph('本年度依法做好政府信息公开工作。')].join('');
}

/** A Word table of `rows` rows of two cells. */
export function wordRows(rows: number): string {
  const row = '<w:tr><w:tc><w:p><w:r><w:t>行</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>';
  return `<w:tbl>${row.repeat(rows)}</w:tbl>`;
}

/** Word XML nested `depth` levels (runs in runs: not valid Word, which is the point). */
export function wordNesting(depth: number): string {
  return `<w:p>${'<w:r>'.repeat(depth)}<w:t>深</w:t>${'</w:r>'.repeat(depth)}</w:p>`;
}

/** A picture entry of `size` zero bytes, deflated (a deflate bomb: 64 MB deflate to 64 KB); at most 128 MB. */
export function zeroPicture(name: string, size: number): ZipEntry {
  if (size > 128 * 1024 * 1024) throw new Error('a larger picture is made with declaredPicture');
  const data = Buffer.alloc(size);
  return { name, stored: deflateRawSync(data, { level: 1 }), method: 8, size, crc: crc32(data) };
}

/** A picture entry that declares `size` bytes without holding them (only the declaration is read). */
export function declaredPicture(name: string, size: number): ZipEntry {
  return { name, stored: deflateRawSync(Buffer.alloc(1024)), method: 8, size, crc: 0 };
}

/** Word's XML of an inline picture in a paragraph of its own (relationship `rId9`). */
export const WORD_PICTURE =
  '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="表三"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip r:embed="rId9"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';

/** The relationship of {@link WORD_PICTURE} to `word/media/image1.png`. */
export const PICTURE_RELATIONSHIP = '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/>';

/** A web page with its elements nested `depth` deep around a paragraph. */
export function nestedPage(depth: number): string {
  return `<html><body>${'<div>'.repeat(depth)}<p>深</p>${'</div>'.repeat(depth)}</body></html>`;
}

/** A PDF of the given page content streams (PDF 1.4, one font, a correct cross-reference table). */
export function pdfOf(contents: readonly string[], extra = ''): Buffer {
  const objects: string[] = [];
  const pageIds = contents.map((_, i) => 4 + 2 * i);
  objects.push('<< /Type /Catalog /Pages 2 0 R >>');
  objects.push(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${contents.length} >>`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  contents.forEach((content, i) => {
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i]! + 1} 0 R >>`);
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
  });
  let out = `%PDF-1.4\n${extra}`;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
