/**
 * Findings, fixes and rules. A finding carries its fixes as plain data (edits on the text it
 * was computed from), so an editor can offer them without asking the checker again.
 */
import type { Report } from '../model/report.js';
import type { SourceEncoding } from '../text/encoding.js';
import type { TextRange } from '../text/lines.js';

/**
 * How serious a finding is. `hint` is below `info`: a tolerated variant the spec accepts
 * (formats.md §2, "with a hint, not an error"), shown faintly and never counted as a warning.
 */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A message in both languages; the caller picks one. */
export interface LocalizedText {
  readonly zh: string;
  readonly en: string;
}

/** Replace `range` of the checked text with `newText`. */
export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

/**
 * A fix. `safe` changes no figure and no meaning and may be applied by fix-all; `unsafe`
 * changes a figure or asserts a fact and is only ever offered (rules.md).
 */
export interface Fix {
  readonly title: LocalizedText;
  readonly safety: 'safe' | 'unsafe';
  readonly edits: readonly TextEdit[];
}

/** Another place that explains a finding (the addends of a sum). */
export interface RelatedLocation {
  readonly range: TextRange;
  readonly message: LocalizedText;
  /** The other report the range is in (rules across reports); absent for this document. */
  readonly file?: string;
}

/** What a rule reports. */
export interface RuleFinding {
  readonly range: TextRange;
  readonly message: LocalizedText;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
  /** Overrides the rule's default severity (2019 reports: format mismatch is informational). */
  readonly severity?: Severity;
}

/** A finding with its rule and severity. */
export interface Finding extends RuleFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
}

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

/** Builds a message in both languages. */
export function say(zh: string, en: string): LocalizedText {
  return { zh, en };
}
