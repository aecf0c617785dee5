/**
 * Which cell is wrong (issue 20): the 勾稽关系 of one table (formats.md §6, as `relations.ts`
 * gives them) solved together. A broken relation says only that one of its cells is wrong; the
 * relations a cell belongs to say which. The smallest set of cells whose change makes every
 * relation hold is the explanation (one cell in the common case: every cell of 表三 lies on its
 * own pair of relations, a row and a column, so one wrong cell is found exactly). Where several
 * sets explain the failures equally (the five cells of a 表四 group; two compensating errors)
 * the result says so instead of picking one.
 *
 * Pure arithmetic over the format data and a value per cell: no model, no text. The rules read a
 * draft's table through it (`rules/relation-check.ts`); an editor form can call it on the values
 * it holds (`standardRelations` gives the relations of a complete table).
 *
 * A blank, 无 or non-numeric cell has no value: a relation with such a cell is not evaluated and
 * takes no part (formats.md §11, blank is not zero); such a cell is never a suspect.
 */
import type { CellRef, RelationDef } from './relations.js';

/** What {@link solveRelations} reads. */
export interface SolveInput {
  /** The relations of one table (`relationsOf`, `standardRelations`). */
  readonly relations: readonly RelationDef[];
  /** The number a cell holds; undefined for a blank, 无, text or a cell the table lacks. */
  readonly valueOf: (cell: CellRef) => number | undefined;
  /** Whether a corrected value is one the cell may hold (default: a whole number, not negative). */
  readonly accepts?: (cell: CellRef, value: number) => boolean;
}

/** A relation evaluated on the values. */
export interface RelationState {
  readonly relation: RelationDef;
  /** Every cell holds a number. */
  readonly evaluable: boolean;
  /** sum(left) − sum(right); 0 when it holds (undefined when not evaluable). */
  readonly residual: number | undefined;
  readonly holds: boolean;
}

/** A cell and the value that would correct it. */
export interface CellCorrection {
  readonly cell: CellRef;
  readonly from: number;
  readonly to: number;
}

/** What the relations say about a group of broken relations. */
export type Diagnosis =
  /**
   * A cell found wrong: every smallest explanation changes it, to the same value. `explains` are
   * the broken relations it lies on; `alongside`, the other corrections of its explanation
   * (none when one cell explains everything).
   */
  | { readonly kind: 'cell'; readonly correction: CellCorrection; readonly explains: readonly RelationDef[]; readonly alongside: readonly CellCorrection[] }
  /**
   * One wrong cell, but several cells could be it: each alternative alone makes every relation
   * of `broken` hold (a 表四 group's total and its four parts).
   */
  | { readonly kind: 'alternatives'; readonly broken: readonly RelationDef[]; readonly alternatives: readonly CellCorrection[] }
  /**
   * More than one cell is wrong and the relations do not tell which: `size` cells at least
   * (undefined: more than the search looks at).
   */
  | { readonly kind: 'undetermined'; readonly broken: readonly RelationDef[]; readonly size: number | undefined };

/** The relations of a table solved together. */
export interface RelationSolution {
  /** Every relation, in the order given, evaluated. */
  readonly states: readonly RelationState[];
  /** The relations that do not hold. */
  readonly broken: readonly RelationDef[];
  /** What the broken relations say, one or more diagnoses per group of connected relations. */
  readonly diagnoses: readonly Diagnosis[];
}

/** The largest explanation searched for: beyond two cells the relations rarely single out cells. */
export const MAX_EXPLAINED_CELLS = 2;
/** Alternatives kept per group (a 表三 with many blanks can have dozens). */
const MAX_ALTERNATIVES = 24;
const EPSILON = 1e-9;

/** The key of a cell among the relations. */
export function cellRefKey(cell: CellRef): string {
  return `${cell.table}|${cell.row}|${cell.column}`;
}

/** Whether a value is a whole number, not negative: what a count may hold (formats.md §6.3). */
export function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

interface Term {
  readonly key: string;
  readonly cell: CellRef;
  /** +1 on the left side, −1 on the right. */
  readonly sign: 1 | -1;
}

function termsOf(relation: RelationDef): Term[] {
  return [
    ...relation.left.map((cell): Term => ({ key: cellRefKey(cell), cell, sign: 1 })),
    ...relation.right.map((cell): Term => ({ key: cellRefKey(cell), cell, sign: -1 })),
  ];
}

/** Every relation evaluated on the values. */
export function evaluateStates(relations: readonly RelationDef[], valueOf: (cell: CellRef) => number | undefined): RelationState[] {
  return relations.map((relation) => {
    let residual: number | undefined = 0;
    for (const term of termsOf(relation)) {
      const value = valueOf(term.cell);
      if (value === undefined) {
        residual = undefined;
        break;
      }
      residual += term.sign * value;
    }
    const holds = residual !== undefined && Math.abs(residual) < EPSILON;
    return { relation, evaluable: residual !== undefined, residual: residual === undefined ? undefined : holds ? 0 : residual, holds };
  });
}

/**
 * Whether corrections leave no relation broken that held before (issue 20: a figure is offered
 * only if it makes nothing worse): the relations are evaluated again on the corrected values.
 */
