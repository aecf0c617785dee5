/**
 * Issue 18, item 3, in the core: bounded work on any draft. Every hostile draft is generated here;
 * each test has a time limit far below what the code before the issue took (minutes, or until
 * Node ran out of memory), so a regression fails instead of hanging.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildReport, checkText, INPUT_LIMITS } from '../../server/src/core/index.js';
import { FIXTURES, ROOT } from './helpers.js';
import { PULL_CAPABILITIES, TestClient } from './lsp-client.js';

const TITLE = '# 某某街道2021年政府信息公开工作年度报告\n\n';
const GULOU = readFileSync(join(FIXTURES, 'seeds', 'seed-002-gulou-2021.md'), 'utf8');

/** 300 rows of 100 cells, each `rowspan=100 colspan=40`: about 1 MB, the span bomb. */
export function spanBomb(rows = 300, cells = 100): string {
  return `${TITLE}<table>\n${Array.from({ length: rows }, () => `<tr>${'<td rowspan=100 colspan=40>1</td>'.repeat(cells)}</tr>`).join('\n')}\n</table>\n`;
}

describe('HTML tables: the slots merged cells expand to are bounded', () => {
  it('the span bomb: one document-too-complex finding on the table’s line, naming the limit, nothing else', { timeout: 20_000 }, () => {
    const result = checkText(spanBomb());
    assert.equal(result.report.inputLimit?.kind, 'tableSlots');
    assert.deepEqual(result.findings.map((f) => f.rule), ['document-too-complex']);
    const finding = result.findings[0]!;
    assert.equal(result.report.lines.lineAt(finding.range.start), 3);
    assert.match(finding.message.zh, /^第 4 行的 HTML 表格合并单元格（rowspan\/colspan）过多：各表格展开后已达 \d+ 格（上限 50000 格），无法检查本文档$/);
    assert.deepEqual(finding.fixes, []);
  });

  it('spans the estimate before the parse cannot read (written as character references) are counted while the table is read', { timeout: 20_000 }, () => {
    const rows = Array.from({ length: 60 }, () => `<tr>${'<td rowspan="&#49;&#48;&#48;" colspan="&#52;&#48;">1</td>'.repeat(30)}</tr>`);
    const result = checkText(`${TITLE}<table>\n${rows.join('\n')}\n</table>\n`);
    assert.equal(result.report.inputLimit?.kind, 'tableSlots');
    assert.deepEqual(result.findings.map((f) => f.rule), ['document-too-complex']);
    assert.ok(result.report.inputLimit!.value > INPUT_LIMITS.tableSlots);
  });

  it('a real report in HTML is far below the bound', () => {
    const report = buildReport(readFileSync(join(FIXTURES, 'html', 'html-web-2021.md'), 'utf8'));
    assert.equal(report.inputLimit, undefined);
    assert.ok(Object.keys(report.tables).length >= 2);
  });

  it('a table cell nested 20,000 elements deep is read without overflowing the stack (10,000 did before)', { timeout: 20_000 }, () => {
    const deep = `${TITLE}<table><tr><td>\n${'<span>\n'.repeat(20_000)}7\n${'</span>\n'.repeat(20_000)}</td></tr></table>\n`;
    const report = buildReport(deep);
    assert.equal(report.inputLimit, undefined);
    const grid = report.blocks.blocks.find((b) => b.grid)?.grid;
    assert.equal(grid?.rows[0]?.cells[0]?.text, '7');
  });
});

describe('the span bomb through the CLI and the server', () => {
  it('the CLI, in a heap of 256 MB: one warning, exit 0, nothing written (it ran out of memory at 4.3 GB)', { timeout: 60_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-span-bomb-'));
    writeFileSync(join(dir, 'bomb.md'), spanBomb());
    const run = spawnSync(process.execPath, ['--max-old-space-size=256', join(ROOT, 'bin', 'nianbao.js'), 'check', '--format', 'json', '--fix', 'bomb.md'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.signal, null, 'the CLI did not end within 60 s');
    assert.equal(run.status, 0, run.stderr.slice(0, 500));
    assert.deepEqual((JSON.parse(run.stdout) as { rule: string }[]).map((f) => f.rule), ['document-too-complex']);
    assert.equal(readFileSync(join(dir, 'bomb.md'), 'utf8'), spanBomb());
  });

  it('the server: one finding for the bomb, and it keeps answering for another report', { timeout: 60_000 }, async () => {
    const client = TestClient.stdio();
    try {
      await client.initialize(PULL_CAPABILITIES);
      await client.open('file:///bomb.md', spanBomb());
      await client.open('file:///gulou.md', GULOU);
      const [bomb, other] = await Promise.all([client.diagnostics('file:///bomb.md'), client.diagnostics('file:///gulou.md')]);
      assert.deepEqual(bomb.map((d) => d.code), ['document-too-complex']);
      assert.ok(other.length > 0);
    } finally {
      await client.stop();
    }
  });
});

describe('no quadratic path under the size cap', () => {
  it('16,000 HTML blocks naming <table> in comments: each parsed once', { timeout: 30_000 }, () => {
    const text = TITLE + Array.from({ length: 16_000 }, (_, i) => `<div><!-- <table> --> ${i}</div>`).join('\n\n');
    assert.equal(buildReport(text).inputLimit, undefined);
  });

  it('4,000 small HTML tables with tab-separated lines between them', { timeout: 30_000 }, () => {
    const text = TITLE + Array.from({ length: 4_000 }, (_, i) => `<table><tr><td>${i}</td><td>2</td></tr></table>\n\n甲\t乙\t丙`).join('\n\n');
    const report = buildReport(text);
    assert.equal(report.blocks.blocks.filter((b) => b.grid?.source === 'html').length, 4_000);
  });

  // Its growth with the rows (linear now, quadratic before) is measured by the bench (bench/hostile.ts).
  it('表三 with 8,000 extra rows: every one reported as an unknown row', { timeout: 30_000 }, () => {
    const extra = Array.from({ length: 8_000 }, (_, i) => `| 额外行${i}号说明文字 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |  |`).join('\n');
    const text = GULOU.replace(/(\| 一、本年新收政府信息公开申请数量[^\n]*\n)/, `$1${extra}\n`);
    const report = buildReport(text);
    assert.equal(report.tables.table3?.unknownRows.length, 8_000);
  });
});
