/**
 * Protocol tests of the language server, over stdio against the built dist/server.js and in
 * process: capabilities, diagnostics equal to the CLI's, quick fixes and fix-all, stale data,
 * cancellation, closing, non-report files, settings, and the document features.
 */
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import iconv from 'iconv-lite';
import { checkText, fixAll, fixText, RULES } from '../../server/src/core/index.js';
import type { PreviewTablesWire, TableFormWire } from '../../server/src/protocol.js';
import { FIXTURES, readMarkedFixture } from './helpers.js';

function pasted(name: string): string {
  return readFileSync(join(FIXTURES, 'pasted', `${name}.txt`), 'utf8');
}
import { PULL_CAPABILITIES, PUSH_CAPABILITIES, TestClient } from './lsp-client.js';

const seed = (name: string): string => readFileSync(join(FIXTURES, 'seeds', `${name}.md`), 'utf8');
const base2021 = (): string => readFileSync(join(FIXTURES, 'rules', '_base', 'base-2021.md'), 'utf8');
const real = (name: string): string => readFileSync(join(FIXTURES, 'real', `${name}.md`), 'utf8');
const keys = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => `${d.range.start.line + 1}:${d.code}`).sort();
const coreKeys = (text: string): string[] => {
  const result = checkText(text);
  return result.findings.map((f) => `${result.report.lines.lineAt(f.range.start) + 1}:${f.rule}`).sort();
};

