/**
 * The five seed reports and the three real reports, copied unchanged from shared/fixtures: each
 * yields every finding its expect.json lists at its line (entries not marked certain may be
 * missing), none of the rules it lists as must-not-fire, and — for the rules nianbao implements —
 * nothing else. Expectations of rules not implemented yet (the text rules of a later issue) are
 * listed in the test output as skipped, not silently passed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { RULES } from '../../server/src/core/index.js';
import { check, describeFindings, FIXTURES } from './helpers.js';

interface Expectation {
  readonly rule: string;
  readonly line: number;
  readonly certain: boolean;
  readonly span?: readonly [number, number];
}

interface ExpectFile {
  readonly source: string;
  readonly year: number;
  readonly requiredFormat: '2019' | '2021';
  readonly tablesFormat: '2019' | '2021' | 'mixed';
  readonly findings: readonly Expectation[];
  readonly mustNotFire: readonly string[];
}

const implemented = new Set(RULES.map((r) => r.id));

/**
 * Findings the expectations do not list that are nonetheless right. Each names the line of
 * EXPECTED.md that describes the defect.
 */
const KNOWN_TRUE_POSITIVES = [
  // EXPECTED.md, seed 001 "Other defects (no rule): line 11 `大厅大厅` (duplicated word)" —
  // exactly what rules.md's doubled-word describes (「审核审核」).
  { case: 'seed-001-dongliu-2020', rule: 'doubled-word', line: 11 },
];

const CASES = [
  ...['seed-000-luhu-2020', 'seed-001-dongliu-2020', 'seed-002-gulou-2021', 'seed-003-sikou-2020', 'seed-004-xigang-2022'].map((n) => join(FIXTURES, 'seeds', n)),
  ...['2023_huaian-hongzequ', '2024_huaian-hongzequ', '2024_huaianshi'].map((n) => join(FIXTURES, 'real', n)),
];

describe('seed and real reports', () => {
  for (const base of CASES) {
    describe(basename(base), () => {
      const expect = JSON.parse(readFileSync(`${base}.expect.json`, 'utf8')) as ExpectFile;
      const result = check(readFileSync(`${base}.md`, 'utf8'));
      const found = result.findings.map((f) => ({ rule: f.rule, line: result.report.lines.lineAt(f.range.start) + 1 }));
      const all = `findings were:\n${describeFindings(result)}`;

      it('reads the report year and the formats', () => {
        assert.equal(result.report.year.year, expect.year);
        assert.equal(result.report.requiredFormat, expect.requiredFormat);
        assert.equal(result.report.tablesFormat, expect.tablesFormat);
        assert.deepEqual(result.failures, []);
      });

      for (const e of expect.findings) {
        const name = `${e.rule} at line ${e.line}${e.certain ? '' : ' (borderline or stretch)'}`;
        if (!implemented.has(e.rule)) {
          it(name, { skip: `${e.rule} is not implemented yet` }, () => {});
          continue;
        }
        it(name, () => {
          const hit = found.some((f) => f.rule === e.rule && f.line === e.line);
          if (e.certain) assert.ok(hit, `expected ${e.rule} at line ${e.line}; ${all}`);
        });
      }

      it('fires none of the must-not-fire rules', () => {
        const fired = found.filter((f) => expect.mustNotFire.includes(f.rule));
        assert.deepEqual(fired, [], all);
      });

      it('reports nothing beyond the expectations', () => {
        const extra = found.filter(
          (f) =>
            !expect.findings.some((e) => e.rule === f.rule && (e.line === f.line || (e.span !== undefined && f.line >= e.span[0] && f.line <= e.span[1]))) &&
            !KNOWN_TRUE_POSITIVES.some((k) => base.endsWith(k.case) && k.rule === f.rule && k.line === f.line),
        );
        assert.deepEqual(extra, [], all);
      });
    });
  }
});
