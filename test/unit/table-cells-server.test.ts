/**
 * Issue 21 through the protocol: the hover on any figure cell, the table lines in the status,
 * TABLE_CELL_REQUEST (where the cursor is, where Tab / Shift+Tab / Enter go) and 计算合计 as a
 * command and as code actions (blank totals only; all totals behind a confirmation) — over stdio
 * against the built dist/server.js and in process.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { buildReport, tableCells } from '../../server/src/core/index.js';
import { FIXTURES } from './helpers.js';
import { PULL_CAPABILITIES, TestClient } from './lsp-client.js';

const read = (path: string): string => readFileSync(join(FIXTURES, path), 'utf8');
type Position = { line: number; character: number };
type Answer = { title: string; relations: string[]; range?: { start: Position; end: Position }; isTotal?: boolean } | null;
type Status = { uri: string; tableLines?: { table: string; start: number; end: number }[] };

/** The LSP position of an offset. */
function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

/** The text with every total of 表三 and 表四 blanked. */
function blankTotals(text: string): string {
  const report = buildReport(text);
  const edits = (['table3', 'table4'] as const).flatMap((id) => tableCells(report, id).filter((c) => c.isTotal && c.text !== ''));
  let out = text;
  for (const cell of edits.sort((a, b) => b.target.start - a.target.start)) out = out.slice(0, cell.target.start) + out.slice(cell.target.end);
  return out;
}

const CAPABILITIES = {
  ...PULL_CAPABILITIES,
  workspace: { ...PULL_CAPABILITIES.workspace, workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } },
};

