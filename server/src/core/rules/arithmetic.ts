/**
 * The findings of the four arithmetic rules (row-total, results-total, balance, review-total),
 * made together from each table's relations solved together (issue 20, formats/solve.ts):
 *
 * - a wrong cell found: one finding on that cell, naming every relation it breaks (「本格若为 9，
 *   则本行合计与本列平衡均成立」), reported by the first of those relations' rules that runs;
 * - one wrong cell that could be any of several: one finding that says so and offers each;
 * - several wrong cells the relations cannot single out: one finding per broken relation, on
 *   the cell its rule has always named, saying the wrong cell is not known.
 *
 * A figure is offered as a fix only if the table's relations, evaluated again with it, have no
 * relation broken that held before; it is always unsafe.
 */
import type { CellRef, RelationDef, RelationRule } from '../formats/relations.js';
import type { CellCorrection, Diagnosis } from '../formats/solve.js';
import { TABLE3_ROWS } from '../formats/table3.js';
import { TABLE4_GROUPS, TABLE4_OUTCOMES } from '../formats/table4.js';
import { labelIn, type FormatId } from '../formats/types.js';
import { describeColumn, displayFormat, formatNumber } from '../formats/wording.js';
import type { Report } from '../model/report.js';
import type { ObservedCell, ObservedTable } from '../model/tables/types.js';
import { isCell, solveTable, type SolvedTable } from './relation-check.js';
import { canEdit, setCell } from './support.js';
import type { RuleContext } from './types.js';
import { say, type Fix, type LocalizedText, type RelatedLocation, type RuleFinding } from '../findings.js';

/** The arithmetic rules, in the order of rules.md: a finding several could report goes to the first that runs. */
export const RELATION_RULES: readonly RelationRule[] = ['row-total', 'results-total', 'balance', 'review-total'];

/** 「（四）1.本机关不掌握相关政府信息」: a 表三 row named with its group's numbering, without the counting note of （二）. */
export function outcomeName(key: string, format: FormatId): string {
  const row = TABLE3_ROWS.find((r) => r.key === key);
  if (!row) return key;
  const label = labelIn(row.label, format).replace(/（[^（）]*）$/, '');
  const group = row.parents[1];
  const numbering = group ? (/^（.）/.exec(group)?.[0] ?? '') : '';
  return `${numbering}${label}`;
}

/** A cell as messages name it: 「表三“（三）1.属于国家秘密”行“自然人”列」, 「表四“行政复议·总计”」. */
function cellName(table: ObservedTable, cell: CellRef, format: FormatId): LocalizedText {
  const column = describeColumn(table.id, cell.column, format);
  if (table.id === 'table4') return say(`表四“${column}”`, `table 4, “${column}”`);
  const row = outcomeName(cell.row, format);
  return say(`表三“${row}”行“${column}”列`, `table 3, row “${row}”, column “${column}”`);
}

/** A 表四 group's label from a column key (`review.total` → 行政复议). */
function groupLabel(column: string): string {
  const [key] = column.split('.');
  return TABLE4_GROUPS.find((g) => g.key === key)?.label ?? key ?? column;
}

/** An addend and how to name it. */
interface Addend {
  readonly name: string;
  readonly value: number;
  readonly cell: ObservedCell;
}

const MAX_LISTED = 6;

/** 「自然人 5 + 商业企业 7」, leaving out zeros; `allZero` when every addend is 0. */
function addendsText(addends: readonly Addend[], allZero: LocalizedText): LocalizedText {
  const nonZero = addends.filter((a) => a.value !== 0);
  if (nonZero.length === 0) return allZero;
  const listed = nonZero.slice(0, MAX_LISTED).map((a) => `${a.name} ${formatNumber(a.value)}`).join(' + ');
  const more = nonZero.length > MAX_LISTED;
  return say(`${listed}${more ? ' 等' : ''}${nonZero.length < addends.length ? '，其余为 0' : ''}`, `${listed}${more ? ' …' : ''}${nonZero.length < addends.length ? ', the rest 0' : ''}`);
}

/** How a relation is named and what its figures are. */
interface RelationWords {
  /** Seen from a cell on it: 「本行合计」「本列办理结果合计」「本列平衡」「本组总计」. */
  readonly here: LocalizedText;
  /** On its own: 「“（一）予以公开”一行的合计」. */
  readonly name: LocalizedText;
  /** Its two sides with their figures: 「总计 9，六类申请人之和 8」. */
  readonly figures: LocalizedText;
  /** The same with the addends written out: 「总计 9，六类申请人之和 8（自然人 3 + 商业企业 5）」. */
  readonly detail: LocalizedText;
  /** The addends, for related locations. */
  readonly addends: readonly Addend[];
}

