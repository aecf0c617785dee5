/**
 * The vocabulary of the core: findings, fixes, edits and messages in both languages. Every layer
 * above the model speaks it (rules, prose, cross, suppressions, fixes, the CLI and the server);
 * it imports nothing but text ranges, so nothing below it is ever pulled up.
 */
import type { TextRange } from './text/lines.js';

/**
 * How serious a finding is, most serious first. `hint` is below `info`: a tolerated variant the
 * spec accepts (formats.md §2, "with a hint, not an error"), shown faintly and never counted as
 * a warning.
 */
export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;

/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** What a user may set a rule to (settings, `.nianbaorc.json`, `--rule`): a severity, or `off`. */
export const SEVERITY_SETTINGS = [...SEVERITIES, 'off'] as const;

/** One of {@link SEVERITY_SETTINGS}. */
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

/** Whether a value (from a settings or config file) is a {@link SeveritySetting}. */
export function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(value);
}

/** Per-rule severity settings by rule id. */
export type RuleSettings = Readonly<Record<string, SeveritySetting>>;

/** The two languages of messages. */
export type Language = 'zh' | 'en';

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
  /**
   * A safe fix that corrects, where it stands, text the author wrote: a label's typo, a heading's
   * wording, 无 → 0. Only these are applied on save (`source.fixAll.nianbao`, issue 20); a fix
   * that inserts a section or a table, converts a table or edits prose waits for the fix-all
   * command, `--fix` or a quick fix.
   */
  readonly inPlace?: boolean;
}

/** Which safe fixes a fix-all applies: all of them (the command, `--fix`), or those in place only (on save). */
export type FixScope = 'all' | 'inPlace';

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

/** Builds a message in both languages. */
export function say(zh: string, en: string): LocalizedText {
  return { zh, en };
}

/** A message in one language. */
export function localize(text: LocalizedText, language: Language): string {
  return language === 'en' ? text.en : text.zh;
}
