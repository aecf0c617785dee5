/**
 * `nianbao check` in continuous integration (issue 12, item 3), through the built CLI: quoted
 * globs, .gitignore and .nianbaoignore, no success line when nothing was checked, the SARIF,
 * GitHub and JUnit formats, --quiet, --max-warnings, -o, --fix-dry-run, standard input; and the
 * pieces beneath: the shared walker, the atomic write under failing file functions, the diff.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { writeAtomically, type AtomicFs } from '../../server/src/cli/atomic-write.js';
import { escapeXml, formatGithub, formatJunit } from '../../server/src/cli/ci-formats.js';
import { unifiedDiff } from '../../server/src/cli/unified-diff.js';
import { RULES } from '../../server/src/core/index.js';
import { IgnoreRules, walkMarkdown } from '../../server/src/shell/walk.js';
import { FIXTURES, ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin', 'nianbao.js');

function nianbao(args: string[], cwd: string, input?: string | Buffer): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, ...(input !== undefined ? { input } : {}) });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SEED = (n: string): string => join(FIXTURES, 'seeds', `${n}.md`);
/** An error (format-version) and a safely fixable warning (table-label). */
const GULOU = SEED('seed-002-gulou-2021');
/** An info and a hint, no error and no warning. */
const XIGANG = SEED('seed-004-xigang-2022');

function workspace(files: Record<string, string>, texts: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-ci-'));
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    copyFileSync(source, join(dir, name));
  }
  for (const [name, text] of Object.entries(texts)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

interface JsonRow {
  file: string;
  rule: string;
  severity: string;
}

const filesOf = (stdout: string): string[] => [...new Set((JSON.parse(stdout) as JsonRow[]).map((r) => r.file))].sort();

describe('nianbao check: globs and nothing checked', () => {
  it('expands a quoted glob relative to the working directory, walking matched directories', () => {
    const dir = workspace({ 'gulou.md': GULOU, 'docs/a/xigang.md': XIGANG, 'docs/b/gulou.md': GULOU });
    assert.deepEqual(filesOf(nianbao(['check', '--format', 'json', '*.md'], dir).stdout), ['gulou.md']);
    assert.deepEqual(filesOf(nianbao(['check', '--format', 'json', 'docs/**/*.md'], dir).stdout), ['docs/a/xigang.md', 'docs/b/gulou.md']);
    assert.deepEqual(filesOf(nianbao(['check', '--format', 'json', 'docs/*'], dir).stdout), ['docs/a/xigang.md', 'docs/b/gulou.md']);
    // A file matched twice is checked once.
    const twice = nianbao(['check', '--format', 'json', '**/gulou.md', 'gulou.md'], dir);
    assert.equal((JSON.parse(twice.stdout) as JsonRow[]).filter((r) => r.file === 'gulou.md' && r.rule === 'format-version').length, 1);
  });

  it('a glob or path that matches nothing: a clear message, exit 2, never a success line', () => {
    const dir = workspace({}, { 'notes.txt': 'x' });
    const run = nianbao(['check', '*.md'], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^nianbao: 没有找到匹配“\*\.md”的文件\n/);
    assert.match(run.stderr, /没有检查任何文件/);
    assert.doesNotMatch(run.stdout + run.stderr, /✔|未发现问题/);
    assert.match(nianbao(['check', '--locale', 'en', '*.md'], dir).stderr, /no file matches “\*\.md”/);
    const missing = nianbao(['check', 'missing.md'], dir);
    assert.equal(missing.status, 2);
    assert.doesNotMatch(missing.stdout, /✔/);
  });

  it('a directory with no annual report: exit 2 and the reason, never a success line', () => {
    const dir = workspace({}, { 'docs/README.md': '# 说明\n\n这里放草稿。\n' });
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const run = nianbao(['check', '--format', format, 'docs'], dir);
      assert.equal(run.status, 2, format);
      assert.match(run.stderr, /没有检查任何文件（找到的 1 个 Markdown 文件都不是年度报告/);
      // A tool still gets a report it can parse, an empty one; people get no summary line.
      if (format === 'stylish' || format === 'github') assert.equal(run.stdout, '', format);
      if (format === 'json') assert.deepEqual(JSON.parse(run.stdout), []);
      if (format === 'sarif') assert.deepEqual((JSON.parse(run.stdout) as SarifLog).runs[0]!.results, []);
    }
    const empty = nianbao(['check', '.'], workspace({}));
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /没有检查任何文件（没有找到 Markdown 文件）/);
  });
});

