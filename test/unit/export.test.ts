/**
 * `nianbao export`: the official layout of the standard tables (formats/layout.ts) tiles its
 * grid and flattens to the canonical Markdown; every seed and real report exports to .docx
 * with the layout's merges, borders and font, and back through mammoth to the same tables and
 * table findings; the .html export has the same spans and values and needs nothing else.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { parseFragment, serializeOuter, type DefaultTreeAdapterMap } from 'parse5';
import { buildReport, checkText, formats, type Report, type TableId } from '../../server/src/core/index.js';
import { exportFormat, exportTableLayout } from '../../server/src/shell/export-document.js';
import { exportDocx } from '../../server/src/shell/export-docx.js';
import { exportHtml } from '../../server/src/shell/export-html.js';
import { defaultExportPath } from '../../server/src/cli/export.js';
import { FIXTURES, ROOT } from './helpers.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const BIN = join(ROOT, 'bin', 'nianbao.js');
const TABLES: readonly TableId[] = ['table2', 'table3', 'table4'];
const TABLE_RULES = new Set(['missing-table', 'format-version', 'table-label', 'table-shape', 'cell-value', 'row-total', 'results-total', 'balance', 'review-total']);

const REPORTS = [
  ...readdirSync(join(FIXTURES, 'seeds'))
    .filter((f) => f.endsWith('.md') && f !== 'EXPECTED.md')
    .map((f) => join(FIXTURES, 'seeds', f)),
  ...readdirSync(join(FIXTURES, 'real'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(FIXTURES, 'real', f)),
  // Drafts whose tables are HTML (as mammoth and web pages write them) or pasted from Word or a PDF.
  ...readdirSync(join(FIXTURES, 'html'))
    .filter((f) => f.endsWith('.md') && f !== 'README.md')
    .map((f) => join(FIXTURES, 'html', f)),
  ...readdirSync(join(FIXTURES, 'pasted'))
    .filter((f) => f.endsWith('.txt'))
    .map((f) => join(FIXTURES, 'pasted', f)),
];

function nianbao(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every value cell named by its keys, so a flattened layout shows where each value went. */
const KEYED: formats.CellText = (row, column) => `${row}|${column}`;

/** The cells of canonical Markdown lines (the delimiter row left out). */
function markdownGrid(lines: readonly string[]): string[][] {
  return lines.filter((_, i) => i !== 1).map((line) => line.slice(2, -2).split(' | '));
}

