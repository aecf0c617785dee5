/**
 * The two output formats of `nianbao check`: stylish for people, JSON for tools.
 */
import { displayWidth, localize, type CellMark, type Finding, type Language, type LineIndex, type Severity } from '../core/index.js';
import { forTerminal } from '../shell/terminal-text.js';
import type { SourcePosition } from '../shell/read-source.js';


/** One finding as the JSON output writes it (lines and columns 1-based, columns in characters). */
export interface JsonFinding {
  readonly file: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  readonly fixable: 'safe' | 'unsafe' | null;
  /**
   * A Word file, a page or a PDF: where the finding is in it, as the unit sees it (「表三 第12行“（七）总计”第10列“总计”」,
   * 「第3页 …」, 「第233行」); `line` and `column` stay those of the draft read from it, for tools.
   */
  readonly where?: string;
  /** The parts of `where`: page, paragraph, line of the page, table, row and column with their labels. */
  readonly position?: Omit<SourcePosition, 'text'>;
}

/** A finding's safe fix in lines and columns (1-based, columns in characters), for SARIF. */
export interface PositionedFix {
  readonly title: string;
  readonly edits: readonly {
    readonly startLine: number;
    readonly startColumn: number;
    readonly endLine: number;
    readonly endColumn: number;
    readonly text: string;
  }[];
}

/** One problem as people are shown it (issue 23): findings of one cause on one line. */
export interface Problem {
  /** The most serious of its findings'. */
  readonly severity: Severity;
  readonly message: string;
  /** Its findings, the one that leads (where the line stands) first. */
  readonly findings: readonly JsonFinding[];
  /** The value cells it is about, to mark in a drawn table. */
  readonly cells: readonly CellMark[];
}

/** Where a finding is, as people are shown it: in a Word file, page or PDF its own terms; else 第N行. */
export function placeOf(finding: JsonFinding, language: Language): string {
  if (finding.where !== undefined) return finding.where;
  return language === 'en' ? `line ${finding.line}` : `第${finding.line}行`;
}

/** The checked files and their findings. */
export interface FileResult {
  readonly file: string;
  readonly findings: readonly JsonFinding[];
  /** The findings as lines, one per cause; absent: one line per finding. */
  readonly problems?: readonly Problem[];
  /** Fixes applied by --fix. */
  readonly fixed: number;
  /** The first safe fix of each finding (null: none), in the order of `findings`. */
  readonly fixes?: readonly (PositionedFix | null)[];
}

/** A finding's first safe fix with positions, or null. */
export function positionedFix(lines: LineIndex, finding: Finding, locale: Language): PositionedFix | null {
  const fix = finding.fixes.find((f) => f.safety === 'safe');
  if (!fix) return null;
  return {
    title: localize(fix.title, locale),
    edits: fix.edits.map((edit) => ({
      startLine: lines.positionAt(edit.range.start).line + 1,
      startColumn: lines.columnInCodePoints(edit.range.start) + 1,
      endLine: lines.positionAt(edit.range.end).line + 1,
      endColumn: lines.columnInCodePoints(edit.range.end) + 1,
      text: edit.newText,
    })),
  };
}

/** A finding in JSON form. */
export function toJson(file: string, lines: LineIndex, finding: Finding, locale: Language): JsonFinding {
  const start = lines.positionAt(finding.range.start);
  const end = lines.positionAt(finding.range.end);
  const fixable = finding.fixes.some((f) => f.safety === 'safe') ? 'safe' : finding.fixes.length > 0 ? 'unsafe' : null;
  return {
    file,
    rule: finding.rule,
    severity: finding.severity,
    line: start.line + 1,
    column: lines.columnInCodePoints(finding.range.start) + 1,
    endLine: end.line + 1,
    endColumn: lines.columnInCodePoints(finding.range.end) + 1,
    message: localize(finding.message, locale),
    fixable,
  };
}

/** The severities in words. */
export const SEVERITY_WORDS: Record<Language, Record<Severity, string>> = {
  zh: { error: '错误', warning: '警告', info: '提示', hint: '建议' },
  en: { error: 'error', warning: 'warning', info: 'info', hint: 'hint' },
};

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

interface Colors {
  readonly dim: (s: string) => string;
  readonly underline: (s: string) => string;
  readonly severity: (severity: Severity, s: string) => string;
  readonly bold: (s: string) => string;
}

