/**
 * The input guard (server/src/core/model/input-guard.ts) and the rule document-too-complex:
 * the shapes whose parse is super-linear are stopped before the parse, the check then ends
 * with one finding on the right line and nothing to fix, in the core, the CLI and the server;
 * ordinary drafts are never stopped. No timings here: `npm run bench` measures them.
 *
 * The CLI and server cases need dist/ (`npm test` builds first).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkText, fixText, LineIndex } from '../../server/src/core/index.js';
import { guardInput, INPUT_LIMITS } from '../../server/src/core/model/input-guard.js';
import { parseTopLevelWithRemarkGfm } from '../../server/src/core/model/markdown.js';
import { FIXTURES, markdownFiles, ROOT } from './helpers.js';
import { PULL_CAPABILITIES, TestClient } from './lsp-client.js';

const RULE = 'document-too-complex';
const TITLE = '# 某某县某某局2021年政府信息公开工作年度报告\n\n';
const SEED = readFileSync(join(FIXTURES, 'seeds', 'seed-002-gulou-2021.md'), 'utf8');
const SEED_LINES = new LineIndex(SEED).lineCount;

const guard = (text: string) => guardInput(text, new LineIndex(text));

/** Checks the text, requires exactly one finding, of the rule, on the 1-based line, and a fix-all that changes nothing. */
function assertStopped(text: string, line: number, kind: string): string {
  const result = checkText(text);
  assert.equal(result.report.inputLimit?.kind, kind);
  assert.deepEqual(
    result.findings.map((f) => `${f.rule}@${result.report.lines.lineAt(f.range.start) + 1}`),
    [`${RULE}@${line}`],
  );
  const [finding] = result.findings;
  assert.equal(finding!.severity, 'warning');
  assert.equal(finding!.fixes.length, 0);
  assert.equal(result.failures.length, 0);
  assert.match(finding!.message.zh, new RegExp(`第 ${line} 行.*无法检查本文档`));
  const all = fixText(text);
  assert.equal(all.rounds.length, 0);
  assert.equal(all.text, text);
  return finding!.message.zh;
}

describe('input guard: shapes whose parse is super-linear', () => {
  it('4,000 nested `- ` on one line, after a report: on that line, with the depth it reaches', () => {
    const message = assertStopped(`${SEED}${'- '.repeat(4000)}项\n`, SEED_LINES, 'depth');
    assert.match(message, /嵌套层级达 4000 层（上限 64 层）/);
  });

  it('20,000 nested `- ` on one line', () => {
    assertStopped(`${TITLE}${'- '.repeat(20_000)}项\n`, 3, 'depth');
  });

  it('a list nested one level a line by indentation: on the line that opens level 65', () => {
    const list = Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}- 第${i}层`).join('\n');
    assertStopped(`${TITLE}${list}\n`, 3 + 64, 'depth');
  });

  it('ordered lists count as lists', () => {
    assertStopped(`${TITLE}${'1. '.repeat(100)}项\n`, 3, 'depth');
  });

  it('500 nested `>` on one line, and one level a line', () => {
    assertStopped(`${TITLE}${'>'.repeat(500)} 三、收到和处理政府信息公开申请情况\n`, 3, 'depth');
    const quotes = Array.from({ length: 500 }, (_, i) => `${'>'.repeat(i + 1)} 第${i}层`).join('\n');
    assertStopped(`${TITLE}${quotes}\n`, 3 + 64, 'depth');
  });

  it('lists inside quotes inside lists count every level', () => {
    assertStopped(`${TITLE}${'> - '.repeat(40)}项\n`, 3, 'depth');
  });

  it('10,000 lines 16 quotes deep: the sum of the levels', () => {
    const text = `${TITLE}${`${'> '.repeat(16)}项\n`.repeat(10_000)}`;
    // 10,000 ÷ 16 = 625 lines reach the sum; the 626th exceeds it.
    assertStopped(text, 2 + Math.floor(INPUT_LIMITS.nestedLines / 16) + 1, 'nestedLines');
  });

  it('4,000 setext headings (`===`, and a lone `-`, which no empty list item can be after a paragraph line)', () => {
    // After the title and a blank line the underlines are lines 4, 6, 8, …: the sum exceeds the bound on the first that takes it over.
    let sum = 0;
    let line = 2;
    while (sum <= INPUT_LIMITS.setext) sum += line += 2;
    assertStopped(`${TITLE}${'标题\n===\n'.repeat(4000)}`, line, 'setext');
    assertStopped(`${TITLE}${'标题\n-\n'.repeat(4000)}`, line, 'setext');
  });

  it('nested emphasis and links in one paragraph', () => {
    assertStopped(`${TITLE}${'*['.repeat(5000)}申请${']*'.repeat(5000)}\n`, 3, 'inline');
    // One `~` a line, one paragraph: the line after the title and the blank line that brings the count over the bound.
    assertStopped(`${TITLE}${'~a\n'.repeat(3000)}`, 2 + INPUT_LIMITS.inline + 1, 'inline');
  });

  it('a line longer than 200,000 characters, with its length', () => {
    const message = assertStopped(`${SEED}${'x'.repeat(200_001)}\n`, SEED_LINES, 'lineLength');
    assert.match(message, /长达 200001 个字符/);
  });

  it('an unparsed draft is a report by its title, and not without one', () => {
    assert.equal(checkText(`${TITLE}${'- '.repeat(100)}项\n`).report.isAnnualReport, true);
    assert.equal(checkText(`${'- '.repeat(100)}项\n`).report.isAnnualReport, false);
  });

  it('a fence indented four columns is indented code, so what follows it is measured', () => {
    assertStopped(`${TITLE}    \`\`\`\n${'- '.repeat(100)}项\n`, 4, 'depth');
    assertStopped(`${TITLE}\`\`\`a\`\n${'- '.repeat(100)}项\n`, 4, 'depth');
  });

  it('the rule can be turned off, and then nothing is reported', () => {
    const result = checkText(`${TITLE}${'- '.repeat(100)}项\n`, { rules: { [RULE]: 'off' } });
    assert.deepEqual(result.findings, []);
  });
});

