/**
 * The robustness properties and their input generators, shared by the bounded run in
 * `npm test` (test/unit/robustness.test.ts: fixed seed, few runs) and the long run
 * (`npm run fuzz`, test/fuzz/fuzz.ts: random seed, many runs).
 *
 * Inputs: the seed and real reports (copied in memory, never edited) mutated — cells swapped
 * or emptied, rows deleted or duplicated, labels garbled, tables truncated mid-row, CRLF or
 * lone CR line ends, a BOM, NUL characters, lone surrogates — and random Markdown built from
 * the format data (section headings, standard tables with random cells, report prose). The
 * huge inputs (100,000-character lines, 10,000-row tables, 500 nested blockquotes or list
 * levels) are fixed cases, each run once, because the Markdown parse alone takes seconds; the
 * bounded run takes the cheaper ones through the core only, `npm run fuzz` takes them all
 * through the core, the CLI and the server.
 *
 * Properties:
 * - core: `checkText` never throws and records no rule failure; it finishes within a time
 *   bound proportional to the text's length; every range (and every related range in this
 *   document) lies in [0, text.length] with start ≤ end; every offered fix applies with
 *   `applyEdits`; every fix-all round changes nothing outside its edits; fix-all reaches its
 *   fixpoint within MAX_FIX_ROUNDS, so it is idempotent — the one accepted exception is an
 *   input whose safe findings shrink every round but need more rounds (2^10 doubled words in a
 *   row: each round halves them); there the count must fall strictly every round.
 * - CLI: `check --format json` exits 0, 1 or 2 within a time bound; stdout is a JSON array of
 *   the documented objects; 2 exactly when a file is not text (server/src/shell/encoding.ts:
 *   UTF-8, UTF-16 with a BOM, GB18030), otherwise 1 exactly when a finding is an error; `--fix`
 *   writes what fix-all gives in the file's encoding, keeps the BOM (or, for the rare GB18030
 *   file that would not encode back to its bytes, writes nothing and exits 2), and leaves files
 *   that still check cleanly and have no safe fix left.
 * - server (stdio): diagnostics, code actions, hover, formatting, symbols and folding for
 *   generated documents answer with ranges inside the document; malformed JSON-RPC and
 *   requests for unknown documents are answered or ignored, and a normal request still works.
 */
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-protocol';
import {
  applyEdits,
  checkText,
  fixText,
  formats,
  MAX_FIX_ROUNDS,
  RULES,
  type CheckResult,
  type TextEdit,
} from '../../server/src/core/index.js';
import { decodeText, encodeText, writesBackExactly, type DecodedText } from '../../server/src/shell/encoding.js';
import type { TestClient } from '../unit/lsp-client.js';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');

// ---------------------------------------------------------------------------------------------
// Seeds

/** A named input text. */
export interface Sample {
  readonly name: string;
  readonly text: string;
}

function readFolder(folder: string, extension = '.md'): Sample[] {
  return readdirSync(join(FIXTURES, folder))
    .filter((f) => f.endsWith(extension) && f !== 'README.md' && f !== 'EXPECTED.md')
    .sort()
    .map((f) => ({ name: `${folder}/${f}`, text: readFileSync(join(FIXTURES, folder, f), 'utf8') }));
}

/**
 * The seed and real reports, the seeds as pasted from Word or a PDF, reports with HTML tables,
 * plus rendered skeletons of both formats with figures.
 */
export const SEEDS: readonly Sample[] = [
  ...readFolder('seeds'),
  ...readFolder('real'),
  ...readFolder('pasted', '.txt'),
  ...readFolder('html'),
  ...([[2020, '2019'], [2021, '2021'], [2019, '2021'], [2023, '2019']] as const).map(([year, format]) => ({
    name: `skeleton-${year}-${format}`,
    text: formats.renderSkeleton({ year, body: '某某县某某局', format, cell: (row, column) => String((row.length * 7 + column.length * 3) % 11) }).join('\n'),
  })),
];

// ---------------------------------------------------------------------------------------------
// Text pieces

const LABELS: readonly string[] = (['table2', 'table3', 'table4'] as const).flatMap((table) =>
  formats.tableElements(table).flatMap((e) => formats.elementWordings(e).map((w) => w.text)),
);
const HEADINGS: readonly string[] = formats.SECTIONS.flatMap((s) => [s.title, ...s.variants]);
const NUMBERINGS = ['一、', '二、', '三、', '四、', '五、', '六、', '七、', '3、', '3.', '（一）', '（2）', '(三)', '1.', '第三部分 ', '', '二 ', '十一、'];
const CJK = '政府信息公开申请件条本年度收到处理予以部分不属于国家秘密行政复议诉讼总计合计其中占主动结转下继续办理无的审查';
const ASCII = 'abcXYZ0123456789 ';
const MARKUP = ['|', '||', '\\|', '*', '**', '_', '`', '#', '>', '-', '+', '[', ']', '(', ')', '!', '<', '>', '<br>', '<!--', '-->', '~~', ':', '---', '\\'];
const ODD = ['\0', '\ud800', '\udc00', '\ufeff', '\r', '\r\n', '\t', '\u3000', '\u00a0', '\u200b', '😀', 'e\u0301', '\u202e', '\uffff', '\ufffd'];
const PHRASES = [
  '共收到政府信息公开申请{n}件',
  '本年新收政府信息公开申请{n}件',
  '其中予以公开{n}件，占{p}%',
  '部分公开{n}件，占总数的{p}%',
  '上年结转{n}件',
  '结转下年度继续办理{n}件',
  '所有申请均已按时办结',
  '本年度未发生行政复议、行政诉讼',
  '发布信息{n}条',
  '约{n}条',
  '{n}余条',
  '合计{n}件，其中自然人{n}件，法人或其他组织{n}件',
  '本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止',
  '{y}年度',
  '国办公开办函〔2019〕60号',
  '国办公开办函〔2021〕30号',
  '审查审查',
  '的的',
  '本年度未收取信息处理费',
  '无',
];

