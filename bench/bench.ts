/**
 * `npm run bench`: how fast nianbao is on this machine, next to the costs users already accept.
 *
 * - in process, for each seed and real report, two reports with HTML tables and two pasted from
 *   Word or a PDF, a synthetic report 10× a seed's size and a 1 MB
 *   document: check time, its ratio to a bare remark-parse + remark-gfm parse (goal ≤ 1.5×) and
 *   to markdownlint's default rules (goal ≤ 1.0×);
 * - growth with size: 1×, 10×, 100× a seed (goal: 10× size → ≤ 12× time);
 * - CLI wall time for 1,000 reports of 500 bodies with worker threads on all cores (goal ≤ 5 s on
 *   2 cores), and for 1,000 copies of the five seeds (five bodies: the worst case for the workers);
 * - the language server: didChange → diagnostics over stdio, p50/p95 on a seed (goal p95 ≤ 30 ms)
 *   and on the 1 MB document (goal p95 ≤ 300 ms); RSS after opening 200 reports (goal ≤ 150 MB);
 * - pathological input (pathological.ts): a request for another document while one of 4,000 or
 *   20,000 nested `- ` or the span bomb is analysed (goal < 100 ms);
 * - hostile input (hostile.ts, issue 18): the growth of the once-quadratic cases (goal: linear,
 *   ×4 per step of ×4) and `nianbao import` of zip bombs and hostile pages (time, peak memory);
 * - a burst of edits across 50 open reports (burst.ts): pull latency p50/p95/max (goal: every
 *   pull within 1 s);
 * - reports as they arrive (forms.ts, issue 22): a Word file, a saved page and a PDF checked in
 *   process, as a ratio to checking the Markdown (goals ≤ 3×, ≤ 3×, ≤ 10×), and the CLI on 200
 *   mixed files.
 *
 * Writes bench/results.json and the table of bench/README.md. `--only=pathological`,
 * `--only=hostile`, `--only=burst` and `--only=forms` run one of the last parts alone and keep the other figures
 * of results.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { lint } from 'markdownlint/sync';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { Bench } from 'tinybench';
import { unified } from 'unified';
import { checkText } from '../server/src/core/index.js';
import { benchLsp } from './lsp.js';
import { benchPathological, type PathologicalFigure } from './pathological.js';
import { benchBurst, type BurstFigure } from './burst.js';
import { benchForms, type FormsFigure } from './forms.js';
import { benchGrowth, benchImports, type GrowthRow, type ImportRow } from './hostile.js';
import { scaledReport } from './synthetic.js';

const ROOT = join(__dirname, '..');
const parser = unified().use(remarkParse).use(remarkGfm).freeze();

interface Row {
  readonly name: string;
  readonly bytes: number;
  readonly parseMs: number;
  readonly checkMs: number;
  readonly markdownlintMs: number;
  readonly ratioParse: number;
  readonly ratioMarkdownlint: number;
}

async function measure(name: string, text: string, time: number): Promise<Row> {
  const bench = new Bench({ time, warmupTime: Math.min(300, time / 4), iterations: 3 });
  bench.add('parse', () => void parser.parse(text));
  bench.add('check', () => void checkText(text));
  bench.add('markdownlint', () => void lint({ strings: { text } }));
  await bench.run();
  const mean = (task: string): number => {
    const result = bench.tasks.find((t) => t.name === task)!.result as { latency?: { mean: number } } | undefined;
    return result?.latency?.mean ?? NaN;
  };
  const [parseMs, checkMs, markdownlintMs] = [mean('parse'), mean('check'), mean('markdownlint')];
  return { name, bytes: Buffer.byteLength(text), parseMs, checkMs, markdownlintMs, ratioParse: checkMs / parseMs, ratioMarkdownlint: checkMs / markdownlintMs };
}

/** The issuing body named in each seed's title, by seed file. */
const SEED_BODIES: Readonly<Record<string, string>> = {
  'seed-000-luhu-2020.md': '高青县芦湖街道',
  'seed-001-dongliu-2020.md': '东柳街道',
  'seed-002-gulou-2021.md': '济宁市兖州区鼓楼街道',
  'seed-003-sikou-2020.md': '栖霞市寺口镇',
  'seed-004-xigang-2022.md': '西岗街道',
};
/** Consecutive years among the seeds: each pair becomes one body's two reports. */
const YEAR_PAIRS: readonly (readonly [string, string])[] = [
  ['seed-000-luhu-2020.md', 'seed-002-gulou-2021.md'],
  ['seed-001-dongliu-2020.md', 'seed-002-gulou-2021.md'],
  ['seed-003-sikou-2020.md', 'seed-002-gulou-2021.md'],
  ['seed-002-gulou-2021.md', 'seed-004-xigang-2022.md'],
];

