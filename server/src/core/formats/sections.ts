/**
 * The six top-level sections, identical in both formats (formats.md §2), with the wordings
 * real reports use. A variant is recognised as the section and reported by section-heading.
 */

/** One of the six standard sections. */
export interface SectionDef {
  /** 1–6. */
  readonly index: number;
  /** The Chinese numeral of its number (一 … 六). */
  readonly numeral: string;
  /** The official title without its numbering. */
  readonly title: string;
  /** Wordings seen in real reports (formats.md §2), without numbering. */
  readonly variants: readonly string[];
  /** The standard table the section holds, if any. */
  readonly table?: 'table2' | 'table3' | 'table4';
}

/** The six sections in official order. */
export const SECTIONS: readonly SectionDef[] = [
  { index: 1, numeral: '一', title: '总体情况', variants: [] },
  {
    index: 2,
    numeral: '二',
    title: '主动公开政府信息情况',
    variants: ['行政机关主动公开政府信息情况'],
    table: 'table2',
  },
  {
    index: 3,
    numeral: '三',
    title: '收到和处理政府信息公开申请情况',
    variants: ['行政机关收到和处理政府信息公开申请情况'],
    table: 'table3',
  },
  {
    index: 4,
    numeral: '四',
    title: '政府信息公开行政复议、行政诉讼情况',
    variants: [
      '政府信息公开行政复议和行政诉讼情况',
      '政府信息公开行政复议及行政诉讼情况',
      '政府信息公开行政复议行政诉讼情况',
      '因政府信息公开工作被申请行政复议、提起行政诉讼情况',
      '因政府信息公开工作被申请行政复议提起行政诉讼情况',
    ],
    table: 'table4',
  },
  {
    index: 5,
    numeral: '五',
    title: '存在的主要问题及改进情况',
    variants: [
      '存在的主要问题及改进措施',
      '存在的主要问题和改进措施',
      '存在的主要问题和改进情况',
      '政府信息公开工作存在的主要问题及改进情况',
    ],
  },
  { index: 6, numeral: '六', title: '其他需要报告的事项', variants: [] },
];

/** The standard heading text of a section, e.g. `三、收到和处理政府信息公开申请情况`. */
export function standardHeading(section: SectionDef): string {
  return `${section.numeral}、${section.title}`;
}
