/**
 * Hostile input (issue 18; part of `npm run bench`, alone: `node --import tsx bench/bench.ts --only=hostile`):
 *
 * - growth: the cases that were quadratic under the size cap, each at three sizes a factor 4
 *   apart — 表三 with extra rows, a config with unknown rule ids, HTML blocks naming `<table>` in
 *   comments, the span bomb — timed in process (the best of five); linear means ×4 per step;
 * - imports: `nianbao import` of generated zip bombs, hostile pages and PDFs past the PDF reader's budgets (test/fuzz/hostile-files.ts)
 *   with the built CLI: wall time, the peak memory of the process (`/usr/bin/time`) and how it
 *   ended (every one refused with a message or imported, none past its budget).
 *
 * `NIANBAO_BENCH_CLI` names another CLI bundle (to measure before and after).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, checkText } from '../server/src/core/index.js';
import { loadConfig } from '../server/src/shell/config.js';
import { declaredPicture, docxOf, nestedPage, paragraph, pdfOf, PICTURE_RELATIONSHIP, reportBody, WORD_PICTURE, wordNesting, wordRows, zeroPicture } from '../test/fuzz/hostile-files.js';

const ROOT = join(__dirname, '..');

/** One case at three sizes. */
export interface GrowthRow {
  readonly name: string;
  readonly sizes: readonly number[];
  readonly bytes: readonly number[];
  readonly ms: readonly number[];
}

/** One hostile import. */
export interface ImportRow {
  readonly name: string;
  readonly bytes: number;
  readonly status: number | null;
  readonly ms: number;
  /** Peak resident memory of the CLI process, MB. */
  readonly maxRssMb: number;
  /** Its message (the first line of standard error), or what it wrote. */
  readonly outcome: string;
}

function best(work: () => void, runs = 3): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    min = Math.min(min, performance.now() - start);
  }
  return min;
}

const GULOU = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', 'seed-002-gulou-2021.md'), 'utf8');

function table3Rows(n: number): string {
  const extra = Array.from({ length: n }, (_, i) => `| 额外行${i}号说明文字 |  |  | 1 | 0 | 0 | 0 | 0 | 0 | 1 |  |`).join('\n');
  return GULOU.replace(/(\| 一、本年新收政府信息公开申请数量[^\n]*\n)/, `$1${extra}\n`);
}

function spanBomb(rows: number, cells: number): string {
  return `# 某某街道2021年政府信息公开工作年度报告\n\n<table>\n${Array.from({ length: rows }, () => `<tr>${'<td rowspan=100 colspan=40>1</td>'.repeat(cells)}</tr>`).join('\n')}\n</table>\n`;
}

