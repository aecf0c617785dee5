/**
 * Message pieces of the arithmetic rules: the addends written out with their figures.
 */
import type { ObservedCell } from '../model/tables/types.js';
import { formatNumber } from './support.js';
import { say, type LocalizedText, type RelatedLocation } from './types.js';

/** An addend and how to name it. */
export interface Addend {
  readonly name: string;
  readonly value: number;
  readonly cell: ObservedCell;
}

const MAX_LISTED = 6;

/** 「自然人 5 + 商业企业 7」, leaving out zeros; `allZero` when every addend is 0. */
export function addendsText(addends: readonly Addend[], allZero: LocalizedText): LocalizedText {
  const nonZero = addends.filter((a) => a.value !== 0);
  if (nonZero.length === 0) return allZero;
  const listed = nonZero.slice(0, MAX_LISTED).map((a) => `${a.name} ${formatNumber(a.value)}`).join(' + ');
  const more = nonZero.length > MAX_LISTED;
  return say(`${listed}${more ? ' 等' : ''}${nonZero.length < addends.length ? '，其余为 0' : ''}`, `${listed}${more ? ' …' : ''}${nonZero.length < addends.length ? ', the rest 0' : ''}`);
}

/** The non-zero addends as related locations. */
export function addendLocations(addends: readonly Addend[]): RelatedLocation[] {
  return addends
    .filter((a) => a.value !== 0)
    .map((a) => ({ range: a.cell.content, message: say(`${a.name}：${formatNumber(a.value)}`, `${a.name}: ${formatNumber(a.value)}`) }));
}
