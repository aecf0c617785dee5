/**
 * Findings as LSP diagnostics. Each diagnostic carries its fixes in `data`, stamped with the
 * document version and a hash of the text they were computed on: a client may reuse a version
 * number for another text (issue 14), and code actions (code-actions.ts) take data only for the
 * text it was computed for.
 */
import { DiagnosticSeverity, DocumentDiagnosticReportKind, type Diagnostic, type DocumentDiagnosticReport, type ResponseError, type TextEdit } from 'vscode-languageserver';
import { identityOf, localize, type Finding, type LineIndex, type Severity } from '../core/index.js';
import type { Analysis } from './analysis.js';
import { toLspEdit, toLspRange } from './convert.js';
import { stalePull } from './burst.js';
import type { Language } from './locale.js';
import { cancelled, yieldToEventLoop, type Session } from './session.js';

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
  /** `contentHash` of the text the fixes were computed on (analysis.ts). */
  readonly hash: string;
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

/** The page of a rule as a URL the editor opens (the host's: `ServerHost.ruleUrl`), undefined when it has none. */
export type RuleUrl = (rule: string) => string | undefined;

/** The fixes of a finding as diagnostic data holds them. */
export function fixDataOf(finding: Finding, lines: LineIndex, language: Language): FixData[] {
  return finding.fixes.map((fix) => ({ title: localize(fix.title, language), safe: fix.safety === 'safe', edits: fix.edits.map((e) => toLspEdit(lines, e)) }));
}

function toDiagnostic(analysis: Analysis, lines: LineIndex, finding: Finding, language: Language, ruleUrl: RuleUrl): Diagnostic {
  const data: DiagnosticData = { uri: analysis.uri, version: analysis.version, hash: analysis.hash, fixes: fixDataOf(finding, lines, language) };
  const href = ruleUrl(finding.rule);
  return {
    range: toLspRange(lines, finding.range),
    severity: SEVERITY[finding.severity],
    code: finding.rule,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message: localize(finding.message, language),
    relatedInformation: finding.related.flatMap((r) => {
      const elsewhere = r.file !== undefined && r.file !== analysis.uri;
      const where = elsewhere ? (r.file === analysis.previous ? analysis.previousLines : undefined) : lines;
      return where ? [{ location: { uri: r.file ?? analysis.uri, range: toLspRange(where, r.range) }, message: localize(r.message, language) }] : [];
    }),
    data,
  };
}

/** The diagnostics of an analysis (none for a document that is not an annual report), linked to the rules' pages by `ruleUrl`. */
export function diagnosticsOf(analysis: Analysis, language: Language, ruleUrl: RuleUrl): Diagnostic[] {
  if (analysis.tooLarge) return tooLargeDiagnostics(analysis, language);
  if (!analysis.isReport || !analysis.settings.enable) return [];
  const lines = analysis.result.report.lines;
  return analysis.result.findings.map((f) => toDiagnostic(analysis, lines, f, language, ruleUrl));
}

/** A size as describeRefusal (shell/read-regular-file.ts) writes it, so messages and the output agree. */
export function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why a command or request does nothing with an open document above `nianbao.maxFileSize`. */
export function tooLargeMessage(language: Language, size: number, limit: number): string {
  return language === 'zh'
    ? `文档过大（${sizeText(size)}，上限 ${sizeText(limit)}，见设置 nianbao.maxFileSize），未处理。`
    : `The document is too large (${sizeText(size)}, the limit is ${sizeText(limit)}; see the setting nianbao.maxFileSize): nothing done.`;
}

/**
 * A document above `nianbao.maxFileSize` is not checked. If its beginning reads as a report (or
 * it matches `nianbao.files`), one warning on its first line says so, lest the author take the
 * silence for a clean report; any other large Markdown file gets nothing (the output names it).
 */
function tooLargeDiagnostics(analysis: Analysis, language: Language): Diagnostic[] {
  const large = analysis.tooLarge!;
  if (!large.looksLikeReport || !analysis.settings.enable) return [];
  const message =
    language === 'zh'
      ? `文档过大（${sizeText(large.size)}，上限 ${sizeText(large.limit)}），nianbao 未检查。可调高设置 nianbao.maxFileSize（单位 MB）。`
      : `The document is too large to check (${sizeText(large.size)}, the limit is ${sizeText(large.limit)}). The setting nianbao.maxFileSize (in MB) raises the limit.`;
  return [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Warning, source: SOURCE, message }];
}

const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;

function isPosition(value: unknown): boolean {
  const p = value as { line?: unknown; character?: unknown } | null;
  return typeof p === 'object' && p !== null && isCount(p.line) && isCount(p.character);
}

function isEdit(value: unknown): value is TextEdit {
  const e = value as { range?: { start?: unknown; end?: unknown }; newText?: unknown } | null;
  return typeof e === 'object' && e !== null && typeof e.newText === 'string' && typeof e.range === 'object' && e.range !== null && isPosition(e.range.start) && isPosition(e.range.end);
}

function isFix(value: unknown): value is FixData {
  const f = value as Partial<FixData> | null;
  return typeof f === 'object' && f !== null && typeof f.title === 'string' && typeof f.safe === 'boolean' && Array.isArray(f.edits) && f.edits.every(isEdit);
}

/**
 * The data of a nianbao diagnostic, if it is one and its data is well formed, with the fixes that
 * are (a title, a safety and edits with whole-number positions; whether they fit the document is
 * for the caller to check against it).
 */
export function dataOf(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.uri !== 'string' || typeof data.version !== 'number' || typeof data.hash !== 'string' || !Array.isArray(data.fixes)) return undefined;
  // An ill-formed fix is dropped, not the others with it.
  return { uri: data.uri, version: data.version, hash: data.hash, fixes: data.fixes.filter(isFix) };
}

/** Registers diagnostics: pulled where the client pulls them, else pushed (Session.schedulePush). */
export function registerDiagnostics(session: Session): void {
  const { connection, documents } = session;
  const ruleUrl: RuleUrl = (rule) => session.host.ruleUrl(rule);
  session.setPublisher(async (document) => {
    const analysis = await session.analyse(document);
    if (documents.get(document.uri) !== document) return;
    await connection.sendDiagnostics({
      uri: document.uri,
      version: analysis.version,
      diagnostics: diagnosticsOf(analysis, session.language(analysis.settings), ruleUrl),
    });
  });
  connection.languages.diagnostics.on((params, token) => {
    // The version the pull was asked for: a change after it makes it stale (burst.ts).
    const asked = session.documents.get(params.textDocument.uri)?.version;
    return session.guarded(token, async (): Promise<DocumentDiagnosticReport> => {
      const document = session.documents.get(params.textDocument.uri);
      if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const { uri, version } = document;
      const { resultIds } = session;
      const previous = params.previousResultId;
      if (previous !== undefined && resultIds.unchanged(uri, version, previous)) {
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: previous };
      }
      const abandon = (): ResponseError<unknown> | undefined =>
        token.isCancellationRequested ? cancelled() : document.version !== asked ? stalePull() : undefined;
      const analysis = await session.analyse(document, abandon);
      await yieldToEventLoop();
      if (token.isCancellationRequested) throw cancelled();
      const items = diagnosticsOf(analysis, session.language(analysis.settings), ruleUrl);
      // An id only for what the document still is: a pull for a newer version must not be told "unchanged".
      if (document.version !== version) return { kind: DocumentDiagnosticReportKind.Full, items };
      const resultId = resultIds.issue(uri, version, { identity: identityOf(analysis.result.report), previous: analysis.previous });
      return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    });
  });
}
