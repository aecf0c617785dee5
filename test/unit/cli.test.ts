/**
 * The built CLI (`npm test` builds first), run as a user runs it: exit codes, the two output
 * formats, directory search, unreadable files, and --fix writing only what changed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import type { FileTask } from '../../server/src/cli/check-files.js';
import { bucketsByBody } from '../../server/src/cli/parallel.js';
import { FIXTURES, ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin', 'nianbao.js');

function nianbao(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    copyFileSync(source, join(dir, name));
  }
  return dir;
}

const SEED = (n: string): string => join(FIXTURES, 'seeds', `${n}.md`);

interface JsonRow {
  file: string;
  rule: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  fixable: string | null;
}

describe('nianbao check', () => {
  it('prints JSON with 1-based lines and character columns, and exits 1 on errors', () => {
    const dir = workspace({ 'gulou.md': SEED('seed-002-gulou-2021') });
    const run = nianbao(['check', '--format', 'json', 'gulou.md'], dir);
    assert.equal(run.status, 1, run.stderr);
    const rows = JSON.parse(run.stdout) as JsonRow[];
    const version = rows.find((r) => r.rule === 'format-version')!;
    assert.deepEqual(Object.keys(version), ['file', 'rule', 'severity', 'line', 'column', 'endLine', 'endColumn', 'message', 'fixable']);
    assert.equal(version.file, 'gulou.md');
    assert.equal(version.severity, 'error');
    assert.equal(version.line, 77);
    // `|  | （六）其他处理 |`: the label starts at the 6th character.
    assert.equal(version.column, 6);
    assert.equal(version.endColumn, 6 + '（六）其他处理'.length);
    assert.equal(version.fixable, 'unsafe');
    const label = rows.find((r) => r.rule === 'table-label')!;
    assert.equal(label.fixable, 'safe');
    assert.match(label.message, /半年制发件数.*本年制发件数/);
  });

  it('exits 0 when there is no error-severity finding', () => {
    const dir = workspace({ 'sikou.md': SEED('seed-003-sikou-2020'), 'xigang.md': SEED('seed-004-xigang-2022') });
    const run = nianbao(['check', '.'], dir);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /xigang\.md\n {2}15:18 {2}提示 {2}统计数字“186余条”是约数.*vague-figure\n {2}73:4 {3}建议 {2}章节标题应为“五、存在的主要问题及改进情况”.*section-heading/);
    assert.match(run.stdout, /已检查 2 个文件，共 6 个问题：0 个错误，3 个警告，2 个提示，1 个建议/);
  });

  it('writes English messages with --locale en', () => {
    const dir = workspace({ 'xigang.md': SEED('seed-004-xigang-2022') });
    const run = nianbao(['check', '--locale', 'en', 'xigang.md'], dir);
    assert.match(run.stdout, /73:4 +hint {2}The section heading should read/);
    assert.match(run.stdout, /2 problem\(s\) in 1 file\(s\): 0 error\(s\), 0 warning\(s\), 1 info, 1 hint\(s\)/);
  });

  it('searches directories for annual reports only, and lists the others with --verbose', () => {
    const dir = workspace({ 'reports/a/luhu.md': SEED('seed-000-luhu-2020') });
    writeFileSync(join(dir, 'reports', 'README.md'), '# 使用说明\n\n这里存放各单位的年报草稿。\n');
    const run = nianbao(['check', '--verbose', '--format', 'json', 'reports'], dir);
    const files = new Set((JSON.parse(run.stdout) as JsonRow[]).map((r) => r.file));
    assert.deepEqual([...files], [join('reports', 'a', 'luhu.md')]);
    assert.match(run.stderr, /跳过 1 个不是年度报告的 Markdown 文件：\n {2}reports\/README\.md/);
  });

  it('names an unreadable file or one that is not text, still checks the others, and exits 2', () => {
    const dir = workspace({ 'xigang.md': SEED('seed-004-xigang-2022') });
    // 报告 in GBK, then a byte that is neither UTF-8 nor GB18030.
    writeFileSync(join(dir, 'binary.md'), Buffer.from([0xb1, 0xa8, 0xb8, 0xe6, 0xff, 0x0a]));
    const run = nianbao(['check', '--format', 'json', 'binary.md', 'xigang.md', 'missing.md'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /“binary\.md”不是 UTF-8、GB18030（GBK）或带 BOM 的 UTF-16 编码的文本，未检查/);
    assert.match(nianbao(['check', '--locale', 'en', 'binary.md'], dir).stderr, /“binary\.md” is not text in UTF-8, GB18030 \(GBK\) or UTF-16 with a byte order mark/);
    assert.match(run.stderr, /找不到“missing\.md”/);
    assert.ok((JSON.parse(run.stdout) as JsonRow[]).some((r) => r.file === 'xigang.md'));
  });

  it('exits 2 on bad usage with a clear message', () => {
    const dir = workspace({});
    for (const args of [['check'], ['lint', 'x.md'], ['check', '--format', 'xml', 'x.md'], ['check', '--locale', 'fr', 'x.md'], ['check', '--nope', 'x.md']]) {
      const run = nianbao(args, dir);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, /^nianbao: .+\n/);
    }
  });

  it('--fix applies safe fixes only, writes only changed files, and keeps a BOM', () => {
    const dir = workspace({ 'luhu.md': SEED('seed-000-luhu-2020'), 'sikou.md': SEED('seed-003-sikou-2020'), 'gulou.md': SEED('seed-002-gulou-2021') });
    const bom = `\ufeff${readFileSync(join(dir, 'luhu.md'), 'utf8')}`;
    writeFileSync(join(dir, 'luhu.md'), bom);
    const untouched = statSync(join(dir, 'sikou.md')).mtimeMs;
    const original = readFileSync(join(dir, 'gulou.md'), 'utf8');
    const run = nianbao(['check', '--fix', '--format', 'json', '.'], dir);
    const rows = JSON.parse(run.stdout) as JsonRow[];
    assert.deepEqual(rows.filter((r) => r.fixable === 'safe'), []);
    assert.equal(statSync(join(dir, 'sikou.md')).mtimeMs, untouched);
    const luhu = readFileSync(join(dir, 'luhu.md'), 'utf8');
    assert.ok(luhu.startsWith('\ufeff# 高青县芦湖街道'));
    assert.ok(luhu.includes('## 三、收到和处理政府信息公开申请情况'));
    assert.ok(luhu.includes('### （二） 主动公开'));
    const gulou = readFileSync(join(dir, 'gulou.md'), 'utf8');
    assert.equal(gulou, original.replace('半年制发件数', '本年制发件数'), 'only the safe label fix was applied; the unsafe format conversion was not');
    assert.ok(rows.some((r) => r.file === 'gulou.md' && r.rule === 'format-version'));
  });
});

describe('nianbao check on a template just made', () => {
  it('lists what is left to fill, never 未发现问题 (issue 20: blank is not zero)', async () => {
    const { formats } = await import('../../server/src/core/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));
    for (const [name, format, year] of [['new-2021.md', '2021', 2024], ['new-2019.md', '2019', 2020]] as const) {
      writeFileSync(join(dir, name), formats.renderSkeleton({ year, body: '芦湖县某某局', format, cell: formats.EMPTY_CELLS }).join('\n'));
      const run = nianbao(['check', name], dir);
      assert.equal(run.status, 0, 'warnings only');
      assert.doesNotMatch(run.stdout, /未发现问题/);
      for (const left of ['“一、总体情况”中尚未填写', '“五、存在的主要问题及改进情况”中尚未填写', '“六、其他需要报告的事项”中尚未填写', '表二尚未填写', '表三尚未填写', '表四数据行：全部 15 个单元格未填写'])
        assert.ok(run.stdout.includes(left), `${name}: ${left}\n${run.stdout}`);
    }
  });
});

describe('nianbao check across reports', () => {
  it('links a report to the previous year of the same body among the files given, and names the other file', () => {
    const dir = workspace({
      '2023.md': join(FIXTURES, 'real', '2023_huaian-hongzequ.md'),
      '2024.md': join(FIXTURES, 'real', '2024_huaian-hongzequ.md'),
    });
    const previous = readFileSync(join(dir, '2023.md'), 'utf8');
    writeFileSync(join(dir, '2023.md'), previous.replace('| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', '| 四、结转下年度继续办理 |  |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |').replace('|  | （七）总计 |  | 21 | 0 | 0 | 0 | 0 | 0 | 21 |', '|  | （七）总计 |  | 19 | 0 | 0 | 0 | 0 | 0 | 19 |'));
    const run = nianbao(['check', '--format', 'json', '.'], dir);
    const rows = (JSON.parse(run.stdout) as JsonRow[]).filter((r) => r.rule === 'carryover');
    assert.deepEqual(rows.map((r) => [r.file, r.line]), [['2024.md', 44], ['2024.md', 44]]);
    assert.match(rows[0]!.message, /上一年度报告（2023\.md 第 67 行）“四、结转下年度继续办理”为 2/);
    const alone = nianbao(['check', '--format', 'json', '2024.md'], dir);
    assert.ok(!(JSON.parse(alone.stdout) as JsonRow[]).some((r) => r.rule === 'carryover'), 'no previous report given: no finding');
  });
});

/** Text saved in an encoding, as another program would save it (independently of the CLI's encoder). */
function encoded(text: string, encoding: 'gb18030' | 'utf-16le' | 'utf-16be'): Buffer {
  if (encoding === 'gb18030') return iconv.encode(text, 'gb18030');
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return encoding === 'utf-16le' ? le : le.swap16();
}

