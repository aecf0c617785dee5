/**
 * What a table cell holds (markdown-convention.md: 无, /, —, NBSP, full-width digits,
 * thousands separators). A blank or 无 is never read as 0 (formats.md §11).
 */
import { stripInlineMarkup } from '../text/normalize.js';

/** The parsed content of a value cell. */
export type CellValue =
  | { readonly type: 'number'; readonly value: number; readonly text: string; readonly signed: boolean }
  | { readonly type: 'empty' }
  | { readonly type: 'placeholder'; readonly text: string }
  | { readonly type: 'invalid'; readonly text: string; readonly reason: 'unit' | 'note' | 'text'; readonly value?: number };

const PLACEHOLDER = /^(?:[-—–―‐/\\~～]+|无|暂无|不适用|空)$/;
const NUMBER = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;
const WITH_UNIT = /^([+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?)(?:万元|元|件|条|个|项|次|人次|家|宗)$/;
const WITH_NOTE = /^([+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?)[(（].*[)）]$/;

function toNumber(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/** Parses a cell's raw text. */
export function parseCellValue(raw: string): CellValue {
  const text = stripInlineMarkup(raw).normalize('NFKC').replace(/[\s\u200b\ufeff]+/g, '');
  if (text === '') return { type: 'empty' };
  if (PLACEHOLDER.test(text)) return { type: 'placeholder', text };
  if (NUMBER.test(text)) return { type: 'number', value: toNumber(text), text, signed: /^[+-]/.test(text) };
  let m = WITH_UNIT.exec(text);
  if (m) return { type: 'invalid', text, reason: 'unit', value: toNumber(m[1]!) };
  m = WITH_NOTE.exec(text);
  if (m) return { type: 'invalid', text, reason: 'note', value: toNumber(m[1]!) };
  return { type: 'invalid', text, reason: 'text' };
}

/** The number a cell holds, or undefined when it holds none (blank, 无, text). */
export function numericValue(value: CellValue): number | undefined {
  return value.type === 'number' ? value.value : undefined;
}
