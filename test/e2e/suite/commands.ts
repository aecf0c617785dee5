/**
 * The commands and the snippets:
 * - "insert standard table" puts back a report's 表三 in the format the report requires, and the
 *   report then checks as before apart from the new table's blank cells;
 * - "new report from template" opens a blank skeleton named <年度>-<机关>.md whose problems list
 *   what is left to fill (issue 20: blank is not zero);
 * - export of a report with errors says how many and asks first;
 * - the snippets appear in completion.
 * The extension host cannot type into a quick input, so the prompts are answered by replacing
 * `window.showQuickPick`/`showInputBox` for the length of a test (helpers.withWindowStub).
 */
import assert from 'node:assert/strict';
import type Mocha from 'mocha';
import * as vscode from 'vscode';
import {
  cleanWindow,
  describeDiagnostics,
  hasAt,
  nianbaoDiagnostics,
  openInEditor,
  roundTrip,
  ruleOf,
  scratchCopy,
  waitFor,
  waitForDiagnostics,
  withWindowStub,
  workspaceFile,
} from './helpers.js';

/** What an author still has to fill in: a blank cell, the fee statement of a template's part 六. */
function isFillIn(d: vscode.Diagnostic): boolean {
  return (ruleOf(d) === 'cell-value' && /未填写|not filled|blank|empty/i.test(d.message)) || ruleOf(d) === 'fee-statement';
}

/** Rules that would mean the inserted or generated text is wrong. */
const STRUCTURAL = ['missing-section', 'section-order', 'section-heading', 'subsection-numbering', 'missing-table', 'format-citation', 'format-version', 'table-label', 'table-shape', 'report-year'];

