/**
 * Chinese numerals as used in section and item numbering (一、 （三） 第二十条).
 */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** Parses a Chinese numeral up to 99 (一, 十, 十二, 二十, 二十三); undefined if it is not one. */
export function parseChineseNumeral(text: string): number | undefined {
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return undefined;
  const tenAt = text.indexOf('十');
  if (tenAt === -1) {
    if (text.length !== 1) return undefined;
    return DIGITS[text];
  }
  if (text.indexOf('十', tenAt + 1) !== -1) return undefined;
  const head = text.slice(0, tenAt);
  const tail = text.slice(tenAt + 1);
  const tens = head === '' ? 1 : DIGITS[head];
  const ones = tail === '' ? 0 : DIGITS[tail];
  if (tens === undefined || ones === undefined || head.length > 1 || tail.length > 1) return undefined;
  return tens * 10 + ones;
}

/** Writes 1–99 as a Chinese numeral (1 → 一, 10 → 十, 21 → 二十一). */
export function toChineseNumeral(value: number): string {
  const names = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (value < 10) return names[value] ?? String(value);
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  return `${tens === 1 ? '' : names[tens]}十${ones === 0 ? '' : names[ones]}`;
}