/** Decodes strictly, as a check that the bytes are in `encoding`. */
function decoded(bytes: Buffer, encoding: 'gb18030' | 'utf-16le' | 'utf-16be'): string {
  const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  if (encoding === 'gb18030') return text;
  assert.ok(text.startsWith('\ufeff'), 'the byte order mark is kept');
  return text.slice(1);
}

const without = (rows: JsonRow[], rule: string): Omit<JsonRow, 'file'>[] => rows.filter((r) => r.rule !== rule).map(({ file: _file, ...rest }) => rest);

describe('nianbao check on GB18030 and UTF-16 files', () => {
  const label = { 'gb18030': 'GB18030（GBK）', 'utf-16le': 'UTF-16LE（带 BOM）', 'utf-16be': 'UTF-16BE（带 BOM）' } as const;
  for (const encoding of ['gb18030', 'utf-16le', 'utf-16be'] as const) {
    it(`${encoding}: the same findings as the UTF-8 file, plus file-encoding on line 1`, () => {
      const dir = workspace({ 'utf8.md': SEED('seed-002-gulou-2021') });
      writeFileSync(join(dir, 'other.md'), encoded(readFileSync(SEED('seed-002-gulou-2021'), 'utf8'), encoding));
      const utf8 = JSON.parse(nianbao(['check', '--format', 'json', 'utf8.md'], dir).stdout) as JsonRow[];
      const run = nianbao(['check', '--format', 'json', 'other.md'], dir);
      assert.equal(run.status, 1, run.stderr);
      assert.equal(run.stderr, '');
      const rows = JSON.parse(run.stdout) as JsonRow[];
      assert.deepEqual(without(rows, 'file-encoding'), without(utf8, 'file-encoding'));
      assert.ok(!utf8.some((r) => r.rule === 'file-encoding'), 'a UTF-8 file gets no file-encoding finding');
      const info = rows.filter((r) => r.rule === 'file-encoding');
      assert.equal(info.length, 1);
      assert.equal(info[0]!.severity, 'info');
      assert.equal(info[0]!.line, 1);
      assert.equal(info[0]!.fixable, null);
      assert.ok(info[0]!.message.startsWith(`文件编码为 ${label[encoding]}`), info[0]!.message);
      const english = JSON.parse(nianbao(['check', '--format', 'json', '--locale', 'en', 'other.md'], dir).stdout) as JsonRow[];
      assert.match(english.find((r) => r.rule === 'file-encoding')!.message, /^The file is encoded in (GB18030 \(GBK\)|UTF-16[LB]E \(with a byte order mark\))/);
    });

    it(`${encoding}: --fix writes the fixed text back in ${encoding}, changing nothing else`, () => {
      const original = readFileSync(SEED('seed-002-gulou-2021'), 'utf8');
      const dir = workspace({ 'utf8.md': SEED('seed-002-gulou-2021') });
      const bytes = encoded(original, encoding);
      writeFileSync(join(dir, 'other.md'), bytes);
      const run = nianbao(['check', '--fix', '--format', 'json', 'other.md'], dir);
      assert.equal(run.stderr, '');
      nianbao(['check', '--fix', 'utf8.md'], dir);
      const fixedUtf8 = readFileSync(join(dir, 'utf8.md'), 'utf8');
      assert.equal(fixedUtf8, original.replace('半年制发件数', '本年制发件数'));
      const written = readFileSync(join(dir, 'other.md'));
      assert.equal(decoded(written, encoding), fixedUtf8);
      assert.ok(written.equals(encoded(fixedUtf8, encoding)), 'byte for byte what another program would save');
      // Only the bytes of the fixed label differ from the original file.
      const at = [...bytes].findIndex((b, i) => b !== written[i]);
      const fromEnd = [...bytes].reverse().findIndex((b, i) => b !== written[written.length - 1 - i]);
      assert.equal(written.length, bytes.length);
      assert.ok(written.length - fromEnd - at <= 2 * 2, `changed bytes ${at}…${written.length - fromEnd}`);
      // Checked again, only file-encoding and the findings --fix may not fix remain.
      const rows = JSON.parse(nianbao(['check', '--format', 'json', 'other.md'], dir).stdout) as JsonRow[];
      assert.ok(!rows.some((r) => r.fixable === 'safe'));
      assert.ok(rows.some((r) => r.rule === 'file-encoding'));
    });
  }

  it('--fix does not write a GB18030 file it could not write back as it was, and says so', () => {
    const original = readFileSync(SEED('seed-002-gulou-2021'), 'utf8');
    const dir = workspace({});
    // A3 A0 reads as U+3000 (the ideographic space), which is written A1 A1.
    const bytes = Buffer.concat([iconv.encode(original, 'gb18030'), Buffer.from([0xa3, 0xa0, 0x0a])]);
    writeFileSync(join(dir, 'gb.md'), bytes);
    const run = nianbao(['check', '--fix', 'gb.md'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /无法写入“gb\.md”的修复.*文件未改动/);
    assert.ok(readFileSync(join(dir, 'gb.md')).equals(bytes));
  });

  it('checks GB18030 and UTF-16 files on worker threads with the same results as on one, grouped by body as UTF-8 files', () => {
    const dir = workspace({});
    const seeds = ['seed-000-luhu-2020', 'seed-001-dongliu-2020', 'seed-002-gulou-2021', 'seed-003-sikou-2020', 'seed-004-xigang-2022'];
    const encodings = ['gb18030', 'utf-16le', 'utf-16be', 'utf-8'] as const;
    const tasks: FileTask[] = [];
    for (let i = 0; i < 6 * seeds.length; i++) {
      const encoding = encodings[i % encodings.length]!;
      const text = readFileSync(SEED(seeds[i % seeds.length]!), 'utf8');
      const path = join(dir, `${String(i).padStart(2, '0')}.md`);
      writeFileSync(path, encoding === 'utf-8' ? Buffer.from(text) : encoded(text, encoding));
      tasks.push({ path, explicit: false, display: path });
    }
    // The body is read from the head of each file in its encoding: the copies of a seed go together.
    const buckets = bucketsByBody(tasks, seeds.length);
    assert.deepEqual(buckets.map((b) => b.map((i) => i % seeds.length)).map((b) => [...new Set(b)].length), seeds.map(() => 1));
    const one = nianbao(['check', '--format', 'json', '--jobs', '1', '.'], dir);
    const many = nianbao(['check', '--format', 'json', '--jobs', '3', '.'], dir);
    assert.equal(many.stderr, '');
    assert.deepEqual(JSON.parse(many.stdout), JSON.parse(one.stdout));
    const infos = (JSON.parse(many.stdout) as JsonRow[]).filter((r) => r.rule === 'file-encoding');
    assert.equal(infos.length, tasks.filter((_, i) => encodings[i % encodings.length] !== 'utf-8').length);
  });

  it('links a report to last year’s report saved in GB18030', () => {
    const dir = workspace({ '2024.md': join(FIXTURES, 'real', '2024_huaian-hongzequ.md') });
    const previous = readFileSync(join(FIXTURES, 'real', '2023_huaian-hongzequ.md'), 'utf8').replace('| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', '| 四、结转下年度继续办理 |  |  | 2 | 0 | 0 | 0 | 0 | 0 | 2 |').replace('|  | （七）总计 |  | 21 | 0 | 0 | 0 | 0 | 0 | 21 |', '|  | （七）总计 |  | 19 | 0 | 0 | 0 | 0 | 0 | 19 |');
    writeFileSync(join(dir, '2023.md'), encoded(previous, 'gb18030'));
    const run = nianbao(['check', '--format', 'json', '.'], dir);
    const rows = (JSON.parse(run.stdout) as JsonRow[]).filter((r) => r.rule === 'carryover');
    assert.deepEqual(rows.map((r) => [r.file, r.line]), [['2024.md', 44], ['2024.md', 44]]);
    assert.match(rows[0]!.message, /上一年度报告（2023\.md 第 67 行）“四、结转下年度继续办理”为 2/);
  });
});