const numberText = fc.oneof(
  fc.nat({ max: 50 }).map(String),
  fc.nat({ max: 10_000_000 }).map(String),
  fc.integer({ min: -100, max: -1 }).map(String),
  fc.constantFrom('', ' ', '无', '—', '-', '/', '0', '1,234', '１２', '3.5', '1e3', '99999999999999999999', 'NaN', '约5', '5余', '零', '五'),
);

const pieceOf = (chars: string): fc.Arbitrary<string> => fc.nat({ max: chars.length - 1 }).map((i) => chars[i]!);

/** A short run of random text: CJK, ASCII, Markdown markup and odd characters. */
export const wordArb: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: pieceOf(CJK) },
      { weight: 3, arbitrary: pieceOf(ASCII) },
      { weight: 2, arbitrary: fc.constantFrom(...MARKUP) },
      { weight: 1, arbitrary: fc.constantFrom(...ODD) },
      { weight: 2, arbitrary: fc.constantFrom(...LABELS) },
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const phraseArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...PHRASES), fc.nat({ max: 500 }), fc.double({ min: 0, max: 120, noNaN: true }), fc.integer({ min: 2015, max: 2026 }))
  .map(([phrase, n, p, y]) => phrase.replaceAll('{n}', String(n)).replaceAll('{p}', p.toFixed(1)).replaceAll('{y}', String(y)));

const proseArb: fc.Arbitrary<string> = fc
  .tuple(fc.array(fc.oneof({ weight: 2, arbitrary: phraseArb }, { weight: 1, arbitrary: wordArb }), { minLength: 1, maxLength: 6 }), fc.constantFrom('，', '。', '；', ''))
  .map(([parts, separator]) => parts.join(separator));

const headingArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('# ', '## ', '### ', '#### ', '**', '', '###### ', '#'),
    fc.constantFrom(...NUMBERINGS),
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...HEADINGS) }, { weight: 1, arbitrary: wordArb }),
  )
  .map(([mark, numbering, title]) => (mark === '**' ? `**${numbering}${title}**` : `${mark}${numbering}${title}`));

const titleArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('某某区人民政府', '某某街道办事处', '', '某某局'), fc.integer({ min: 2015, max: 2026 }), fc.constantFrom('政府信息公开工作年度报告', '政府信息公开年报', '年度报告'))
  .map(([body, year, kind]) => `# ${body}${year}年${kind}`);

const cellArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: numberText },
  { weight: 2, arbitrary: fc.constantFrom(...LABELS) },
  { weight: 1, arbitrary: wordArb },
);

/** A table of random rows of random cells, with or without a delimiter row. */
const looseTableArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 1, max: 12 }),
    fc.array(fc.array(cellArb, { minLength: 0, maxLength: 12 }), { minLength: 1, maxLength: 30 }),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([width, rows, withDelimiter, closed]) => {
    const lines = rows.map((cells) => `| ${cells.join(' | ')}${closed ? ' |' : ''}`);
    if (withDelimiter) lines.splice(1, 0, `|${' --- |'.repeat(width)}`);
    return lines.join('\n');
  });

/** A standard table of a format with random cells. */
const standardTableArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('table2', 'table3', 'table4'), fc.constantFrom('2019', '2021'), fc.array(cellArb, { minLength: 1, maxLength: 40 }))
  .map(([table, format, cells]) => {
    let i = 0;
    return formats.renderTable(table, format, () => cells[i++ % cells.length]).join('\n');
  });

const otherBlockArb: fc.Arbitrary<string> = fc.oneof(
  proseArb.map((p) => `- ${p}`),
  proseArb.map((p) => `> ${p}`),
  proseArb.map((p) => `1. ${p}\n   - ${p}`),
  proseArb.map((p) => '```\n' + p + '\n```'),
  proseArb.map((p) => `<!-- ${p} -->`),
  proseArb.map((p) => `<table><tr><td>${p}</td></tr></table>`),
  fc.constantFrom('---', '***', '', '    缩进代码', '[link]: http://example.com', '| a |', '|', '||', '| --- |'),
);

/** One random Markdown block. */
export const blockArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: headingArb },
  { weight: 4, arbitrary: proseArb },
  { weight: 2, arbitrary: standardTableArb },
  { weight: 2, arbitrary: looseTableArb },
  { weight: 1, arbitrary: titleArb },
  { weight: 2, arbitrary: otherBlockArb },
);

/** Purely random Markdown built from the format's headings, tables and prose. */
export const randomMarkdownArb: fc.Arbitrary<string> = fc
  .tuple(fc.option(titleArb, { nil: undefined }), fc.array(fc.tuple(blockArb, fc.constantFrom('\n\n', '\n', '\n\n\n', '\r\n\r\n')), { maxLength: 30 }))
  .map(([title, blocks]) => (title === undefined ? '' : `${title}\n\n`) + blocks.map(([block, sep]) => block + sep).join(''));

// ---------------------------------------------------------------------------------------------
// Mutations of the seeds

