/**
 * 表四 (section 四): 行政复议 and 行政诉讼, the same in both formats (formats.md §4.3, §5.3).
 * One data row of 15 numbers: three groups of five outcome columns.
 */
import type { FormatId } from './types.js';

const BOTH: readonly FormatId[] = ['2019', '2021'];

/** A group of five columns. */
export interface Table4GroupDef {
  readonly key: 'review' | 'direct' | 'afterReview';
  readonly label: string;
  /** The merged header above the group, when it is not the group label itself. */
  readonly parent?: string;
  readonly formats: readonly FormatId[];
}

/** The three groups, in order. */
export const TABLE4_GROUPS: readonly Table4GroupDef[] = [
  { key: 'review', label: '行政复议', formats: BOTH },
  { key: 'direct', label: '未经复议直接起诉', parent: '行政诉讼', formats: BOTH },
  { key: 'afterReview', label: '复议后起诉', parent: '行政诉讼', formats: BOTH },
];

/** The merged header above the two litigation groups. */
export const TABLE4_LITIGATION = '行政诉讼';

/** The five outcome columns of every group; 总计 is the sum of the four others (formats.md §6.2 T4-A). */
export const TABLE4_OUTCOMES: readonly { key: string; label: string }[] = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'otherResult', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
];

/** Column key of a group's outcome, e.g. `review.total`. */
export function table4ColumnKey(group: string, outcome: string): string {
  return `${group}.${outcome}`;
}

/** Key of the single data row of 表四. */
export const TABLE4_ROW = 'data';
