/**
 * Core pieces the editor uses: table formatting, the hover explanation of a total cell, and
 * isolation of a rule that throws.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, buildReport, checkReport, checkText, explainCellAt, formatTables, RULES, say, type Rule } from '../../server/src/core/index.js';
import { editorWidths } from '../../server/src/core/text/width.js';
import { FIXTURES } from './helpers.js';

const seed = (name: string): string => readFileSync(join(FIXTURES, 'seeds', `${name}.md`), 'utf8');

describe('table formatting', () => {
  for (const name of ['seed-000-luhu-2020', 'seed-001-dongliu-2020', 'seed-003-sikou-2020', 'seed-004-xigang-2022']) {
    it(`aligns the tables of ${name} and changes nothing else`, () => {
      const text = seed(name);
      const formatted = applyEdits(text, formatTables(buildReport(text)));
      const before = text.split('\n');
      const after = formatted.split('\n');
      assert.equal(after.length, before.length);
      before.forEach((line, i) => {
        if (!line.startsWith('|')) assert.equal(after[i], line, `line ${i + 1} is not a table line and must not change`);
        else assert.equal(after[i]!.replace(/[\s\u00a0\u3000|-]/g, ''), line.replace(/[\s\u00a0\u3000|-]/g, ''), `line ${i + 1}: cell contents changed`);
      });
      const strip = (t: string) => checkText(t).findings.map((f) => `${f.rule}@${buildReport(t).lines.lineAt(f.range.start)}`);
      assert.deepEqual(strip(formatted), strip(text), 'the findings are the same');
      assert.deepEqual(formatTables(buildReport(formatted)), [], 'formatting is idempotent');
      // Every data row of 表三 (labels and figures) puts each pipe after the same CJK and Latin characters: aligned in any font.
      const pipes = (line: string) => [...line.matchAll(/\|/g)].map((m) => editorWidths(line.slice(0, m.index)));
      const report = buildReport(formatted);
      const table3 = report.tables.table3!;
      assert.ok(table3.rows.length >= 20);
      for (const grid of table3.grids.filter((g) => g.source === 'gfm')) {
        // A figure written 无 is drawn by the CJK font: its row cannot be exact (and is not compared).
        const dataLines = table3.rows
          .filter((r) => r.range.start >= grid.range.start && r.range.start < grid.range.end)
          .map((r) => formatted.split('\n')[r.line]!)
          .filter((line) => !line.includes('| 无'));
        for (const line of dataLines) assert.deepEqual(pipes(line), pipes(dataLines[0]!), `${line}: aligned with the first data row of its table`);
      }
      // Figures are padded with spaces only, labels with U+3000.
      for (const cell of report.tables.table3!.cells.values()) assert.doesNotMatch(formatted.slice(cell.inner.start, cell.inner.end), /\u3000/);
    });
  }
});

describe('hover explanation', () => {
  it('explains a row total, a results total and the balance with the figures', () => {
    const text = readFileSync(join(FIXTURES, 'real', '2024_huaianshi.md'), 'utf8');
    const report = buildReport(text);
    const totalRow = text.indexOf('| 2932 | 53 | 0 | 0 | 61 | 4 | 3050 |');
    const explanation = explainCellAt(report, totalRow + 2)!;
    assert.equal(explanation.title.zh, '表三“（七）总计”行“自然人”列');
    assert.match(explanation.relations[0]!.zh, /办理结果总计（各项办理结果之和）：（七）总计 2932 = 2932；.* = 2932。✓ 相符/);
    const next = text.indexOf('| 103 |', text.indexOf('四、结转下年度继续办理'));
    assert.match(explainCellAt(report, next + 2)!.relations.map((r) => r.zh).join('\n'), /勾稽关系：一 \+ 二 = （七）总计 \+ 四：.*3001 \+ .*34 = 3035；.*2932 \+ .*103 = 3035。✓ 相符/);
  });

  it('says a relation with a blank cell cannot be verified, and ignores label cells', () => {
    const report = buildReport(seed('seed-001-dongliu-2020'));
    const text = report.text;
    const at = text.indexOf('无', text.indexOf('一、本年新收政府信息公开申请数量'));
    assert.match(explainCellAt(report, at)!.relations[0]!.zh, /无法核对/);
    assert.equal(explainCellAt(report, text.indexOf('一、本年新收政府信息公开申请数量')), undefined);
  });
});

describe('rule isolation', () => {
  it('records a rule that throws and keeps the other findings', () => {
    const broken = { ...RULES[0]!, id: 'broken-rule', check: () => { throw new Error('boom'); } };
    const result = checkReport(buildReport(seed('seed-004-xigang-2022')), { ruleSet: [broken, ...RULES] });
    assert.equal(result.failures.length, 1);
    assert.equal(result.failures[0]!.rule, 'broken-rule');
    assert.deepEqual(result.findings.map((f) => f.rule), ['vague-figure', 'section-heading']);
  });

  it('records a rule whose finding carries a fix outside its declared fix class (markdownlint checks fixInfo likewise)', () => {
    const fix = (safety: 'safe' | 'unsafe') => ({ title: say('改', 'fix'), safety, edits: [{ range: { start: 0, end: 1 }, newText: '#' }] });
    const finding = (safety: 'safe' | 'unsafe') => ({ range: { start: 0, end: 1 }, message: say('问题', 'problem'), fixes: [fix(safety)] });
    const base = { ...RULES[0]!, check: () => [] };
    const rules: Rule[] = [
      { ...base, id: 'none-with-fix', fix: 'none', check: () => [finding('safe')] },
      { ...base, id: 'safe-with-unsafe', fix: 'safe', check: () => [finding('unsafe')] },
      { ...base, id: 'unsafe-with-safe', fix: 'unsafe', check: () => [finding('safe')] },
      { ...base, id: 'both', fix: 'safe+unsafe', check: () => [finding('safe'), finding('unsafe')] },
      { ...base, id: 'safe-ok', fix: 'safe', check: () => [finding('safe')] },
    ];
    const result = checkReport(buildReport(seed('seed-004-xigang-2022')), { ruleSet: rules });
    assert.deepEqual(result.failures.map((f) => f.rule).sort(), ['none-with-fix', 'safe-with-unsafe', 'unsafe-with-safe']);
    assert.deepEqual(result.findings.map((f) => f.rule).sort(), ['both', 'both', 'safe-ok']);
  });
});
