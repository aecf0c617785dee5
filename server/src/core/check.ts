/**
 * Runs the rules on a draft. The model is built once; a rule that throws is reported as an
 * internal error and never hides the other rules' findings.
 */
import { buildReport, type Report } from './model/report.js';
import { findPrevious, type OtherReport } from './cross/previous.js';
import { ACROSS_RULES, RULES } from './rules/index.js';
import { applySuppressions } from './suppressions.js';
import { unusedDisable } from './rules/unused-disable.js';
import { documentTooComplex } from './rules/document-too-complex.js';
import { fileEncoding } from './rules/file-encoding.js';
import type { FormatId } from './formats/types.js';
import type { Rule, RuleContext } from './rules/types.js';
import type { Finding, Severity } from './findings.js';
import type { SourceEncoding } from './text/encoding.js';

/** Per-rule severity, or `off`. */
export type RuleSettings = Readonly<Record<string, Severity | 'off'>>;

/** Options of {@link checkReport}. */
export interface CheckOptions {
  /** Severity overrides by rule id; `off` disables a rule. */
  readonly rules?: RuleSettings;
  /** The rules to run (all by default). */
  readonly ruleSet?: readonly Rule[];
  /** Check against this format whatever the report year says (the `nianbao.format` setting). */
  readonly format?: FormatId;
  /**
   * Other reports the caller can see (the CLI's files, the editor's workspace): the previous
   * year's report of the same body among them is checked against this one.
   */
  readonly others?: readonly OtherReport[];
  /**
   * The encoding the caller read the file in (the CLI; the editor's buffers are already text):
   * anything but UTF-8 gets a `file-encoding` finding.
   */
  readonly encoding?: SourceEncoding;
}

/** A rule that threw, and what it threw. */
export interface RuleFailure {
  readonly rule: string;
  readonly error: unknown;
}

/** The findings of one draft. */
export interface CheckResult {
  readonly report: Report;
  /** In document order. */
  readonly findings: readonly Finding[];
  readonly failures: readonly RuleFailure[];
}

/**
 * The rules that read no parse, the only ones run on a draft the input guard kept from it: the
 * others would report every section and table missing, and fix-all would insert them forever.
 */
const UNPARSED_RULES: ReadonlySet<string> = new Set([documentTooComplex.id, fileEncoding.id, unusedDisable.id]);

/** Checks a report model. */
export function checkReport(built: Report, options: CheckOptions = {}): CheckResult {
  const report = options.format ? { ...built, requiredFormat: options.format } : built;
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const context: RuleContext = options.encoding ? { encoding: options.encoding } : {};
  const ran = new Set<string>();
  const unparsed = built.inputLimit !== undefined;
  for (const rule of options.ruleSet ?? RULES) {
    if (unparsed && !UNPARSED_RULES.has(rule.id)) continue;
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    ran.add(rule.id);
    try {
      for (const found of rule.check(report, context)) {
        findings.push({
          ...found,
          rule: rule.id,
          severity: setting ?? found.severity ?? rule.defaultSeverity,
          related: found.related ?? [],
          fixes: found.fixes ?? [],
        });
      }
    } catch (error) {
      failures.push({ rule: rule.id, error });
    }
  }
  const previous = options.others && !unparsed ? findPrevious(report, options.others) : undefined;
  for (const rule of previous ? ACROSS_RULES : []) {
    const setting = options.rules?.[rule.id];
    if (setting === 'off') continue;
    ran.add(rule.id);
    try {
      for (const found of rule.check(report, previous!)) {
        findings.push({ ...found, rule: rule.id, severity: setting ?? found.severity ?? rule.defaultSeverity, related: found.related ?? [], fixes: found.fixes ?? [] });
      }
    } catch (error) {
      failures.push({ rule: rule.id, error });
    }
  }
  // `<!-- nianbao-disable … -->` comments (suppressions.ts): by the line a finding starts on.
  const known = new Set([...RULES, ...ACROSS_RULES].map((rule) => rule.id));
  const suppressed = applySuppressions(report.text, report.lines, findings, { known, ran });
  findings.length = 0;
  // Not push(...): a line of 1,000,000 characters of prose gives more findings than the stack holds.
  for (const found of suppressed.findings) findings.push(found);
  if (ran.has(unusedDisable.id)) {
    const setting = options.rules?.[unusedDisable.id];
    for (const found of suppressed.unused) {
      findings.push({ ...found, rule: unusedDisable.id, severity: (setting !== 'off' ? setting : undefined) ?? unusedDisable.defaultSeverity, related: [], fixes: found.fixes ?? [] });
    }
  }
  findings.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.rule.localeCompare(b.rule));
  return { report, findings, failures };
}

/** Reads and checks a draft. */
export function checkText(text: string, options: CheckOptions = {}): CheckResult {
  return checkReport(buildReport(text), options);
}
