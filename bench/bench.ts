/**
 * `npm run bench`: for each seed and real report, the in-process check time next to the time
 * remark-parse + remark-gfm alone take to parse the same text (the floor of this design), and
 * their ratio (goal ≤ 1.5×). Writes bench/results.json.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { Bench } from 'tinybench';
import { unified } from 'unified';
import { checkText } from '../server/src/core/index.js';
import { benchLsp } from './lsp.js';

const ROOT = join(__dirname, '..');
const GOAL = 1.5;
const parser = unified().use(remarkParse).use(remarkGfm).freeze();

const files = ['seeds', 'real'].flatMap((folder) =>
  readdirSync(join(ROOT, 'test', 'fixtures', folder))
    .filter((f) => f.endsWith('.md') && f !== 'EXPECTED.md')
    .map((f) => join(ROOT, 'test', 'fixtures', folder, f)),
);

interface Row {
  readonly file: string;
  readonly bytes: number;
  readonly parseMs: number;
  readonly checkMs: number;
  readonly ratio: number;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const bench = new Bench({ time: 1500, warmupTime: 300 });
    bench.add('parse', () => {
      parser.parse(text);
    });
    bench.add('check', () => {
      checkText(text);
    });
    await bench.run();
    const mean = (name: string): number => {
      const task = bench.tasks.find((t) => t.name === name)!;
      const result = task.result as { latency?: { mean: number }; mean?: number } | undefined;
      return result?.latency?.mean ?? result?.mean ?? NaN;
    };
    const parseMs = mean('parse');
    const checkMs = mean('check');
    rows.push({ file: basename(file), bytes: Buffer.byteLength(text), parseMs, checkMs, ratio: checkMs / parseMs });
  }
  const pad = (s: string, n: number): string => s.padEnd(n);
  console.log(`${pad('file', 32)}${pad('bytes', 8)}${pad('parse ms', 11)}${pad('check ms', 11)}ratio (goal ≤ ${GOAL}×)`);
  for (const r of rows) {
    console.log(`${pad(r.file, 32)}${pad(String(r.bytes), 8)}${pad(r.parseMs.toFixed(3), 11)}${pad(r.checkMs.toFixed(3), 11)}${r.ratio.toFixed(2)}×${r.ratio > GOAL ? '  ✖ over goal' : ''}`);
  }
  const worst = Math.max(...rows.map((r) => r.ratio));
  console.log(`\nworst ratio ${worst.toFixed(2)}× (goal ≤ ${GOAL}×) on node ${process.version}`);
  const lsp = await benchLsp();
  console.log(`\nLSP didChange → diagnostics over stdio (${lsp.file}, 200 edits): p50 ${lsp.p50.toFixed(1)} ms, p95 ${lsp.p95.toFixed(1)} ms (goal p95 ≤ 30 ms)`);
  console.log(`server RSS after opening ${lsp.documents} reports: ${lsp.rssMb.toFixed(0)} MB (goal ≤ 150 MB)`);
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify({ node: process.version, date: new Date().toISOString(), goal: GOAL, rows, lsp }, null, 2)}\n`);
}

void main();