/** The figures of each cell of a relation side (every cell holds a number: the relation is evaluable). */
function sideOf(solved: SolvedTable, refs: readonly CellRef[]): { cell: ObservedCell; value: number }[] {
  return refs.map((ref) => ({ cell: solved.cellAt(ref)!, value: solved.valueOf(ref)! }));
}

function wordsOf(solved: SolvedTable, relation: RelationDef, format: FormatId): RelationWords {
  const left = sideOf(solved, relation.left);
  const right = sideOf(solved, relation.right);
  const sum = (side: readonly { value: number }[]): string => formatNumber(side.reduce((s, c) => s + c.value, 0));
  switch (relation.rule) {
    case 'row-total': {
      const row = outcomeName(relation.fixTarget.row, format);
      const addends = right.map((a) => ({ name: describeColumn('table3', a.cell.column, format), value: a.value, cell: a.cell }));
      const parts = addendsText(addends, say('六类申请人均为 0', 'all six applicant columns are 0'));
      return {
        here: say('本行合计', 'the row total'),
        name: say(`“${row}”一行的合计`, `the total of row “${row}”`),
        figures: say(`总计 ${sum(left)}，六类申请人之和 ${sum(right)}`, `总计 ${sum(left)}, the six applicant columns add up to ${sum(right)}`),
        detail: say(`总计 ${sum(left)}，六类申请人之和 ${sum(right)}（${parts.zh}）`, `总计 ${sum(left)}, the six applicant columns add up to ${sum(right)} (${parts.en})`),
        addends,
      };
    }
    case 'results-total': {
      const column = describeColumn('table3', relation.fixTarget.column, format);
      const addends = right.map((a) => ({ name: outcomeName(a.cell.row, format), value: a.value, cell: a.cell }));
      const parts = addendsText(addends, say('各项办理结果均为 0', 'every outcome row is 0'));
      return {
        here: say('本列办理结果合计', 'the column’s results total'),
        name: say(`“${column}”列的办理结果合计`, `the results total of column “${column}”`),
        figures: say(`（七）总计 ${sum(left)}，各项办理结果之和 ${sum(right)}`, `（七）总计 ${sum(left)}, the ${right.length} outcome rows add up to ${sum(right)}`),
        detail: say(`（七）总计 ${sum(left)}，各项办理结果之和 ${sum(right)}（${parts.zh}）`, `（七）总计 ${sum(left)}, the ${right.length} outcome rows add up to ${sum(right)} (${parts.en})`),
        addends,
      };
    }
    case 'balance': {
      const column = describeColumn('table3', relation.fixTarget.column, format);
      const [first, second] = left.map((c) => formatNumber(c.value));
      const [total, next] = right.map((c) => formatNumber(c.value));
      const figures = say(
        `一 + 二 = ${first} + ${second} = ${sum(left)}，（七）总计 + 四 = ${total} + ${next} = ${sum(right)}`,
        `一 + 二 = ${first} + ${second} = ${sum(left)}, （七）总计 + 四 = ${total} + ${next} = ${sum(right)}`,
      );
      return {
        here: say('本列平衡', 'the column’s balance'),
        name: say(`“${column}”列的勾稽关系（一 + 二 = （七）总计 + 四）`, `the relation of column “${column}” (一 + 二 = （七）总计 + 四)`),
        figures,
        detail: figures,
        addends: [...left, ...right].map((c) => ({ name: outcomeName(c.cell.row, format), value: c.value, cell: c.cell })),
      };
    }
    case 'review-total': {
      const group = groupLabel(relation.fixTarget.column);
      const addends = right.map((a) => ({ name: TABLE4_OUTCOMES.find((o) => a.cell.column.endsWith(`.${o.key}`))?.label ?? a.cell.column, value: a.value, cell: a.cell }));
      const parts = addendsText(addends, say('四项结果均为 0', 'all four outcomes are 0'));
      return {
        here: say('本组总计', 'the group’s total'),
        name: say(`表四“${group}”的总计`, `the total of “${group}” in table 4`),
        figures: say(`总计 ${sum(left)}，四项结果之和 ${sum(right)}`, `总计 ${sum(left)}, the four outcomes add up to ${sum(right)}`),
        detail: say(`总计 ${sum(left)}，四项结果之和 ${sum(right)}（${parts.zh}）`, `总计 ${sum(left)}, the four outcomes add up to ${sum(right)} (${parts.en})`),
        addends,
      };
    }
  }
}

