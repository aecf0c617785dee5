/**
 * Code actions: each fix of each diagnostic as a quick fix, built from `Diagnostic.data`; "fix all
 * <rule> problems" for a rule with several safe fixes; and `source.fixAll.nianbao` (what a save
 * runs), a versioned edit with the safe fixes that correct text in place only. A fix that changes a figure is never preferred and never part of
 * a fix-all. After the fixes, 本行不再提示 <id> (suppress-action.ts): a comment, never preferred,
 * never part of a fix-all.
 *
 * `data` comes back from the client and is not trusted (issue 14). It is taken only for the text
 * it was computed on: the same version and the same content hash, since a client may reuse a
 * version number for another text. Data of the current version but another text is replaced by
 * the fixes of the server's own analysis when that has a finding of the same rule at the same
 * range, and dropped otherwise; data of another version is dropped. No edit is returned that is
 * not inside the current document, reversed, or overlapping another edit of its action.
 */
import { CodeActionKind, TextDocumentEdit, type CodeAction, type CodeActionParams, type Diagnostic, type Position, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAll, safeFixes, selectFixes, type FixScope } from '../core/index.js';
import { contentHash, type Analysis } from './analysis.js';
import { minimalEdit, toLspEdit } from './convert.js';
import { dataOf, fixDataOf, type FixData } from './diagnostics.js';
import { suppressAction } from './suppress-action.js';
import { t, type Language } from './locale.js';
import { FIX_ALL_KIND } from '../protocol.js';
import { currentAnalysis, type Session } from './session.js';
import { totalsActions } from './totals.js';

function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Whether two actions edit the same line (one suppression per rule and line). */
function sameLine(a: CodeAction, b: CodeAction): boolean {
  const line = (x: CodeAction) => (x.edit?.documentChanges?.[0] as TextDocumentEdit | undefined)?.edits[0]?.range.start.line;
  return line(a) === line(b);
}

/**
 * The versioned edit of fix-all for an analysis, if any safe fix applies: every safe fix for the
 * command, only those correcting text in place for `source.fixAll.nianbao`, which a save runs
 * (issue 20: a save never inserts a section or a table into a half-written draft, nor edits prose).
 */
export function fixAllEdit(analysis: Analysis, scope: FixScope = 'all'): TextDocumentEdit | undefined {
  // The options of the check, and its result to start from: fix-all sees what the diagnostics saw.
  const fixed = fixAll(analysis.result, analysis.options, scope);
  const edit = minimalEdit(analysis.result.report.lines, analysis.text, fixed.text);
  return edit ? TextDocumentEdit.create({ uri: analysis.uri, version: analysis.version }, [edit]) : undefined;
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

/**
 * The edits if every one lies inside the document (positions that exist in it, not between the
 * CR and LF of a line end), none is reversed and no two overlap; otherwise undefined. Inserts at
 * one position are allowed, as LSP allows them.
 */
export function checkedEdits(document: TextDocument, edits: readonly TextEdit[]): TextEdit[] | undefined {
  if (edits.length === 0) return undefined;
  const spans: { start: number; end: number }[] = [];
  for (const edit of edits) {
    const { start, end } = edit.range;
    if (start.line < 0 || start.character < 0 || end.line < 0 || end.character < 0) return undefined;
    const from = document.offsetAt(start);
    const to = document.offsetAt(end);
    // offsetAt clamps: a position it does not give back exactly is not in the document.
    if (!samePosition(document.positionAt(from), start) || !samePosition(document.positionAt(to), end) || from > to) return undefined;
    spans.push({ start: from, end: to });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) if (spans[i]!.start < spans[i - 1]!.end) return undefined;
  return [...edits];
}

/**
 * The fixes of a diagnostic for the current text, or undefined when it has none to offer (not
 * nianbao's, or stale and not found in the current analysis).
 */
function fixesOf(
  diagnostic: Diagnostic,
  document: TextDocument,
  hash: () => string,
  current: Analysis | undefined,
  language: Language,
): readonly FixData[] | undefined {
  const data = dataOf(diagnostic);
  if (!data || data.uri !== document.uri || data.version !== document.version) return undefined;
  if (data.hash === hash()) return data.fixes;
  // The version number was reused for another text: the server's own finding, if it has it.
  if (!current || !current.isReport || !current.settings.enable) return undefined;
  const lines = current.result.report.lines;
  const finding = current.result.findings.find((f) => {
    if (f.rule !== diagnostic.code) return false;
    return samePosition(lines.positionAt(f.range.start), diagnostic.range.start) && samePosition(lines.positionAt(f.range.end), diagnostic.range.end);
  });
  return finding ? fixDataOf(finding, lines, language) : undefined;
}

/** The code actions for a request. */
export function codeActions(params: CodeActionParams, document: TextDocument, analysis: Analysis | undefined, language: Language): CodeAction[] {
  const actions: CodeAction[] = [];
  const only = params.context.only;
  const identifier = { uri: document.uri, version: document.version };
  const current = currentAnalysis(analysis, document);
  let hash: string | undefined = current?.hash;
  const hashOfText = (): string => (hash ??= contentHash(document.getText()));
  if (wants(only, CodeActionKind.QuickFix)) {
    const rulesHere = new Set<string>();
    const report = current?.result.report;
    const suppressions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      const fixes = fixesOf(diagnostic, document, hashOfText, current, language);
      if (!fixes) continue;
      rulesHere.add(String(diagnostic.code));
      for (const fix of fixes) {
        const edits = checkedEdits(document, fix.edits);
        if (!edits) continue;
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.safe,
          edit: { documentChanges: [TextDocumentEdit.create(identifier, edits)] },
        });
      }
      // 本行不再提示 <id>: after the fixes, never preferred, never in a fix-all (suppress-action.ts).
      const suppress = suppressAction(diagnostic, document, report, language);
      if (suppress && !suppressions.some((a) => a.title === suppress.title && sameLine(a, suppress))) suppressions.push(suppress);
    }
    if (current && current.isReport) {
      for (const rule of rulesHere) {
        const findings = current.result.findings.filter((f) => f.rule === rule);
        const fixes = selectFixes(safeFixes(findings));
        if (fixes.length < 2) continue;
        const lines = current.result.report.lines;
        const edits = checkedEdits(document, fixes.flatMap((f) => f.edits.map((e) => toLspEdit(lines, e))));
        if (!edits) continue;
        actions.push({
          title: t(language, 'Fix all {0} problems in this document', rule),
          kind: CodeActionKind.QuickFix,
          edit: { documentChanges: [TextDocumentEdit.create(identifier, edits)] },
        });
      }
    }
    actions.push(...suppressions);
  }
  if (only && wants(only, FIX_ALL_KIND) && current && current.isReport && current.settings.enable) {
    const edit = fixAllEdit(current, 'inPlace');
    if (edit) actions.push({ title: t(language, 'Correct labels, headings and 无 in place (nianbao)'), kind: FIX_ALL_KIND, edit: { documentChanges: [edit] } });
  }
  // 计算合计 (totals.ts): asked for, never a fix-all's (only the kinds above are).
  actions.push(...totalsActions(params, document, analysis, language));
  return actions;
}

/** Registers code actions: quick fixes, fix-all of a rule, `source.fixAll.nianbao`. */
export function registerCodeActions(session: Session): void {
  session.connection.onCodeAction((params, token) =>
    session.withDocument(params.textDocument.uri, token, [] as CodeAction[], ({ document, analysis }) =>
      codeActions(params, document, analysis, session.language(analysis.settings)),
    ),
  );
}