for (const [mode, start] of [
  ['over stdio', async () => TestClient.stdio()],
  ['in process', async () => TestClient.inProcess()],
] as const) {
  describe(`language server ${mode}`, () => {
    let client: TestClient;
    before(async () => {
      client = await start();
      const init = await client.initialize(PULL_CAPABILITIES);
      const caps = init.capabilities as Record<string, Record<string, unknown>>;
      assert.ok(caps['diagnosticProvider'], 'pull diagnostics');
      assert.deepEqual(caps['codeActionProvider']!['codeActionKinds'], ['quickfix', 'source.fixAll.nianbao', 'refactor.rewrite.nianbao.totals']);
      assert.deepEqual(caps['executeCommandProvider']!['commands'], ['nianbao.server.fixAll', 'nianbao.server.convertTable', 'nianbao.server.convertDocument', 'nianbao.server.nextYear', 'nianbao.server.fillTotals']);
      for (const feature of ['documentSymbolProvider', 'foldingRangeProvider', 'hoverProvider', 'documentFormattingProvider']) assert.ok(caps[feature], feature);
    });
    after(async () => client.stop());

    it('reports on every seed exactly what the CLI reports', async () => {
      for (const name of ['seed-000-luhu-2020', 'seed-001-dongliu-2020', 'seed-002-gulou-2021', 'seed-003-sikou-2020', 'seed-004-xigang-2022']) {
        const uri = `file:///reports/${name}.md`;
        await client.open(uri, seed(name));
        const diagnostics = await client.diagnostics(uri);
        assert.deepEqual(keys(diagnostics), coreKeys(seed(name)), name);
        for (const d of diagnostics) assert.equal(d.source, 'nianbao');
        await client.close(uri);
      }
      const uri = 'file:///reports/huaian-2023.md';
      await client.open(uri, real('2023_huaian-hongzequ'));
      const items = await client.diagnostics(uri);
      assert.ok(items.some((d) => d.code === 'review-total' && d.range.start.line === 74 && d.severity === 1));
      assert.ok(items.some((d) => d.code === 'format-version' && d.range.start.line === 64));
      const review = items.find((d) => d.code === 'review-total')!;
      assert.match(String(review.message), /^表四“行政复议·总计”为 0，与本组总计不符：本格若为 11，则本组总计成立/);
      assert.ok(review.relatedInformation!.length >= 2, 'the addends are related locations');
      await client.close(uri);
    });

    it('applies a safe quick fix and the diagnostic is gone', async () => {
      const uri = 'file:///reports/gulou.md';
      await client.open(uri, seed('seed-002-gulou-2021'));
      const label = (await client.diagnostics(uri)).find((d) => d.code === 'table-label')!;
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: label.range,
        context: { diagnostics: [label] },
      })) as CodeAction[];
      const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === 'table-label')!;
      assert.equal(fix.isPreferred, true);
      await client.applyWorkspaceEdit(uri, fix.edit as never);
      const after = await client.diagnostics(uri);
      assert.ok(!after.some((d) => d.code === 'table-label'));
      assert.ok(client.text(uri).includes('| 信息内容 | 本年制发件数 |'));
      await client.close(uri);
    });

    it('applies an unsafe quick fix, which is never preferred', async () => {
      const uri = 'file:///reports/huaian.md';
      await client.open(uri, real('2023_huaian-hongzequ'));
      const review = (await client.diagnostics(uri)).filter((d) => d.code === 'review-total');
      assert.equal(review.length, 2);
      const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: review[0]!.range, context: { diagnostics: [review[0]] } })) as CodeAction[];
      const fix = actions.find((a) => a.kind === 'quickfix' && a.diagnostics?.length)!;
      assert.equal(fix.isPreferred, false);
      await client.applyWorkspaceEdit(uri, fix.edit as never);
      assert.equal((await client.diagnostics(uri)).filter((d) => d.code === 'review-total').length, 1);
      await client.close(uri);
    });

    it('offers source.fixAll.nianbao (what a save runs) as a versioned edit with the safe fixes in place only', async () => {
      const uri = 'file:///reports/gulou-fixall.md';
      // A half-written draft: a mistyped label and heading (corrected in place on save), section 六
      // and 表四 not written yet, a word typed twice and a 60号 citation in the prose (left for the
      // author: a save never inserts a section or a table, nor edits prose; issue 20).
      const text = seed('seed-002-gulou-2021')
        .replace('## 三、收到和处理政府信息公开申请情况', '## 3、收到和处理政府信息公开申请情况')
        .replace(/\n## 六、其他需要报告的事项[^]*$/, '\n')
        .replace(/(## 四、[^\n]*\n)[^#]*/, '$1\n本年度无行政复议、行政诉讼。\n\n')
        .replace('切实做好保密工作', '切实做好保密工作工作');
      await client.open(uri, text, 7);
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.nianbao'] },
      })) as CodeAction[];
      assert.equal(actions.length, 1);
      const edit = actions[0]!.edit as { documentChanges: { textDocument: { version: number } }[] };
      assert.equal(edit.documentChanges[0]!.textDocument.version, 7);
      await client.applyWorkspaceEdit(uri, edit as never);
      const saved = client.text(uri);
      assert.equal(saved, fixAll(checkText(text), {}, 'inPlace').text);
      assert.notEqual(saved, fixText(text).text, 'the fix-all command does more');
      assert.match(saved, /## 三、收到和处理政府信息公开申请情况/);
      assert.match(saved, /保密工作工作/);
      assert.match(saved, /\| 本年制发件数 \|/);
      assert.doesNotMatch(saved, /六、其他需要报告的事项/);
      assert.doesNotMatch(saved, /\| 行政复议 \|/);
      const remaining = await client.diagnostics(uri);
      assert.ok(remaining.some((d) => d.code === 'format-version'), 'the unsafe conversion was not applied');
      for (const rule of ['missing-section', 'missing-table']) assert.ok(remaining.some((d) => d.code === rule), `${rule} left for the author`);
      assert.ok(!remaining.some((d) => d.code === 'table-label' || d.code === 'section-heading'));
      assert.ok(remaining.some((d) => d.code === 'doubled-word'), 'prose is not edited on save');
      await client.close(uri);
    });

    it('ignores diagnostic data from an older version of the document', async () => {
      const uri = 'file:///reports/stale.md';
      await client.open(uri, seed('seed-004-xigang-2022'));
      const heading = (await client.diagnostics(uri)).find((d) => d.code === 'section-heading')!;
      await client.change(uri, `${client.text(uri)}\n补充一句。\n`);
      const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: heading.range, context: { diagnostics: [heading], only: ['quickfix'] } })) as CodeAction[];
      assert.deepEqual(actions, []);
      await client.close(uri);
    });

    it('offers 本行不再提示 <id> on every finding, never preferred and never in fix-all', async () => {
      const uri = 'file:///reports/suppress.md';
      const lines = base2021().split('\n');
      lines[18] = lines[18]!.replace('保密审查制度', '保密审查审查制度').replace('进行动态更新。', '进行动态更新，全年发布政府信息约300条。');
      lines[60] = lines[60]!.replace('| 6 | 3 | 2 |', '| 6 | 3 | 无 |');
      const text = lines.join('\n');
      await client.open(uri, text);
      const diagnostics = await client.diagnostics(uri);
      assert.deepEqual(keys(diagnostics), ['19:doubled-word', '19:vague-figure', '61:cell-value']);
      const actionsOf = async (d: Diagnostic) =>
        (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } })) as CodeAction[];
      const doubled = diagnostics.find((d) => d.code === 'doubled-word')!;
      const doubledActions = await actionsOf(doubled);
      const suppress = doubledActions.find((a) => a.title === '本行不再提示 doubled-word')!;
      assert.ok(suppress, doubledActions.map((a) => a.title).join(', '));
      assert.equal(suppress.isPreferred, false);
      assert.equal(suppress.kind, 'quickfix');
      assert.equal(doubledActions.indexOf(suppress), doubledActions.length - 1, 'after the fixes');
      // The fix-all edit and the fix-all code action never insert a directive.
      const fixAllActions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll.nianbao'] },
      })) as CodeAction[];
      assert.equal(fixAllActions.length, 1);
      assert.doesNotMatch(JSON.stringify(fixAllActions[0]!.edit), /nianbao-disable/);
      // In prose: a comment line before the line.
      await client.applyWorkspaceEdit(uri, suppress.edit as never);
      assert.equal(client.text(uri).split('\n')[18], '<!-- nianbao-disable-next-line doubled-word -->');
      const afterProse = await client.diagnostics(uri);
      assert.deepEqual(keys(afterProse), ['20:vague-figure', '62:cell-value']);
      // A second rule on that line goes into the same comment.
      const vague = afterProse.find((d) => d.code === 'vague-figure')!;
      await client.applyWorkspaceEdit(uri, (await actionsOf(vague)).find((a) => a.title === '本行不再提示 vague-figure')!.edit as never);
      assert.equal(client.text(uri).split('\n')[18], '<!-- nianbao-disable-next-line doubled-word vague-figure -->');
      const afterBoth = await client.diagnostics(uri);
      assert.deepEqual(keys(afterBoth), ['62:cell-value']);
      // On a GFM table row: at the end of the row, which stays a row of the table.
      const cell = afterBoth[0]!;
      const cellSuppress = (await actionsOf(cell)).find((a) => a.title === '本行不再提示 cell-value')!;
      await client.applyWorkspaceEdit(uri, cellSuppress.edit as never);
      assert.equal(client.text(uri).split('\n')[61], `${lines[60]} <!-- nianbao-disable-line cell-value -->`);
      assert.deepEqual(await client.diagnostics(uri), []);
      // Undo the fix by hand: the directive is now unused, with a safe fix and no suppression of its own.
      await client.change(uri, client.text(uri).replace('| 6 | 3 | 无 |', '| 6 | 3 | 2 |'));
      const unused = await client.diagnostics(uri);
      assert.deepEqual(keys(unused), ['62:unused-disable']);
      const unusedActions = await actionsOf(unused[0]!);
      assert.ok(!unusedActions.some((a) => a.title.startsWith('本行不再提示')));
      assert.equal(unusedActions[0]!.isPreferred, true);
      await client.close(uri);
    });

    it('links every diagnostic to its rule page and explains it on hover', async () => {
      const uri = 'file:///reports/links.md';
      const text = seed('seed-002-gulou-2021');
      await client.open(uri, text);
      const diagnostics = await client.diagnostics(uri);
      assert.ok(diagnostics.length > 0);
      for (const d of diagnostics) {
        const href = d.codeDescription?.href ?? '';
        assert.ok(href.startsWith('file:'), `${d.code}: ${href}`);
        assert.ok(href.endsWith(`/docs/rules/${d.code}.md`), href);
        assert.ok(existsSync(fileURLToPath(href)), href);
      }
      const label = diagnostics.find((d) => d.code === 'table-label')!;
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: label.range.start })) as { contents: { value: string }; range: Diagnostic['range'] };
      const rule = RULES.find((r) => r.id === 'table-label')!;
      assert.ok(hover.contents.value.includes(`规则 \`table-label\`：${rule.description.zh}`), hover.contents.value);
      assert.ok(hover.contents.value.includes(`[规则说明](${label.codeDescription!.href})`), hover.contents.value);
      await client.close(uri);
    });

    it('shows the explanation of a total and its finding together on hover', async () => {
      const uri = 'file:///reports/hover-both.md';
      const lines = base2021().split('\n');
      // 表三 row 1.属于国家秘密: 总计 20 → 21 (row-total on that cell; results-total and balance elsewhere).
      lines[60] = lines[60]!.replace('| 3 | 20 |', '| 3 | 21 |');
      const text = lines.join('\n');
      await client.open(uri, text);
      const total = (await client.diagnostics(uri)).find((d) => d.code === 'row-total' && d.range.start.line === 60)!;
      assert.ok(total);
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 60, character: lines[60]!.lastIndexOf('21') + 1 } })) as { contents: { value: string } };
      assert.match(hover.contents.value, /行总计/);
      assert.match(hover.contents.value, /\n---\n/);
      assert.match(hover.contents.value, /规则 `row-total`：/);
      // English.
      client.settings = { locale: 'en' };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const english = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 60, character: lines[60]!.lastIndexOf('21') + 1 } })) as { contents: { value: string } };
      assert.match(english.contents.value, /Rule `row-total`: /);
      assert.match(english.contents.value, /\[Rule page\]\(file:/);
      client.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.close(uri);
    });

    it('speaks Chinese by default, also to an English VS Code; auto follows the display language (issue 20)', async () => {
      const english = await TestClient.inProcess();
      try {
        await english.initialize(PULL_CAPABILITIES, { displayLanguage: 'en' });
        const uri = 'file:///reports/english-vscode.md';
        await english.open(uri, seed('seed-000-luhu-2020'));
        const messages = (await english.diagnostics(uri)).map((d) => String(d.message));
        assert.ok(messages.length > 0 && messages.every((m) => /[\u4e00-\u9fff]/.test(m) && /^[^A-Za-z]/.test(m)), messages.join('\n'));
        english.settings = { locale: 'auto' };
        await english.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
        const auto = (await english.diagnostics(uri)).map((d) => String(d.message));
        assert.ok(auto.some((m) => /^[A-Z]/.test(m)), auto.join('\n'));
        await english.close(uri);
      } finally {
        await english.stop();
      }
    });

    it('honours $/cancelRequest', async () => {
      const uri = 'file:///reports/cancel.md';
      await client.open(uri, seed('seed-000-luhu-2020'));
      const { CancellationTokenSource } = await import('vscode-languageserver-protocol/node');
      const source = new CancellationTokenSource();
      const pending = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
      source.cancel();
      await assert.rejects(pending, (error: { code?: number }) => error.code === -32800);
      await client.close(uri);
    });

    it('gives an ordinary Markdown file nothing', async () => {
      const uri = 'file:///notes/todo.md';
      await client.open(uri, '# 待办事项\n\n- 整理会议纪要\n- 三、收到和处理政府信息公开申请情况的统计\n');
      assert.deepEqual(await client.diagnostics(uri), []);
      await client.until(() => client.statuses.some((s) => (s as { uri: string }).uri === uri));
      assert.equal((client.statuses.findLast((s) => (s as { uri: string }).uri === uri) as { isReport: boolean }).isReport, false);
      await client.close(uri);
    });

    it('follows the settings: rules, format and locale', async () => {
      const uri = 'file:///reports/settings.md';
      await client.open(uri, seed('seed-002-gulou-2021'));
      client.settings = { rules: { 'table-label': 'off', 'format-version': 'warning' }, locale: 'en' };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const items = await client.diagnostics(uri);
      assert.ok(!items.some((d) => d.code === 'table-label'));
      const version = items.find((d) => d.code === 'format-version')!;
      assert.equal(version.severity, 2);
      assert.match(String(version.message), /^A 2021 report should use the 2021 format/);
      client.settings = { enable: false };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.deepEqual(await client.diagnostics(uri), []);
      client.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.close(uri);
    });

    it('checks on save only with run: onSave, and treats files matching nianbao.files as reports', async () => {
      client.settings = { run: 'onSave', files: ['drafts/**/*.md'] };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const uri = 'file:///reports/on-save.md';
      await client.open(uri, seed('seed-004-xigang-2022'));
      const headings = async () => keys(await client.diagnostics(uri)).filter((k) => k.endsWith('section-heading'));
      assert.deepEqual(await headings(), ['73:section-heading']);
      await client.change(uri, client.text(uri).replace('## 五、存在的主要问题和改进措施', '## 五、存在的主要问题及改进情况'));
      assert.deepEqual(await headings(), ['73:section-heading'], 'not re-checked before saving');
      await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      assert.deepEqual(await headings(), []);
      await client.close(uri);
      const draft = 'file:///work/drafts/unit/notes.md';
      await client.open(draft, '本单位年度工作记录\n\n一、总体情况\n\n略。\n');
      assert.ok((await client.diagnostics(draft)).some((d) => d.code === 'missing-section'));
      await client.close(draft);
      client.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    });

    it('serves outline, folding, hover, formatting and templates', async () => {
      const uri = 'file:///reports/features.md';
      const text = real('2024_huaianshi');
      await client.open(uri, text);
      const symbols = (await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as { name: string; children: { name: string }[] }[];
      assert.deepEqual(symbols.map((s) => s.name), ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
      assert.ok(symbols[2]!.children.some((c) => c.name.startsWith('表三')));
      const folds = (await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as unknown[];
      assert.equal(folds.length, 6);
      // 表三 row 一, the 总计 cell "3119" on line 43.
      const line = text.split('\n')[42]!;
      const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 42, character: line.indexOf('3119') + 1 } })) as { contents: { value: string } };
      assert.match(hover.contents.value, /行总计（六类申请人之和）：总计 3119 = 3119；自然人 3001 \+ 商业企业 53/);
      assert.match(hover.contents.value, /勾稽关系|✓ 相符/);
      const edits = (await client.connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })) as { range: unknown; newText: string }[];
      assert.ok(edits.length > 0);
      const template = (await client.connection.sendRequest('nianbao/template', { kind: 'table3', uri })) as { text: string; format: string };
      assert.equal(template.format, '2021');
      assert.match(template.text, /3\.其他/);
      const skeleton = (await client.connection.sendRequest('nianbao/template', { kind: 'skeleton', year: 2020, body: '测试街道' })) as { text: string; format: string; fileName: string };
      assert.equal(skeleton.format, '2019');
      assert.equal(skeleton.fileName, '2020-测试街道.md', 'Save As offers <年度>-<机关>.md (issue 20)');
      const next = (await client.connection.sendRequest('workspace/executeCommand', { command: 'nianbao.server.nextYear', arguments: [uri] })) as { fileName: string };
      assert.match(next.fileName, /^2025-.+\.md$/);
      assert.match(skeleton.text, /^# 测试街道2020年政府信息公开工作年度报告/);
      // Blank is not zero (issue 20): the templates leave every figure to the author.
      for (const rendered of [template.text, skeleton.text]) assert.doesNotMatch(rendered, /\| 0 \|/);
      await client.close(uri);
    });

    it('applies fix-all through workspace/executeCommand', async () => {
      const uri = 'file:///reports/command.md';
      const text = seed('seed-000-luhu-2020');
      await client.open(uri, text, 3);
      await client.connection.sendRequest('workspace/executeCommand', { command: 'nianbao.server.fixAll', arguments: [uri, 3] });
      const applied = client.applied.at(-1) as { edit: { documentChanges: { textDocument: { version: number } }[] } };
      assert.equal(applied.edit.documentChanges[0]!.textDocument.version, 3);
      await client.applyWorkspaceEdit(uri, applied.edit as never);
      assert.equal(client.text(uri), fixText(text).text);
      await client.close(uri);
    });

    it('converts a pasted draft to canonical Markdown, and then the table at the cursor of a GFM variant', async () => {
      const uri = 'file:///reports/pasted.md';
      const text = pasted('seed-003-sikou-2020');
      await client.open(uri, text, 1);
      const before = (await client.diagnostics(uri)).filter((d) => d.code !== 'table-markdown').map((d) => `${d.code} ${d.message}`).sort();
      await client.connection.sendRequest('workspace/executeCommand', { command: 'nianbao.server.convertDocument', arguments: [uri, 1] });
      const applied = client.applied.at(-1) as { edit: { documentChanges: { textDocument: { version: number } }[] } };
      assert.equal(applied.edit.documentChanges[0]!.textDocument.version, 1);
      await client.applyWorkspaceEdit(uri, applied.edit as never);
      const converted = client.text(uri);
      assert.match(converted, /^\s*# 2020年栖霞市寺口镇政府信息公开年报\n/);
      assert.match(converted, /\n## 三、收到和处理政府信息公开申请情况\n/);
      assert.match(converted, /\n\| 四、结转下年度继续办理 \| {2}\| {2}\| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \| 0 \|\n/);
      assert.doesNotMatch(converted, /\t/);
      const report = checkText(converted).report;
      for (const table of Object.values(report.tables)) assert.ok(table!.grids.every((g) => g.source === 'gfm'));
      const after = (await client.diagnostics(uri)).map((d) => `${d.code} ${d.message}`).sort();
      assert.deepEqual(after, before);
      await client.close(uri);

      const variant = 'file:///reports/variant.md';
      const split = readFileSync(join(FIXTURES, 'rules', 'missing-table', 'right-split-table2.md'), 'utf8');
      await client.open(variant, split, 7);
      const line = split.split('\n').findIndex((l) => l.startsWith('| 信息内容'));
      await client.connection.sendRequest('workspace/executeCommand', { command: 'nianbao.server.convertTable', arguments: [variant, 7, { line, character: 2 }] });
      const edit = client.applied.at(-1) as { edit: never };
      await client.applyWorkspaceEdit(variant, (edit as { edit: never }).edit);
      const grids = checkText(client.text(variant)).report.tables.table2!.grids;
      assert.equal(grids.length, 1);
      assert.deepEqual(await client.diagnostics(variant), []);
      await client.close(variant);
    });
  });
}

