/**
 * HTML tables (what mammoth makes of a Word table and what government web pages publish) and
 * pasted text tables: read into the same grid as a GFM table, every cell with the exact range of
 * its text, fixes that edit inside the right `<td>`, and the conversion to canonical Markdown.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, buildReport, checkText, explainCellAt, fixText, LineIndex, type CheckResult } from '../../server/src/core/index.js';
import { readHtmlTables } from '../../server/src/core/model/html-table.js';
import { readPastedTables } from '../../server/src/core/model/pasted-table.js';
import { describeFindings, findingKeys, FIXTURES, markdownFiles, readMarkedFixture } from './helpers.js';

const HTML = join(FIXTURES, 'html');

function gridOf(html: string) {
  const tables = readHtmlTables(html, 0, html.length, new LineIndex(html));
  assert.equal(tables.length, 1);
  return tables[0]!.grid;
}

function texts(html: string): string[][] {
  return gridOf(html).rows.map((r) => r.cells.map((c) => c.text));
}

/** The findings of a check without the table-markdown notices, as `rule: message`. */
function findingsOf(result: CheckResult): string[] {
  return result.findings.filter((f) => f.rule !== 'table-markdown').map((f) => `${f.rule}: ${f.message.zh}`).sort();
}

const ARITHMETIC = new Set(['row-total', 'results-total', 'balance', 'review-total']);

describe('HTML table reader', () => {
  it('expands rowspan and colspan the way the Markdown convention flattens merged cells', () => {
    const html = '<table><tr><td colspan="2" rowspan="2">A</td><td>B</td></tr><tr><td>C</td></tr><tr><td>D</td><td>E</td><td>F</td></tr></table>';
    assert.deepEqual(texts(html), [['A', '', 'B'], ['', '', 'C'], ['D', 'E', 'F']]);
    const grid = gridOf(html);
    assert.equal(grid.source, 'html');
    assert.ok(grid.rows[0]!.cells[1]!.virtual);
    assert.ok(grid.rows[1]!.cells[0]!.virtual);
    assert.ok(!grid.rows[1]!.cells[2]!.virtual);
  });

  it('reads thead/tbody, uppercase tags, <p>/<span>/<strong>, <br>, entities and attributes', () => {
    const html = [
      '<TABLE border="1" style="border-collapse:collapse">',
      '<THEAD><TR><TH style="width:80px"><P><STRONG>商业<BR>企业</STRONG></P></TH><TH>&nbsp;总计&nbsp;</TH></TR></THEAD>',
      '<TBODY><TR><TD><p style="text-align:center"><span style="font-family:仿宋_GB2312">1&#44;286</span></p></TD><TD>&nbsp;</TD></TR></TBODY>',
      '</TABLE>',
    ].join('\n');
    assert.deepEqual(texts(html), [['商业企业', '总计'], ['1,286', '']]);
    const grid = gridOf(html);
    const total = grid.rows[0]!.cells[1]!;
    assert.equal(html.slice(total.content.start, total.content.end), '总计');
    const number = grid.rows[1]!.cells[0]!;
    assert.equal(html.slice(number.content.start, number.content.end), '1&#44;286');
    assert.equal(number.line, 2);
    const blank = grid.rows[1]!.cells[1]!;
    assert.equal(blank.content.start, blank.content.end);
    assert.ok(html.slice(blank.inner.start, blank.inner.end).includes('&nbsp;'));
  });

  it('survives cells without end tags, nested tables, absurd spans and an unclosed table', () => {
    assert.deepEqual(texts('<table><tr><td>1<td>2<tr><td>3<td>4</table>'), [['1', '2'], ['3', '4']]);
    assert.deepEqual(texts('<table><tr><td>a<table><tr><td>inner</td></tr></table></td><td>b</td></tr></table>'), [['a', 'b']]);
    const wide = gridOf('<table><tr><td colspan="100000" rowspan="99999">x</td></tr><tr><td>y</td></tr></table>');
    assert.ok(wide.rows[0]!.cells.length <= 40);
    assert.equal(wide.rows.length, 2);
    const open = '<table><tr><td>1</td><td>2</td></tr>';
    const tables = readHtmlTables(open, 0, open.length, new LineIndex(open));
    assert.equal(tables[0]!.closed, false);
  });
});

describe('pasted table reader', () => {
  const read = (text: string) => readPastedTables(text, new LineIndex(text), () => false);

  it('reads Word text: one cell per line, a blank line between rows, a wrapped cell joined', () => {
    const text = ['\t行政复议', '\t行政诉讼', '', '\t结果', '维持', '\t结果纠正', '\t其他结果', '', '\t1', '\t2', '\t3'].join('\n');
    const [grid] = read(text);
    assert.equal(grid!.source, 'pasted');
    assert.deepEqual(grid!.rows.map((r) => r.cells.map((c) => c.text)), [['行政复议', '行政诉讼'], ['结果维持', '结果纠正', '其他结果'], ['1', '2', '3']]);
    const wrapped = grid!.rows[1]!.cells[0]!;
    assert.equal(text.slice(wrapped.content.start, wrapped.content.end), '结果\n维持');
  });

  it('reads PDF text: tab-separated rows with empty cells, and drops conversion leftovers from a cell', () => {
    const text = ['第二十条第（一）项\t\t\t', '信息内容\t本年制发件数\t本年废止件数\t现行有效件数', '规章\t[bookmark: _GoBack]0\t0\t0'].join('\n');
    const [grid] = read(text);
    assert.deepEqual(grid!.rows.map((r) => r.cells.map((c) => c.text)), [
      ['第二十条第（一）项', '', '', ''],
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '0', '0', '0'],
    ]);
    const leftover = grid!.rows[2]!.cells[1]!;
    assert.equal(text.slice(leftover.content.start, leftover.content.end), '0');
  });

  it('leaves prose alone: a heading after a blank line ends the table, and tab-indented paragraphs are no table', () => {
    const report = buildReport(['# 某街道2022年政府信息公开工作年度报告', '', '\t本年度，本机关认真贯彻落实《条例》。', '', '\t本机关坚持以公开为常态。', ''].join('\n'));
    assert.deepEqual(Object.keys(report.tables), []);
    assert.deepEqual(report.unreadTables, []);
  });
});

