/**
 * Changing `nianbao.rules` changes the severities at once, without a reload: a rule raised to
 * error, turned off, and back to its default.
 */
import type Mocha from 'mocha';
import * as vscode from 'vscode';
import { cleanWindow, hasAt, openInEditor, scratchCopy, waitForDiagnostics, workspaceFile } from './helpers.js';

export default function register({ describe, it, afterEach }: Mocha.MochaGlobals): void {
  describe('settings', () => {
    const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('nianbao');
    afterEach(async () => {
      await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await cleanWindow();
    });

    it('nianbao.rules changes severities without a reload', async () => {
      const uri = await scratchCopy(workspaceFile('seeds', 'seed-000-luhu-2020.md'), 'rules-setting.md');
      await openInEditor(uri);
      const at87 = (severity: vscode.DiagnosticSeverity) => (d: vscode.Diagnostic[]) => hasAt(d, 'section-heading', 87)?.severity === severity;
      await waitForDiagnostics(uri, 'section-heading at line 87 as a warning (its default)', at87(vscode.DiagnosticSeverity.Warning));

      await config().update('rules', { 'section-heading': 'error' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, 'section-heading at line 87 as an error', at87(vscode.DiagnosticSeverity.Error));

      await config().update('rules', { 'section-heading': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(
        uri,
        'no section-heading, subsection-numbering still at line 19',
        (d) => !d.some((x) => hasAt([x], 'section-heading', x.range.start.line + 1)) && !!hasAt(d, 'subsection-numbering', 19),
      );

      await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostics(uri, 'section-heading at line 87 as a warning again', at87(vscode.DiagnosticSeverity.Warning));
    });
  });
}