describe('language server for a client without pull diagnostics', () => {
  let client: TestClient;
  before(async () => {
    client = TestClient.stdio();
    const init = await client.initialize(PUSH_CAPABILITIES);
    assert.equal((init.capabilities as Record<string, unknown>)['diagnosticProvider'], undefined);
    // The version is injected into the bundle at build time (scripts/build.mjs).
    const { version } = JSON.parse(readFileSync(join(FIXTURES, '..', '..', 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual((init as { serverInfo?: unknown }).serverInfo, { name: 'nianbao', version });
  });
  after(async () => client.stop());

  it('says in the status whether the format is forced by the settings, so the status bar need not read them', async () => {
    const uri = 'file:///reports/forced.md';
    type Status = { uri: string; requiredFormat?: string; formatForced: boolean };
    const statusOf = () => client.statuses.findLast((s) => (s as Status).uri === uri) as Status | undefined;
    await client.open(uri, seed('seed-004-xigang-2022'));
    await client.until(() => statusOf() !== undefined);
    assert.deepEqual([statusOf()!.requiredFormat, statusOf()!.formatForced], ['2021', false]);
    client.settings = { format: '2019' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    try {
      await client.until(() => statusOf()?.formatForced === true);
      assert.equal(statusOf()!.requiredFormat, '2019');
    } finally {
      client.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await client.close(uri);
    }
  });

  it('pushes diagnostics on open and after typing, and clears them on close', async () => {
    const uri = 'file:///reports/push.md';
    await client.open(uri, seed('seed-004-xigang-2022'));
    await client.until(() => client.published.some((p) => p.uri === uri && p.diagnostics.length > 0));
    assert.deepEqual(keys(client.published.findLast((p) => p.uri === uri)!.diagnostics), coreKeys(seed('seed-004-xigang-2022')));
    // The status bar counts the info (186余条) but not the hint (a tolerated heading of 五).
    await client.until(() => client.statuses.some((s) => (s as { uri: string }).uri === uri));
    const status = client.statuses.findLast((s) => (s as { uri: string }).uri === uri) as { errors: number; warnings: number; infos: number };
    assert.deepEqual([status.errors, status.warnings, status.infos], [0, 0, 1]);
    const fixed = client.text(uri).replace('## 五、存在的主要问题和改进措施', '## 五、存在的主要问题及改进情况');
    await client.change(uri, fixed);
    const headings = () => client.published.findLast((p) => p.uri === uri)!.diagnostics.filter((d) => d.code === 'section-heading').length;
    await client.until(() => headings() === 0);
    await client.change(uri, seed('seed-004-xigang-2022'));
    await client.until(() => headings() > 0);
    await client.close(uri);
    await client.until(() => {
      const last = client.published.findLast((p) => p.uri === uri)!;
      return last.diagnostics.length === 0;
    });
  });

  it('pushes nothing but an empty list for an ordinary Markdown file', async () => {
    const uri = 'file:///notes/readme.md';
    await client.open(uri, '# 说明\n\n普通的 Markdown 文件。\n');
    await client.until(() => client.published.some((p) => p.uri === uri));
    assert.ok(client.published.filter((p) => p.uri === uri).every((p) => p.diagnostics.length === 0));
    await client.close(uri);
  });
});

describe('language server across reports', () => {
  let client: TestClient;
  let dir: string;
  const carriedBefore = '| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |';
  const carriedWrong = '| 四、结转下年度继续办理 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |';
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nianbao-ws-'));
    mkdirSync(join(dir, '2023'));
    writeFileSync(join(dir, '2023', 'hongze.md'), real('2023_huaian-hongzequ').replace(carriedBefore, carriedWrong));
    writeFileSync(join(dir, 'other-body-2023.md'), real('2023_huaian-hongzequ').replaceAll('洪泽区', '涟水县'));
    client = TestClient.stdio();
    await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' }, [{ uri: pathToFileURL(dir).toString(), name: 'reports' }]);
  });
  after(async () => client.stop());

  it('checks a report against last year’s report in the workspace, and re-checks when either changes', async () => {
    const uri = pathToFileURL(join(dir, 'hongze-2024.md')).toString();
    const previousUri = pathToFileURL(join(dir, '2023', 'hongze.md')).toString();
    await client.open(uri, real('2024_huaian-hongzequ'));
    let carry = (await client.diagnostics(uri)).filter((d) => d.code === 'carryover');
    assert.equal(carry.length, 2);
    assert.match(String(carry[0]!.message), /上一年度报告（2023\/hongze\.md 第 67 行）/);
    assert.equal(carry[0]!.relatedInformation![0]!.location.uri, previousUri);

    // Editing last year's report in the editor re-checks this one.
    const refreshes = client.refreshes;
    await client.open(previousUri, readFileSync(join(dir, '2023', 'hongze.md'), 'utf8'));
    await client.change(previousUri, client.text(previousUri).replace(carriedWrong, carriedBefore));
    await client.until(() => client.refreshes > refreshes);
    carry = (await client.diagnostics(uri)).filter((d) => d.code === 'carryover');
    assert.equal(carry.length, 0);

    // Closed again, the file on disk counts; a change on disk arrives as a watched-file event.
    await client.close(previousUri);
    writeFileSync(join(dir, '2023', 'hongze.md'), real('2023_huaian-hongzequ').replace(carriedBefore, carriedWrong));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: previousUri, type: 2 }] });
    await client.until(() => client.refreshes > refreshes + 1);
    assert.equal((await client.diagnostics(uri)).filter((d) => d.code === 'carryover').length, 2);
    await client.close(uri);
  });
});