describe('nianbao check: .gitignore and .nianbaoignore', () => {
  it('leave files out of the directory walk and glob results, from the directories walked and above', () => {
    const dir = workspace(
      { 'docs/2021/gulou.md': GULOU, 'docs/drafts/gulou.md': GULOU, 'docs/old/xigang.md': XIGANG, 'docs/old/keep.md': XIGANG, 'docs/x/build.md': GULOU },
      { '.nianbaoignore': 'drafts/\n', 'docs/.gitignore': 'old/*\n!old/keep.md\n', 'docs/x/.nianbaoignore': 'build.md\n' },
    );
    const expected = ['docs/2021/gulou.md', 'docs/old/keep.md'];
    assert.deepEqual(filesOf(nianbao(['check', '--format', 'json', '.'], dir).stdout), expected);
    assert.deepEqual(filesOf(nianbao(['check', '--format', 'json', 'docs'], dir).stdout), expected);
    assert.deepEqual(filesOf(nianbao(['check', '--format', 'json', 'docs/**/*.md'], dir).stdout), expected);
    // Outside a git repository nothing above the working directory is read.
    assert.deepEqual(filesOf(nianbao(['check', '--format', 'json', '.'], join(dir, 'docs')).stdout), ['2021/gulou.md', 'drafts/gulou.md', 'old/keep.md']);
    const verbose = nianbao(['check', '--verbose', '--format', 'json', '.'], dir);
    assert.match(verbose.stderr, /按 \.gitignore 或 \.nianbaoignore 忽略 3 个文件或目录：\n {2}docs\/drafts\n {2}docs\/old\/xigang\.md\n {2}docs\/x\/build\.md\n/);
  });

  it('read up to the git root when there is one', () => {
    const dir = workspace({ 'repo/docs/drafts/gulou.md': GULOU, 'repo/docs/gulou.md': GULOU }, { 'repo/.gitignore': 'drafts/\n' });
    mkdirSync(join(dir, 'repo', '.git'));
    assert.deepEqual(filesOf(nianbao(['check', '--format', 'json', '.'], join(dir, 'repo', 'docs')).stdout), ['gulou.md']);
  });

  it('a file named explicitly is checked even when ignored; a glob that only matches ignored files says so', () => {
    const dir = workspace({ 'drafts/gulou.md': GULOU }, { '.nianbaoignore': 'drafts/\n' });
    assert.deepEqual(filesOf(nianbao(['check', '--format', 'json', 'drafts/gulou.md'], dir).stdout), ['drafts/gulou.md']);
    const glob = nianbao(['check', 'drafts/*.md'], dir);
    assert.equal(glob.status, 2);
    assert.match(glob.stderr, /没有找到匹配“drafts\/\*\.md”的文件（匹配的文件都被 \.gitignore 或 \.nianbaoignore 忽略）/);
    const walked = nianbao(['check', '.'], dir);
    assert.equal(walked.status, 2);
    assert.match(walked.stderr, /都被 \.gitignore 或 \.nianbaoignore 忽略/);
  });

  it('the shared walker (also the language server’s workspace search) honours them, with depth and count limits', () => {
    const dir = workspace({}, { 'a.md': '', 'b/c.md': '', 'b/d/e.md': '', 'node_modules/x.md': '', '.hidden/y.md': '', 'z.txt': '', 'b/.gitignore': 'd\n' });
    assert.deepEqual(walkMarkdown(dir).map((p) => p.slice(dir.length + 1)), ['a.md', 'b/c.md', 'b/d/e.md']);
    assert.deepEqual(walkMarkdown(dir, { ignore: new IgnoreRules(dir) }).map((p) => p.slice(dir.length + 1)), ['a.md', 'b/c.md']);
    assert.deepEqual(walkMarkdown(dir, { maxDepth: 0 }).map((p) => p.slice(dir.length + 1)), ['a.md']);
    assert.equal(walkMarkdown(dir, { maxFiles: 2 }).length, 2);
    assert.ok(new IgnoreRules(dir).ignores(join(dir, 'b', 'd', 'e.md')));
    assert.ok(!new IgnoreRules(dir).ignores(join(dir, 'b', 'c.md')));
  });
});

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  help?: { text: string };
  defaultConfiguration: { level: string };
}