function seedText(file: string, body?: string): string {
  const text = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', file), 'utf8');
  if (body === undefined) return text;
  const named = text.replace(SEED_BODIES[file]!, body);
  if (named === text) throw new Error(`${file}: the title does not name ${SEED_BODIES[file]}`);
  return named;
}

/**
 * The batches the CLI is timed on. `bodies`: 1,000 reports of 500 bodies, each body's reports of
 * two consecutive years (so last year's report is linked as in a real batch). `copies`: 200
 * copies of each of the five seeds, five bodies in all — the worst case for the workers, which
 * keep every body's reports together.
 */
function cliBatch(kind: 'bodies' | 'copies'): string[] {
  if (kind === 'copies') {
    const files = Object.keys(SEED_BODIES);
    return Array.from({ length: 1000 }, (_, i) => seedText(files[i % files.length]!).replace('年', i % 3 === 0 ? '年' : '年 '));
  }
  return Array.from({ length: 1000 }, (_, i) => {
    const pair = YEAR_PAIRS[Math.floor(i / 2) % YEAR_PAIRS.length]!;
    return seedText(pair[i % 2]!, `样例县第${Math.floor(i / 2) + 1}街道`);
  });
}

/** Best of two CLI runs over a batch, in seconds. */
function cliSeconds(texts: readonly string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
  try {
    texts.forEach((text, i) => writeFileSync(join(dir, `report-${i}.md`), text));
    let best = Infinity;
    for (let run = 0; run < 2; run++) {
      const start = performance.now();
      const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'nianbao.js'), 'check', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
      if (result.status === null || result.status > 1) throw new Error(`the CLI failed: ${result.stderr}`);
      best = Math.min(best, (performance.now() - start) / 1000);
    }
    return best;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function cliThousand(): { files: number; seconds: number; copiesSeconds: number; jobs: number } {
  return { files: 1000, seconds: cliSeconds(cliBatch('bodies')), copiesSeconds: cliSeconds(cliBatch('copies')), jobs: availableParallelism() };
}

const fmt = (n: number, digits = 2): string => n.toFixed(digits);
const mark = (ok: boolean): string => (ok ? '✓' : '✗');

/** Prints the pathological figures. */
function printPathological(figures: readonly PathologicalFigure[]): void {
  for (const f of figures) {
    const own = f.answered ? `${fmt(f.ownMs, 0)} ms` : `no answer in ${fmt(f.ownMs / 1000, 0)} s`;
    console.log(`LSP request for another document while ${f.name} (${f.bytes} B) is analysed: max ${fmt(f.otherMaxMs, 1)} ms ${mark(f.otherMaxMs < 100)} (goal < 100 ms; ${f.otherRequests} requests; its own diagnostics ${own}: ${f.rules.join(', ') || 'none'})`);
  }
}

/** Prints the hostile-input figures. */
function printHostile(hostile: { growth: readonly GrowthRow[]; imports: readonly ImportRow[] }): void {
  for (const g of hostile.growth) {
    const steps = g.ms.slice(1).map((ms, i) => ms / Math.max(g.ms[i]!, 0.01));
    console.log(`${g.name}: n = ${g.sizes.join(' / ')}: ${g.ms.map((ms) => fmt(ms, 0)).join(' / ')} ms (×${steps.map((x) => fmt(x, 1)).join(', ×')} per ×4) ${mark(steps.every((x) => x <= 8))}`);
  }
  for (const i of hostile.imports) console.log(`nianbao import, ${i.name} (${i.bytes} B): exit ${i.status}, ${fmt(i.ms, 0)} ms, peak ${fmt(i.maxRssMb, 0)} MB: ${i.outcome}`);
}

function printForms(f: FormsFigure): void {
  for (const r of f.rows) console.log(`${r.form.padEnd(4)} ${r.name.padEnd(36)} ${String(r.bytes).padStart(8)} B  markdown ${fmt(r.markdownMs).padStart(7)} ms  form ${fmt(r.formMs).padStart(8)} ms  ×${fmt(r.ratio, 1)}`);
  console.log(`forms, median ratio to the Markdown: .docx ×${fmt(f.ratios.docx, 1)} ${mark(f.ratios.docx <= 3)} (≤ 3), .html ×${fmt(f.ratios.html, 1)} ${mark(f.ratios.html <= 3)} (≤ 3), .pdf ×${fmt(f.ratios.pdf, 1)} ${mark(f.ratios.pdf <= 10)} (≤ 10)`);
  console.log(`CLI, ${f.cli.files} mixed files (${f.cli.mix}), ${f.cli.jobs} worker threads: ${fmt(f.cli.seconds)} s`);
}

function printBurst(b: BurstFigure): void {
  console.log(`LSP burst, ${b.edits} edits across ${b.documents} open reports: pull p50 ${fmt(b.p50, 0)} ms, p95 ${fmt(b.p95, 0)} ms, slowest ${fmt(b.max, 0)} ms ${mark(b.max <= 1000)} (goal: every pull within 1 s; ${b.answered} answered, ${b.cancelled} cancelled or stale, ${b.unanswered} unanswered, ${b.refreshes} refreshes)`);
}

async function main(): Promise<void> {
  const only = ['pathological', 'hostile', 'burst', 'forms'].find((part) => process.argv.includes(`--only=${part}`));
  if (only) {
    const previous = JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8')) as Parameters<typeof writeReadmeTable>[0];
    const date = new Date().toISOString();
    let results: Parameters<typeof writeReadmeTable>[0] = previous;
    if (only === 'pathological') {
      const pathological = await benchPathological();
      printPathological(pathological);
      results = { ...previous, pathological, pathologicalDate: date };
    } else if (only === 'hostile') {
      const hostile = { growth: benchGrowth(), imports: benchImports(), date };
      printHostile(hostile);
      results = { ...previous, hostile };
    } else if (only === 'forms') {
      const forms = { ...(await benchForms()), date };
      printForms(forms);
      results = { ...previous, forms };
    } else {
      const burst = { ...(await benchBurst()), date };
      printBurst(burst);
      results = { ...previous, burst };
    }
    writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeReadmeTable(results);
    return;
  }
  const files = ['seeds', 'real'].flatMap((folder) =>
    readdirSync(join(ROOT, 'test', 'fixtures', folder))
      .filter((f) => f.endsWith('.md') && f !== 'EXPECTED.md')
      .map((f) => join(ROOT, 'test', 'fixtures', folder, f)),
  );
  const rows: Row[] = [];
  for (const file of files) rows.push(await measure(basename(file), readFileSync(file, 'utf8'), 1000));
  // Tables in the other forms drafts arrive in: HTML (a web page, mammoth's Word conversion) and pasted text.
  for (const file of ['html/html-web-2021.md', 'html/html-mammoth-2021.md', 'pasted/seed-002-gulou-2021.txt', 'pasted/seed-003-sikou-2020.txt']) {
    rows.push(await measure(file, readFileSync(join(ROOT, 'test', 'fixtures', file), 'utf8'), 1000));
  }
  const seed = readFileSync(join(ROOT, 'test', 'fixtures', 'seeds', 'seed-002-gulou-2021.md'), 'utf8');
  const ten = scaledReport(seed, 10);
  const hundred = scaledReport(seed, 100);
  const megabyte = scaledReport(seed, (1 << 20) / Buffer.byteLength(seed));
  rows.push(await measure('synthetic 10× seed 002', ten, 1500));
  const growth = { one: rows.find((r) => r.name === 'seed-002-gulou-2021.md')!.checkMs, ten: rows.at(-1)!.checkMs, hundred: (await measure('synthetic 100× seed 002', hundred, 1500)).checkMs };
  rows.push(await measure('synthetic 1 MB', megabyte, 2000));

  for (const r of rows) {
    console.log(`${r.name.padEnd(28)} ${String(r.bytes).padStart(8)} B  parse ${fmt(r.parseMs).padStart(8)} ms  check ${fmt(r.checkMs).padStart(8)} ms  markdownlint ${fmt(r.markdownlintMs).padStart(8)} ms  ×parse ${fmt(r.ratioParse)} ${mark(r.ratioParse <= 1.5)}  ×markdownlint ${fmt(r.ratioMarkdownlint)} ${mark(r.ratioMarkdownlint <= 1)}`);
  }
  const growthTen = growth.ten / growth.one;
  const growthHundred = growth.hundred / growth.ten;
  console.log(`growth: 10× size → ${fmt(growthTen)}× time ${mark(growthTen <= 12)}; 100× size → ${fmt(growth.hundred / growth.one)}× time (100×/10×: ${fmt(growthHundred)}×)`);
  const cli = cliThousand();
  console.log(`CLI, ${cli.files} reports of 500 bodies, ${cli.jobs} worker threads: ${fmt(cli.seconds)} s ${mark(cli.seconds <= 5)} (goal ≤ 5 s on 2 cores)`);
  console.log(`CLI, ${cli.files} copies of the 5 seeds (5 bodies), ${cli.jobs} worker threads: ${fmt(cli.copiesSeconds)} s`);
  const lsp = await benchLsp(megabyte);
  console.log(`LSP didChange → diagnostics, ${lsp.file}: p50 ${fmt(lsp.p50, 1)} ms, p95 ${fmt(lsp.p95, 1)} ms ${mark(lsp.p95 <= 30)}`);
  console.log(`LSP didChange → diagnostics, 1 MB: p50 ${fmt(lsp.bigP50, 1)} ms, p95 ${fmt(lsp.bigP95, 1)} ms ${mark(lsp.bigP95 <= 300)}`);
  console.log(`server RSS after opening ${lsp.documents} reports: ${fmt(lsp.rssMb, 0)} MB ${mark(lsp.rssMb <= 150)}`);
  const pathological = await benchPathological();
  printPathological(pathological);
  const date = new Date().toISOString();
  const hostile = { growth: benchGrowth(), imports: benchImports(), date };
  printHostile(hostile);
  const burst = { ...(await benchBurst()), date };
  printBurst(burst);
  const forms = { ...(await benchForms()), date };
  printForms(forms);

  const results = {
    node: process.version,
    cores: availableParallelism(),
    date,
    rows,
    growth: { ...growth, tenOverOne: growthTen },
    cli,
    lsp,
    pathological,
    pathologicalDate: date,
    hostile,
    burst,
    forms,
  };
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeReadmeTable(results);
}

function writeReadmeTable(r: {
  node: string;
  cores: number;
  date: string;
  rows: Row[];
  growth: { one: number; ten: number; hundred: number; tenOverOne: number };
  cli: { seconds: number; copiesSeconds: number; jobs: number };
  lsp: Awaited<ReturnType<typeof benchLsp>>;
  pathological?: readonly PathologicalFigure[];
  pathologicalDate?: string;
  hostile?: { growth: readonly GrowthRow[]; imports: readonly ImportRow[]; date: string };
  burst?: BurstFigure & { date: string };
  forms?: FormsFigure & { date: string };
}): void {
  const measured = (date: string | undefined): string => (date && date.slice(0, 10) !== r.date.slice(0, 10) ? ` (measured ${date.slice(0, 10)})` : '');
  const path = join(ROOT, 'bench', 'README.md');
  const readme = readFileSync(path, 'utf8');
  const table = [
    '<!-- figures: written by npm run bench -->',
    `Measured ${r.date.slice(0, 10)} on ${r.cores} cores, Node ${r.node}.`,
    '',
    '| input | bytes | parse ms | check ms | markdownlint ms | check ÷ parse (≤ 1.5) | check ÷ markdownlint (≤ 1.0) |',
    '|---|---|---|---|---|---|---|',
    ...r.rows.map((x) => `| ${x.name} | ${x.bytes} | ${fmt(x.parseMs)} | ${fmt(x.checkMs)} | ${fmt(x.markdownlintMs)} | ${fmt(x.ratioParse)} ${mark(x.ratioParse <= 1.5)} | ${fmt(x.ratioMarkdownlint)} ${mark(x.ratioMarkdownlint <= 1)} |`),
    '',
    '| measure | figure | goal |',
    '|---|---|---|',
    `| check time, 10× a seed ÷ 1× | ${fmt(r.growth.tenOverOne)}× ${mark(r.growth.tenOverOne <= 12)} | ≤ 12× |`,
    `| check time, 100× a seed ÷ 1× | ${fmt(r.growth.hundred / r.growth.one)}× | — |`,
    `| CLI wall time, 1,000 reports of 500 bodies (two years each), ${r.cli.jobs} worker threads | ${fmt(r.cli.seconds)} s ${mark(r.cli.seconds <= 5)} | ≤ 5 s |`,
    `| CLI wall time, 1,000 copies of the five seeds (five bodies), ${r.cli.jobs} worker threads | ${fmt(r.cli.copiesSeconds)} s | — |`,
    `| LSP didChange → diagnostics, p50 / p95, ${r.lsp.file} | ${fmt(r.lsp.p50, 1)} / ${fmt(r.lsp.p95, 1)} ms ${mark(r.lsp.p95 <= 30)} | p95 ≤ 30 ms |`,
    `| LSP didChange → diagnostics, p50 / p95, 1 MB | ${fmt(r.lsp.bigP50, 1)} / ${fmt(r.lsp.bigP95, 1)} ms ${mark(r.lsp.bigP95 <= 300)} | p95 ≤ 300 ms |`,
    `| server RSS after opening ${r.lsp.documents} reports | ${fmt(r.lsp.rssMb, 0)} MB ${mark(r.lsp.rssMb <= 150)} | ≤ 150 MB |`,
    ...(r.pathological ?? []).map(
      (f) =>
        `| LSP request for another document while ${f.name} (${f.bytes} B) is analysed, slowest of ${f.otherRequests}${r.pathologicalDate && r.pathologicalDate.slice(0, 10) !== r.date.slice(0, 10) ? ` (measured ${r.pathologicalDate.slice(0, 10)})` : ''} | ${fmt(f.otherMaxMs, 1)} ms ${mark(f.otherMaxMs < 100)} | < 100 ms |`,
    ),
    ...(r.burst
      ? [`| LSP burst: ${r.burst.edits} edits across ${r.burst.documents} open reports, pull p50 / p95 / slowest${measured(r.burst.date)} | ${fmt(r.burst.p50, 0)} / ${fmt(r.burst.p95, 0)} / ${fmt(r.burst.max, 0)} ms ${mark(r.burst.max <= 1000)} | every pull ≤ 1 s |`]
      : []),
    ...(r.forms
      ? [
          `| a Word file checked as the CLI does, ÷ its Markdown, median of ${r.forms.rows.filter((x) => x.form === 'docx').length}${measured(r.forms.date)} | ${fmt(r.forms.ratios.docx, 1)}× ${mark(r.forms.ratios.docx <= 3)} | ≤ 3× |`,
          `| a saved page (GB18030, a site around it) ÷ its Markdown, median of ${r.forms.rows.filter((x) => x.form === 'html').length}${measured(r.forms.date)} | ${fmt(r.forms.ratios.html, 1)}× ${mark(r.forms.ratios.html <= 3)} | ≤ 3× |`,
          `| a text PDF ÷ its Markdown, median of ${r.forms.rows.filter((x) => x.form === 'pdf').length}${measured(r.forms.date)} | ${fmt(r.forms.ratios.pdf, 1)}× ${mark(r.forms.ratios.pdf <= 10)} | ≤ 10× |`,
          `| CLI wall time, ${r.forms.cli.files} mixed files (${r.forms.cli.mix}), ${r.forms.cli.jobs} worker threads${measured(r.forms.date)} | ${fmt(r.forms.cli.seconds)} s | — |`,
        ]
      : []),
    ...(r.hostile
      ? [
          '',
          `Hostile input${measured(r.hostile.date)}: time at three sizes, each ×4 the one before (linear: about ×4 a step).`,
          '',
          '| case | n | ms | growth per ×4 |',
          '|---|---|---|---|',
          ...r.hostile.growth.map((g) => `| ${g.name} | ${g.sizes.join(' / ')} | ${g.ms.map((ms) => fmt(ms, 0)).join(' / ')} | ${g.ms.slice(1).map((ms, i) => `×${fmt(ms / Math.max(g.ms[i]!, 0.01), 1)}`).join(', ')} |`),
          '',
          '| `nianbao import` of | bytes | exit | ms | peak memory | outcome |',
          '|---|---|---|---|---|---|',
          ...r.hostile.imports.map((i) => `| ${i.name} | ${i.bytes} | ${i.status} | ${fmt(i.ms, 0)} | ${fmt(i.maxRssMb, 0)} MB | ${i.outcome.replace(/\|/g, '\\|')} |`),
        ]
      : []),
    '<!-- /figures -->',
  ].join('\n');
  const updated = readme.includes('<!-- figures: written by npm run bench -->')
    ? readme.replace(/<!-- figures: written by npm run bench -->[\s\S]*<!-- \/figures -->/, table)
    : `${readme.trimEnd()}\n\n## Latest figures\n\n${table}\n`;
  writeFileSync(path, updated);
}

void main();
