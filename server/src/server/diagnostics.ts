/**
 * Findings as LSP diagnostics. Each diagnostic carries its fixes in `data`, stamped with the
 * document version they were computed on, so code actions need no server state.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Finding, LineIndex, Severity } from '../core/index.js';
import type { Analysis } from './analysis.js';
import { toLspEdit, toLspRange } from './convert.js';
import { extensionRoot, pick, type Language } from './locale.js';

/** A fix as a diagnostic carries it. */
export interface FixData {
  readonly title: string;
  readonly safe: boolean;
  readonly edits: readonly TextEdit[];
}

/** What `Diagnostic.data` holds. */
export interface DiagnosticData {
  readonly uri: string;
  readonly version: number;
  readonly fixes: readonly FixData[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The source of every nianbao diagnostic. */
export const SOURCE = 'nianbao';

const ruleUrls = new Map<string, string | undefined>();

/**
 * The page of a rule: `docs/rules/<id>.md` of the installed extension (shipped in the .vsix, see
 * .vscodeignore), as a `file:` URL, so it opens offline. package.json names no repository, so
 * there is no public URL to link instead; with one, this would be the place to prefer it.
 * Undefined when the page is not there (an id without a page).
 */
export function ruleUrl(rule: string): string | undefined {
  if (!ruleUrls.has(rule)) {
    const path = join(extensionRoot(), 'docs', 'rules', `${rule}.md`);
    ruleUrls.set(rule, /^[a-z][a-z0-9-]*$/.test(rule) && existsSync(path) ? pathToFileURL(path).href : undefined);
  }
  return ruleUrls.get(rule);
}

function toDiagnostic(analysis: Analysis, lines: LineIndex, finding: Finding, language: Language): Diagnostic {
  const data: DiagnosticData = {
    uri: analysis.uri,
    version: analysis.version,
    fixes: finding.fixes.map((fix) => ({ title: pick(fix.title, language), safe: fix.safety === 'safe', edits: fix.edits.map((e) => toLspEdit(lines, e)) })),
  };
  const href = ruleUrl(finding.rule);
  return {
    range: toLspRange(lines, finding.range),
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: pick(finding.message, language),
    relatedInformation: finding.related.flatMap((r) => {
      const elsewhere = r.file !== undefined && r.file !== analysis.uri;
      const where = elsewhere ? (r.file === analysis.previous ? analysis.previousLines : undefined) : lines;
      return where ? [{ location: { uri: r.file ?? analysis.uri, range: toLspRange(where, r.range) }, message: pick(r.message, language) }] : [];
    }),
    data,
  };
}

/** The diagnostics of an analysis (none for a document that is not an annual report). */
export function diagnosticsOf(analysis: Analysis, language: Language): Diagnostic[] {
  if (!analysis.isReport || !analysis.settings.enable) return [];
  const lines = analysis.result.report.lines;
  return analysis.result.findings.map((f) => toDiagnostic(analysis, lines, f, language));
}

/** The data of a nianbao diagnostic, if it is one and its data is well formed. */
export function dataOf(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.uri !== 'string' || typeof data.version !== 'number' || !Array.isArray(data.fixes)) return undefined;
  return data as DiagnosticData;
}