/** 「A、B、C」 or 「A、B与C」 in Chinese (the last joined by `zhLast`), "A, B and C" in English. */
function list(items: readonly LocalizedText[], zhLast = '、'): LocalizedText {
  const join = (texts: readonly string[], sep: string, last: string): string => (texts.length <= 1 ? (texts[0] ?? '') : `${texts.slice(0, -1).join(sep)}${last}${texts.at(-1)!}`);
  return say(
    join(items.map((i) => i.zh), '、', zhLast),
    join(items.map((i) => i.en), ', ', ' and '),
  );
}

/**
 * The rule that reports a finding on these relations: the one whose relation has always named
 * this cell (a wrong 总计 is row-total's, a wrong （七）总计 results-total's, a wrong 四 balance's),
 * else the first in rules.md order; in either case one that runs in this check.
 */
function leadRule(relations: readonly RelationDef[], context: RuleContext, cell?: CellRef): RelationRule | undefined {
  const running = (rule: RelationRule): boolean => context.runs?.(rule) ?? true;
  const own = cell ? relations.find((r) => r.fixTarget.row === cell.row && r.fixTarget.column === cell.column && running(r.rule)) : undefined;
  if (own) return own.rule;
  const rules = new Set(relations.map((r) => r.rule));
  return RELATION_RULES.find((rule) => rules.has(rule) && running(rule));
}

/** The unsafe fix that writes corrections, if every cell can take an edit and nothing gets worse. */
function correctionFix(solved: SolvedTable, corrections: readonly CellCorrection[], title: LocalizedText): Fix | undefined {
  const cells = corrections.map((c) => solved.cellAt(c.cell)!);
  if (!canEdit(...cells) || !solved.keepsHolding(corrections)) return undefined;
  return { title, safety: 'unsafe', edits: corrections.map((c, i) => setCell(cells[i]!, formatNumber(c.to))) };
}

