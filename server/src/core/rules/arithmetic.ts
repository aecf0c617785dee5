/**
 * Message pieces of the arithmetic rules: the addends written out with their figures.
 */
import type { ObservedCell } from '../model/tables/types.js';
import type { BrokenRelation } from './relation-check.js';
import { setCell } from './support.js';
import { formatNumber } from '../formats/wording.js';
import { say, type LocalizedText, type RelatedLocation, type RuleFinding } from '../findings.js';

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

/** How a “total should be …” finding names its subject and its fix. */
export interface TotalWording {
  /** 「表三“一、本年新收政府信息公开申请数量”一行：总计」 */
  readonly subject: LocalizedText;
  /** What the addends are, written before them in the message (may be empty). */
  readonly addendsIntro: LocalizedText;
  readonly allZero: LocalizedText;
  /** 「将总计改为」 */
  readonly fixVerb: LocalizedText;
}

/**
 * The finding of a broken total: 「…总计应为 12（自然人 5 + 商业企业 7），实为 13」, on the total
 * cell, with the non-zero addends as related locations and the unsafe fix that sets the total.
 */
export function totalFinding(broken: BrokenRelation, addends: readonly Addend[], wording: TotalWording): RuleFinding {
  const parts = addendsText(addends, wording.allZero);
  const expected = formatNumber(broken.expected);
  const actual = formatNumber(broken.leftSum);
  return {
    range: broken.target.content,
    message: say(
      `${wording.subject.zh}应为 ${expected}（${wording.addendsIntro.zh}${parts.zh}），实为 ${actual}`,
      `${wording.subject.en} should be ${expected} (${wording.addendsIntro.en}${parts.en}), but is ${actual}`,
    ),
    related: addendLocations(addends),
    fixes: [{ title: say(`${wording.fixVerb.zh} ${expected}`, `${wording.fixVerb.en} ${expected}`), safety: 'unsafe', edits: [setCell(broken.target, expected)] }],
  };
}
