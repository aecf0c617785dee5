/**
 * The phrases by which a report's text states 表三 and 表四 figures (issue 5; formats.md §6.5),
 * and the statements that the tables can contradict. Cells are named by the keys of the format
 * data; a phrase agrees with the tables when its figure equals any one of its readings.
 */
import type { CellRef } from '../formats/relations.js';
import { TABLE3_ROWS, TABLE3_TOTAL_COLUMN } from '../formats/table3.js';
import { TABLE4_ROW, table4ColumnKey } from '../formats/table4.js';
import type { LocalizedText } from '../findings.js';

const t3 = (row: string): CellRef => ({ table: 'table3', row, column: TABLE3_TOTAL_COLUMN });
const t4 = (group: string): CellRef => ({ table: 'table4', row: TABLE4_ROW, column: table4ColumnKey(group, 'total') });

/** The rows of one outcome group of 表三 (（三） 1–8 and so on), in the 总计 column. */
function group(prefix: string): CellRef[] {
  return TABLE3_ROWS.filter((r) => r.key.startsWith(prefix)).map((r) => t3(r.key));
}

/** A row's label without its counting note: 「（二）部分公开」. */
function rowName(key: string): string {
  return (TABLE3_ROWS.find((r) => r.key === key)!.label as string).replace(/（[^（）]*）$/, '');
}

/** The label of an outcome group: 「（三）不予公开」. */
function groupName(prefix: string): string {
  return TABLE3_ROWS.find((r) => r.key.startsWith(prefix))!.parents.at(-1)!;
}

/** A phrase followed by a figure that the tables also state. */
export interface FigurePhrase {
  readonly pattern: RegExp;
  /** What the figure is, for messages. */
  readonly name: LocalizedText;
  /**
   * Each reading is a sum of cells; the text agrees with the tables if it equals one. A reading
   * whose rows the report's format lacks (（六） is one row in 2019, three in 2021) is no reading.
   */
  readonly readings: readonly (readonly CellRef[])[];
  /** The bare name by which the text names this category together with others (「予以公开及部分公开」). */
  readonly term?: string;
  /** Words in the phrase that make its figure a part of the category (「收到群众网上申请105件」: the online ones). */
  readonly subset?: RegExp;
  /**
   * Words that, said after the last 申请 of the sentence before the phrase, make the figure one of
   * something else (「受理网民留言60条，…已办结60条」: messages, not applications).
   */
  readonly otherSubject?: RegExp;
  /**
   * Counts applications (表三). A sentence whose parts (between ；) each state applications received
   * (「政府新收…2件，…；部门新收…4件，…」) splits them by body or channel, and states no total of any.
   */
  readonly applications?: boolean;
}

/** Channels and kinds of applicant: words that make a count of applications a part of them. */
export const SUBSET = /网上|网络|在线|线上|线下|信函|邮寄|快递|当面|现场|自然人|公民|个人|法人|企业/;
/** Things the text counts besides 政府信息公开申请, which 办结 and 结转 may be said of. */
const OTHER_SUBJECT = /留言|诉求|来信|信件|热线|咨询|投诉|举报|信访|建议|提案|工单|议案/;