describe('HTML fixtures (mammoth and web pages)', () => {
  for (const file of markdownFiles(HTML)) {
    describe(basename(file), () => {
      const fixture = readMarkedFixture(file);
      const result = checkText(fixture.text);

      it('reports exactly the marked findings', () => {
        assert.deepEqual(result.failures, []);
        assert.deepEqual(findingKeys(result), fixture.expected, `findings were:\n${describeFindings(result)}`);
      });

      it('reads all three tables from HTML, every value cell inside its <td>', () => {
        assert.deepEqual(Object.keys(result.report.tables).sort(), ['table2', 'table3', 'table4']);
        for (const table of Object.values(result.report.tables)) {
          assert.ok(table!.grids.every((g) => g.source === 'html'));
          for (const cell of table!.cells.values()) {
            if (cell.virtual) continue;
            const before = fixture.text.slice(0, cell.content.start);
            assert.ok(before.lastIndexOf('<td') > before.lastIndexOf('</td') || before.toLowerCase().lastIndexOf('<td') > before.toLowerCase().lastIndexOf('</td'), `${cell.row}|${cell.column} is not inside a <td>`);
            const source = fixture.text.slice(cell.content.start, cell.content.end).replace(/<[^>]*>/g, '').replace(/&nbsp;/g, '\u00a0');
            assert.equal(source, cell.text);
          }
        }
      });

      it('fix-all converts the tables to Markdown and keeps every other finding', () => {
        const fixed = fixText(fixture.text);
        const after = checkText(fixed.text);
        for (const table of Object.values(after.report.tables)) assert.ok(table!.grids.every((g) => g.source === 'gfm'));
        assert.doesNotMatch(fixed.text, /<table/i);
        const remaining = findingsOf(after);
        for (const f of result.findings) {
          if (f.rule === 'table-markdown' || f.fixes.some((x) => x.safety === 'safe')) continue;
          // An arithmetic finding says how many cells look wrong, which the safe fixes (无 → 0) can change: its relation and figures are kept.
          const kept = remaining.some((r) => r === `${f.rule}: ${f.message.zh}` || (ARITHMETIC.has(f.rule) && r.startsWith(`${f.rule}: ${f.message.zh.split('。')[0]}`)));
          assert.ok(kept, `${f.rule}: ${f.message.zh} was lost by the conversion`);
        }
      });
    });
  }

  it('an unsafe fix on an HTML cell edits the text inside that <td> and nothing else', () => {
    const text = readMarkedFixture(join(HTML, 'html-mammoth-errors-2021.md')).text;
    const result = checkText(text);
    // 表四 复议后起诉 is off by one: any of its five cells may be the wrong one, each is offered.
    const finding = result.findings.find((f) => f.rule === 'review-total')!;
    const edit = finding.fixes[0]!.edits[0]!;
    assert.match(text.slice(edit.range.start - 4, edit.range.start), /<p>$/);
    assert.match(text.slice(edit.range.end, edit.range.end + 5), /^<\/p>/);
    const fixed = applyEdits(text, [edit]);
    const after = checkText(fixed).findings.filter((f) => f.rule === 'review-total');
    assert.equal(after.length, 0);
    assert.equal(fixed.length - text.length, edit.newText.length - (edit.range.end - edit.range.start));
  });

  it('hover on a total inside an HTML <td> and inside a pasted cell line explains its relation', () => {
    const html = readMarkedFixture(join(HTML, 'html-mammoth-2021.md')).text;
    const report = buildReport(html);
    const total = report.tables.table4!.cells.get('data|review.total')!;
    const hover = explainCellAt(report, total.content.start);
    assert.ok(hover, 'no explanation of 行政复议·总计');
    assert.ok(hover.relations.length > 0);
    const pasted = readFileSync(join(FIXTURES, 'pasted', 'seed-000-luhu-2020.txt'), 'utf8');
    const pastedReport = buildReport(pasted);
    const cell = [...pastedReport.tables.table3!.cells.values()].find((c) => c.row === 'resultsTotal' && c.column === 'total')!;
    assert.ok(explainCellAt(pastedReport, cell.content.start), `no explanation of ${cell.row}|${cell.column}`);
  });

  it('the conversion keeps a mistyped label as written, so table-label still reports it', () => {
    const text = readMarkedFixture(join(HTML, 'html-mammoth-errors-2021.md')).text;
    const notice = checkText(text).findings.find((f) => f.rule === 'table-markdown' && text.slice(f.range.start, f.range.end).includes('勾稽关系'))!;
    const converted = applyEdits(text, notice.fixes[0]!.edits);
    assert.match(converted, /\| 2\.其他法律行政止公开 \|/);
    const after = checkText(converted).findings.filter((f) => f.rule === 'table-label');
    assert.equal(after.length, 1);
    assert.equal(after[0]!.fixes[0]!.safety, 'safe');
  });
});

