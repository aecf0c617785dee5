/**
 * `nianbao next` (issue 11, item 3): next year's draft from last year's report — the core
 * (core/next-year.ts) on every seed and real report, the built CLI, and the server command.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { buildReport, checkReport, findPrevious, formats, nextYearDraft, PREVIOUS_YEAR_MARK, type Report } from '../../server/src/core/index.js';
import { defaultNextPath } from '../../server/src/cli/next.js';
import { FIXTURES, ROOT } from './helpers.js';
import { PULL_CAPABILITIES, TestClient } from './lsp-client.js';

const BIN = join(ROOT, 'bin', 'nianbao.js');
const REPORTS = [
  ...readdirSync(join(FIXTURES, 'seeds')).filter((f) => /^seed-.*\.md$/.test(f)).map((f) => join(FIXTURES, 'seeds', f)),
  ...readdirSync(join(FIXTURES, 'real')).filter((f) => f.endsWith('.md')).map((f) => join(FIXTURES, 'real', f)),
];
const read = (path: string): string => readFileSync(path, 'utf8');
const SEED = (name: string): string => join(FIXTURES, 'seeds', `${name}.md`);

function draftOf(text: string): { report: Report; draft: Report; text: string } {
  const report = buildReport(text);
  const result = nextYearDraft(report);
  assert.ok(!('error' in result), 'error' in result ? result.error.zh : '');
  return { report, draft: buildReport(result.text), text: result.text };
}

function nianbao(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('next year’s draft (core)', () => {
  assert.ok(REPORTS.length >= 8);
  for (const path of REPORTS) {
    const name = path.split('/').pop()!;
    it(`${name}: the next year, in its format, carry-over by construction, every other figure blank`, () => {
      const { report, draft, text } = draftOf(read(path));
      const year = report.year.year!;
      assert.equal(draft.year.year, year + 1);
      assert.equal(draft.title?.text.includes(`${year + 1}年`), true, draft.title?.text);
      const format = formats.requiredFormat(year + 1);
      assert.equal(draft.requiredFormat, format);
      assert.equal(draft.tablesFormat, format);
      for (const id of ['table2', 'table3', 'table4'] as const) {
        const table = draft.tables[id];
        assert.ok(table, `${id} is read`);
        assert.ok(table.usedFormat === format || table.usedFormat === 'common', `${id}: ${table.usedFormat}`);
        assert.equal(table.unknownRows.length, 0);
      }
      assert.equal(draft.year.period?.start.year, year + 1);
      assert.equal(draft.year.period?.end.year, year + 1);
      // The six standard headings, in order.
      assert.deepEqual(
        draft.sections.sections.map((s) => `${s.def.index}:${s.wording}`),
        ['1:standard', '2:standard', '3:standard', '4:standard', '5:standard', '6:standard'],
      );
      // Carry-over: 二、上年结转 = last year's 四, column by column; the rule agrees.
      const before = report.tables.table3;
      for (const column of formats.TABLE3_COLUMNS) {
        const carried = draft.tables.table3!.cells.get(`carried|${column.key}`)!;
        const next = before?.cells.get(`next|${column.key}`);
        if (next?.value.type === 'number') assert.equal(carried.text.trim(), next.value.text, column.key);
        else assert.equal(carried.value.type, 'empty', column.key);
      }
      const previous = { file: name, report };
      assert.equal(findPrevious(draft, [previous]), previous, 'the draft is linked to last year’s report');
      const findings = checkReport(draft, { previous: findPrevious(draft, [previous]) }).findings;
      assert.deepEqual(findings.filter((f) => f.rule === 'carryover'), []);
      // Every other cell blank: never 0 by default.
      for (const table of Object.values(draft.tables)) {
        for (const cell of table!.cells.values()) {
          if (table!.id === 'table3' && cell.row === 'carried') continue;
          assert.equal(cell.value.type, 'empty', `${table!.id} ${cell.row}|${cell.column}: “${cell.text}”`);
        }
      }
      // Only what is left to fill is reported: blank cells, and the placeholder of a 2021-format 六
      // (the 信息处理费 sentence with its ＿ blanks, issue 20); last year's quoted text raises nothing.
      assert.deepEqual([...new Set(findings.map((f) => f.rule))].filter((r) => r !== 'cell-value' && r !== 'placeholder'), []);
      for (const f of findings.filter((x) => x.rule === 'placeholder')) assert.match(f.message.zh, /^“六、其他需要报告的事项”中尚未填写/);
      // Last year's prose is kept, quoted and marked.
      assert.ok(text.includes(`> ${PREVIOUS_YEAR_MARK}`));
      // 表二 现行有效件数: a note of last year's figure.
      if (format === '2021') assert.match(text, /<!-- 上年“现行有效件数”|<!-- 上年报告/);
    });
  }

  it('turns a 2020 report in the 2019 format into 2021-format tables', () => {
    const path = SEED('seed-000-luhu-2020');
    const { report, draft, text } = draftOf(read(path));
    assert.equal(report.tablesFormat, '2019');
    assert.equal(draft.tablesFormat, '2021');
    assert.ok(draft.tables.table2!.present.has('i1.valid'));
    assert.ok(!draft.tables.table2!.present.has('i9'));
    assert.match(text, /上年报告为2019版格式，没有“现行有效件数”一栏/);
  });

  it('gives last year’s 现行有效件数 per row in a note', () => {
    const { report, text } = draftOf(read(SEED('seed-002-gulou-2021')));
    const t2 = report.tables.table2!;
    const regulation = t2.cells.get('i1.regulation|i1.valid')!.text.trim();
    const normative = t2.cells.get('i1.normative|i1.valid')!.text.trim();
    assert.ok(text.includes(`<!-- 上年“现行有效件数”：规章 ${regulation}；行政规范性文件 ${normative}。`), text);
  });

  it('keeps the 2019 format for a 2019 report (next year 2020)', () => {
    const text = read(SEED('seed-003-sikou-2020')).replaceAll('2020年', '2019年');
    const { report, draft } = draftOf(text);
    assert.equal(report.year.year, 2019);
    assert.equal(draft.year.year, 2020);
    assert.equal(draft.tablesFormat, '2019');
  });

  it('replaces the 2019 notice by the 2021 one when the new year needs the 2021 format', () => {
    const source = read(SEED('seed-000-luhu-2020')).replace('报告中所列数据统计期限', '本报告依据《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2019〕60号）编制。报告中所列数据统计期限');
    const { draft, text } = draftOf(source);
    assert.ok(!text.includes('60号'));
    assert.ok(text.includes(formats.FORMAT_NOTICES['2021'].citation));
    assert.deepEqual(checkReport(draft).findings.filter((f) => f.rule === 'format-citation'), []);
  });

  it('writes the standard 统计期限 sentence when last year had none', () => {
    const source = read(SEED('seed-000-luhu-2020')).replace(/报告中所列数据统计期限[^。]*。/, '');
    const { draft } = draftOf(source);
    assert.equal(draft.year.period?.start.year, 2021);
  });

  it('keeps the line breaks of the report, and does not quote an unrewritten quote twice', () => {
    const lf = read(SEED('seed-000-luhu-2020')).replace(/\r\n/g, '\n');
    const first = draftOf(lf).text;
    assert.equal(draftOf(lf.replace(/\n/g, '\r\n')).text, first.replace(/\n/g, '\r\n'));
    const second = draftOf(first);
    assert.equal(second.draft.year.year, 2022);
    assert.ok(!second.text.includes('> >'));
    assert.equal(second.text.split(PREVIOUS_YEAR_MARK).length, first.split(PREVIOUS_YEAR_MARK).length);
  });

  it('refuses a report whose year cannot be read', () => {
    const result = nextYearDraft(buildReport('# 某某街道政府信息公开工作年度报告\n\n## 一、总体情况\n\n无。\n'));
    assert.ok('error' in result);
    assert.match(result.error.zh, /年度/);
    assert.match(result.error.en, /year/);
  });

  it('refuses a year outside 2008–2100 with a message (issue 18: 1900 made a draft for 1901)', () => {
    const gulou = read(SEED('seed-002-gulou-2021'));
    for (const year of ['1900', '2007']) {
      const result = nextYearDraft(buildReport(gulou.replace(/2021年/g, `${year}年`)));
      assert.ok('error' in result, year);
      assert.match(result.error.zh, new RegExp(`报告年度读作 ${year} 年，下一年度 ${Number(year) + 1} 年不在 2009—2100 年之间`), year);
    }
    // Years past 2100 are not even read as report years; either way no draft is made.
    for (const year of ['2100', '2300']) assert.ok('error' in nextYearDraft(buildReport(gulou.replace(/2021年/g, `${year}年`))), year);
    for (const year of ['2008', '2099']) assert.ok(!('error' in nextYearDraft(buildReport(gulou.replace(/2021年/g, `${year}年`)))), year);
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-next-years-'));
    writeFileSync(join(dir, 'old-1900.md'), gulou.replace(/2021年/g, '1900年'));
    const run = nianbao(['next', 'old-1900.md'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /不在 2009—2100 年之间/);
    assert.deepEqual(readdirSync(dir), ['old-1900.md']);
  });

  it('a carried figure changed by hand is then reported by carryover', () => {
    const { report, text } = draftOf(read(join(FIXTURES, 'real', '2023_huaian-hongzequ.md')));
    const next = report.tables.table3!.cells.get('next|total')!;
    assert.equal(next.value.type, 'number');
    const line = text.split('\n').find((l) => l.includes(formats.TABLE3_ROWS.find((r) => r.key === 'carried')!.label as string))!;
    const cells = line.split('|');
    cells[cells.length - 2] = ` ${Number(next.text) + 1} `;
    const changed = buildReport(text.replace(line, cells.join('|')));
    assert.equal(checkReport(changed, { previous: findPrevious(changed, [{ file: 'last.md', report }]) }).findings.filter((f) => f.rule === 'carryover').length, 1);
  });
});

describe('nianbao next (CLI)', () => {
  it('names the default output after the new year', () => {
    assert.equal(defaultNextPath(join('a', 'luhu-2020.md'), 2020, 2021), join('a', 'luhu-2021.md'));
    assert.equal(defaultNextPath(join('a', '2023_huaian.md'), 2023, 2024), join('a', '2024_huaian.md'));
    assert.equal(defaultNextPath('report.md', 2020, 2021), 'report-2021.md');
    assert.equal(defaultNextPath('r12020.md', 2020, 2021), 'r12020-2021.md');
  });

  it('writes the draft beside the input, refuses to overwrite it without --force, and exits 2 on bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-next-'));
    copyFileSync(SEED('seed-000-luhu-2020'), join(dir, 'luhu-2020.md'));
    const first = nianbao(['next', 'luhu-2020.md'], dir);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /luhu-2021\.md/);
    const written = read(join(dir, 'luhu-2021.md'));
    assert.equal(buildReport(written).year.year, 2021);
    assert.deepEqual(readdirSync(dir).sort(), ['luhu-2020.md', 'luhu-2021.md']);

    writeFileSync(join(dir, 'luhu-2021.md'), 'mine');
    const again = nianbao(['next', 'luhu-2020.md'], dir);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /已存在/);
    assert.equal(read(join(dir, 'luhu-2021.md')), 'mine');
    const forced = nianbao(['next', 'luhu-2020.md', '--force'], dir);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(read(join(dir, 'luhu-2021.md')), written);

    const named = nianbao(['next', 'luhu-2020.md', '-o', 'out.md'], dir);
    assert.equal(named.status, 0, named.stderr);
    assert.equal(read(join(dir, 'out.md')), written);
    const piped = nianbao(['next', 'luhu-2020.md', '-o', '-'], dir);
    assert.equal(piped.status, 0);
    assert.equal(piped.stdout, written);

    writeFileSync(join(dir, 'no-year.md'), '# 某某街道政府信息公开工作年度报告\n\n## 一、总体情况\n\n无。\n');
    const noYear = nianbao(['next', 'no-year.md'], dir);
    assert.equal(noYear.status, 2);
    assert.match(noYear.stderr, /未写入任何文件/);
    assert.equal(nianbao(['next', 'missing.md'], dir).status, 2);
    assert.equal(nianbao(['next'], dir).status, 2);
    assert.equal(nianbao(['next', 'a.md', 'b.md'], dir).status, 2);
    assert.equal(nianbao(['next', '--bogus', 'luhu-2020.md'], dir).status, 2);
    assert.deepEqual(readdirSync(dir).sort(), ['luhu-2020.md', 'luhu-2021.md', 'no-year.md', 'out.md']);
    assert.equal(nianbao(['next', '--help'], dir).status, 0);
  });

  it('never writes through a symbolic link at the default output path, even with --force (issue 18)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-next-link-'));
    copyFileSync(SEED('seed-000-luhu-2020'), join(dir, 'luhu-2020.md'));
    writeFileSync(join(dir, 'elsewhere.md'), '别处的文件\n');
    symlinkSync('elsewhere.md', join(dir, 'luhu-2021.md'));
    for (const args of [['next', 'luhu-2020.md'], ['next', '--force', 'luhu-2020.md']]) {
      const run = nianbao(args, dir);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /已存在，未写入|是符号链接，未写入/, args.join(' '));
    }
    assert.equal(readFileSync(join(dir, 'elsewhere.md'), 'utf8'), '别处的文件\n');
    assert.equal(nianbao(['next', '--force', 'luhu-2020.md', '-o', 'luhu-2021.md'], dir).status, 0);
    assert.match(readFileSync(join(dir, 'elsewhere.md'), 'utf8'), /2021/);
  });

  it('reads a GB18030 report with the shared decoder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-next-'));
    const source = read(SEED('seed-002-gulou-2021'));
    writeFileSync(join(dir, 'gulou.md'), iconv.encode(source, 'gb18030'));
    const run = nianbao(['next', 'gulou.md'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(existsSync(join(dir, 'gulou-2022.md')));
    const expected = nextYearDraft(buildReport(source));
    assert.ok(!('error' in expected));
    assert.equal(read(join(dir, 'gulou-2022.md')), expected.text);
  });
});

for (const [mode, start] of [
  ['over stdio', async () => TestClient.stdio()],
  ['in process', async () => TestClient.inProcess()],
] as const) {
  describe(`language server ${mode}: next year’s draft`, () => {
    let client: TestClient;
    before(async () => {
      client = await start();
      await client.initialize(PULL_CAPABILITIES);
    });
    after(async () => client.stop());

    it('returns the draft of the open report through workspace/executeCommand, and an error otherwise', async () => {
      const uri = 'file:///reports/luhu-2020.md';
      const text = read(SEED('seed-000-luhu-2020'));
      await client.open(uri, text);
      const result = (await client.connection.sendRequest('workspace/executeCommand', { command: 'nianbao.server.nextYear', arguments: [uri] })) as {
        text: string;
        year: number;
        format: string;
        fileName: string;
      };
      const expected = nextYearDraft(buildReport(text));
      assert.ok(!('error' in expected));
      // Save As offers <年度>-<机关>.md (issue 20).
      assert.deepEqual(result, { text: expected.text, year: 2021, format: '2021', fileName: '2021-高青县芦湖街道.md' });
      assert.equal(client.applied.length, 0, 'nothing is edited');
      await client.close(uri);

      const closed = (await client.connection.sendRequest('workspace/executeCommand', { command: 'nianbao.server.nextYear', arguments: [uri] })) as { error: string };
      assert.equal(closed.error, '请先在编辑器中打开上一年度的报告。');
      const noYear = 'file:///reports/no-year.md';
      await client.open(noYear, '# 某某街道政府信息公开工作年度报告\n\n## 一、总体情况\n\n无。\n');
      const refused = (await client.connection.sendRequest('workspace/executeCommand', { command: 'nianbao.server.nextYear', arguments: [noYear] })) as { error: string };
      assert.match(refused.error, /无法读出报告年度/);
      await client.close(noYear);
    });
  });
}
