/**
 * The config file (`.nianbaorc.json`, package.json "nianbao"): server/src/shell/config.ts, and
 * the CLI using it (per file, --config, --rule, ignore globs, problems on stderr).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigCache, findConfig, loadConfig, ruleIds } from '../../server/src/shell/config.js';
import { DEFAULT_SETTINGS, mergeConfig } from '../../server/src/server/settings.js';
import { FIXTURES, ROOT } from './helpers.js';

const BIN = join(ROOT, 'bin', 'nianbao.js');
/** A report with one doubled-word finding (info) on line 19. */
const DOUBLED = join(FIXTURES, 'rules', 'doubled-word', 'wrong-word.md');

function nianbao(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary directory with `files` (a string is the text, else a fixture to copy). */
function workspace(files: Record<string, string | { copy: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-config-'));
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    if (typeof source === 'string') writeFileSync(join(dir, name), source);
    else copyFileSync(source.copy, join(dir, name));
  }
  return dir;
}

function findings(stdout: string): { rule: string; severity: string }[] {
  return (JSON.parse(stdout) as { rule: string; severity: string }[]).map(({ rule, severity }) => ({ rule, severity }));
}

describe('config module', () => {
  it('finds the nearest config, .nianbaorc.json before package.json', () => {
    const dir = workspace({
      'package.json': JSON.stringify({ name: 'x', nianbao: { rules: { 'doubled-word': 'off' } } }),
      'a/r.md': '# x\n',
      'b/package.json': JSON.stringify({ name: 'no key' }),
      'b/r.md': '# x\n',
      'c/.nianbaorc.json': '{}',
      'c/package.json': JSON.stringify({ nianbao: {} }),
      'c/d/r.md': '# x\n',
    });
    assert.equal(findConfig(join(dir, 'a', 'r.md')), join(dir, 'package.json'));
    assert.equal(findConfig(join(dir, 'b', 'r.md')), join(dir, 'package.json'));
    assert.equal(findConfig(join(dir, 'c', 'd', 'r.md')), join(dir, 'c', '.nianbaorc.json'));
    assert.deepEqual(loadConfig(join(dir, 'package.json')).config, { rules: { 'doubled-word': 'off' } });
  });

  it('reads JSONC and reports ill-typed values with their line, keeping the rest', () => {
    const dir = workspace({
      '.nianbaorc.json': '{\n  // 注释\n  "rules": {\n    "doubled-word": "warning",\n    "no-such-rule": "error",\n    "carryover": "loud",\n  },\n  "format": "2020",\n  "locale": "en",\n  "ignore": ["drafts/**"]\n}\n',
    });
    const loaded = loadConfig(join(dir, '.nianbaorc.json'));
    assert.deepEqual(loaded.config, { rules: { 'doubled-word': 'warning' }, locale: 'en', ignore: ['drafts/**'] });
    assert.deepEqual(
      loaded.problems.map((p) => [p.line, p.file]),
      [
        [5, join(dir, '.nianbaorc.json')],
        [6, join(dir, '.nianbaorc.json')],
        [8, join(dir, '.nianbaorc.json')],
      ],
    );
    assert.match(loaded.problems[0]!.message, /^未知的规则 id“no-such-rule”/);
  });

  it('gives the defaults and a problem with the line for a syntax error', () => {
    const dir = workspace({ '.nianbaorc.json': '{\n  "rules": {\n    "doubled-word": "off"\n  \n' });
    const loaded = loadConfig(join(dir, '.nianbaorc.json'));
    assert.deepEqual(loaded.config, {});
    assert.equal(loaded.problems.length, 1);
    assert.equal(loaded.problems[0]!.line, 5);
    assert.match(loaded.problems[0]!.message, /不是有效的 JSON/);
  });

  it('caches per directory', () => {
    const dir = workspace({ '.nianbaorc.json': '{"format": "2021"}', 'a/r.md': '' });
    const cache = new ConfigCache();
    const first = cache.configFor(join(dir, 'a', 'r.md'));
    writeFileSync(join(dir, '.nianbaorc.json'), '{"format": "2019"}');
    assert.equal(cache.configFor(join(dir, 'a', 'other.md')), first);
    cache.clear();
    assert.equal(cache.configFor(join(dir, 'a', 'r.md')).config.format, '2019');
  });

  it('takes a FIFO or a directory named .nianbaorc.json for no config, without blocking (issue 14)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-config-fifo-'));
    const made = spawnSync('mkfifo', [join(dir, '.nianbaorc.json')]);
    if (made.status !== 0) return;
    mkdirSync(join(dir, 'sub', 'package.json'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'report.md'), '# x\n');
    assert.equal(findConfig(join(dir, 'sub', 'report.md')), undefined);
    assert.equal(loadConfig(join(dir, '.nianbaorc.json')).config.rules, undefined);
  });

  it('knows every rule id', () => {
    assert.ok(ruleIds().includes('doubled-word') && ruleIds().includes('carryover') && ruleIds().includes('unused-disable'));
  });
});