describe('language server across reports, last year’s report in GB18030 or UTF-16 on disk', () => {
  const carriedBefore = '| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |';
  const carriedWrong = '| 四、结转下年度继续办理 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |';
  const save = {
    gb18030: (text: string) => iconv.encode(text, 'gb18030'),
    'utf-16le': (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le'),
  };
  for (const [encoding, encode] of Object.entries(save)) {
    it(`${encoding}: reads it as the CLI does, and again when it changes on disk`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'nianbao-ws-'));
      const previous = join(dir, '2023', 'hongze.md');
      mkdirSync(join(dir, '2023'));
      writeFileSync(previous, encode(real('2023_huaian-hongzequ').replace(carriedBefore, carriedWrong)));
      const client = TestClient.stdio();
      try {
        await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' }, [{ uri: pathToFileURL(dir).toString(), name: 'reports' }]);
        const uri = pathToFileURL(join(dir, 'hongze-2024.md')).toString();
        await client.open(uri, real('2024_huaian-hongzequ'));
        const diagnostics = await client.diagnostics(uri);
        const carry = diagnostics.filter((d) => d.code === 'carryover');
        assert.equal(carry.length, 2);
        assert.match(String(carry[0]!.message), /上一年度报告（2023\/hongze\.md 第 67 行）“四、结转下年度继续办理”为 3/);
        assert.ok(!diagnostics.some((d) => d.code === 'file-encoding'), 'an open document is text already');
        const refreshes = client.refreshes;
        writeFileSync(previous, encode(real('2023_huaian-hongzequ')));
        await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(previous).toString(), type: 2 }] });
        await client.until(() => client.refreshes > refreshes);
        assert.equal((await client.diagnostics(uri)).filter((d) => d.code === 'carryover').length, 0);
      } finally {
        await client.stop();
      }
    });
  }
});