for (const [mode, start] of [
  ['over stdio', async () => TestClient.stdio()],
  ['in process', async () => TestClient.inProcess()],
] as const) {
  describe(`tables as a drafter fills them, ${mode}`, () => {
    let client: TestClient;
    before(async () => {
      client = await start();
      const init = await client.initialize(CAPABILITIES);
      const caps = init.capabilities as Record<string, Record<string, unknown>>;
      assert.ok((caps['codeActionProvider']!['codeActionKinds'] as string[]).includes('refactor.rewrite.nianbao.totals'));
      assert.ok((caps['executeCommandProvider']!['commands'] as string[]).includes('nianbao.server.fillTotals'));
    });
    after(async () => client.stop());

    for (const file of ['seeds/seed-002-gulou-2021.md', 'html/html-mammoth-2021.md', 'pasted/seed-002-gulou-2021.txt']) {
      it(`${file}: hover names any cell; the status carries the table lines; the request answers where and where to`, async () => {
        const uri = `file:///reports/${file.replace(/\//g, '-')}`;
        const text = read(file);
        await client.open(uri, text);
        const report = buildReport(text);
        const cell = tableCells(report, 'table3').find((c) => c.row === 'granted' && c.column === 'business')!;
        const position = positionAt(text, cell.target.start);
        const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as { contents: { value: string } };
        assert.match(hover.contents.value, /^\*\*表三 · （一）予以公开 · 商业企业\*\*\n\n- 行总计（六类申请人之和）：/);
        assert.match(hover.contents.value, /\n- 办理结果总计（各项办理结果之和）：/);

        await client.until(() => (client.statuses as Status[]).some((s) => s.uri === uri && s.tableLines));
        const status = (client.statuses as Status[]).filter((s) => s.uri === uri).at(-1)!;
        const table3 = status.tableLines!.find((l) => l.table === 'table3')!;
        assert.ok(table3.start <= position.line && position.line <= table3.end, 'the cell is inside 表三’s lines');
        assert.deepEqual(status.tableLines!.map((l) => l.table), ['table2', 'table3', 'table4']);

        const ask = (move?: string) => client.connection.sendRequest('nianbao/tableCell', { uri, version: 1, position, ...(move ? { move } : {}) }) as Promise<Answer>;
        const here = await ask();
        assert.equal(here!.title, '表三 · （一）予以公开 · 商业企业');
        assert.equal(here!.relations.length, 2);
        const next = await ask('next');
        assert.equal(next!.title, '表三 · （一）予以公开 · 科研机构');
        const nextCell = tableCells(report, 'table3').find((c) => c.row === 'granted' && c.column === 'research')!;
        assert.deepEqual(next!.range, { start: positionAt(text, nextCell.target.start), end: positionAt(text, nextCell.target.end) });
        assert.equal((await ask('previous'))!.title, '表三 · （一）予以公开 · 自然人');
        assert.match((await ask('down'))!.title, /^表三 · （二）部分公开.* · 商业企业$/);
        // A stale version gets no answer; outside the tables none either.
        assert.equal(await client.connection.sendRequest('nianbao/tableCell', { uri, version: 99, position }), null);
        assert.equal(await client.connection.sendRequest('nianbao/tableCell', { uri, version: 1, position: { line: 0, character: 0 } }), null);
        await client.close(uri);
      });
    }

    it('on a label the status says the table and the row', async () => {
      const uri = 'file:///reports/label.md';
      const text = read('seeds/seed-002-gulou-2021.md');
      await client.open(uri, text);
      const answer = (await client.connection.sendRequest('nianbao/tableCell', { uri, version: 1, position: positionAt(text, text.indexOf('（一）予以公开') + 2) })) as Answer;
      assert.equal(answer!.title, '表三 · （一）予以公开');
      assert.equal(answer!.range, undefined);
      await client.close(uri);
    });

    it('计算合计 fills the blank totals (command), then the diagnostics of the totals are gone', async () => {
      const uri = 'file:///reports/totals.md';
      const original = read('real/2024_huaianshi.md');
      const text = blankTotals(original);
      await client.open(uri, text);
      const blank = await client.diagnostics(uri);
      assert.ok(blank.length > 0);
      const result = (await client.connection.sendRequest('workspace/executeCommand', { command: 'nianbao.server.fillTotals', arguments: [uri, 1, null, 'blank'] })) as { filled: number; partsBlank: number; message: string };
      assert.ok(result.filled > 30, JSON.stringify(result));
      assert.equal(result.partsBlank, 0);
      assert.match(result.message, /^表三、表四：已由各分项之和填写 \d+ 个合计。$/);
      const applied = client.applied.at(-1) as { label: string; edit: { documentChanges: { textDocument: { uri: string; version: number }; edits: { range: Diagnostic['range']; newText: string }[] }[] } };
      assert.equal(applied.label, '计算合计');
      await client.applyWorkspaceEdit(uri, applied.edit);
      assert.equal(client.text(uri), original, 'the author’s totals, which held, written back');
      // The diagnostics after: those of the author's draft (the totals' findings of the blank draft gone).
      const keys = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.code}`).sort();
      const filled = keys(await client.diagnostics(uri));
      assert.ok(filled.length < blank.length, `${blank.length} → ${filled.length}`);
      await client.open(`${uri}.orig.md`, original);
      assert.deepEqual(filled, keys(await client.diagnostics(`${uri}.orig.md`)));
      await client.close(`${uri}.orig.md`);
      await client.close(uri);
    });

    it('code actions: 计算合计 on the table at the cursor, the overwrite through a preview; none in a fix-all', async () => {
      const uri = 'file:///reports/totals-actions.md';
      const original = read('seeds/seed-002-gulou-2021.md');
      // A blank row total and a wrong one in 表三.
      const report = buildReport(original);
      const cells = tableCells(report, 'table3');
      const grantedTotal = cells.find((c) => c.row === 'granted' && c.column === 'total')!;
      const newTotal = cells.find((c) => c.row === 'new' && c.column === 'total')!;
      const text = original.slice(0, newTotal.target.start) + '7' + original.slice(newTotal.target.end, grantedTotal.target.start) + original.slice(grantedTotal.target.end);
      await client.open(uri, text);
      await client.diagnostics(uri);
      const position = positionAt(text, grantedTotal.inner.start + 1);
      const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } })) as CodeAction[];
      const totals = actions.filter((a) => a.kind === 'refactor.rewrite.nianbao.totals');
      assert.deepEqual(totals.map((a) => a.title), ['计算合计：填写表三中 1 个空白的合计', '重新计算表三的全部合计（先预览）']);
      const blankEdit = totals[0]!.edit as { documentChanges: { edits: { newText: string }[] }[]; changeAnnotations?: unknown };
      assert.deepEqual(blankEdit.documentChanges[0]!.edits.map((e) => e.newText.trim()), ['0']);
      assert.equal(blankEdit.changeAnnotations, undefined, 'blank totals are filled without a preview');
      // Overwriting written totals: the client's command, which shows the diff first.
      assert.deepEqual(totals[1]!.command, { title: '重新计算表三的全部合计（先预览）', command: 'nianbao.recomputeTotals', arguments: [uri, position] });
      assert.equal(totals[1]!.edit, undefined);
      // A save's fix-all never computes totals.
      const onSave = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [], only: ['source.fixAll.nianbao'] } })) as CodeAction[];
      assert.ok(onSave.every((a) => a.kind !== 'refactor.rewrite.nianbao.totals'));
      assert.ok(!JSON.stringify(onSave).includes('"newText":"1"'), 'the wrong total is not changed on save');
      // Outside the tables: no 计算合计 action.
      const prose = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } })) as CodeAction[];
      assert.ok(prose.every((a) => a.kind !== 'refactor.rewrite.nianbao.totals'));
      // The command with scope all: asked for a preview, the edits come back and nothing is applied.
      const appliedBefore = client.applied.length;
      const preview = (await client.connection.sendRequest('workspace/executeCommand', { command: 'nianbao.server.fillTotals', arguments: [uri, 1, position, 'all', true] })) as {
        filled: number;
        preview: { version: number; edits: { newText: string }[] };
      };
      assert.equal(preview.filled, 2);
      assert.equal(preview.preview.version, 1);
      assert.deepEqual(preview.preview.edits.map((e) => e.newText.trim()).sort(), ['0', '1']);
      assert.equal(client.applied.length, appliedBefore, 'a preview applies nothing');
      // Without a preview (another client), the edit needs the user's confirmation.
      const result = (await client.connection.sendRequest('workspace/executeCommand', { command: 'nianbao.server.fillTotals', arguments: [uri, 1, position, 'all'] })) as { filled: number };
      assert.equal(result.filled, 2);
      type Annotated = {
        documentChanges: { edits: { annotationId?: string }[] }[];
        changeAnnotations: Record<string, { needsConfirmation: boolean; label: string }>;
      };
      const applied = client.applied.at(-1) as { edit: Annotated };
      assert.ok(applied.edit.documentChanges[0]!.edits.every((e) => e.annotationId && applied.edit.changeAnnotations[e.annotationId]!.needsConfirmation));
      assert.equal(Object.values(applied.edit.changeAnnotations)[0]!.label, '重新计算合计');
      await client.close(uri);
    });
  });
}
