/**
 * Just enough of the PE format (Windows executables) to check what `npm run sea` made without
 * running it: the resource postject injected (RT_RCDATA by name), the certificate table's entry
 * and the optional header's checksum.
 */

/** A section of a PE file: where its bytes are in memory (RVA) and in the file. */
interface Section {
  readonly name: string;
  readonly virtualAddress: number;
  readonly virtualSize: number;
  readonly rawOffset: number;
  readonly rawSize: number;
}

/** What the checks read from a PE file's headers. */
export interface PeHeaders {
  readonly sections: readonly Section[];
  /** File offset of the optional header's CheckSum field. */
  readonly checksumOffset: number;
  readonly checksum: number;
  /** The certificate table's data directory entry (a file offset, not an RVA). */
  readonly certificate: { readonly offset: number; readonly size: number };
  /** The resource table's data directory entry (an RVA). */
  readonly resources: { readonly rva: number; readonly size: number };
}

const RT_RCDATA = 10;

/** Reads the headers of a PE file; throws on anything that is not one. */
export function readPeHeaders(pe: Buffer): PeHeaders {
  if (pe.readUInt16LE(0) !== 0x5a4d) throw new Error('no MZ header');
  const header = pe.readUInt32LE(0x3c);
  if (pe.readUInt32LE(header) !== 0x00004550) throw new Error('no PE signature');
  const sectionCount = pe.readUInt16LE(header + 6);
  const optionalSize = pe.readUInt16LE(header + 20);
  const optional = header + 24;
  const directories = optional + (pe.readUInt16LE(optional) === 0x20b ? 112 : 96);
  const entry = (index: number) => ({ a: pe.readUInt32LE(directories + 8 * index), b: pe.readUInt32LE(directories + 8 * index + 4) });
  const sections: Section[] = [];
  for (let i = 0; i < sectionCount; i++) {
    const at = optional + optionalSize + 40 * i;
    sections.push({
      name: pe.toString('latin1', at, at + 8).replace(/\0+$/, ''),
      virtualSize: pe.readUInt32LE(at + 8),
      virtualAddress: pe.readUInt32LE(at + 12),
      rawSize: pe.readUInt32LE(at + 16),
      rawOffset: pe.readUInt32LE(at + 20),
    });
  }
  const certificate = entry(4);
  const resources = entry(2);
  return {
    sections,
    checksumOffset: optional + 64,
    checksum: pe.readUInt32LE(optional + 64),
    certificate: { offset: certificate.a, size: certificate.b },
    resources: { rva: resources.a, size: resources.b },
  };
}

function fileOffset(headers: PeHeaders, rva: number): number {
  const section = headers.sections.find((s) => rva >= s.virtualAddress && rva < s.virtualAddress + Math.max(s.virtualSize, s.rawSize));
  if (!section) throw new Error(`RVA ${rva} is in no section`);
  return rva - section.virtualAddress + section.rawOffset;
}

/** The bytes of the RT_RCDATA resource named `name` (its first language), if there is one. */
export function rcdataResource(pe: Buffer, name: string): Buffer | undefined {
  const headers = readPeHeaders(pe);
  if (headers.resources.rva === 0) return undefined;
  const root = fileOffset(headers, headers.resources.rva);
  /** The entries of the resource directory at `offset` (relative to the root). */
  const entries = (offset: number) => {
    const at = root + offset;
    const count = pe.readUInt16LE(at + 12) + pe.readUInt16LE(at + 14);
    return Array.from({ length: count }, (_, i) => {
      const id = pe.readUInt32LE(at + 16 + 8 * i);
      const target = pe.readUInt32LE(at + 16 + 8 * i + 4);
      const named = (id & 0x80000000) !== 0;
      const nameAt = root + (id & 0x7fffffff);
      return {
        id: named ? undefined : id,
        name: named ? pe.toString('utf16le', nameAt + 2, nameAt + 2 + 2 * pe.readUInt16LE(nameAt)) : undefined,
        directory: (target & 0x80000000) !== 0,
        offset: target & 0x7fffffff,
      };
    });
  };
  const type = entries(0).find((e) => e.id === RT_RCDATA && e.directory);
  const named = type && entries(type.offset).find((e) => e.name === name && e.directory);
  const language = named && entries(named.offset)[0];
  if (!language || language.directory) return undefined;
  const data = root + language.offset;
  const start = fileOffset(headers, pe.readUInt32LE(data));
  return pe.subarray(start, start + pe.readUInt32LE(data + 4));
}

/** The PE checksum of the file, computed as imagehlp's CheckSumMappedFile does. */
export function peChecksum(pe: Buffer): number {
  const { checksumOffset } = readPeHeaders(pe);
  let sum = 0;
  for (let i = 0; i < pe.length; i += 2) {
    const word = i === checksumOffset || i === checksumOffset + 2 ? 0 : i + 1 < pe.length ? pe.readUInt16LE(i) : pe[i]!;
    sum += word;
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  return ((sum & 0xffff) + pe.length) >>> 0;
}
