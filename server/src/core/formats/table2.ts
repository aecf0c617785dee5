/**
 * 表二 (section 二): the 第二十条 items, formats.md §4.1 (2019) and §5.1 (2021).
 * Keys are shared where the meaning is the same, so conversion carries exactly those values
 * (formats.md §6.4: 对外公开总数量 is not 现行有效件数, so they have different keys).
 */
import type { ColumnDef, FormatId, Table2ItemDef } from './types.js';

const BOTH: readonly FormatId[] = ['2019', '2021'];
const ONLY_2019: readonly FormatId[] = ['2019'];
const ONLY_2021: readonly FormatId[] = ['2021'];

const count = (key: string, label: string, formats: readonly FormatId[]): ColumnDef => ({ key, label, formats, kind: 'count' });

/** 2019: the item count last year and its change (本年增/减 may be negative, formats.md §4.1). */
const PREVIOUS = count('previous', '上一年项目数量', ONLY_2019);
const CHANGE: ColumnDef = { key: 'change', label: '本年增/减', formats: ONLY_2019, kind: 'signed' };
/** 处理决定数量 (2019) and 本年处理决定数量 (2021) mean the same: the decisions made this year. */
const DECISIONS: ColumnDef = { key: 'decisions', label: { '2019': '处理决定数量', '2021': '本年处理决定数量' }, formats: BOTH, kind: 'count' };

/** The first header cell of every 表二 sub-table. */
export const TABLE2_CONTENT_HEADER = '信息内容';

/** The 表二 items in official order. */
export const TABLE2_ITEMS: readonly Table2ItemDef[] = [
  {
    key: 'i1',
    numeral: '一',
    formats: BOTH,
    columns: [
      count('made', '本年新制作数量', ONLY_2019),
      count('published', '本年新公开数量', ONLY_2019),
      count('publicTotal', '对外公开总数量', ONLY_2019),
      count('issued', '本年制发件数', ONLY_2021),
      count('repealed', '本年废止件数', ONLY_2021),
      count('valid', '现行有效件数', ONLY_2021),
    ],
    rows: [
      { key: 'regulation', label: '规章', formats: BOTH },
      { key: 'normative', label: { '2019': '规范性文件', '2021': '行政规范性文件' }, formats: BOTH },
    ],
  },
  {
    key: 'i5',
    numeral: '五',
    formats: BOTH,
    columns: [PREVIOUS, CHANGE, DECISIONS],
    rows: [
      { key: 'licence', label: '行政许可', formats: BOTH },
      { key: 'otherServices', label: '其他对外管理服务事项', formats: ONLY_2019 },
    ],
  },
  {
    key: 'i6',
    numeral: '六',
    formats: BOTH,
    columns: [PREVIOUS, CHANGE, DECISIONS],
    rows: [
      { key: 'penalty', label: '行政处罚', formats: BOTH },
      { key: 'coercion', label: '行政强制', formats: BOTH },
    ],
  },
  {
    key: 'i8',
    numeral: '八',
    formats: BOTH,
    columns: [
      PREVIOUS,
      CHANGE,
      { key: 'feeAmount', label: '本年收费金额（单位：万元）', formats: ONLY_2021, kind: 'amount' },
    ],
    rows: [{ key: 'fees', label: '行政事业性收费', formats: BOTH }],
  },
  {
    key: 'i9',
    numeral: '九',
    formats: ONLY_2019,
    columns: [
      count('projects', '采购项目数量', ONLY_2019),
      { key: 'amount', label: '采购总金额', formats: ONLY_2019, kind: 'amount' },
    ],
    rows: [{ key: 'procurement', label: '政府集中采购', formats: ONLY_2019 }],
  },
];

/** The official title row of an item: 第二十条第（一）项. */
export function itemTitle(item: Table2ItemDef): string {
  return `第二十条第（${item.numeral}）项`;
}