describe('formats.tableLayout', () => {
  for (const table of TABLES) {
    for (const format of formats.FORMAT_IDS) {
      it(`${table} ${format}: the spans tile the grid and flatten to renderTable`, () => {
        const layout = formats.tableLayout(table, format, KEYED);
        const width = formats.layoutWidth(layout);
        const covered = layout.map(() => new Array<number>(width).fill(0));
        layout.forEach((row, r) => {
          let c = 0;
          for (const cell of row) {
            while (c < width && covered[r]![c]! > 0) c++;
            assert.ok(cell.rowspan >= 1 && cell.colspan >= 1);
            for (let dr = 0; dr < cell.rowspan; dr++) for (let dc = 0; dc < cell.colspan; dc++) {
              assert.ok(r + dr < layout.length && c + dc < width, `“${cell.text}” leaves the table`);
              covered[r + dr]![c + dc]! += 1;
            }
            c += cell.colspan;
          }
        });
        for (const row of covered) assert.deepEqual(row, new Array<number>(width).fill(1), 'every slot covered exactly once');
        assert.deepEqual(formats.flattenLayout(layout), markdownGrid(formats.renderTable(table, format, KEYED)));
        for (const row of layout) for (const cell of row) assert.equal(cell.numeric, !cell.header);
      });
    }
  }

  it('keys each label by its element and each value by row|column', () => {
    for (const table of TABLES) {
      for (const format of formats.FORMAT_IDS) {
        const elements = new Set(formats.tableElements(table).map((e) => e.key));
        for (const cell of formats.tableLayout(table, format, KEYED).flat()) {
          if (cell.numeric) assert.equal(cell.key, cell.text);
          else if (cell.key !== undefined) assert.ok(elements.has(cell.key), `${table} ${format}: ${cell.key}`);
        }
      }
    }
  });

  it('keeps a label the draft wrote differently, as written', () => {
    const report = buildReport(readFileSync(join(FIXTURES, 'seeds', 'seed-002-gulou-2021.md'), 'utf8'));
    const texts = exportTableLayout(report, 'table2').flat().map((c) => c.text);
    assert.ok(texts.includes('半年制发件数'));
    assert.ok(!texts.includes('本年制发件数'));
  });

  it('has the official merges of 表三 and 表四', () => {
    const find = (layout: formats.TableLayout, text: string): formats.LaidOutCell => layout.flat().find((c) => c.text === text)!;
    for (const format of formats.FORMAT_IDS) {
      const t3 = formats.tableLayout('table3', format, formats.EMPTY_CELLS);
      assert.deepEqual([find(t3, formats.TABLE3_NOTE).rowspan, find(t3, formats.TABLE3_NOTE).colspan], [3, 3]);
      assert.equal(find(t3, formats.TABLE3_APPLICANTS).colspan, 7);
      assert.equal(find(t3, '自然人').rowspan, 2);
      assert.equal(find(t3, '总计').rowspan, 2);
      assert.equal(find(t3, formats.TABLE3_LEGAL_PERSONS).colspan, 5);
      assert.equal(find(t3, '三、本年度办理结果').rowspan, format === '2019' ? 20 : 22);
      assert.equal(find(t3, '（三）不予公开').rowspan, 8);
      assert.equal(find(t3, '（四）无法提供').rowspan, 3);
      assert.equal(find(t3, '（五）不予处理').rowspan, 5);
      assert.equal(find(t3, '（六）其他处理').rowspan, format === '2019' ? 1 : 3);
      assert.equal(find(t3, '（六）其他处理').colspan, format === '2019' ? 2 : 1);
      assert.equal(find(t3, '一、本年新收政府信息公开申请数量').colspan, 3);
      assert.equal(find(t3, '（七）总计').colspan, 2);
      const t4 = formats.tableLayout('table4', format, formats.EMPTY_CELLS);
      assert.equal(find(t4, '行政复议').colspan, 5);
      assert.equal(find(t4, '行政诉讼').colspan, 10);
      assert.equal(find(t4, '未经复议直接起诉').colspan, 5);
      assert.equal(find(t4, '复议后起诉').colspan, 5);
      assert.deepEqual(t4[1]!.slice(0, 5).map((c) => c.rowspan), [2, 2, 2, 2, 2]);
      const t2 = formats.tableLayout('table2', format, formats.EMPTY_CELLS);
      assert.equal(find(t2, '第二十条第（一）项').colspan, formats.table2Width(format));
    }
  });
});

/** The text of an element, as mammoth's paragraphs hold it. */
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (node.nodeName === 'br') return '\n';
  return 'childNodes' in node ? node.childNodes.map(textOf).join('') : '';
}

function elements(node: Node): Element[] {
  return 'childNodes' in node ? (node.childNodes.filter((c) => 'tagName' in c) as Element[]) : [];
}

/** Word's Title, Heading 1 and Heading 2 as h1, h2, h3 (mammoth leaves Title a paragraph by default). */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Heading 1'] => h2:fresh", "p[style-name='Heading 2'] => h3:fresh"];

/** The Markdown draft of mammoth's HTML: title `#`, sections `##`, other headings `###`, tables as the raw HTML. */
function draftOfHtml(html: string): string {
  const out: string[] = [];
  const marks: Record<string, string> = { h1: '# ', h2: '## ', h3: '### ' };
  for (const el of elements(parseFragment(html))) {
    const text = textOf(el).replace(/\n/g, '').trim();
    if (el.tagName === 'table') out.push(serializeOuter(el));
    else if (text !== '') out.push(`${marks[el.tagName] ?? ''}${text}`);
  }
  return out.join('\n\n') + '\n';
}