export default function register({ describe, it, afterEach }: Mocha.MochaGlobals): void {
  describe('commands', () => {
    afterEach(cleanWindow);

    it('insert standard table: 表三 put back in the required format checks clean', async () => {
      const uri = await scratchCopy(workspaceFile('seeds', 'seed-004-xigang-2022.md'), 'insert-table.md');
      const editor = await openInEditor(uri);
      const original = await waitForDiagnostics(uri, 'section-heading at line 73', (d) => !!hasAt(d, 'section-heading', 73));
      const originalRules = new Set(original.map(ruleOf));
      // Remove 表三 (the table under part 三), leaving the cursor on the blank line where it stood.
      const lines = editor.document.getText().split('\n');
      const heading = lines.findIndex((l) => l.includes('三、收到和处理政府信息公开申请情况'));
      const first = lines.findIndex((l, i) => i > heading && l.startsWith('|'));
      let last = first;
      while (lines[last + 1]?.startsWith('|')) last++;
      assert.ok(heading >= 0 && first > heading && lines[last]!.includes('结转下年度'), `表三 not found where expected (lines ${first + 1}–${last + 1})`);
      await editor.edit((b) => b.delete(new vscode.Range(first, 0, last + 1, 0)));
      await waitForDiagnostics(uri, 'missing-table once 表三 is removed', (d) => d.some((x) => ruleOf(x) === 'missing-table'));
      editor.selection = new vscode.Selection(first - 1, 0, first - 1, 0);

      let offered: string[] = [];
      await withWindowStub(
        'showQuickPick',
        (async (items: readonly (vscode.QuickPickItem & { table?: string })[] | Thenable<readonly (vscode.QuickPickItem & { table?: string })[]>) => {
          const list = await items;
          offered = list.map((i) => i.label);
          return list.find((i) => i.table === 'table3');
        }) as unknown as typeof vscode.window.showQuickPick,
        async (calls) => {
          await vscode.commands.executeCommand('nianbao.insertTable');
          assert.equal(calls(), 1, 'the command asks which table to insert');
        },
      );
      assert.equal(offered.length, 3, `three tables offered: ${JSON.stringify(offered)}`);
      const text = editor.document.getText();
      const inserted = text.split('\n');
      const start = inserted.findIndex((l, i) => i > heading && l.startsWith('|'));
      let end = start;
      while (inserted[end + 1]?.startsWith('|')) end++;
      assert.ok(start > heading, 'a table was inserted under part 三');
      const table = inserted.slice(start, end + 1).join('\n');
      assert.match(table, /（七）总计/);
      assert.match(table, /3\.其他/, 'a 2022 report gets the 2021 format (（六） in three rows)');

      const after = await waitForDiagnostics(uri, 'no missing-table after the insertion', (d) => !d.some((x) => ruleOf(x) === 'missing-table'));
      await roundTrip(uri);
      const now = nianbaoDiagnostics(uri);
      const structural = now.filter((d) => STRUCTURAL.includes(ruleOf(d)) && !(ruleOf(d) === 'section-heading' && d.range.start.line + 1 === 73));
      assert.deepEqual(structural.map((d) => `${d.range.start.line + 1}:${ruleOf(d)} ${d.message}`), [], `the inserted table is standard; diagnostics: ${describeDiagnostics(uri)}`);
      const inTable = now.filter((d) => d.range.start.line >= start && d.range.start.line <= end);
      assert.deepEqual(inTable.filter((d) => !isFillIn(d)).map((d) => `${d.range.start.line + 1}:${ruleOf(d)} ${d.message}`), [], 'only blank cells are reported in the new table');
      const outside = now.filter((d) => d.range.start.line < start || d.range.start.line > end).filter((d) => !originalRules.has(ruleOf(d)));
      assert.deepEqual(outside.map((d) => `${d.range.start.line + 1}:${ruleOf(d)}`), [], 'nothing new outside the table');
      assert.ok(after.length > 0);
    });

    it('new report from template: blank, named <年度>-<机关>.md, and its problems list what is left to fill', async () => {
      const answers = ['2022', '测试市人民政府办公室'];
      const asked: string[] = [];
      let editor: vscode.TextEditor | undefined;
      await withWindowStub(
        'showInputBox',
        (async (options?: vscode.InputBoxOptions) => {
          const answer = answers[asked.length];
          asked.push(options?.prompt ?? '');
          if (answer === undefined) return undefined;
          const invalid = await options?.validateInput?.(answer);
          assert.ok(!invalid, `the answer ${answer} is refused: ${JSON.stringify(invalid)}`);
          return answer;
        }) as unknown as typeof vscode.window.showInputBox,
        async () => {
          const opened = waitFor('an editor with the new report', () => {
            const active = vscode.window.activeTextEditor;
            return active?.document.isUntitled && active.document.getText().includes('测试市人民政府办公室') ? active : undefined;
          }, { events: [vscode.window.onDidChangeActiveTextEditor] });
          await vscode.commands.executeCommand('nianbao.newReport');
          editor = await opened;
        },
      );
      assert.equal(asked.length, 2, `asked for the year and the body: ${JSON.stringify(asked)}`);
      const document = editor!.document;
      assert.equal(document.languageId, 'markdown');
      assert.match(document.uri.path, /\/2022-测试市人民政府办公室(?:-\d+)?\.md$/, `Save As offers <年度>-<机关>.md: ${document.uri.toString()}`);
      const text = document.getText();
      assert.match(text.split('\n')[0]!, /^# 测试市人民政府办公室2022年政府信息公开工作年度报告/);
      assert.match(text, /国办公开办函〔2021〕30号/, 'a 2022 report cites the 2021 format');
      assert.match(text, /信息处理费/, 'part 六 asks for the fee statement');
      // The server has answered a request about this document, so its diagnostics are in.
      await roundTrip(document.uri);
      const all = await waitFor('the findings of the new report', () => {
        const found = nianbaoDiagnostics(document.uri);
        return found.length >= 6 ? found : undefined;
      }, { seen: () => describeDiagnostics(document.uri) });
      // Blank is not zero (issue 20): each table and each section to write is listed, nothing else.
      const left = all.map((d) => `${ruleOf(d)} ${d.message}`);
      assert.equal(all.filter((d) => ruleOf(d) === 'cell-value').length, 3, left.join('\n'));
      assert.deepEqual(all.filter((d) => ruleOf(d) === 'placeholder').map((d) => /^“(.)、/.exec(d.message)?.[1]), ['一', '五', '六'], left.join('\n'));
      assert.ok(all.every((d) => ruleOf(d) === 'cell-value' || ruleOf(d) === 'placeholder'), left.join('\n'));
      assert.ok(!/\| 0 \|/.test(text), 'no figure is 0 before the author writes it');
    });

    it('export asks before replacing a file, and never writes through a symbolic link', async () => {
      const uri = await scratchCopy(workspaceFile('seeds', 'seed-002-gulou-2021.md'), 'export-source.md');
      await openInEditor(uri);
      await roundTrip(uri);
      const existing = vscode.Uri.joinPath(uri, '..', 'export-existing.docx');
      await vscode.workspace.fs.writeFile(existing, new TextEncoder().encode('原来的文件'));
      const run = async (target: vscode.Uri, answer: 'replace' | 'decline'): Promise<string[]> => {
        const asked: string[] = [];
        await withWindowStub('showSaveDialog', (async () => target) as typeof vscode.window.showSaveDialog, () =>
          withWindowStub('showErrorMessage', (async (message: string) => void asked.push(`error: ${message}`)) as typeof vscode.window.showErrorMessage, () =>
            withWindowStub(
              'showWarningMessage',
              (async (message: string, _options: unknown, ...items: string[]) => {
                // Seed 002 has errors: the question before the export is answered 仍然导出.
                if (/个错误/.test(message)) return items[0];
                asked.push(`warning: ${message}`);
                return answer === 'replace' ? items[0] : undefined;
              }) as typeof vscode.window.showWarningMessage,
              async () => {
                await vscode.commands.executeCommand('nianbao.exportWord');
              },
            ),
          ),
        );
        return asked;
      };
      const declined = await run(existing, 'decline');
      assert.equal(declined.length, 1, JSON.stringify(declined));
      assert.match(declined[0]!, /export-existing\.docx/);
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(existing)), '原来的文件', 'declined: the file is as it was');
      const replaced = await run(existing, 'replace');
      assert.equal(replaced.length, 1, JSON.stringify(replaced));
      await waitFor('the export written over the file', async () => (await vscode.workspace.fs.readFile(existing)).subarray(0, 2).toString() === 'PK');
      // A link: refused, and the file it points to untouched (only where links can be made).
      const fs = await import('node:fs');
      const pointed = vscode.Uri.joinPath(uri, '..', 'export-pointed.txt');
      await vscode.workspace.fs.writeFile(pointed, new TextEncoder().encode('别处的文件'));
      const link = vscode.Uri.joinPath(uri, '..', 'export-link.docx');
      try {
        fs.symlinkSync(pointed.fsPath, link.fsPath);
      } catch {
        return;
      }
      const linked = await run(link, 'replace');
      assert.ok(linked.some((m) => m.startsWith('error:')), JSON.stringify(linked));
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(pointed)), '别处的文件');
    });

    it('export of a report with errors says how many and writes nothing when declined', async () => {
      const uri = await scratchCopy(workspaceFile('seeds', 'seed-002-gulou-2021.md'), 'export-errors.md');
      await openInEditor(uri);
      await waitForDiagnostics(uri, 'format-version (an error)', (d) => d.some((x) => ruleOf(x) === 'format-version'));
      const asked: string[] = [];
      let dialogs = 0;
      await withWindowStub('showSaveDialog', (async () => {
        dialogs++;
        return undefined;
      }) as typeof vscode.window.showSaveDialog, () =>
        withWindowStub('showWarningMessage', (async (message: string) => void asked.push(message)) as typeof vscode.window.showWarningMessage, async () => {
          await vscode.commands.executeCommand('nianbao.exportWord');
        }),
      );
      assert.equal(asked.length, 1, JSON.stringify(asked));
      assert.match(asked[0]!, /本报告还有 [1-9]\d* 个错误/);
      assert.equal(dialogs, 0, 'declined: not even the save dialog');
    });

    it('the snippets appear in completion, and while typing (quick suggestions on in Markdown)', async () => {
      const markdown = vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
      assert.deepEqual(markdown.get('quickSuggestions'), { other: 'on', comments: 'off', strings: 'off' });
      assert.equal(markdown.get('acceptSuggestionOnEnter'), 'off', 'Enter always breaks the line in a report');
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# 某某2022年政府信息公开工作年度报告\n\nnb-t' });
      await vscode.window.showTextDocument(document);
      const labels = async (position: vscode.Position): Promise<Map<string, vscode.CompletionItem>> => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
        return new Map(list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => [typeof i.label === 'string' ? i.label : i.label.label, i]));
      };
      let atEmpty = new Map<string, vscode.CompletionItem>();
      await waitFor('the nianbao snippets on an empty line', async () => {
        atEmpty = await labels(new vscode.Position(1, 0));
        return ['年报表三', 'nb-table3', '年报模板', 'nb-report', 'nb-table2-2019'].every((l) => atEmpty.has(l));
      }, { pollMs: 250, seen: () => `snippet labels: ${JSON.stringify([...atEmpty.keys()])}` });
      const table3 = atEmpty.get('nb-table3')!;
      const body = table3.insertText instanceof vscode.SnippetString ? table3.insertText.value : String(table3.insertText ?? '');
      assert.match(body, /（七）总计/, 'nb-table3 inserts 表三');
      const afterPrefix = await labels(new vscode.Position(2, 4));
      assert.ok(afterPrefix.has('nb-table3'), `after "nb-t": ${JSON.stringify([...afterPrefix.keys()])}`);
    });
  });
}