/** One mutation; indexes are taken modulo what they index, so any number is valid. */
export type Mutation =
  | { readonly kind: 'swapCells'; readonly line: number; readonly a: number; readonly b: number }
  | { readonly kind: 'emptyCell'; readonly line: number; readonly cell: number }
  | { readonly kind: 'setCell'; readonly line: number; readonly cell: number; readonly text: string }
  | { readonly kind: 'deleteRow'; readonly line: number }
  | { readonly kind: 'duplicateRow'; readonly line: number; readonly times: number }
  | { readonly kind: 'moveRow'; readonly line: number; readonly to: number }
  | { readonly kind: 'garble'; readonly line: number; readonly edits: readonly (readonly [number, string])[] }
  | { readonly kind: 'truncateRow'; readonly line: number; readonly at: number }
  | { readonly kind: 'truncateText'; readonly line: number; readonly at: number }
  | { readonly kind: 'lineEnds'; readonly style: 'crlf' | 'cr' | 'mixed' }
  | { readonly kind: 'bom' }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'insertBlock'; readonly line: number; readonly block: string }
  | { readonly kind: 'deleteSpan'; readonly at: number; readonly length: number };

const oddTextArb = fc.oneof(fc.constantFrom(...ODD), wordArb, fc.constantFrom('\0\0\0', '\ud800\ud800', '\udc00\ud800', '|\n|', '\n', '\n\n'));

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('swapCells' as const), line: fc.nat(), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('emptyCell' as const), line: fc.nat(), cell: fc.nat() }),
  fc.record({ kind: fc.constant('setCell' as const), line: fc.nat(), cell: fc.nat(), text: cellArb }),
  fc.record({ kind: fc.constant('deleteRow' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateRow' as const), line: fc.nat(), times: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('moveRow' as const), line: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('garble' as const), line: fc.nat(), edits: fc.array(fc.tuple(fc.nat(), fc.oneof(pieceOf(CJK), pieceOf(ASCII), fc.constantFrom(...MARKUP), fc.constantFrom(...ODD), fc.constant(''))), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('truncateRow' as const), line: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncateText' as const), line: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant('lineEnds' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const) }),
  fc.record({ kind: fc.constant('bom' as const) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: oddTextArb }),
  fc.record({ kind: fc.constant('insertBlock' as const), line: fc.nat(), block: blockArb }),
  fc.record({ kind: fc.constant('deleteSpan' as const), at: fc.nat(), length: fc.nat({ max: 400 }) }),
);

/** Cells of a table row line, split on unescaped pipes (without the outer pipes). */
function splitRow(line: string): { lead: string; cells: string[]; tail: string } {
  const parts = line.split(/(?<!\\)\|/);
  return { lead: parts[0] ?? '', cells: parts.slice(1, -1), tail: parts.at(-1) ?? '' };
}

function joinRow(row: { lead: string; cells: string[]; tail: string }): string {
  return [row.lead, ...row.cells, row.tail].join('|');
}

/** Applies one mutation to a text. */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const tableLines = lines.map((l, i) => (l.trimStart().startsWith('|') ? i : -1)).filter((i) => i >= 0);
  const labelLines = lines.map((l, i) => (/^\s*(\||#|\*\*|[一二三四五六]、|（[一二三四五六七八九十]）)/.test(l) ? i : -1)).filter((i) => i >= 0);
  const pick = (pool: number[], n: number): number => (pool.length > 0 ? pool[n % pool.length]! : n % lines.length);
  switch (m.kind) {
    case 'swapCells':
    case 'emptyCell':
    case 'setCell': {
      const i = pick(tableLines, m.line);
      const row = splitRow(lines[i]!);
      if (row.cells.length === 0) return text;
      if (m.kind === 'swapCells') {
        const a = m.a % row.cells.length;
        const b = m.b % row.cells.length;
        [row.cells[a], row.cells[b]] = [row.cells[b]!, row.cells[a]!];
      } else {
        row.cells[m.cell % row.cells.length] = m.kind === 'emptyCell' ? ' ' : ` ${m.text} `;
      }
      lines[i] = joinRow(row);
      return lines.join('\n');
    }
    case 'deleteRow':
      lines.splice(pick(tableLines, m.line), 1);
      return lines.join('\n');
    case 'duplicateRow': {
      const i = pick(tableLines, m.line);
      lines.splice(i, 0, ...new Array<string>(m.times).fill(lines[i]!));
      return lines.join('\n');
    }
    case 'moveRow': {
      const i = pick(tableLines, m.line);
      const [row] = lines.splice(i, 1);
      lines.splice(pick(tableLines, m.to) % (lines.length + 1), 0, row!);
      return lines.join('\n');
    }
    case 'garble': {
      const i = pick(labelLines, m.line);
      const chars = [...lines[i]!];
      for (const [at, c] of m.edits) if (chars.length > 0) chars[at % chars.length] = c;
      lines[i] = chars.join('');
      return lines.join('\n');
    }
    case 'truncateRow': {
      const i = pick(tableLines, m.line);
      lines[i] = lines[i]!.slice(0, m.at % (lines[i]!.length + 1));
      return lines.join('\n');
    }
    case 'truncateText': {
      const i = pick(tableLines, m.line);
      lines[i] = lines[i]!.slice(0, m.at % (lines[i]!.length + 1));
      return lines.slice(0, i + 1).join('\n');
    }
    case 'lineEnds':
      if (m.style === 'crlf') return text.replace(/\r?\n/g, '\r\n');
      if (m.style === 'cr') return text.replace(/\r?\n/g, '\r');
      return lines.map((l, i) => l + (i === lines.length - 1 ? '' : ['\n', '\r\n', '\r'][i % 3])).join('');
    case 'bom':
      return `\ufeff${text}`;
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'insertBlock':
      lines.splice(m.line % (lines.length + 1), 0, '', m.block, '');
      return lines.join('\n');
    case 'deleteSpan': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
  }
}

/** A mutated seed: which seed, and the mutations applied in order. */
export interface MutatedSeed {
  readonly seed: number;
  readonly mutations: readonly Mutation[];
}

/** The text of a mutated seed. */
export function mutatedText(input: MutatedSeed): string {
  return input.mutations.reduce(mutate, SEEDS[input.seed % SEEDS.length]!.text);
}

/** Seeds with one to five mutations. */
export const mutatedSeedArb: fc.Arbitrary<MutatedSeed> = fc.record({
  seed: fc.nat({ max: SEEDS.length - 1 }),
  mutations: fc.array(mutationArb, { minLength: 1, maxLength: 5 }),
});

/** A generated document: a mutated seed (two in three) or random Markdown. */
export const documentArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: mutatedSeedArb.map(mutatedText) },
  { weight: 1, arbitrary: randomMarkdownArb },
);

