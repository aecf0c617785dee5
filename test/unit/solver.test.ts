/**
 * Which cell is wrong (issue 20): mutation tests over every standard table of both formats.
 * Clean tables are generated from the format data (every relation of formats/relations.ts
 * holds), rendered as whole drafts by the template renderer, and one cell (then two) is changed:
 *
 * - one wrong cell, anywhere (totals and 上年结转 included): where one cell alone explains the
 *   broken relations (decided here by brute force over every cell, independently of the
 *   solver), the arithmetic finding lands on the injected cell in ≥ 99 % of the cases and its
 *   first quick fix gives back the original draft;
 * - where several cells could be the one, every fix offered makes the relations hold;
 * - two wrong cells: no fix offered leaves a relation broken that held before (checked on the
 *   fixed text, parsed again).
 *
 * The figures are printed (`t.diagnostic`) for the report of issue 20.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, buildReport, checkReport, formats, RULES, type Finding, type FormatId, type TableId } from '../../server/src/core/index.js';
import { cellKey } from '../../server/src/core/model/tables/types.js';

const ARITHMETIC = new Set(['row-total', 'results-total', 'balance', 'review-total']);
const RULE_SET = RULES.filter((r) => ARITHMETIC.has(r.id));

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Values = Map<string, number | undefined>;
const key = (table: TableId, row: string, column: string): string => `${table}|${row}|${column}`;

/**
 * Clean values of 表三 and 表四 in a format: random applicant figures (`density` of them non-zero),
 * totals and the balance made to hold, as the format's relations say.
 */
function cleanValues(format: FormatId, rnd: () => number, density: number): Values {
  const values: Values = new Map();
  const small = (max: number) => (rnd() < density ? 1 + Math.floor(rnd() * max) : 0);
  const rows = formats.TABLE3_ROWS.filter((r) => r.formats.includes(format));
  const applicants = formats.TABLE3_APPLICANT_COLUMNS;
  const put = (row: string, column: string, value: number) => values.set(key('table3', row, column), value);
  const rowTotal = (row: string) => put(row, formats.TABLE3_TOTAL_COLUMN, applicants.reduce((s, c) => s + (values.get(key('table3', row, c.key)) ?? 0), 0));
  const outcomes = rows.filter((r) => r.role === 'outcome');
  for (const row of outcomes) {
    for (const column of applicants) put(row.key, column.key, small(9));
    rowTotal(row.key);
  }
  const total = rows.find((r) => r.role === 'outcomeTotal')!.key;
  for (const column of formats.TABLE3_COLUMNS) put(total, column.key, outcomes.reduce((s, r) => s + values.get(key('table3', r.key, column.key))!, 0));
  const [fresh, carried] = rows.filter((r) => r.role === 'intake').map((r) => r.key);
  const next = rows.find((r) => r.role === 'carryForward')!.key;
  for (const column of applicants) {
    const handled = values.get(key('table3', total, column.key))!;
    const forward = small(4);
    const before = Math.min(small(4), handled + forward);
    put(next, column.key, forward);
    put(carried!, column.key, before);
    put(fresh!, column.key, handled + forward - before);
  }
  for (const row of [fresh!, carried!, next]) rowTotal(row);
  for (const group of formats.TABLE4_GROUPS) {
    let sum = 0;
    for (const outcome of formats.TABLE4_OUTCOMES) {
      if (outcome.key === 'total') continue;
      const value = small(6);
      sum += value;
      values.set(key('table4', formats.TABLE4_ROW, formats.table4ColumnKey(group.key, outcome.key)), value);
    }
    values.set(key('table4', formats.TABLE4_ROW, formats.table4ColumnKey(group.key, 'total')), sum);
  }
  return values;
}

/** A whole draft of the format with these values in 表三 and 表四 (表二 filled with 1s). */
function draft(format: FormatId, values: Values): string {
  const year = format === '2019' ? 2020 : 2022;
  const cell = (row: string, column: string): string | undefined => {
    for (const table of ['table3', 'table4'] as const) {
      const k = key(table, row, column);
      if (values.has(k)) {
        const v = values.get(k);
        return v === undefined ? '' : String(v);
      }
    }
    return '1';
  };
  return formats.renderSkeleton({ year, body: '测试县某某局', format, cell }).join('\n');
}

/** Every relation of the complete tables, evaluated on values by brute force (not by the solver). */
function brokenOf(format: FormatId, values: Values): string[] {
  const out: string[] = [];
  for (const table of ['table3', 'table4'] as const) {
    formats.standardRelations(table, format).forEach((relation, i) => {
      const side = (refs: readonly formats.CellRef[]) => refs.map((r) => values.get(key(r.table, r.row, r.column)));
      const left = side(relation.left);
      const right = side(relation.right);
      if ([...left, ...right].some((v) => v === undefined)) return;
      const sum = (xs: (number | undefined)[]) => xs.reduce<number>((s, v) => s + v!, 0);
      if (sum(left) !== sum(right)) out.push(`${table}#${i}`);
    });
  }
  return out;
}

