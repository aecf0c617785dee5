/**
 * 计算合计 in the editor (issue 21): the totals of the standard table at the cursor (表三's row
 * totals and （七）总计, 表四's 总计; every such table when the cursor is in none) written from
 * their parts by the core's `computeTotals`. Only the blank ones by default; on request every
 * total, overwriting — shown first: the VS Code client asks for the edits without applying them
 * (`preview`) and shows them as a diff; another client gets them as an edit with a change annotation
 * that needs confirmation. As a command (FILL_TOTALS_COMMAND) and as two refactor code actions
 * (the second runs the client's preview); never on save and never in a fix-all (those take the
 * findings' safe fixes only).
 */
import { CodeActionKind, type AnnotatedTextEdit, type CodeAction, type CodeActionParams, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { buildReport, computeTotals, formats, tableAt, type Report, type TableId, type TotalsScope } from '../core/index.js';
import type { FillTotalsResult, PositionWire } from '../protocol.js';
import type { Analysis } from './analysis.js';
import { toLspEdit } from './convert.js';
import { t, type Language } from './locale.js';
import { currentAnalysis, type Session } from './session.js';

/** The client's command that previews the overwrite of every total as a diff (client/src/totals.ts). */
export const RECOMPUTE_TOTALS_CLIENT_COMMAND = 'nianbao.recomputeTotals';

/** The code action kind of 计算合计: a rewrite the author asks for, never a fix of a finding. */
export const TOTALS_ACTION_KIND = `${CodeActionKind.RefactorRewrite}.nianbao.totals`;

const ANNOTATION = 'nianbao.recomputeTotals';
const WITH_TOTALS: readonly TableId[] = ['table3', 'table4'];

function tableName(table: TableId, language: Language): string {
  const name = formats.TABLE_NAMES[table];
  return language === 'zh' ? name.zh.slice(0, 2) : name.en.replace(/ \(.*$/, '');
}

/** What 计算合计 does on a report: the LSP edits, and what to say. */
export interface TotalsPlan {
  readonly edits: readonly LspTextEdit[];
  readonly result: FillTotalsResult;
}

/** The tables 计算合计 works on from an offset: the one there, else every table with totals the draft has. */
function tablesFor(report: Report, offset: number | undefined): TableId[] {
  const here = offset === undefined ? undefined : tableAt(report, offset);
  if (here) return [here];
  return WITH_TOTALS.filter((id) => report.tables[id]);
}

/** The totals of the tables at an offset computed, as LSP edits with the sentence that says what was done. */
export function planTotals(report: Report, offset: number | undefined, scope: TotalsScope, language: Language): TotalsPlan {
  const tables = tablesFor(report, offset);
  if (tables.length === 0) return { edits: [], result: { filled: 0, partsBlank: 0, message: t(language, 'This draft has no table 3 or table 4 to compute totals in.') } };
  if (tables.length === 1 && tables[0] === 'table2') return { edits: [], result: { filled: 0, partsBlank: 0, message: t(language, 'Table 2 has no totals to compute.') } };
  const edits: LspTextEdit[] = [];
  let filled = 0;
  let partsBlank = 0;
  for (const id of tables) {
    const computed = computeTotals(report, id, scope);
    edits.push(...computed.edits.map((e) => toLspEdit(report.lines, e)));
    filled += computed.totals.filter((o) => o.status === 'filled').length;
    partsBlank += computed.totals.filter((o) => o.status === 'parts-blank').length;
  }
  const names = tables.map((id) => tableName(id, language)).join(language === 'zh' ? '、' : ', ');
  const sentences: string[] = [];
  if (filled > 0) sentences.push(t(language, '{0}: {1} totals written from their parts.', names, String(filled)));
  else if (scope === 'all') sentences.push(t(language, '{0}: every total already equals the sum of its parts.', names));
  else sentences.push(t(language, '{0}: no blank total to fill.', names));
  if (partsBlank > 0) sentences.push(t(language, '{0} totals left blank: a part of each is blank or no number (blank is not zero).', String(partsBlank)));
  return { edits, result: { filled, partsBlank, message: sentences.join(language === 'zh' ? '' : ' ') } };
}

/** The workspace edit of a plan: versioned; with scope `all`, every edit annotated as needing confirmation (VS Code previews it). */
export function totalsWorkspaceEdit(document: { uri: string; version: number }, plan: TotalsPlan, scope: TotalsScope, language: Language): WorkspaceEdit {
  const textDocument = { uri: document.uri, version: document.version };
  if (scope === 'blank') return { documentChanges: [{ textDocument, edits: [...plan.edits] }] };
  const edits: AnnotatedTextEdit[] = plan.edits.map((e) => ({ ...e, annotationId: ANNOTATION }));
  return {
    documentChanges: [{ textDocument, edits }],
    changeAnnotations: {
      [ANNOTATION]: {
        label: t(language, 'Recompute totals'),
        description: t(language, 'Totals that differ from the sum of their parts are overwritten.'),
        needsConfirmation: true,
      },
    },
  };
}

/** 计算合计's two code actions for the table at the start of a request's range, when each has something to write. */
export function totalsActions(params: CodeActionParams, document: TextDocument, analysis: Analysis | undefined, language: Language): CodeAction[] {
  const only = params.context.only;
  if (only && !only.some((kind) => TOTALS_ACTION_KIND === kind || TOTALS_ACTION_KIND.startsWith(`${kind}.`))) return [];
  const current = currentAnalysis(analysis, document);
  if (!current?.isReport || !current.settings.enable || current.tooLarge) return [];
  const report = current.result.report;
  const offset = document.offsetAt(params.range.start);
  const table = tableAt(report, offset);
  if (!table || !WITH_TOTALS.includes(table)) return [];
  const actions: CodeAction[] = [];
  const name = tableName(table, language);
  for (const scope of ['blank', 'all'] as const) {
    const plan = planTotals(report, offset, scope, language);
    if (plan.edits.length === 0) continue;
    if (scope === 'blank') {
      actions.push({
        title: t(language, 'Compute totals: fill the {0} blank totals of {1}', String(plan.result.filled), name),
        kind: TOTALS_ACTION_KIND,
        edit: totalsWorkspaceEdit(document, plan, scope, language),
      });
    } else {
      // Overwriting written totals: the client's command shows the change as a diff and applies it on the user's word.
      actions.push({
        title: t(language, 'Recompute every total of {0} (preview first)', name),
        kind: TOTALS_ACTION_KIND,
        command: { title: t(language, 'Recompute every total of {0} (preview first)', name), command: RECOMPUTE_TOTALS_CLIENT_COMMAND, arguments: [document.uri, params.range.start] },
      });
    }
  }
  // Both would write the same: the blank ones are all there is to change.
  if (actions.length === 2 && JSON.stringify(planTotals(report, offset, 'blank', language).edits) === JSON.stringify(planTotals(report, offset, 'all', language).edits)) actions.pop();
  return actions;
}

/** Runs 计算合计 on an open document: the edit applied (previewed first with scope `all`), and what was done. */
export async function fillTotals(
  session: Session,
  uri: string,
  version: number | null,
  position: PositionWire | null,
  scope: TotalsScope,
  preview = false,
): Promise<FillTotalsResult | undefined> {
  const document = session.documents.get(uri);
  if (!document || (version !== null && version !== document.version)) return undefined;
  const analysis = await session.analyse(document);
  const language = session.language(analysis.settings);
  if (!analysis.isReport || analysis.tooLarge || !analysis.settings.enable) return undefined;
  const report = currentAnalysis(analysis, document)?.result.report ?? buildReport(document.getText());
  const plan = planTotals(report, position ? document.offsetAt(position) : undefined, scope, language);
  if (plan.edits.length === 0) return plan.result;
  if (preview) {
    const message = t(language, '{0} totals differ from the sum of their parts and will be rewritten.', String(plan.result.filled));
    return { ...plan.result, message, preview: { version: document.version, edits: [...plan.edits] } };
  }
  const applied = await session.connection.workspace.applyEdit({ label: t(language, 'Compute totals'), edit: totalsWorkspaceEdit(document, plan, scope, language) });
  // Declined in the preview, or the text changed meanwhile: nothing was written.
  if (!applied.applied) return { filled: 0, partsBlank: plan.result.partsBlank, message: t(language, 'No total was changed.') };
  return plan.result;
}