function tableFindings(text: string): string[] {
  return checkText(text)
    .findings.filter((f) => TABLE_RULES.has(f.rule))
    .map((f) => `${f.rule}: ${f.message.zh}`)
    .sort();
}

function cellsOf(report: Report, id: TableId): [string, string][] {
  return [...(report.tables[id]?.cells ?? new Map())].map(([key, cell]): [string, string] => [key, cell.text.trim()]).sort();
}

/** The `w:tbl` elements of document.xml, each as its XML text. */
function docxTables(xml: string): string[] {
  return xml.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g) ?? [];
}

describe('export to .docx', () => {
  for (const path of REPORTS) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    it(`${name}: the merges, rows, borders and font of the layout; back through mammoth to the same tables and findings`, async () => {
      const source = readFileSync(path, 'utf8');
      const report = buildReport(source);
      const bytes = await exportDocx(report);
      const dir = mkdtempSync(join(tmpdir(), 'nianbao-export-'));
      const file = join(dir, 'report.docx');
      writeFileSync(file, bytes);
      const zip = await JSZip.loadAsync(bytes);
      const xml = await zip.file('word/document.xml')!.async('string');
      assert.match(await zip.file('word/fontTable.xml')!.async('string'), /<w:font w:name="仿宋_GB2312"><w:altName w:val="宋体"\/>/);
      const present = TABLES.filter((id) => report.tables[id] !== undefined);
      const tables = docxTables(xml);
      assert.equal(tables.length, present.length);
      present.forEach((id, i) => {
        const layout = exportTableLayout(report, id);
        const tbl = tables[i]!;
        assert.equal((tbl.match(/<w:tr>|<w:tr /g) ?? []).length, layout.length, `${id}: rows`);
        // A merged block spanning rows and columns repeats its gridSpan on each continuing row.
        const spans = layout.flat().flatMap((c) => (c.colspan > 1 ? new Array<number>(c.rowspan).fill(c.colspan) : [])).sort();
        assert.deepEqual((tbl.match(/<w:gridSpan w:val="(\d+)"\/>/g) ?? []).map((m) => Number(/\d+/.exec(m)![0])).sort(), spans, `${id}: gridSpan`);
        const restarts = layout.flat().filter((c) => c.rowspan > 1).length;
        const continued = layout.flat().reduce((n, c) => n + c.rowspan - 1, 0);
        assert.equal((tbl.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length, restarts, `${id}: vMerge restart`);
        assert.equal((tbl.match(/<w:vMerge w:val="continue"\/>|<w:vMerge\/>/g) ?? []).length, continued, `${id}: vMerge continue`);
        assert.match(tbl, /<w:tblBorders>[\s\S]*<w:insideV w:val="single"/);
        assert.match(tbl, /w:eastAsia="仿宋_GB2312"/);
        assert.match(tbl, /<w:jc w:val="right"\/>/);
      });
      if (report.tables.table3 !== undefined) assert.match(xml, /w:orient="landscape"/, '表三 in a landscape section');

      const html = (await mammoth.convertToHtml({ path: file }, { styleMap: STYLE_MAP })).value;
      const draft = draftOfHtml(html);
      const back = buildReport(draft);
      assert.deepEqual(tableFindings(draft), tableFindings(source));
      for (const id of present) {
        assert.equal(exportFormat(back, id), exportFormat(report, id), `${id}: format`);
        assert.deepEqual(cellsOf(back, id), cellsOf(report, id), `${id}: cells`);
      }
      assert.equal(back.title?.text, report.title?.text);
      assert.deepEqual(back.sections.sections.map((s) => s.def.index), report.sections.sections.map((s) => s.def.index));
    });
  }
});