type SarifRegion = { startLine: number; startColumn: number; endLine: number; endColumn: number };
type SarifArtifact = { uri: string; uriBaseId?: string };

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; rules: SarifRule[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: string;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: SarifArtifact; region: SarifRegion } }[];
      fixes?: {
        description: { text: string };
        artifactChanges: { artifactLocation: SarifArtifact; replacements: { deletedRegion: Record<string, number>; insertedContent: { text: string } }[] }[];
      }[];
    }[];
  }[];
}

describe('nianbao check: output formats for CI', () => {
  it('--format sarif: a SARIF 2.1.0 log with the rule registry, help URIs and regions', () => {
    const dir = workspace({ 'docs/鼓楼.md': GULOU });
    const run = nianbao(['check', '--format', 'sarif', 'docs'], dir);
    assert.equal(run.status, 1, run.stderr);
    const log = JSON.parse(run.stdout) as SarifLog;
    // The structure the SARIF 2.1.0 schema requires (version, runs, tool.driver.name, results
    // with message; rule ids unique; ruleIndex pointing at its rule; levels from the enum).
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
    const [sarifRun] = log.runs;
    const driver = sarifRun!.tool.driver;
    assert.equal(driver.name, 'nianbao');
    const ids = driver.rules.map((r) => r.id);
    assert.deepEqual(ids, RULES.map((r) => r.id));
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of driver.rules) {
      assert.ok(rule.shortDescription.text.length > 0);
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      // An absolute URI, as SARIF requires, to the rule's page.
      assert.match(rule.helpUri!, new RegExp(`^file:///.*/docs/rules/${rule.id}\\.md$`));
      assert.ok(fs.existsSync(new URL(rule.helpUri!)));
      assert.match(rule.help!.text, new RegExp(`docs/rules/${rule.id}\\.md`));
    }
    assert.equal(sarifRun!.columnKind, 'unicodeCodePoints');
    assert.match(sarifRun!.originalUriBaseIds['%SRCROOT%']!.uri, /^file:\/\/\/.*\/$/);
    assert.ok(sarifRun!.results.length >= 2);
    for (const result of sarifRun!.results) {
      assert.equal(driver.rules[result.ruleIndex]!.id, result.ruleId);
      assert.ok(['error', 'warning', 'note', 'none'].includes(result.level));
      assert.ok(result.message.text.length > 0);
      const { artifactLocation, region } = result.locations[0]!.physicalLocation;
      assert.equal(artifactLocation.uri, 'docs/%E9%BC%93%E6%A5%BC.md');
      assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
      for (const n of [region.startLine, region.startColumn, region.endLine, region.endColumn]) assert.ok(Number.isInteger(n) && n >= 1);
    }
    const version = sarifRun!.results.find((r) => r.ruleId === 'format-version')!;
    assert.equal(version.level, 'error');
    assert.deepEqual(version.locations[0]!.physicalLocation.region, { startLine: 77, startColumn: 6, endLine: 77, endColumn: 6 + '（六）其他处理'.length });
    // Only safe fixes, as the replacements --fix makes.
    assert.equal(version.fixes, undefined);
    const label = sarifRun!.results.find((r) => r.ruleId === 'table-label')!;
    const [change] = label.fixes![0]!.artifactChanges;
    assert.ok(label.fixes![0]!.description.text.length > 0);
    assert.deepEqual(change!.artifactLocation, { uri: 'docs/%E9%BC%93%E6%A5%BC.md', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(change!.replacements, [{ deletedRegion: { startLine: 37, startColumn: 10, endLine: 37, endColumn: 16 }, insertedContent: { text: '本年制发件数' } }]);
  });

  it('--format github: workflow commands with GitHub’s escaping', () => {
    const dir = workspace({ 'a,b:c.md': GULOU });
    const run = nianbao(['check', '--format', 'github', 'a,b:c.md'], dir);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^::error file=a%2Cb%3Ac\.md,line=77,col=6,endLine=77,endColumn=13,title=format-version::2021年度报告应使用2021版格式/m);
    assert.match(run.stdout, /^::warning file=a%2Cb%3Ac\.md,line=37,col=10,.*title=table-label::/m);
    const text = formatGithub([
      { file: 'x.md', fixed: 0, findings: [{ file: 'x.md', rule: 'r:1,2', severity: 'info', line: 1, column: 2, endLine: 3, endColumn: 4, message: '50%\r\nnext: a,b', fixable: null }] },
    ]);
    assert.equal(text, '::notice file=x.md,line=1,col=2,endLine=3,endColumn=4,title=r%3A1%2C2::50%25%0D%0Anext: a,b\n');
  });

  it('--format junit: one testsuite per file, one failing testcase per finding, XML-escaped', () => {
    const dir = workspace({ 'gulou.md': GULOU, 'xigang.md': XIGANG });
    const run = nianbao(['check', '--format', 'junit', '--quiet', '.'], dir);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="nianbao" tests="2" failures="1" errors="0">\n/);
    assert.match(run.stdout, /<testsuite name="gulou\.md" tests="1" failures="1"[^>]*>\n {4}<testcase classname="gulou\.md" name="format-version \(77:6\)">\n {6}<failure type="error" message="2021年度报告/);
    assert.match(run.stdout, /<testsuite name="xigang\.md" tests="1" failures="0"[^>]*>\n {4}<testcase classname="xigang\.md" name="nianbao"\/>/);
    assert.match(run.stdout, /<\/testsuites>\n$/);
    const xml = formatJunit([{ file: 'a&b.md', fixed: 0, findings: [{ file: 'a&b.md', rule: 'r', severity: 'warning', line: 1, column: 1, endLine: 1, endColumn: 2, message: '<“x”> & \'y\' \u0001', fixable: null }] }]);
    assert.match(xml, /name="a&amp;b\.md"/);
    assert.match(xml, /message="&lt;“x”&gt; &amp; &apos;y&apos; "/);
    assert.equal(escapeXml('a\u0000b\u{1F600}'), 'ab\u{1F600}');
  });
});

