/**
 * The figure cells of the standard tables (core/table-cells.ts) and 计算合计 (core/totals.ts),
 * issue 21, on the real fixtures in every form a draft has: GFM (seeds, real reports), HTML
 * tables (Word through mammoth, saved pages) and text pasted from Word or a PDF.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits, buildReport, cellAt, cellMove, checkText, computeTotals, tableCells, type TableId } from '../../server/src/core/index.js';
import { FIXTURES, readMarkedFixture } from './helpers.js';

const TABLES: readonly TableId[] = ['table2', 'table3', 'table4'];
const TOTAL_RULES = new Set(['row-total', 'results-total', 'review-total']);

function fixtureFiles(): string[] {
  const files: string[] = [];
  for (const [dir, ext] of [['seeds', '.md'], ['real', '.md'], ['html', '.md'], ['pasted', '.txt']] as const) {
    for (const name of readdirSync(join(FIXTURES, dir)).sort()) if (name.endsWith(ext) && name !== 'README.md' && name !== 'EXPECTED.md') files.push(join(dir, name));
  }
  return files;
}

const read = (file: string): string => readFileSync(join(FIXTURES, file), 'utf8');

describe('tableCells and cellAt on every form of the fixtures', () => {
  for (const file of fixtureFiles()) {
    it(file, () => {
      const text = read(file);
      const report = buildReport(text);
      let seen = 0;
      for (const id of TABLES) {
        const table = report.tables[id];
        const cells = tableCells(report, id);
        if (!table) {
          assert.equal(cells.length, 0);
          continue;
        }
        assert.equal(cells.length, [...table.cells.values()].filter((c) => !c.virtual).length, `${id}: every written figure cell listed`);
        const short = id === 'table2' ? '表二' : id === 'table3' ? '表三' : '表四';
        for (let i = 0; i < cells.length; i++) {
          const cell = cells[i]!;
          if (i > 0) assert.ok(cell.inner.start > cells[i - 1]!.inner.start, 'in the order written');
          assert.ok(cell.title.zh.startsWith(`${short} · `), cell.title.zh);
          assert.equal(cell.title.zh.split(' · ').length, cell.path.length);
          // What a move selects is the figure as written (or, blank, inside the cell).
          if (cell.text !== '') assert.equal(text.slice(cell.target.start, cell.target.end), cell.text);
          else assert.ok(cell.target.start >= cell.inner.start && cell.target.end <= cell.inner.end);
          const back = cellAt(report, cell.target.start);
          assert.equal(`${back?.row}|${back?.column}`, `${cell.row}|${cell.column}`, `cellAt finds ${cell.title.zh}`);
          seen++;
        }
        // Table 3 and 4 cells take part in relations; a total is one.
        if (id !== 'table2') {
          assert.ok(cells.some((c) => c.isTotal));
          assert.ok(cells.every((c) => c.relations.length > 0 || !table.present.has(c.row)), `${id}: relations listed`);
        }
      }
      assert.ok(seen > 0, 'the fixture has figure cells');
    });
  }
});

/** The offset of the `n`th occurrence of a row label's line's value cell `k` (0-based). */
function cellOf(report: ReturnType<typeof buildReport>, table: TableId, row: string, column: string) {
  const cell = tableCells(report, table).find((c) => c.row === row && c.column === column);
  assert.ok(cell, `${table} ${row} ${column}`);
  return cell;
}

describe('naming a cell', () => {
  for (const file of ['seeds/seed-002-gulou-2021.md', 'html/html-mammoth-2021.md', 'pasted/seed-002-gulou-2021.txt']) {
    it(`${file}: 表三 · （一）予以公开 · 商业企业 with its two relations`, () => {
      const report = buildReport(read(file));
      const cell = cellOf(report, 'table3', 'granted', 'business');
      const here = cellAt(report, cell.target.start)!;
      assert.equal(here.title.zh, '表三 · （一）予以公开 · 商业企业');
      assert.equal(here.relations.length, 2, here.relations.map((r) => r.zh).join('\n'));
      assert.match(here.relations[0]!.zh, /^行总计/);
      assert.match(here.relations[1]!.zh, /^办理结果总计/);
      // An intake row is in the balance too.
      const intake = cellAt(report, cellOf(report, 'table3', 'new', 'business').target.start)!;
      assert.deepEqual(intake.relations.map((r) => r.zh.slice(0, 3)), ['行总计', '勾稽关']);
      assert.equal(here.isTotal, false);
    });
  }
  it('a sub-row carries its merged parent; 表四 its group; 表二 its item', () => {
    const report = buildReport(read('seeds/seed-002-gulou-2021.md'));
    assert.equal(cellOf(report, 'table3', 'withheld.secret', 'natural').title.zh, '表三 · （三）不予公开 · 1.属于国家秘密 · 自然人');
    assert.equal(cellOf(report, 'table3', 'resultsTotal', 'total').isTotal, true);
    assert.equal(cellOf(report, 'table4', 'data', 'direct.total').title.zh, '表四 · 行政诉讼 · 未经复议直接起诉 · 总计');
    assert.equal(cellOf(report, 'table4', 'data', 'review.upheld').title.en, '表四 · 行政复议 · 结果维持');
    const t2 = tableCells(report, 'table2')[0]!;
    assert.equal(t2.title.zh, '表二 · 第二十条第（一）项 · 规章 · 本年制发件数');
    assert.equal(t2.relations.length, 0);
  });
  it('no cell outside the tables, nor on a label', () => {
    const text = read('seeds/seed-002-gulou-2021.md');
    const report = buildReport(text);
    assert.equal(cellAt(report, 0), undefined);
    assert.equal(cellAt(report, text.indexOf('（一）予以公开') + 2), undefined);
  });
});