/** The growth of each once-quadratic case. */
export function benchGrowth(): GrowthRow[] {
  const rows: GrowthRow[] = [];
  const grow = (name: string, sizes: number[], make: (n: number) => string, run: (text: string) => void): void => {
    const texts = sizes.map(make);
    run(texts[0]!); // warm-up: the first size must not pay for compiling the code
    rows.push({ name, sizes, bytes: texts.map((t) => (existsSync(t) ? statSync(t).size : Buffer.byteLength(t))), ms: texts.map((t) => best(() => run(t), 5)) });
  };
  grow('表三 with n extra rows (checkText)', [2_000, 8_000, 32_000], table3Rows, (t) => void checkText(t));
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-config-'));
  try {
    // Each config written once, to a file of its own: only loadConfig is timed.
    grow(
      'config with n unknown rule ids (loadConfig)',
      [1_875, 7_500, 30_000],
      (n) => {
        const path = join(dir, `${n}.json`);
        writeFileSync(path, `{\n  "rules": {\n${Array.from({ length: n }, (_, i) => `    "unknown-rule-${i}": "off",`).join('\n')}\n    "doubled-word": "warning"\n  }\n}\n`);
        return path;
      },
      (path) => void loadConfig(path),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  grow('n HTML blocks naming <table> in comments (buildReport)', [2_000, 8_000, 32_000], (n) => `# 报告\n\n${Array.from({ length: n }, (_, i) => `<div><!-- <table> --> ${i}</div>`).join('\n\n')}`, (t) => void buildReport(t));
  grow('span bomb, n rows of 25 cells rowspan=100 colspan=40 (checkText)', [120, 480, 1920], (n) => spanBomb(n, 25), (t) => void checkText(t));
  return rows;
}

/** The hostile files imported. */
function importCases(): { name: string; file: string; bytes: Buffer }[] {
  const heavy = paragraph('本年度共收到政府信息公开申请。'.repeat(20)).repeat(40_000);
  const rows = Array.from({ length: 300 }, () => `<tr>${'<td rowspan=100 colspan=40>1</td>'.repeat(100)}</tr>`).join('');
  return [
    { name: '.docx, 40 MB of XML (deflate bomb)', file: 'xml-bomb.docx', bytes: docxOf(heavy) },
    { name: '.docx declaring a 1 GB picture', file: 'declared.docx', bytes: docxOf(reportBody() + WORD_PICTURE, [declaredPicture('word/media/image1.png', 1024 ** 3)], PICTURE_RELATIONSHIP) },
    { name: '.docx with a 64 MB picture (deflate bomb, imported)', file: 'picture.docx', bytes: docxOf(reportBody() + WORD_PICTURE, [zeroPicture('word/media/image1.png', 64 * 1024 ** 2)], PICTURE_RELATIONSHIP) },
    { name: '.docx with 100,000 table rows', file: 'rows.docx', bytes: docxOf(reportBody() + wordRows(100_000)) },
    { name: '.docx nested 100,000 deep', file: 'deep.docx', bytes: docxOf(reportBody() + wordNesting(100_000)) },
    { name: '.html nested 100,000 deep', file: 'deep.html', bytes: Buffer.from(nestedPage(100_000)) },
    { name: '.html span bomb (300 × 100 cells)', file: 'spans.html', bytes: Buffer.from(`<html><body><h1>某某街道2021年政府信息公开工作年度报告</h1><table>${rows}</table></body></html>`) },
    // Issue 22: the PDF reader's budgets (pages, drawing operators, text pieces).
    { name: '.pdf with 301 pages', file: 'pages.pdf', bytes: pdfOf(new Array<string>(301).fill('BT /F1 12 Tf 72 720 Td (x) Tj ET')) },
    { name: '.pdf drawing 1,000,001 lines', file: 'drawing.pdf', bytes: pdfOf([Array.from({ length: 1_000_001 }, (_, i) => `0 ${i % 800} m 9 ${i % 800} l S`).join('\n')]) },
    { name: '.pdf of 300,001 pieces of text', file: 'text.pdf', bytes: pdfOf([Array.from({ length: 300_001 }, (_, i) => `BT /F1 8 Tf ${i % 500} ${i % 800} Td (${i % 10}) Tj ET`).join('\n')]) },
  ];
}

/** `nianbao import` of each hostile file, in a fresh directory, timed and measured. */
export function benchImports(): ImportRow[] {
  const cli = process.env.NIANBAO_BENCH_CLI ?? join(ROOT, 'dist', 'cli.js');
  const out: ImportRow[] = [];
  for (const { name, file, bytes } of importCases()) {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-import-'));
    try {
      writeFileSync(join(dir, file), bytes);
      const start = performance.now();
      const run = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M', process.execPath, cli, 'import', file], { cwd: dir, encoding: 'utf8', timeout: 180_000, maxBuffer: 1 << 26 });
      const ms = performance.now() - start;
      const rss = Number(/MAXRSS (\d+)/.exec(run.stderr ?? '')?.[1] ?? NaN) / 1024;
      const message = (run.stderr ?? '').split('\n').find((l) => l.startsWith('nianbao')) ?? (run.signal ? `killed (${run.signal})` : (run.stderr ?? '').split('\n')[0] ?? '');
      const written = existsSync(join(dir, file.replace(/\.\w+$/, '.md')));
      out.push({ name, bytes: bytes.length, status: run.status, ms, maxRssMb: rss, outcome: written ? `imported${message ? `; ${message}` : ''}` : message });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