/** The cells of the draft's value cells one change of which alone makes every relation hold. */
function singleExplanations(format: FormatId, values: Values): string[] {
  const broken = brokenOf(format, values);
  if (broken.length === 0) return [];
  const found: string[] = [];
  for (const [k, v] of values) {
    if (v === undefined) continue;
    const [table] = k.split('|') as [TableId];
    // The value the first broken relation on this cell asks for, then every relation checked.
    for (const relation of formats.standardRelations(table, format)) {
      const all = [...relation.left.map((r) => ({ r, s: 1 })), ...relation.right.map((r) => ({ r, s: -1 }))];
      const on = all.find((t) => key(t.r.table, t.r.row, t.r.column) === k);
      if (!on) continue;
      const vals = all.map((t) => values.get(key(t.r.table, t.r.row, t.r.column)));
      if (vals.some((x) => x === undefined)) continue;
      const residual = all.reduce((s, t, i) => s + t.s * vals[i]!, 0);
      if (residual === 0) break; // a relation on the cell holds: changing it would break it
      const to = v - residual / on.s;
      if (to < 0) break;
      const trial = new Map(values);
      trial.set(k, to);
      if (brokenOf(format, trial).length === 0) found.push(k);
      break;
    }
  }
  return found;
}

function arithmetic(text: string): { findings: Finding[]; report: ReturnType<typeof buildReport> } {
  const result = checkReport(buildReport(text), { ruleSet: RULE_SET });
  return { findings: result.findings.filter((f) => ARITHMETIC.has(f.rule)), report: result.report };
}

/** The relations broken in a draft, read back from its text. */
function brokenInText(format: FormatId, text: string): string[] {
  const report = buildReport(text);
  const values: Values = new Map();
  for (const table of ['table3', 'table4'] as const) {
    for (const cell of report.tables[table]?.cells.values() ?? []) {
      values.set(key(table, cell.row, cell.column), cell.value.type === 'number' ? cell.value.value : undefined);
    }
  }
  return brokenOf(format, values);
}

interface Tally {
  cases: number;
  identifiable: number;
  onCell: number;
  restored: number;
  ambiguous: number;
  ambiguousOffered: number;
  worse: number;
}

function mutate(value: number, rnd: () => number): number {
  const delta = 1 + Math.floor(rnd() * 5);
  return value >= delta && rnd() < 0.5 ? value - delta : value + delta;
}

/** The clean tables a format's cases start from: dense, sparse (mostly 0, as most real tables), and one with blank cells. */
function bases(format: FormatId): { name: string; values: Values }[] {
  const rnd = random(format === '2019' ? 2019 : 2021);
  const dense = cleanValues(format, rnd, 0.9);
  const sparse = cleanValues(format, rnd, 0.25);
  const blanks = cleanValues(format, rnd, 0.6);
  const keys = [...blanks.keys()];
  for (let i = 0; i < 4; i++) blanks.set(keys[Math.floor(rnd() * keys.length)]!, undefined);
  return [
    { name: 'dense', values: dense },
    { name: 'sparse', values: sparse },
    { name: 'with blanks', values: blanks },
  ];
}