describe('config under the editor settings (server)', () => {
  const config = { rules: { 'doubled-word': 'off', carryover: 'info' }, format: '2019', locale: 'en', files: ['drafts/*.md', 'x.md'] } as const;
  it('applies the config where the editor setting is its default, the editor where it names a value', () => {
    const merged = mergeConfig({ ...DEFAULT_SETTINGS, rules: { carryover: 'error' } }, config, '/ws/.nianbaorc.json');
    assert.deepEqual(merged.rules, { 'doubled-word': 'off', carryover: 'error' });
    assert.equal(merged.format, '2019');
    assert.equal(merged.locale, 'en');
    assert.deepEqual(merged.files, ['/ws/drafts/*.md', 'x.md']);
    assert.equal(merged.config, '/ws/.nianbaorc.json');
    // The locale's default is zh-CN (issue 20): a config's en applies under it; auto or en named in the editor wins.
    const editor = mergeConfig({ ...DEFAULT_SETTINGS, format: '2021', locale: 'auto', files: ['a.md'] }, config, '/ws/.nianbaorc.json');
    assert.deepEqual([editor.format, editor.locale, editor.files], ['2021', 'auto', ['a.md']]);
    assert.equal(DEFAULT_SETTINGS.locale, 'zh-cn');
    assert.equal(mergeConfig(DEFAULT_SETTINGS, {}, undefined), DEFAULT_SETTINGS);
  });
});

