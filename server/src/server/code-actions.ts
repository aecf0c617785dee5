/**
 * Code actions: each fix of each diagnostic as a quick fix, built from `Diagnostic.data` alone
 * (data from another document version is ignored); "fix all <rule> problems" for a rule with
 * several safe fixes; and `source.fixAll.nianbao`, a versioned edit with the safe fixes only.
 * A fix that changes a figure is never preferred and never part of a fix-all. After the fixes,
 * 本行不再提示 <id> (suppress-action.ts): a comment, never preferred, never part of a fix-all.
 */
import { CodeActionKind, TextDocumentEdit, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll, safeFixes, selectFixes } from '../core/index.js';
import type { Analysis } from './analysis.js';
import { minimalEdit, toLspEdit } from './convert.js';
import { dataOf } from './diagnostics.js';
import { suppressAction } from './suppress-action.js';
import { t, type Language } from './locale.js';
import { FIX_ALL_KIND } from '../protocol.js';

function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Whether two actions edit the same line (one suppression per rule and line). */
function sameLine(a: CodeAction, b: CodeAction): boolean {
  const line = (x: CodeAction) => (x.edit?.documentChanges?.[0] as TextDocumentEdit | undefined)?.edits[0]?.range.start.line;
  return line(a) === line(b);
}

/** The versioned edit of fix-all for an analysis, if any safe fix applies. */
export function fixAllEdit(analysis: Analysis): TextDocumentEdit | undefined {
  const { rules, format } = analysis.settings;
  const fixed = fixAll(analysis.text, { rules, ...(format === 'auto' ? {} : { format }) });
  const edit = minimalEdit(analysis.result.report.lines, analysis.text, fixed.text);
  return edit ? TextDocumentEdit.create({ uri: analysis.uri, version: analysis.version }, [edit]) : undefined;
}

/** The code actions for a request. */
export function codeActions(params: CodeActionParams, document: TextDocument, analysis: Analysis | undefined, language: Language): CodeAction[] {
  const actions: CodeAction[] = [];
  const only = params.context.only;
  const identifier = { uri: document.uri, version: document.version };
  if (wants(only, CodeActionKind.QuickFix)) {
    const rulesHere = new Set<string>();
    const report = analysis && analysis.version === document.version ? analysis.result.report : undefined;
    const suppressions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      const data = dataOf(diagnostic);
      if (!data || data.uri !== document.uri || data.version !== document.version) continue;
      rulesHere.add(String(diagnostic.code));
      data.fixes.forEach((fix) => {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.safe,
          edit: { documentChanges: [TextDocumentEdit.create(identifier, [...fix.edits])] },
        });
      });
      // 本行不再提示 <id>: after the fixes, never preferred, never in a fix-all (suppress-action.ts).
      const suppress = suppressAction(diagnostic, document, report, language);
      if (suppress && !suppressions.some((a) => a.title === suppress.title && sameLine(a, suppress))) suppressions.push(suppress);
    }
    if (analysis && analysis.version === document.version && analysis.isReport) {
      for (const rule of rulesHere) {
        const findings = analysis.result.findings.filter((f) => f.rule === rule);
        const fixes = selectFixes(safeFixes(findings));
        if (fixes.length < 2) continue;
        const lines = analysis.result.report.lines;
        actions.push({
          title: t(language, 'Fix all {0} problems in this document', rule),
          kind: CodeActionKind.QuickFix,
          edit: { documentChanges: [TextDocumentEdit.create(identifier, fixes.flatMap((f) => f.edits.map((e) => toLspEdit(lines, e))))] },
        });
      }
    }
    actions.push(...suppressions);
  }
  if (only && wants(only, FIX_ALL_KIND) && analysis && analysis.version === document.version && analysis.isReport && analysis.settings.enable) {
    const edit = fixAllEdit(analysis);
    if (edit) actions.push({ title: t(language, 'Fix all safe nianbao problems'), kind: FIX_ALL_KIND, edit: { documentChanges: [edit] } });
  }
  return actions;
}
