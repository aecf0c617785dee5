/**
 * The five seed reports as their authors had them (text pasted from Word or a PDF; copied
 * unchanged from shared/fixtures/pasted): each yields the same table findings, rule by rule and
 * message by message, as its Markdown version in test/fixtures/seeds, and no missing-table.
 * Fix-all turns their tables into canonical Markdown tables, after which checking finds the same
 * table findings again.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fixText, type CheckResult } from '../../server/src/core/index.js';
import { check, describeFindings, FIXTURES } from './helpers.js';

const SEEDS = ['seed-000-luhu-2020', 'seed-001-dongliu-2020', 'seed-002-gulou-2021', 'seed-003-sikou-2020', 'seed-004-xigang-2022'];
/** The rules whose findings are about the tables. */
const TABLE_RULES = new Set(['missing-table', 'table-unreadable', 'format-version', 'table-label', 'table-shape', 'cell-value', 'row-total', 'results-total', 'balance', 'review-total']);

function tableFindings(result: CheckResult): string[] {
  return result.findings.filter((f) => TABLE_RULES.has(f.rule)).map((f) => `${f.rule}: ${f.message.zh}`).sort();
}

describe('pasted seed reports', () => {
  for (const name of SEEDS) {
    describe(name, () => {
      const pasted = readFileSync(join(FIXTURES, 'pasted', `${name}.txt`), 'utf8');
      const markdown = check(readFileSync(join(FIXTURES, 'seeds', `${name}.md`), 'utf8'));
      const result = check(pasted);

      it('reads all three tables from the pasted text', () => {
        assert.deepEqual(Object.keys(result.report.tables).sort(), ['table2', 'table3', 'table4']);
        for (const table of Object.values(result.report.tables)) assert.ok(table!.grids.every((g) => g.source === 'pasted'));
        assert.equal(result.report.tablesFormat, markdown.report.tablesFormat);
      });

      it('gives the table findings of its Markdown version, and no missing-table', () => {
        assert.deepEqual(result.failures, []);
        assert.deepEqual(tableFindings(result), tableFindings(markdown), describeFindings(result));
        assert.ok(!result.findings.some((f) => f.rule === 'missing-table' || f.rule === 'table-unreadable'));
      });

      it('puts every value cell on its own line, with the exact source text', () => {
        for (const table of Object.values(result.report.tables)) {
          for (const cell of table!.cells.values()) {
            if (cell.virtual) continue;
            const source = pasted.slice(cell.content.start, cell.content.end);
            assert.equal(source.replace(/\r?\n/g, ''), cell.text);
            assert.equal(result.report.lines.lineAt(cell.content.start), cell.line);
          }
        }
      });

      it('offers the conversion to Markdown for each table, and fix-all keeps the findings', () => {
        const notices = result.findings.filter((f) => f.rule === 'table-markdown');
        assert.equal(notices.length, 3, describeFindings(result));
        for (const notice of notices) assert.equal(notice.fixes[0]?.safety, 'safe');
        const fixed = fixText(pasted);
        const after = check(fixed.text);
        assert.ok(!after.findings.some((f) => f.rule === 'table-markdown'), describeFindings(after));
        for (const table of Object.values(after.report.tables)) assert.ok(table!.grids.every((g) => g.source === 'gfm'));
        const safeFixed = check(fixText(readFileSync(join(FIXTURES, 'seeds', `${name}.md`), 'utf8')).text);
        assert.deepEqual(tableFindings(after), tableFindings(safeFixed), describeFindings(after));
      });
    });
  }
});