describe('nianbao check with a config', () => {
  it('turns a rule off', () => {
    const dir = workspace({ 'r.md': { copy: DOUBLED }, '.nianbaorc.json': '{ "rules": { "doubled-word": "off" } }' });
    const result = nianbao(['check', '--format', 'json', 'r.md'], dir);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(findings(result.stdout), []);
  });

  it('changes a severity (and the exit status follows it)', () => {
    const dir = workspace({ 'r.md': { copy: DOUBLED }, '.nianbaorc.json': '{ "rules": { "doubled-word": "error" } }' });
    const result = nianbao(['check', '--format', 'json', 'r.md'], dir);
    assert.equal(result.status, 1);
    assert.deepEqual(findings(result.stdout), [{ rule: 'doubled-word', severity: 'error' }]);
  });

  it('reads a JSONC config with comments and trailing commas', () => {
    const dir = workspace({ 'r.md': { copy: DOUBLED }, '.nianbaorc.json': '{\n  // 关掉叠词检查\n  /* block */ "rules": { "doubled-word": "warning", },\n}\n' });
    const result = nianbao(['check', '--format', 'json', 'r.md'], dir);
    assert.equal(result.stderr, '');
    assert.deepEqual(findings(result.stdout), [{ rule: 'doubled-word', severity: 'warning' }]);
  });

  it('reads the "nianbao" key of package.json', () => {
    const dir = workspace({ 'r.md': { copy: DOUBLED }, 'package.json': JSON.stringify({ name: 'reports', nianbao: { rules: { 'doubled-word': 'off' } } }) });
    const result = nianbao(['check', '--format', 'json', 'r.md'], dir);
    assert.deepEqual(findings(result.stdout), []);
  });

  it('uses the nearer config for each file', () => {
    const dir = workspace({
      '.nianbaorc.json': '{ "rules": { "doubled-word": "off" } }',
      'a/r.md': { copy: DOUBLED },
      'b/r.md': { copy: DOUBLED },
      'b/.nianbaorc.json': '{ "rules": { "doubled-word": "error" } }',
    });
    const result = nianbao(['check', '--format', 'json', '--verbose', 'a/r.md', 'b/r.md'], dir);
    const rows = JSON.parse(result.stdout) as { file: string; severity: string }[];
    assert.deepEqual(
      rows.map((r) => [r.file.replace(/\\/g, '/'), r.severity]),
      [['b/r.md', 'error']],
    );
    assert.match(result.stderr, /每个文件使用的配置/);
    assert.match(result.stderr, /b[\\/]r\.md: b[\\/]\.nianbaorc\.json/);
  });

  it('--config FILE applies one config to every file', () => {
    const dir = workspace({
      'a/r.md': { copy: DOUBLED },
      'a/.nianbaorc.json': '{ "rules": { "doubled-word": "error" } }',
      'ci.json': '{ "rules": { "doubled-word": "off" } }',
    });
    const result = nianbao(['check', '--format', 'json', '--config', 'ci.json', 'a/r.md'], dir);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(findings(result.stdout), []);
    assert.equal(nianbao(['check', '--config', 'missing.json', 'a/r.md'], dir).status, 2);
  });

  it('--rule overrides the config', () => {
    const dir = workspace({ 'r.md': { copy: DOUBLED }, '.nianbaorc.json': '{ "rules": { "doubled-word": "off" } }' });
    const result = nianbao(['check', '--format', 'json', '--rule', 'doubled-word=error', 'r.md'], dir);
    assert.equal(result.status, 1);
    assert.deepEqual(findings(result.stdout), [{ rule: 'doubled-word', severity: 'error' }]);
    assert.equal(nianbao(['check', '--rule', 'nope=off', 'r.md'], dir).status, 2);
    assert.equal(nianbao(['check', '--rule', 'doubled-word=loud', 'r.md'], dir).status, 2);
  });

  it('a broken config: a message with the file and line, once, and the defaults apply', () => {
    const dir = workspace({ 'a/r.md': { copy: DOUBLED }, 'b/r.md': { copy: DOUBLED }, '.nianbaorc.json': '{\n  "rules": {\n    "doubled-word": "off",\n' });
    const result = nianbao(['check', '--format', 'json', 'a/r.md', 'b/r.md'], dir);
    assert.equal(result.status, 0);
    assert.deepEqual(findings(result.stdout), [
      { rule: 'doubled-word', severity: 'info' },
      { rule: 'doubled-word', severity: 'info' },
    ]);
    const lines = result.stderr.trim().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0]!, /\.nianbaorc\.json:4: 配置文件不是有效的 JSON/);
  });

  it('takes the message language from the config unless --locale is given', () => {
    const dir = workspace({ 'r.md': { copy: DOUBLED }, '.nianbaorc.json': '{ "locale": "en" }' });
    const english = JSON.parse(nianbao(['check', '--format', 'json', 'r.md'], dir).stdout) as { message: string }[];
    assert.doesNotMatch(english[0]!.message, /重复/);
    const chinese = JSON.parse(nianbao(['check', '--format', 'json', '--locale', 'zh-CN', 'r.md'], dir).stdout) as { message: string }[];
    assert.match(chinese[0]!.message, /重复/);
  });

  it('skips the files its ignore globs match in a directory search', () => {
    const dir = workspace({ 'reports/r.md': { copy: DOUBLED }, 'reports/old/r.md': { copy: DOUBLED }, '.nianbaorc.json': '{ "ignore": ["reports/old/"] }' });
    const result = nianbao(['check', '--format', 'json', '--verbose', 'reports'], dir);
    const rows = JSON.parse(result.stdout) as { file: string }[];
    assert.deepEqual(
      rows.map((r) => r.file.replace(/\\/g, '/')),
      ['reports/r.md'],
    );
    assert.match(result.stderr, /按配置文件的 ignore 忽略 1 个文件：\n {2}reports[\\/]old[\\/]r\.md\n/);
    const none = nianbao(['check', 'reports/old'], dir);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /都被配置文件的 ignore 忽略/);
  });

  it('passes the config through the worker threads', () => {
    const files: Record<string, string | { copy: string }> = { '.nianbaorc.json': '{ "rules": { "doubled-word": "warning" } }' };
    for (let i = 0; i < 26; i++) files[`r${String(i).padStart(2, '0')}.md`] = { copy: DOUBLED };
    const dir = workspace(files);
    const result = nianbao(['check', '--format', 'json', '--jobs', '2', '--rule', 'file-encoding=off', '.'], dir);
    const rows = findings(result.stdout);
    assert.equal(rows.length, 26);
    assert.ok(rows.every((r) => r.rule === 'doubled-word' && r.severity === 'warning'));
    // --fix in the workers takes each file's options too: a rule turned off is not fixed (issue 19).
    const before = readFileSync(join(dir, 'r00.md'), 'utf8');
    nianbao(['check', '--fix', '--jobs', '2', '--rule', 'doubled-word=off', '.'], dir);
    for (let i = 0; i < 26; i++) assert.equal(readFileSync(join(dir, `r${String(i).padStart(2, '0')}.md`), 'utf8'), before);
    nianbao(['check', '--fix', '--jobs', '2', '.'], dir);
    assert.notEqual(readFileSync(join(dir, 'r25.md'), 'utf8'), before, 'without the rule off, --fix fixes the doubled word');
  });
});

