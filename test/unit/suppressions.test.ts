/**
 * Inline suppressions (server/src/core/suppressions.ts): every directive form on the findings it
 * covers, ids by spaces and commas, no id for every rule, unused directives and unknown ids as
 * `unused-disable` with their fixes, a directive at the end of a GFM row (no cell text), a
 * comment line inside an HTML table, and what a comment line between GFM rows does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, checkText, fixText, formatTables, buildReport } from '../../server/src/core/index.js';
import { findDirectives } from '../../server/src/core/suppressions.js';
import { FIXTURES } from './helpers.js';

const BASE = readFileSync(join(FIXTURES, 'rules', '_base', 'base-2021.md'), 'utf8');
const DOUBLED = '本机关落实公开前保密审查审查制度，按照“谁公开、谁审查、谁负责”的原则把好信息发布关，并对已公开的政策文件进行动态更新。';
/** 0-based line 60: the 表三 row 1.属于国家秘密, its 科研机构 cell `无` (a cell-value finding, nothing else). */
const NONE_ROW = '|  | （三）不予公开 | 1.属于国家秘密 | 6 | 3 | 无 | 1 | 5 | 3 | 20 |';

/** The base with line replacements (0-based) and then lines inserted before 0-based lines. */
function draft(replace: Record<number, string>, insert: Record<number, string> = {}): string {
  const lines = BASE.split('\n');
  for (const [i, text] of Object.entries(replace)) lines[Number(i)] = text;
  for (const i of Object.keys(insert).map(Number).sort((a, b) => b - a)) lines.splice(i, 0, insert[i]!);
  return lines.join('\n');
}

function keys(text: string): string[] {
  const result = checkText(text);
  assert.deepEqual(result.failures, []);
  return result.findings.map((f) => `${result.report.lines.lineAt(f.range.start) + 1}:${f.rule}`).sort();
}

