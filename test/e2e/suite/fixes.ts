/**
 * Quick fixes and fix-all on save, on scratch copies of the seeds:
 * - a safe quick fix (a section heading's wording) is preferred, applies, and its diagnostic goes;
 * - an unsafe quick fix (a blank cell filled with 0) is offered but not preferred, applies, and
 *   its diagnostic goes;
 * - `source.fixAll.nianbao` in `editor.codeActionsOnSave` applies on save the safe fixes that
 *   correct text in place only (headings, labels, 无 → 0), never prose or an inserted section.
 */
import assert from 'node:assert/strict';
import type Mocha from 'mocha';
import * as vscode from 'vscode';
import {
  applyCodeAction,
  cleanWindow,
  describeDiagnostics,
  hasAt,
  openInEditor,
  quickFixesFor,
  readText,
  ruleOf,
  scratchCopy,
  waitFor,
  waitForDiagnostics,
  workspaceFile,
} from './helpers.js';

/** The lines of a text that differ from `before` (1-based); both must have the same line count. */
function changedLines(before: string, after: string): number[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'the fix must not add or remove lines');
  return a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
}

/** Table cells of a line, without the outer pipes. */
function cells(line: string): string[] {
  return line.trim().startsWith('|') ? line.trim().replace(/^\||\|$/g, '').split('|') : [];
}

export default function register({ describe, it, afterEach }: Mocha.MochaGlobals): void {
  describe('quick fixes', () => {
    afterEach(cleanWindow);

    it('a safe quick fix is preferred, applies, and its diagnostic disappears', async () => {
      const uri = await scratchCopy(workspaceFile('seeds', 'seed-004-xigang-2022.md'), 'safe-fix.md');
      const editor = await openInEditor(uri);
      const before = editor.document.getText();
      const [diagnostic] = await waitForDiagnostics(uri, 'section-heading at line 73', (d) => hasAt(d, 'section-heading', 73) !== undefined).then((d) => [
        hasAt(d, 'section-heading', 73)!,
      ]);
      const actions = await quickFixesFor(uri, diagnostic!, (title) => title.includes('五、存在的主要问题及改进情况'));
      const action = actions[0]!;
      assert.equal(action.isPreferred, true, `the safe fix "${action.title}" must be preferred`);
      await applyCodeAction(action);
      await waitForDiagnostics(uri, 'no section-heading at line 73', (d) => !hasAt(d, 'section-heading', 73));
      const after = editor.document.getText();
      assert.deepEqual(changedLines(before, after), [73]);
      const line = after.split('\n')[72]!;
      assert.match(line, /五、存在的主要问题及改进情况/);
      assert.doesNotMatch(line, /改进措施/);
    });

    it('an unsafe quick fix is offered, not preferred, applies, and its diagnostic disappears', async () => {
      const uri = await scratchCopy(workspaceFile('seeds', 'seed-001-dongliu-2020.md'), 'unsafe-fix.md');
      const editor = await openInEditor(uri);
      const before = editor.document.getText();
      const diagnostics = await waitForDiagnostics(uri, 'cell-value at line 30', (d) => hasAt(d, 'cell-value', 30) !== undefined);
      const diagnostic = hasAt(diagnostics, 'cell-value', 30)!;
      // The blank cell's fix changes a figure: it is offered as not preferred (a fix-all entry
      // for the rule, which has no preference at all, may be offered beside it).
      const actions = await quickFixesFor(uri, diagnostic, () => true);
      // The suppression action 本行不再提示 is offered too, never preferred, and is no fix.
      const suppress = actions.filter((a) => a.title.startsWith('本行不再提示'));
      assert.deepEqual(suppress.map((a) => [a.title, a.isPreferred ?? false]), [['本行不再提示 cell-value', false]]);
      const unsafe = actions.filter((a) => a.isPreferred === false && !suppress.includes(a));
      assert.equal(unsafe.length, 1, `one unsafe fix for line 30; offered: ${JSON.stringify(actions.map((a) => [a.title, a.isPreferred]))}`);
      await applyCodeAction(unsafe[0]!);
      await waitForDiagnostics(uri, 'no cell-value at line 30', (d) => !hasAt(d, 'cell-value', 30));
      const after = editor.document.getText();
      assert.deepEqual(changedLines(before, after), [30]);
      const beforeCells = cells(before.split('\n')[29]!);
      const afterCells = cells(after.split('\n')[29]!);
      const filled = beforeCells.flatMap((cell, i) => (cell.trim() === '' && afterCells[i]?.trim() !== '' ? [afterCells[i]!.trim()] : []));
      assert.deepEqual(filled, ['0'], `the blank cell gets 0: ${before.split('\n')[29]} → ${after.split('\n')[29]}`);
    });
  });

  describe('fix all on save', () => {
    const editorConfig = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
    afterEach(async () => {
      await editorConfig().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
      await cleanWindow();
    });

    it('source.fixAll.nianbao on save applies the safe fixes in place only', async () => {
      await editorConfig().update('codeActionsOnSave', { 'source.fixAll.nianbao': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
      const uri = await scratchCopy(workspaceFile('seeds', 'seed-001-dongliu-2020.md'), 'fix-on-save.md');
      const before = await readText(uri);
      const editor = await openInEditor(uri);
      await waitForDiagnostics(
        uri,
        'section-heading at lines 77 and 87, cell-value at line 30',
        (d) => !!hasAt(d, 'section-heading', 77) && !!hasAt(d, 'section-heading', 87) && !!hasAt(d, 'cell-value', 30),
      );
      // Make sure the workbench shows this editor, then save as a user does (an explicit save).
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('workbench.action.files.save');
      const after = await waitFor('the file on disk to change after the save', async () => {
        const text = await readText(uri);
        return text !== before ? text : undefined;
      }, { seen: () => 'the file on disk is unchanged: no fix was applied on save' });
      assert.equal(editor.document.isDirty, false, 'the document is saved');
      assert.equal(editor.document.getText(), after, 'the editor and the disk agree');

      const a = before.split('\n');
      const b = after.split('\n');
      assert.equal(b.length, a.length, 'no line added or removed');
      // Safe fixes: the headings' numbering and wording.
      assert.match(b[76]!, /^四、政府信息公开行政复议、行政诉讼情况/, `line 77: ${b[76]}`);
      assert.match(b[86]!, /^五、存在的主要问题及改进情况/, `line 87: ${b[86]}`);
      // Unsafe fixes are not applied: no blank table cell was filled.
      const filled: string[] = [];
      a.forEach((line, i) => {
        const old = cells(line);
        const now = cells(b[i]!);
        old.forEach((cell, c) => {
          if (cell.trim() === '' && (now[c] ?? '').trim() !== '') filled.push(`line ${i + 1} cell ${c + 1}: ${JSON.stringify(now[c])}`);
        });
      });
      assert.deepEqual(filled, [], 'fix-all on save must not fill blank cells (an unsafe fix)');
      assert.equal(b[29], a[29], 'line 30 (a blank cell, unsafe fix only) is unchanged');
      // Prose is not edited on save (issue 20): the word typed twice waits for the author.
      assert.match(b[10]!, /大厅大厅/, `line 11: ${b[10]}`);
      // The diagnostics follow: the safe problems are gone, the unsafe one stays.
      await waitForDiagnostics(
        uri,
        'no section-heading, cell-value still at line 30',
        (d) => !d.some((x) => ruleOf(x) === 'section-heading') && !!hasAt(d, 'cell-value', 30),
      ).catch((error: Error) => {
        throw new Error(`${error.message}\n  diagnostics: ${describeDiagnostics(uri)}`);
      });
    });
  });
}
