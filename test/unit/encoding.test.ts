/**
 * Report files as bytes ⇄ text (server/src/shell/encoding.ts): UTF-8 with or without a byte
 * order mark, UTF-16 with one, GB18030 when the bytes are not UTF-8, nothing else; and every
 * encoding read is written back byte for byte.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { checkText } from '../../server/src/core/index.js';
import { decodeText, encodeText, writesBackExactly, type TextEncoding } from '../../server/src/shell/encoding.js';
import { FIXTURES } from './helpers.js';

const SEEDS = readdirSync(join(FIXTURES, 'seeds'))
  .filter((f) => f.endsWith('.md') && f !== 'EXPECTED.md')
  .map((f) => ({ name: f, text: readFileSync(join(FIXTURES, 'seeds', f), 'utf8') }));

/** The bytes of `text` as another program would save it (independently of encodeText). */
function saved(text: string, how: TextEncoding): Buffer {
  const bom = how.bom ? '\ufeff' : '';
  switch (how.encoding) {
    case 'utf-8':
      return Buffer.from(bom + text, 'utf8');
    case 'utf-16le':
      return Buffer.from(bom + text, 'utf16le');
    case 'utf-16be':
      return Buffer.from(bom + text, 'utf16le').swap16();
    case 'gb18030':
      return iconv.encode(bom + text, 'gb18030');
  }
}

const ENCODINGS: readonly TextEncoding[] = [
  { encoding: 'utf-8', bom: false },
  { encoding: 'utf-8', bom: true },
  { encoding: 'utf-16le', bom: true },
  { encoding: 'utf-16be', bom: true },
  { encoding: 'gb18030', bom: false },
];

describe('decodeText and encodeText', () => {
  for (const how of ENCODINGS) {
    it(`read every seed saved as ${how.encoding}${how.bom ? ' with a BOM' : ''}, and write it back byte for byte`, () => {
      for (const seed of SEEDS) {
        const bytes = saved(seed.text, how);
        const decoded = decodeText(bytes);
        assert.ok(decoded, seed.name);
        assert.deepEqual({ encoding: decoded.encoding, bom: decoded.bom }, how, seed.name);
        assert.equal(decoded.text, seed.text, seed.name);
        assert.ok(writesBackExactly(bytes, decoded), seed.name);
        assert.ok(Buffer.from(encodeText(decoded.text, decoded)).equals(bytes), seed.name);
        // The checker sees the same text, so the same findings.
        assert.deepEqual(checkText(decoded.text).findings, checkText(seed.text).findings, seed.name);
      }
    });
  }

  it('reads a GBK file as GB18030 (GBK is a subset), and a GB18030 byte order mark', () => {
    const gbk = iconv.encode('# 某某县2022年政府信息公开工作年度报告\n', 'gbk');
    assert.deepEqual(decodeText(gbk), { encoding: 'gb18030', bom: false, text: '# 某某县2022年政府信息公开工作年度报告\n' });
    const marked = Buffer.concat([Buffer.from([0x84, 0x31, 0x95, 0x33]), gbk]);
    const decoded = decodeText(marked)!;
    assert.deepEqual({ encoding: decoded.encoding, bom: decoded.bom }, { encoding: 'gb18030', bom: true });
    assert.ok(Buffer.from(encodeText(decoded.text, decoded)).equals(marked));
  });

  it('refuses bytes that are neither UTF-8 nor GB18030, a byte order mark its bytes do not follow, and NUL in GB18030', () => {
    assert.equal(decodeText(Buffer.from([0x23, 0x20, 0xc4, 0xe3, 0xff, 0x0a])), undefined);
    assert.equal(decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff])), undefined, 'a PNG');
    assert.equal(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0xc4, 0xe3])), undefined, 'a UTF-8 BOM before GB18030 bytes');
    assert.equal(decodeText(Buffer.from([0xff, 0xfe, 0x41])), undefined, 'UTF-16 of an odd length');
    assert.equal(decodeText(Buffer.from([0xc4, 0xe3, 0x00, 0xba, 0xc3])), undefined, 'GB18030 with NUL');
    // Valid UTF-8 with NUL stays UTF-8, as before.
    assert.equal(decodeText(Buffer.from([0x61, 0x00, 0x62]))?.encoding, 'utf-8');
  });

  it('reads the head of a file without taking a character cut at the end for an error', () => {
    const text = '# 青松县市场监督管理局2022年政府信息公开工作年度报告\n';
    for (const how of ENCODINGS) {
      const bytes = saved(text, how);
      const head = bytes.subarray(0, bytes.length - 3);
      const decoded = decodeText(head, true);
      assert.ok(decoded, how.encoding);
      assert.equal(decoded.encoding, how.encoding, how.encoding);
      assert.ok(text.startsWith(decoded.text) && decoded.text.length >= text.length - 3, `${how.encoding}: ${decoded.text}`);
    }
  });

  it('writes every two-byte GB18030 code back as it was read, except the ones another code shares', () => {
    const shared: string[] = [];
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const bytes = Buffer.from([0xc4, 0xe3, lead, trail]);
        const decoded = decodeText(bytes);
        if (!decoded) continue;
        assert.equal(decoded.encoding, 'gb18030');
        if (!writesBackExactly(bytes, decoded)) shared.push(bytes.subarray(2).toString('hex'));
      }
    }
    // A3A0 reads as U+3000, the ideographic space, whose code is A1A1.
    assert.deepEqual(shared, ['a3a0']);
    const euro = Buffer.from([0xc4, 0xe3, 0x80]);
    assert.equal(writesBackExactly(euro, decodeText(euro)!), false, 'a lone 80 reads as €, whose code is A2E3');
  });

  it('encodes text the fixes changed in the same encoding', () => {
    for (const how of ENCODINGS) {
      const bytes = encodeText('表二标签“本年制发件数”', how);
      const decoded = decodeText(bytes)!;
      assert.equal(decoded.text, '表二标签“本年制发件数”', how.encoding);
      assert.equal(decoded.encoding, how.encoding);
    }
  });
});
