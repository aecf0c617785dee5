/**
 * The numbering at the start of a heading: 三、 (section), （二） (sub-heading), 3、 or 3. .
 */
import { parseChineseNumeral } from '../text/numerals.js';
import type { TextRange } from '../text/lines.js';

/** A heading's leading number and how it is written. */
export interface Numbering {
  /** chinese: 三、 · arabic: 3、 or 3. · paren: （三） or (3) · none. */
  readonly kind: 'chinese' | 'arabic' | 'paren' | 'none';
  /** For paren numbering: whether the numeral inside is Chinese or Arabic. */
  readonly digits: 'chinese' | 'arabic' | 'none';
  readonly value?: number;
  /** The numbering as written, with its separator. */
  readonly raw: string;
  /** Offsets of the numbering in the document (empty at the text start when none). */
  readonly range: TextRange;
  /** The text after the numbering and any white space. */
  readonly rest: string;
}

const SPACE = '[\\s\\u00a0\\u3000]*';
const CHINESE = new RegExp(`^([一二三四五六七八九十]{1,3})${SPACE}[、.．，,]${SPACE}`);
const ARABIC = new RegExp(`^([0-9０-９]{1,2})${SPACE}(?:[、．，,]|\\.(?![0-9]))${SPACE}`);
const PAREN = new RegExp(`^[（(]${SPACE}([一二三四五六七八九十]{1,3}|[0-9０-９]{1,2})${SPACE}[）)]${SPACE}`);

function arabic(text: string): number {
  return Number(text.normalize('NFKC'));
}

/** Reads the numbering at the start of `text`, which starts at offset `start` in the document. */
export function readNumbering(text: string, start: number): Numbering {
  let m = CHINESE.exec(text);
  if (m) {
    const value = parseChineseNumeral(m[1]!);
    if (value !== undefined) {
      const raw = m[0].trimEnd();
      return { kind: 'chinese', digits: 'chinese', value, raw, range: { start, end: start + raw.length }, rest: text.slice(m[0].length) };
    }
  }
  m = ARABIC.exec(text);
  if (m) {
    const raw = m[0].replace(/[\s\u00a0\u3000]+$/, '');
    return { kind: 'arabic', digits: 'arabic', value: arabic(m[1]!), raw, range: { start, end: start + raw.length }, rest: text.slice(m[0].length) };
  }
  m = PAREN.exec(text);
  if (m) {
    const inner = m[1]!;
    const chinese = parseChineseNumeral(inner);
    const raw = m[0].replace(/[\s\u00a0\u3000]+$/, '');
    return {
      kind: 'paren',
      digits: chinese === undefined ? 'arabic' : 'chinese',
      value: chinese ?? arabic(inner),
      raw,
      range: { start, end: start + raw.length },
      rest: text.slice(m[0].length),
    };
  }
  return { kind: 'none', digits: 'none', raw: '', range: { start, end: start }, rest: text };
}
