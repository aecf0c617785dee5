/**
 * 表三 (section 三): 收到和处理政府信息公开申请情况, formats.md §4.2 (2019) and §5.2 (2021).
 * The rows are the same in both formats except （六）: one row 其他处理 in 2019, three rows in 2021.
 */
import type { ColumnDef, FormatId, Table3RowDef } from './types.js';

const BOTH: readonly FormatId[] = ['2019', '2021'];

/** The note in the top-left merged cell: the printed 勾稽关系 (formats.md §6.1). */
export const TABLE3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
/** The header above the seven value columns. */
export const TABLE3_APPLICANTS = '申请人情况';
/** The header above the five 法人或其他组织 columns; there is no subtotal column (formats.md §4.2). */
export const TABLE3_LEGAL_PERSONS = '法人或其他组织';

/** The seven value columns in order; 总计 is the sum of the six others (formats.md §6.2 T3-B). */
export const TABLE3_COLUMNS: readonly ColumnDef[] = [
  { key: 'natural', label: '自然人', formats: BOTH, kind: 'count' },
  { key: 'business', label: '商业企业', formats: BOTH, kind: 'count' },
  { key: 'research', label: '科研机构', formats: BOTH, kind: 'count' },
  { key: 'welfare', label: '社会公益组织', formats: BOTH, kind: 'count' },
  { key: 'legal', label: '法律服务机构', formats: BOTH, kind: 'count' },
  { key: 'other', label: '其他', formats: BOTH, kind: 'count' },
  { key: 'total', label: '总计', formats: BOTH, kind: 'count' },
];

/** Key of the 总计 column. */
export const TABLE3_TOTAL_COLUMN = 'total';
/** The columns a row's 总计 adds up, and under 法人或其他组织 the five of them. */
export const TABLE3_APPLICANT_COLUMNS = TABLE3_COLUMNS.filter((c) => c.key !== TABLE3_TOTAL_COLUMN);

const RESULTS = '三、本年度办理结果';
const WITHHELD = '（三）不予公开';
const UNABLE = '（四）无法提供';
const NOT_PROCESSED = '（五）不予处理';
const OTHER = '（六）其他处理';

const outcome = (key: string, label: string, parents: string[], formats: readonly FormatId[] = BOTH): Table3RowDef => ({
  key,
  label,
  parents,
  formats,
  role: 'outcome',
});

/** The data rows of both formats, in official order (a row of one format only says so). */
export const TABLE3_ROWS: readonly Table3RowDef[] = [
  { key: 'new', label: '一、本年新收政府信息公开申请数量', parents: [], formats: BOTH, role: 'intake' },
  { key: 'carried', label: '二、上年结转政府信息公开申请数量', parents: [], formats: BOTH, role: 'intake' },
  outcome('granted', '（一）予以公开', [RESULTS]),
  outcome('partial', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', [RESULTS]),
  outcome('withheld.secret', '1.属于国家秘密', [RESULTS, WITHHELD]),
  outcome('withheld.law', '2.其他法律行政法规禁止公开', [RESULTS, WITHHELD]),
  outcome('withheld.safety', '3.危及“三安全一稳定”', [RESULTS, WITHHELD]),
  outcome('withheld.thirdParty', '4.保护第三方合法权益', [RESULTS, WITHHELD]),
  outcome('withheld.internal', '5.属于三类内部事务信息', [RESULTS, WITHHELD]),
  outcome('withheld.process', '6.属于四类过程性信息', [RESULTS, WITHHELD]),
  outcome('withheld.enforcement', '7.属于行政执法案卷', [RESULTS, WITHHELD]),
  outcome('withheld.query', '8.属于行政查询事项', [RESULTS, WITHHELD]),
  outcome('unable.notHeld', '1.本机关不掌握相关政府信息', [RESULTS, UNABLE]),
  outcome('unable.mustCreate', '2.没有现成信息需要另行制作', [RESULTS, UNABLE]),
  outcome('unable.unclear', '3.补正后申请内容仍不明确', [RESULTS, UNABLE]),
  outcome('rejected.petition', '1.信访举报投诉类申请', [RESULTS, NOT_PROCESSED]),
  outcome('rejected.repeated', '2.重复申请', [RESULTS, NOT_PROCESSED]),
  outcome('rejected.publication', '3.要求提供公开出版物', [RESULTS, NOT_PROCESSED]),
  outcome('rejected.mass', '4.无正当理由大量反复申请', [RESULTS, NOT_PROCESSED]),
  outcome('rejected.confirm', '5.要求行政机关确认或重新出具已获取信息', [RESULTS, NOT_PROCESSED]),
  outcome('otherHandling', OTHER, [RESULTS], ['2019']),
  outcome('otherHandling.noCorrection', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', [RESULTS, OTHER], ['2021']),
  outcome('otherHandling.unpaid', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', [RESULTS, OTHER], ['2021']),
  outcome('otherHandling.rest', '3.其他', [RESULTS, OTHER], ['2021']),
  { key: 'resultsTotal', label: '（七）总计', parents: [RESULTS], formats: BOTH, role: 'outcomeTotal' },
  { key: 'next', label: '四、结转下年度继续办理', parents: [], formats: BOTH, role: 'carryForward' },
];

/** Header-only labels of 表三: cells that say nothing about a row. */
export const TABLE3_HEADER_LABELS: readonly string[] = [
  TABLE3_NOTE,
  TABLE3_APPLICANTS,
  TABLE3_LEGAL_PERSONS,
  ...TABLE3_COLUMNS.map((c) => c.label as string),
];

/**
 * How a 2019 table's single （六）其他处理 maps onto the 2021 rows: its value is carried to
 * 3.其他, and the two new rows are 0 only where 其他处理 itself is 0 (issue 2, formats.md §7).
 */
export const TABLE3_OTHER_SPLIT = {
  single: 'otherHandling',
  carriedTo: 'otherHandling.rest',
  zeroOnlyWhenSingleIsZero: ['otherHandling.noCorrection', 'otherHandling.unpaid'],
} as const;
