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
    assert.match(run.stdout, /xigang\.md\n {2}15:18 {2}提示 {2}统计数字“186余条”是约数.*vague-figure\n {2}73:4 {3}警告 {2}章节标题应为“五、存在的主要问题及改进情况”.*section-heading/);
    assert.match(run.stdout, /已检查 2 个文件，共 6 个问题：0 个错误，4 个警告，2 个提示/);
  });

  it('writes English messages with --locale en', () => {
    const dir = workspace({ 'xigang.md': SEED('seed-004-xigang-2022') });
    const run = nianbao(['check', '--locale', 'en', 'xigang.md'], dir);
    assert.match(run.stdout, /73:4 +warning {2}The section heading should read/);
    assert.match(run.stdout, /2 problem\(s\) in 1 file\(s\): 0 error\(s\), 1 warning\(s\), 1 info/);
  });

  it('searches directories for annual reports only, and lists the others with --verbose', () => {
    const dir = workspace({ 'reports/a/luhu.md': SEED('seed-000-luhu-2020') });
    writeFileSync(join(dir, 'reports', 'README.md'), '# 使用说明\n\n这里存放各单位的年报草稿。\n');
    const run = nianbao(['check', '--verbose', '--format', 'json', 'reports'], dir);
    const files = new Set((JSON.parse(run.stdout) as JsonRow[]).map((r) => r.file));
    assert.deepEqual([...files], [join('reports', 'a', 'luhu.md')]);
    assert.match(run.stderr, /跳过 1 个不是年度报告的 Markdown 文件：\n {2}reports\/README\.md/);
  });

  it('names an unreadable or non-UTF-8 file, still checks the others, and exits 2', () => {
    const dir = workspace({ 'xigang.md': SEED('seed-004-xigang-2022') });
    writeFileSync(join(dir, 'gbk.md'), Buffer.from([0xb1, 0xa8, 0xb8, 0xe6, 0x0a]));
    const run = nianbao(['check', '--format', 'json', 'gbk.md', 'xigang.md', 'missing.md'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /“gbk\.md”不是 UTF-8 编码的文本/);
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