describe('which cell is wrong: one wrong cell in every standard table of both formats', () => {
  for (const format of ['2021', '2019'] as const) {
    it(`${format} format: 表三 and 表四, every cell of three clean drafts`, (t) => {
      const tally: Tally = { cases: 0, identifiable: 0, onCell: 0, restored: 0, ambiguous: 0, ambiguousOffered: 0, worse: 0 };
      const misses: string[] = [];
      const rnd = random(7);
      for (const base of bases(format)) {
        const clean = draft(format, base.values);
        assert.deepEqual(arithmetic(clean).findings, [], `the clean ${base.name} draft has no arithmetic finding`);
        assert.deepEqual(brokenOf(format, base.values), []);
        for (const [k, v] of base.values) {
          if (v === undefined) continue;
          const [table, row, column] = k.split('|') as [TableId, string, string];
          const values = new Map(base.values);
          values.set(k, mutate(v, rnd));
          const text = draft(format, values);
          const { findings, report } = arithmetic(text);
          tally.cases++;
          const cell = report.tables[table]!.cells.get(cellKey(row, column))!;
          const explanations = singleExplanations(format, values);
          const broken = brokenOf(format, values);
          if (broken.length === 0) {
            assert.deepEqual(findings, [], `${k}: nothing broken (a relation through a blank), nothing reported`);
            continue;
          }
          assert.ok(explanations.includes(k), `${k}: the injected cell is among the single-cell explanations`);
          for (const f of findings) {
            for (const fix of f.fixes) {
              const after = brokenInText(format, applyEdits(text, fix.edits));
              if (after.some((b) => !broken.includes(b))) tally.worse++;
            }
          }
          if (explanations.length === 1) {
            tally.identifiable++;
            const on = findings.length === 1 && findings[0]!.range.start === cell.content.start && findings[0]!.range.end === cell.content.end;
            if (on) tally.onCell++;
            else misses.push(`${base.name} ${k}: ${findings.map((f) => `${f.rule}@${report.lines.lineAt(f.range.start) + 1}`).join(', ')}`);
            const first = findings[0]?.fixes[0];
            if (on && first && applyEdits(text, first.edits) === clean) tally.restored++;
          } else {
            tally.ambiguous++;
            // Said as alternatives: one finding, the injected cell's correction among its fixes.
            const fixes = findings.flatMap((f) => f.fixes);
            if (fixes.some((fix) => applyEdits(text, fix.edits) === clean)) tally.ambiguousOffered++;
          }
        }
      }
      t.diagnostic(
        `${format}: ${tally.cases} cases; identifiable ${tally.identifiable}: finding on the injected cell ${tally.onCell} (${((100 * tally.onCell) / tally.identifiable).toFixed(1)} %), first fix restores ${tally.restored}; ` +
          `several cells possible ${tally.ambiguous}: the right correction offered ${tally.ambiguousOffered}; fixes that make things worse ${tally.worse}`,
      );
      assert.ok(tally.identifiable > 300, `enough identifiable cases (${tally.identifiable})`);
      assert.ok(tally.onCell >= 0.99 * tally.identifiable, `finding on the injected cell in ≥ 99 % of identifiable cases; misses:\n${misses.slice(0, 10).join('\n')}`);
      assert.ok(tally.restored >= 0.99 * tally.identifiable, `first fix restores the table in ≥ 99 % (${tally.restored}/${tally.identifiable})`);
      assert.equal(tally.ambiguousOffered, tally.ambiguous, 'where several cells could be wrong, the injected cell’s correction is offered');
      assert.equal(tally.worse, 0, 'no fix leaves a relation broken that held before');
    });
  }
});

describe('which cell is wrong: two wrong cells', () => {
  for (const format of ['2021', '2019'] as const) {
    it(`${format} format: no quick fix makes things worse`, (t) => {
      const rnd = random(format === '2019' ? 92 : 12);
      let cases = 0;
      let offered = 0;
      let worse = 0;
      let identified = 0;
      let mimicked = 0;
      for (const base of bases(format)) {
        const keys = [...base.values].filter(([, v]) => v !== undefined).map(([k]) => k);
        for (let n = 0; n < 70; n++) {
          const a = keys[Math.floor(rnd() * keys.length)]!;
          let b = keys[Math.floor(rnd() * keys.length)]!;
          while (b === a) b = keys[Math.floor(rnd() * keys.length)]!;
          const values = new Map(base.values);
          values.set(a, mutate(values.get(a)!, rnd));
          values.set(b, mutate(values.get(b)!, rnd));
          const text = draft(format, values);
          const broken = brokenOf(format, values);
          const { findings, report } = arithmetic(text);
          cases++;
          const onCells = findings.filter((f) =>
            [a, b].some((k) => {
              const [table, row, column] = k.split('|') as [TableId, string, string];
              const cell = report.tables[table]!.cells.get(cellKey(row, column))!;
              return f.range.start === cell.content.start && /本格若为/.test(f.message.zh);
            }),
          );
          identified += onCells.length;
          for (const f of findings) {
            // A finding that names a cell as wrong names one of the two, where every cell is filled.
            // With blanks, relations that could tell are not evaluated: two errors can look like one.
            if (/本格若为/.test(f.message.zh) && !onCells.includes(f)) {
              assert.equal(base.name, 'with blanks', `${a} + ${b}: ${f.message.zh}`);
              mimicked++;
            }
            for (const fix of f.fixes) {
              offered++;
              const after = brokenInText(format, applyEdits(text, fix.edits));
              if (after.some((x) => !broken.includes(x))) worse++;
            }
          }
        }
      }
      t.diagnostic(
        `${format}: ${cases} drafts with two wrong cells; ${identified} findings on a wrong cell, ${mimicked} on another (blanks hid the relations that tell); ${offered} fixes offered, ${worse} make things worse`,
      );
      assert.equal(worse, 0);
    });
  }
});

describe('which cell is wrong: 表二 has no relation', () => {
  it('a changed 表二 cell gets no arithmetic finding', () => {
    for (const format of ['2021', '2019'] as const) {
      const text = formats.renderSkeleton({ year: format === '2019' ? 2020 : 2022, body: '测试县某某局', format, cell: (row) => (row.startsWith('i') ? '7' : '0') }).join('\n');
      assert.deepEqual(arithmetic(text).findings, []);
    }
  });
});