/** A finding on a cell the relations single out. */
function cellFinding(solved: SolvedTable, diagnosis: Extract<Diagnosis, { kind: 'cell' }>, format: FormatId): RuleFinding {
  const { correction, explains, alongside } = diagnosis;
  const cell = solved.cellAt(correction.cell)!;
  const words = explains.map((r) => wordsOf(solved, r, format));
  const heres = words.map((w) => w.here);
  const several = explains.length > 1;
  const from = formatNumber(correction.from);
  const to = formatNumber(correction.to);
  const others = alongside.map((c) => ({ name: cellName(solved.table, c.cell, format), to: formatNumber(c.to) }));
  const along = say(others.map((o) => `，且${o.name.zh}若为 ${o.to}`).join(''), others.map((o) => ` and ${o.to} in ${o.name.en}`).join(''));
  const name = cellName(solved.table, correction.cell, format);
  // One relation: its addends written out; several: each relation's two sides.
  const figures = several
    ? say(words.map((w) => `${w.here.zh}：${w.figures.zh}`).join('；'), words.map((w) => `${capitalize(w.here.en)}: ${w.figures.en}`).join('; '))
    : say(`${words[0]!.here.zh}：${words[0]!.detail.zh}`, `${capitalize(words[0]!.here.en)}: ${words[0]!.detail.en}`);
  const message = say(
    `${name.zh}为 ${from}，与${list(heres).zh}${several ? '都' : ''}不符：本格若为 ${to}${along.zh}，则${list(heres, '与').zh}${several ? '均' : ''}成立。${figures.zh}`,
    `${capitalize(name.en)} is ${from}, which breaks ${list(heres).en}: with ${to} in this cell${along.en}, ${several ? 'they hold' : 'it holds'}. ${figures.en}`,
  );
  // The totals of the relations it breaks; when it is that total itself, the addends.
  const related: RelatedLocation[] = [];
  explains.forEach((relation, i) => {
    const target = solved.cellAt(relation.fixTarget);
    if (target && target !== cell) related.push({ range: target.content, message: say(`${words[i]!.here.zh}：${words[i]!.figures.zh}`, `${words[i]!.here.en}: ${words[i]!.figures.en}`) });
  });
  if (related.length === 0) {
    for (const addend of words.flatMap((w) => w.addends)) {
      if (addend.value !== 0 && addend.cell !== cell) related.push({ range: addend.cell.content, message: say(`${addend.name}：${formatNumber(addend.value)}`, `${addend.name}: ${formatNumber(addend.value)}`) });
    }
  }
  for (const other of alongside) {
    const at = solved.cellAt(other.cell);
    if (at) related.push({ range: at.content, message: say(`也有误：若为 ${formatNumber(other.to)}`, `also wrong: ${formatNumber(other.to)} would fit`) });
  }
  const fix = correctionFix(solved, [correction], say(`将本格改为 ${to}`, `Set this cell to ${to}`));
  return { range: cell.content, message, related, fixes: fix ? [fix] : [] };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The alternative a finding of alternatives stands on: the cell a broken relation's rule has always named (its total), else the first. */
function anchorOf(diagnosis: Extract<Diagnosis, { kind: 'alternatives' }>): CellCorrection {
  const named = (c: CellCorrection) => diagnosis.broken.some((r) => r.fixTarget.row === c.cell.row && r.fixTarget.column === c.cell.column);
  return diagnosis.alternatives.find(named) ?? diagnosis.alternatives[0]!;
}

/** A finding on broken relations one cell explains, when several cells could be that one. */
function alternativesFinding(solved: SolvedTable, diagnosis: Extract<Diagnosis, { kind: 'alternatives' }>, format: FormatId): RuleFinding {
  const { broken, alternatives } = diagnosis;
  const words = broken.map((r) => wordsOf(solved, r, format));
  const first = anchorOf(diagnosis);
  // Alternatives on one row are named by their column, on one column by their row (表四: 总计, 结果维持…).
  const sameRow = solved.table.id === 'table3' && alternatives.every((a) => a.cell.row === alternatives[0]!.cell.row);
  const sameColumn = solved.table.id === 'table3' && alternatives.every((a) => a.cell.column === alternatives[0]!.cell.column);
  const nameOf = (cell: CellRef): LocalizedText => {
    if (solved.table.id === 'table4') {
      const column = TABLE4_OUTCOMES.find((o) => cell.column.endsWith(`.${o.key}`))?.label ?? cell.column;
      return say(`“${column}”`, `“${column}”`);
    }
    if (sameRow) return say(`“${describeColumn('table3', cell.column, format)}”`, `“${describeColumn('table3', cell.column, format)}”`);
    if (sameColumn) return say(`“${outcomeName(cell.row, format)}”`, `“${outcomeName(cell.row, format)}”`);
    return cellName(solved.table, cell, format);
  };
  const choices = alternatives.map((a) => ({ correction: a, name: nameOf(a.cell), to: formatNumber(a.to) }));
  const anchor = choices.find((c) => c.correction === first)!;
  const ordered = [anchor, ...choices.filter((c) => c !== anchor)];
  const subject = list(words.map((w) => w.name));
  const detail = say(words.map((w) => w.detail.zh).join('；'), words.map((w) => w.detail.en).join('; '));
  const message = say(
    `${subject.zh}不成立：${detail.zh}。仅凭勾稽关系无法确定是哪一格有误，改正以下任一格均可使其成立：${ordered.map((c) => `${c.name.zh}改为 ${c.to}`).join('；')}`,
    `${capitalize(subject.en)} ${broken.length > 1 ? 'do' : 'does'} not hold: ${detail.en}. The relations cannot tell which cell is wrong; correcting any one of these makes ${broken.length > 1 ? 'them' : 'it'} hold: ${ordered.map((c) => `${c.name.en} to ${c.to}`).join('; ')}`,
  );
  const related: RelatedLocation[] = ordered.map((c) => ({
    range: solved.cellAt(c.correction.cell)!.content,
    message: say(`若此格有误，应为 ${c.to}`, `if this cell is the wrong one, ${c.to}`),
  }));
  const fixes = ordered.flatMap((c) => {
    const fix = correctionFix(solved, [c.correction], say(`将${c.name.zh}改为 ${c.to}`, `Set ${c.name.en} to ${c.to}`));
    return fix ? [fix] : [];
  });
  return { range: solved.cellAt(anchor.correction.cell)!.content, message, related, fixes };
}

/** 「“（七）总计”一行的合计不成立：总计 10，六类申请人之和 9（…）」: a broken relation named with its figures. */
export function relationBroken(solved: SolvedTable, relation: RelationDef, format: FormatId): LocalizedText {
  const words = wordsOf(solved, relation, format);
  return say(`${words.name.zh}不成立：${words.detail.zh}`, `${capitalize(words.name.en)} does not hold: ${words.detail.en}`);
}

/** Why the cells of an undetermined diagnosis are not named: at least two, or several. */
export function undeterminedWhy(size: number | undefined): LocalizedText {
  return size === 2
    ? say('本表至少有两格有误，仅凭勾稽关系无法确定是哪两格，请逐格核对', 'at least two cells of the table are wrong; the relations cannot tell which, so check the cells')
    : say('本表有多格有误，仅凭勾稽关系无法确定是哪几格，请逐格核对', 'several cells of the table are wrong; the relations cannot tell which, so check the cells');
}

/** A finding on one broken relation whose wrong cell the relations cannot single out. */
function undeterminedFinding(solved: SolvedTable, relation: RelationDef, size: number | undefined, format: FormatId): RuleFinding {
  const words = wordsOf(solved, relation, format);
  const target = solved.cellAt(relation.fixTarget)!;
  const why = undeterminedWhy(size);
  const broken = say(`${words.name.zh}不成立：${words.detail.zh}`, `${capitalize(words.name.en)} does not hold: ${words.detail.en}`);
  const left = sideOf(solved, relation.left).reduce((s, c) => s + c.value, 0);
  const right = sideOf(solved, relation.right).reduce((s, c) => s + c.value, 0);
  const onLeft = relation.left.some((r) => isCell(r, target));
  const value = solved.valueOf(relation.fixTarget)!;
  const expected = onLeft ? value + (right - left) : value + (left - right);
  const targetName = cellName(solved.table, relation.fixTarget, format);
  const fix =
    expected >= 0
      ? correctionFix(solved, [{ cell: relation.fixTarget, from: value, to: expected }], say(`将${targetName.zh}改为 ${formatNumber(expected)}`, `Set ${targetName.en} to ${formatNumber(expected)}`))
      : undefined;
  return {
    range: target.content,
    message: say(`${broken.zh}。${why.zh}`, `${broken.en}. ${capitalize(why.en)}`),
    related: words.addends.filter((a) => a.value !== 0 && a.cell !== target).map((a) => ({ range: a.cell.content, message: say(`${a.name}：${formatNumber(a.value)}`, `${a.name}: ${formatNumber(a.value)}`) })),
    fixes: fix ? [fix] : [],
  };
}

/** The findings of the arithmetic rules of one check, by rule. */
type ByRule = ReadonlyMap<RelationRule, readonly RuleFinding[]>;

const MADE = new WeakMap<Report, { readonly key: string; readonly byRule: ByRule }>();

/**
 * The findings of the arithmetic rules on a report, by the rule that reports each (made once per
 * check: the four rules ask for their share).
 */
export function arithmeticFindings(report: Report, context: RuleContext): ByRule {
  const key = RELATION_RULES.map((rule) => (context.runs?.(rule) ?? true ? '1' : '0')).join('');
  const known = MADE.get(report);
  if (known && known.key === key) return known.byRule;
  const byRule = new Map<RelationRule, RuleFinding[]>();
  const add = (rule: RelationRule | undefined, finding: RuleFinding): void => {
    if (!rule) return;
    const list = byRule.get(rule) ?? [];
    list.push(finding);
    byRule.set(rule, list);
  };
  for (const table of Object.values(report.tables)) {
    if (!table) continue;
    const solved = solveTable(table);
    if (solved.solution.broken.length === 0) continue;
    const format = displayFormat(report, table);
    for (const diagnosis of solved.solution.diagnoses) {
      if (diagnosis.kind === 'cell') add(leadRule(diagnosis.explains, context, diagnosis.correction.cell), cellFinding(solved, diagnosis, format));
      else if (diagnosis.kind === 'alternatives') add(leadRule(diagnosis.broken, context, anchorOf(diagnosis).cell), alternativesFinding(solved, diagnosis, format));
      else for (const relation of diagnosis.broken) add(relation.rule, undeterminedFinding(solved, relation, diagnosis.size, format));
    }
  }
  for (const list of byRule.values()) list.sort((a, b) => a.range.start - b.range.start);
  MADE.set(report, { key, byRule });
  return byRule;
}
