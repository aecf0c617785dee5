/**
 * format-version's fix converts a table to the required format, carrying every value whose
 * meaning is the same and inventing none (formats.md §7, §6.4).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, buildReport, checkText, type Finding } from '../../server/src/core/index.js';
import { cellKey, type ObservedTable } from '../../server/src/core/model/tables/types.js';
import { FIXTURES, ROOT } from './helpers.js';

const read = (...path: string[]): string => readFileSync(join(...path), 'utf8');

function convert(text: string, table: string): { text: string; finding: Finding } {
  const finding = checkText(text).findings.find((f) => f.rule === 'format-version' && f.message.zh.includes(table))!;
  assert.ok(finding, `no format-version finding for ${table}`);
  const fix = finding.fixes[0]!;
  assert.equal(fix.safety, 'unsafe');
  return { text: applyEdits(text, fix.edits), finding };
}

function raw(text: string, table: ObservedTable, row: string, column: string): string | undefined {
  const cell = table.cells.get(cellKey(row, column));
  return cell && text.slice(cell.content.start, cell.content.end);
}

describe('table conversion', () => {
  it('turns the 2019 row （六）其他处理 into the three 2021 rows (seed 002)', () => {
    const original = read(FIXTURES, 'seeds', 'seed-002-gulou-2021.md');
    const { text } = convert(original, '表三');
    const after = checkText(text);
    assert.deepEqual(after.findings.map((f) => f.rule), ['table-label'], 'only the unrelated label typo is left');
    const before = buildReport(original).tables.table3!;
    const table = after.report.tables.table3!;
    assert.equal(table.usedFormat, '2021');
    for (const key of ['new', 'carried', 'granted', 'resultsTotal', 'next']) {
      for (const column of ['natural', 'total']) assert.equal(raw(text, table, key, column), raw(original, before, key, column));
    }
    // 其他处理 was 0 in every column, so its three 2021 rows are certainly 0.
    for (const key of ['otherHandling.noCorrection', 'otherHandling.unpaid', 'otherHandling.rest']) assert.equal(raw(text, table, key, 'natural'), '0');
    assert.equal(text.slice(0, original.indexOf('| （本列数据')), original.slice(0, original.indexOf('| （本列数据')), 'nothing before the table changed');
  });

  it('carries a non-zero 其他处理 to 3.其他 and leaves the two new rows for the author', () => {
    const original = read(FIXTURES, 'seeds', 'seed-002-gulou-2021.md').replace(
      '|  | （六）其他处理 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |  |',
      '|  | （六）其他处理 |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |  |',
    );
    const { text } = convert(original, '表三');
    const table = buildReport(text).tables.table3!;
    assert.equal(raw(text, table, 'otherHandling.rest', 'natural'), '2');
    assert.equal(raw(text, table, 'otherHandling.noCorrection', 'natural'), '');
    assert.equal(raw(text, table, 'otherHandling.unpaid', 'total'), '');
    assert.equal(raw(text, table, 'otherHandling.noCorrection', 'business'), '0');
  });

  it('converts a 2019 表二 carrying only 处理决定数量 (examples/2022-绿洲社区服务中心)', () => {
    const original = read(ROOT, 'examples', '2022-绿洲社区服务中心.md');
    const before = buildReport(original).tables.table2!;
    const { text } = convert(original, '表二');
    const table = buildReport(text).tables.table2!;
    assert.equal(table.usedFormat, '2021');
    assert.equal(raw(text, table, 'i6.penalty', 'i6.decisions'), raw(original, before, 'i6.penalty', 'i6.decisions'));
    assert.equal(raw(text, table, 'i5.licence', 'i5.decisions'), raw(original, before, 'i5.licence', 'i5.decisions'));
    // 本年新制作数量 is not 本年制发件数, 对外公开总数量 is not 现行有效件数, 上一年项目数量 is not 收费金额.
    assert.equal(raw(text, table, 'i1.normative', 'i1.valid'), '');
    assert.equal(raw(text, table, 'i1.normative', 'i1.issued'), '');
    assert.equal(raw(text, table, 'i8.fees', 'i8.feeAmount'), '');
    assert.ok(!text.includes('第二十条第（九）项'));
  });

  it('sums the three 2021 rows into 其他处理 when a 2020 report used the 2021 表三', () => {
    const seed004 = read(FIXTURES, 'seeds', 'seed-004-xigang-2022.md')
      .replace(/2022/g, '2020')
      .replace('| 3.其他 | 0 | 0 |', '| 3.其他 | 3 | 0 |')
      .replace('|  | （七）总计 |  | 0 |', '|  | （七）总计 |  | 3 |');
    const { text } = convert(seed004, '表三');
    const table = buildReport(text).tables.table3!;
    assert.equal(table.usedFormat, '2019');
    assert.equal(raw(text, table, 'otherHandling', 'natural'), '3');
  });
});
