/**
 * The reviewer's batch (issue 22): every file given or found, with what became of it — checked
 * with problems, checked and clean, not read (and why, and what to do), skipped (and why) — its
 * form, the unit and year its title names and the format, and the files of the same unit and
 * year in the batch. The data the stylish summary is printed from, and the one the reviewer's
 * reports (issue 23) are built on.
 */
import { localize, say, type FormatId, type Language, type LocalizedText, type Severity } from '../core/index.js';
import type { FileKind } from '../shell/file-kind.js';
import type { FileOutcome, LaidOutTable, ShownGroup } from './check-files.js';
import type { JsonFinding, Problem } from './output.js';
import { forTerminal } from '../shell/terminal-text.js';

/** One file of the batch. */
export interface BatchFile {
  /** As shown (relative to the working directory). */
  readonly file: string;
  readonly form?: FileKind;
  /** `problems`: checked, with findings; `clean`: checked, none; `not-read`: not checked; `skipped`: not a report. */
  readonly state: 'problems' | 'clean' | 'not-read' | 'skipped';
  /** Why it was not read or skipped, and what to do. */
  readonly reason?: LocalizedText;
  /**
   * The reason's kind: `old-word`, `wps`, `encrypted`, `damaged`, `scanned`, `too-complex`, `not-text`,
   * `refused`, `unreadable`, `not-a-report`, `not-a-report-format`.
   */
  readonly reasonKind?: string;
  readonly unit?: string;
  readonly year?: number;
  readonly format?: FormatId;
  /** Its findings (as shown: after --quiet), each with the source-form position where the form has one. */
  readonly findings: readonly JsonFinding[];
  readonly counts: Readonly<Record<Severity, number>>;
  /** Problems (lines) not shown, left out by --quiet: a file `clean` with some is clean of errors only. */
  readonly hidden?: number;
  /** Its findings as lines, one per cause (issue 23). */
  readonly problems: readonly Problem[];
  /** Its standard tables in the official layout, when the check was asked for them. */
  readonly tables?: readonly LaidOutTable[];
  /** The other files of the batch that are reports of the same unit and year. */
  readonly sameUnitAndYear: readonly string[];
}

/**
 * The findings shown of an outcome as lines, one per cause (the outcome's groups); a group some
 * of whose findings are not shown (--quiet) keeps those shown, under its lead's own message.
 */
export function problemsOf(outcome: FileOutcome, shown: readonly JsonFinding[]): Problem[] {
  const visible = new Set(shown);
  const groups: readonly ShownGroup[] = outcome.groups ?? outcome.findings.map((_, i) => ({ members: [i], cells: [] }));
  const problems: Problem[] = [];
  for (const group of groups) {
    const findings = group.members.map((i) => outcome.findings[i]!).filter((f) => visible.has(f));
    if (findings.length === 0) continue;
    const whole = findings.length === group.members.length;
    const severity = SEVERITY_ORDER.find((s) => findings.some((f) => f.severity === s)) ?? findings[0]!.severity;
    problems.push({ severity, message: whole && group.message !== undefined ? group.message : findings[0]!.message, findings, cells: group.cells });
  }
  return problems;
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** The batch from the outcomes of a check, in their order; `shown` gives the findings kept for each (after --quiet). */
export function batchOf(
  outcomes: readonly FileOutcome[],
  shown: (outcome: FileOutcome) => readonly JsonFinding[],
  sameBody: (a: string, b: string) => boolean,
): BatchFile[] {
  const files = outcomes.map((outcome): BatchFile => {
    const findings = shown(outcome);
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const f of findings) counts[f.severity]++;
    const checked = outcome.state === 'checked' || outcome.state === 'unwritten';
    return {
      file: outcome.display,
      ...(outcome.form ? { form: outcome.form } : {}),
      state: checked ? (findings.length > 0 ? 'problems' : 'clean') : outcome.state === 'skipped' ? 'skipped' : 'not-read',
      ...(outcome.notRead ? { reason: outcome.notRead.message, reasonKind: outcome.notRead.kind } : {}),
      ...(outcome.unit !== undefined ? { unit: outcome.unit } : {}),
      ...(outcome.year !== undefined ? { year: outcome.year } : {}),
      ...(outcome.format ? { format: outcome.format } : {}),
      findings,
      counts,
      problems: problemsOf(outcome, findings),
      // Counted in lines, as the problems are.
      ...(outcome.findings.length > findings.length ? { hidden: problemsOf(outcome, outcome.findings).length - problemsOf(outcome, findings).length } : {}),
      ...(outcome.tables ? { tables: outcome.tables } : {}),
      sameUnitAndYear: [],
    };
  });
  // Two reports of one unit for one year: sent twice (a Word file and its PDF), or a wrong title.
  return files.map((file) => {
    if (file.unit === undefined || file.year === undefined || file.state === 'not-read' || file.state === 'skipped') return file;
    const same = files.filter((o) => o !== file && o.unit !== undefined && o.year === file.year && (o.state === 'problems' || o.state === 'clean') && sameBody(o.unit, file.unit!));
    return same.length > 0 ? { ...file, sameUnitAndYear: same.map((o) => o.file) } : file;
  });
}