describe('export to .html', () => {
  for (const path of REPORTS) {
    const name = path.slice(path.lastIndexOf('/') + 1);
    it(`${name}: the spans and values of the layout, self-contained`, () => {
      const report = buildReport(readFileSync(path, 'utf8'));
      const html = exportHtml(report);
      assert.doesNotMatch(html, /\b(?:src|href)\s*=/i);
      assert.doesNotMatch(html, /@import|url\(/i);
      assert.match(html, /@page \{ size: A4/);
      assert.match(html, /font-family: "仿宋_GB2312", "FangSong", "SimSun", "Songti SC", serif/);
      const found: Element[] = [];
      const walk = (node: Node): void => {
        for (const el of elements(node)) {
          if (el.tagName === 'table') found.push(el);
          else walk(el);
        }
      };
      walk(parseFragment(html.slice(html.indexOf('<body>') + 6, html.indexOf('</body>'))));
      const present = TABLES.filter((id) => report.tables[id] !== undefined);
      assert.equal(found.length, present.length);
      present.forEach((id, i) => {
        const layout = exportTableLayout(report, id);
        const rows: Element[] = [];
        const collect = (node: Node): void => {
          for (const el of elements(node)) {
            if (el.tagName === 'tr') rows.push(el);
            else collect(el);
          }
        };
        collect(found[i]!);
        const attr = (el: Element, name: string): number => Number(el.attrs.find((a) => a.name === name)?.value ?? 1);
        const seen = rows.map((tr) => elements(tr).map((cell) => ({ text: textOf(cell), rowspan: attr(cell, 'rowspan'), colspan: attr(cell, 'colspan'), numeric: cell.tagName === 'td' })));
        const expected = layout.map((row) => row.map((cell) => ({ text: cell.text, rowspan: cell.rowspan, colspan: cell.colspan, numeric: cell.numeric })));
        assert.deepEqual(seen, expected, id);
        const back = buildReport(`# ${report.title?.text ?? ''}\n\n${serializeOuter(found[i]!)}\n`);
        assert.deepEqual(cellsOf(back, id), cellsOf(report, id), `${id}: cells read back`);
      });
    });
  }
});

describe('nianbao export', () => {
  const SEED = join(FIXTURES, 'seeds', 'seed-002-gulou-2021.md');

  it('writes the .docx and .html beside the input by default, and exits 0', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-export-cli-'));
    writeFileSync(join(dir, 'gulou.md'), readFileSync(SEED));
    for (const to of ['docx', 'html'] as const) {
      const run = nianbao(['export', '--to', to, 'gulou.md'], dir);
      assert.equal(run.status, 0, run.stderr);
      assert.ok(existsSync(join(dir, `gulou.${to}`)));
      assert.match(run.stdout, new RegExp(`gulou\\.${to}`));
    }
    assert.equal(readFileSync(join(dir, 'gulou.docx')).subarray(0, 2).toString(), 'PK');
    assert.deepEqual(readdirSync(dir).sort(), ['gulou.docx', 'gulou.html', 'gulou.md']);
  });

  it('says on stderr what it leaves out: a row not in the format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-export-cli-'));
    const run = nianbao(['export', '--to', 'html', join(FIXTURES, 'rules', 'table-shape', 'wrong-extra-row.md'), '-o', join(dir, 'out.html')], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /表三第 \d+ 行“6\.申请人撤回申请”不是标准行或重复，未导出 \/ table3 row/);
    assert.doesNotMatch(readFileSync(join(dir, 'out.html'), 'utf8'), /申请人撤回申请/);
  });

  it('writes to -o', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-export-cli-'));
    const run = nianbao(['export', '--to', 'docx', SEED, '-o', join(dir, 'out.docx')], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(existsSync(join(dir, 'out.docx')));
  });

  it('never replaces an existing file without --force: not the Word file a draft was imported from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-export-cli-'));
    const word = readFileSync(join(FIXTURES, 'html', 'sources', 'html-mammoth-2021.docx'));
    writeFileSync(join(dir, '年报.docx'), word);
    assert.equal(nianbao(['import', '年报.docx'], dir).status, 0);
    const refused = nianbao(['export', '--to', 'docx', '年报.md'], dir);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /“年报\.docx”已存在，未写入（加 --force 覆盖，或用 -o 指定另一个文件）/);
    assert.deepEqual(readFileSync(join(dir, '年报.docx')), word, 'the original Word file is untouched');
    const forced = nianbao(['export', '--to', 'docx', '--force', '年报.md'], dir);
    assert.equal(forced.status, 0, forced.stderr);
    assert.notDeepEqual(readFileSync(join(dir, '年报.docx')), word);
  });

  it('never writes through a symbolic link at the default output path, even with --force; a link named with -o and --force is written through', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-export-cli-'));
    writeFileSync(join(dir, 'gulou.md'), readFileSync(SEED));
    writeFileSync(join(dir, 'elsewhere.txt'), '别处的文件\n');
    symlinkSync('elsewhere.txt', join(dir, 'gulou.html'));
    symlinkSync('nowhere.txt', join(dir, 'gulou.docx'));
    for (const args of [['export', '--to', 'html', 'gulou.md'], ['export', '--to', 'html', '--force', 'gulou.md'], ['export', '--to', 'docx', 'gulou.md'], ['export', '--to', 'docx', '--force', 'gulou.md']]) {
      const run = nianbao(args, dir);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /已存在，未写入|是符号链接，未写入/, args.join(' '));
    }
    assert.equal(readFileSync(join(dir, 'elsewhere.txt'), 'utf8'), '别处的文件\n');
    assert.ok(!existsSync(join(dir, 'nowhere.txt')));
    assert.ok(lstatSync(join(dir, 'gulou.html')).isSymbolicLink());
    const named = nianbao(['export', '--to', 'html', '--force', 'gulou.md', '-o', 'gulou.html'], dir);
    assert.equal(named.status, 0, named.stderr);
    assert.ok(lstatSync(join(dir, 'gulou.html')).isSymbolicLink());
    assert.match(readFileSync(join(dir, 'elsewhere.txt'), 'utf8'), /<html/);
  });

  it('never names the default output after the input: report.html exported to HTML is report-导出.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-export-cli-'));
    writeFileSync(join(dir, 'report.html'), readFileSync(SEED));
    const run = nianbao(['export', '--to', 'html', 'report.html'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(readFileSync(join(dir, 'report.html')), readFileSync(SEED));
    assert.match(readFileSync(join(dir, 'report-导出.html'), 'utf8'), /<html/);
    assert.equal(defaultExportPath(join(dir, 'a.md'), 'docx'), join(dir, 'a.docx'));
  });

  it('exits 2 and writes nothing on bad usage, an unreadable input, a non-report, or the input as output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-export-cli-'));
    writeFileSync(join(dir, 'notes.md'), '# 会议记录\n\n今天讨论了午饭。\n');
    writeFileSync(join(dir, 'gulou.md'), readFileSync(SEED));
    writeFileSync(join(dir, 'binary.md'), Buffer.from([0x00, 0xff, 0xfe, 0x00, 0x81, 0x00]));
    const cases: string[][] = [
      ['export', 'gulou.md'],
      ['export', '--to', 'pdf', 'gulou.md'],
      ['export', '--to', 'docx'],
      ['export', '--to', 'docx', 'gulou.md', 'notes.md'],
      ['export', '--to', 'docx', '--bogus', 'gulou.md'],
      ['export', '--to', 'docx', 'missing.md'],
      ['export', '--to', 'docx', 'notes.md'],
      ['export', '--to', 'html', 'binary.md'],
      ['export', '--to', 'html', 'gulou.md', '-o', 'gulou.md'],
    ];
    for (const args of cases) {
      const run = nianbao(args, dir);
      assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /nianbao export: .+ \/ /, args.join(' '));
    }
    assert.deepEqual(readdirSync(dir).sort(), ['binary.md', 'gulou.md', 'notes.md']);
    assert.deepEqual(readFileSync(join(dir, 'gulou.md')), readFileSync(SEED));
  });
});
