/**
 * The extension activates on a report and gives an ordinary Markdown file no diagnostics.
 */
import assert from 'node:assert/strict';
import type Mocha from 'mocha';
import * as vscode from 'vscode';
import { cleanWindow, EXTENSION_ID, hasAt, nianbaoDiagnostics, openInEditor, roundTrip, waitFor, waitForDiagnostics, workspaceFile } from './helpers.js';

export default function register({ describe, it, after }: Mocha.MochaGlobals): void {
  describe('activation', () => {
    after(cleanWindow);

    it('activates on a report and leaves an ordinary Markdown file without diagnostics', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
      const notes = workspaceFile('notes.md');
      const report = workspaceFile('seeds', 'seed-000-luhu-2020.md');
      // The ordinary file first: its diagnostic pull is sent before the report's.
      await openInEditor(notes);
      await openInEditor(report);
      await waitFor('the extension to activate', () => extension.isActive, { seen: () => `isActive=${extension.isActive}` });
      await waitForDiagnostics(report, 'section-heading at line 87', (d) => hasAt(d, 'section-heading', 87) !== undefined);
      await roundTrip(notes);
      assert.deepEqual(
        nianbaoDiagnostics(notes).map((d) => `${d.range.start.line + 1}: ${d.message}`),
        [],
        'notes.md is not an annual report: nianbao must not report anything on it',
      );
    });
  });
}