const FORM_NAMES: Readonly<Record<FileKind, LocalizedText>> = {
  markdown: say('Markdown', 'Markdown'),
  text: say('文本', 'text'),
  docx: say('Word 文档', 'Word'),
  html: say('网页', 'web page'),
  pdf: say('PDF', 'PDF'),
  doc: say('旧版 Word', 'old Word'),
  wps: say('WPS', 'WPS'),
};

/** The name of a form, as the summary shows it beside a file. */
export function formName(form: FileKind | undefined, language: Language): string {
  return form ? localize(FORM_NAMES[form], language) : '';
}

/**
 * The end of the stylish report for a batch: what was checked (clean files named), what was not
 * and why, what was skipped, and the units with two reports for one year. Empty for one checked
 * file with nothing else to say.
 */
export function formatBatchSummary(files: readonly BatchFile[], language: Language): string {
  const zh = language === 'zh';
  const name = (f: BatchFile): string => forTerminal(f.file);
  const checked = files.filter((f) => f.state === 'problems' || f.state === 'clean');
  const clean = checked.filter((f) => f.state === 'clean');
  const notRead = files.filter((f) => f.state === 'not-read');
  const skipped = files.filter((f) => f.state === 'skipped');
  const duplicated = checked.filter((f) => f.sameUnitAndYear.length > 0);
  if (files.length <= 1 && notRead.length === 0 && skipped.length === 0) return '';
  const out: string[] = [];
  out.push(
    zh
      ? `已检查 ${checked.length} 个文件：${checked.length - clean.length} 个有问题，${clean.length} 个未发现问题${notRead.length > 0 ? `；${notRead.length} 个未能检查` : ''}${skipped.length > 0 ? `；跳过 ${skipped.length} 个` : ''}。`
      : `Checked ${checked.length} file(s): ${checked.length - clean.length} with problems, ${clean.length} clean${notRead.length > 0 ? `; ${notRead.length} not checked` : ''}${skipped.length > 0 ? `; ${skipped.length} skipped` : ''}.`,
  );
  if (clean.length > 0) {
    out.push(zh ? '未发现问题：' : 'Clean:');
    for (const f of clean) out.push(`  ${name(f)}${f.form && f.form !== 'markdown' ? `（${formName(f.form, language)}）` : ''}`);
  }
  if (notRead.length > 0) {
    out.push(zh ? '未能检查（请按说明处理后重新提交）：' : 'Not checked (what to do is said):');
    for (const f of notRead) out.push(`  ${name(f)}：${forTerminal(localize(f.reason ?? say('无法读取', 'cannot be read'), language))}`);
  }
  if (skipped.length > 0) {
    out.push(zh ? '跳过：' : 'Skipped:');
    for (const f of skipped) out.push(`  ${name(f)}：${forTerminal(localize(f.reason ?? say('不是年度报告', 'not an annual report'), language))}`);
  }
  if (duplicated.length > 0) {
    out.push(zh ? '同一单位同一年度有多份报告（请确认哪一份是正式报告）：' : 'More than one report of one unit for one year (which one is the report?):');
    const seen = new Set<string>();
    for (const f of duplicated) {
      if (seen.has(f.file)) continue;
      const group = [f.file, ...f.sameUnitAndYear];
      group.forEach((g) => seen.add(g));
      out.push(`  ${forTerminal(f.unit ?? '')} ${f.year}${zh ? '年度' : ''}：${group.map(forTerminal).join(zh ? '、' : ', ')}`);
    }
  }
  return out.join('\n');
}
