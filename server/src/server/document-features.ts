/**
 * Outline, folding, hover and formatting for an analysed report: the six sections with their sub-headings
 * and tables, a folding range per section, and on a figure cell its name and the relations it
 * takes part in, with the figures.
 */
import { FoldingRangeKind, MarkupKind, SymbolKind, type DocumentSymbol, type FoldingRange, type Hover, type TextEdit } from 'vscode-languageserver';
import { cellAt, formatTables, formats, localize, ruleById, type TextRange } from '../core/index.js';
import type { Analysis } from './analysis.js';
import { toLspEdit, toLspRange } from './convert.js';
import { t, type Language } from './locale.js';
import type { RuleUrl } from './diagnostics.js';
import type { Session } from './session.js';
import { cellHoverText } from './cell-place.js';

const SUBHEADING = /^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．])/;

/** The outline: sections, their sub-headings and their tables. */
export function documentSymbols(analysis: Analysis, language: Language): DocumentSymbol[] {
  if (!analysis.isReport) return [];
  const { report } = analysis.result;
  const lines = report.lines;
  const sectionLines = new Set(report.sections.sections.map((s) => s.heading.line));
  const symbol = (name: string, detail: string, kind: SymbolKind, range: TextRange, selection: TextRange, children: DocumentSymbol[] = []): DocumentSymbol => ({
    name,
    detail,
    kind,
    range: toLspRange(lines, range),
    selectionRange: toLspRange(lines, selection),
    children,
  });
  return report.sections.sections.map((section) => {
    const children: DocumentSymbol[] = [];
    for (const line of report.blocks.lines) {
      if (line.range.start <= section.heading.range.start || line.range.start >= section.range.end || sectionLines.has(line.line)) continue;
      const isHeading = line.style !== 'plain' || (SUBHEADING.test(line.text) && line.text.length <= 40);
      if (!isHeading) continue;
      children.push(symbol(line.text.length > 40 ? `${line.text.slice(0, 39)}…` : line.text, '', SymbolKind.String, line.range, line.content));
    }
    const tableId = section.def.table;
    const table = tableId ? report.tables[tableId] : undefined;
    if (tableId && table && table.range.start >= section.range.start && table.range.start < section.range.end) {
      const name = formats.TABLE_NAMES[tableId];
      const used = table.usedFormat === 'common' ? '' : table.usedFormat === 'mixed' ? localize({ zh: '混用两版格式', en: 'mixed formats' }, language) : localize({ zh: `${table.usedFormat}版格式`, en: `${table.usedFormat} format` }, language);
      children.push(symbol(localize(name, language), used, SymbolKind.Struct, table.range, { start: table.range.start, end: table.range.start }));
    }
    children.sort((a, b) => a.range.start.line - b.range.start.line);
    return symbol(formats.standardHeading(section.def), section.wording === 'standard' ? '' : section.heading.text, SymbolKind.Namespace, section.range, section.heading.content, children);
  });
}

/** A folding range per section, from its heading to the last non-blank line before the next. */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  if (!analysis.isReport) return [];
  const { lines, sections } = analysis.result.report;
  const ranges: FoldingRange[] = [];
  for (const section of sections.sections) {
    const startLine = section.heading.line;
    let endLine = lines.lineAt(Math.max(section.range.start, section.range.end - 1));
    while (endLine > startLine && lines.lineText(endLine).trim() === '') endLine--;
    if (endLine > startLine) ranges.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  }
  return ranges;
}

/** The rules of the findings whose range holds the offset: each rule's one-line description and the link to its page. */
function findingsAt(analysis: Analysis, offset: number, language: Language, ruleUrl: RuleUrl): { value: string; range: TextRange } | undefined {
  if (!analysis.settings.enable) return undefined;
  const here = analysis.result.findings.filter((f) => f.range.start <= offset && offset <= f.range.end);
  if (here.length === 0) return undefined;
  const parts: string[] = [];
  for (const id of [...new Set(here.map((f) => f.rule))]) {
    const rule = ruleById(id);
    if (!rule) continue;
    const href = ruleUrl(id);
    const line = `**${t(language, 'Rule {0}: {1}', `\`${id}\``, localize(rule.description, language))}**`;
    parts.push(href ? `${line}  \n[${t(language, 'Rule page')}](${href})` : line);
  }
  if (parts.length === 0) return undefined;
  const range = { start: Math.min(...here.map((f) => f.range.start)), end: Math.max(...here.map((f) => f.range.end)) };
  return { value: parts.join('\n\n'), range };
}

/**
 * Hover: on any figure cell of a standard table its name (「表三 · （一）予以公开 · 商业企业」)
 * and the relations it takes part in, with their figures (issue 21); on a finding the rule's
 * one-line description and a link to its page. Both when both apply.
 */
export function hover(analysis: Analysis, offset: number, language: Language, ruleUrl: RuleUrl): Hover | undefined {
  if (!analysis.isReport) return undefined;
  const cell = cellAt(analysis.result.report, offset);
  const findings = findingsAt(analysis, offset, language, ruleUrl);
  if (!cell && !findings) return undefined;
  const parts: string[] = [];
  if (cell) parts.push(cellHoverText(cell, language));
  if (findings) parts.push(findings.value);
  const range = cell ? (cell.text !== '' ? cell.target : cell.inner) : findings!.range;
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: toLspRange(analysis.result.report.lines, range) };
}

/** Registers the outline, folding, hover and document formatting (the standard tables' columns aligned). */
export function registerDocumentFeatures(session: Session): void {
  const { connection } = session;
  connection.onDocumentSymbol((params, token) =>
    session.withDocument(params.textDocument.uri, token, [] as DocumentSymbol[], ({ analysis }) =>
      documentSymbols(analysis, session.language(analysis.settings)),
    ),
  );
  connection.onFoldingRanges((params, token) =>
    session.withDocument(params.textDocument.uri, token, [] as FoldingRange[], ({ analysis }) => foldingRanges(analysis)),
  );
  connection.onHover((params, token) =>
    session.withDocument(params.textDocument.uri, token, null, ({ document, current }) =>
      current ? (hover(current, document.offsetAt(params.position), session.language(current.settings), (rule) => session.host.ruleUrl(rule)) ?? null) : null,
    ),
  );
  connection.onDocumentFormatting((params, token) =>
    session.withDocument(params.textDocument.uri, token, [] as TextEdit[], ({ current }) => {
      if (!current?.isReport) return [];
      const lines = current.result.report.lines;
      return formatTables(current.result.report).map((e) => toLspEdit(lines, e));
    }),
  );
}