describe('language server with a config file', () => {
  it('applies the .nianbaorc.json of the workspace folder under the editor settings, and re-checks when it changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-ws-'));
    const config = join(dir, '.nianbaorc.json');
    writeFileSync(config, '{\n  // 叠词不查\n  "rules": { "doubled-word": "off", "no-such-rule": "off" }\n}\n');
    const client = TestClient.stdio();
    try {
      await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' }, [{ uri: pathToFileURL(dir).toString(), name: 'reports' }]);
      const uri = pathToFileURL(join(dir, 'report.md')).toString();
      await client.open(uri, readFileSync(join(FIXTURES, 'rules', 'doubled-word', 'wrong-word.md'), 'utf8'));
      assert.ok(!(await client.diagnostics(uri)).some((d) => d.code === 'doubled-word'));
      assert.ok(client.logs.some((l) => l.includes(config)), 'the output names the config');
      assert.ok(client.logs.some((l) => l.includes(`${config}:3:`) && l.includes('no-such-rule')), 'and its problems, with the line');

      // The editor's nianbao.rules naming the rule wins.
      client.settings = { rules: { 'doubled-word': 'error' } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.equal((await client.diagnostics(uri)).find((d) => d.code === 'doubled-word')?.severity, 1);
      client.settings = {};
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.ok(!(await client.diagnostics(uri)).some((d) => d.code === 'doubled-word'));

      // The config changes on disk: a watched-file event re-checks the open documents.
      const refreshes = client.refreshes;
      writeFileSync(config, '{ "rules": { "doubled-word": "warning" } }');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).toString(), type: 2 }] });
      await client.until(() => client.refreshes > refreshes);
      assert.equal((await client.diagnostics(uri)).find((d) => d.code === 'doubled-word')?.severity, 2);

      // A broken config: the defaults apply, the output says where.
      writeFileSync(config, '{ "rules": ');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).toString(), type: 2 }] });
      await client.until(() => client.refreshes > refreshes + 1);
      assert.equal((await client.diagnostics(uri)).find((d) => d.code === 'doubled-word')?.severity, 3);
      assert.ok(client.logs.some((l) => l.includes(`${config}:1:`) && l.includes('不是有效的 JSON')));
      await client.close(uri);
    } finally {
      await client.stop();
    }
  });
});