describe('nianbao check: flags for CI', () => {
  it('--quiet reports and counts errors only', () => {
    const dir = workspace({ 'gulou.md': GULOU, 'xigang.md': XIGANG });
    const run = nianbao(['check', '--quiet', '--format', 'json', '.'], dir);
    assert.equal(run.status, 1);
    const rows = JSON.parse(run.stdout) as JsonRow[];
    assert.ok(rows.length > 0 && rows.every((r) => r.severity === 'error'));
    const clean = nianbao(['check', '--quiet', 'xigang.md'], dir);
    assert.equal(clean.status, 0);
    assert.match(clean.stdout, /✔ 已检查 1 个文件，未发现问题/);
  });

  it('--max-warnings N exits 1 on more than N warnings, even with no error', () => {
    // sikou: warnings and an info, no error; xigang: an info and a hint (section-heading's tolerated variant), no warning.
    const dir = workspace({ 'sikou.md': SEED('seed-003-sikou-2020'), 'xigang.md': XIGANG });
    const warnings = (JSON.parse(nianbao(['check', '--format', 'json', 'sikou.md'], dir).stdout) as JsonRow[]).filter((r) => r.severity === 'warning').length;
    assert.ok(warnings >= 1);
    assert.equal(nianbao(['check', '--max-warnings', String(warnings), 'sikou.md'], dir).status, 0);
    const over = nianbao(['check', '--max-warnings', String(warnings - 1), 'sikou.md'], dir);
    assert.equal(over.status, 1);
    assert.match(over.stderr, new RegExp(`有 ${warnings} 个警告，多于 --max-warnings ${warnings - 1}`));
    // --quiet counts no warning; a hint is no warning.
    assert.equal(nianbao(['check', '--quiet', '--max-warnings', '0', 'sikou.md'], dir).status, 0);
    assert.equal(nianbao(['check', '--max-warnings', '0', 'xigang.md'], dir).status, 0);
    for (const bad of ['-1', 'x', '1.5']) assert.equal(nianbao(['check', '--max-warnings', bad, 'sikou.md'], dir).status, 2, bad);
  });

  it('-o FILE writes the report to the file, and a report that cannot be written leaves nothing behind', () => {
    const dir = workspace({ 'gulou.md': GULOU });
    const run = nianbao(['check', '--format', 'sarif', '-o', 'out/nianbao.sarif', 'gulou.md'], join(dir));
    // The directory of -o must exist.
    assert.equal(run.status, 2);
    mkdirSync(join(dir, 'out'));
    const ok = nianbao(['check', '--format', 'sarif', '-o', 'out/nianbao.sarif', 'gulou.md'], dir);
    assert.equal(ok.status, 1, ok.stderr);
    assert.equal(ok.stdout, '');
    assert.equal((JSON.parse(readFileSync(join(dir, 'out', 'nianbao.sarif'), 'utf8')) as SarifLog).version, '2.1.0');
    // A directory in the way: the rename fails, the temporary file is removed.
    mkdirSync(join(dir, 'taken', 'x'), { recursive: true });
    const blocked = nianbao(['check', '--output', 'taken', 'gulou.md'], dir);
    assert.equal(blocked.status, 2);
    assert.match(blocked.stderr, /无法写入“taken”/);
    assert.deepEqual(readdirSync(dir).sort(), ['gulou.md', 'out', 'taken']);
  });

  it('--fix-dry-run prints a unified diff of what --fix would change and writes nothing', () => {
    const dir = workspace({ 'gulou.md': GULOU });
    const before = readFileSync(join(dir, 'gulou.md'), 'utf8');
    const run = nianbao(['check', '--fix-dry-run', 'gulou.md'], dir);
    assert.equal(run.status, 1);
    assert.equal(readFileSync(join(dir, 'gulou.md'), 'utf8'), before);
    assert.deepEqual(readdirSync(dir), ['gulou.md']);
    assert.match(run.stdout, /^--- a\/gulou\.md\n\+\+\+ b\/gulou\.md\n@@ -34,7 \+34,7 @@\n/);
    assert.match(run.stdout, /\n-\| 信息内容 \| 半年制发件数 \| 本年废止件数 \| 现行有效件数 \|\n\+\| 信息内容 \| 本年制发件数 \| 本年废止件数 \| 现行有效件数 \|\n/);
    assert.match(run.stderr, /--fix-dry-run：可在 1 个文件中修复 1 处问题，未写入任何文件/);
    // The diff applies with patch(1) and gives what --fix writes.
    writeFileSync(join(dir, 'fix.diff'), run.stdout);
    const patched = spawnSync('patch', ['-p1', '-s', '-o', 'patched.md', 'gulou.md', 'fix.diff'], { cwd: dir, encoding: 'utf8' });
    if (patched.error === undefined) {
      assert.equal(patched.status, 0, patched.stderr);
      nianbao(['check', '--fix', 'gulou.md'], dir);
      assert.equal(readFileSync(join(dir, 'patched.md'), 'utf8'), readFileSync(join(dir, 'gulou.md'), 'utf8'));
    }
    assert.equal(nianbao(['check', '--fix', '--fix-dry-run', 'gulou.md'], dir).status, 2);
  });

  it('--stdin with --stdin-filename names the draft; with --fix it prints the fixed text', () => {
    const dir = workspace({});
    const text = readFileSync(GULOU, 'utf8');
    const run = nianbao(['check', '--stdin', '--stdin-filename', 'docs/gulou.md', '--format', 'json'], dir, text);
    assert.equal(run.status, 1, run.stderr);
    assert.deepEqual(filesOf(run.stdout), ['docs/gulou.md']);
    const fixed = nianbao(['check', '--stdin', '--fix', '--stdin-filename', 'g.md'], dir, text);
    assert.equal(fixed.status, 1);
    assert.equal(fixed.stdout, text.replace('半年制发件数', '本年制发件数'));
    assert.match(fixed.stderr, /^g\.md\n/);
    assert.match(fixed.stderr, /已自动修复 1 处问题/);
    assert.deepEqual(readdirSync(dir), []);
    // Bytes in GB18030, decoded as a file's would be; unnamed, the draft is <stdin>.
    const gbk = nianbao(['check', '--stdin', '--format', 'json'], dir, iconv.encode(text, 'gb18030'));
    assert.deepEqual(filesOf(gbk.stdout), ['<stdin>']);
    assert.equal(nianbao(['check', '--stdin', 'x.md'], dir, text).status, 2);
    assert.equal(nianbao(['check', '--stdin-filename', 'x.md', 'x.md'], dir).status, 2);
  });
});