// ---------------------------------------------------------------------------------------------
// Huge inputs

/** A huge input and the time its check may take. */
export interface HugeCase extends Sample {
  /** Milliseconds `checkText` may take: about three times what it took on a 2-core machine. */
  readonly bound: number;
  /** Part of the bounded run in `npm test` (the others run in `npm run fuzz` only). */
  readonly bounded: boolean;
  /** The bounded run also runs fix-all on it (`npm run fuzz` always does). */
  readonly fixAll: boolean;
}

/** Repeats the first table row of `seed` that holds `label` to make a table of `rows` rows. */
function bigTable(seed: string, label: string, rows: number): string {
  const lines = seed.split('\n');
  const i = lines.findIndex((l) => l.startsWith('|') && l.includes(label));
  assert.ok(i >= 0, `no row ${label}`);
  lines.splice(i, 0, ...new Array<string>(rows - 1).fill(lines[i]!));
  return lines.join('\n');
}

/**
 * The huge inputs, each appended to (or grown inside) a seed. Measured on a 2-core machine
 * (checkText, warm): the 100,000-character lines 15–130 ms; the 10,000-row tables 0.16–0.32 s
 * (the tables are found by line rules, not by remark-gfm: server/src/core/model/markdown.ts);
 * 500 nested blockquotes one a line 0.6 s; 500 list levels one a line (258,000 characters)
 * 4 s, all of it remark's reading of the nesting (mdast-util-from-markdown's list preparation
 * is quadratic); 5,000 nested emphasis and links 35 ms (the model parses no inline syntax).
 * The bounds are about three times the measurements, at least 2 s.
 */
