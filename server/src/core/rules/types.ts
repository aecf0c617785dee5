/**
 * Rules: one check, one id, one file. A rule reports findings in the vocabulary of findings.ts;
 * what it needs beyond the report model comes in its context (the file's encoding, last year's
 * report of the same body).
 */
import type { OtherReport } from '../cross/previous.js';
import type { LocalizedText, RuleFinding, Severity } from '../findings.js';
import type { Report } from '../model/report.js';
import type { SourceEncoding } from '../text/encoding.js';

/** The fix class of rules.md: which fixes a rule's findings may carry. */
export type FixClass = 'safe' | 'unsafe' | 'safe+unsafe' | 'none';

/** A rule: one check, one id (rules.md), one file. */
export interface Rule {
  /** The id of rules.md, also the diagnostic code and the settings key. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** The fix class of rules.md; a finding with a fix outside it is a rule failure (check.ts). */
  readonly fix: FixClass;
  readonly category: 'document' | 'tables' | 'text' | 'across';
  /** One line on what it finds. */
  readonly description: LocalizedText;
  /**
   * Reads nothing of the parse, so it also runs on a draft the input guard kept from the parse
   * (model/input-guard.ts), where every other rule would report the whole report missing.
   */
  readonly withoutParse?: boolean;
  /** Compares the report with last year's: runs only when the caller gives one (`CheckOptions.previous`). */
  readonly needsPrevious?: boolean;
  /** Runs the check on a report model. */
  check(report: Report, context: RuleContext): RuleFinding[];
}

/** What the caller knows of the checked text beyond the text itself (`CheckOptions`). */
export interface RuleContext {
  /** The encoding the file was read in; absent when the text did not come from a file (an editor buffer). */
  readonly encoding?: SourceEncoding;
  /** The previous year's report of the same body, when the caller can see one. */
  readonly previous?: OtherReport;
  /**
   * Whether a rule runs in this check (not `off`, in the rule set): a finding that several rules
   * could report (a wrong cell breaking a row total and a column total) goes to the first that
   * runs. Absent: every rule runs.
   */
  readonly runs?: (ruleId: string) => boolean;
}