describe('language server: import from a Word document', () => {
  it('returns the canonical draft of a .docx, and a clear error for a damaged one, writing nothing', async () => {
    const client = TestClient.stdio();
    try {
      await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' });
      const docx = join(FIXTURES, 'html', 'sources', 'html-mammoth-errors-2021.docx');
      // A file picked in the dialog: its bytes come from the client.
      const picked = (uri: string, bytes: Buffer): Promise<unknown> => client.connection.sendRequest('nianbao/import', { uri, data: bytes.toString('base64') });
      const result = (await picked(pathToFileURL(docx).toString(), readFileSync(docx))) as { text: string; notes: string[] };
      assert.match(result.text, /^# 青松县市场监督管理局2022年政府信息公开工作年度报告\n/);
      const rules = checkText(result.text).findings.map((f) => f.rule).sort();
      assert.deepEqual(rules, ['review-total', 'row-total', 'row-total', 'table-label']);
      const dir = mkdtempSync(join(tmpdir(), 'nianbao-import-'));
      const bad = (await picked(pathToFileURL(join(dir, 'bad.docx')).toString(), Buffer.from('not a zip'))) as { error: string };
      assert.match(bad.error, /不是 \.docx 文档/);
      const other = (await client.connection.sendRequest('nianbao/import', { uri: pathToFileURL(join(dir, 'notes.txt')).toString() })) as { error: string };
      assert.match(other.error, /请选择 \.docx、\.html 或 \.pdf 文件/);
      // A text PDF (issue 22), through the Node host's reader: the draft with its tables.
      const pdf = join(FIXTURES, 'forms', 'seeds--seed-002-gulou-2021.lo.pdf');
      const fromPdf = (await picked(pathToFileURL(pdf).toString(), readFileSync(pdf))) as { text?: string; error?: string };
      assert.equal(fromPdf.error, undefined);
      assert.match(fromPdf.text ?? '', /半年制发件数/);
      assert.ok(checkText(fromPdf.text!).findings.some((f) => f.rule === 'table-label'), 'the PDF\'s mistyped label is found in its draft');
      const scanned = (await picked(pathToFileURL(join(dir, 'scan.pdf')).toString(), readFileSync(join(FIXTURES, 'forms', 'scanned.pdf')))) as { error: string };
      assert.match(scanned.error, /扫描版 PDF/);
      assert.deepEqual(readdirSync(dir), []);
    } finally {
      await client.stop();
    }
  });

  it('reads a file by its URI only inside the workspace folders, never through a link out of them (issue 18)', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'nianbao-import-outside-'));
    const workspace = mkdtempSync(join(tmpdir(), 'nianbao-import-workspace-'));
    const docx = join(FIXTURES, 'html', 'sources', 'html-mammoth-2021.docx');
    copyFileSync(docx, join(outside, 'secret.docx'));
    writeFileSync(join(outside, 'system.html'), '<p>系统文件的内容</p>');
    copyFileSync(docx, join(workspace, 'inside.docx'));
    symlinkSync(join(outside, 'system.html'), join(workspace, 'link.html'));
    const client = TestClient.stdio();
    try {
      await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' }, [{ uri: pathToFileURL(workspace).toString(), name: 'w' }]);
      const ask = (path: string): Promise<{ text?: string; error?: string }> => client.connection.sendRequest('nianbao/import', { uri: pathToFileURL(path).toString() });
      assert.match((await ask(join(workspace, 'inside.docx'))).text ?? '', /^# /);
      for (const path of [join(outside, 'secret.docx'), join(workspace, 'link.html'), join(workspace, '..', basename(outside), 'secret.docx')]) {
        const answer = await ask(path);
        assert.equal(answer.text, undefined, path);
        assert.match(answer.error ?? '', /不在工作区文件夹中（或是指向工作区之外的链接）/, path);
        assert.doesNotMatch(answer.error ?? '', /系统文件的内容/);
      }
    } finally {
      await client.stop();
    }
  });
});

