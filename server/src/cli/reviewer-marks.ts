/**
 * The marks a report's problems put on its drawn tables (issue 23), for the HTML answer and the
 * Word letters alike: each value cell a problem is about, shaded by the most serious of its
 * problems and noted with their numbers (①②…); the cells of a table left blank shaded as blank,
 * without a number each (the one line says it).
 */
import type { Severity, TableId } from '../core/index.js';
import type { Problem } from './output.js';

/** A cell's mark. */
export interface ProblemMark {
  /** The most serious problem's severity, or `blank` for a cell of a table left blank. */
  readonly kind: Severity | 'blank';
  /** The numbers of its problems, circled. */
  readonly note?: string;
  /** Its problems' messages, one a line. */
  readonly title?: string;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/** A problem's number as a cell's note: ①…⑳, then [21]. */
export function circled(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `[${n}]`;
}

/** The marks of the problems (numbered from 1 in their order), by table and `row|column` key. */
export function problemMarks(problems: readonly Problem[]): Map<TableId, Map<string, ProblemMark>> {
  const byTable = new Map<TableId, Map<string, { kind: Severity | 'blank'; notes: number[]; titles: string[] }>>();
  problems.forEach((problem, index) => {
    for (const cell of problem.cells) {
      const table = byTable.get(cell.table) ?? new Map<string, { kind: Severity | 'blank'; notes: number[]; titles: string[] }>();
      byTable.set(cell.table, table);
      const mark = table.get(cell.key) ?? { kind: cell.kind === 'blank' ? ('blank' as const) : problem.severity, notes: [], titles: [] };
      if (cell.kind !== 'blank') {
        mark.notes.push(index + 1);
        mark.titles.push(problem.message);
        if (mark.kind === 'blank' || SEVERITY_RANK[problem.severity] < SEVERITY_RANK[mark.kind]) mark.kind = problem.severity;
      }
      table.set(cell.key, mark);
    }
  });
  const out = new Map<TableId, Map<string, ProblemMark>>();
  for (const [table, marks] of byTable) {
    const entries = [...marks].map(([key, m]): [string, ProblemMark] => [
      key,
      { kind: m.kind, ...(m.notes.length > 0 ? { note: m.notes.map(circled).join(''), title: m.titles.join('\n') } : {}) },
    ]);
    out.set(table, new Map(entries));
  }
  return out;
}