describe('input guard: what it lets through', () => {
  it('64 levels (the limit), fenced code, thematic breaks, table rows', () => {
    assert.equal(guard(`${'- '.repeat(64)}项\n`), undefined);
    assert.equal(guard(`\`\`\`\n${'> '.repeat(500)}代码\n\`\`\`\n`), undefined);
    assert.equal(guard(`${'- '.repeat(500)}\n`), undefined, 'a thematic break, not 500 list items');
    assert.equal(guard(`| a | b |\n|---|---|\n${`| **${'*'.repeat(10)}** | _x_ |\n`.repeat(1000)}`), undefined);
  });

  it('every seed, real, pasted, HTML and rule fixture, and the rest of the regression inputs', () => {
    const folders = ['seeds', 'real', 'pasted', 'html', 'regressions'];
    const files = folders.flatMap((folder) =>
      readdirSync(join(FIXTURES, folder))
        .filter((f) => (f.endsWith('.md') || f.endsWith('.txt')) && f !== 'README.md')
        .map((f) => join(FIXTURES, folder, f)),
    );
    for (const folder of readdirSync(join(FIXTURES, 'rules'))) {
      if (folder === RULE || folder.endsWith('.md') || folder === 'file-encoding') continue;
      files.push(...markdownFiles(join(FIXTURES, 'rules', folder)));
    }
    assert.ok(files.length > 100);
    for (const file of files) {
      const result = checkText(readFileSync(file, 'utf8'));
      assert.equal(result.report.inputLimit, undefined, file);
      assert.ok(!result.findings.some((f) => f.rule === RULE), file);
    }
  });

  it('where the guard lets a nested table through, the remark-gfm route still reads it (no stack overflow)', () => {
    // At 4,000 levels remark-gfm's transforms overflowed the stack; at the limit they do not.
    const text = `- x\n  | a | b |\n  |---|---|\n\n${'- '.repeat(INPUT_LIMITS.depth)}项\n`;
    assert.equal(guard(text), undefined);
    assert.ok(parseTopLevelWithRemarkGfm(text, new LineIndex(text)).length > 0);
    assert.equal(checkText(text).failures.length, 0);
  });
});

describe('input guard: the CLI and the server', () => {
  const text = `${TITLE}${'- '.repeat(20_000)}项\n`;

  it('CLI: check reports the finding (exit 0: a warning), --fix writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-guard-'));
    try {
      const file = join(dir, 'deep.md');
      writeFileSync(file, text);
      const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'nianbao.js'), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
      const checked = run('check', '--format', 'json', file);
      assert.equal(checked.status, 0, checked.stderr);
      const findings = JSON.stringify(JSON.parse(checked.stdout));
      assert.match(findings, /document-too-complex/);
      assert.doesNotMatch(findings, /missing-section/);
      const fixed = run('check', '--fix', '--format', 'json', file);
      assert.ok(fixed.status === 0 || fixed.status === 1, fixed.stderr);
      assert.equal(readFileSync(file, 'utf8'), text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('server: the diagnostic, no code action but the suppression, and fix-all a no-op', async () => {
    const client = TestClient.stdio();
    try {
      await client.initialize(PULL_CAPABILITIES);
      const uri = 'file:///guard/deep.md';
      await client.open(uri, text);
      const diagnostics = await client.diagnostics(uri);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.range.start.line]),
        [[RULE, 2]],
      );
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostics[0]!.range,
        context: { diagnostics },
      })) as { title: string; kind?: string; edit?: unknown }[];
      for (const action of actions) assert.ok(action.kind !== 'source.fixAll.nianbao' || action.edit === undefined || JSON.stringify(action.edit).length < 200, action.title);
      assert.ok(!actions.some((a) => a.kind === 'quickfix' && !/不再提示/.test(a.title)), actions.map((a) => a.title).join(', '));
      const other = 'file:///guard/seed.md';
      await client.open(other, SEED);
      assert.ok((await client.diagnostics(other)).length > 0);
    } finally {
      await client.stop();
    }
  });
});
