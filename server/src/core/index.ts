/**
 * nianbao core: parse → report model → rules → fixes. Pure: it imports nothing from vscode,
 * the LSP libraries or node:*, so the CLI, the language server and the tests share it.
 */
export { checkReport, checkText, toFinding, type CheckOptions, type CheckResult, type RuleFailure } from './check.js';
export { canonicalDocument, canonicalTable, tableForm, type CanonicalTable } from './rewrite/canonical.js';
export { draftFromHtml, type ImportedDraft } from './import-html.js';
export { isSeveritySetting, localize, say, SEVERITIES, SEVERITY_SETTINGS } from './findings.js';
export { applyEdits, fixAll, fixText, safeFixes, selectFixes, MAX_FIX_ROUNDS, type FixAllResult, type FixRound } from './fixes/apply.js';
export { buildReport, type Report } from './model/report.js';
export { INPUT_LIMITS, type InputLimit, type InputLimitKind, type InputLimits } from './model/input-guard.js';
export { RULES, ruleById } from './rules/index.js';
export type { FixClass, Rule, RuleContext } from './rules/types.js';
export type { Finding, Fix, Language, LocalizedText, RelatedLocation, RuleFinding, RuleSettings, Severity, SeveritySetting, TextEdit, FixScope } from './findings.js';
export { encodingLabel, type SourceEncoding } from './text/encoding.js';
export { LineIndex, type Position, type TextRange } from './text/lines.js';
export * as formats from './formats/index.js';
export { describeRelation, explainCellAt, type CellExplanation } from './explain.js';
export { formatTables } from './format-tables.js';
export { displayWidth } from './text/width.js';
export type { FormatId, TableId } from './formats/types.js';
export { findPrevious, previousReports, type OtherReport } from './cross/previous.js';
export { bodyOfTitle, draftFileName, draftFileNameOf, identityOf, identityOfText, precedes, sameBody, type ReportIdentity } from './cross/identity.js';
export { nextYearDraft, PREVIOUS_YEAR_MARK, type NextYearResult } from './next-year.js';
export { draftFromText, readHtmlDraft, type BlockOrigin, type HtmlDraft, type HtmlReadOptions } from './import-html.js';
export { tablePlaceAt, type TablePlace } from './locate.js';
export { groupFindings, type CellMark, type FindingGroup } from './group-findings.js';
export { literalLine } from './text/literal.js';
export { cellAt, cellMove, tableAt, tableCells, TOTAL_RULES, type CellMove, type FigureCell } from './table-cells.js';
export { computeTotals, type TotalOutcome, type TotalsResult, type TotalsScope } from './totals.js';
export { describeCell } from './formats/wording.js';
export { numericValue } from './model/cell-value.js';
export { setCell } from './rules/support.js';