/** ANSI colours, or none. */
export function colors(enabled: boolean): Colors {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  const red = wrap(31, 39);
  const yellow = wrap(33, 39);
  const blue = wrap(34, 39);
  const grey = wrap(90, 39);
  return {
    dim: wrap(2, 22),
    underline: wrap(4, 24),
    bold: wrap(1, 22),
    severity: (severity, s) => (severity === 'error' ? red(s) : severity === 'warning' ? yellow(s) : severity === 'info' ? blue(s) : grey(s)),
  };
}

/** The stylish report: per file, `line:col  severity  message  rule-id`, then a summary line. */
export function formatStylish(results: readonly FileResult[], locale: Language, color: Colors, checkedCount: number, notChecked = 0): string {
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let safe = 0;
  let fixed = 0;
  for (const result of results) {
    fixed += result.fixed;
    if (result.findings.length === 0) continue;
    // File names and messages quote the files (a name, a label): printed without their control characters.
    out.push(color.underline(forTerminal(result.file)));
    // One line per cause (findings of one cause together), else one per finding.
    const rows: readonly Problem[] = result.problems ?? result.findings.map((f) => ({ severity: f.severity, message: f.message, findings: [f], cells: [] }));
    // A Word file, page or PDF: the place as the unit sees it; a Markdown draft: line:column.
    const place = (r: Problem): string => (r.findings[0]!.where !== undefined ? forTerminal(r.findings[0]!.where) : `${r.findings[0]!.line}:${r.findings[0]!.column}`);
    const positionWidth = Math.max(...rows.map((r) => displayWidth(place(r))));
    const severityWidth = Math.max(...rows.map((r) => displayWidth(SEVERITY_WORDS[locale][r.severity])));
    for (const row of rows) {
      counts[row.severity]++;
      if (row.findings.some((f) => f.fixable === 'safe')) safe++;
      const position = color.dim(pad(place(row), positionWidth));
      const severity = color.severity(row.severity, pad(SEVERITY_WORDS[locale][row.severity], severityWidth));
      const rules = [...new Set(row.findings.map((f) => f.rule))].join(',');
      out.push(`  ${position}  ${severity}  ${forTerminal(row.message)}  ${color.dim(rules)}`);
    }
    out.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const fixedNote = fixed > 0 ? (locale === 'en' ? `Fixed ${fixed} problem(s) automatically.` : `已自动修复 ${fixed} 处问题。`) : '';
  if (total === 0 && notChecked > 0) {
    // Never a plain success when some file was not read (issue 22): the summary below says which and why.
    out.push(
      (locale === 'en'
        ? `⚠ ${checkedCount} file(s) checked, no problems found; ${notChecked} file(s) could not be checked (see below).`
        : `⚠ 已检查 ${checkedCount} 个文件，未发现问题；另有 ${notChecked} 个文件未能检查（见下）。`) + (fixedNote ? ` ${fixedNote}` : ''),
    );
  } else if (total === 0) {
    out.push(
      (locale === 'en' ? `✔ ${checkedCount} file(s) checked, no problems found.` : `✔ 已检查 ${checkedCount} 个文件，未发现问题。`) + (fixedNote ? ` ${fixedNote}` : ''),
    );
  } else {
    const summary =
      locale === 'en'
        ? `✖ ${total} problem(s) in ${checkedCount} file(s): ${counts.error} error(s), ${counts.warning} warning(s), ${counts.info} info` +
          // Named only when present, so the summary of a report without hints reads as before.
          (counts.hint > 0 ? `, ${counts.hint} hint(s)` : '') +
          (safe > 0 ? `; ${safe} can be fixed safely with --fix` : '')
        : `✖ 已检查 ${checkedCount} 个文件，共 ${total} 个问题：${counts.error} 个错误，${counts.warning} 个警告，${counts.info} 个提示` +
          (counts.hint > 0 ? `，${counts.hint} 个建议` : '') +
          (safe > 0 ? `；其中 ${safe} 个可用 --fix 安全修复` : '');
    out.push(color.bold(color.severity(counts.error > 0 ? 'error' : counts.warning > 0 ? 'warning' : counts.info > 0 ? 'info' : 'hint', summary)) + (fixedNote ? `\n${fixedNote}` : ''));
  }
  return out.join('\n');
}
