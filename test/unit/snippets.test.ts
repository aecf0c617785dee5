/**
 * The snippets (snippets/markdown.json), generated from the format data by scripts/generate.ts:
 * the checked-in file is what the generator gives (drift); every snippet is expanded with its
 * default values and checked — a skeleton is a report with every section and table of its
 * format and its default year, a table put into a clean report of its format in place of that
 * report's own table gives no table-shape, format-version, label, value or arithmetic finding.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { CURRENT_FORMAT, DEFAULT_BODY, DEFAULT_YEAR, OUTPUTS, buildSnippets, escapeSnippet, serialize, staleOutputs, type Snippet } from '../../scripts/generate.js';
import { checkText, type CheckResult } from '../../server/src/core/index.js';
import { FORMAT_IDS, FORMAT_NOTICES, formatName, type FormatId, type TableId } from '../../server/src/core/formats/index.js';
import { numericValue } from '../../server/src/core/model/cell-value.js';
import { FIXTURES, ROOT, describeFindings } from './helpers.js';

const SNIPPETS_FILE = join(ROOT, 'snippets', 'markdown.json');

/** A snippet body expanded with its default values, and the tabstops it has. */
interface Expansion {
  readonly text: string;
  /** Tabstop number → default text (as expanded). */
  readonly tabstops: ReadonlyMap<number, string>;
}

/**
 * Expands a VS Code snippet body with its defaults: `${n:default}` → default, `$n` and `${n}` →
 * '', `\$` `\}` `\\` → the character. Anything else the snippet syntax gives a meaning to
 * (variables, choices, an unescaped `$` or `}`) is an error: the generator writes none of it.
 */