export function hugeCases(): HugeCase[] {
  const seed = SEEDS[2]!.text;
  const line = (text: string): string => `${seed}\n${text}\n`;
  return [
    { name: 'line of 100,000 ASCII characters', text: line('x'.repeat(100_000)), bound: 2000, bounded: true, fixAll: true },
    { name: 'line of 100,000 CJK characters', text: line(CJK.repeat(Math.ceil(100_000 / CJK.length)).slice(0, 100_000)), bound: 2000, bounded: false, fixAll: true },
    // Also test/fixtures/regressions/prose-line-100k.json, which the bounded run gives the core, the CLI and the server.
    { name: 'line of 100,000 characters of report prose', text: line('共收到政府信息公开申请1件，其中予以公开1件，占50%；'.repeat(4000).slice(0, 100_000)), bound: 3000, bounded: false, fixAll: true },
    { name: 'line of 100,000 pipes and cells', text: line('| 1 '.repeat(25_000)), bound: 2000, bounded: false, fixAll: true },
    { name: 'heading of 100,000 characters', text: line(`## 三、${'收到和处理'.repeat(20_000)}`), bound: 2000, bounded: false, fixAll: true },
    { name: 'doubled word 50,000 times', text: line('申请'.repeat(50_000)), bound: 2000, bounded: false, fixAll: false },
    { name: '表二 of 10,000 rows', text: bigTable(seed, '| 规章 |', 10_000), bound: 2000, bounded: true, fixAll: false },
    { name: '表三 of 10,000 rows', text: bigTable(seed, '（一）予以公开', 10_000), bound: 2000, bounded: true, fixAll: false },
    { name: 'loose table of 10,000 rows', text: line(`| a | b |\n| --- | --- |\n${'| 1 | 2 |\n'.repeat(10_000)}`), bound: 2000, bounded: false, fixAll: false },
    { name: '500 nested blockquotes', text: line(`${'>'.repeat(500)} 三、收到和处理政府信息公开申请情况`), bound: 2000, bounded: true, fixAll: true },
    { name: '500 nested blockquotes, one level a line', text: line(Array.from({ length: 500 }, (_, i) => `${'>'.repeat(i + 1)} 第${i}层`).join('\n')), bound: 2000, bounded: true, fixAll: false },
    { name: '500 nested list items', text: line(`${'- '.repeat(500)}项`), bound: 2000, bounded: true, fixAll: true },
    { name: '500 nested list levels, one level a line', text: line(Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}- 第${i}层`).join('\n')), bound: 12_000, bounded: false, fixAll: false },
    { name: '5,000 nested emphasis and links', text: line(`${'*['.repeat(5000)}申请${']*'.repeat(5000)}`), bound: 2000, bounded: true, fixAll: false },
  ];
}

// ---------------------------------------------------------------------------------------------
// Core properties

/**
 * Time bound of one `checkText` of an ordinary document: 300 ms plus 30 µs a character. A seed
 * (5,000–7,000 characters) takes 40–110 ms; the bound is 450–510 ms.
 */
export function timeBound(text: string): number {
  return 300 + text.length * 0.03;
}

/** A seed's check on an idle machine of the kind CI runs on (ms; bench/README.md: 5–8 ms). */
const IDLE_SEED_CHECK_MS = 8;
const SEED_FOR_SPEED = readFileSync(join(__dirname, '..', 'fixtures', 'seeds', 'seed-002-gulou-2021.md'), 'utf8');

/**
 * How much slower than idle this machine runs now (at least 1): the bounds here catch work that
 * grows with the square of the input, 10–100× past them, not a machine shared with other jobs,
 * so a slow run is measured against a seed's check timed at that moment. Speed itself is the
 * benchmark's (npm run bench).
 */
export function slowness(): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    checkText(SEED_FOR_SPEED);
    best = Math.min(best, performance.now() - start);
  }
  return Math.max(1, best / IDLE_SEED_CHECK_MS);
}

function assertRange(text: string, range: { start: number; end: number }, what: string): void {
  assert.ok(
    Number.isInteger(range.start) && Number.isInteger(range.end) && range.start >= 0 && range.start <= range.end && range.end <= text.length,
    `${what}: range ${range.start}–${range.end} is not inside the text (length ${text.length})`,
  );
}

/**
 * Checks, without applyEdits, that `after` is `before` with exactly these edits: every stretch
 * between two edits is carried over unchanged (test/unit/fix.test.ts uses it too).
 */
export function assertOnlyEditsChanged(before: string, after: string, edits: readonly TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start);
  let source = 0;
  let target = 0;
  for (const edit of sorted) {
    const kept = before.slice(source, edit.range.start);
    assert.equal(after.slice(target, target + kept.length), kept, 'text between fixes changed');
    target += kept.length;
    assert.equal(after.slice(target, target + edit.newText.length), edit.newText, 'an edit was not applied as given');
    target += edit.newText.length;
    source = edit.range.end;
  }
  assert.equal(after.slice(target), before.slice(source), 'text after the last fix changed');
}

function describeFailures(result: CheckResult): string {
  return result.failures.map((f) => `${f.rule}: ${(f.error as Error)?.stack ?? String(f.error)}`).join('\n');
}

/** Runs checkText, timed; a slow run is retried once so a GC pause or a busy machine is not a failure. */
export function timedCheck(text: string, bound: number): CheckResult {
  let result: CheckResult | undefined;
  let best = Infinity;
  for (let attempt = 0; attempt < 2 && best > bound; attempt++) {
    if (attempt > 0) bound *= slowness();
    const start = performance.now();
    result = checkText(text);
    best = Math.min(best, performance.now() - start);
  }
  assert.ok(best <= bound, `checkText took ${best.toFixed(0)} ms, more than ${bound} ms (length ${text.length})`);
  return result!;
}

/** Safe-fixable findings of a text. */
function safeCount(text: string): number {
  return checkText(text).findings.filter((f) => f.fixes.some((x) => x.safety === 'safe')).length;
}

/** All core properties of one text. */
export function checkCore(text: string, options: { bound?: number; fixAll?: boolean } = {}): void {
  const result = timedCheck(text, options.bound ?? timeBound(text));
  assert.equal(result.failures.length, 0, `a rule threw:\n${describeFailures(result)}`);
  for (const finding of result.findings) {
    assertRange(text, finding.range, finding.rule);
    for (const related of finding.related) if (related.file === undefined) assertRange(text, related.range, `${finding.rule} related`);
    for (const fix of finding.fixes) {
      for (const edit of fix.edits) assertRange(text, edit.range, `${finding.rule} fix`);
      let fixed: string;
      try {
        fixed = applyEdits(text, fix.edits);
      } catch (error) {
        assert.fail(`${finding.rule}: fix “${fix.title.en}” does not apply: ${(error as Error).message}`);
      }
      assertOnlyEditsChanged(text, fixed, fix.edits);
    }
  }
  if (options.fixAll === false) return;
  const all = fixText(text);
  all.rounds.forEach((round, i) => {
    const after = all.rounds[i + 1]?.before ?? all.text;
    assertOnlyEditsChanged(round.before, after, round.edits);
  });
  // A fixpoint, always: a second fix-all (a second `--fix`) never changes the text again.
  assert.ok(all.rounds.length < MAX_FIX_ROUNDS, `fix-all hit MAX_FIX_ROUNDS: safe findings per round ${[...all.rounds.map((r) => safeCount(r.before)), safeCount(all.text)].join(', ')}`);
  const again = fixText(all.text);
  assert.equal(again.rounds.length, 0, `fix-all is not idempotent: a second run applied ${again.applied} more fixes (${checkText(all.text).findings.filter((f) => f.fixes.some((x) => x.safety === 'safe')).map((f) => f.rule).join(', ')})`);
  assert.equal(again.text, all.text, 'fix-all is not idempotent');
}

// ---------------------------------------------------------------------------------------------
// CLI properties

/** A file for the CLI: its text (written as UTF-8), or bytes (not UTF-8, or in another encoding). */
export type CliFile = { readonly text: string } | { readonly bytes: Uint8Array };

const INVALID_UTF8: readonly number[][] = [[0xff], [0xc0, 0x80], [0xe4, 0xb8], [0xed, 0xa0, 0x80], [0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xd5, 0xfe]];

/** Generated files for one CLI run; some (one in seven) not UTF-8, some (one in seven) in GB18030 or UTF-16. */
export const cliFilesArb: fc.Arbitrary<CliFile[]> = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: documentArb.map((text): CliFile => ({ text })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(mutatedSeedArb.map(mutatedText), fc.constantFrom('gb18030', 'utf-16le', 'utf-16be') as fc.Arbitrary<'gb18030' | 'utf-16le' | 'utf-16be'>)
        .map(([text, encoding]): CliFile => ({ bytes: encodeText(text.replace(/^\ufeff/, ''), { encoding, bom: encoding !== 'gb18030' }) })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(mutatedSeedArb.map(mutatedText), fc.nat(), fc.constantFrom(...INVALID_UTF8)).map(([text, at, bad]): CliFile => {
        const bytes = Buffer.from(text, 'utf8');
        const i = at % (bytes.length + 1);
        return { bytes: Buffer.concat([bytes.subarray(0, i), Buffer.from(bad), bytes.subarray(i)]) };
      }),
    },
  ),
  { minLength: 1, maxLength: 4 },
);

const JSON_FIELDS = ['file', 'rule', 'severity', 'line', 'column', 'endLine', 'endColumn', 'message', 'fixable'].sort();
const RULE_IDS = new Set(RULES.map((r) => r.id));
const CLI = join(ROOT, 'bin', 'nianbao.js');

function runCli(cwd: string, args: string[]): { status: number | null; stdout: string; stderr: string; ms: number } {
  const start = performance.now();
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, ms: performance.now() - start };
}

interface JsonFinding {
  readonly file: string;
  readonly rule: string;
  readonly severity: string;
  readonly fixable: string | null;
}

function parseCliJson(stdout: string, stderr: string, names: readonly string[], texts: ReadonlyMap<string, string>): JsonFinding[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    assert.fail(`stdout is not JSON: ${stdout.slice(0, 200)}\nstderr: ${stderr.slice(0, 2000)}`);
  }
  assert.ok(Array.isArray(parsed), 'stdout is not a JSON array');
  const lineCounts = new Map([...texts].map(([name, text]) => [name, text.split(/\r\n|\r|\n/).length]));
  for (const item of parsed as Record<string, unknown>[]) {
    assert.deepEqual(Object.keys(item).sort(), JSON_FIELDS, 'a finding lacks or adds fields');
    assert.ok(names.includes(item['file'] as string), `unknown file ${String(item['file'])}`);
    assert.ok(RULE_IDS.has(item['rule'] as string), `unknown rule ${String(item['rule'])}`);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(item['severity'] as string));
    assert.ok(['safe', 'unsafe', null].includes(item['fixable'] as string | null));
    assert.ok(typeof item['message'] === 'string' && item['message'].length > 0, 'empty message');
    const [line, column, endLine, endColumn] = (['line', 'column', 'endLine', 'endColumn'] as const).map((k) => item[k] as number);
    for (const n of [line!, column!, endLine!, endColumn!]) assert.ok(Number.isInteger(n) && n >= 1, 'lines and columns are 1-based integers');
    assert.ok(line! < endLine! || (line === endLine && column! <= endColumn!), 'the end is before the start');
    const lineCount = lineCounts.get(item['file'] as string)!;
    assert.ok(endLine! <= lineCount, `line ${endLine} is past the last line ${lineCount}`);
  }
  return parsed as JsonFinding[];
}

/**
 * Time bound of one CLI run: 5 s plus 50 µs a character (node starts and loads the bundle in
 * about 0.2 s; the check itself is as fast as in process).
 */
export function cliBound(files: readonly CliFile[]): number {
  return 5000 + 0.05 * files.reduce((n, f) => n + ('text' in f ? f.text.length : f.bytes.length), 0);
}

/** Runs `check --format json` (and `--fix`) on generated files in a fresh temporary folder. */
export function checkCli(files: readonly CliFile[], options: { fix?: boolean; bound?: number } = {}): void {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-robust-'));
  try {
    const names = files.map((_, i) => `f${i}.md`);
    const texts = new Map<string, string>();
    /** How each file that is text was read, and whether --fix may write it. */
    const read = new Map<string, { decoded: DecodedText; exact: boolean }>();
    files.forEach((file, i) => {
      if ('text' in file) writeFileSync(join(dir, names[i]!), file.text, 'utf8');
      else writeFileSync(join(dir, names[i]!), file.bytes);
      // What the CLI reads: the file decoded (a lone surrogate was written as U+FFFD), BOM dropped.
      const bytes = readFileSync(join(dir, names[i]!));
      const decoded = decodeText(bytes);
      if (!decoded) return;
      texts.set(names[i]!, decoded.text);
      read.set(names[i]!, { decoded, exact: writesBackExactly(bytes, decoded) });
    });
    const notText = names.some((name) => !texts.has(name));
    let bound = options.bound ?? cliBound(files);
    let check = runCli(dir, ['check', '--format', 'json', ...names]);
    // A slow run is retried once, against a bound scaled by how busy the machine is just then.
    if (check.ms > bound) {
      bound *= slowness();
      check = runCli(dir, ['check', '--format', 'json', ...names]);
    }
    assert.ok(check.ms <= bound, `the CLI took ${check.ms.toFixed(0)} ms, more than ${bound.toFixed(0)} ms`);
    assert.ok(check.status === 0 || check.status === 1 || check.status === 2, `exit status ${check.status}\n${check.stderr}`);
    const findings = parseCliJson(check.stdout, check.stderr, names, texts);
    const expected = notText ? 2 : findings.some((f) => f.severity === 'error') ? 1 : 0;
    assert.equal(check.status, expected, `exit status ${check.status}, expected ${expected}\n${check.stderr}`);
    for (const name of names) if (!texts.has(name)) assert.ok(!findings.some((f) => f.file === name), 'findings for a file that is not text');
    for (const [name, { decoded }] of read) {
      assert.equal(findings.filter((f) => f.file === name && f.rule === 'file-encoding').length, decoded.encoding === 'utf-8' ? 0 : 1, `file-encoding on ${name} (${decoded.encoding})`);
    }
    assert.ok(!/failed|出错/.test(check.stderr), `a rule failed: ${check.stderr}`);
    if (!options.fix) return;
    const fixed = runCli(dir, ['check', '--fix', '--format', 'json', ...names]);
    const fixedByCore = new Map([...texts].map(([name, text]) => [name, fixText(text)]));
    // A file that would not encode back to its bytes is not written when fix-all changes it.
    const unwritable = new Set([...read].filter(([name, r]) => !r.exact && fixedByCore.get(name)!.text !== r.decoded.text).map(([name]) => name));
    if (unwritable.size > 0) assert.equal(fixed.status, 2, `--fix exit status ${fixed.status} with a file it cannot write back\n${fixed.stderr}`);
    else assert.ok(fixed.status === expected || (expected !== 2 && (fixed.status === 0 || fixed.status === 1)), `--fix exit status ${fixed.status}\n${fixed.stderr}`);
    const after = new Map<string, string>();
    for (const name of texts.keys()) {
      const bytes = readFileSync(join(dir, name));
      const now = decodeText(bytes);
      const before = read.get(name)!.decoded;
      assert.ok(now, `--fix wrote ${name} in no encoding nianbao reads`);
      assert.deepEqual([now.encoding, now.bom], [before.encoding, before.bom], '--fix changed the encoding or dropped or added a byte order mark');
      after.set(name, now.text);
      if (unwritable.has(name)) {
        assert.equal(now.text, before.text, '--fix changed a file it cannot write back');
        continue;
      }
      assert.equal(after.get(name), fixedByCore.get(name)!.text, '--fix did not write what fix-all gives');
      const result = checkText(after.get(name)!);
      assert.equal(result.failures.length, 0, `a rule threw on the fixed file:\n${describeFailures(result)}`);
    }
    const fixedFindings = parseCliJson(fixed.stdout, fixed.stderr, names, after);
    for (const f of fixedFindings) {
      if (unwritable.has(f.file)) continue;
      if (fixedByCore.get(f.file)!.rounds.length < MAX_FIX_ROUNDS) assert.notEqual(f.fixable, 'safe', `a safe fix is left after --fix in ${f.file}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Server properties

function assertLspRange(document: TextDocument, range: Range, what: string): void {
  for (const p of [range.start, range.end]) {
    assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0, `${what}: negative position`);
    assert.ok(p.line < document.lineCount, `${what}: line ${p.line} is past the last line ${document.lineCount - 1}`);
    const back = document.positionAt(document.offsetAt(p));
    assert.deepEqual(back, p, `${what}: position ${p.line}:${p.character} is not inside its line`);
  }
  assert.ok(document.offsetAt(range.start) <= document.offsetAt(range.end), `${what}: the end is before the start`);
}

interface LspEdit {
  range: Range;
  newText: string;
}

function assertWorkspaceEdit(document: TextDocument, edit: unknown, what: string): void {
  const changes = (edit as { documentChanges?: { textDocument: { uri: string }; edits: LspEdit[] }[]; changes?: Record<string, LspEdit[]> } | undefined) ?? {};
  const lists = [
    ...(changes.documentChanges ?? []).filter((c) => c.textDocument.uri === document.uri).map((c) => c.edits),
    ...Object.values(changes.changes ?? {}),
  ];
  for (const edits of lists) {
    for (const e of edits) assertLspRange(document, e.range, what);
    TextDocument.applyEdits(document, edits);
  }
}

let documentCounter = 0;

/** Opens a document in the server, asks for every feature, checks the answers, and closes it. */
export async function checkServerDocument(client: TestClient, text: string): Promise<void> {
  const uri = `file:///robustness/doc-${++documentCounter}.md`;
  const document = TextDocument.create(uri, 'markdown', 1, text);
  await client.open(uri, text);
  try {
    const diagnostics: Diagnostic[] = await client.diagnostics(uri);
    for (const d of diagnostics) {
      assertLspRange(document, d.range, `diagnostic ${String(d.code)}`);
      for (const r of d.relatedInformation ?? []) if (r.location.uri === uri) assertLspRange(document, r.location.range, `related of ${String(d.code)}`);
    }
    const whole: Range = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics } })) as { edit?: unknown }[] | null;
    for (const action of actions ?? []) assertWorkspaceEdit(document, action.edit, 'code action');
    const fixAllActions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll.nianbao'] } })) as { edit?: unknown }[] | null;
    for (const action of fixAllActions ?? []) assertWorkspaceEdit(document, action.edit, 'fix-all');
    const formatting = (await client.connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as LspEdit[] | null;
    for (const e of formatting ?? []) assertLspRange(document, e.range, 'formatting');
    TextDocument.applyEdits(document, formatting ?? []);
    for (const offset of [0, text.length >> 1, text.length, ...diagnostics.slice(0, 3).map((d) => document.offsetAt(d.range.start))]) {
      await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: document.positionAt(offset) });
    }
    const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as { range: Range; selectionRange: Range }[] | null;
    const walk = (list: { range: Range; selectionRange: Range; children?: unknown[] }[]): void => {
      for (const s of list) {
        assertLspRange(document, s.range, 'symbol');
        assertLspRange(document, s.selectionRange, 'symbol selection');
        walk((s.children ?? []) as typeof list);
      }
    };
    walk(symbols ?? []);
    const folds = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as { startLine: number; endLine: number }[] | null;
    for (const f of folds ?? []) assert.ok(f.startLine >= 0 && f.startLine <= f.endLine && f.endLine < document.lineCount, 'folding range outside the document');
  } finally {
    await client.close(uri);
  }
}

