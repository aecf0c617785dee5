/**
 * Runs the rules on a draft. The model is built once; a rule that throws is reported as an
 * internal error and never hides the other rules' findings.
 */
import type { OtherReport } from './cross/previous.js';
import type { Finding, RuleFinding, RuleSettings, SeveritySetting } from './findings.js';
import type { FormatId } from './formats/types.js';
import { buildReport, type Report } from './model/report.js';
import { RULES } from './rules/index.js';
import type { Rule, RuleContext } from './rules/types.js';
import { unusedDisable } from './rules/unused-disable.js';
import { applySuppressions } from './suppressions.js';
import type { SourceEncoding } from './text/encoding.js';

export type { RuleSettings } from './findings.js';

/**
 * How to check one document: built once by the caller (the CLI from the config file and its
 * flags, the editor from its settings) and passed unchanged to {@link checkReport} and to
 * fix-all, so both see the same rules and format.
 */
export interface CheckOptions {
  /** Severity overrides by rule id; `off` disables a rule. */
  readonly rules?: RuleSettings;
  /** The rules to run (all by default). */
  readonly ruleSet?: readonly Rule[];
  /** Check against this format whatever the report year says (the `nianbao.format` setting). */
  readonly format?: FormatId;
  /**
   * The previous year's report of the same body, when the caller can see one (the CLI's files,
   * the editor's workspace; cross/previous.ts finds it): the rules across reports compare with it.
   */
  readonly previous?: OtherReport;
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

/** Whether a finding's fixes are of its rule's fix class (markdownlint checks its rules' fixInfo likewise). */
function fixesMatchClass(rule: Rule, found: RuleFinding): boolean {
  const fixes = found.fixes ?? [];
  switch (rule.fix) {
    case 'none':
      return fixes.length === 0;
    case 'safe':
    case 'unsafe':
      return fixes.every((fix) => fix.safety === rule.fix);
    case 'safe+unsafe':
      return true;
  }
}

/**
 * A rule's finding as the caller sees it: the rule's id, the severity (the user's setting over
 * the finding's own over the rule's default), related locations and fixes never undefined.
 * Throws when a fix is outside the rule's fix class: a rule bug, recorded as its failure.
 */
export function toFinding(rule: Rule, found: RuleFinding, setting: SeveritySetting | undefined): Finding {
  if (!fixesMatchClass(rule, found)) throw new Error(`${rule.id}: a fix outside the rule's fix class “${rule.fix}”`);
  return {
    ...found,
    rule: rule.id,
    severity: (setting !== 'off' ? setting : undefined) ?? found.severity ?? rule.defaultSeverity,
    related: found.related ?? [],
    fixes: found.fixes ?? [],
  };
}

/** Checks a report model. */
export function checkReport(built: Report, options: CheckOptions = {}): CheckResult {
  const report = options.format ? { ...built, requiredFormat: options.format } : built;
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const unparsed = built.inputLimit !== undefined;
  const previous = options.previous && !unparsed ? options.previous : undefined;
  const rules = options.ruleSet ?? RULES;
  const runs = (rule: Rule): boolean =>
    !(unparsed && !rule.withoutParse) && !(rule.needsPrevious && !previous) && options.rules?.[rule.id] !== 'off';
  const running = new Set(rules.filter(runs).map((rule) => rule.id));
  const context: RuleContext = {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(previous ? { previous } : {}),
    runs: (id) => running.has(id),
  };
  const ran = new Set<string>();
  for (const rule of rules) {
    if (!running.has(rule.id)) continue;
    const setting = options.rules?.[rule.id];
    ran.add(rule.id);
    try {
      const found = rule.check(report, context).map((f) => toFinding(rule, f, setting));
      // Not push(...): a line of 1,000,000 characters of prose gives more findings than the stack holds.
      for (const finding of found) findings.push(finding);
    } catch (error) {
      failures.push({ rule: rule.id, error });
    }
  }
  // `<!-- nianbao-disable … -->` comments (suppressions.ts): by the line a finding starts on.
  const known = new Set(RULES.map((rule) => rule.id));
  const suppressed = applySuppressions(report.text, report.lines, findings, { known, ran });
  const kept: Finding[] = [];
  for (const found of suppressed.findings) kept.push(found);
  if (ran.has(unusedDisable.id)) {
    try {
      for (const found of suppressed.unused) kept.push(toFinding(unusedDisable, found, options.rules?.[unusedDisable.id]));
    } catch (error) {
      failures.push({ rule: unusedDisable.id, error });
    }
  }
  kept.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.rule.localeCompare(b.rule));
  return { report, findings: kept, failures };
}

/** Reads and checks a draft. */
export function checkText(text: string, options: CheckOptions = {}): CheckResult {
  return checkReport(buildReport(text), options);
}