describe('language server: export as a Word document', () => {
  it('returns the .docx and .html bytes of an open report, and refuses a document that is no report', async () => {
    const client = TestClient.stdio();
    try {
      await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' });
      const uri = 'file:///reports/export.md';
      await client.open(uri, readFileSync(join(FIXTURES, 'seeds', 'seed-002-gulou-2021.md'), 'utf8'));
      const docx = (await client.connection.sendRequest('nianbao/export', { uri, to: 'docx' })) as { base64: string; notes: string[] };
      const bytes = Buffer.from(docx.base64, 'base64');
      assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
      const html = (await client.connection.sendRequest('nianbao/export', { uri, to: 'html' })) as { base64: string };
      assert.match(Buffer.from(html.base64, 'base64').toString('utf8'), /<table[^>]*>[\s\S]*rowspan="3"/);
      const memo = 'file:///reports/memo.md';
      await client.open(memo, '# 会议纪要\n\n今天开会。\n');
      const refused = (await client.connection.sendRequest('nianbao/export', { uri: memo, to: 'docx' })) as { error: string };
      assert.match(refused.error, /没有被识别为年度报告/);
    } finally {
      await client.stop();
    }
  });
});

describe('language server: a table as a form, and the previews in the official layout', () => {
  it('gives a CodeLens per table, the form with its findings on their cells, the edit a value needs, and the marked preview', async () => {
    const client = TestClient.stdio();
    try {
      await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' });
      const uri = 'file:///reports/form.md';
      const { text } = readMarkedFixture(join(FIXTURES, 'rules', 'row-total', 'wrong-one-cell.md'));
      await client.open(uri, text);
      const diagnostics = await client.diagnostics(uri);
      const lenses = (await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })) as { range: Diagnostic['range']; command: { title: string; command: string; arguments: unknown[] } }[];
      assert.deepEqual(lenses.map((l) => l.command.arguments[1]), ['table2', 'table3', 'table4']);
      const onTable3 = diagnostics.filter((d) => d.code === 'row-total').length;
      assert.equal(onTable3, 1);
      assert.equal(lenses[1]!.command.title, '在表单中填写 · 1 处问题');
      assert.equal(lenses[0]!.command.title, '在表单中填写');
      assert.equal(lenses[1]!.command.command, 'nianbao.openTableForm');
      const form = (await client.connection.sendRequest('nianbao/tableForm', { uri, position: lenses[1]!.range.start })) as TableFormWire;
      assert.equal(form.table, 'table3');
      assert.equal(form.title, '表三（收到和处理政府信息公开申请情况） · 2021版格式');
      assert.equal(form.rows[0]![0]!.rowspan, 3);
      const values = form.rows.flat().filter((c) => c.value !== undefined);
      const wrong = values.filter((c) => c.value!.findings.length > 0);
      assert.equal(wrong.length, 1);
      assert.match(form.findings[wrong[0]!.value!.findings[0]!]!.message, /总计/);
      assert.deepEqual(form.findings[0]!.range, diagnostics.find((d) => d.code === 'row-total')!.range);
      // The wrong cell is 6.属于四类过程性信息 · 商业企业 (4 instead of 2): write 2 there.
      const cell = values.find((c) => c.value!.name.includes('四类过程性信息') && c.value!.name.includes('“商业企业”列'))!;
      assert.equal(cell.value!.text, '4');
      const answer = (await client.connection.sendRequest('nianbao/cellEdit', { uri, version: form.version, table: 'table3', key: cell.value!.key, value: '2' })) as { edit: { range: Diagnostic['range']; newText: string } };
      assert.deepEqual(answer.edit.range, cell.value!.range);
      assert.equal(answer.edit.newText, '2');
      const lines = text.split('\n');
      const { start, end } = answer.edit.range;
      lines[start.line] = lines[start.line]!.slice(0, start.character) + answer.edit.newText + lines[start.line]!.slice(end.character);
      const version = await client.change(uri, lines.join('\n'));
      assert.deepEqual((await client.diagnostics(uri)).filter((d) => d.code === 'row-total'), []);
      const stale = (await client.connection.sendRequest('nianbao/cellEdit', { uri, version: form.version, table: 'table3', key: cell.value!.key, value: '3' })) as { error: string };
      assert.match(stale.error, /已被修改/);
      const refused = (await client.connection.sendRequest('nianbao/cellEdit', { uri, version, table: 'table3', key: cell.value!.key, value: '1|2' })) as { error: string };
      assert.match(refused.error, /不能写“\|”/);
      const again = (await client.connection.sendRequest('nianbao/tableForm', { uri, table: 'table3' })) as TableFormWire;
      assert.equal(again.version, version);
      assert.deepEqual(again.findings, []);
      assert.equal((await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }) as { command: { title: string } }[])[1]!.command.title, '在表单中填写');

      await client.change(uri, text);
      const preview = (await client.connection.sendRequest('nianbao/previewTables', { uri })) as PreviewTablesWire;
      assert.equal(preview.text, text);
      assert.deepEqual(preview.tables.map((t) => t.table), ['table2', 'table3', 'table4']);
      const table3 = preview.tables[1]!;
      assert.match(table3.html, /<td class="num nianbao-mark nianbao-error" title="[^"]*总计[^"]*\(row-total\)">4<\/td>/);
      assert.equal((table3.html.match(/nianbao-mark/g) ?? []).length, 1);
      const first = lines.findIndex((l) => l.startsWith('| （本列数据'));
      assert.deepEqual(table3.blocks, [{ startLine: first, endLine: lines.findIndex((l) => l.startsWith('| 四、结转下年度')) }]);
      const whole = (await client.connection.sendRequest('nianbao/previewReport', { uri })) as { html: string };
      assert.match(whole.html, /^<!DOCTYPE html>/);
      assert.match(whole.html, /rowspan="3"/);
      const memo = 'file:///reports/memo.md';
      await client.open(memo, '# 会议纪要\n\n今天开会。\n');
      assert.deepEqual(await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: memo } }), []);
      assert.match(((await client.connection.sendRequest('nianbao/tableForm', { uri: memo, table: 'table3' })) as { error: string }).error, /没有被识别为年度报告/);
      assert.match(((await client.connection.sendRequest('nianbao/tableForm', { uri, position: { line: 0, character: 0 } })) as { error: string }).error, /没有标准表格/);
    } finally {
      await client.stop();
    }
  });

  it('shows and edits the text as it is in onSave mode, whose findings wait for the save', async () => {
    const client = TestClient.stdio();
    try {
      client.settings = { run: 'onSave' };
      await client.initialize(PULL_CAPABILITIES, { displayLanguage: 'zh-cn' });
      const uri = 'file:///reports/on-save.md';
      const text = base2021();
      await client.open(uri, text);
      const edited = text.replace('| （一）予以公开 |  | 3 |', '| （一）予以公开 |  | 30 |');
      const version = await client.change(uri, edited);
      const form = (await client.connection.sendRequest('nianbao/tableForm', { uri, table: 'table3' })) as TableFormWire;
      assert.equal(form.version, version);
      const cell = form.rows.flat().find((c) => c.value?.name.includes('（一）予以公开') && c.value.name.includes('“自然人”列'))!;
      assert.equal(cell.value!.text, '30');
      const answer = (await client.connection.sendRequest('nianbao/cellEdit', { uri, version, table: 'table3', key: cell.value!.key, value: '3' })) as { edit: { range: Diagnostic['range'] } };
      assert.deepEqual(answer.edit.range, cell.value!.range);
    } finally {
      await client.stop();
    }
  });
});