/** A request's answer, or a rejection after `ms` (a request the server neither answers nor refuses). */
function answerWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function frame(body: string | Uint8Array): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

/** Malformed frames written straight to the server's stdin, each followed by a normal request. */
const MALFORMED_FRAMES: readonly { readonly name: string; readonly bytes: Buffer }[] = [
  { name: 'garbage with a valid Content-Length', bytes: frame('{not json!!}') },
  { name: 'binary garbage', bytes: frame(new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xed, 0xa0, 0x80])) },
  { name: 'a header with an empty body', bytes: frame('') },
  { name: 'JSON that is not JSON-RPC', bytes: frame('{"hello":1}') },
  { name: 'a JSON array', bytes: frame('[1,2,3]') },
  { name: 'JSON null', bytes: frame('null') },
  { name: 'a method that is a number', bytes: frame('{"jsonrpc":"2.0","id":"m1","method":5}') },
  { name: 'a response nobody asked for', bytes: frame('{"jsonrpc":"2.0","id":"m2","result":{}}') },
  { name: 'a request with wrong parameter types', bytes: frame('{"jsonrpc":"2.0","id":"m3","method":"textDocument/diagnostic","params":{"textDocument":5}}') },
  { name: 'didOpen whose text is a number', bytes: frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///robustness/number.md","languageId":"markdown","version":1,"text":42}}}') },
  { name: 'didOpen without parameters', bytes: frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":null}') },
  { name: 'didChange of an unknown document', bytes: frame('{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///robustness/none.md","version":2},"contentChanges":[{"text":"x"}]}}') },
  { name: 'didClose of an unknown document', bytes: frame('{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///robustness/none.md"}}}') },
  { name: 'cancel of an unknown request', bytes: frame('{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":123456}}') },
  { name: 'an unknown notification', bytes: frame('{"jsonrpc":"2.0","method":"no/such/notification","params":[1]}') },
];

/** Requests with wrong parameters or for unknown documents: each must be answered (a result or an error). */
function oddRequests(known: string): [string, unknown][] {
  const nowhere = 'file:///robustness/never-opened.md';
  const origin = { line: 0, character: 0 };
  return [
    ['no/such/method', {}],
    ['textDocument/hover', { textDocument: { uri: 7 }, position: 'x' }],
    ['textDocument/hover', { textDocument: { uri: known }, position: { line: 'a', character: null } }],
    ['textDocument/hover', { textDocument: { uri: known }, position: { line: 1e9, character: -5 } }],
    ['textDocument/codeAction', { textDocument: { uri: known }, range: null, context: null }],
    ['textDocument/codeAction', { textDocument: { uri: known }, range: { start: origin, end: origin }, context: { diagnostics: [{ data: 'x', range: null }] } }],
    ['textDocument/formatting', { textDocument: {} }],
    ['textDocument/documentSymbol', null],
    ['textDocument/foldingRange', 5],
    ['workspace/executeCommand', { command: 'nianbao.fixAll', arguments: [{}, 'x'] }],
    ['workspace/executeCommand', { command: 'no.such.command', arguments: null }],
    ['nianbao/template', { kind: 'table9', format: '1999' }],
    ['nianbao/template', null],
    ['nianbao/template', { kind: 'skeleton', year: 'abc', body: 5 }],
    ['textDocument/diagnostic', { textDocument: { uri: nowhere } }],
    ['textDocument/codeAction', { textDocument: { uri: nowhere }, range: { start: origin, end: origin }, context: { diagnostics: [] } }],
    ['textDocument/hover', { textDocument: { uri: nowhere }, position: origin }],
    ['textDocument/formatting', { textDocument: { uri: nowhere }, options: { tabSize: 2, insertSpaces: true } }],
    ['textDocument/documentSymbol', { textDocument: { uri: nowhere } }],
    ['textDocument/foldingRange', { textDocument: { uri: nowhere } }],
    ['textDocument/diagnostic', { textDocument: { uri: 'file:///robustness/number.md' } }],
  ];
}

/**
 * Sends malformed messages and odd requests to a server started with TestClient.stdio() and
 * checks after each that it is alive and answers a diagnostic request for `known` as before.
 */
export async function checkMalformedMessages(client: TestClient, known: string): Promise<void> {
  const child = (client as unknown as { child: ChildProcess }).child;
  const write = (bytes: Buffer): Promise<void> => new Promise((resolve, reject) => child.stdin!.write(bytes, (error) => (error ? reject(error) : resolve())));
  const expected = (await client.diagnostics(known)).length;
  const stillWorks = async (after: string): Promise<void> => {
    const items = await answerWithin(client.diagnostics(known), 10_000, `a diagnostic request after ${after}`);
    assert.equal(items.length, expected, `diagnostics changed after ${after}`);
    assert.equal(child.exitCode, null, `the server exited after ${after}`);
  };
  for (const { name, bytes } of MALFORMED_FRAMES) {
    await write(bytes);
    await stillWorks(name);
  }
  // A header block without a (numeric) Content-Length is dropped, but vscode-jsonrpc reads what
  // follows only when more bytes arrive: the next message is answered once another one comes.
  for (const header of ['Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n', 'Content-Length: lots\r\n\r\n']) {
    await write(Buffer.from(header));
    const pending = client.diagnostics(known);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await write(frame('{"jsonrpc":"2.0","method":"no/such/notification"}'));
    assert.equal((await answerWithin(pending, 10_000, `a request after the header ${JSON.stringify(header)}`)).length, expected);
  }
  // A header whose body comes late, in pieces, and is garbage.
  await write(Buffer.from('Content-Length: 40\r\n\r\n'));
  await new Promise((resolve) => setTimeout(resolve, 100));
  await write(Buffer.from('x'.repeat(15)));
  await new Promise((resolve) => setTimeout(resolve, 50));
  await write(Buffer.from('y'.repeat(25)));
  await stillWorks('a header whose body came late');
  for (const [method, params] of oddRequests(known)) {
    await answerWithin(client.connection.sendRequest(method, params).catch(() => undefined), 10_000, method);
    await stillWorks(`${method} ${JSON.stringify(params)}`);
  }
}

/** Stops a server started with TestClient.stdio(); kills it if it does not shut down within 10 s. */
export async function stopServer(client: TestClient): Promise<void> {
  const child = (client as unknown as { child: ChildProcess }).child;
  try {
    await answerWithin(client.stop(), 10_000, 'shutdown');
  } catch (error) {
    child.kill();
    client.connection.dispose();
    throw error;
  }
}
