/**
 * The form of a standard table (shell/table-form.ts, issue 21): the export's official layout,
 * each value cell with its text, range and findings, the relations it is totalled by, and the
 * edit that writes a value typed in the form into the Markdown.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, buildReport, checkText, formats, localize } from '../../server/src/core/index.js';
import { exportTableLayout } from '../../server/src/shell/export-document.js';
import { cellValueEdit, tableAt, tableFindings, tableForm, type TableForm } from '../../server/src/shell/table-form.js';
import { FIXTURES, readMarkedFixture } from './helpers.js';

const base2021 = (): string => readFileSync(join(FIXTURES, 'rules', '_base', 'base-2021.md'), 'utf8');

/** The value cell of a form whose Chinese name holds both parts. */
function valueNamed(form: TableForm, row: string, column: string): ReturnType<TableForm['values']['get']> & object {
  const found = [...form.values.values()].filter((v) => v.name.zh.includes(row) && v.name.zh.includes(`“${column}”列`));
  assert.equal(found.length, 1, `${row} · ${column}: ${found.map((v) => v.name.zh).join(', ')}`);
  return found[0]!;
}

describe('the form of a standard table', () => {
  it('is the export’s layout, with every value cell of the draft, its range and text', () => {
    const text = base2021();
    const result = checkText(text);
    const form = tableForm(result.report, 'table3', result.findings)!;
    assert.deepEqual(form.layout, exportTableLayout(result.report, 'table3'));
    const numeric = form.layout.flat().filter((c) => c.numeric);
    assert.equal(form.values.size, numeric.length);
    assert.equal(form.values.size, 7 * formats.TABLE3_ROWS.filter((r) => r.formats.includes('2021')).length);
    for (const value of form.values.values()) {
      assert.ok(value.editable, value.name.zh);
      assert.equal(text.slice(value.range!.start, value.range!.end), value.text, value.name.zh);
    }
    const granted = valueNamed(form, '予以公开', '商业企业');
    assert.equal(granted.text, '1');
    assert.equal(granted.number, 1);
    assert.deepEqual(form.findings, []);
  });

  it('gives each total the cells it sums, as the relations say', () => {
    const result = checkText(base2021());
    const form = tableForm(result.report, 'table3', result.findings)!;
    const number = (key: string): number => form.values.get(key)!.number!;
    for (const relation of form.relations) {
      const computed = relation.plus.reduce((s, k) => s + number(k), 0) - relation.minus.reduce((s, k) => s + number(k), 0);
      assert.equal(computed, number(relation.target), relation.target);
    }
    // Row totals, （七）总计 per column and the balance per column.
    assert.equal(form.relations.length, formats.standardRelations('table3', '2021').length);
    const table4 = tableForm(result.report, 'table4', result.findings)!;
    assert.ok(table4.relations.length >= 3);
  });

  it('puts a finding on the cell it stands on', () => {
    const { text } = readMarkedFixture(join(FIXTURES, 'rules', 'row-total', 'wrong-one-cell.md'));
    const result = checkText(text);
    const form = tableForm(result.report, 'table3', result.findings)!;
    const wrong = [...form.values.values()].filter((v) => v.findings.length > 0);
    assert.equal(wrong.length, 1);
    assert.match(wrong[0]!.name.zh, /四类过程性信息/);
    assert.equal(form.findings[wrong[0]!.findings[0]!]!.rule, 'row-total');
    assert.equal(tableFindings(result.report, 'table3', result.findings).length, form.findings.length);
    assert.equal(tableAt(result.report, wrong[0]!.range!.start), 'table3');
    assert.equal(tableAt(result.report, 0), undefined);
  });

  it('writes a value into a blank or a filled cell and changes nothing else', () => {
    const text = base2021().replace('| （一）予以公开 |  | 3 | 1 | 1 | 1 | 1 | 1 | 8 |', '| （一）予以公开 |  |  | 1 | 1 | 1 | 1 | 1 | 8 |');
    const report = buildReport(text);
    const form = tableForm(report, 'table3', [])!;
    const blank = valueNamed(form, '予以公开', '自然人');
    assert.equal(blank.text, '');
    const answer = cellValueEdit(report, 'table3', blank.key, ' 3 ');
    assert.ok('edit' in answer);
    const after = applyEdits(text, [answer.edit]);
    assert.equal(after, base2021());
    assert.deepEqual(checkText(after).findings.map((f) => f.rule), []);
    const filled = cellValueEdit(buildReport(after), 'table3', blank.key, '12');
    assert.ok('edit' in filled);
    const twelve = applyEdits(after, [filled.edit]);
    assert.equal(twelve, base2021().replace('| （一）予以公开 |  | 3 |', '| （一）予以公开 |  | 12 |'));
    const cleared = cellValueEdit(buildReport(twelve), 'table3', blank.key, '');
    assert.ok('edit' in cleared);
    assert.equal(tableForm(buildReport(applyEdits(twelve, [cleared.edit])), 'table3', [])!.values.get(blank.key)!.text, '');
  });

  it('refuses what would break the table, and a cell the draft does not have', () => {
    const report = buildReport(base2021());
    const form = tableForm(report, 'table3', [])!;
    const key = valueNamed(form, '予以公开', '自然人').key;
    for (const value of ['1|2', '<b>1</b>', '1\n2', 'a&b']) {
      const answer = cellValueEdit(report, 'table3', key, value);
      assert.ok('refusal' in answer, value);
      assert.match(localize(answer.refusal, 'zh'), /单元格中不能写/);
    }
    const missing = cellValueEdit(report, 'table3', 'nothing|here', '1');
    assert.ok('refusal' in missing);
    assert.match(missing.refusal.zh, /没有这个单元格/);
  });

  it('writes into an HTML table’s cell without GFM padding', () => {
    const { text } = readMarkedFixture(join(FIXTURES, 'rules', 'row-total', 'wrong-html-two-rows.md'));
    const result = checkText(text);
    const form = tableForm(result.report, 'table3', result.findings)!;
    const wrong = [...form.values.values()].find((v) => v.findings.length > 0)!;
    assert.ok(wrong.editable);
    const answer = cellValueEdit(result.report, 'table3', wrong.key, '77');
    assert.ok('edit' in answer);
    const after = applyEdits(text, [answer.edit]);
    assert.equal(tableForm(buildReport(after), 'table3', [])!.values.get(wrong.key)!.text, '77');
    assert.match(after, />77</);
  });
});