describe('suppressions', () => {
  const problems = { 18: DOUBLED, 60: NONE_ROW };

  it('the base with the two problems reports both', () => {
    assert.deepEqual(keys(draft(problems)), ['19:doubled-word', '61:cell-value']);
  });

  it('finds directives with ids separated by spaces or commas, and no id', () => {
    const text = 'a <!-- nianbao-disable-line doubled-word,cell-value  row-total -->\n<!--nianbao-disable-file-->\n<!-- nianbao-enable a -->\n<!-- nianbao-disabled x -->\n<!-- nianbao-disable\nx -->';
    const found = findDirectives(text, buildReport(text).lines);
    assert.deepEqual(found.map((d) => [d.kind, d.line, d.ids.map((i) => i.id)]), [
      ['disable-line', 0, ['doubled-word', 'cell-value', 'row-total']],
      ['disable-file', 1, []],
      ['enable', 2, ['a']],
    ]);
    assert.equal(text.slice(found[0]!.ids[1]!.range.start, found[0]!.ids[1]!.range.end), 'cell-value');
  });

  it('nianbao-disable-next-line covers the next line only', () => {
    assert.deepEqual(keys(draft(problems, { 18: '<!-- nianbao-disable-next-line doubled-word -->' })), ['62:cell-value']);
    // Two lines below: not covered, and the directive is unused.
    assert.deepEqual(keys(draft(problems, { 17: '<!-- nianbao-disable-next-line doubled-word -->' })), ['18:unused-disable', '20:doubled-word', '62:cell-value']);
  });

  it('nianbao-disable-line covers its own line, at the end of a paragraph or of a GFM table row', () => {
    assert.deepEqual(keys(draft({ ...problems, 18: `${DOUBLED} <!-- nianbao-disable-line doubled-word -->` })), ['61:cell-value']);
    assert.deepEqual(keys(draft({ ...problems, 60: `${NONE_ROW} <!-- nianbao-disable-line cell-value -->` })), ['19:doubled-word']);
    // Before the last pipe, inside the last cell, and without a last pipe.
    assert.deepEqual(keys(draft({ 60: `${NONE_ROW.slice(0, -1)}<!-- nianbao-disable-line cell-value -->|` })), []);
    assert.deepEqual(keys(draft({ 60: `${NONE_ROW.slice(0, -2)} <!-- nianbao-disable-line cell-value -->` })), []);
  });

  it('a directive at the end of a GFM row is no cell: the row keeps its cells and values', () => {
    const wrongTotal = NONE_ROW.replace('| 无 |', '| 2 |').replace('| 20 |', '| 21 |');
    const text = draft({ 60: `${wrongTotal} <!-- nianbao-disable-line row-total -->` });
    const result = checkText(text);
    const row = result.report.tables.table3!.grids[0]!.rows.find((r) => r.line === 60)!;
    assert.equal(row.cells.length, 10);
    assert.equal(row.cells.at(-1)!.text, '21');
    // The wrong 总计 breaks its row and the 总计 column's results total: one row-total finding on
    // that cell names both (issue 20), and the directive suppresses it; without the directive it is there.
    assert.ok(!result.findings.some((f) => ['row-total', 'results-total', 'balance'].includes(f.rule)));
    assert.deepEqual(
      checkText(draft({ 60: wrongTotal })).findings.filter((f) => f.rule.endsWith('total')).map((f) => `${f.rule}@${result.report.lines.lineAt(f.range.start) + 1}`),
      ['row-total@61'],
    );
    // Formatting the tables keeps the directive at the end of the row.
    const formatted = applyEdits(text, formatTables(result.report));
    assert.match(formatted.split('\n')[60]!, /\| 21 +\| <!-- nianbao-disable-line row-total -->$/);
  });

  it('nianbao-disable … nianbao-enable covers the lines between, by id or all rules', () => {
    assert.deepEqual(keys(draft(problems, { 18: '<!-- nianbao-disable -->', 19: '<!-- nianbao-enable -->' })), ['63:cell-value']);
    // Without an enable: to the end of the file.
    assert.deepEqual(keys(draft(problems, { 18: '<!-- nianbao-disable doubled-word, cell-value -->' })), []);
    // An enable of one id closes only that id's block (here before any cell-value finding: unused).
    assert.deepEqual(keys(draft(problems, { 18: '<!-- nianbao-disable doubled-word cell-value -->', 20: '<!-- nianbao-enable cell-value -->' })), ['19:unused-disable', '63:cell-value']);
    // The enable's own line and after are checked again.
    const second = '本机关依托县政府门户网站政府信息公开专栏集中发布政府信息，加强政务新媒体内容管理管理，保证平台信息准确、更新及时。';
    assert.deepEqual(keys(draft({ 18: DOUBLED, 22: second }, { 18: '<!-- nianbao-disable doubled-word -->', 19: '<!-- nianbao-enable doubled-word -->' })), ['25:doubled-word']);
  });

  it('nianbao-disable-file covers the whole file wherever it is', () => {
    const text = `${draft(problems)}\n\n<!-- nianbao-disable-file cell-value -->\n`;
    assert.deepEqual(keys(text), ['19:doubled-word']);
    assert.deepEqual(keys(`<!-- nianbao-disable-file -->\n${draft(problems)}`), []);
  });

  it('an unused directive and an unknown id are unused-disable findings with a safe fix', () => {
    const text = draft({ 60: `${NONE_ROW} <!-- nianbao-disable-line cell-value row-totl -->` }, { 18: '<!-- nianbao-disable-next-line doubled-word -->' });
    const result = checkText(text);
    const unused = result.findings.filter((f) => f.rule === 'unused-disable');
    assert.deepEqual(unused.map((f) => [result.report.lines.lineAt(f.range.start) + 1, f.severity, f.message.zh]), [
      [19, 'info', '未使用的 nianbao-disable-next-line 指令：doubled-word 在此没有问题可屏蔽'],
      [62, 'info', '无效的 nianbao-disable-line 指令：「row-totl」不是规则名称'],
    ]);
    assert.ok(unused.every((f) => f.fixes.length === 1 && f.fixes[0]!.safety === 'safe'));
    // Fix-all removes the unused line and the unknown id, and nothing else.
    const fixed = fixText(text).text;
    assert.equal(fixed, draft({ 60: `${NONE_ROW} <!-- nianbao-disable-line cell-value -->` }));
    assert.deepEqual(keys(fixed), []);
  });

  it('one unused id among used ones: the finding and the fix are on that id', () => {
    const text = draft({ 18: DOUBLED }, { 18: '<!-- nianbao-disable-next-line doubled-word, vague-figure -->' });
    const result = checkText(text);
    const [unused] = result.findings;
    assert.equal(result.findings.length, 1);
    assert.equal(text.slice(unused!.range.start, unused!.range.end), 'vague-figure');
    assert.equal(applyEdits(text, unused!.fixes[0]!.edits).split('\n')[18], '<!-- nianbao-disable-next-line doubled-word -->');
    // The first id, and a whole unused directive at the end of a line.
    const first = draft({ 18: DOUBLED }, { 18: '<!-- nianbao-disable-next-line vague-figure doubled-word -->' });
    const f = checkText(first).findings[0]!;
    assert.equal(applyEdits(first, f.fixes[0]!.edits).split('\n')[18], '<!-- nianbao-disable-next-line doubled-word -->');
    const trailing = draft({ 10: `${BASE.split('\n')[10]} <!-- nianbao-disable-line vague-figure -->` });
    assert.equal(fixText(trailing).text, BASE);
  });

  it('an enable with unknown ids: each id, or the whole comment when every id is unknown', () => {
    const one = draft({}, { 18: '<!-- nianbao-enable doubled-word row-totl -->' });
    const [f] = checkText(one).findings;
    assert.equal(f!.rule, 'unused-disable');
    assert.equal(fixText(one).text.split('\n')[18], '<!-- nianbao-enable doubled-word -->');
    const all = draft({}, { 18: '<!-- nianbao-enable row-totl, cel-value -->' });
    assert.equal(checkText(all).findings.length, 1);
    assert.equal(fixText(all).text, BASE);
  });

  it('a directive for a rule that did not run is not unused; unused-disable can be turned off', () => {
    const text = draft({}, { 18: '<!-- nianbao-disable-next-line doubled-word -->' });
    assert.deepEqual(keys(text), ['19:unused-disable']);
    assert.deepEqual(checkText(text, { rules: { 'doubled-word': 'off' } }).findings, []);
    assert.deepEqual(checkText(text, { rules: { 'unused-disable': 'off' } }).findings, []);
    assert.equal(checkText(text, { rules: { 'unused-disable': 'warning' } }).findings[0]!.severity, 'warning');
  });

  it('unused-disable findings are never suppressed', () => {
    const text = draft({}, { 0: '<!-- nianbao-disable-file -->', 19: '<!-- nianbao-disable-next-line doubled-word -->' });
    assert.deepEqual(keys(text), ['1:unused-disable', '21:unused-disable']);
  });

  it('a comment line inside an HTML table does not break it', () => {
    const html = [
      '<table>',
      '<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>',
      '<!-- nianbao-disable-next-line cell-value -->',
      '<tr><td>规章</td><td>无</td><td>0</td><td>0</td></tr>',
      '</table>',
    ];
    const plain = html.filter((l) => !l.startsWith('<!--')).join('\n');
    const withHtml = (table: string) => BASE.replace(/\| 第二十条第（一）项[^]*?\n\n/, `${table}\n\n`);
    const before = checkText(withHtml(plain));
    const after = checkText(withHtml(html.join('\n')));
    assert.ok(before.findings.some((f) => f.rule === 'cell-value'), 'the HTML 表二 is read');
    assert.ok(!after.findings.some((f) => f.rule === 'cell-value' || f.rule === 'unused-disable'));
    assert.equal(after.report.tables.table2!.grids.length, before.report.tables.table2!.grids.length);
  });

  it('a directive line between GFM rows: the table is read whole and the directive covers the next row', () => {
    const wrongTotal = NONE_ROW.replace('| 无 |', '| 2 |').replace('| 20 |', '| 21 |');
    const text = draft({ 60: wrongTotal }, { 60: '<!-- nianbao-disable-next-line row-total -->' });
    const result = checkText(text);
    const table3 = result.report.tables.table3!;
    assert.equal(table3.grids.length, 1);
    assert.equal(table3.grids[0]!.rows.length, 28);
    // The finding on the wrong 总计 of the row after the directive (row-total, naming the column
    // total it breaks too) is suppressed; a directive for another rule leaves it.
    assert.deepEqual(keys(text), []);
    assert.deepEqual(keys(draft({ 60: wrongTotal }, { 60: '<!-- nianbao-disable-next-line results-total -->' })), ['61:unused-disable', '62:row-total']);
    // Two directive lines in a row, too.
    const two = draft({ 60: wrongTotal }, { 60: '<!-- nianbao-disable-next-line cell-value -->\n<!-- nianbao-disable-next-line row-total -->' });
    assert.equal(checkText(two).report.tables.table3!.grids[0]!.rows.length, 28);
    // Any other comment, or a blank line, still ends the table (as CommonMark reads it).
    for (const cut of ['<!-- 注释 -->', '\n<!-- nianbao-disable-next-line row-total -->']) {
      const other = checkText(draft({ 60: wrongTotal }, { 60: cut }));
      assert.ok(other.findings.some((f) => f.rule === 'table-shape'), cut);
    }
  });
});