/** The usual phrases: 收到/受理…申请N件 (新收, or 新收 + 上年结转), 办结, 结转下年度, 行政复议, 行政诉讼. */
export const FIGURE_PHRASES: readonly FigurePhrase[] = [
  {
    // Not across a parenthesis or a colon (「收到申请44件（其中：网上申请42件」), not 「被申请人」.
    pattern: /(?:收到|受理|接收|新收)[^。；;，,（(：:]{0,24}(?<!被)申请(?!人)(?:书|公开)?(?:共|总计|数)?/g,
    name: { zh: '收到的申请', en: 'applications received' },
    readings: [[t3('new')], [t3('new'), t3('carried')]],
    subset: SUBSET,
    applications: true,
  },
  // 「部分予以公开1件」 is partly granted.
  { pattern: /(?<!部分)予以公开/g, name: { zh: rowName('granted'), en: 'granted' }, readings: [[t3('granted')]], term: '予以公开', applications: true },
  { pattern: /部分(?:予以)?公开/g, name: { zh: rowName('partial'), en: 'partly granted' }, readings: [[t3('partial')]], term: '部分公开', applications: true },
  { pattern: /不予公开/g, name: { zh: groupName('withheld.'), en: 'withheld' }, readings: [group('withheld.')], term: '不予公开', applications: true },
  { pattern: /无法提供/g, name: { zh: groupName('unable.'), en: 'could not be provided' }, readings: [group('unable.')], term: '无法提供', applications: true },
  { pattern: /不予处理/g, name: { zh: groupName('rejected.'), en: 'not processed' }, readings: [group('rejected.')], term: '不予处理', applications: true },
  {
    pattern: /其他处理/g,
    name: { zh: groupName('otherHandling.'), en: 'otherwise handled' },
    readings: [[t3('otherHandling')], group('otherHandling.')],
    term: '其他处理',
    applications: true,
  },
  // Not 「尚未办结0件」.
  {
    pattern: /(?<!未)办结(?:申请)?(?:数|了)?/g,
    name: { zh: '办结的申请', en: 'applications completed' },
    readings: [[t3('resultsTotal')]],
    otherSubject: OTHER_SUBJECT,
    applications: true,
  },
  {
    pattern: /结转下年度(?:继续办理)?(?:的申请)?/g,
    name: { zh: '结转下年度的申请', en: 'applications carried forward' },
    readings: [[t3('next')]],
    otherSubject: OTHER_SUBJECT,
    applications: true,
  },
  // Not 「尚未审结行政复议0件」: one outcome of them.
  { pattern: /(?<!因政府信息公开|审结|维持|纠正|结果)行政复议(?:案件)?(?!、)/g, name: { zh: '行政复议', en: 'administrative reviews' }, readings: [[t4('review')]], term: '行政复议' },
  { pattern: /(?<!在|审结|维持|纠正|结果)行政诉讼(?:案件)?(?!、|中)/g, name: { zh: '行政诉讼', en: 'lawsuits' }, readings: [[t4('direct'), t4('afterReview')]], term: '行政诉讼' },
  { pattern: /未经复议直接起诉/g, name: { zh: '未经复议直接起诉', en: 'lawsuits without prior review' }, readings: [[t4('direct')]] },
  { pattern: /复议后起诉/g, name: { zh: '复议后起诉', en: 'lawsuits after review' }, readings: [[t4('afterReview')]] },
];

/** A statement that a table figure contradicts when it is above zero. */
export interface Claim {
  readonly pattern: RegExp;
  /** The cells whose sum must be zero for the claim to hold. */
  readonly cells: readonly CellRef[];
  readonly name: LocalizedText;
  /** Words in the claim's clause that make it about something else (「其余申请均已办结」). */
  readonly unless?: RegExp;
  /** Words in the clauses before it, in the same sentence, that do (「除结转下年度的15件外，…」). */
  readonly unlessBefore?: RegExp;
  /** Words the sentence up to the claim must have for the claim to be about applications. */
  readonly about?: RegExp;
  /**
   * Said of a part (issue 24): the count the claim follows, in its part of the sentence (since ；),
   * is of one channel or kind of applicant (「线下申请3件，已全部依法办结」), and no total with its
   * breakdown (其中, 包括, 分别) is given there.
   */
  readonly ofPart?: RegExp;
  /** The text's own statement of the figure: a phrase before it (「结转下年度继续办理15件」)… */
  readonly statedBefore?: RegExp;
  /** …or after it (「15件结转下年度办理」, 「3件正在办理」). */
  readonly statedAfter?: RegExp;
}

const DONE = '(?:办结|办理完毕|办理完成|办理完结|处理完毕|答复完毕)';
const ON_TIME = '(?:按时|按期|如期|及时|依法)';
/**
 * 「所有申请均已按时办结」, 「均已办结」, 「全部办结」, 「均已按期答复」 (issue 13). Not 「均在法定期限内予以
 * 答复」: that says when the answers came, not that every application has one.
 */
const ALL_DONE = new RegExp(
  `(?:所有|全部|各类|各项)[^。；;，,]{0,10}?(?:均|都|一律)?已?${ON_TIME}?(?:予以)?${DONE}` +
    `|(?:均|都)已?${ON_TIME}?(?:予以)?${DONE}|(?:均|都)已${ON_TIME}?(?:予以)?答复|(?:均|都)${ON_TIME}(?:予以)?答复|全部${ON_TIME}?${DONE}`,
  'g',
);

/** 「所有申请均已办理完成」 while 结转下年度 > 0, and the like (rules.md text-contradiction). */
export const CLAIMS: readonly Claim[] = [
  {
    pattern: ALL_DONE,
    cells: [t3('next')],
    name: { zh: `“${rowName('next')}”`, en: 'carried forward to next year' },
    // 「上年结转的15件申请已全部办结」 is last year's carry-over; 「其余…」 leaves some out; a claim about
    // reviews or lawsuits (「行政诉讼均已审结」) is no claim about applications.
    unless: /上年|上一年|往年|去年|以前年度|其余|剩余|其他|以外|之外|结转|复议|诉讼|起诉|案件|投诉|举报|信访|法定期限|期限内|留言|咨询|建议|意见|来信|来电|热线|工单|诉求|提案|议案|信件/,
    unlessBefore: /除[^。；;]*(?:外|以外|之外)/,
    // 「各类政务服务事项均已办结」 is no claim about 政府信息公开申请.
    about: /申请/,
    ofPart: SUBSET,
    statedBefore: /结转(?:至|到)?下(?:一)?年度(?:继续)?(?:办理)?(?:的申请)?(?:共|为|有)?$/,
    statedAfter: /^(?:申请)?(?:已)?(?:结转(?:至|到)?下(?:一)?年度(?:继续)?(?:办理)?|(?:正在|尚在|仍在)办理|尚未办结|未办结)/,
  },
  {
    pattern: /未(?:收到|受理|接到)[^。；;，,]{0,12}?(?:申请|依申请公开)/g,
    cells: [t3('new')],
    name: { zh: `“${rowName('new')}”`, en: 'applications received this year' },
    // 「未收到行政复议申请」 is about reviews, 「未收到行政许可申请」 about licences.
    unless: /复议|诉讼|投诉|举报|信访|上年|上一年|去年|许可|审批/,
  },
  {
    // Not 「未发生…行政复议后被纠错的情况」: only a statement that there was no review at all.
    pattern: /(?:未发生|未出现|没有发生|没有|无)[^。；;，,]{0,14}?(?:被申请)?行政复议(?=(?:案件|的情况|情况|事项)?(?:[、，,。；;和及]|$))/g,
    cells: [t4('review')],
    name: { zh: '行政复议总计', en: 'administrative reviews' },
  },
  {
    pattern: /(?:未发生|未出现|没有发生|没有|无)[^。；;，,]{0,20}?(?:提起)?行政诉讼(?=(?:案件|的情况|情况|事项)?(?:[、，,。；;和及]|$))/g,
    cells: [t4('direct'), t4('afterReview')],
    name: { zh: '行政诉讼总计', en: 'lawsuits' },
  },
];