function expandSnippet(body: readonly string[]): Expansion {
  const source = body.join('\n');
  const tabstops = new Map<number, string>();
  let pos = 0;

  const record = (n: number, value: string): void => {
    const known = tabstops.get(n);
    assert.ok(known === undefined || known === value || value === '', `tabstop ${n} has two defaults: “${known}” and “${value}”`);
    if (known === undefined || known === '') tabstops.set(n, value);
  };

  /** Reads text up to an unescaped `}` (inside a placeholder) or the end. */
  const readText = (inPlaceholder: boolean): string => {
    let out = '';
    while (pos < source.length) {
      const ch = source[pos]!;
      if (ch === '\\' && pos + 1 < source.length && '$}\\'.includes(source[pos + 1]!)) {
        out += source[pos + 1];
        pos += 2;
      } else if (ch === '}') {
        assert.ok(inPlaceholder, `unescaped } at ${pos}: ${source.slice(pos - 20, pos + 20)}`);
        return out;
      } else if (ch === '$') {
        out += readTabstop();
      } else {
        out += ch;
        pos += 1;
      }
    }
    assert.ok(!inPlaceholder, 'unterminated placeholder');
    return out;
  };

  const readTabstop = (): string => {
    const rest = source.slice(pos);
    const plain = /^\$(\d+)/.exec(rest) ?? /^\$\{(\d+)\}/.exec(rest);
    if (plain) {
      pos += plain[0].length;
      record(Number(plain[1]), '');
      return '';
    }
    const open = /^\$\{(\d+):/.exec(rest);
    assert.ok(open, `unexpected snippet syntax at ${pos}: ${rest.slice(0, 30)}`);
    pos += open[0].length;
    const value = readText(true);
    pos += 1; // the closing }
    record(Number(open[1]), value);
    return value;
  };

  return { text: readText(false), tabstops };
}

/** What a snippet inserts, by its ASCII prefixes: `nb-table3-2019` → table3 in 2019. */
interface Kind {
  readonly what: TableId | 'report';
  readonly format: FormatId;
}

function kindsOf(snippet: Snippet): Kind[] {
  const kinds: Kind[] = [];
  for (const prefix of snippet.prefix) {
    const m = /^nb-(table[234]|report)(?:-(\d{4}))?$/.exec(prefix);
    if (!m) continue;
    const format = (m[2] ?? CURRENT_FORMAT) as FormatId;
    assert.ok(FORMAT_IDS.includes(format), prefix);
    if (!kinds.some((k) => k.what === m[1] && k.format === format)) kinds.push({ what: m[1] as Kind['what'], format });
  }
  return kinds;
}

const ZH_TABLE: Readonly<Record<Kind['what'], string>> = { table2: '年报表二', table3: '年报表三', table4: '年报表四', report: '年报模板' };
const ASCII: Readonly<Record<Kind['what'], string>> = { table2: 'nb-table2', table3: 'nb-table3', table4: 'nb-table4', report: 'nb-report' };

/** The findings a standard table must not give when it is right. */
const TABLE_RULES = ['table-shape', 'format-version', 'row-total', 'results-total', 'balance', 'review-total', 'table-label', 'cell-value'];

/** A clean report of each format (seed 000 has findings of its own, none from its tables). */
const SEEDS: Readonly<Record<FormatId, string>> = {
  '2019': join(FIXTURES, 'seeds', 'seed-000-luhu-2020.md'),
  '2021': join(FIXTURES, 'seeds', 'seed-004-xigang-2022.md'),
};

const snippets = buildSnippets();
const entries = Object.entries(snippets);

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;
const ruleList = (result: CheckResult): string[] => result.findings.map((f) => f.rule).sort();

describe('snippets file', () => {
  it('is the file the format data gives (run `node --import tsx scripts/generate.ts` if not)', () => {
    const onDisk = readFileSync(SNIPPETS_FILE, 'utf8');
    assert.deepEqual(JSON.parse(onDisk), snippets);
    assert.equal(onDisk, serialize(snippets), 'written with 2-space indent, a final newline and keys in the generator’s order');
  });

  it('--check passes on the checked-in files and names a stale one', () => {
    assert.deepEqual(staleOutputs(), []);
    const root = mkdtempSync(join(tmpdir(), 'nianbao-generate-'));
    try {
      for (const output of OUTPUTS) {
        mkdirSync(dirname(join(root, output.path)), { recursive: true });
        writeFileSync(join(root, output.path), serialize(output.build()));
      }
      assert.deepEqual(staleOutputs(root), []);
      writeFileSync(join(root, 'snippets', 'markdown.json'), '{}\n');
      assert.deepEqual(staleOutputs(root), ['snippets/markdown.json']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'generate.ts'), '--check'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  it('escapes $, } and \\ in bodies', () => {
    assert.equal(escapeSnippet('a$b}c\\d'), 'a\\$b\\}c\\\\d');
    assert.deepEqual(expandSnippet(['${1:x\\}y} \\$2 \\\\ $3 ${4}']).text, 'x}y $2 \\  ');
  });
});

describe('prefixes and descriptions', () => {
  it('has a Chinese and an ASCII prefix for every table and the skeleton of every format', () => {
    const all = entries.flatMap(([, s]) => s.prefix);
    assert.equal(new Set(all).size, all.length, 'no prefix is used twice');
    for (const what of ['table2', 'table3', 'table4', 'report'] as const) {
      for (const format of FORMAT_IDS) {
        const owners = entries.filter(([, s]) => s.prefix.includes(`${ASCII[what]}-${format}`));
        assert.equal(owners.length, 1, `${ASCII[what]}-${format}`);
        const [, snippet] = owners[0]!;
        assert.ok(snippet.prefix.includes(`${ZH_TABLE[what]}${format}`), `${ZH_TABLE[what]}${format}`);
        assert.ok(snippet.description.includes(formatName(format).zh), `${snippet.description} names ${formatName(format).zh}`);
        assert.ok(snippet.description.includes(FORMAT_NOTICES[format].citation), `${snippet.description} cites ${FORMAT_NOTICES[format].citation}`);
      }
      // The unsuffixed prefixes give the current (2021) format.
      const current = entries.find(([, s]) => s.prefix.includes(ASCII[what]))?.[1];
      assert.ok(current, ASCII[what]);
      assert.ok(current.prefix.includes(ZH_TABLE[what]), ZH_TABLE[what]);
      assert.ok(current.prefix.includes(`${ASCII[what]}-${CURRENT_FORMAT}`), `${ASCII[what]} gives the ${CURRENT_FORMAT} format`);
      assert.ok(current.description.includes(formatName(CURRENT_FORMAT).zh));
    }
  });

  it('are all listed in snippets/README.md', () => {
    const readme = readFileSync(join(ROOT, 'snippets', 'README.md'), 'utf8');
    for (const [, snippet] of entries) for (const prefix of snippet.prefix) assert.ok(readme.includes(`\`${prefix}\``), prefix);
  });

  it('has descriptions in Chinese and few tabstops', () => {
    for (const [name, snippet] of entries) {
      assert.match(snippet.description, /^[表政]/, name);
      const { tabstops } = expandSnippet(snippet.body);
      assert.ok(tabstops.size >= 1 && tabstops.size <= 50, `${name}: ${tabstops.size} tabstops`);
      assert.deepEqual([...tabstops.keys()].sort((a, b) => a - b), [...tabstops.keys()].map((_, i) => i + 1), `${name}: tabstops numbered 1…n`);
    }
  });
});

describe('skeletons expanded with their defaults', () => {
  for (const [name, snippet] of entries) {
    for (const kind of kindsOf(snippet).filter((k) => k.what === 'report')) {
      it(`${name} (${kind.format}) is a whole report of its format and year`, () => {
        const { text, tabstops } = expandSnippet(snippet.body);
        assert.equal(tabstops.get(1), DEFAULT_BODY);
        assert.equal(tabstops.get(2), String(DEFAULT_YEAR[kind.format]));
        assert.ok(text.includes(`${DEFAULT_YEAR[kind.format]}年1月1日起至${DEFAULT_YEAR[kind.format]}年12月31日止`), 'the 统计期限 uses the year tabstop');
        const result = checkText(text);
        const report = result.report;
        assert.deepEqual(result.failures, []);
        const missing = result.findings.filter((f) => f.rule === 'missing-section' || f.rule === 'missing-table');
        assert.deepEqual(missing, [], describeFindings(result));
        // Blank is not zero (issue 20): each table is one finding saying it must be filled, each
        // free-text section one placeholder finding; nothing else, and never a clean report.
        const tableFindings = result.findings.filter((f) => TABLE_RULES.includes(f.rule));
        assert.deepEqual(tableFindings.map((f) => f.rule), ['cell-value', 'cell-value', 'cell-value'], describeFindings(result));
        for (const f of tableFindings) assert.match(f.message.zh, /未填写.*没有的填 0/);
        for (const table of Object.values(report.tables)) for (const cell of table!.cells.values()) assert.equal(cell.value.type, 'empty');
        const left = result.findings.filter((f) => f.rule === 'placeholder').map((f) => f.message.zh);
        assert.deepEqual(left.map((m) => /^“(.)、/.exec(m)?.[1]), ['一', '五', '六'], describeFindings(result));
        assert.deepEqual(result.findings.filter((f) => !TABLE_RULES.includes(f.rule) && f.rule !== 'placeholder'), [], describeFindings(result));
        assert.equal(report.year.year, DEFAULT_YEAR[kind.format]);
        assert.equal(report.requiredFormat, kind.format);
        assert.equal(report.tablesFormat, kind.format);
        assert.deepEqual(Object.keys(report.tables).sort(), ['table2', 'table3', 'table4']);
        assert.equal(report.sections.sections.length, 6);
        assert.equal(report.isAnnualReport, true);
      });
    }
  }
});

describe('tables expanded with their defaults, in a clean report of their format', () => {
  for (const [name, snippet] of entries) {
    for (const kind of kindsOf(snippet).filter((k): k is Kind & { what: TableId } => k.what !== 'report')) {
      it(`${name} (${kind.format}) replaces the table of a ${kind.format} report, blank: one finding that it is to be filled`, () => {
        const table = kind.what;
        const seed = readFileSync(SEEDS[kind.format], 'utf8');
        const original = checkText(seed);
        assert.equal(original.report.tablesFormat, kind.format);
        const own = original.report.tables[table];
        assert.ok(own, `the seed has its own ${table}`);
        assert.deepEqual(original.findings.filter((f) => TABLE_RULES.includes(f.rule)), [], 'the seed’s tables are clean');

        const { text: inserted } = expandSnippet(snippet.body);
        const text = seed.slice(0, own.range.start) + inserted + seed.slice(own.range.end);
        const insertedRange = { start: own.range.start, end: own.range.start + inserted.length };
        const result = checkText(text);
        assert.deepEqual(result.failures, []);

        const observed = result.report.tables[table];
        assert.ok(observed, `${table} is read back`);
        assert.ok(overlaps(observed.range, insertedRange), 'the table read back is the inserted one');
        assert.ok(observed.usedFormat === kind.format || (observed.usedFormat === 'common' && table === 'table4'), `${table} is read as ${observed.usedFormat}`);
        assert.equal(result.report.tablesFormat, kind.format);
        assert.deepEqual(observed.unknownRows, []);
        assert.deepEqual(observed.duplicateRows, []);
        // Blank is not zero (issue 20): every cell left for the author, the table listed as unfilled.
        for (const cell of observed.cells.values()) assert.equal(numericValue(cell.value), undefined, `${cell.row}|${cell.column}`);

        const fromTable = result.findings.filter((f) => TABLE_RULES.includes(f.rule) && overlaps(f.range, insertedRange));
        assert.deepEqual(fromTable.map((f) => f.rule), ['cell-value'], describeFindings(result));
        assert.match(fromTable[0]!.message.zh, /未填写.*没有的填 0/);
        // Nothing else changed: the report's other findings are those of the unmodified seed —
        // except where its text states figures that the blank table no longer shows.
        const textVsTable = new Set(['prose-table', 'text-contradiction']);
        const withoutText = (r: CheckResult) => ruleList(r).filter((rule) => !textVsTable.has(rule));
        assert.deepEqual(withoutText(result), [...withoutText(original), 'cell-value'].sort(), describeFindings(result));
      });
    }
  }
});

describe('the harness catches a wrong table', () => {
  it('a 2019 表三 in a 2021 report gives format-version findings inside the inserted table', () => {
    const seed = readFileSync(SEEDS['2021'], 'utf8');
    const own = checkText(seed).report.tables.table3!;
    const wrong = entries.find(([, s]) => s.prefix.includes('nb-table3-2019'))![1];
    const { text: inserted } = expandSnippet(wrong.body);
    const result = checkText(seed.slice(0, own.range.start) + inserted + seed.slice(own.range.end));
    const insertedRange = { start: own.range.start, end: own.range.start + inserted.length };
    assert.ok(result.findings.some((f) => f.rule === 'format-version' && overlaps(f.range, insertedRange)), describeFindings(result));
  });
});