describe('atomic writes (--fix, -o)', () => {
  const calls: string[] = [];
  const recording = (fail?: string): AtomicFs =>
    new Proxy(fs, {
      get(target, name: string) {
        const original = (target as unknown as Record<string, (...args: unknown[]) => unknown>)[name]!;
        return (...args: unknown[]) => {
          calls.push(name);
          if (name === fail) throw Object.assign(new Error(`${name} failed`), { code: 'EIO' });
          return original(...args);
        };
      },
    }) as AtomicFs;

  it('creates the temporary file exclusively, fsyncs before the rename, and keeps the mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-atomic-'));
    const path = join(dir, 'a.md');
    writeFileSync(path, 'old', { mode: 0o640 });
    fs.chmodSync(path, 0o640);
    calls.length = 0;
    writeAtomically(path, Buffer.from('new'), recording());
    assert.equal(readFileSync(path, 'utf8'), 'new');
    assert.equal(fs.statSync(path).mode & 0o777, 0o640);
    assert.ok(calls.indexOf('fsyncSync') < calls.indexOf('renameSync'));
    assert.ok(calls.indexOf('closeSync') < calls.indexOf('renameSync'));
    assert.deepEqual(readdirSync(dir), ['a.md']);
  });

  for (const step of ['writeSync', 'fsyncSync', 'chmodSync', 'renameSync']) {
    it(`removes the temporary file and leaves the target as it was when ${step} fails`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'nianbao-atomic-'));
      const path = join(dir, 'a.md');
      writeFileSync(path, 'old');
      assert.throws(() => writeAtomically(path, Buffer.from('new'), recording(step)), new RegExp(`${step} failed`));
      assert.equal(readFileSync(path, 'utf8'), 'old');
      assert.deepEqual(readdirSync(dir), ['a.md']);
    });
  }

  it('never writes through a file already at the temporary name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-atomic-'));
    const path = join(dir, 'a.md');
    writeFileSync(path, 'old');
    const taken: AtomicFs = { ...fs, openSync: ((p: string, flags: string, mode?: number) => {
      writeFileSync(p, 'planted');
      return fs.openSync(p, flags, mode);
    }) as typeof fs.openSync };
    assert.throws(() => writeAtomically(path, Buffer.from('new'), taken), /EEXIST/);
    assert.equal(readFileSync(path, 'utf8'), 'old');
  });
});

describe('unifiedDiff', () => {
  it('matches diff -u on a few edits, additions at the ends and a missing final newline', () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const lines = before.split('\n').slice(0, -1);
    lines[1] = 'changed 2';
    lines.splice(15, 1);
    lines.push('added');
    const after = ['first', ...lines].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-diff-'));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'a', 'x.md'), before);
    writeFileSync(join(dir, 'b', 'x.md'), after);
    const ours = unifiedDiff('x.md', before, after);
    const theirs = spawnSync('diff', ['-u', '--label', 'a/x.md', '--label', 'b/x.md', 'a/x.md', 'b/x.md'], { cwd: dir, encoding: 'utf8' });
    if (theirs.error === undefined) assert.equal(ours, theirs.stdout);
    assert.match(ours, /\\ No newline at end of file\n$/);
    assert.equal(unifiedDiff('x.md', 'same\n', 'same\n'), '');
    assert.equal(unifiedDiff('x.md', '', 'a\n'), '--- a/x.md\n+++ b/x.md\n@@ -0,0 +1 @@\n+a\n');
  });
});
