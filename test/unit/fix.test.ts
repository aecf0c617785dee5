/**
 * Fix application: edits applied bottom-up without overlaps; fix-all applies safe fixes only,
 * re-checks to a fixpoint, and never changes the text outside the fixes' ranges.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, checkText, fixAll, fixText, selectFixes } from '../../server/src/core/index.js';
import { assertOnlyEditsChanged } from '../fuzz/properties.js';
import { FIXTURES, readMarkedFixture } from './helpers.js';

/** Every Markdown fixture: seeds, real reports and the rule fixtures (markers stripped). */
function allFixtures(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md') && entry.name !== 'README.md' && entry.name !== 'EXPECTED.md') {
        const fixture = readMarkedFixture(path);
        // A byte order mark stays in the text, as in an editor that keeps it (regressions/bom-shifts-offsets.md).
        out.push({ name: relative(FIXTURES, path), text: (fixture.encoding.bom ? '\ufeff' : '') + fixture.text });
      }
    }
  };
  walk(FIXTURES);
  return out;
}

describe('applyEdits', () => {
  it('applies edits bottom-up so earlier offsets stay valid', () => {
    const text = 'abc def ghi';
    assert.equal(
      applyEdits(text, [
        { range: { start: 0, end: 3 }, newText: 'ABCD' },
        { range: { start: 8, end: 11 }, newText: 'G' },
      ]),
      'ABCD def G',
    );
  });

  it('refuses overlapping edits', () => {
    assert.throws(() => applyEdits('abcdef', [
      { range: { start: 0, end: 3 }, newText: 'x' },
      { range: { start: 2, end: 4 }, newText: 'y' },
    ]));
  });

  it('selects fixes that do not overlap, first come first served', () => {
    const fix = (start: number, end: number) => ({ title: { zh: '', en: '' }, safety: 'safe' as const, edits: [{ range: { start, end }, newText: '' }] });
    const chosen = selectFixes([fix(0, 5), fix(3, 8), fix(5, 9), fix(5, 5), fix(5, 5)]);
    assert.deepEqual(chosen.map((f) => f.edits[0]!.range.start), [0, 5, 5]);
  });
});

describe('fix-all on every fixture', () => {
  for (const fixture of allFixtures()) {
    it(fixture.name, () => {
      const checked = checkText(fixture.text);
      const result = fixAll(checked);
      for (const round of result.rounds) {
        const after = applyEdits(round.before, round.edits);
        assertOnlyEditsChanged(round.before, after, round.edits);
      }
      // The check of the fixed text fix-all returns (with the same options: none).
      assert.equal(result.result.report.text, result.text);
      const remaining = result.result.findings.filter((f) => f.fixes.some((x) => x.safety === 'safe'));
      assert.deepEqual(remaining.map((f) => f.rule), [], 'a safe-fixable finding is left after fix-all');
      const unsafeBefore = checked.findings.flatMap((f) => f.fixes).filter((f) => f.safety === 'unsafe');
      for (const fix of unsafeBefore) {
        for (const edit of fix.edits) {
          const applied = result.rounds.some((r) => r.edits.includes(edit));
          assert.ok(!applied, 'fix-all applied an unsafe fix');
        }
      }
    });
  }
});

describe('fixes that change the text', () => {
  it('missing-section then missing-table: fix-all inserts the heading, then the table', () => {
    const text = readFileSync(join(FIXTURES, 'seeds', 'seed-004-xigang-2022.md'), 'utf8');
    const start = text.indexOf('## 四、');
    const end = text.indexOf('## 五、');
    const broken = text.slice(0, start) + text.slice(end);
    const before = checkText(broken).findings.map((f) => f.rule);
    assert.ok(before.includes('missing-section'));
    const fixed = fixText(broken).text;
    const after = checkText(fixed);
    assert.ok(!after.findings.some((f) => f.rule === 'missing-section' || f.rule === 'missing-table'));
    assert.ok(after.report.tables.table4, 'the empty 表四 was inserted');
    assert.ok(fixed.includes('## 四、政府信息公开行政复议、行政诉讼情况'));
  });

  it('every offered fix applies cleanly to the text it was computed on', () => {
    for (const fixture of allFixtures()) {
      for (const finding of checkText(fixture.text).findings) {
        for (const fix of finding.fixes) {
          const out = applyEdits(fixture.text, fix.edits);
          assert.equal(typeof out, 'string', `${fixture.name}: ${finding.rule}`);
        }
      }
    }
  });

  it('an unsafe arithmetic fix makes its relation hold', () => {
    const text = readFileSync(join(FIXTURES, 'real', '2023_huaian-hongzequ.md'), 'utf8');
    const findings = checkText(text).findings.filter((f) => f.rule === 'review-total');
    assert.equal(findings.length, 2);
    for (const finding of findings) {
      const fixed = applyEdits(text, finding.fixes[0]!.edits);
      const left = checkText(fixed).findings.filter((f) => f.rule === 'review-total');
      assert.equal(left.length, 1);
    }
  });
});
