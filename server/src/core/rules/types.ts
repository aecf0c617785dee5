/**
 * Rules: one check, one id, one file. A rule reports findings in the vocabulary of findings.ts.
 */
import type { Report } from '../model/report.js';
import type { SourceEncoding } from '../text/encoding.js';
import type { RuleFinding, Severity, LocalizedText } from '../findings.js';
import type { OtherReport } from '../cross/previous.js';

/** A rule: one check, one id (rules.md), one file. */
export interface Rule {
  /** The id of rules.md, also the diagnostic code and the settings key. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** The fix class of rules.md. */
  readonly fix: 'safe' | 'unsafe' | 'safe+unsafe' | 'none';
  readonly category: 'document' | 'tables' | 'text' | 'across';
  /** One line on what it finds. */
  readonly description: LocalizedText;
  /** Runs the check on a report model. */
  check(report: Report, context?: RuleContext): RuleFinding[];
}

/** What the caller knows of the checked text beyond the text itself (`CheckOptions`). */
export interface RuleContext {
  /** The encoding the file was read in; absent when the text did not come from a file (an editor buffer). */
  readonly encoding?: SourceEncoding;
}

/** A rule that compares a report with the previous year's. */
export interface AcrossRule {
  readonly id: string;
  readonly defaultSeverity: Severity;
  readonly fix: 'none';
  readonly category: 'across';
  readonly description: LocalizedText;
  check(current: Report, previous: OtherReport): RuleFinding[];
}