/** Runs `nianbao`, failing on a hang: each hostile config must be dealt with in seconds. */
function bounded(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--max-old-space-size=512', BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(result.signal, null, `nianbao ${args.join(' ')} did not end within 30 s`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a bad config never stops a check (issue 18)', () => {
  const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  it('a config nested 100,000 deep: a message with the file and line, the defaults, exit status of the check', () => {
    for (const [name, text] of [
      ['.nianbaorc.json', `{\n  "rules": ${nested(100_000)}\n}\n`],
      ['package.json', `{\n  "name": "x",\n  "nianbao": { "rules": ${nested(100_000)} }\n}\n`],
    ] as const) {
      const dir = workspace({ 'r.md': { copy: DOUBLED }, [name]: text });
      const result = bounded(['check', '--format', 'json', 'r.md'], dir);
      assert.equal(result.status, 0, `${name}: ${result.stderr.slice(0, 500)}`);
      assert.deepEqual(findings(result.stdout), [{ rule: 'doubled-word', severity: 'info' }], name);
      assert.match(result.stderr, new RegExp(`${name.replace('.', '\\.')}:\\d: 配置文件嵌套超过 64 层，整个文件被忽略，使用默认设置`), name);
      assert.doesNotMatch(result.stderr, /RangeError| {4}at /, name);
    }
  });

  it('20,000 unknown rule ids: 20 listed and one line for the rest, each with its line, in linear time', () => {
    const ids = (n: number): string => `{\n  "rules": {\n${Array.from({ length: n }, (_, i) => `    "unknown-${i}": "off",`).join('\n')}\n    "doubled-word": "warning"\n  }\n}\n`;
    const dir = workspace({ 'small.json': ids(2_000), 'large.json': ids(20_000) });
    const time = (file: string): number => {
      const start = performance.now();
      const loaded = loadConfig(join(dir, file));
      assert.equal(loaded.config.rules?.['doubled-word'], 'warning');
      assert.equal(loaded.problems.length, 21);
      assert.equal(loaded.problems[0]!.line, 3);
      assert.match(loaded.problems[20]!.message, /另有 \d+ 个问题未列出（从第 23 行起）/);
      return performance.now() - start;
    };
    time('small.json');
    const small = Math.min(time('small.json'), time('small.json'));
    const large = Math.min(time('large.json'), time('large.json'));
    // Ten times the ids: linear takes about ten times as long; the old line search took 100 times.
    assert.ok(large < small * 30 + 50, `2,000 ids: ${small.toFixed(1)} ms, 20,000 ids: ${large.toFixed(1)} ms`);
  });

  it('an ignore pattern of 40,000 characters in the config, .gitignore or .nianbaoignore: said with its line, the other patterns still apply', () => {
    const huge = `${'a'.repeat(40_000)}*`;
    for (const [name, text] of [
      ['.nianbaorc.json', `{\n  "ignore": [\n    "old/",\n    "${huge}"\n  ]\n}\n`],
      ['.gitignore', `old/\n${huge}\n`],
      ['.nianbaoignore', `# 旧报告\nold/\n${huge}\n`],
    ] as const) {
      const dir = workspace({ 'reports/r.md': { copy: DOUBLED }, 'reports/old/r.md': { copy: DOUBLED }, [name]: text });
      const result = bounded(['check', '--format', 'json', '.'], dir);
      assert.equal(result.status, 0, `${name}: ${result.stderr.slice(0, 500)}`);
      assert.deepEqual((JSON.parse(result.stdout) as { file: string }[]).map((r) => r.file.replace(/\\/g, '/')), ['reports/r.md'], name);
      assert.match(result.stderr, new RegExp(`${name.replace('.', '\\.')}:\\d: .*忽略模式长 40001 个字符（上限 1000 个），已忽略这一模式`), name);
    }
  });

  it('a config above 1 MB is said to be too large, not passed over in silence', () => {
    const dir = workspace({ 'r.md': { copy: DOUBLED }, '.nianbaorc.json': `{ "rules": { "doubled-word": "off" } }\n${' '.repeat(1024 * 1024)}` });
    const result = bounded(['check', '--format', 'json', 'r.md'], dir);
    assert.equal(result.status, 0);
    assert.deepEqual(findings(result.stdout), [{ rule: 'doubled-word', severity: 'info' }]);
    assert.match(result.stderr, /\.nianbaorc\.json:1: 配置文件过大（1\.0 MB，上限 1\.0 MB），未读取，使用默认设置/);
  });

  it('the asynchronous reading the server uses finds and reads the same config', async () => {
    const dir = workspace({ 'a/r.md': { copy: DOUBLED }, '.nianbaorc.json': `{ "rules": ${nested(1000)} }` });
    const cache = new ConfigCache();
    const loaded = await cache.configForAsync(join(dir, 'a', 'r.md'));
    assert.deepEqual(loaded, new ConfigCache().configFor(join(dir, 'a', 'r.md')));
    assert.match(loaded.problems[0]!.message, /嵌套超过 64 层/);
  });
});