export function correctionsKeepHolding(
  relations: readonly RelationDef[],
  valueOf: (cell: CellRef) => number | undefined,
  corrections: readonly CellCorrection[],
): boolean {
  const changed = new Map(corrections.map((c) => [cellRefKey(c.cell), c.to]));
  const before = evaluateStates(relations, valueOf);
  const after = evaluateStates(relations, (cell) => changed.get(cellRefKey(cell)) ?? valueOf(cell));
  return after.every((state, i) => state.holds || !state.evaluable || !before[i]!.holds);
}

/** The relations of one group and the cells on them, as the search sees them. */
interface Group {
  readonly relations: readonly number[];
  readonly broken: readonly number[];
}

/** Evaluable relations joined by shared cells (union–find): the groups that are solved apart. */
function groupsOf(terms: readonly Term[][], evaluable: readonly number[], broken: ReadonlySet<number>): Group[] {
  const parent = new Map<number, number>(evaluable.map((i) => [i, i]));
  const find = (i: number): number => {
    let root = i;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(i, root);
    return root;
  };
  const owner = new Map<string, number>();
  for (const i of evaluable) {
    for (const term of terms[i]!) {
      const other = owner.get(term.key);
      if (other === undefined) owner.set(term.key, i);
      else parent.set(find(i), find(other));
    }
  }
  const groups = new Map<number, number[]>();
  for (const i of evaluable) {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(i);
    groups.set(root, list);
  }
  return [...groups.values()].map((relations) => ({ relations, broken: relations.filter((i) => broken.has(i)) })).filter((g) => g.broken.length > 0);
}

/** One equation of the small systems: Σ coefficient × change = right. */
interface Equation {
  readonly coefficients: readonly number[];
  readonly right: number;
}

/** The one solution of a small linear system, or undefined (none, or more than one). */
function solveSmall(equations: readonly Equation[], unknowns: number): number[] | undefined {
  const rows = equations.map((e) => [...e.coefficients, e.right]);
  let rank = 0;
  const pivots: number[] = [];
  for (let column = 0; column < unknowns && rank < rows.length; column++) {
    const pivot = rows.findIndex((row, i) => i >= rank && Math.abs(row[column]!) > EPSILON);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot]!, rows[rank]!];
    const lead = rows[rank]!;
    const factor = lead[column]!;
    for (let k = 0; k <= unknowns; k++) lead[k]! /= factor;
    for (let i = 0; i < rows.length; i++) {
      if (i === rank) continue;
      const f = rows[i]![column]!;
      if (Math.abs(f) < EPSILON) continue;
      for (let k = 0; k <= unknowns; k++) rows[i]![k]! -= f * lead[k]!;
    }
    pivots.push(column);
    rank++;
  }
  // A row 0 = c with c ≠ 0: no solution. Fewer pivots than unknowns: more than one.
  if (rows.some((row, i) => i >= rank && Math.abs(row[unknowns]!) > EPSILON)) return undefined;
  if (rank < unknowns) return undefined;
  const solution = new Array<number>(unknowns).fill(0);
  pivots.forEach((column, i) => (solution[column] = rows[i]![unknowns]!));
  return solution;
}

/**
 * Solves the relations of one table: evaluates them, and for each group of connected broken
 * relations finds the smallest sets of cells (up to {@link MAX_EXPLAINED_CELLS}) whose change
 * makes every relation hold, each cell on at least one broken relation (a cell every relation
 * agrees with is never blamed), each corrected value one the cell may hold.
 */
export function solveRelations(input: SolveInput): RelationSolution {
  const accepts = input.accepts ?? ((_cell: CellRef, value: number) => isCount(value));
  const states = evaluateStates(input.relations, input.valueOf);
  const terms = input.relations.map(termsOf);
  const evaluable = states.flatMap((s, i) => (s.evaluable ? [i] : []));
  const brokenSet = new Set(states.flatMap((s, i) => (s.evaluable && !s.holds ? [i] : [])));
  const broken = [...brokenSet].map((i) => input.relations[i]!);
  const diagnoses: Diagnosis[] = [];
  // The evaluable relations each cell lies on, with its sign there.
  const onCell = new Map<string, { relation: number; sign: 1 | -1 }[]>();
  const cellOf = new Map<string, CellRef>();
  for (const i of evaluable) {
    for (const term of terms[i]!) {
      const list = onCell.get(term.key) ?? [];
      list.push({ relation: i, sign: term.sign });
      onCell.set(term.key, list);
      cellOf.set(term.key, term.cell);
    }
  }
  const valueAt = (key: string): number => input.valueOf(cellOf.get(key)!)!;

  for (const group of groupsOf(terms, evaluable, brokenSet)) {
    const explanations = explain(group, terms, states, onCell, cellOf, valueAt, accepts);
    const groupBroken = group.broken.map((i) => input.relations[i]!);
    if (explanations.length === 0) {
      diagnoses.push({ kind: 'undetermined', broken: groupBroken, size: undefined });
      continue;
    }
    const size = explanations[0]!.length;
    if (size === 1 && explanations.length > 1) {
      diagnoses.push({ kind: 'alternatives', broken: groupBroken, alternatives: explanations.map((e) => e[0]!) });
      continue;
    }
    // Cells every explanation changes the same way are found; what they do not explain is not.
    const same = (c: CellCorrection, d: CellCorrection): boolean => cellRefKey(d.cell) === cellRefKey(c.cell) && Math.abs(d.to - c.to) < EPSILON;
    const certain = explanations[0]!.filter((c) => explanations.every((e) => e.some((d) => same(c, d))));
    const explained = new Set<number>();
    for (const correction of certain) {
      const key = cellRefKey(correction.cell);
      const on = onCell.get(key)!.map((r) => r.relation).filter((r) => brokenSet.has(r));
      on.forEach((r) => explained.add(r));
      diagnoses.push({
        kind: 'cell',
        correction,
        explains: on.map((r) => input.relations[r]!),
        alongside: explanations.length === 1 ? explanations[0]!.filter((c) => c !== correction) : [],
      });
    }
    const rest = group.broken.filter((r) => !explained.has(r));
    if (rest.length > 0) diagnoses.push({ kind: 'undetermined', broken: rest.map((i) => input.relations[i]!), size });
  }
  return { states, broken, diagnoses };
}