describe('cellMove: Tab, Shift+Tab, Enter', () => {
  for (const file of ['seeds/seed-002-gulou-2021.md', 'html/html-mammoth-2021.md', 'pasted/seed-002-gulou-2021.txt']) {
    it(file, () => {
      const text = read(file);
      const report = buildReport(text);
      const cells = tableCells(report, 'table3');
      const granted = cellOf(report, 'table3', 'granted', 'business');
      const at = cells.indexOf(cells.find((c) => c.row === 'granted' && c.column === 'business')!);
      assert.equal(cellMove(report, granted.target.start, 'next')?.column, 'research');
      assert.equal(cellMove(report, granted.target.start, 'previous')?.column, 'natural');
      assert.deepEqual(cellMove(report, granted.target.start, 'next')?.target, cells[at + 1]!.target);
      const down = cellMove(report, granted.target.start, 'down')!;
      assert.equal(`${down.row}|${down.column}`, 'partial|business');
      const up = cellMove(report, granted.target.start, 'up')!;
      assert.equal(`${up.row}|${up.column}`, 'carried|business');
      // From the row's label, Tab goes to the row's first figure.
      const label = text.indexOf('（一）予以公开');
      assert.equal(`${cellMove(report, label + 1, 'next')?.row}|${cellMove(report, label + 1, 'next')?.column}`, 'granted|natural');
      // The last cell of the table: nowhere further; the first: nowhere back.
      assert.equal(cellMove(report, cells.at(-1)!.target.start, 'next'), undefined);
      assert.equal(cellMove(report, cells[0]!.target.start, 'previous'), undefined);
      assert.equal(cellMove(report, 0, 'next'), undefined, 'outside the tables no move');
    });
  }
});

/** The text with every total of the table blanked (as a drafter has it before 计算合计). */
function blankTotals(text: string, table: TableId): string {
  const report = buildReport(text);
  const edits = tableCells(report, table)
    .filter((c) => c.isTotal && c.text !== '')
    .map((c) => ({ range: c.target, newText: '' }));
  return applyEdits(text, edits);
}

describe('computeTotals', () => {
  for (const file of ['seeds/seed-002-gulou-2021.md', 'real/2024_huaianshi.md', 'html/html-mammoth-2021.md', 'pasted/seed-002-gulou-2021.txt']) {
    it(`${file}: blank totals filled back from their parts`, () => {
      const original = read(file);
      for (const id of ['table3', 'table4'] as const) {
        const before = checkText(original).findings.filter((f) => TOTAL_RULES.has(f.rule)).length;
        const blanked = blankTotals(original, id);
        assert.notEqual(blanked, original);
        const result = computeTotals(buildReport(blanked), id);
        assert.ok(result.edits.length > 0);
        assert.ok(result.totals.every((t) => t.status === 'filled'), JSON.stringify(result.totals.filter((t) => t.status !== 'filled')));
        const filled = applyEdits(blanked, result.edits);
        const after = checkText(filled).findings.filter((f) => TOTAL_RULES.has(f.rule)).length;
        assert.ok(after <= before, `${id}: no total finding added (${before} → ${after})`);
        // Every total holds after: each total cell's relations as the table now reads.
        const report = buildReport(filled);
        for (const cell of tableCells(report, id).filter((c) => c.isTotal)) assert.notEqual(cell.text, '', `${cell.title.zh} filled`);
        // Where the author's totals held, 计算合计 writes back the author's figures.
        const figures = (t: string) => tableCells(buildReport(t), id).map((c) => `${c.row}|${c.column}=${c.text}`);
        if (before === 0) assert.deepEqual(figures(filled), figures(original), `${id}: the same figures as the author's`);
        if (before === 0 && file.endsWith('.md') && !file.startsWith('html/')) assert.equal(filled, original, `${id}: the same text`);
      }
    });
  }

  it('scope blank keeps a written total; scope all overwrites it', () => {
    const { text } = readMarkedFixture(join(FIXTURES, 'rules', 'row-total', 'wrong-one-cell.md'));
    const broken = checkText(text).findings.filter((f) => f.rule === 'row-total');
    assert.ok(broken.length > 0);
    const keep = computeTotals(buildReport(text), 'table3', 'blank');
    assert.equal(keep.edits.length, 0);
    assert.ok(keep.totals.every((t) => t.status === 'kept' || t.status === 'no-cell'));
    const all = computeTotals(buildReport(text), 'table3', 'all');
    assert.ok(all.totals.some((t) => t.status === 'filled'));
    const fixed = applyEdits(text, all.edits);
    assert.equal(checkText(fixed).findings.filter((f) => f.rule === 'row-total' || f.rule === 'results-total').length, 0);
  });

  it('a total with a blank part is left blank (blank is not zero)', () => {
    const original = read('seeds/seed-002-gulou-2021.md');
    let text = blankTotals(original, 'table3');
    // Blank the 自然人 figure of （一）予以公开.
    const cell = cellOf(buildReport(text), 'table3', 'granted', 'natural');
    text = applyEdits(text, [{ range: cell.target, newText: '' }]);
    const result = computeTotals(buildReport(text), 'table3');
    const status = (row: string, column: string) => result.totals.find((t) => t.row === row && t.column === column)?.status;
    assert.equal(status('granted', 'total'), 'parts-blank');
    assert.equal(status('resultsTotal', 'natural'), 'parts-blank');
    assert.equal(status('resultsTotal', 'total'), 'parts-blank');
    assert.equal(status('resultsTotal', 'business'), 'filled');
    assert.equal(status('partial', 'total'), 'filled');
  });

  it('a table the draft does not have: nothing', () => {
    const result = computeTotals(buildReport('# 标题\n\n正文\n'), 'table3');
    assert.deepEqual(result, { table: 'table3', edits: [], totals: [] });
  });
});
