/**
 * The report model on the tolerated variants of markdown-convention.md and the traps of
 * EXPECTED.md: decoy sub-items, page breaks, NBSP, CRLF, BOM, split 表二.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildReport, checkText, formats, ruleById } from '../../server/src/core/index.js';
import { cellKey } from '../../server/src/core/model/tables/types.js';
import { FIXTURES } from './helpers.js';

const seed = (name: string): string => readFileSync(join(FIXTURES, 'seeds', `${name}.md`), 'utf8');

describe('sections', () => {
  it('ignores sub-items that repeat a section name (seed 000 lines 41 and 49)', () => {
    const report = buildReport(seed('seed-000-luhu-2020'));
    assert.deepEqual(report.sections.sections.map((s) => [s.def.index, s.heading.line + 1]), [[1, 9], [2, 65], [3, 87], [4, 117], [5, 125], [6, 135]]);
    assert.equal(report.sections.duplicates.length, 0);
  });

  it('reads plain-line and bold-line sections', () => {
    assert.equal(buildReport(seed('seed-001-dongliu-2020')).sections.style, 'plain');
    assert.equal(buildReport(seed('seed-003-sikou-2020')).sections.style, 'bold');
  });

  it('accepts any heading level', () => {
    const text = seed('seed-004-xigang-2022').replace(/^## /gm, '#### ');
    assert.equal(buildReport(text).sections.sections.length, 6);
  });
});

describe('tables', () => {
  it('maps every cell of the three tables (161 + 22 + 15 in the 2019 format)', () => {
    const report = buildReport(seed('seed-000-luhu-2020'));
    assert.equal(report.tables.table2?.cells.size, 22);
    assert.equal(report.tables.table3?.cells.size, 161);
    assert.equal(report.tables.table4?.cells.size, 15);
  });

  it('maps every cell in the 2021 format (175 + 10 + 15)', () => {
    const report = buildReport(seed('seed-004-xigang-2022'));
    assert.equal(report.tables.table2?.cells.size, 10);
    assert.equal(report.tables.table3?.cells.size, 175);
    assert.equal(report.tables.table4?.cells.size, 15);
  });

  it('joins a label split by a page break and skips the repeated header (seed 003)', () => {
    const report = buildReport(seed('seed-003-sikou-2020'));
    const table = report.tables.table3!;
    assert.equal(table.unknownRows.length, 0);
    const row = table.rows.find((r) => r.key === 'unable.unclear')!;
    assert.equal(row.line + 1, 75);
    assert.equal(table.cells.size, 161);
  });

  it('reads NBSP, U+3000, 无 and full-width digits without taking blanks for 0', () => {
    const report = buildReport(seed('seed-001-dongliu-2020'));
    const t2 = report.tables.table2!;
    assert.deepEqual(t2.cells.get(cellKey('i6.penalty', 'i6.previous'))?.value, { type: 'number', value: 14, text: '14', signed: false });
    assert.equal(t2.cells.get(cellKey('i1.regulation', 'i1.publicTotal'))?.value.type, 'empty');
    assert.equal(report.tables.table3!.cells.get(cellKey('new', 'total'))?.value.type, 'placeholder');
    const wide = buildReport(seed('seed-004-xigang-2022').replace('| 行政处罚 | 24 |', '| 行政处罚 | ２４ |'));
    assert.equal(wide.tables.table2!.cells.get(cellKey('i6.penalty', 'i6.decisions'))?.value.type, 'number');
  });

  it('ignores an extra empty trailing column (seed 002)', () => {
    const report = buildReport(seed('seed-002-gulou-2021'));
    assert.equal(report.tables.table3!.cells.size, 161);
    assert.equal(report.tables.table4!.cells.size, 15);
  });

  it('reads 表二 written as one GFM table per item with the item title as a heading', () => {
    const text = seed('seed-004-xigang-2022');
    const canonical = buildReport(text).tables.table2!;
    const split = [
      '**第二十条第（一）项**',
      '',
      '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
      '| --- | --- | --- | --- |',
      '| 规章 | 0 | 0 | 0 |',
      '| 行政规范性文件 | 0 | 0 | 0 |',
      '',
      '第二十条第（五）项',
      '',
      '| 信息内容 | 本年处理决定数量 |',
      '| --- | --- |',
      '| 行政许可 | 0 |',
      '',
      '### 第二十条第（六）项',
      '',
      '| 信息内容 | 本年处理决定数量 |',
      '| --- | --- |',
      '| 行政处罚 | 24 |',
      '| 行政强制 | 0 |',
      '',
      '**第二十条第（八）项**',
      '',
      '| 信息内容 | 本年收费金额（单位：万元） |',
      '| --- | --- |',
      '| 行政事业性收费 | 0 |',
    ].join('\n');
    const from = text.indexOf('| 第二十条第（一）项');
    const to = text.indexOf('## 三、');
    const variant = `${text.slice(0, from)}${split}\n\n${text.slice(to)}`;
    const report = buildReport(variant);
    assert.equal(report.tables.table2?.cells.size, canonical.cells.size);
    assert.equal(report.tables.table2?.grids.length, 4);
    assert.deepEqual(checkText(variant).findings.map((f) => f.rule), checkText(text).findings.map((f) => f.rule));
  });
});

describe('line breaks and byte order marks', () => {
  it('gives the same findings for CRLF text, at the same lines', () => {
    const lf = seed('seed-000-luhu-2020');
    const crlf = lf.replace(/\n/g, '\r\n');
    const lines = (text: string) => checkText(text).findings.map((f) => `${f.rule}@${buildReport(text).lines.lineAt(f.range.start)}`);
    assert.deepEqual(lines(crlf), lines(lf));
  });

  it('inserts text with the document’s own line break', () => {
    const text = seed('seed-004-xigang-2022').replace(/\n/g, '\r\n');
    const cut = text.slice(0, text.indexOf('## 六、'));
    const finding = checkText(cut).findings.find((f) => f.rule === 'missing-section')!;
    const inserted = finding.fixes[0]!.edits[0]!.newText;
    assert.ok(inserted.includes('\r\n') && !/[^\r]\n/.test(inserted));
  });
});

describe('report year', () => {
  it('reads the year from a title, a 统计期限 sentence, or the text', () => {
    const report = buildReport(seed('seed-001-dongliu-2020'));
    assert.equal(report.year.titleYear?.year, 2020);
    assert.deepEqual(report.year.period?.end, { year: 2020, month: 12, day: 31 });
    const untitled = buildReport('本单位政府信息公开工作情况\n\n2022年，我单位……2022年全年……\n');
    assert.equal(untitled.year.year, 2022);
    assert.equal(untitled.year.textYear?.source, 'text');
  });

  it('maps years to formats as formats.md §1.3 says', () => {
    assert.equal(formats.requiredFormat(2019), '2019');
    assert.equal(formats.requiredFormat(2020), '2019');
    assert.equal(formats.requiredFormat(2021), '2021');
    assert.equal(formats.requiredFormat(2025), '2021');
  });
});

describe('non-reports', () => {
  it('tells an ordinary Markdown file from an annual report', () => {
    assert.equal(buildReport('# 会议纪要\n\n今天讨论了三件事。\n').isAnnualReport, false);
    assert.equal(buildReport(seed('seed-003-sikou-2020')).isAnnualReport, true);
  });

  it('never throws on odd input', () => {
    for (const text of ['', '\u0000', '|', '| a |\n| --- |\n| 无 |', '\ufeff# 标题', '#'.repeat(1000), '| 一、本年新收政府信息公开申请数量 |'.repeat(50)]) {
      assert.doesNotThrow(() => checkText(text));
    }
  });
});

describe('table layouts real drafts use', () => {
  /** Rewrites the rows of 表三 in a seed: `(labels, values) => cells`. */
  function reshapeTable3(text: string, reshape: (labels: string[], values: string[]) => string[]): string {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => l.includes('勾稽关系'));
    let end = start;
    while (lines[end + 1]?.startsWith('|')) end++;
    for (let i = start; i <= end; i++) {
      if (/^\|( --- \|)+$/.test(lines[i]!)) {
        const width = reshape(['', '', ''], new Array<string>(7).fill('')).length;
        lines[i] = `|${' --- |'.repeat(width)}`;
        continue;
      }
      const cells = lines[i]!.split('|').slice(1, -1).map((c) => c.trim());
      lines[i] = `| ${reshape(cells.slice(0, 3), cells.slice(3, 10)).join(' | ')} |`;
    }
    return lines.join('\n');
  }

  it('reads a hierarchical label written in one cell', () => {
    const text = seed('seed-004-xigang-2022');
    const oneColumn = reshapeTable3(text, (labels, values) => [labels.filter(Boolean).join(' '), ...values]);
    assert.match(oneColumn, /\| 三、本年度办理结果 （一）予以公开 \| 0 \|/);
    assert.match(oneColumn, /\| （三）不予公开 1\.属于国家秘密 \| 0 \|/);
    const report = buildReport(oneColumn);
    assert.equal(report.tables.table3?.cells.size, 175);
    assert.deepEqual(report.tables.table3?.unknownRows, []);
    assert.deepEqual(checkText(oneColumn).findings.map((f) => f.rule), checkText(text).findings.map((f) => f.rule));
  });

  it('reads parent labels repeated on every row, and a leading empty column', () => {
    const text = seed('seed-004-xigang-2022');
    let parents = ['', ''];
    const repeated = reshapeTable3(text, (labels, values) => {
      if (labels[0]) parents = [labels[0], ''];
      if (labels[1]) parents[1] = labels[1];
      const filled = labels[2] ? [parents[0]!, parents[1]!, labels[2]] : labels;
      return ['', ...filled, ...values];
    });
    const report = buildReport(repeated);
    assert.equal(report.tables.table3?.cells.size, 175);
    assert.deepEqual(checkText(repeated).findings.map((f) => f.rule), checkText(text).findings.map((f) => f.rule));
  });

  it('reads thousands separators and full-width digits as numbers, and checks them', () => {
    const text = readFileSync(join(FIXTURES, 'real', '2024_huaianshi.md'), 'utf8')
      .replace('| 3001 | 53 | 0 | 0 | 61 | 4 | 3119 |', '| 3,001 | ５３ | 0 | 0 | 61 | 4 | 3,119 |');
    const cell = buildReport(text).tables.table3!.cells.get(cellKey('new', 'natural'))!;
    assert.equal(cell.value.type === 'number' && cell.value.value, 3001);
    const tableRules = (t: string) => checkText(t).findings.filter((f) => ruleById(f.rule)?.category !== 'text').map((f) => f.rule).sort();
    assert.deepEqual(tableRules(text), []);
    const broken = text.replace('| 3,119 |', '| 3,120 |');
    // The changed 总计 breaks its row and its column's balance; it alone lies on both, so one
    // finding names both, on that cell (issue 20).
    assert.deepEqual(tableRules(broken), ['row-total']);
  });
});