/** The smallest explanations of a group: sets of corrections, all of one size (none beyond the limit). */
function explain(
  group: Group,
  terms: readonly Term[][],
  states: readonly RelationState[],
  onCell: ReadonlyMap<string, readonly { relation: number; sign: 1 | -1 }[]>,
  cellOf: ReadonlyMap<string, CellRef>,
  valueAt: (key: string) => number,
  accepts: (cell: CellRef, value: number) => boolean,
): CellCorrection[][] {
  const brokenSet = new Set(group.broken);
  // Candidates lie on a broken relation; the smallest broken relation must hold one of them.
  const pool = [...new Set(group.broken.flatMap((i) => terms[i]!.map((t) => t.key)))];
  const first = [...group.broken].sort((a, b) => terms[a]!.length - terms[b]!.length)[0]!;
  const seeds = terms[first]!.map((t) => t.key);
  const found: CellCorrection[][] = [];
  const seen = new Set<string>();
  // k cells lie on at most k × (the most relations a cell lies on) relations: no need to search below that.
  const degree = Math.max(...pool.map((key) => onCell.get(key)?.filter((r) => brokenSet.has(r.relation)).length ?? 0));
  for (let size = Math.max(1, Math.ceil(group.broken.length / Math.max(1, degree))); size <= MAX_EXPLAINED_CELLS && found.length === 0; size++) {
    const visit = (chosen: string[], from: number): void => {
      if (found.length >= MAX_ALTERNATIVES) return;
      if (chosen.length === size) {
        const id = [...chosen].sort().join('\n');
        if (seen.has(id)) return;
        seen.add(id);
        const corrections = correct(chosen, brokenSet, states, onCell, cellOf, valueAt, accepts);
        if (corrections) found.push(corrections);
        return;
      }
      const candidates = chosen.length === 0 ? seeds : pool;
      for (let i = chosen.length === 0 ? 0 : from; i < candidates.length; i++) {
        const key = candidates[i]!;
        if (chosen.includes(key)) continue;
        visit([...chosen, key], chosen.length === 0 ? 0 : i + 1);
      }
    };
    visit([], 0);
  }
  return found;
}

/**
 * The corrections of these cells that make every relation hold, when there is exactly one such
 * change, every cell changes and every new value is acceptable; otherwise undefined.
 */
function correct(
  chosen: readonly string[],
  brokenSet: ReadonlySet<number>,
  states: readonly RelationState[],
  onCell: ReadonlyMap<string, readonly { relation: number; sign: 1 | -1 }[]>,
  cellOf: ReadonlyMap<string, CellRef>,
  valueAt: (key: string) => number,
  accepts: (cell: CellRef, value: number) => boolean,
): CellCorrection[] | undefined {
  const touched = new Map<number, number[]>();
  chosen.forEach((key, index) => {
    for (const { relation, sign } of onCell.get(key) ?? []) {
      const coefficients = touched.get(relation) ?? new Array<number>(chosen.length).fill(0);
      coefficients[index] = sign;
      touched.set(relation, coefficients);
    }
  });
  for (const relation of brokenSet) if (!touched.has(relation)) return undefined;
  const equations = [...touched].map(([relation, coefficients]) => ({ coefficients, right: -(states[relation]!.residual ?? 0) }));
  const changes = solveSmall(equations, chosen.length);
  if (!changes) return undefined;
  const corrections: CellCorrection[] = [];
  for (let i = 0; i < chosen.length; i++) {
    const change = changes[i]!;
    if (Math.abs(change) < EPSILON) return undefined;
    const key = chosen[i]!;
    const from = valueAt(key);
    const to = Math.round((from + change) * 1e6) / 1e6;
    const cell = cellOf.get(key)!;
    if (!accepts(cell, to)) return undefined;
    corrections.push({ cell, from, to });
  }
  return corrections;
}
